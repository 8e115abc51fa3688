"""Dialogs for a course, one lesson, and a weekly timetable of lessons."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from frontdesk.demo.school import CATALOGUE
from frontdesk.errors import DomainError
from frontdesk.money import fee_for, format_fen, parse_amount_or_zero
from frontdesk.roster import actions as roster_actions
from frontdesk.roster import courses as course_domain
from frontdesk.roster.courses import CourseInput, WeeklyPattern
from frontdesk.store.models import Course, Lesson
from frontdesk.vocab import FeeTier
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.widgets import day_of, money


def _date(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date_edit(day: QDate) -> QDateEdit:
    edit = QDateEdit(day)
    edit.setCalendarPopup(True)
    return edit


def _time(edit: QTimeEdit) -> dt.time:
    """The time an edit shows (to the minute)."""
    shown = edit.time()
    return dt.time(shown.hour(), shown.minute())


class CourseDialog(FormDialog[CourseInput, int]):
    def __init__(
        self, parent: QWidget | None, context: DeskContext, course_id: int | None = None
    ) -> None:
        self.context = context
        self.course_id = course_id
        super().__init__(parent, self._save)
        self.ratio = context.settings().inclusive_ratio_pct
        self._init_fields()
        if course_id is not None:
            self._load(context.act(roster_actions.get_course, course_id))
        self.retranslate_ui()

    def _init_fields(self) -> None:
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(16)
        self.title_edit = QLineEdit()
        self.category_box = QComboBox()
        self.category_box.setEditable(True)
        self.category_box.addItems(sorted({c[1] for c in CATALOGUE}))
        self.category_box.setCurrentText("")
        self.instructor_box = QComboBox()
        self.instructor_box.addItem("", None)
        for instructor in self.context.act(roster_actions.list_instructors):
            self.instructor_box.addItem(f"{instructor.name} {instructor.title}", instructor.id)
        self.tier_box = QComboBox()
        self.tier_box.addItems(["", ""])
        self.price_edit = QLineEdit()
        self.fee_label = QLineEdit()
        self.fee_label.setReadOnly(True)
        self.capacity_spin = QSpinBox(minimum=1, maximum=500, value=30)
        self.hours_spin = QSpinBox(minimum=0, maximum=1000, value=32)
        self.threshold_spin = QSpinBox(minimum=1, maximum=100, value=80, suffix=" %")
        self.excused_box = QCheckBox()
        today = self.context.now().astimezone(self.context.settings().tz()).date()
        self.start_edit = _date_edit(_date(today))
        self.end_edit = _date_edit(_date(today + dt.timedelta(weeks=8)))
        self.room_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setFixedHeight(60)
        for widget in (
            self.code_edit,
            self.title_edit,
            self.category_box,
            self.instructor_box,
            self.tier_box,
            self.price_edit,
            self.fee_label,
            self.capacity_spin,
            self.hours_spin,
            self.threshold_spin,
            self.excused_box,
            self.start_edit,
            self.end_edit,
            self.room_edit,
            self.description_edit,
        ):
            self.add_row(widget)
        self.tier_box.currentIndexChanged.connect(self._update_fee)
        self.price_edit.textChanged.connect(self._update_fee)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("New course") if self.course_id is None else self.tr("Edit course")
        )
        self.set_labels(
            *(
                self.tr("Code"),
                self.tr("Title *"),
                self.tr("Category"),
                self.tr("Instructor"),
                self.tr("Fee tier"),
                self.tr("Market price (¥)"),
                self.tr("Fee charged"),
                self.tr("Capacity"),
                self.tr("Total hours"),
                self.tr("Completion threshold"),
                self.tr("Excused absences"),
                self.tr("Starts"),
                self.tr("Ends"),
                self.tr("Room"),
                self.tr("Description"),
            )
        )
        self.code_edit.setPlaceholderText(self.tr("left empty: given automatically"))
        self.tier_box.setItemText(0, self.tr("Free (public welfare)"))
        self.tier_box.setItemText(
            1, self.tr("Inclusive ({ratio}% of market price)").format(ratio=self.ratio)
        )
        self.excused_box.setText(self.tr("count as attended for the certificate"))
        self._update_fee()

    def _tier(self) -> FeeTier:
        return FeeTier.INCLUSIVE if self.tier_box.currentIndex() == 1 else FeeTier.FREE

    def _price_fen(self) -> int:
        text = self.price_edit.text().strip()
        return parse_amount_or_zero(text) if text else 0

    def _update_fee(self) -> None:
        self.price_edit.setEnabled(self._tier() is FeeTier.INCLUSIVE)
        try:
            fee = fee_for(self._tier(), self._price_fen(), self.ratio)
        except DomainError:  # a half-typed amount: show nothing yet
            self.fee_label.setText("")
            return
        self.fee_label.setText(money(fee) if fee else self.tr("Free"))

    def _load(self, course: Course) -> None:
        self.code_edit.setText(course.code)
        self.title_edit.setText(course.title)
        self.category_box.setCurrentText(course.category)
        index = self.instructor_box.findData(course.instructor_id)
        self.instructor_box.setCurrentIndex(max(0, index))
        self.tier_box.setCurrentIndex(1 if course.fee_tier is FeeTier.INCLUSIVE else 0)
        if course.market_price_fen:
            self.price_edit.setText(format_fen(course.market_price_fen, symbol=""))
        self.capacity_spin.setValue(course.capacity)
        self.hours_spin.setValue(course.total_hours)
        self.threshold_spin.setValue(course.completion_threshold_pct)
        self.excused_box.setChecked(course.excused_counts)
        if course.start_date:
            self.start_edit.setDate(_date(course.start_date))
        if course.end_date:
            self.end_edit.setDate(_date(course.end_date))
        self.room_edit.setText(course.room)
        self.description_edit.setPlainText(course.description)

    def value(self) -> CourseInput:
        tier = self._tier()
        return CourseInput(
            code=self.code_edit.text(),
            title=self.title_edit.text(),
            category=self.category_box.currentText().strip(),
            instructor_id=self.instructor_box.currentData(),
            fee_tier=tier,
            market_price_fen=self._price_fen() if tier is FeeTier.INCLUSIVE else 0,
            capacity=self.capacity_spin.value(),
            total_hours=self.hours_spin.value(),
            completion_threshold_pct=self.threshold_spin.value(),
            excused_counts=self.excused_box.isChecked(),
            start_date=day_of(self.start_edit),
            end_date=day_of(self.end_edit),
            room=self.room_edit.text().strip(),
            description=self.description_edit.toPlainText(),
        )

    def _save(self, data: CourseInput) -> int:
        ctx = self.context
        if self.course_id is None:
            return ctx.act(roster_actions.add_course, data, ctx.now()).id
        course, _promoted = ctx.act(roster_actions.update_course, self.course_id, data, ctx.now())
        return course.id

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: DeskContext, course_id: int | None = None
    ) -> int | None:
        return cls.run(cls(parent, context, course_id))


class LessonDialog(FormDialog[tuple[dt.datetime, dt.datetime, str, str, bool], int]):
    """Add one lesson, or edit (move, rename, cancel) an existing one."""

    def __init__(
        self,
        parent: QWidget | None,
        context: DeskContext,
        course_id: int,
        lesson: Lesson | None = None,
    ) -> None:
        self.context = context
        self.course_id = course_id
        self.lesson = lesson
        super().__init__(parent, self._save)
        self.tz = context.settings().tz()
        start = (lesson.starts_at if lesson else context.now()).astimezone(self.tz)
        end = lesson.ends_at.astimezone(self.tz) if lesson else start + dt.timedelta(hours=2)
        self.date_edit = _date_edit(_date(start.date()))
        self.start_edit = QTimeEdit(QTime(start.hour, start.minute) if lesson else QTime(19, 0))
        self.end_edit = QTimeEdit(QTime(end.hour, end.minute) if lesson else QTime(21, 0))
        self.room_edit = QLineEdit(lesson.room if lesson else "")
        self.topic_edit = QLineEdit(lesson.topic if lesson else "")
        self.cancelled_box = QCheckBox()
        self.cancelled_box.setChecked(bool(lesson and lesson.cancelled))
        for widget in (
            self.date_edit,
            self.start_edit,
            self.end_edit,
            self.room_edit,
            self.topic_edit,
        ):
            self.add_row(widget)
        cancelled_label = self.add_row(self.cancelled_box)
        # A new lesson cannot be cancelled yet: neither the box nor its label shows.
        self.cancelled_box.setVisible(lesson is not None)
        cancelled_label.setVisible(lesson is not None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Lesson"))
        self.set_labels(
            *(
                self.tr("Date"),
                self.tr("Starts"),
                self.tr("Ends"),
                self.tr("Room"),
                self.tr("Topic"),
                self.tr("Cancelled"),
            )
        )
        self.cancelled_box.setText(self.tr("this lesson does not take place"))

    def value(self) -> tuple[dt.datetime, dt.datetime, str, str, bool]:
        day = day_of(self.date_edit)
        starts = dt.datetime.combine(day, _time(self.start_edit), tzinfo=self.tz)
        ends = dt.datetime.combine(day, _time(self.end_edit), tzinfo=self.tz)
        return (
            starts.astimezone(dt.UTC),
            ends.astimezone(dt.UTC),
            self.room_edit.text(),
            self.topic_edit.text(),
            self.cancelled_box.isChecked(),
        )

    def _save(self, data: tuple[dt.datetime, dt.datetime, str, str, bool]) -> int:
        starts, ends, room, topic, cancelled = data
        ctx = self.context
        if self.lesson is None:
            return ctx.act(
                roster_actions.add_lesson,
                self.course_id,
                starts,
                ends,
                ctx.now(),
                room=room,
                topic=topic,
            ).id
        return ctx.act(
            roster_actions.update_lesson,
            self.lesson.id,
            starts,
            ends,
            ctx.now(),
            room=room,
            topic=topic,
            cancelled=cancelled,
        ).id

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: DeskContext,
        course_id: int,
        lesson: Lesson | None = None,
    ) -> int | None:
        return cls.run(cls(parent, context, course_id, lesson))


class PatternDialog(FormDialog[WeeklyPattern, int]):
    """Generate lessons: e.g. every Tuesday and Thursday 19:00–21:00 for 8 weeks."""

    def __init__(self, parent: QWidget | None, context: DeskContext, course_id: int) -> None:
        self.context = context
        self.course_id = course_id
        super().__init__(parent, self._generate)
        self.tz = context.settings().tz()
        course = context.act(roster_actions.get_course, course_id)
        first = course.start_date or context.now().astimezone(self.tz).date()
        self.first_edit = _date_edit(_date(first))
        days = QWidget()
        days_layout = QHBoxLayout(days)
        days_layout.setContentsMargins(0, 0, 0, 0)
        self.day_boxes = [QCheckBox() for _ in range(7)]
        for box in self.day_boxes:
            days_layout.addWidget(box)
        self.start_edit = QTimeEdit(QTime(19, 0))
        self.end_edit = QTimeEdit(QTime(21, 0))
        self.weeks_spin = QSpinBox(minimum=1, maximum=course_domain.MAX_WEEKS, value=8)
        for widget in (self.first_edit, days, self.start_edit, self.end_edit, self.weeks_spin):
            self.add_row(widget)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Generate lessons"))
        self.set_labels(
            *(
                self.tr("From"),
                self.tr("Every"),
                self.tr("Starts"),
                self.tr("Ends"),
                self.tr("Weeks"),
            )
        )
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        for box, name in zip(self.day_boxes, names, strict=True):
            box.setText(name)

    def value(self) -> WeeklyPattern:
        return WeeklyPattern(
            first_date=day_of(self.first_edit),
            weekdays=frozenset(i for i, box in enumerate(self.day_boxes) if box.isChecked()),
            start=_time(self.start_edit),
            end=_time(self.end_edit),
            weeks=self.weeks_spin.value(),
        )

    def _generate(self, pattern: WeeklyPattern) -> int:
        ctx = self.context
        return len(
            ctx.act(
                roster_actions.generate_lessons,
                self.course_id,
                pattern,
                self.tz,
                ctx.now(),
            )
        )

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, course_id: int) -> int | None:
        return cls.run(cls(parent, context, course_id))
