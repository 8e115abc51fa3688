"""The funder report (办学情况报告) for the street office and the trade union.

For a date range: courses held by category and tier, learners (seated and
served), lessons, learner-hours, completion, certificates, subsidy and
outcomes. Its totals equal :func:`frontdesk.reports.term.term_figures`'
for the same range, but are counted on a pass of their own (per course and
learner, where the dashboard's is per lesson) and summed from the rows by
category and tier; see :mod:`frontdesk.reports.term` for what each word
counts.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from frontdesk.certificates.completion import finished_marks
from frontdesk.certificates.eligibility import required_lessons
from frontdesk.reports.followup import outcome_counts
from frontdesk.reports.queries import (
    CourseRow,
    DateRange,
    Seats,
    counted,
    course_rows,
    held_courses,
    learners_by_tier,
    naive_utc,
    seats_by_course,
)
from frontdesk.reports.term import CourseInRange, TierShare, Totals, tier_share
from frontdesk.settings import load_settings
from frontdesk.store.models import Attendance, Certificate, Course, Enrollment, Lesson
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus, EnrollmentStatus, FeeTier


@dataclass(frozen=True, slots=True)
class FunderRow:
    """The courses of one category and tier."""

    category: str  # '' for courses without one
    fee_tier: FeeTier
    courses: int  # held in the range
    lessons: int
    enrollments: int
    attended: int
    learner_minutes: int
    subsidy_fen: int
    finished_enrollments: int  # seats on courses that ended in the range
    completed: int
    certificates: int  # issued in the range, not revoked

    @property
    def learner_hours(self) -> float:
        return self.learner_minutes / 60

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.finished_enrollments if self.finished_enrollments else None


@dataclass(frozen=True, slots=True)
class CourseCompletion:
    course_id: int
    enrollments: int  # seated at the end
    completed: int  # met the certificates' attendance rule, or hold a certificate by exception
    withdrawn: int
    certificates: int = 0  # live certificates of the course, whenever issued


@dataclass(frozen=True)
class FunderReport:
    school_name: str
    timezone: str
    range: DateRange
    at: dt.datetime
    rows: tuple[FunderRow, ...]  # by category, free before inclusive
    totals: Totals  # equal to the dashboard's for the same range
    learners_served: int  # distinct people who attended a lesson held in the range
    served_by_tier: tuple[tuple[FeeTier, int], ...]
    tiers: tuple[TierShare, ...]  # the dashboard's free / inclusive shares
    finished_courses: int  # courses that ended in the range
    finished_enrollments: int
    completed: int
    withdrawn: int  # withdrawals from those courses
    courses: tuple[CourseInRange, ...]  # courses held in the range, by code
    completion: tuple[CourseCompletion, ...]  # of the courses that ended, by course id

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.finished_enrollments if self.finished_enrollments else None

    def served(self, fee_tier: FeeTier) -> int:
        return next(n for t, n in self.served_by_tier if t is fee_tier)


def funder_report(session: Session, period: DateRange, at: dt.datetime,
                  tz: zoneinfo.ZoneInfo) -> FunderReport:
    """The funder report of ``period`` as of ``at`` (a dozen aggregate queries).

    Its own pass over attendance (per course and learner, which completion
    and learners served need) gives every figure; none is taken from the
    dashboard's pass (per lesson), so the two agreeing is a real check.
    """
    start, end = period.bounds(tz)
    held = held_courses(start, end, at)
    info = course_rows(session, held)
    lessons = _lessons(session, start, end, at)
    tally = _per_learner(session, start, end, at, {row[0]: row[4] for row in info})
    _fill_minutes(session, lessons, tally)
    seats = seats_by_course(session, held)
    courses = tuple(_figures(row, seats.get(row[0], Seats(0, 0, 0)), lessons[row[0]],
                             tally.courses.get(row[0], _CourseTally())) for row in info)
    tier_people, people = learners_by_tier(session, held)
    completion = _completion(session, start, end, at, tally.attended)
    rows = _rows(courses, completion, _certificates_by_course(session, start, end))
    totals = Totals(
        courses=sum(r.courses for r in rows), lessons=sum(r.lessons for r in rows),
        attended=sum(r.attended for r in rows),
        learner_minutes=sum(r.learner_minutes for r in rows),
        enrollments=sum(r.enrollments for r in rows), learners=people,
        subsidy_fen=sum(r.subsidy_fen for r in rows),
        certificates=sum(r.certificates for r in rows),
        outcomes=outcome_counts(session, start, end))
    settings = load_settings(session)
    finished = tuple(sorted(completion.values(), key=lambda c: c.course_id))
    tiers = tuple(tier_share(t, courses, tier_people.get(t, 0)) for t in FeeTier)
    return FunderReport(
        settings.name, settings.timezone, period, at, rows, totals, len(tally.served),
        tuple((t, len(tally.served_by_tier.get(t, ()))) for t in FeeTier), tiers,
        len(finished), sum(c.enrollments for c in finished), sum(c.completed for c in finished),
        sum(c.withdrawn for c in finished), courses, finished)


@dataclass(slots=True)
class _Lessons:
    """A course's lessons in the range: scheduled, held, and their lengths."""

    scheduled: int = 0
    held: int = 0
    lengths: set[int] = field(default_factory=set)  # minutes, of the lessons held
    held_ids: list[int] = field(default_factory=list)


