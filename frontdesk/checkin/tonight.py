"""What the check-in desk shows beside the scan field, in a few queries.

Tonight's lessons with their counts, the desk's last scans with their
outcomes, the roll of one lesson, and what a paper sign-in sheet prints.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, replace

from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session

from frontdesk.checkin.attendance import SCANNED
from frontdesk.checkin.scan import CheckInResult, Outcome
from frontdesk.checkin.tokens import TokenProblem
from frontdesk.errors import DomainError
from frontdesk.store.models import (
    Attendance,
    Course,
    Enrollment,
    Instructor,
    Learner,
    Lesson,
    ScanLog,
    UTCDateTime,
)
from frontdesk.vocab import SEATED, AttendanceStatus, CheckInMethod, EnrollmentStatus

_RECENT_ROWS = 5000  # the newest rows looked at for "recent" (ids only grow)


@dataclass(frozen=True, slots=True)
class LessonSummary:
    lesson_id: int
    course_id: int
    course_code: str
    course_title: str
    room: str
    instructor_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    cancelled: bool
    closed: bool
    present: int  # on time
    late: int
    excused: int
    absent: int
    enrolled: int  # seated on the course
    waitlisted: int
    capacity: int

    @property
    def checked_in(self) -> int:
        return self.present + self.late

    def is_open(self, at: dt.datetime, opens: dt.timedelta) -> bool:
        """Open for check-in at ``at`` (``opens`` = CheckInContext.opens)."""
        return not self.cancelled and self.starts_at - opens <= at < self.ends_at

    def counting(self, result: CheckInResult) -> LessonSummary:
        """This lesson as it reads once ``result`` (a check-in's own answer) is
        recorded, without reading the day again: one more here, on time or
        late. An arrival over an excused or absent row leaves those two counts
        to the next full read; a result for another lesson changes nothing."""
        if not result.recorded or result.lesson is None or \
                result.lesson.lesson_id != self.lesson_id:
            return self
        if result.status is AttendanceStatus.LATE:
            return replace(self, late=self.late + 1)
        return replace(self, present=self.present + 1)


def day_bounds(at: dt.datetime, tz: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The school's local day holding ``at``, as UTC [start, end)."""
    day = at.astimezone(tz).date()
    start = dt.datetime.combine(day, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


# Tonight's panel refreshes every few seconds on the dashboard and the desk:
# three statements built once (a day's range as parameters), each reading
# only the day's lessons: the lessons, the seats on their courses (one
# grouped count, ix_enrollment_course_status), the live rows by status.
_IN_DAY = (Lesson.starts_at >= bindparam("start", type_=UTCDateTime()),
           Lesson.starts_at < bindparam("end", type_=UTCDateTime()))
_DAY_LESSONS = (
    select(Lesson.id, Lesson.course_id, Course.code, Course.title,
           func.coalesce(func.nullif(Lesson.room, ""), Course.room),
           func.coalesce(Instructor.name, ""), Lesson.starts_at, Lesson.ends_at,
           Lesson.cancelled, Lesson.closed_at.is_not(None), Course.capacity)
    .join(Course, Course.id == Lesson.course_id)
    .outerjoin(Instructor, Instructor.id == Course.instructor_id)
    .where(*_IN_DAY)
    .order_by(Lesson.starts_at, Course.title, Lesson.id)
)
# One row per course and per lesson, counted by SQL (FILTER): no row per status
# to carry over and convert.
_DAY_SEATS = (
    select(Enrollment.course_id,
           func.count().filter(Enrollment.status.in_(SEATED)),
           func.count().filter(Enrollment.status == EnrollmentStatus.WAITLISTED))
    .where(Enrollment.course_id.in_(select(Lesson.course_id).where(*_IN_DAY)))
    .group_by(Enrollment.course_id)
)
_ROW_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.EXCUSED,
                 AttendanceStatus.ABSENT)
_DAY_ROWS = (
    select(Attendance.lesson_id,
           *(func.count().filter(Attendance.status == status) for status in _ROW_STATUSES))
    .join(Lesson, Lesson.id == Attendance.lesson_id)
    .where(*_IN_DAY, Attendance.voided_at.is_(None))
    .group_by(Attendance.lesson_id)
)
_NONE = (0, 0, 0, 0)


def tonight(session: Session, at: dt.datetime, tz: zoneinfo.ZoneInfo) -> list[LessonSummary]:
    """Every lesson of the local day holding ``at``, by start time, with its
    counts: three queries however many lessons there are."""
    start, end = day_bounds(at, tz)
    conn = session.connection()
    day = {"start": start, "end": end}
    lessons = conn.execute(_DAY_LESSONS, day).all()
    seats = {cid: (seated, waiting) for cid, seated, waiting
             in conn.execute(_DAY_SEATS, day).all()}
    counts: dict[int, tuple[int, int, int, int]] = {
        row[0]: (row[1], row[2], row[3], row[4]) for row in conn.execute(_DAY_ROWS, day).all()}
    result = []
    for (lid, cid, code, title, room, teacher, starts, ends, cancelled, closed,
         capacity) in lessons:
        present, late, excused, absent = counts.get(lid, _NONE)
        enrolled, waitlisted = seats.get(cid, (0, 0))
        result.append(LessonSummary(
            lid, cid, code, title, room, teacher, starts, ends, bool(cancelled), bool(closed),
            present, late, excused, absent, enrolled, waitlisted, capacity))
    return result


@dataclass(frozen=True, slots=True)
class RecentScan:
    """One line of the desk's "last scans" list."""

    at: dt.datetime
    outcome: Outcome  # CHECKED_IN / LATE for rows that were recorded
    learner_id: int | None
    learner_name: str
    learner_code: str
    course_title: str  # "" for a refused scan
    attendance_id: int | None  # to void it
    voided: bool
    method: CheckInMethod | None
    raw: str  # what was read, for a refused scan
    problem: TokenProblem | None


def recent_scans(session: Session, desk: str, limit: int = 20) -> list[RecentScan]:
    """This desk's last check-ins and refused scans, newest first (two queries)."""
    newest_att = session.scalar(select(func.max(Attendance.id))) or 0
    newest_log = session.scalar(select(func.max(ScanLog.id))) or 0
    checked = session.execute(
        select(Attendance.recorded_at, Attendance.status, Attendance.learner_id, Learner.name,
               Learner.code, Course.title, Attendance.id, Attendance.voided_at.is_not(None),
               Attendance.method)
        .join(Learner, Learner.id == Attendance.learner_id)
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(Attendance.id > newest_att - _RECENT_ROWS, Attendance.desk == desk[:32],
               Attendance.method.in_(SCANNED))
        .order_by(Attendance.id.desc())
        .limit(limit)
    ).all()
    refused = session.execute(
        select(ScanLog.at, ScanLog.outcome, ScanLog.learner_id,
               func.coalesce(Learner.name, ""), func.coalesce(Learner.code, ""), ScanLog.raw)
        .outerjoin(Learner, Learner.id == ScanLog.learner_id)
        .where(ScanLog.id > newest_log - _RECENT_ROWS, ScanLog.desk == desk[:32])
        .order_by(ScanLog.id.desc())
        .limit(limit)
    ).all()
    rows = [
        RecentScan(at, Outcome.LATE if status is AttendanceStatus.LATE else Outcome.CHECKED_IN,
                   lid, name, code, title, aid, bool(voided), method, "", None)
        for at, status, lid, name, code, title, aid, voided, method in checked
    ]
    rows += [_logged(*row) for row in refused]
    rows.sort(key=lambda r: r.at, reverse=True)
    return rows[:limit]


def _logged(at: dt.datetime, reason: str, learner_id: int | None, name: str, code: str,
            raw: str) -> RecentScan:
    word, _, detail = reason.partition(":")
    try:
        outcome = Outcome(word)
    except ValueError:
        outcome = Outcome.NOT_OUR_CODE
    try:
        problem = TokenProblem(detail) if detail else None
    except ValueError:
        problem = None
    return RecentScan(at, outcome, learner_id, name, code, "", None, False, None, raw, problem)


@dataclass(frozen=True, slots=True)
class RollRow:
    """A learner seated on a lesson's course, and their attendance so far."""

    learner_id: int
    code: str
    name: str
    attendance_id: int | None
    status: AttendanceStatus | None  # None: not checked in (yet)
    at: dt.datetime | None
    method: CheckInMethod | None


def lesson_roll(session: Session, lesson_id: int) -> list[RollRow]:
    """Everyone seated on the lesson's course, in pinyin order, with their
    live attendance row: the list a manual check-in or a sign-in sheet uses."""
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    rows = session.execute(
        select(Learner.id, Learner.code, Learner.name, Attendance.id, Attendance.status,
               Attendance.at, Attendance.method)
        .select_from(Enrollment)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .outerjoin(Attendance, and_(Attendance.lesson_id == lesson_id,
                                    Attendance.learner_id == Learner.id,
                                    Attendance.voided_at.is_(None)))
        .where(Enrollment.course_id == lesson.course_id, Enrollment.status.in_(SEATED),
               Learner.anonymised_at.is_(None))
        .order_by(Learner.pinyin, Learner.name, Learner.id)
    )
    return [RollRow(*row) for row in rows]


@dataclass(frozen=True, slots=True)
class SignInSheet:
    """What the paper sign-in sheet of one lesson prints."""

    lesson_id: int
    course_code: str
    course_title: str
    room: str
    instructor_name: str
    starts_local: dt.datetime  # in the school's zone
    ends_local: dt.datetime
    rows: tuple[RollRow, ...]


def signin_sheet(session: Session, lesson_id: int, tz: zoneinfo.ZoneInfo) -> SignInSheet:
    """The data of a lesson's printable sign-in sheet (the paper fallback)."""
    row = session.execute(
        select(Lesson.id, Course.code, Course.title,
               func.coalesce(func.nullif(Lesson.room, ""), Course.room),
               func.coalesce(Instructor.name, ""), Lesson.starts_at, Lesson.ends_at)
        .join(Course, Course.id == Lesson.course_id)
        .outerjoin(Instructor, Instructor.id == Course.instructor_id)
        .where(Lesson.id == lesson_id)
    ).first()
    if row is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    lid, code, title, room, teacher, starts, ends = row
    return SignInSheet(lid, code, title, room, teacher, starts.astimezone(tz),
                       ends.astimezone(tz), tuple(lesson_roll(session, lesson_id)))


__all__ = [
    "LessonSummary", "RecentScan", "RollRow", "SignInSheet", "day_bounds", "lesson_roll",
    "recent_scans", "signin_sheet", "tonight",
]
