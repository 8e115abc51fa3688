"""The dashboard: tonight at a glance, and the term in figures and charts.

The main window's first page. Tonight (lessons filling as scans come in,
fees taken today, waiting lists) is a few small queries, read when the page
is shown and every few seconds while it is. The term's figures take longer
on a big school (about half a second at 100,000 learners), so they are read
on a worker thread: the window shows at once, and the charts fill in when
the figures arrive.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.reports import actions as report_actions
from frontdesk.reports.dashboard import Tonight
from frontdesk.reports.followup import OutcomeCounts
from frontdesk.reports.term import DateRange, TermFigures, Totals, date_range
from frontdesk.store.engine import StoreError
from ui.dashboard.charts import (
    attendance_chart,
    attendance_rate,
    capacity_chart,
    capacity_chart_height,
    course_label,
    outcomes_chart,
    tier_charts,
)
from ui.dashboard.store_check import StoreCheckWarning
from ui.dashboard.tonight import TonightPanel
from ui.kit.charts import ChartBox
from ui.kit.context import DeskContext
from ui.kit.page import Page
from ui.kit.widgets import Banner
from ui.kit.words import describe
from ui.kit.worker import Worker
from ui.reports.common import date_edit, day_of
from ui.reports.words import Figure, headline_figures, percent

REFRESH_MS = 10_000  # tonight's counts, while the page is shown
TERM_STALE_S = 120  # showing the page again re-reads the term after this long


def read_term(context: DeskContext, period: DateRange | None, at: dt.datetime,
              tz: zoneinfo.ZoneInfo) -> TermFigures:
    """The figures of ``period`` (None: the current term), read on the worker."""
    chosen = period or context.act(report_actions.current_term, at, tz)
    return context.act(report_actions.term_figures, chosen, at, tz)


class FigureTile(QWidget):
    """A headline figure: the number large, its caption small."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.setObjectName(f"figure_{key}")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("value")
        self.value_label.setStyleSheet("font-size: 18pt; font-weight: bold; color: #1f4e79;")
        self.caption_label = QLabel()
        self.caption_label.setStyleSheet("color: #555555;")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)

    def show_figure(self, figure: Figure) -> None:
        self.value_label.setText(figure.value)
        self.caption_label.setText(figure.caption)


