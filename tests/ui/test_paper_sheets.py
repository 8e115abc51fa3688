"""The paper fallback at the check-in desk: print a lesson's sign-in sheet,
then type in the names ticked and the times written on it.

The demo school's clock is Tuesday 19:05 in Shenzhen; several courses have a
lesson from 19:00 tonight.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zoneinfo

import pytest
from PySide6.QtCore import QPoint, Qt, QTime
from sqlalchemy import func, select

from frontdesk.checkin.tonight import LessonSummary, lesson_roll
from frontdesk.store.models import Attendance
from frontdesk.vocab import CheckInMethod
from tests.ui.arrange import ArrangingDesk
from ui.checkin.page import CheckInPage
from ui.checkin.paper_sheets import PaperCheckInDialog, PaperLine, SignInSheetDialog, recent_lessons
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.output import Output

SHENZHEN = zoneinfo.ZoneInfo("Asia/Shanghai")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils not installed")


@pytest.fixture
def page(qtbot, desk) -> CheckInPage:
    page = CheckInPage(desk)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def busiest_open_lesson(page: CheckInPage) -> LessonSummary:
    now, opens = page.context.now(), page.checkin_context.opens
    open_now = [x for x in page.tonight_model.rows if x.is_open(now, opens)]
    return max(open_now, key=lambda x: x.enrolled - x.checked_in)


def pin(page: CheckInPage, lesson_id: int) -> None:
    page.lesson_box.setCurrentIndex(page.lesson_box.findData(lesson_id))
    assert page.pinned_lesson() == lesson_id


def paper_rows(ctx: DeskContext, lesson_id: int) -> list[tuple[int, CheckInMethod, dt.datetime]]:
    with ctx.store.read() as s:
        rows = s.execute(select(Attendance.learner_id, Attendance.method, Attendance.at).where(
            Attendance.lesson_id == lesson_id, Attendance.method == CheckInMethod.PAPER,
            Attendance.voided_at.is_(None)).order_by(Attendance.learner_id)).all()
    return [(lid, method, at.astimezone(SHENZHEN)) for lid, method, at in rows]


def attendance_count(ctx: DeskContext) -> int:
    with ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(Attendance)) or 0


def tick(qtbot, line: PaperLine) -> None:
    box = line.came
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def not_yet_in(dialog: PaperCheckInDialog) -> list[PaperLine]:
    return [line for line in dialog.lines if line.came.isEnabled()]


@pytest.fixture
def dialog(qtbot, page, desk) -> PaperCheckInDialog:
    lesson = busiest_open_lesson(page)
    dialog = PaperCheckInDialog(page, desk, recent_lessons(desk), lesson.lesson_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@needs_poppler
def test_sign_in_sheet_of_the_pinned_lesson(qtbot, page, desk, monkeypatch, tmp_path):
    lesson = busiest_open_lesson(page)
    pin(page, lesson.lesson_id)
    offered: list[tuple[list[int], int | None]] = []

    def ask_sheet(_parent, lessons, selected, _tz, _today):  # type: ignore[no-untyped-def]
        offered.append(([x.lesson_id for x in lessons], selected))
        return selected, Output.PDF  # the desk takes the lesson offered

    monkeypatch.setattr(SignInSheetDialog, "ask_sheet", ask_sheet)
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *_a: target)

    page.paper_button.sheet_action.trigger()

    lessons, selected = offered[0]
    assert selected == lesson.lesson_id
    assert set(lessons) == {x.lesson_id for x in page.tonight_model.rows if not x.cancelled}
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert lesson.course_title in text
    names = [r.name for r in desk.read(lesson_roll, lesson.lesson_id)]
    assert names and all(name in text for name in names)
    assert page.outcome.kind == "info"
    assert str(target) in page.outcome.headline.text()


def test_sign_in_sheet_dialog_offers_the_lesson_and_the_choice(qtbot, page):
    lessons = [x for x in page.tonight_model.rows if not x.cancelled]
    second = lessons[1].lesson_id
    dialog = SignInSheetDialog(page, lessons, second, SHENZHEN, dt.date(2026, 12, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lesson_box.count() == len(lessons)
    assert dialog.lesson_box.currentData() == second
    assert lessons[1].course_title in dialog.lesson_box.currentText()
    qtbot.mouseClick(dialog.choice_buttons[Output.PRINT], Qt.MouseButton.LeftButton)
    assert dialog.chosen is Output.PRINT


def test_two_paper_check_ins_are_recorded_with_their_times(qtbot, page, desk, monkeypatch):
    lesson = busiest_open_lesson(page)
    pin(page, lesson.lesson_id)

    def user_types_the_sheet(parent, context, lessons, selected):  # type: ignore[no-untyped-def]
        dialog = PaperCheckInDialog(parent, context, lessons, selected)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.lesson().lesson_id == lesson.lesson_id
        first, second = not_yet_in(dialog)[:2]
        tick(qtbot, first)
        first.time_edit.setTime(QTime(18, 52))
        second.time_edit.setTime(QTime(19, 3))  # a time typed ticks the name
        assert "2" in dialog.save_button.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()
        written.extend([first.row.learner_id, second.row.learner_id])
        return dialog.result_value

    written: list[int] = []
    monkeypatch.setattr(PaperCheckInDialog, "ask", user_types_the_sheet)

    page.paper_button.enter_action.trigger()

    rows = paper_rows(desk, lesson.lesson_id)
    times = {written[0]: (18, 52), written[1]: (19, 3)}
    assert sorted(r[0] for r in rows) == sorted(written)
    for learner_id, method, at in rows:
        assert method is CheckInMethod.PAPER
        assert (at.date(), (at.hour, at.minute)) == (dt.date(2026, 12, 1), times[learner_id])
    assert "2" in page.outcome.headline.text()
    assert page.outcome.kind == "info"


@pytest.mark.parametrize("written", [QTime(15, 0), QTime(20, 30)])  # before opening; to come
def test_a_wrong_time_is_refused_inline_and_nothing_is_written(qtbot, dialog, desk, written):
    before = attendance_count(desk)
    good, bad = not_yet_in(dialog)[:2]
    tick(qtbot, good)
    bad.time_edit.setTime(written)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert bad.row.name in dialog.error_label.text()
    assert dialog.result_value is None
    assert attendance_count(desk) == before

    bad.time_edit.setTime(QTime(19, 1))  # corrected: the whole sheet goes in
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result_value is not None
    assert len(dialog.result_value.result.recorded) == 2
    assert attendance_count(desk) == before + 2


def test_those_already_in_cannot_be_ticked(qtbot, dialog, desk):
    in_already = [line for line in dialog.lines if not line.came.isEnabled()]
    roll = desk.read(lesson_roll, dialog.lesson().lesson_id)
    assert len(dialog.lines) == len(roll)
    assert len(in_already) == sum(1 for r in roll if r.status is not None
                                  and r.status.value in ("present", "late"))
    qtbot.mouseClick(dialog.tick_all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.ticked()) == len(dialog.lines) - len(in_already)
    assert dialog.save_button.isEnabled()


def test_nothing_ticked_cannot_be_saved(dialog):
    assert dialog.ticked() == []
    assert not dialog.save_button.isEnabled()


def test_paper_sheet_is_typed_in_the_next_day_too(desk):
    tomorrow = ArrangingDesk(desk.store, desk=desk.desk,
                           clock=lambda: desk.now() + dt.timedelta(days=1))
    lessons = recent_lessons(tomorrow)
    tonight_ids = {x.lesson_id for x in recent_lessons(desk, days=1)}
    assert tonight_ids and tonight_ids <= {x.lesson_id for x in lessons}


def test_a_sheet_typed_in_the_next_day_is_marked_as_late_entries(qtbot, desk):
    from PySide6.QtCore import QCoreApplication

    from ui.checkin.paper_sheets import paper_notice

    tomorrow = DeskContext(desk.store, desk=desk.desk,
                           clock=lambda: desk.now() + dt.timedelta(days=1))
    tonight_ids = {x.lesson_id for x in recent_lessons(desk, days=1)}
    lessons = recent_lessons(tomorrow)
    lesson = next(x for x in lessons if x.lesson_id in tonight_ids and x.enrolled)
    dialog = PaperCheckInDialog(None, tomorrow, lessons, lesson.lesson_id)
    qtbot.addWidget(dialog)
    line = not_yet_in(dialog)[0]
    line.time_edit.setTime(QTime(19, 2))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    entered = dialog.result_value
    assert entered is not None and entered.result.late_entry_reason == "paper_sheet"
    with desk.store.read() as s:
        row = s.scalars(select(Attendance).where(
            Attendance.id == entered.result.recorded[0])).one()
    assert (row.late_entry_reason, row.recorded_at) == ("paper_sheet", tomorrow.now())
    assert row.at.astimezone(SHENZHEN).time() == dt.time(19, 2)
    assert QCoreApplication.translate(
        "PaperSheets", "The lesson was over: they are marked as late entries, with you "
        "and the time of entry.") in paper_notice(entered).text
