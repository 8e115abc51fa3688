"""One start-up, measured from inside a fresh process (used by roster_bench).

    python bench/startup_child.py minimal|frontdesk STORE

Prints JSON: milliseconds from process start to the first shown, painted
window with its event loop running, and the resident memory once idle.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


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
    if mode == "minimal":
        from PySide6.QtWidgets import QApplication, QLabel

        app = QApplication([])
        window = QLabel("FrontDesk")
        window.resize(1280, 800)
        window.show()
    else:
        # As the ``frontdesk`` command does: the core's CLI first, then the windows.
        from frontdesk.cli import window_args
        from ui.shell.app import start

        args = window_args(["--db", store, "--lang", "zh_CN"])
        assert args is not None
        app, shown, _store = start(args)
        assert shown is not None
    from PySide6.QtCore import QTimer

    def ready() -> None:
        result["ready_ms"] = _process_age_ms()
        QTimer.singleShot(1500, idle)

    def idle() -> None:
        result["rss_mb"] = _rss_mb()
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
