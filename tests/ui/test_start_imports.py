"""A start imports only what the first window needs: ReportLab (PDFs),
QtMultimedia (sounds, camera) and openpyxl (Excel) wait until first used.

The start runs in a fresh process, as ``frontdesk`` does, and lists the
modules loaded once the main window is shown and its event loop runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("reportlab", "PySide6.QtMultimedia", "openpyxl")

CHILD = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from frontdesk.cli import build_parser
    from ui.shell.app import start

    args = build_parser().parse_args(["--db", sys.argv[1], "--lang", "zh_CN"])
    app, window, store = start(args)
    assert window is not None
    loaded = {}

    def painted():
        loaded.update({name: name in sys.modules for name in sys.argv[2:]})
        window.close()
        app.quit()

    QTimer.singleShot(0, painted)
    app.exec()
    store.dispose()
    print(json.dumps(loaded))
    """
)


def test_a_start_leaves_pdfs_sounds_and_excel_for_later(demo_template_path, tmp_path):
    store = tmp_path / "school.sqlite3"
    store.write_bytes(demo_template_path.read_bytes())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CHILD, str(store), *LATER], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == dict.fromkeys(LATER, False), loaded
