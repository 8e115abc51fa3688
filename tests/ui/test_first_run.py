"""The first start on an empty store: the demo school is built off the GUI thread."""

from __future__ import annotations

from ui.shell.app import store_is_empty
from ui.shell.first_run import FirstRunDialog, build_demo_interactively


def test_the_demo_is_a_choice_and_builds_a_school(qtbot, empty_desk):
    dialog = FirstRunDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.choice() == FirstRunDialog.EMPTY  # a real school's store is the default
    assert "水贝夜校" in dialog.demo_radio.text()
    dialog.demo_radio.click()
    assert dialog.choice() == FirstRunDialog.DEMO
    assert store_is_empty(empty_desk.store)
    assert build_demo_interactively(None, empty_desk)
    assert not store_is_empty(empty_desk.store)


def test_a_second_demo_on_a_filled_store_is_refused_with_words(qtbot, desk, monkeypatch):
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                        lambda _parent, _title, text: shown.append(text))
    assert not build_demo_interactively(None, desk)
    assert shown and "演示学校需要一个空数据库" in shown[0]


def test_a_real_school_starts_blank_and_cancelling_names_nothing(qtbot, empty_desk):
    from frontdesk.settings import school_is_named
    from ui.shell.main_window import MainWindow
    from ui.shell.settings_dialog import SettingsDialog

    form = SettingsDialog(None, empty_desk)
    qtbot.addWidget(form)
    blank = (form.name_edit, form.name_en_edit, form.receipt_edit, form.certificate_edit)
    assert [edit.text() for edit in blank] == ["", "", "", ""]
    form.reject()  # 取消
    assert not empty_desk.read(school_is_named)
    window = MainWindow(empty_desk)
    qtbot.addWidget(window)
    assert "水贝" not in window.windowTitle() and "Shuibei" not in window.windowTitle()
    assert "水贝" not in window.school_label.text()


def test_help_tells_the_desk_its_keys_in_chinese(qtbot, desk):
    from ui.shell.main_window import MainWindow

    window = MainWindow(desk)
    qtbot.addWidget(window)
    assert [a.text() for a in window.help_menu.actions()] == ["按键与扫码说明(&K)",
                                                              "关于 FrontDesk(&A)"]
    assert "Ctrl+F" in window.keys_text() and "扫码" in window.keys_text()
