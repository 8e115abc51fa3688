"""The school's figures over a date range: the dashboard's term (here) and
the funder report (:mod:`frontdesk.reports.funder`).

Both come from a few aggregate queries, never one per course or learner:
the dashboard reads attendance per lesson (for the weeks), the funder
report per course and learner (for completion and people served); their
totals for the same range are the same. The words, used the same way
everywhere:

* A range is whole local days of the school, first and last day included.
* A lesson is *held* when it is not cancelled and started by ``at`` (the
  certificates' rule); a course is *held in the range* when one of its
  lessons held starts in the range.
* *Attended* is present or late. A learner-hour is one attended lesson
  times its length, so the learner-hours of a range are Σ attended × length.
* *Enrollments* are seats taken (enrolled or completed) on courses held in
  the range; *learners* are the distinct people holding them. The funder
  report also counts *learners served*: people who attended a lesson held
  in the range.
* *Subsidy* is market price less fee over the seats taken on inclusive
  courses held in the range, both fixed on the enrollment when it was made.
* *Completion* (funder report) looks at courses that *ended* in the range
  (their last lesson started in it): a seated learner completed when they
  attended the share of lessons the certificates require
  (:func:`frontdesk.certificates.eligibility.required_lessons`).
* *Outcomes* count each learner once, by the latest call recorded in the range.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from frontdesk.reports.followup import OutcomeCounts, outcome_counts
from frontdesk.reports.queries import (
    CourseRow,
    DateRange,
    Seats,
    certificates_issued,
    count_when,
    course_rows,
    date_range,
    held_courses,
    in_range,
    learners_by_tier,
    naive_utc,
    scheduled_courses,
    seats_by_course,
    week_of,
)
from frontdesk.store.models import Attendance, Lesson
from frontdesk.vocab import AttendanceStatus, FeeTier


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One week of a course (or of the school): lessons held and who came."""

    week_start: dt.date  # Monday, local
    lessons: int
    attended: int  # present + late
    expected: int  # seats taken × lessons held

    @property
    def rate(self) -> float | None:
        """Attended / expected (None when nobody was expected)."""
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True, slots=True)
class CourseInRange:
    """One course with a lesson in the range: seats, lessons held, who came.

    The funder report lists these; the dashboard's :class:`CourseFigures`
    carry more.
    """

    course_id: int
    code: str
    title: str
    category: str
    fee_tier: FeeTier
    capacity: int
    seated: int  # seats taken now (enrolled or completed)
    waitlisted: int
    lessons_held: int  # in the range, started by ``at``
    attended: int  # present or late, on the lessons held in the range
    learner_minutes: int  # Σ attended × lesson length
    subsidy_fen: int  # inclusive: Σ market price − fee over seats taken; free: 0

    @property
    def held(self) -> bool:
        return self.lessons_held > 0

    @property
    def expected(self) -> int:
        return self.seated * self.lessons_held

    @property
    def attendance_rate(self) -> float | None:
        return self.attended / self.expected if self.expected else None


@dataclass(frozen=True, slots=True)
class CourseFigures(CourseInRange):
    """A course as the dashboard shows it: lessons still to come, each kind
    of mark, and who came week by week."""

    lessons_scheduled: int  # in the range, not cancelled (held or still to come)
    present: int  # attendance rows on the lessons held in the range
    late: int
    excused: int
    absent: int
    weeks: tuple[WeekPoint, ...]

    @property
    def fill_rate(self) -> float:
        """Seats taken / capacity (1.0 is full)."""
        return self.seated / self.capacity if self.capacity else 0.0


@dataclass(frozen=True, slots=True)
class TierShare:
    """Free (公益) or inclusive (普惠): courses held, seats, people, subsidy."""

    fee_tier: FeeTier
    courses: int
    enrollments: int
    learners: int  # distinct people
    subsidy_fen: int


@dataclass(frozen=True, slots=True)
class Totals:
    """The headline figures of a range; the dashboard's and the funder report's."""

    courses: int  # held in the range
    lessons: int  # held in the range
    attended: int  # present + late on those lessons
    learner_minutes: int
    enrollments: int  # seats taken on the courses held
    learners: int  # distinct people holding them
    subsidy_fen: int
    certificates: int  # issued in the range and not revoked
    outcomes: OutcomeCounts

    @property
    def learner_hours(self) -> float:
        return self.learner_minutes / 60


@dataclass(frozen=True)
class TermFigures:
    range: DateRange
    at: dt.datetime
    courses: tuple[CourseFigures, ...]  # every course with a lesson in the range, by code
    weeks: tuple[WeekPoint, ...]  # the whole school, week by week
    tiers: tuple[TierShare, ...]  # free, then inclusive
    totals: Totals

    def tier(self, fee_tier: FeeTier) -> TierShare:
        return next(t for t in self.tiers if t.fee_tier is fee_tier)

    @property
    def held_courses(self) -> tuple[CourseFigures, ...]:
        return tuple(c for c in self.courses if c.held)


# The dashboard's pass over attendance, per lesson --------------------------------


