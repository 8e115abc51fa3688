"""Help → About names the version, the store and the data and log folders."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from frontdesk import __version__
from frontdesk.paths import data_dir, log_dir
from ui.shell.main_window import MainWindow


def test_about_names_the_version_the_store_and_the_folders(qtbot, desk, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about",
                        staticmethod(lambda parent, title, text: shown.append((title, text))))
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.about_action.trigger()
    [(title, text)] = shown
    assert "关于" in title
    assert f"FrontDesk {__version__}" in text
    assert f"数据库：{desk.store.url}" in text
    assert f"数据文件夹：{data_dir()}" in text and f"日志文件夹：{log_dir()}" in text
