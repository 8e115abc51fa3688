"""The attendance tab: a course's grid, a learner's history, a lesson's sheet.

Each view is one domain call (:mod:`frontdesk.reports.attendance_grid`);
the files are the core's documents. A grid or sheet lists people, so saving
one is recorded in the audit trail like any export of the roster.
"""

from __future__ import annotations

import io

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.checkin.tonight import RollRow, SignInSheet
from frontdesk.privacy import actions as privacy_actions
from frontdesk.reports import actions as report_actions
from frontdesk.reports.attendance_grid import (
    CourseGrid,
    HistoryCourse,
)
from frontdesk.roster import actions as roster_actions
from frontdesk.vocab import AttendanceStatus
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.learner_picker import LearnerPicker
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.terms import status_text
from ui.kit.widgets import money
from ui.reports.common import (
    ReportTab,
    choose_xlsx,
    course_box,
    file_safe,
    fill_courses,
)
from ui.reports.grid_model import GridModel

_ARRIVAL = {AttendanceStatus.PRESENT: "P", AttendanceStatus.LATE: "L",
            AttendanceStatus.EXCUSED: "E", AttendanceStatus.ABSENT: "A"}


class AttendanceTab(ReportTab):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.grid: CourseGrid | None = None
        self.sheet: SignInSheet | None = None
        self.learner_id: int | None = None
        self.mode_box = QComboBox()
        self.mode_box.setObjectName("attendance_mode")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._init_course_page())
        self.pages.addWidget(self._init_learner_page())
        self.pages.addWidget(self._init_lesson_page())
        self.mode_box.currentIndexChanged.connect(self.pages.setCurrentIndex)
        top = QHBoxLayout()
        top.addWidget(self.mode_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        self.retranslate_ui()

    # -- building --------------------------------------------------------------

    def _init_course_page(self) -> QWidget:
        self.course_box = course_box("grid_course")
        self.course_box.activated.connect(self.on_course_box_activated)
        self.grid_model = GridModel(self.tz)
        self.grid_view = read_only_table(self.grid_model, "grid", select_rows=False)
        self.grid_view.horizontalHeader().setStretchLastSection(False)
        self.grid_view.horizontalHeader().setDefaultSectionSize(44)
        self.grid_label = QLabel()
        self.grid_label.setObjectName("grid_label")
        self.grid_pdf, self.grid_xlsx = QPushButton(), QPushButton()
        self.grid_pdf.clicked.connect(self.on_grid_pdf_clicked)
        self.grid_xlsx.clicked.connect(self.on_grid_xlsx_clicked)
        self.grid_label.setWordWrap(True)
        return _page([self.course_box], self.grid_view, [self.grid_pdf, self.grid_xlsx],
                     note=self.grid_label)

    def _init_learner_page(self) -> QWidget:
        self.pick_button = QPushButton()
        self.pick_button.setObjectName("history_pick")
        self.pick_button.clicked.connect(self.on_pick_button_clicked)
        self.history_label = QLabel()
        self.history_label.setObjectName("history_label")
        self.history_model: RowsModel[HistoryCourse] = RowsModel([
            Column(lambda: self.tr("Code"), lambda h: h.course_code),
            Column(lambda: self.tr("Course"), lambda h: h.course_title),
            Column(lambda: self.tr("Status"),
                   lambda h: status_text(h.status) if h.status else self.tr("standby")),
            Column(lambda: self.tr("Attended / needed"), lambda h: f"{h.attended} / {h.needs}",
                   True),
            Column(lambda: self.tr("Lessons (P L E A)"),
                   lambda h: " ".join(str(x.mark) if x.mark else "·" for x in h.lessons)),
            Column(lambda: self.tr("Still owed"),
                   lambda h: money(h.balance_fen) if h.balance_fen else "", True),
            Column(lambda: self.tr("Certificate"), lambda h: h.certificate_serial or ""),
        ], tint=lambda h: "#a12a1d" if h.status is not None and h.attended < h.needs else None)
        self.history_view = read_only_table(self.history_model, "history")
        for column, width in ((0, 60), (1, 200), (2, 80), (3, 90), (4, 220), (5, 90)):
            self.history_view.setColumnWidth(column, width)
        return _page([self.pick_button], self.history_view, [], note=self.history_label)

    def _init_lesson_page(self) -> QWidget:
        self.sheet_course = course_box("sheet_course")
        self.sheet_course.activated.connect(self.on_sheet_course_activated)
        self.lesson_box = QComboBox()
        self.lesson_box.setObjectName("sheet_lesson")
        self.lesson_box.activated.connect(self.on_lesson_box_activated)
        self.sheet_model: RowsModel[RollRow] = RowsModel([
            Column(lambda: self.tr("Card code"), lambda r: r.code),
            Column(lambda: self.tr("Name"), lambda r: r.name),
            Column(lambda: self.tr("Mark"), lambda r: _ARRIVAL.get(r.status, "")
                   if r.status else ""),
            Column(lambda: self.tr("Time"),
                   lambda r: f"{r.at.astimezone(self.tz):%H:%M}" if r.at else ""),
        ], tint=lambda r: "#888888" if r.status is None else None)
        self.sheet_view = read_only_table(self.sheet_model, "sheet")
        self.sheet_label = QLabel()
        self.sheet_pdf = QPushButton()
        self.sheet_pdf.clicked.connect(self.on_sheet_pdf_clicked)
        return _page([self.sheet_course, self.lesson_box], self.sheet_view, [self.sheet_pdf],
                     note=self.sheet_label)

    def retranslate_ui(self) -> None:
        index = max(0, self.mode_box.currentIndex())
        self.mode_box.blockSignals(True)
        self.mode_box.clear()
        self.mode_box.addItems([self.tr("By course: learner × lesson grid"),
                                self.tr("By learner: history over all courses"),
                                self.tr("By lesson: who came")])
        self.mode_box.setCurrentIndex(index)
        self.mode_box.blockSignals(False)
        for button in (self.grid_pdf, self.sheet_pdf):
            button.setText(self.tr("Save PDF…"))
        self.grid_xlsx.setText(self.tr("Save Excel…"))
        self.pick_button.setText(self.tr("Choose a learner…"))
        self.grid_model.retranslate()
        self.history_model.retranslate()
        self.sheet_model.retranslate()
        self._show_grid_label()

    def activate(self) -> None:
        if self.course_box.count() == 0:
            fill_courses(self.course_box, self.context)
            fill_courses(self.sheet_course, self.context)
            self.course_box.setCurrentIndex(-1)
            self.sheet_course.setCurrentIndex(-1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.grid_pdf.setEnabled(self.grid is not None)
        self.grid_xlsx.setEnabled(self.grid is not None)
        self.sheet_pdf.setEnabled(self.sheet is not None)

    # -- by course ----------------------------------------------------------------------

    @Slot(int)
    def on_course_box_activated(self, _index: int) -> None:
        course_id = self.course_box.currentData()
        if course_id is not None:
            self.show_grid(int(course_id))

    def show_grid(self, course_id: int) -> None:
        self.grid = self.context.act(report_actions.course_grid, course_id, self.context.now())
        self.grid_model.set_grid(self.grid)
        self.grid_view.setColumnWidth(0, 130)
        self.grid_view.setColumnWidth(1, 80)
        self.grid_view.setColumnWidth(2, 70)
        self._show_grid_label()
        self._update_buttons()

    def _show_grid_label(self) -> None:
        g = self.grid
        if g is None:
            self.grid_label.setText(self.tr("P present · L late · E excused · A absent"))
            return
        rule = (self.tr("excused lessons count") if g.excused_counts
                else self.tr("excused lessons do not count"))
        text = self.tr(
            "{learners} learners, {lessons} lessons; a certificate needs {pct}% ({rule}). "
            "P present · L late · E excused · A absent").format(
            learners=len(g.rows), lessons=len(g.lessons), pct=g.threshold_pct, rule=rule)
        if g.late_entries:
            text += " · " + self.tr(
                "* late entry: {count} entered after the lesson (point at one for who and why)"
            ).format(count=len(g.late_entries))
        self.grid_label.setText(text)

    def _audit(self, kind: str, rows: int, name: str) -> None:
        ctx = self.context
        ctx.act(privacy_actions.record_export, ctx.now(), kind, rows, False, file_name=name)

    @Slot()
    def on_grid_pdf_clicked(self) -> None:
        from frontdesk.documents.report_pdf import write_grid_pdf

        grid = self.grid
        if grid is None:
            return
        buffer = io.BytesIO()
        try:
            write_grid_pdf(grid, buffer, self.tz, school_name=self.context.settings().name,
                           printed_at=self.context.now())
            path = printing.save_pdf_as(self, buffer.getvalue(),
                                        file_safe(f"{grid.course_code}-{grid.course_title}")
                                        + ".pdf")
        except Exception as error:
            self.refused(error)
            return
        if path is not None:
            self._audit("attendance", len(grid.rows), path.name)
            self.message.emit("ok", self.tr("Saved: {path}").format(path=path))

    @Slot()
    def on_grid_xlsx_clicked(self) -> None:
        from frontdesk.documents.report_xlsx import write_grid_xlsx

        grid = self.grid
        if grid is None:
            return
        path = choose_xlsx(self, file_safe(f"{grid.course_code}-{grid.course_title}") + ".xlsx")
        if path is None:
            return
        try:
            write_grid_xlsx(grid, path, self.tz)
        except OSError as error:
            self.refused(error)
            return
        self._audit("attendance", len(grid.rows), path.name)
        self.message.emit("ok", self.tr("Saved: {path}").format(path=path))

    # -- by learner ----------------------------------------------------------------------

    @Slot()
    def on_pick_button_clicked(self) -> None:
        learner_id = LearnerPicker.ask(self, self.context, self.tr("Whose attendance?"))
        if learner_id is not None:
            self.show_history(learner_id)

    def show_history(self, learner_id: int) -> None:
        learner = self.context.act(roster_actions.get_learner, learner_id)
        history = self.context.act(report_actions.learner_history, learner_id, self.context.now())
        self.learner_id = learner_id
        self.history_model.set_rows(history)
        self.history_label.setText(self.tr("{name} ({code}): {courses} courses").format(
            name=learner.name, code=learner.code, courses=len(history)))

    # -- by lesson -----------------------------------------------------------------------

    @Slot(int)
    def on_sheet_course_activated(self, _index: int) -> None:
        course_id = self.sheet_course.currentData()
        self.lesson_box.clear()
        if course_id is None:
            return
        now = self.context.now()
        for lesson in self.context.act(roster_actions.lessons_of, int(course_id)):
            if not lesson.cancelled and lesson.starts_at <= now:
                self.lesson_box.addItem(
                    f"{lesson.starts_at.astimezone(self.tz):%Y-%m-%d %H:%M} {lesson.topic}",
                    lesson.id)
        if self.lesson_box.count():  # the latest lesson held: most often the one asked for
            self.lesson_box.setCurrentIndex(self.lesson_box.count() - 1)
            self.on_lesson_box_activated(self.lesson_box.currentIndex())

    @Slot(int)
    def on_lesson_box_activated(self, _index: int) -> None:
        lesson_id = self.lesson_box.currentData()
        if lesson_id is None:
            return
        self.sheet = self.context.act(report_actions.lesson_sheet, int(lesson_id), self.tz)
        self.sheet_model.set_rows(self.sheet.rows)
        came = sum(1 for r in self.sheet.rows if r.status in (AttendanceStatus.PRESENT,
                                                              AttendanceStatus.LATE))
        self.sheet_label.setText(self.tr("{came} of {listed} came").format(
            came=came, listed=len(self.sheet.rows)))
        self._update_buttons()

    @Slot()
    def on_sheet_pdf_clicked(self) -> None:
        from frontdesk.documents.signin_sheet import render_signin_sheet_pdf

        sheet = self.sheet
        if sheet is None:
            return
        buffer = io.BytesIO()
        try:
            render_signin_sheet_pdf(buffer, sheet, blank_rows=0, printed_at=self.context.now())
            name = file_safe(f"{sheet.course_code}-{sheet.starts_local:%Y%m%d}") + ".pdf"
            path = printing.save_pdf_as(self, buffer.getvalue(), name)
        except Exception as error:
            self.refused(error)
            return
        if path is not None:
            self._audit("attendance", len(sheet.rows), path.name)
            self.message.emit("ok", self.tr("Saved: {path}").format(path=path))


def _page(top_widgets: list[QWidget], body: QWidget, buttons: list[QPushButton], *,
          note: QLabel) -> QWidget:
    page = QWidget()
    top = QHBoxLayout()
    for widget in top_widgets:
        top.addWidget(widget)
    top.addStretch(1)
    for button in buttons:
        top.addWidget(button)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(top)
    layout.addWidget(note)
    layout.addWidget(body, 1)
    return page


__all__ = ["AttendanceTab"]
