"""The first start on an empty store: the demo school is built off the GUI thread."""

from __future__ import annotations

from ui.shell.app import store_is_empty
from ui.shell.first_run import FirstRunDialog, build_demo_interactively


def test_the_demo_is_the_suggested_start_and_builds_a_school(qtbot, empty_desk):
    dialog = FirstRunDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.choice() == FirstRunDialog.DEMO
    assert "水贝夜校" in dialog.demo_radio.text()
    assert store_is_empty(empty_desk.store)
    assert build_demo_interactively(None, empty_desk)
    assert not store_is_empty(empty_desk.store)


def test_a_second_demo_on_a_filled_store_is_refused_with_words(qtbot, desk, monkeypatch):
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _parent, _title, text: shown.append(text))
    assert not build_demo_interactively(None, desk)
    assert shown and "演示学校需要一个空数据库" in shown[0]
