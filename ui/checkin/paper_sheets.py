"""The paper fallback of the check-in desk: print a lesson's sign-in sheet
beforehand, and type in what learners wrote on it afterwards.

Typing a sheet in is one domain call (``attendance.record_paper_checkins``)
for the whole sheet: a wrong line (a time outside the lesson, a time still
to come) refuses it all, the refusal is shown in the dialog, and nothing is
written until the sheet is right. The rows are marked as paper check-ins
with the times written on the sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.attendance import PaperResult
from frontdesk.checkin.tonight import LessonSummary, RollRow
from frontdesk.errors import DomainError
from frontdesk.staff.roles import Action
from frontdesk.vocab import ARRIVED, AttendanceStatus
from ui.kit.context import DeskContext
from ui.kit.output import Notice, Output, OutputDialog, deliver_pdf
from ui.kit.widgets import TranslatedButton
from ui.kit.words import describe
from ui.kit.worker import off_thread

PAPER_DAYS = 7  # a sheet is typed in that evening or in the days after, not weeks later



def lesson_label(lesson: LessonSummary, tz: zoneinfo.ZoneInfo, today: dt.date) -> str:
    start, end = lesson.starts_at.astimezone(tz), lesson.ends_at.astimezone(tz)
    day = "" if start.date() == today else f"{start:%m-%d} "
    room = f" · {lesson.room}" if lesson.room else ""
    return f"{day}{start:%H:%M}–{end:%H:%M} {lesson.course_title}{room}"


def fill_lessons(box: QComboBox, lessons: list[LessonSummary], tz: zoneinfo.ZoneInfo,
                 today: dt.date, selected: int | None) -> None:
    box.clear()
    for lesson in lessons:
        box.addItem(lesson_label(lesson, tz, today), lesson.lesson_id)
    box.setCurrentIndex(max(0, box.findData(selected)) if selected is not None else 0)


# The sign-in sheet ------------------------------------------------------------------


class SignInSheetDialog(OutputDialog):
    """Which of tonight's lessons, then print or save its sign-in sheet."""

    def __init__(self, parent: QWidget | None, lessons: list[LessonSummary],
                 selected: int | None, tz: zoneinfo.ZoneInfo, today: dt.date) -> None:
        title = QCoreApplication.translate("PaperSheets", "Paper sign-in sheet")
        text = QCoreApplication.translate(
            "PaperSheets", "A sheet with every learner of the lesson, a column for the arrival "
            "time and one for the signature: the fallback when the power or the computer fails.")
        super().__init__(parent, title, text)
        self.lesson_box = QComboBox()
        self.lesson_box.setObjectName("sheet_lesson")
        fill_lessons(self.lesson_box, lessons, tz, today, selected)
        self.extra.addWidget(self.lesson_box)

    @classmethod
    def ask_sheet(cls, parent: QWidget | None, lessons: list[LessonSummary],
                  selected: int | None, tz: zoneinfo.ZoneInfo,
                  today: dt.date) -> tuple[int, Output] | None:
        """(lesson id, print or save), or None when cancelled. The seam tests replace."""
        dialog = cls(parent, lessons, selected, tz, today)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            lesson_id = dialog.lesson_box.currentData()
            if not accepted or dialog.chosen is None or lesson_id is None:
                return None
            return int(lesson_id), dialog.chosen
        finally:
            dialog.deleteLater()


def print_signin_sheet(parent: QWidget | None, context: DeskContext, lesson_id: int,
                       output: Output) -> Notice | None:
    """Draw the lesson's sheet off the GUI thread, then print or save it."""
    from frontdesk.documents.signin_sheet import render_signin_sheet_pdf

    tz, now = context.settings().tz(), context.now()
    try:
        sheet = context.act(checkin_actions.signin_sheet, lesson_id, tz)

        def draw() -> bytes:
            buffer = io.BytesIO()
            render_signin_sheet_pdf(buffer, sheet, printed_at=now)
            return buffer.getvalue()

        label = QCoreApplication.translate("PaperSheets", "Drawing the sign-in sheet…")
        pdf = off_thread(parent, label, draw)
        name = QCoreApplication.translate("PaperSheets", "sign-in sheet {code} {date}").format(
            code=sheet.course_code, date=f"{sheet.starts_local:%Y-%m-%d %H%M}")
        said = deliver_pdf(parent, pdf, name, output)
    except DomainError as error:
        return Notice("error", describe(error))
    except OSError as error:
        text = QCoreApplication.translate("PaperSheets",
                                          "The sign-in sheet could not be made: {reason}")
        return Notice("error", text.format(reason=error.strerror or error))
    if said is None:
        return None
    text = QCoreApplication.translate("PaperSheets", "Sign-in sheet of {course}: {done}")
    return Notice("ok", text.format(course=sheet.course_title, done=said))


# Typing the sheet in ------------------------------------------------------------------


