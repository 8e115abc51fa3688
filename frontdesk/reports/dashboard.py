"""The dashboard's data (the main window's first page), without Qt.

Tonight: every lesson of the day with present / enrolled / capacity (the
check-in desk's own :func:`frontdesk.checkin.tonight.tonight`), the fees
taken today by method (the cash-up's totals,
:func:`frontdesk.fees.cashup.cashup_report`, as one grouped sum) and the waiting lists. The
term: :func:`frontdesk.reports.term.term_figures`. The window refreshes
``tonight_summary`` as scans come in (a few small queries) and the term
figures when it opens or the range changes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy import Date, bindparam, func, or_, select
from sqlalchemy.orm import Session

from frontdesk.checkin.tonight import LessonSummary, tonight
from frontdesk.fees.cashup import MethodTotal
from frontdesk.reports.queries import DateRange, week_of
from frontdesk.reports.term import TermFigures, term_figures
from frontdesk.store.models import Course, Enrollment, LedgerEntry, Lesson, UTCDateTime
from frontdesk.vocab import SEATED, EnrollmentStatus, LedgerKind, PaymentMethod


@dataclass(frozen=True, slots=True)
class FeesToday:
    """Money taken on the school's business date, by method (every desk)."""

    business_date: dt.date
    methods: tuple[MethodTotal, ...]  # every method, in PaymentMethod order
    payments_fen: int
    refunds_fen: int
    waived_fen: int
    entries: int

    @property
    def net_fen(self) -> int:
        """Payments less refunds: what the drawers and wallets took."""
        return self.payments_fen - self.refunds_fen


@dataclass(frozen=True, slots=True)
class WaitingCourse:
    """A course still running with people on its waiting list."""

    course_id: int
    code: str
    title: str
    capacity: int
    seated: int
    waitlisted: int

    @property
    def free_seats(self) -> int:
        return max(0, self.capacity - self.seated)


@dataclass(frozen=True)
class Tonight:
    at: dt.datetime
    lessons: tuple[LessonSummary, ...]
    fees: FeesToday
    waiting: tuple[WaitingCourse, ...]  # longest list first

    @property
    def present(self) -> int:
        return sum(lesson.checked_in for lesson in self.lessons)

    @property
    def enrolled(self) -> int:
        return sum(lesson.enrolled for lesson in self.lessons if not lesson.cancelled)


@dataclass(frozen=True)
class Dashboard:
    tonight: Tonight
    term: TermFigures


# Today's fees: one grouped sum over the day's entries (ix_ledger_entry_business_date),
# the same numbers the cash-up report adds up from its lines.
_DAY_TOTALS = (
    select(LedgerEntry.kind, LedgerEntry.method, func.count(), func.sum(LedgerEntry.amount_fen))
    .where(LedgerEntry.business_date == bindparam("day", type_=Date()))
    .group_by(LedgerEntry.kind, LedgerEntry.method)
)


def fees_today(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo) -> FeesToday:
    """The business date's payments, refunds and waivers at every desk: the
    cash-up report's totals (:func:`frontdesk.fees.cashup.cashup_report`,
    so the dashboard and the 日结 always agree) without reading its lines."""
    day = at.astimezone(tz).date()
    cells: dict[tuple[LedgerKind, PaymentMethod | None], tuple[int, int]] = {
        (kind, method): (n, int(total or 0))
        for kind, method, n, total in session.connection().execute(_DAY_TOTALS, {"day": day})}

    def count(kind: LedgerKind, method: PaymentMethod) -> tuple[int, int]:
        return cells.get((kind, method), (0, 0))

    methods = tuple(MethodTotal(m, *count(LedgerKind.PAYMENT, m), *count(LedgerKind.REFUND, m))
                    for m in PaymentMethod)

    def total(kind: LedgerKind) -> int:
        return sum(fen for (k, _m), (_n, fen) in cells.items() if k is kind)

    return FeesToday(day, methods, total(LedgerKind.PAYMENT), total(LedgerKind.REFUND),
                     total(LedgerKind.WAIVER), sum(n for n, _fen in cells.values()))


