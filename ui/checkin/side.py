"""The check-in page's side panels: tonight's lessons and this desk's last
scans, and their reading off the GUI thread."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Literal, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QHeaderView, QTableView

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.scan import Outcome
from frontdesk.checkin.tokens import TokenProblem
from frontdesk.checkin.tonight import LessonSummary, RecentScan
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.store.engine import StoreError
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.worker import Worker

OUTCOME_WORDS = {
    Outcome.CHECKED_IN: QT_TRANSLATE_NOOP("Outcome", "checked in"),
    Outcome.LATE: QT_TRANSLATE_NOOP("Outcome", "late"),
    Outcome.FEE_DUE: QT_TRANSLATE_NOOP("Outcome", "fee due"),
    Outcome.ALREADY_CHECKED_IN: QT_TRANSLATE_NOOP("Outcome", "already checked in"),
    Outcome.NO_LESSON_NOW: QT_TRANSLATE_NOOP("Outcome", "no lesson now"),
    Outcome.WAITLISTED: QT_TRANSLATE_NOOP("Outcome", "waiting list"),
    Outcome.OTHER_COURSE_TONIGHT: QT_TRANSLATE_NOOP("Outcome", "other course tonight"),
    Outcome.CARD_REPLACED: QT_TRANSLATE_NOOP("Outcome", "card replaced"),
    Outcome.NOT_OUR_CODE: QT_TRANSLATE_NOOP("Outcome", "not a FrontDesk card"),
    Outcome.CHOOSE_LESSON: QT_TRANSLATE_NOOP("Outcome", "two lessons"),
    Outcome.UNKNOWN_LEARNER: QT_TRANSLATE_NOOP("Outcome", "unknown learner"),
    Outcome.CERTIFICATE: QT_TRANSLATE_NOOP("Outcome", "certificate"),
}


UNREAD_WORDS = {
    TokenProblem.MALFORMED: QT_TRANSLATE_NOOP("Outcome", "could not be read"),
    TokenProblem.BAD_SIGNATURE: QT_TRANSLATE_NOOP("Outcome", "could not be read"),
    TokenProblem.RUN_TOGETHER: QT_TRANSLATE_NOOP("Outcome", "two codes as one"),
    TokenProblem.UNSUPPORTED: QT_TRANSLATE_NOOP("Outcome", "newer card"),
}


def outcome_word(outcome: Outcome) -> str:
    return QCoreApplication.translate("Outcome", OUTCOME_WORDS[outcome])


def tonight_model(tz: zoneinfo.ZoneInfo) -> RowsModel[LessonSummary]:
    def when(s: LessonSummary) -> str:
        return f"{s.starts_at.astimezone(tz):%H:%M}–{s.ends_at.astimezone(tz):%H:%M}"

    return RowsModel([
        Column(lambda: QCoreApplication.translate("Tonight", "Time"), when),
        Column(lambda: QCoreApplication.translate("Tonight", "Course"), lambda s: s.course_title),
        Column(lambda: QCoreApplication.translate("Tonight", "Room"), lambda s: s.room),
        Column(lambda: QCoreApplication.translate("Tonight", "Here / enrolled / seats"),
               lambda s: f"{s.checked_in} / {s.enrolled} / {s.capacity}", True),
        Column(lambda: QCoreApplication.translate("Tonight", "Late"), lambda s: s.late or "",
               True),
    ], tint=lambda s: "#888888" if s.cancelled or s.closed else None)


def recent_model(tz: zoneinfo.ZoneInfo) -> RowsModel[RecentScan]:
    def who(r: RecentScan) -> str:
        return r.learner_name or r.raw

    def what(r: RecentScan) -> str:
        word = outcome_word(r.outcome)
        if r.outcome is Outcome.NOT_OUR_CODE and r.problem in UNREAD_WORDS:
            word = QCoreApplication.translate("Outcome", UNREAD_WORDS[r.problem])
        if r.voided:
            return QCoreApplication.translate("Recent", "{what} (voided)").format(what=word)
        return word

    def tint(r: RecentScan) -> str | None:
        if r.voided:
            return "#888888"
        if r.attendance_id is None:
            return "#a12a1d"
        return "#8a5300" if r.outcome is Outcome.LATE else "#12612f"

    return RowsModel([
        Column(lambda: QCoreApplication.translate("Recent", "Time"),
               lambda r: f"{r.at.astimezone(tz):%H:%M:%S}"),
        Column(lambda: QCoreApplication.translate("Recent", "Learner"), who),
        Column(lambda: QCoreApplication.translate("Recent", "Course"), lambda r: r.course_title),
        Column(lambda: QCoreApplication.translate("Recent", "Result"), what),
    ], tint=tint)


def tonight_view(model: RowsModel[LessonSummary]) -> QTableView:
    # The counts and the result must show without sideways scrolling on a
    # 1280-pixel screen: the course title takes what room is left, the rest fit.
    # Columns are fitted to the rows in sight when the list is read (fit_columns),
    # not on every change: a scan changes one row, and measuring all 500 rows of
    # a big school's evening again took ~70 ms a scan.
    view = read_only_table(model, "tonight", stretch=1)
    view.horizontalHeader().setResizeContentsPrecision(0)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    return view


def fit_columns(view: QTableView) -> None:
    """Fit the columns but the stretching one to the rows in sight."""
    header = view.horizontalHeader()
    for column in range(header.count()):
        if header.sectionResizeMode(column) is not QHeaderView.ResizeMode.Stretch:
            view.resizeColumnToContents(column)


def recent_view(model: RowsModel[RecentScan]) -> QTableView:
    view = read_only_table(model, "recent", fit=True, stretch=2)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
    view.setColumnWidth(1, 110)
    return view


SideRead = Literal["recent", "all"]  # the last scans, or tonight's lessons too


class SideReader(QObject):
    """Reads the side panels off the GUI thread, one read at a time.

    ``want`` asks for a read; ``start`` begins the one asked for unless a read
    is under way (which then leaves it asked for, for the page to start
    again). ``counted`` says the page counted an arrival on screen itself:
    tonight's lessons read by a read begun before that may lack it, so they
    are not shown (``read`` gives None for them) and a new read is asked for.
    """

    read = Signal(object, object)  # tonight's lessons or None, the last scans
    failed = Signal()  # the store (its server) could not be read

    def __init__(self, context: DeskContext, tz: Callable[[], zoneinfo.ZoneInfo],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.tz = tz
        self.wanted: SideRead | None = None
        self._counted = 0
        self.worker = Worker("checkin-side", self)
        self.worker.succeeded.connect(self.on_worker_succeeded)
        self.worker.failed.connect(self.on_worker_failed)

    def want(self, kind: SideRead) -> None:
        self.wanted = "all" if "all" in (kind, self.wanted) else "recent"

    def counted(self) -> None:
        self._counted += 1

    def start(self) -> None:
        kind = self.wanted
        if kind is None or self.worker.busy or self.context.offline:
            return
        self.wanted = None
        now, tz = self.context.now(), self.tz()
        self.worker.start(lambda: self.read_now(kind, now, tz), self._counted)

    def read_now(self, kind: SideRead, now: dt.datetime, tz: zoneinfo.ZoneInfo
                 ) -> tuple[list[LessonSummary] | None, list[RecentScan]]:
        """The read itself (on the worker thread; on the GUI thread only when
        the page is made)."""
        ctx = self.context
        lessons = ctx.act(checkin_actions.tonight_lessons, now, tz) if kind == "all" else None
        return lessons, ctx.act(checkin_actions.recent_scans, ctx.desk, 30)

    @Slot(object, object)
    def on_worker_succeeded(self, counted: object, side: object) -> None:
        lessons, recent = cast(tuple[list[LessonSummary] | None, list[RecentScan]], side)
        if lessons is not None and counted != self._counted:
            lessons = None  # an arrival was counted on screen meanwhile
            self.want("all")
        self.read.emit(lessons, recent)

    @Slot(object, object)
    def on_worker_failed(self, _token: object, error: object) -> None:
        if not isinstance(error, (DomainError, StoreError)) and isinstance(error, BaseException):
            raise error  # a fault, not the store away: shown as one
        self.failed.emit()

    def wait(self) -> None:
        self.worker.wait()
