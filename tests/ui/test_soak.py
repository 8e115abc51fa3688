"""A soak of ordinary Qt calls, in a child process.

PySide6 6.12.0 on CPython 3.11 aborts ("none_dealloc") after a few thousand
Qt calls that return None. This runs 25,000 such calls — filling and
clearing a table, setting texts — in a child, so a bad PySide6/Python pair
fails here with a clear message instead of at a desk in the evening.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SOAK = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QLabel, QTableWidget, QTableWidgetItem
    app = QApplication([])
    table = QTableWidget(50, 4)
    label = QLabel()
    calls = 0
    for round_ in range(25):
        for row in range(50):
            for column in range(4):
                table.setItem(row, column, QTableWidgetItem(f"{round_}:{row}:{column}"))
                calls += 1
        for i in range(700):
            label.setText(str(i))
            label.setToolTip(str(i))
            calls += 2
        table.clearContents()
        calls += 1
    app.processEvents()
    print(calls)
    """
)


def test_twenty_thousand_qt_calls_do_not_abort():
    import PySide6

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", SOAK], env=env, capture_output=True,
                          text=True, timeout=120)
    pair = f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]}"
    assert done.returncode == 0, f"{pair} aborted under ordinary Qt calls:\n{done.stderr[-2000:]}"
    assert int(done.stdout.strip()) >= 20_000
