"""A start paints its first window before it opens the store or imports what
only later work needs: the ORM (SQLAlchemy), ReportLab (PDFs), openpyxl
(Excel), QtCharts (the dashboard's charts) and QtMultimedia (sounds, camera).

The start runs in a fresh process through the ``frontdesk`` command's own
entry, and lists the modules loaded at the first paint event of the first
window, and again once the desk is ready (the dashboard's figures shown).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BEFORE_FIRST_PAINT = ("sqlalchemy", "frontdesk.store.models", "reportlab", "openpyxl",
                      "PySide6.QtCharts", "PySide6.QtMultimedia")
LATER = ("reportlab", "PySide6.QtMultimedia", "openpyxl")  # not even once ready

CHILD = textwrap.dedent(
    """
    import json, sys
    from ui.shell import app as shell_app
    from ui.shell import start_frame

    watched = sys.argv[2:]
    seen = {}

    def loaded():
        return sorted(name for name in watched if name in sys.modules)

    frame_paint = start_frame.StartFrame.paintEvent

    def paint(self, event):
        seen.setdefault("first_paint", loaded())
        frame_paint(self, event)

    start_frame.StartFrame.paintEvent = paint
    log_ready = shell_app.log_ready

    def ready():
        seen["ready"] = loaded()
        log_ready()

    shell_app.log_ready = ready
    from ui.shell.launcher import main

    code = main(["--db", sys.argv[1], "--lang", "zh_CN"])
    print(json.dumps({"code": code, **seen}))
    """
)


def test_the_first_window_is_painted_before_the_store_and_the_heavy_modules(
        demo_template_path, tmp_path):
    store = tmp_path / "school.sqlite3"
    store.write_bytes(demo_template_path.read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               FRONTDESK_QUIT_AFTER_S="0.2", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", CHILD, str(store), *BEFORE_FIRST_PAINT],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["first_paint"] == [], seen  # nothing of them before the first paint
    # Once ready, the store and the charts are there (so the probe does see modules)…
    assert {"sqlalchemy", "frontdesk.store.models", "PySide6.QtCharts"} <= set(seen["ready"])
    # … and PDFs, Excel and sounds still wait until first used.
    assert not set(LATER) & set(seen["ready"]), seen
