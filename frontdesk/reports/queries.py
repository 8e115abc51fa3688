"""Building blocks of the reports: ranges, the counting rule, shared queries.

Used by the dashboard's term figures (:mod:`frontdesk.reports.term`) and
the funder report (:mod:`frontdesk.reports.funder`) alike, so both count the
same courses, seats, people and subsidy the same way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import json
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    case,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from frontdesk.certificates.eligibility import counted as counted_by_rule
from frontdesk.errors import DomainError
from frontdesk.store.models import Certificate, Course, Enrollment, Lesson
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus, EnrollmentStatus, FeeTier

MAX_DAYS = 5 * 366


@dataclass(frozen=True, slots=True)
class DateRange:
    """Whole local days of the school, ``start`` and ``end`` included."""

    start: dt.date
    end: dt.date

    def bounds(self, tz: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """The range as UTC [first midnight, midnight after the last day)."""
        first = dt.datetime.combine(self.start, dt.time(), tzinfo=tz)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), tzinfo=tz)
        return first.astimezone(dt.UTC), after.astimezone(dt.UTC)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def date_range(start: dt.date, end: dt.date) -> DateRange:
    """A checked range: refuses an end before the start, or more than five years."""
    if end < start:
        raise DomainError("report_range_invalid", start=start.isoformat(), end=end.isoformat())
    if (end - start).days >= MAX_DAYS:
        raise DomainError("report_range_too_long", days=(end - start).days + 1, max=MAX_DAYS)
    return DateRange(start, end)


@functools.cache
def _stand_in(excused_counts: bool) -> Course:
    # The rule reads only whether a course counts excused lessons: one
    # transient course of each kind stands in for all of them.
    return Course(excused_counts=excused_counts)


def counted(arrived: int, excused: int, excused_counts: bool) -> int:
    """Lessons that count towards the certificate, by the certificates' own
    rule (:mod:`frontdesk.certificates.eligibility`): ``arrived`` (present or late)
    lessons, plus ``excused`` ones on a course that counts them."""
    return counted_by_rule(
        {AttendanceStatus.PRESENT: arrived, AttendanceStatus.EXCUSED: excused},
        _stand_in(excused_counts))


def week_of(moment: dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.date:
    """The Monday (local) of the week holding ``moment``."""
    day = moment.astimezone(tz).date()
    return day - dt.timedelta(days=day.weekday())



def in_range(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    """Lessons not cancelled that start in [start, end)."""
    return and_(Lesson.starts_at >= start, Lesson.starts_at < end, Lesson.cancelled.is_(False))


def scheduled_courses(start: dt.datetime, end: dt.datetime) -> Select[int]:
    """Ids of courses with a lesson (not cancelled) starting in [start, end)."""
    return select(Lesson.course_id).where(in_range(start, end)).distinct()


def held_courses(start: dt.datetime, end: dt.datetime, at: dt.datetime) -> Select[int]:
    """Ids of courses with a lesson held (started by ``at``) in [start, end)."""
    return select(Lesson.course_id).where(in_range(start, end), Lesson.starts_at <= at).distinct()


def count_when(condition: ColumnElement[bool]) -> ColumnElement[int]:
    # COUNT ignores the NULL a CASE without ELSE gives: portable conditional count.
    return func.count(case((condition, 1)))


def one_of(column: ColumnElement[int] | InstrumentedAttribute[int], ids: Sequence[int],
           dialect: str) -> ColumnElement[bool]:
    """``column IN ids`` with the ids sent as one value: a JSON array read by
    ``json_each`` on SQLite, an array on PostgreSQL. Tens of thousands of
    ids then cost one parameter, not one each to render and bind."""
    if dialect == "sqlite":
        listed: Select[int] = select(literal_column("value", Integer)).select_from(
            func.json_each(bindparam("one_of_ids", json.dumps(list(ids)), type_=String)))
        return column.in_(listed)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == any_(bindparam("one_of_ids", list(ids), type_=ARRAY(Integer)))
    return column.in_(list(ids))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector held off while a report builds tens of
    thousands of rows, which hold no cycles. Left on, it walks every object
    of the application several times over as the rows pile up: at 100,000
    learners that cost the at-risk list more than its own work."""
    if not gc.isenabled():  # already held off (another report, a test)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def naive_utc(value: str | dt.datetime) -> dt.datetime:
    """A stored time read as text (``type_coerce(column, String)``), as naive UTC.

    SQLite hands back its stored text (UTC by the store's convention), which
    parses far faster here than through the column type; other stores hand
    back datetimes, which are brought to the same form.
    """
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


@dataclass(frozen=True, slots=True)
class Seats:
    """Seats taken on a course, its waiting list, and the subsidy of its seats."""

    seated: int
    waitlisted: int
    subsidy_fen: int


def seats_by_course(session: Session, courses: Select[int]) -> dict[int, Seats]:
    """Per course of ``courses``: seats taken, waiting, subsidy (one grouped query)."""
    seated = Enrollment.status.in_(SEATED)
    subsidy = case((and_(seated, Course.fee_tier == FeeTier.INCLUSIVE),
                    Enrollment.market_price_fen - Enrollment.fee_due_fen), else_=0)
    rows = session.execute(
        select(Enrollment.course_id, count_when(seated),
               count_when(Enrollment.status == EnrollmentStatus.WAITLISTED),
               func.coalesce(func.sum(subsidy), 0))
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.course_id.in_(courses))
        .group_by(Enrollment.course_id)
    )
    return {cid: Seats(s, w, int(sub)) for cid, s, w, sub in rows}


def learners_by_tier(session: Session,
                     courses: Select[int]) -> tuple[dict[FeeTier, int], int]:
    """Distinct people seated on ``courses``: per tier, and overall."""
    where = (Enrollment.course_id.in_(courses), Enrollment.status.in_(SEATED))
    people = func.count(func.distinct(Enrollment.learner_id))
    by_tier = dict(session.execute(
        select(Course.fee_tier, people).join(Course, Course.id == Enrollment.course_id)
        .where(*where).group_by(Course.fee_tier)).all())
    overall = session.scalar(select(people).where(*where)) or 0
    return by_tier, overall


CourseRow = tuple[int, str, str, str, FeeTier, int]  # id, code, title, category, tier, capacity


def course_rows(session: Session, courses: Select[int]) -> Sequence[CourseRow]:
    """The courses of ``courses`` by code: id, code, title, category, tier, capacity."""
    return session.execute(
        select(Course.id, Course.code, Course.title, Course.category, Course.fee_tier,
               Course.capacity)
        .where(Course.id.in_(courses)).order_by(Course.code)
    ).all()


def certificates_issued(session: Session, start: dt.datetime, end: dt.datetime) -> int:
    """Certificates issued in [start, end) and not revoked."""
    return session.scalar(select(func.count()).select_from(Certificate).where(
        Certificate.issued_at >= start, Certificate.issued_at < end,
        Certificate.revoked_at.is_(None))) or 0


__all__ = [
    "ARRIVED", "MAX_DAYS", "SEATED", "CourseRow", "DateRange", "Seats", "certificates_issued",
    "collector_paused", "count_when", "counted", "course_rows", "date_range", "held_courses",
    "in_range", "learners_by_tier", "naive_utc", "one_of", "scheduled_courses",
    "seats_by_course", "week_of",
]