class DashboardPage(Page):
    icon_name = "dashboard"
    TITLE = QT_TRANSLATE_NOOP("Page", "Dashboard")
    term_shown = Signal()  # the term's figures and charts are on screen

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.tz = context.settings().tz()
        self.tonight: Tonight | None = None
        self.term: TermFigures | None = None
        self.term_error: BaseException | None = None
        self._term_read_at: dt.datetime | None = None
        self.loading = False  # a reading of the term is on its way
        self.generation = 0  # of the latest reading asked for; older ones are dropped
        self.loader = Worker("dashboard", self)
        self.loader.succeeded.connect(self.on_loader_ended)
        self.loader.failed.connect(self.on_loader_ended)
        self.banner = Banner()
        self.store_check = StoreCheckWarning(context)
        self.store_check.failed.connect(self.banner.error)
        self.tonight_panel = TonightPanel(self.tz)
        self._init_term_controls()
        self._init_figures()
        self._init_charts()
        self._init_layout()
        self.refresh_timer = QTimer(self, interval=REFRESH_MS)
        self.refresh_timer.timeout.connect(self.on_refresh_timer_timeout)
        self.term_timer = QTimer(self, interval=0, singleShot=True)  # after the first paint
        self.term_timer.timeout.connect(self.on_term_timer_timeout)
        self.retranslate_ui()

    # -- building --------------------------------------------------------------

    def _init_term_controls(self) -> None:
        self.term_label = QLabel()
        self.from_edit, self.to_edit = date_edit("term_from"), date_edit("term_to")
        for edit in (self.from_edit, self.to_edit):
            # A dash, not a made-up day, until the term's dates have been read.
            edit.setSpecialValueText("—")
            edit.setDate(edit.minimumDate())
        self.show_button = QPushButton()
        self.show_button.setObjectName("term_show")
        self.show_button.clicked.connect(self.on_show_button_clicked)
        self.term_status = QLabel()
        self.term_status.setObjectName("term_status")
        self.course_box = QComboBox()
        self.course_box.setObjectName("attendance_course")
        self.course_box.setMinimumWidth(260)
        self.course_box.currentIndexChanged.connect(self.on_course_box_current_index_changed)

    def _init_figures(self) -> None:
        self.tiles: dict[str, FigureTile] = {}
        self.figures_box = QWidget()
        grid = QGridLayout(self.figures_box)
        grid.setContentsMargins(0, 0, 0, 0)
        keys = [f.key for f in headline_figures(_NO_TOTALS)] + ["rate"]
        for i, key in enumerate(keys):
            self.tiles[key] = FigureTile(key)
            grid.addWidget(self.tiles[key], i // 6, i % 6)

    def _init_charts(self) -> None:
        self.attendance_box = ChartBox("chart_attendance")
        self.capacity_box = ChartBox("chart_capacity")
        self.tier_courses_box = ChartBox("chart_tier_courses", min_height=240)
        self.tier_learners_box = ChartBox("chart_tier_learners", min_height=240)
        self.outcomes_box = ChartBox("chart_outcomes", min_height=240)
        self.charts = (self.attendance_box, self.capacity_box, self.tier_courses_box,
                       self.tier_learners_box, self.outcomes_box)
        for box in self.charts:
            box.saved.connect(self.on_chart_saved)
            box.save_failed.connect(self.on_chart_save_failed)

    def _init_layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.term_label)
        controls.addWidget(self.from_edit)
        self.to_label = QLabel("–")
        controls.addWidget(self.to_label)
        controls.addWidget(self.to_edit)
        controls.addWidget(self.show_button)
        controls.addWidget(self.term_status, 1)
        attendance = QWidget()
        column = QVBoxLayout(attendance)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.course_box, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.attendance_box, 1)
        charts = QGridLayout()  # the capacity chart grows with the courses: last, full width
        charts.addWidget(attendance, 0, 0, 1, 3)
        charts.addWidget(self.tier_courses_box, 1, 0)
        charts.addWidget(self.tier_learners_box, 1, 1)
        charts.addWidget(self.outcomes_box, 1, 2)
        charts.addWidget(self.capacity_box, 2, 0, 1, 3)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.tonight_panel)
        inner.addLayout(controls)
        inner.addWidget(self.figures_box)
        inner.addLayout(charts, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.store_check)
        layout.addWidget(scroll, 1)

    def retranslate_ui(self) -> None:
        self.term_label.setText(self.tr("<b>The term</b> from"))
        self.show_button.setText(self.tr("Show"))
        self.tonight_panel.retranslate_ui()
        self.store_check.retranslate_ui()
        for box in self.charts:
            box.retranslate_ui()
        self._show_status()
        if self.term is not None:
            self.show_term(self.term)

    # -- the page's life -------------------------------------------------------

    def activate(self) -> None:
        """Tonight now (cheap); the term on a worker unless it was read just now.

        The worker starts once tonight's figures are painted: while it reads,
        it takes Python's lock in turns with the GUI thread, which would slow
        the first paint."""
        self.refresh_tonight()
        self.refresh_timer.start()
        read_at = self._term_read_at
        stale = read_at is None or (self.context.now() - read_at).total_seconds() > TERM_STALE_S
        if stale and not self.loading:
            self.term_timer.start()

    @Slot()
    def on_term_timer_timeout(self) -> None:
        if not self.loading:
            self.load_term(self.term.range if self.term else None)

    def settings_changed(self) -> None:
        self.tz = self.context.settings().tz()
        self.tonight_panel.tz = self.tz
        self.refresh_tonight()

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self.term_timer.stop()
        self.loader.wait()  # the store must not close under a reading in progress

    def hideEvent(self, event: QHideEvent) -> None:
        self.refresh_timer.stop()
        super().hideEvent(event)

    @Slot()
    def on_refresh_timer_timeout(self) -> None:
        self.refresh_tonight()

    # -- tonight -----------------------------------------------------------------

    def refresh_tonight(self) -> None:
        try:
            self.tonight = self.context.act(report_actions.tonight_summary, self.context.now(),
                                            self.tz)
        except StoreError as error:  # another desk holds the store: the next tick tries again
            self.banner.warn(describe(error))
            return
        self.tonight_panel.show_tonight(self.tonight)
        self.store_check.refresh()

    # -- the term ------------------------------------------------------------------

    def load_term(self, period: DateRange | None) -> None:
        """Read the figures of ``period`` (None: the current term) off the GUI thread."""
        self.term_error = None
        self.loading = True
        self.generation += 1
        ctx, at, tz = self.context, self.context.now(), self.tz
        self.loader.start(lambda: read_term(ctx, period, at, tz), self.generation)
        self._show_status()

    def chosen_range(self) -> DateRange:
        """The range in the date fields; refuses an end before the start."""
        return date_range(day_of(self.from_edit), day_of(self.to_edit))

    @Slot()
    def on_show_button_clicked(self) -> None:
        try:
            period = self.chosen_range()
        except DomainError as error:
            self.banner.error(describe(error))
            return
        self.load_term(period)

    @Slot(object, object)
    def on_loader_ended(self, generation: object, result: object) -> None:
        if generation != self.generation:
            return  # an older reading, overtaken by a newer one
        self.loading = False
        if isinstance(result, TermFigures):
            self._term_read_at = self.context.now()
            self.show_term(result)
        else:
            self.term_error = result if isinstance(result, BaseException) else None
            text = (describe(result) if isinstance(result, (DomainError, StoreError))
                    else str(result))
            self.banner.error(self.tr("The term's figures could not be read: {reason}")
                              .format(reason=text))
        self._show_status()

    def _show_status(self) -> None:
        if self.loading:
            self.term_status.setText(self.tr("Reading the term's figures…"))
        elif self.term is not None:
            at = self.term.at.astimezone(self.tz)
            self.term_status.setText(self.tr("as of {time}").format(time=f"{at:%H:%M}"))
        else:
            self.term_status.setText("")

    def show_term(self, figures: TermFigures) -> None:
        self.term = figures
        for edit, day in ((self.from_edit, figures.range.start), (self.to_edit, figures.range.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        for figure in headline_figures(figures.totals):
            self.tiles[figure.key].show_figure(figure)
        self.tiles["rate"].show_figure(Figure("rate", self.tr("Attendance rate"),
                                              percent(attendance_rate(figures))))
        self._fill_course_box(figures)
        self.capacity_box.view.setMinimumHeight(capacity_chart_height(figures))
        self.capacity_box.set_data(capacity_chart(figures))
        courses, learners = tier_charts(figures)
        self.tier_courses_box.set_data(courses)
        self.tier_learners_box.set_data(learners)
        self.outcomes_box.set_data(outcomes_chart(figures))
        self.on_course_box_current_index_changed(self.course_box.currentIndex())
        self.term_shown.emit()

    def _fill_course_box(self, figures: TermFigures) -> None:
        current = self.course_box.currentData()
        self.course_box.blockSignals(True)
        self.course_box.clear()
        self.course_box.addItem(self.tr("Whole school"), None)
        for course in figures.held_courses:
            self.course_box.addItem(course_label(course), course.course_id)
        self.course_box.setCurrentIndex(max(0, self.course_box.findData(current)))
        self.course_box.blockSignals(False)

    @Slot(int)
    def on_course_box_current_index_changed(self, _index: int) -> None:
        if self.term is not None:
            self.attendance_box.set_data(attendance_chart(self.term,
                                                          self.course_box.currentData()))

    @Slot(str)
    def on_chart_saved(self, path: str) -> None:
        self.banner.ok(self.tr("Chart saved: {path}").format(path=path))

    @Slot(str)
    def on_chart_save_failed(self, path: str) -> None:
        self.banner.error(self.tr("The chart could not be saved to {path}.").format(path=path))


_NO_TOTALS = Totals(0, 0, 0, 0, 0, 0, 0, 0, OutcomeCounts())  # the tiles before the figures

__all__ = ["DashboardPage", "read_term"]

