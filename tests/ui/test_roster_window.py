"""The roster as desk staff use it: type to search, add, fix a wrong phone, enroll."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import func, select

from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.store.models import Learner
from frontdesk.vocab import FeeTier
from ui.kit.learner_model import LearnerTableModel
from ui.roster.learner_dialog import LearnerDialog
from ui.roster.page import RosterPage
from ui.shell.main_window import MainWindow


def commit_text(widget, text: str) -> None:
    """Type Chinese the way an input method delivers it: one committed string.

    (QTest.keyClicks can only type what a keyboard has keys for.)
    """
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _search(qtbot, page: RosterPage, text: str) -> None:
    page.search_edit.clear()
    if text.isascii():
        qtbot.keyClicks(page.search_edit, text)
    else:
        commit_text(page.search_edit, text)
    qtbot.waitUntil(lambda: page.model.query == text, timeout=2000)


def _names(page: RosterPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, 1)) for r in range(model.rowCount())]


def _ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_search_as_you_type_by_pinyin_initials(qtbot, desk, now):
    with desk.store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), desk.actor, now)
    page = RosterPage(desk)
    qtbot.addWidget(page)
    _search(qtbot, page, "wangz")
    assert "王喆" in _names(page)
    assert all(n.startswith("王") for n in _names(page))
    # Phones are masked in the list.
    row = _names(page).index("王喆")
    assert page.model.data(page.model.index(row, 2)) == "138****5678"


def test_search_by_last_phone_digits_and_no_match(qtbot, desk, now):
    with desk.store.write() as s:
        add_learner(s, LearnerInput("李小龙", "13700009876"), desk.actor, now)
    page = RosterPage(desk)
    qtbot.addWidget(page)
    _search(qtbot, page, "0009876")
    assert _names(page) == ["李小龙"]
    _search(qtbot, page, "没有这个人")
    assert _names(page) == []
    assert "0" in page.count_label.text()


def test_new_learner_dialog_refuses_a_bad_phone_then_saves(qtbot, empty_desk):
    dialog = LearnerDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    commit_text(dialog.name_edit, "欧阳明月")
    qtbot.keyClicks(dialog.phone_edit, "1381234")
    _ok(qtbot, dialog)
    assert dialog.error_label.isVisible() or not dialog.error_label.isHidden()
    assert "不是有效的手机号" in dialog.error_label.text()
    with empty_desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 0
    dialog.phone_edit.clear()
    commit_text(dialog.phone_edit, "１３８１２３４５６７８")  # full-width, from an IME
    _ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with empty_desk.store.read() as s:
        learner = s.scalars(select(Learner)).one()
    assert (learner.name, learner.phone) == ("欧阳明月", "13812345678")


def test_duplicate_offers_the_existing_record(qtbot, empty_desk, now):
    with empty_desk.store.write() as s:
        existing = add_learner(s, LearnerInput("张伟", "13900001111"), empty_desk.actor, now)
    dialog = LearnerDialog(None, empty_desk)
    qtbot.addWidget(dialog)
    commit_text(dialog.name_edit, "张伟")
    qtbot.keyClicks(dialog.phone_edit, "13900001111")
    _ok(qtbot, dialog)
    assert "已有同名同手机号" in dialog.error_label.text()
    assert not dialog.open_existing_button.isHidden()
    qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value == existing.id
    with empty_desk.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 1


def test_enroll_into_full_course_then_withdraw_promotes(qtbot, empty_desk, now, monkeypatch):
    ctx = empty_desk
    with ctx.store.write() as s:
        course = add_course(s, CourseInput("AI+珠宝设计", FeeTier.FREE, 1), ctx.actor, now)
        first = add_learner(s, LearnerInput("甲一"), ctx.actor, now)
        second = add_learner(s, LearnerInput("乙二"), ctx.actor, now)
    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.show()
    from ui.roster.enroll_dialog import EnrollDialog

    def enroll_via_dialog(learner_id):
        dialog = EnrollDialog(page, ctx, learner_id)
        qtbot.addWidget(dialog)
        assert dialog.course_box.currentData() == course.id
        dialog.try_accept()
        return dialog.result_value

    for learner in (first, second):
        page.select_learner(learner.id)
        monkeypatch.setattr(EnrollDialog, "ask", lambda _p, _c, lid: enroll_via_dialog(lid))
        qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert "候补" in page.banner.text() and "第 1 位" in page.banner.text()
    page.select_learner(first.id)
    panel = page.enrollments
    assert panel.table.item(0, 2).text() == "在读"
    panel.table.selectRow(0)
    monkeypatch.setattr("ui.kit.widgets.confirm", lambda *_a: True)
    qtbot.mouseClick(panel.withdraw_button, Qt.MouseButton.LeftButton)
    assert page.banner.text() == "已退课。乙二 已从候补递补入班。"
    assert panel.table.item(0, 2).text() == "已退课"


def test_learner_model_is_a_valid_qt_model(qtmodeltester, demo_store):
    from frontdesk.roster.search import search_learners

    def fetch(query, after_id, limit):
        with demo_store.read() as s:
            return search_learners(s, query, after_id=after_id, limit=limit)

    model = LearnerTableModel(fetch, page=50)
    model.set_query("")
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 100
    qtmodeltester.check(model)


def test_switching_language_retranslates_open_windows(qtbot, desk):
    window = MainWindow(desk)
    qtbot.addWidget(window)
    row = window.factories.index(RosterPage)
    assert window.nav.item(row).text() == "名册"
    window.switch_language("en")
    try:
        qtbot.waitUntil(lambda: window.nav.item(row).text() == "Roster", timeout=2000)
        roster = window.page(row)
        assert roster.add_button.text() == "New learner"
        assert roster.model.headerData(1, Qt.Orientation.Horizontal) == "Name"
    finally:
        window.switch_language("zh_CN")
    qtbot.waitUntil(lambda: window.nav.item(row).text() == "名册", timeout=2000)
