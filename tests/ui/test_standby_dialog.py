"""Standby seats from the check-in page: the rules first, then a seat in one click.

A small school of its own (as in tests/domain/test_standby.py): 短视频直播 is
free and full (capacity 2: 王喆 and 李娜), with 阿依古丽·买买提, 张伟 and 陈思远
waiting in that order. Its lesson tonight runs 19:00–21:00; the clock is
19:05 and the course opens standby 5 minutes after the start. 王喆 has
arrived, 李娜 has not: one seat is on offer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from sqlalchemy import select

from frontdesk.checkin.scan import check_in_learner
from frontdesk.checkin.standby import STANDBY_RULES
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.roster.no_shows import AttendanceRules, save_rules
from frontdesk.store.models import Attendance
from frontdesk.vocab import AttendanceStatus, FeeTier
from tests.domain.report_fixtures import ACTOR, local
from ui.checkin.page import CheckInPage
from ui.checkin.standby_dialog import StandbyDialog, rules_text
from ui.kit.context import DeskContext
from ui.kit.words import describe_code

NAMES = ("王喆", "李娜", "阿依古丽·买买提", "张伟", "陈思远")


@dataclass(frozen=True)
class Town:
    ids: tuple[int, ...]
    course: int
    lesson: int
    other_lesson: int


def _build(ctx: DeskContext, *, standby_after_min: int = 5) -> Town:
    setup = local(10, 20, 10)
    with ctx.store.write() as s:
        ids = tuple(add_learner(s, LearnerInput(n, f"1381234567{i}"), ACTOR, setup).id
                    for i, n in enumerate(NAMES))
        course = add_course(s, CourseInput("短视频直播", FeeTier.FREE, capacity=2, code="S"),
                            ACTOR, setup).id
        other = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=9, code="T"),
                           ACTOR, setup).id
        for minute, who in enumerate(ids):
            enroll(s, who, course, 30, ACTOR, setup + dt.timedelta(minutes=minute))
        lesson = add_lesson(s, course, local(12, 1, 19), local(12, 1, 21), ACTOR, setup).id
        other_lesson = add_lesson(s, other, local(12, 1, 19), local(12, 1, 21), ACTOR, setup).id
        save_rules(s, AttendanceRules(standby_after_min=standby_after_min), ACTOR, setup,
                   course_id=course)
        check_in_learner(s, ids[0], local(12, 1, 18, 58), ACTOR)
    return Town(ids, course, lesson, other_lesson)


@pytest.fixture
def town(empty_desk: DeskContext) -> Town:
    return _build(empty_desk)


@pytest.fixture
def dialog(qtbot, empty_desk: DeskContext, town: Town) -> StandbyDialog:
    dialog = StandbyDialog(None, empty_desk, town.lesson)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _present(ctx: DeskContext, lesson_id: int) -> list[int]:
    with ctx.store.read() as s:
        return list(s.scalars(select(Attendance.learner_id).where(
            Attendance.lesson_id == lesson_id, Attendance.voided_at.is_(None),
            Attendance.status == AttendanceStatus.PRESENT).order_by(Attendance.id)))


def _candidate_names(dialog: StandbyDialog) -> list[str]:
    return [c.learner_name for c in dialog.candidate_model.rows]


def test_the_rules_come_first_with_the_course_minutes(dialog: StandbyDialog) -> None:
    assert dialog.pages.currentWidget() is dialog.rules_page
    shown = dialog.rules_label.text()
    for rule in rules_text(5):
        assert rule in shown
    # The six rules, translated in context "Standby", minutes filled in.
    assert len(rules_text(5)) == len(STANDBY_RULES) == 6
    second = QCoreApplication.translate("Standby", STANDBY_RULES[1])
    assert second.replace("{minutes}", "5") in shown
    assert "{minutes}" not in shown
    assert not dialog.seat_button.isVisible()


def test_after_the_rules_the_seats_and_candidates_show(qtbot, dialog: StandbyDialog) -> None:
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.seats_page
    offer = dialog.offer
    assert offer is not None and offer.free_seats == 1 and offer.can_seat
    assert "1" in dialog.state_label.text()
    assert [r.learner_name for r in dialog.missing_model.rows] == ["李娜"]
    assert _candidate_names(dialog) == ["阿依古丽·买买提", "张伟", "陈思远"]
    assert not dialog.seat_button.isEnabled()  # nobody chosen yet


def test_one_click_seats_a_waiting_learner_then_refuses_the_next(
        qtbot, dialog: StandbyDialog, empty_desk: DeskContext, town: Town) -> None:
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    dialog.candidate_view.selectRow(1)  # 张伟
    assert dialog.seat_button.isEnabled()
    qtbot.mouseClick(dialog.seat_button, Qt.MouseButton.LeftButton)
    assert _present(empty_desk, town.lesson) == [town.ids[0], town.ids[3]]
    assert [s.learner_name for s in dialog.seated] == ["张伟"]
    assert dialog.banner.kind == "ok" and "张伟" in dialog.banner.text()
    assert dialog.offer is not None and dialog.offer.free_seats == 0
    assert _candidate_names(dialog) == ["阿依古丽·买买提", "陈思远"]
    assert not dialog.seat_button.isEnabled()
    # The last seat is gone: a double-click is refused by the domain, in words.
    dialog.candidate_view.selectRow(0)
    dialog.on_candidate_view_double_clicked(dialog.candidate_model.index(0, 0))
    assert dialog.banner.kind == "error"
    assert dialog.banner.text() == describe_code("standby_no_seat",
                                                 {"course_title": "短视频直播", "capacity": 2})
    assert _present(empty_desk, town.lesson) == [town.ids[0], town.ids[3]]


def test_a_course_without_standby_says_so(qtbot, dialog: StandbyDialog, town: Town) -> None:
    index = dialog.lesson_box.findData(town.other_lesson)
    dialog.lesson_box.setCurrentIndex(index)
    assert dialog.pages.currentWidget() is dialog.rules_page  # another lesson: rules again
    qtbot.mouseClick(dialog.read_button, Qt.MouseButton.LeftButton)
    assert dialog.offer is not None and not dialog.offer.can_seat
    assert dialog.state_label.text() == dialog.state_text(dialog.offer)
    assert "—" in dialog.rules_label.text()  # no minutes to show


def test_check_in_page_opens_standby_for_the_pinned_lesson(
        qtbot, monkeypatch, empty_desk: DeskContext, town: Town) -> None:
    page = CheckInPage(empty_desk)
    qtbot.addWidget(page)
    page.show()
    page.lesson_box.setCurrentIndex(page.lesson_box.findData(town.lesson))
    asked: list[int | None] = []

    def ask(parent, context, lesson_id=None):  # type: ignore[no-untyped-def]
        asked.append(lesson_id)
        return []

    monkeypatch.setattr(StandbyDialog, "ask", ask)
    qtbot.mouseClick(page.standby_button, Qt.MouseButton.LeftButton)
    assert asked == [town.lesson]
    page.shutdown()