def recent_lessons(context: DeskContext, days: int = PAPER_DAYS) -> list[LessonSummary]:
    """Lessons whose check-in has opened, today's first, then the days before."""
    settings, now = context.settings(), context.now()
    tz, opens = settings.tz(), dt.timedelta(minutes=settings.checkin_opens_min)
    found: list[LessonSummary] = []
    for back in range(days):
        day = context.act(checkin_actions.tonight_lessons, now - dt.timedelta(days=back), tz)
        found += [x for x in day if not x.cancelled and x.starts_at - opens <= now]
    return found


def real_time(lesson: LessonSummary, written: QTime, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """The moment a time written on the lesson's sheet means (UTC)."""
    start, end = lesson.starts_at.astimezone(tz), lesson.ends_at.astimezone(tz)
    clock = dt.time(written.hour(), written.minute())
    day = start.date()
    if end.date() > day and clock < start.time():  # a lesson past midnight
        day = end.date()
    return dt.datetime.combine(day, clock, tzinfo=tz).astimezone(dt.UTC)


@dataclass(frozen=True)
class PaperEntered:
    """A sheet typed in: the lesson, and what the domain recorded."""

    lesson: LessonSummary
    result: PaperResult


class PaperLine:
    """One learner of the roll: a tick and a time, unless already checked in."""

    def __init__(self, row: RollRow, start: QTime) -> None:
        self.row = row
        self.came = QCheckBox(row.name)
        self.time_edit = QTimeEdit(start)
        self.time_edit.setDisplayFormat("HH:mm")
        # A time typed means the learner came.
        self.time_edit.timeChanged.connect(lambda _t: self.came.setChecked(True))
        arrived = row.status in ARRIVED
        self.came.setEnabled(not arrived)
        self.time_edit.setVisible(not arrived)


class PaperCheckInDialog(QDialog):
    """A lesson's roll with a tick and the written time for each learner not yet in."""

    def __init__(self, parent: QWidget | None, context: DeskContext,
                 lessons: list[LessonSummary], selected: int | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tz = context.settings().tz()
        self.lessons = {x.lesson_id: x for x in lessons}
        self.lines: list[PaperLine] = []
        self.result_value: PaperEntered | None = None
        self.resize(720, 620)
        self._init_widgets()
        self._init_layout()
        today = context.now().astimezone(self.tz).date()
        fill_lessons(self.lesson_box, lessons, self.tz, today, selected)
        self.lesson_box.currentIndexChanged.connect(self.on_lesson_box_current_index_changed)
        self.retranslate_ui()
        self.load_roll()

    def _init_widgets(self) -> None:
        self.lesson_label = QLabel()
        self.lesson_box = QComboBox()
        self.lesson_box.setObjectName("paper_lesson")
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("paper_roll")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tick_all_button = QPushButton()
        self.tick_all_button.clicked.connect(self.on_tick_all_button_clicked)
        self.count_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.lesson_label)
        top.addWidget(self.lesson_box, 1)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.tick_all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.help_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Enter paper check-ins"))
        self.lesson_label.setText(self.tr("Lesson:"))
        self.help_label.setText(self.tr(
            "Tick everyone who signed the paper sheet and type the time they wrote. Those "
            "already checked in are shown for comparison."))
        self.tick_all_button.setText(self.tr("Tick all not yet in"))
        self.table.setHorizontalHeaderLabels([self.tr("Came (signed)"), self.tr("Card code"),
                                              self.tr("So far"), self.tr("Arrived at")])
        self._update_count()

    def lesson(self) -> LessonSummary | None:
        value = self.lesson_box.currentData()
        return self.lessons.get(int(value)) if value is not None else None

    def status_text(self, row: RollRow) -> str:
        if row.status in ARRIVED and row.at is not None:
            return self.tr("checked in {time}").format(time=f"{row.at.astimezone(self.tz):%H:%M}")
        if row.status is AttendanceStatus.EXCUSED:
            return self.tr("excused")
        return self.tr("absent") if row.status is AttendanceStatus.ABSENT else ""

    def load_roll(self) -> None:
        lesson = self.lesson()
        rows = self.context.act(checkin_actions.lesson_roll, lesson.lesson_id) if lesson else []
        start = lesson.starts_at.astimezone(self.tz) if lesson else None
        default = QTime(start.hour, start.minute) if start else QTime(19, 0)
        self.lines = [PaperLine(row, default) for row in rows]
        self.table.setRowCount(len(self.lines))
        for index, line in enumerate(self.lines):
            line.came.toggled.connect(self._update_count)
            self.table.setCellWidget(index, 0, line.came)
            self.table.setItem(index, 1, QTableWidgetItem(line.row.code))
            self.table.setItem(index, 2, QTableWidgetItem(self.status_text(line.row)))
            self.table.setCellWidget(index, 3, line.time_edit)
        self.error_label.hide()
        self._update_count()

    def ticked(self) -> list[PaperLine]:
        return [line for line in self.lines if line.came.isEnabled() and line.came.isChecked()]

    @Slot()
    def _update_count(self) -> None:
        n = len(self.ticked())
        self.count_label.setText(self.tr("{n} ticked of {total} on the roll").format(
            n=n, total=len(self.lines)))
        self.save_button.setText(self.tr("Save {n} check-ins").format(n=n))
        self.save_button.setEnabled(n > 0)

    @Slot(int)
    def on_lesson_box_current_index_changed(self, _index: int) -> None:
        self.load_roll()

    @Slot()
    def on_tick_all_button_clicked(self) -> None:
        for line in self.lines:
            if line.came.isEnabled():
                line.came.setChecked(True)

    @Slot()
    def on_save(self) -> None:
        lesson = self.lesson()
        if lesson is None or not self.ticked():
            return
        entries = [(line.row.learner_id, real_time(lesson, line.time_edit.time(), self.tz))
                   for line in self.ticked()]
        ctx = self.context
        try:
            result = ctx.act(checkin_actions.record_paper_sheet, lesson.lesson_id, entries,
                             ctx.now())
        except DomainError as error:
            self.error_label.setText(describe(error))
            self.error_label.show()
            return
        self.result_value = PaperEntered(lesson, result)
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, lessons: list[LessonSummary],
            selected: int | None = None) -> PaperEntered | None:
        """The recorded sheet, or None when cancelled. The seam tests replace."""
        dialog = cls(parent, context, lessons, selected)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def paper_notice(entered: PaperEntered) -> Notice:
    lesson, result = entered.lesson, entered.result
    text = QCoreApplication.translate("PaperSheets", "{n} paper check-ins recorded for {course}.")
    text = text.format(n=len(result.recorded), course=lesson.course_title)
    if result.already:
        already = QCoreApplication.translate("PaperSheets",
                                             "{n} were already checked in and stay as they were.")
        text += " " + already.format(n=len(result.already))
    if result.recorded and result.late_entry_reason is not None:
        text += " " + QCoreApplication.translate(
            "PaperSheets", "The lesson was over: they are marked as late entries, with you "
            "and the time of entry.")
    return Notice("ok", text)