# Courses with a waiting list, counted first (ix_enrollment_status_course), then
# each asked whether a lesson is still to come: no list of every future lesson.
_LISTS = (select(Enrollment.course_id, func.count().label("waiting"))
          .where(Enrollment.status == EnrollmentStatus.WAITLISTED)
          .group_by(Enrollment.course_id).subquery("lists"))
_LATER = (select(Lesson.id).where(Lesson.course_id == Course.id,
                                  Lesson.starts_at > bindparam("at", type_=UTCDateTime()),
                                  Lesson.cancelled.is_(False)).exists())
_WAITING = (
    select(Course.id, Course.code, Course.title, Course.capacity, _LISTS.c.waiting)
    .join(_LISTS, _LISTS.c.course_id == Course.id)
    .where(or_(_LATER, Course.end_date >= bindparam("today", type_=Date())))
    .order_by(_LISTS.c.waiting.desc(), Course.code)
    .limit(bindparam("limit"))
)
_SEATED = (
    select(Enrollment.course_id, func.count())
    .where(Enrollment.course_id.in_(bindparam("ids", expanding=True)),
           Enrollment.status.in_(SEATED))
    .group_by(Enrollment.course_id)
)


def waiting_lists(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo,
                  limit: int = 50) -> list[WaitingCourse]:
    """Courses not yet over (a lesson still to start, or an end date not
    passed) with a waiting list, longest first: two grouped queries."""
    conn = session.connection()
    rows = conn.execute(_WAITING, {"at": at, "today": at.astimezone(tz).date(),
                                   "limit": limit}).all()
    ids = [r[0] for r in rows]
    seated = dict(conn.execute(_SEATED, {"ids": ids}).all()) if ids else {}
    return [WaitingCourse(cid, code, title, capacity, seated.get(cid, 0), n)
            for cid, code, title, capacity, n in rows]


def tonight_summary(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo) -> Tonight:
    """Tonight's lessons with their counts, the fees taken today and the
    waiting lists, as of ``at`` (a handful of queries)."""
    return Tonight(at, tuple(tonight(session, at, tz)), fees_today(session, at, tz),
                   tuple(waiting_lists(session, at, tz)))


def dashboard(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo,
              term: DateRange) -> Dashboard:
    """Everything the dashboard shows: tonight, and the figures of ``term``."""
    return Dashboard(tonight_summary(session, at, tz), term_figures(session, term, at, tz))


def current_term(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo) -> DateRange:
    """The term the dashboard shows by default: from the first lesson to the
    last of the courses with a lesson in the week of ``at`` (local days).
    With no course running that week, the 13 weeks up to next Sunday."""
    monday = dt.datetime.combine(week_of(at, tz), dt.time(), tzinfo=tz)
    running = select(Lesson.course_id).where(
        Lesson.starts_at >= monday.astimezone(dt.UTC),
        Lesson.starts_at < (monday + dt.timedelta(days=7)).astimezone(dt.UTC),
        Lesson.cancelled.is_(False))
    first, last = session.execute(
        select(func.min(Lesson.starts_at), func.max(Lesson.starts_at))
        .where(Lesson.course_id.in_(running), Lesson.cancelled.is_(False))).one()
    if first is None or last is None:
        return weeks_up_to(at, tz)
    return DateRange(first.astimezone(tz).date(), last.astimezone(tz).date())


def weeks_up_to(at: dt.datetime, tz: zoneinfo.ZoneInfo, weeks: int = 13) -> DateRange:
    """The ``weeks`` weeks (Monday to Sunday) ending with the week after ``at``'s."""
    next_sunday = week_of(at, tz) + dt.timedelta(days=13)
    return DateRange(next_sunday - dt.timedelta(weeks=weeks, days=-1), next_sunday)


__all__ = [
    "Dashboard", "FeesToday", "Tonight", "WaitingCourse", "current_term", "dashboard",
    "fees_today", "tonight_summary", "waiting_lists", "weeks_up_to",
]
