"""One start-up, measured from inside a fresh process (used by startup_bench).

    python bench/startup_child.py minimal|frontdesk STORE

Prints JSON: milliseconds from process start to the first painted window
(``paint_ms``: for FrontDesk its main window's frame, before the store opens),
to "ready" (``ready_ms``: the store open, the main window shown and its first
page's figures on screen; for a bare window, its first paint), and the
resident memory once idle after that (``rss_mb``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

IDLE_MS = 1500  # after "ready": the worker threads done, the event loop idle


def _process_age_ms() -> float:
    # Wall time since the process started, from /proc (Linux), else since import.
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        import os

        boot = float(Path("/proc/uptime").read_text().split()[0])
        return (boot - ticks / os.sysconf("SC_CLK_TCK")) * 1000
    except (OSError, ValueError, IndexError):
        return (time.perf_counter() - _T0) * 1000


_T0 = time.perf_counter()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    mode, store = sys.argv[1], sys.argv[2]
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    result: dict[str, float] = {}
    from PySide6.QtCore import QObject, QTimer

    def idle() -> None:
        result["rss_mb"] = _rss_mb()
        app.quit()

    def ready() -> None:
        result["ready_ms"] = _process_age_ms()
        QTimer.singleShot(IDLE_MS, idle)

    if mode == "minimal":
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])
        window: Any = QLabel("FrontDesk")
        window.resize(1280, 800)

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: Any) -> bool:
                if event.type() == event.Type.Paint and "paint_ms" not in result:
                    result["paint_ms"] = _process_age_ms()
                    QTimer.singleShot(0, ready)
                return False

        painted = FirstPaint()
        window.installEventFilter(painted)
        window.show()
    else:
        # As the ``frontdesk`` command does: the core's CLI first, then the windows.
        from frontdesk.cli import window_args
        from ui.shell.app import start, when_ready

        args = window_args(["--db", store, "--lang", "zh_CN"])
        assert args is not None
        opening = start(args)
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()  # type: ignore[assignment]
        opening.frame.painted.connect(lambda: result.setdefault("paint_ms", _process_age_ms()))
        opening.opened.connect(lambda window: when_ready(window, ready))
        opening.gave_up.connect(lambda code: sys.exit(f"FrontDesk did not open ({code})"))
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