def _lesson_rows(session: Session, start: dt.datetime, end: dt.datetime,
                 at: dt.datetime) -> Iterable[Any]:
    """Every lesson scheduled in the range with its attendance (present, late,
    excused, absent; NULL for a lesson not held): one pass over attendance,
    read as it goes (a big school's term is tens of thousands of lessons).

    The counts filter on ``lesson_id IN (lessons held)`` rather than a join,
    so SQLite reads attendance in lesson order and groups without sorting.
    """
    held = select(Lesson.id).where(in_range(start, end), Lesson.starts_at <= at)
    counts = (
        select(Attendance.lesson_id,
               count_when(Attendance.status == AttendanceStatus.PRESENT).label("present"),
               count_when(Attendance.status == AttendanceStatus.LATE).label("late"),
               count_when(Attendance.status == AttendanceStatus.EXCUSED).label("excused"),
               count_when(Attendance.status == AttendanceStatus.ABSENT).label("absent"))
        .where(Attendance.lesson_id.in_(held), Attendance.voided_at.is_(None))
        .group_by(Attendance.lesson_id)
        .subquery())
    return session.connection().execute(
        select(Lesson.course_id, type_coerce(Lesson.starts_at, String),
               type_coerce(Lesson.ends_at, String), counts.c.present, counts.c.late,
               counts.c.excused, counts.c.absent)
        .outerjoin(counts, counts.c.lesson_id == Lesson.id)
        .where(in_range(start, end))
    )


class _Tally:
    """One course's lessons and attendance, summed as the rows go by."""

    __slots__ = ("absent", "excused", "held", "late", "minutes", "present", "scheduled",
                 "weeks")

    def __init__(self) -> None:
        self.scheduled = self.held = self.minutes = 0
        self.present = self.late = self.excused = self.absent = 0
        self.weeks: dict[dt.date, list[int]] = {}

    def add(self, week: dt.date, minutes: int, present: int, late: int, excused: int,
            absent: int) -> None:
        self.held += 1
        self.present += present
        self.late += late
        self.excused += excused
        self.absent += absent
        self.minutes += (present + late) * minutes
        point = self.weeks.setdefault(week, [0, 0])
        point[0] += 1
        point[1] += present + late


def _tallies(session: Session, start: dt.datetime, end: dt.datetime, at: dt.datetime,
             tz: zoneinfo.ZoneInfo) -> dict[int, _Tally]:
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    weeks: dict[Any, dt.date] = {}  # lessons share a few start times: place each once
    now = naive_utc(at)
    for cid, raw_start, raw_end, present, late, excused, absent in _lesson_rows(
            session, start, end, at):
        tally = tallies[cid]
        tally.scheduled += 1
        starts = naive_utc(raw_start)
        if starts > now:
            continue
        if raw_start not in weeks:
            weeks[raw_start] = week_of(starts.replace(tzinfo=dt.UTC), tz)
        minutes = int((naive_utc(raw_end) - starts).total_seconds()) // 60
        tally.add(weeks[raw_start], minutes, present or 0, late or 0, excused or 0, absent or 0)
    return tallies


# Term figures ----------------------------------------------------------------


def term_figures(session: Session, period: DateRange, at: dt.datetime,
                 tz: zoneinfo.ZoneInfo) -> TermFigures:
    """The dashboard's figures of ``period`` as of ``at``: per course (seats
    against capacity, attendance week by week, subsidy), per tier, per week
    for the whole school, and the totals. Seven aggregate queries, one of
    them over attendance."""
    start, end = period.bounds(tz)
    tallies = _tallies(session, start, end, at, tz)
    seats = seats_by_course(session, scheduled_courses(start, end))
    info = course_rows(session, scheduled_courses(start, end))
    courses = tuple(_course_figures(row, seats.get(row[0], Seats(0, 0, 0)),
                                    tallies.get(row[0], _Tally())) for row in info)
    tier_people, people = learners_by_tier(session, held_courses(start, end, at))
    tiers = tuple(tier_share(t, courses, tier_people.get(t, 0)) for t in FeeTier)
    held = [c for c in courses if c.held]
    totals = Totals(
        courses=len(held), lessons=sum(c.lessons_held for c in held),
        attended=sum(c.attended for c in held),
        learner_minutes=sum(c.learner_minutes for c in held),
        enrollments=sum(c.seated for c in held), learners=people,
        subsidy_fen=sum(c.subsidy_fen for c in held),
        certificates=certificates_issued(session, start, end),
        outcomes=outcome_counts(session, start, end))
    return TermFigures(period, at, courses, _school_weeks(courses), tiers, totals)


def _course_figures(row: CourseRow, seats: Seats,
                    tally: _Tally) -> CourseFigures:
    cid, code, title, category, tier, capacity = row
    points = tuple(WeekPoint(w, n, came, n * seats.seated)
                   for w, (n, came) in sorted(tally.weeks.items()))
    return CourseFigures(cid, code, title, category, tier, capacity, seats.seated,
                         seats.waitlisted, tally.held, tally.present + tally.late, tally.minutes,
                         seats.subsidy_fen if tally.held else 0, lessons_scheduled=tally.scheduled,
                         present=tally.present, late=tally.late, excused=tally.excused,
                         absent=tally.absent, weeks=points)


def tier_share(tier: FeeTier, courses: Iterable[CourseInRange], learners: int) -> TierShare:
    """The courses of ``tier`` held among ``courses``, and its ``learners``."""
    mine = [c for c in courses if c.fee_tier is tier and c.held]
    return TierShare(tier, len(mine), sum(c.seated for c in mine), learners,
                     sum(c.subsidy_fen for c in mine))


def _school_weeks(courses: Iterable[CourseFigures]) -> tuple[WeekPoint, ...]:
    weeks: dict[dt.date, list[int]] = {}
    for course in courses:
        for p in course.weeks:
            w = weeks.setdefault(p.week_start, [0, 0, 0])
            w[0] += p.lessons
            w[1] += p.attended
            w[2] += p.expected
    return tuple(WeekPoint(day, *values) for day, values in sorted(weeks.items()))


__all__ = [
    # the value types and the range, re-exported: callers need only this module
    "CourseFigures", "CourseInRange", "DateRange", "TermFigures", "TierShare", "Totals",
    "WeekPoint", "date_range", "term_figures", "tier_share",
]
