"""The courses page: the catalogue, each course's lessons and its class list."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.courses import Clash, CourseSummary
from frontdesk.roster.enrollment import EnrollmentRow
from frontdesk.staff.roles import Action
from frontdesk.store.models import Lesson
from frontdesk.text import mask_phone
from frontdesk.vocab import EnrollmentStatus, FeeTier
from ui.courses.dialogs import CourseDialog, LessonDialog, PatternDialog
from ui.kit import widgets
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.learner_picker import LearnerPicker
from ui.kit.page import Page
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.terms import status_text
from ui.kit.widgets import Banner, money
from ui.kit.words import describe
from ui.roster.cards import CourseCardsButton
from ui.roster.enroll_dialog import announce_enrollment

R = TypeVar("R")


class CoursesPage(Page):
    icon_name = "courses"
    TITLE = QT_TRANSLATE_NOOP("Page", "Courses")

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.tz = context.settings().tz()
        self._init_models()
        self._init_buttons()
        self._init_layout()
        self.retranslate_ui()
        self.refresh()

    # -- building ------------------------------------------------------------

    def _init_models(self) -> None:
        def tier(c: CourseSummary) -> str:
            return self.tr("Free") if c.fee_tier is FeeTier.FREE else self.tr("Inclusive")

        self.course_model: RowsModel[CourseSummary] = RowsModel(
            [
                Column(lambda: self.tr("Code"), lambda c: c.code),
                Column(lambda: self.tr("Course"), lambda c: c.title),
                Column(lambda: self.tr("Tier"), tier),
                Column(lambda: self.tr("Seats"), lambda c: f"{c.seated}/{c.capacity}", True),
                Column(lambda: self.tr("Waiting"), lambda c: c.waiting or "", True),
                Column(lambda: self.tr("Lessons"), lambda c: c.lessons, True),
                Column(lambda: self.tr("Instructor"), lambda c: c.instructor),
                Column(
                    lambda: self.tr("Dates"), lambda c: f"{c.start_date or ''} – {c.end_date or ''}"
                ),
            ],
            tint=lambda c: "#a12a1d" if c.seats_free == 0 else None,
        )
        self.lesson_model: RowsModel[Lesson] = RowsModel(
            [
                Column(
                    lambda: self.tr("Date"),
                    lambda x: x.starts_at.astimezone(self.tz).strftime("%Y-%m-%d"),
                ),
                Column(lambda: self.tr("Weekday"), lambda x: self._weekday(x)),
                Column(
                    lambda: self.tr("Time"),
                    lambda x: (
                        f"{x.starts_at.astimezone(self.tz):%H:%M}"
                        f"–{x.ends_at.astimezone(self.tz):%H:%M}"
                    ),
                ),
                Column(lambda: self.tr("Room"), lambda x: x.room),
                Column(
                    lambda: self.tr("Topic"),
                    lambda x: self.tr("Cancelled") if x.cancelled else x.topic,
                ),
            ],
            tint=lambda x: "#888888" if x.cancelled else None,
        )
        self.class_model: RowsModel[EnrollmentRow] = RowsModel(
            [
                Column(lambda: self.tr("Card code"), lambda e: e.learner_code),
                Column(lambda: self.tr("Name"), lambda e: e.learner_name),
                Column(lambda: self.tr("Mobile"), lambda e: mask_phone(e.phone)),
                Column(
                    lambda: self.tr("Status"), lambda e: status_text(e.status, e.waitlist_position)
                ),
                Column(
                    lambda: self.tr("Fee due"),
                    lambda e: money(e.fee_due_fen) if e.fee_due_fen else self.tr("Free"),
                    True,
                ),
            ],
            tint=lambda e: {
                EnrollmentStatus.WAITLISTED: "#8a5300",
                EnrollmentStatus.WITHDRAWN: "#888888",
            }.get(e.status),
        )
        self.course_view = read_only_table(self.course_model, "courses")
        self.course_view.setColumnWidth(1, 260)
        self.course_view.selectionModel().selectionChanged.connect(self.on_course_selection_changed)
        self.course_view.doubleClicked.connect(self.on_edit_course_clicked)
        self.lesson_view = read_only_table(self.lesson_model, "lessons")
        self.lesson_view.doubleClicked.connect(self.on_edit_lesson_clicked)
        self.class_view = read_only_table(self.class_model, "class_list")

    def _weekday(self, lesson: Lesson) -> str:
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        return names[lesson.starts_at.astimezone(self.tz).weekday()]

    def _init_buttons(self) -> None:
        def button(name: str, slot: object) -> QPushButton:
            b = QPushButton(icon(name), "")
            b.clicked.connect(slot)
            return b

        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.on_filter_edit_text_changed)
        self.new_course_button = button("add", self.on_new_course_clicked)
        self.edit_course_button = button("edit", self.on_edit_course_clicked)
        self.generate_button = button("lesson", self.on_generate_clicked)
        self.add_lesson_button = button("add", self.on_add_lesson_clicked)
        self.edit_lesson_button = button("edit", self.on_edit_lesson_clicked)
        self.enroll_button = button("enroll", self.on_enroll_clicked)
        self.withdraw_button = button("withdraw", self.on_withdraw_clicked)
        self.export_button = button("export", self.on_export_clicked)
        if not self.context.may(Action.COURSE_EDIT):  # the domain refuses it to this role
            for b in (self.new_course_button, self.edit_course_button, self.generate_button,
                      self.add_lesson_button, self.edit_lesson_button):
                b.hide()
        self.banner = Banner()
        self.cards_button = CourseCardsButton(self.context, self.current_course, self.banner)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.new_course_button)
        top.addWidget(self.edit_course_button)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self._panel(
                self.lesson_view,
                self.generate_button,
                self.add_lesson_button,
                self.edit_lesson_button,
            ),
            "",
        )
        self.tabs.addTab(
            self._panel(
                self.class_view, self.enroll_button, self.withdraw_button, self.export_button,
                self.cards_button,
            ),
            "",
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.course_view)
        splitter.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    @staticmethod
    def _panel(view: QTableView, *buttons: QPushButton) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        row = QHBoxLayout()
        row.addStretch(1)
        for b in buttons:
            row.addWidget(b)
        layout.addLayout(row)
        layout.addWidget(view, 1)
        return panel

    def retranslate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter courses by code or title"))
        self.new_course_button.setText(self.tr("New course"))
        self.edit_course_button.setText(self.tr("Edit course"))
        self.generate_button.setText(self.tr("Weekly timetable…"))
        self.add_lesson_button.setText(self.tr("Add lesson"))
        self.edit_lesson_button.setText(self.tr("Edit lesson"))
        self.enroll_button.setText(self.tr("Enroll learner…"))
        self.withdraw_button.setText(self.tr("Withdraw"))
        self.export_button.setText(self.tr("Export list…"))
        self.tabs.setTabText(0, self.tr("Lessons"))
        self.tabs.setTabText(1, self.tr("Class list and waiting list"))
        for model in (self.course_model, self.lesson_model, self.class_model):
            model.retranslate()

    # -- data ----------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current_course()
        self.all_courses = self.context.act(roster_actions.course_summaries)
        self._apply_filter()
        if selected is not None:
            self.select_course(selected.id)
        self._refresh_detail()

    def _apply_filter(self) -> None:
        text = self.filter_edit.text().strip().lower()
        rows = [
            c
            for c in self.all_courses
            if not text or text in c.code.lower() or text in c.title.lower()
        ]
        self.course_model.set_rows(rows)

    def current_course(self) -> CourseSummary | None:
        rows = self.course_view.selectionModel().selectedRows() if self.course_view else []
        return self.course_model.rows[rows[0].row()] if rows else None

    def select_course(self, course_id: int) -> None:
        for row, course in enumerate(self.course_model.rows):
            if course.id == course_id:
                self.course_view.selectRow(row)
                return

    def _refresh_detail(self) -> None:
        course = self.current_course()
        self.lesson_model.set_rows(self.context.act(roster_actions.lessons_of,
                                                    course.id) if course else [])
        self.class_model.set_rows(
            self.context.act(roster_actions.course_enrollments, course.id,
                             self.context.now()) if course else []
        )
        for b in (
            self.edit_course_button,
            self.generate_button,
            self.add_lesson_button,
            self.edit_lesson_button,
            self.enroll_button,
            self.withdraw_button,
            self.export_button,
            self.cards_button,
        ):
            b.setEnabled(course is not None)

    def clash_text(self, clash: Clash) -> str:
        when = clash.starts_at.astimezone(self.tz).strftime("%m-%d %H:%M")
        if clash.kind == "room":
            text = self.tr("Room {room} is taken twice on {when}: {one} and {other}.")
            return text.format(room=clash.what, when=when, one=clash.course_code,
                               other=clash.other_course_code)
        text = self.tr("{name} teaches two lessons at once on {when}: {one} and {other}.")
        return text.format(name=clash.what, when=when, one=clash.course_code,
                           other=clash.other_course_code)

    def warn_clashes(self, course_id: int) -> list[Clash]:
        """Warn when this course's coming lessons put a room or an instructor in two places."""
        clashes = self.context.act(roster_actions.schedule_clashes, course_id=course_id,
                                    since=self.context.now())
        if clashes:
            more = len(clashes) - 1
            text = self.clash_text(clashes[0])
            if more:
                text += " " + self.tr("(%n more clash(es) of this course.)", "", more)
            self.banner.warn(text)
        return clashes

    def activate(self) -> None:
        self.refresh()

    def settings_changed(self) -> None:
        self.tz = self.context.settings().tz()
        self.refresh()

    def _selected(self, view: QTableView, model: RowsModel[R]) -> R | None:
        rows = view.selectionModel().selectedRows()
        return model.rows[rows[0].row()] if rows else None

    # -- slots ---------------------------------------------------------------

    @Slot(str)
    def on_filter_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    @Slot(QItemSelection, QItemSelection)
    def on_course_selection_changed(self, _a: QItemSelection, _b: QItemSelection) -> None:
        self._refresh_detail()

    @Slot()
    def on_new_course_clicked(self) -> None:
        course_id = CourseDialog.ask(self, self.context)
        if course_id is not None:
            self.refresh()
            self.select_course(course_id)

    @Slot()
    def on_edit_course_clicked(self) -> None:
        if not self.context.may(Action.COURSE_EDIT):  # a double click on a read-only list
            return
        course = self.current_course()
        if course is not None and CourseDialog.ask(self, self.context, course.id) is not None:
            self.refresh()

    @Slot()
    def on_generate_clicked(self) -> None:
        course = self.current_course()
        if course is None:
            return
        count = PatternDialog.ask(self, self.context, course.id)
        if count is not None:
            self.refresh()
            self.banner.ok(self.tr("{n} lessons added.").format(n=count))
            self.warn_clashes(course.id)

    @Slot()
    def on_add_lesson_clicked(self) -> None:
        course = self.current_course()
        if course is not None and LessonDialog.ask(self, self.context, course.id) is not None:
            self.refresh()
            self.warn_clashes(course.id)

    @Slot()
    def on_edit_lesson_clicked(self) -> None:
        if not self.context.may(Action.COURSE_EDIT):
            return
        course = self.current_course()
        lesson = self._selected(self.lesson_view, self.lesson_model)
        if (
            course is not None
            and lesson is not None
            and LessonDialog.ask(self, self.context, course.id, lesson) is not None
        ):
            self.refresh()
            self.warn_clashes(course.id)

    @Slot()
    def on_enroll_clicked(self) -> None:
        course = self.current_course()
        if course is None:
            return
        learner_id = LearnerPicker.ask(
            self, self.context, self.tr("Enroll in {course}").format(course=course.title)
        )
        if learner_id is None:
            return
        ctx = self.context
        try:
            result = ctx.act(
                roster_actions.enroll,
                learner_id,
                course.id,
                ctx.settings().inclusive_ratio_pct,
                ctx.now(),
            )
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.refresh()
        announce_enrollment(self.banner, result)

    @Slot()
    def on_withdraw_clicked(self) -> None:
        row = self._selected(self.class_view, self.class_model)
        if row is None or not widgets.confirm(
            self,
            self.tr("Withdraw"),
            self.tr(
                "Withdraw {name} from the course? The first learner on the waiting "
                "list takes the seat."
            ).format(name=row.learner_name),
        ):
            return
        ctx = self.context
        try:
            result = ctx.act(roster_actions.withdraw, row.enrollment_id, ctx.now())
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.refresh()
        if result.promoted is not None:
            self.banner.ok(
                self.tr("{who} withdrawn. {name} moved up from the waiting list.").format(
                    who=row.learner_name, name=result.promoted.learner_name
                )
            )
        else:
            self.banner.ok(self.tr("{who} withdrawn.").format(who=row.learner_name))

    @Slot()
    def on_export_clicked(self) -> None:
        from ui.kit.export import export_roster_interactively

        course = self.current_course()
        if course is not None:
            result = export_roster_interactively(self, self.context, course_id=course.id)
            if result is not None:
                succeeded, message = result
                (self.banner.ok if succeeded else self.banner.error)(message)

