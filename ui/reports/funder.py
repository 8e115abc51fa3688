"""The funder report tab: a date range, the figures on screen, then PDF or .xlsx.

The figures come from :func:`frontdesk.reports.funder.funder_report` (a year
of a big school takes a couple of seconds, so it runs off the GUI thread);
its headline figures are shown with the dashboard's own words and format,
and they equal the dashboard's for the same range. The files are the
core's documents (the CLI writes the same ones).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from frontdesk.errors import DomainError
from frontdesk.reports import actions as report_actions
from frontdesk.reports.funder import FunderReport, FunderRow
from frontdesk.reports.term import DateRange, date_range
from frontdesk.vocab import FeeTier
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.terms import tier_text
from ui.kit.widgets import money
from ui.kit.worker import Report, run_with_progress
from ui.reports.common import (
    ReportTab,
    choose_xlsx,
    date_edit,
    day_of,
    set_day,
)
from ui.reports.words import Figure, headline_figures, hours_text, percent


class FunderTab(ReportTab):
    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.report: FunderReport | None = None
        self._range_chosen = False
        self._init_range()
        self._init_tables()
        self._init_files()
        self._init_layout()
        self.retranslate_ui()

    def _init_range(self) -> None:
        self.from_edit, self.to_edit = date_edit("funder_from"), date_edit("funder_to")
        self.range_label, self.to_label = QLabel(), QLabel("–")
        self.term_button, self.year_button = QPushButton(), QPushButton()
        self.term_button.clicked.connect(self.on_term_button_clicked)
        self.year_button.clicked.connect(self.on_year_button_clicked)
        self.make_button = QPushButton()
        self.make_button.setObjectName("funder_make")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.on_make_button_clicked)

    def _init_tables(self) -> None:
        self.summary_model: RowsModel[Figure] = RowsModel([
            Column(lambda: self.tr("Figure"), lambda f: f.caption),
            Column(lambda: self.tr("Value"), lambda f: f.value),
        ])
        self.summary_view = read_only_table(self.summary_model, "funder_summary")
        self.summary_view.setColumnWidth(0, 250)
        self.summary_view.setWordWrap(True)
        self.category_model: RowsModel[FunderRow] = RowsModel([
            Column(lambda: self.tr("Category"), lambda r: r.category or self.tr("(none)")),
            Column(lambda: self.tr("Tier"), lambda r: tier_text(r.fee_tier)),
            Column(lambda: self.tr("Courses"), lambda r: f"{r.courses:,}", True),
            Column(lambda: self.tr("Lessons"), lambda r: f"{r.lessons:,}", True),
            Column(lambda: self.tr("Enrollments"), lambda r: f"{r.enrollments:,}", True),
            Column(lambda: self.tr("Attendances"), lambda r: f"{r.attended:,}", True),
            Column(lambda: self.tr("Learner-hours"), lambda r: hours_text(r.learner_minutes),
                   True),
            Column(lambda: self.tr("Subsidy"), lambda r: money(r.subsidy_fen), True),
            Column(lambda: self.tr("Completion"), lambda r: percent(r.completion_rate), True),
            Column(lambda: self.tr("Certificates"), lambda r: f"{r.certificates:,}", True),
        ])
        self.category_view = read_only_table(self.category_model, "funder_categories")
        self.category_view.horizontalHeader().setDefaultSectionSize(76)
        self.category_view.setColumnWidth(0, 100)
        self.category_view.setColumnWidth(1, 60)

    def _init_files(self) -> None:
        self.detail_box = QCheckBox()
        self.pdf_button, self.xlsx_button = QPushButton(), QPushButton()
        self.print_button = QPushButton()
        self.pdf_button.setObjectName("funder_pdf")
        self.xlsx_button.setObjectName("funder_xlsx")
        self.pdf_button.clicked.connect(self.on_pdf_button_clicked)
        self.xlsx_button.clicked.connect(self.on_xlsx_button_clicked)
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.status_label = QLabel()
        self.status_label.setObjectName("funder_status")

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        for widget in (self.range_label, self.from_edit, self.to_label, self.to_edit,
                       self.term_button, self.year_button, self.make_button):
            top.addWidget(widget)
        top.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.status_label, 1)
        files.addWidget(self.detail_box)
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            files.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.summary_view)
        splitter.addWidget(self.category_view)
        splitter.setSizes([580, 560])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(files)
        self._update_buttons()

    def retranslate_ui(self) -> None:
        self.range_label.setText(self.tr("Funder report from"))
        self.term_button.setText(self.tr("This term"))
        self.year_button.setText(self.tr("This year"))
        self.make_button.setText(self.tr("Make the report"))
        self.detail_box.setText(self.tr("A line per course in the PDF"))
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.xlsx_button.setText(self.tr("Save Excel…"))
        self.print_button.setText(self.tr("Print…"))
        self.summary_model.retranslate()
        self.category_model.retranslate()
        if self.report is not None:
            self.show_report(self.report)

    def activate(self) -> None:
        if not self._range_chosen:  # the first time: the dashboard's term
            self.on_term_button_clicked()

    def _update_buttons(self) -> None:
        for button in (self.pdf_button, self.xlsx_button, self.print_button):
            button.setEnabled(self.report is not None)

    # -- the range --------------------------------------------------------------------

    def set_range(self, period: DateRange) -> None:
        self._range_chosen = True
        set_day(self.from_edit, period.start)
        set_day(self.to_edit, period.end)

    @Slot()
    def on_term_button_clicked(self) -> None:
        self.set_range(self.context.act(report_actions.current_term, self.context.now(), self.tz))

    @Slot()
    def on_year_button_clicked(self) -> None:
        year = self.context.now().astimezone(self.tz).year
        self.set_range(DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31)))

    # -- the report -------------------------------------------------------------------

    @Slot()
    def on_make_button_clicked(self) -> None:
        try:
            period = date_range(day_of(self.from_edit), day_of(self.to_edit))
        except DomainError as error:
            self.refused(error)
            return
        self.make_report(period)

    def make_report(self, period: DateRange) -> None:
        ctx, at, tz = self.context, self.context.now(), self.tz

        def work(_report: Report) -> FunderReport:
            return ctx.act(report_actions.funder_report, period, at, tz)

        outcome = run_with_progress(self, self.tr("Counting the report's figures…"), None, work)
        if isinstance(outcome.error, Exception):
            self.refused(outcome.error)
            return
        if outcome.error is not None:
            raise outcome.error
        self.show_report(outcome.result)

    def summary(self, r: FunderReport) -> list[Figure]:
        """The headline figures (the dashboard's) and what only the report has."""
        tiers = {t.fee_tier: t for t in r.tiers}
        served = self.tr("{all} ({free} free, {inclusive} inclusive)").format(
            all=f"{r.learners_served:,}", free=f"{r.served(FeeTier.FREE):,}",
            inclusive=f"{r.served(FeeTier.INCLUSIVE):,}")
        completion = self.tr("{rate} ({done} of {seats}; {courses} courses ended, {withdrawn} "
                             "withdrew)").format(
            rate=percent(r.completion_rate), done=r.completed, seats=r.finished_enrollments,
            courses=r.finished_courses, withdrawn=r.withdrawn)
        jobs = r.totals.outcomes.job_or_business
        return [
            *headline_figures(r.totals),
            Figure("tiers", self.tr("Courses: free / inclusive"),
                   f"{tiers[FeeTier.FREE].courses:,} / {tiers[FeeTier.INCLUSIVE].courses:,}"),
            Figure("served", self.tr("Learners served (came at least once)"), served),
            Figure("completion", self.tr("Completion"), completion),
            Figure("job_share", self.tr("Job or business, share of learners served"),
                   percent(jobs / r.learners_served if r.learners_served else None)),
        ]

    def show_report(self, report: FunderReport) -> None:
        self.report = report
        self.summary_model.set_rows(self.summary(report))
        self.category_model.set_rows(report.rows)
        at = report.at.astimezone(self.tz)
        self.status_label.setText(self.tr("{start} to {end}, as of {time}").format(
            start=report.range.start.isoformat(), end=report.range.end.isoformat(),
            time=f"{at:%Y-%m-%d %H:%M}"))
        self._update_buttons()

    def figure(self, key: str) -> str:
        """The value shown for ``key`` (tests compare it with the dashboard's)."""
        return next(f.value for f in self.summary_model.rows if f.key == key)

    # -- files --------------------------------------------------------------------------

    def _name(self, suffix: str) -> str:
        assert self.report is not None
        r = self.report.range
        return self.tr("funder-report") + f"-{r.start:%Y%m%d}-{r.end:%Y%m%d}{suffix}"

    def pdf_bytes(self) -> bytes:
        from frontdesk.documents.report_pdf import funder_pdf

        assert self.report is not None
        return funder_pdf(self.report, printed_at=self.context.now(),
                          course_detail=self.detail_box.isChecked())

    @Slot()
    def on_pdf_button_clicked(self) -> None:
        try:
            path = printing.save_pdf_as(self, self.pdf_bytes(), self._name(".pdf"))
        except Exception as error:
            self.refused(error)
            return
        if path is not None:
            self.message.emit("ok", self.tr("Saved: {path}").format(path=path))

    @Slot()
    def on_xlsx_button_clicked(self) -> None:
        from frontdesk.documents.report_xlsx import write_funder_xlsx

        path = choose_xlsx(self, self._name(".xlsx"))
        if path is None or self.report is None:
            return
        try:
            write_funder_xlsx(self.report, path)
        except OSError as error:
            self.refused(error)
            return
        self.message.emit("ok", self.tr("Saved: {path}").format(path=path))

    @Slot()
    def on_print_button_clicked(self) -> None:
        try:
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / self._name(".pdf")
                path.write_bytes(self.pdf_bytes())
                printing.print_pdf(self, path)
        except Exception as error:
            self.refused(error)


__all__ = ["FunderTab"]