def _lessons(session: Session, start: dt.datetime, end: dt.datetime,
             at: dt.datetime) -> dict[int, _Lessons]:
    found: dict[int, _Lessons] = defaultdict(_Lessons)
    now = naive_utc(at)
    for lid, cid, raw_start, raw_end in session.connection().execute(
        select(Lesson.id, Lesson.course_id, type_coerce(Lesson.starts_at, String),
               type_coerce(Lesson.ends_at, String))
        .where(Lesson.starts_at >= start, Lesson.starts_at < end, Lesson.cancelled.is_(False))
    ):
        course = found[cid]
        course.scheduled += 1
        starts = naive_utc(raw_start)
        if starts <= now:
            course.held += 1
            course.held_ids.append(lid)
            course.lengths.add(int((naive_utc(raw_end) - starts).total_seconds()) // 60)
    return found


@dataclass(slots=True)
class _CourseTally:
    attended: int = 0  # present or late, on the lessons held in the range
    minutes: int = 0


@dataclass(slots=True)
class _Tally:
    courses: dict[int, _CourseTally] = field(default_factory=lambda: defaultdict(_CourseTally))
    served: set[int] = field(default_factory=set)
    served_by_tier: dict[FeeTier, set[int]] = field(default_factory=lambda: defaultdict(set))
    # (course, learner) -> (arrived, excused) over all the course's lessons held
    attended: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)


def _per_learner(session: Session, start: dt.datetime, end: dt.datetime, at: dt.datetime,
                 tiers: dict[int, FeeTier]) -> _Tally:
    """One pass over the attendance of the courses held in the range, per
    course and learner: arrivals in the range, and arrivals and excuses on
    every lesson of the course held so far (for completion)."""
    in_range = (Lesson.starts_at >= start) & (Lesson.starts_at < end)
    arrived = Attendance.status.in_(ARRIVED)
    rows = session.connection().execute(
        select(Lesson.course_id, Attendance.learner_id,
               func.count(_when(arrived & in_range)), func.count(_when(arrived)),
               func.count(_when(Attendance.status == AttendanceStatus.EXCUSED)))
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(Lesson.course_id.in_(held_courses(start, end, at)), Lesson.starts_at <= at,
               Lesson.cancelled.is_(False), Attendance.voided_at.is_(None))
        .group_by(Lesson.course_id, Attendance.learner_id))
    tally = _Tally()
    for cid, lid, came_in_range, came, excused in rows:
        tally.courses[cid].attended += came_in_range
        tally.attended[(cid, lid)] = (came, excused)
        if came_in_range:
            tally.served.add(lid)
            tally.served_by_tier[tiers[cid]].add(lid)
    return tally


def _fill_minutes(session: Session, lessons: dict[int, _Lessons], tally: _Tally) -> None:
    """Learner-minutes: arrivals × the lesson length, where a course's lessons
    are all as long; lesson by lesson (one more query) where they are not."""
    mixed = [lid for c in lessons.values() if len(c.lengths) > 1 for lid in c.held_ids]
    for cid, course in tally.courses.items():
        lengths = lessons[cid].lengths
        if len(lengths) == 1:
            course.minutes = course.attended * next(iter(lengths))
    if not mixed:
        return
    length = dict(_lengths(session, mixed))
    for lid, cid, came in session.execute(
        select(Attendance.lesson_id, Lesson.course_id, func.count())
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(Attendance.lesson_id.in_(mixed), Attendance.status.in_(ARRIVED),
               Attendance.voided_at.is_(None))
        .group_by(Attendance.lesson_id, Lesson.course_id)
    ):
        tally.courses[cid].minutes += came * length[lid]