# The check-in page's button ------------------------------------------------------------


class PaperButton(TranslatedButton):
    """"Paper…" on the check-in page: print a sign-in sheet, enter paper check-ins.

    ``page`` is the CheckInPage: its context, pinned lesson, tonight's lessons
    and outcome panel (which shows what came of it).
    """

    def __init__(self, page: Any, show: Callable[[Notice], None] | None = None) -> None:
        super().__init__()
        self.setObjectName("paper")
        self.page = page
        self.show_notice = show or self._show_in_outcome
        menu = QMenu(self)
        self.sheet_action = menu.addAction("", self.on_sheet_action_triggered)
        self.enter_action = menu.addAction("", self.on_enter_action_triggered)
        self.enter_action.setVisible(page.context.may(Action.CHECK_IN))
        self.setMenu(menu)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Paper…"))
        self.setToolTip(self.tr("The paper fallback when the power or the computer fails"))
        self.sheet_action.setText(self.tr("Print a sign-in sheet…"))
        self.enter_action.setText(self.tr("Enter paper check-ins…"))

    def _show_in_outcome(self, notice: Notice) -> None:
        kind = "refused" if notice.kind == "error" else "info"
        self.page.outcome.show_message(kind, notice.text)

    def _today(self, tz: zoneinfo.ZoneInfo) -> dt.date:
        now: dt.datetime = self.page.context.now()
        return now.astimezone(tz).date()

    def _default_lesson(self, lessons: list[LessonSummary]) -> int | None:
        """The pinned lesson, else the first open now, else the first."""
        pinned = self.page.pinned_lesson()
        if pinned is not None:
            return int(pinned)
        now, opens = self.page.context.now(), self.page.checkin_context.opens
        open_now = [x for x in lessons if x.is_open(now, opens)]
        return (open_now or lessons)[0].lesson_id if lessons else None

    @Slot()
    def on_sheet_action_triggered(self) -> None:
        tz = self.page.checkin_context.tz
        lessons = [x for x in self.page.tonight_model.rows if not x.cancelled]
        if not lessons:
            self.show_notice(Notice("error", self.tr("No lessons tonight.")))
            return
        chosen = SignInSheetDialog.ask_sheet(self.window(), lessons,
                                             self._default_lesson(lessons), tz, self._today(tz))
        if chosen is not None:
            notice = print_signin_sheet(self.window(), self.page.context, *chosen)
            if notice is not None:
                self.show_notice(notice)
        self.page.scan_field.setFocus()  # the next scan goes where it belongs

    @Slot()
    def on_enter_action_triggered(self) -> None:
        context = self.page.context
        lessons = recent_lessons(context)
        if not lessons:
            self.show_notice(Notice("error", self.tr("No lesson has begun in the last days.")))
            return
        entered = PaperCheckInDialog.ask(self.window(), context, lessons,
                                         self._default_lesson(lessons))
        if entered is not None:
            self.show_notice(paper_notice(entered))
            self.page.refresh_soon()
        self.page.scan_field.setFocus()


__all__ = [
    "PaperButton", "PaperCheckInDialog", "PaperEntered", "SignInSheetDialog", "lesson_label",
    "paper_notice", "print_signin_sheet", "real_time", "recent_lessons",
]
