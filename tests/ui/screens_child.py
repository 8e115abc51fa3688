"""One screen size, in a process of its own (QT_SCALE_FACTOR is read once, at
start): every page of the main window shown, photographed and measured.

Run by test_screens.py as ``python -m tests.ui.screens_child STORE NAME OUT``
with QT_QPA_PLATFORM pointing the offscreen platform at a screen of the size
wanted; prints one JSON object: what is off the window, which tables cut
columns off, where the screenshots are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFileDialog, QTableView, QWidget


def _inside_a_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def off_the_window(window: QWidget) -> list[str]:
    """Visible widgets that reach past the window's edges (not scrolled content)."""
    frame = window.rect()
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _inside_a_scroll_area(widget, window):
            continue
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not frame.contains(rect):
            found.append(f"{type(widget).__name__}#{widget.objectName()} {rect.getRect()}")
    return found


def cut_columns(view: QTableView) -> bool:
    """Whether the table's columns need more width than it shows."""
    header = view.horizontalHeader()
    return header.length() > view.viewport().width() + 1


def main(store_path: str, name: str, out: str) -> None:
    from ui.shell.app import make_app

    app = make_app()  # first: tests.conftest sets its own QT_QPA_PLATFORM

    from frontdesk.store.engine import open_store
    from tests.conftest import FIXED_NOW
    from ui.kit import i18n
    from ui.kit.context import DeskContext
    from ui.shell.main_window import MainWindow

    i18n.install_language("zh_CN")
    store = open_store(store_path)
    window = MainWindow(DeskContext(store, desk="前台1", clock=lambda: FIXED_NOW))
    window.show()
    app.processEvents()
    screen = window.screen().availableGeometry()
    report: dict[str, object] = {
        "screen": screen.getRect(), "window": window.frameGeometry().getRect(),
        "window_inside": screen.contains(window.frameGeometry()), "pages": {}}
    for row, factory in enumerate(window.factories):
        window.nav.setCurrentRow(row)
        for _ in range(3):
            app.processEvents()
        page = window.page(row)
        shot = Path(out) / f"i11-{name}-{factory.__name__}.png"
        window.grab().save(str(shot))
        tables = {view.objectName() or type(view).__name__: cut_columns(view)
                  for view in page.findChildren(QTableView) if view.isVisible()}
        report["pages"][factory.__name__] = {  # type: ignore[index]
            "off": off_the_window(window), "cut": tables, "shot": str(shot)}
    dialog = QFileDialog(window, QApplication.translate("App", "FrontDesk store"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(Path(out) / f"i11-{name}-file-dialog.png"))
    report["file_dialog"] = [label.text() for label in dialog.findChildren(QWidget)
                             if hasattr(label, "text") and isinstance(label.text(), str)
                             and label.isVisible()]
    dialog.close()
    window.close()
    store.dispose()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main(*sys.argv[1:4])