def _lengths(session: Session, lesson_ids: list[int]) -> list[tuple[int, int]]:
    rows = session.execute(select(Lesson.id, Lesson.starts_at, Lesson.ends_at)
                           .where(Lesson.id.in_(lesson_ids)))
    return [(lid, int((ends - starts).total_seconds()) // 60) for lid, starts, ends in rows]


def _figures(row: CourseRow, seats: Seats, lessons: _Lessons,
             tally: _CourseTally) -> CourseInRange:
    cid, code, title, category, tier, capacity = row
    return CourseInRange(cid, code, title, category, tier, capacity, seats.seated,
                         seats.waitlisted, lessons.held, tally.attended, tally.minutes,
                         seats.subsidy_fen)


def _when(condition: ColumnElement[bool]) -> ColumnElement[int | None]:
    return case((condition, 1))  # COUNT skips the NULL of a CASE without ELSE


def _completion(session: Session, start: dt.datetime, end: dt.datetime, at: dt.datetime,
                attended: dict[tuple[int, int], tuple[int, int]]) -> dict[int, CourseCompletion]:
    """Courses complete by ``at`` as certificates see it, that ended in the range
    (their last lesson, or an admin's 'finished' mark), with how many of their
    seated learners completed: met the certificates' attendance rule over the
    lessons held, or hold a certificate by an admin's exception. So the
    completed are never fewer than the certificates issued for the course."""
    held = func.count(_when(Lesson.starts_at <= at))
    ended = session.execute(
        select(Lesson.course_id, held, func.max(Lesson.starts_at), func.max(Lesson.ends_at),
               Course.completion_threshold_pct, Course.excused_counts)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.course_id.in_(held_courses(start, end, at)), Lesson.cancelled.is_(False))
        .group_by(Lesson.course_id, Course.completion_threshold_pct, Course.excused_counts)
    ).all()
    marks = finished_marks(session, [row[0] for row in ended])
    rule = {cid: (required_lessons(n, pct), bool(excused))
            for cid, n, last_start, last_end, pct, excused in ended
            if _ended_in(start, end, at, naive_utc(last_start), naive_utc(last_end),
                         marks.get(cid))}
    if not rule:
        return {}
    ids = list(rule)
    certified = _certified(session, ids)
    withdrawn = dict(session.execute(
        select(Enrollment.course_id, func.count())
        .where(Enrollment.course_id.in_(ids), Enrollment.status == EnrollmentStatus.WITHDRAWN)
        .group_by(Enrollment.course_id)).all())
    tally = {cid: [0, 0] for cid in ids}
    for cid, lid in session.execute(
        select(Enrollment.course_id, Enrollment.learner_id)
        .where(Enrollment.course_id.in_(ids), Enrollment.status.in_(SEATED))
    ):
        needs, excused_counts = rule[cid]
        came, excused = attended.get((cid, lid), (0, 0))
        tally[cid][0] += 1
        tally[cid][1] += (counted(came, excused, excused_counts) >= needs
                          or (cid, lid) in certified)
    return {cid: CourseCompletion(cid, seats, done, withdrawn.get(cid, 0),
                                  sum(1 for c, _ in certified if c == cid))
            for cid, (seats, done) in tally.items()}


def _ended_in(start: dt.datetime, end: dt.datetime, at: dt.datetime, last_start: dt.datetime,
              last_end: dt.datetime, marked: dt.datetime | None) -> bool:
    """Complete by ``at`` (last lesson over, or marked finished), and ended in the range."""
    now, lo, hi = naive_utc(at), naive_utc(start), naive_utc(end)
    if last_end <= now:
        return lo <= last_start < hi
    return marked is not None and lo <= naive_utc(marked) < hi and naive_utc(marked) <= now


def _certified(session: Session, course_ids: list[int]) -> set[tuple[int, int]]:
    """(course, learner) of the live certificates of these courses."""
    return {(cid, lid) for cid, lid in session.execute(
        select(Enrollment.course_id, Enrollment.learner_id)
        .join(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.course_id.in_(course_ids), Certificate.revoked_at.is_(None)))}


def _certificates_by_course(session: Session, start: dt.datetime,
                            end: dt.datetime) -> dict[int, tuple[str, FeeTier, int]]:
    rows = session.execute(
        select(Course.id, Course.category, Course.fee_tier, func.count(Certificate.id))
        .select_from(Certificate)
        .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Certificate.issued_at >= start, Certificate.issued_at < end,
               Certificate.revoked_at.is_(None))
        .group_by(Course.id, Course.category, Course.fee_tier)
    )
    return {cid: (category, tier, n) for cid, category, tier, n in rows}


def _rows(courses: tuple[CourseInRange, ...], completion: dict[int, CourseCompletion],
          certificates: dict[int, tuple[str, FeeTier, int]]) -> tuple[FunderRow, ...]:
    groups: dict[tuple[str, FeeTier], list[int]] = defaultdict(lambda: [0] * 9)
    for c in courses:
        g = groups[(c.category, c.fee_tier)]
        done = completion.get(c.course_id)
        for i, n in enumerate((1, c.lessons_held, c.seated, c.attended, c.learner_minutes,
                               c.subsidy_fen, done.enrollments if done else 0,
                               done.completed if done else 0)):
            g[i] += n
    for category, tier, n in certificates.values():
        groups[(category, tier)][8] += n
    order = {t: i for i, t in enumerate(FeeTier)}
    return tuple(
        FunderRow(category, tier, *values)
        for (category, tier), values in sorted(groups.items(),
                                               key=lambda kv: (kv[0][0], order[kv[0][1]])))


__all__ = ["CourseCompletion", "FunderReport", "FunderRow", "funder_report"]
