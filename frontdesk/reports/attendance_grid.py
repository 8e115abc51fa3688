"""Attendance reports: a course's learner × lesson grid, a learner's history,
and who is at risk of missing the certificate.

Cells are codes, never words: P present, L late, E excused, A absent, and
blank (None) where nothing is recorded: a lesson still to come, one not yet
closed that the learner has not (yet) arrived at, or one before they joined.
Once a lesson is closed everyone seated then has a row, so a blank in a
closed lesson means the learner was not yet on the course.

A lesson's report is its sign-in sheet with who came (:func:`lesson_sheet`).
Attendance is counted with the certificates' own rule
(:mod:`frontdesk.certificates.eligibility`): its counts per learner, and its
:func:`~frontdesk.certificates.eligibility.required_lessons` threshold.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import EligibilityRow, eligibility
from frontdesk.checkin.tonight import RollRow, SignInSheet, signin_sheet
from frontdesk.errors import DomainError
from frontdesk.fees.balances import balances
from frontdesk.roster.course_lookup import get_course
from frontdesk.store.models import (
    Attendance,
    Certificate,
    Course,
    Enrollment,
    Learner,
    Lesson,
    Staff,
)
from frontdesk.vocab import AttendanceStatus, EnrollmentStatus


class Mark(enum.StrEnum):
    """A grid cell: what was recorded for one learner at one lesson."""

    PRESENT = "P"
    LATE = "L"
    EXCUSED = "E"
    ABSENT = "A"


MARKS = {AttendanceStatus.PRESENT: Mark.PRESENT, AttendanceStatus.LATE: Mark.LATE,
         AttendanceStatus.EXCUSED: Mark.EXCUSED, AttendanceStatus.ABSENT: Mark.ABSENT}


class LessonState(enum.StrEnum):
    UPCOMING = "upcoming"  # not started at ``at``
    OPEN = "open"  # started, not closed: blanks may still arrive
    CLOSED = "closed"  # everyone seated has a row
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class GridLesson:
    lesson_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    topic: str
    state: LessonState

    @property
    def held(self) -> bool:
        """Counts towards the certificate (started, not cancelled)."""
        return self.state in (LessonState.OPEN, LessonState.CLOSED)


@dataclass(frozen=True, slots=True)
class GridRow:
    learner_id: int
    learner_code: str
    learner_name: str
    status: EnrollmentStatus | None  # None: not on the course (came on standby only)
    marks: tuple[Mark | None, ...]  # one per lesson of the grid, in its order
    attended: int  # the certificates' count (present, late; excused if the course says)
    held: int
    needs: int  # lessons to attend so far, by the course's threshold

    @property
    def on_track(self) -> bool:
        return self.attended >= self.needs


@dataclass(frozen=True, slots=True)
class LateEntryNote:
    """A grid cell entered after its lesson was over: when, by whom, why."""

    reason: str  # a LateEntryReason value or the words typed
    recorded_at: dt.datetime
    desk: str
    staff_name: str  # "" when the store has no staff accounts


@dataclass(frozen=True)
class CourseGrid:
    course_id: int
    course_code: str
    course_title: str
    threshold_pct: int
    excused_counts: bool
    at: dt.datetime
    lessons: tuple[GridLesson, ...]  # by start time
    rows: tuple[GridRow, ...]  # seated, withdrawn, then standby-only; pinyin order
    # (learner id, lesson index) of each cell entered as a late entry
    late_entries: Mapping[tuple[int, int], LateEntryNote] = dataclasses.field(
        default_factory=dict)

    def late_entry(self, learner_id: int, lesson_index: int) -> LateEntryNote | None:
        """The late-entry note of a cell, or None for one recorded on time."""
        return self.late_entries.get((learner_id, lesson_index))

    def mark_text(self, row: GridRow, lesson_index: int) -> str:
        """A cell as printed: its mark, starred when it was a late entry."""
        mark = row.marks[lesson_index]
        if mark is None:
            return ""
        return mark.value + ("*" if self.late_entry(row.learner_id, lesson_index) else "")

    def count(self, lesson_index: int, mark: Mark) -> int:
        """How many learners have ``mark`` at the lesson in column ``lesson_index``."""
        return sum(1 for r in self.rows if r.marks[lesson_index] is mark)


def _state(cancelled: bool, closed: dt.datetime | None, starts: dt.datetime,
           at: dt.datetime) -> LessonState:
    if cancelled:
        return LessonState.CANCELLED
    if closed is not None:
        return LessonState.CLOSED
    return LessonState.UPCOMING if starts > at else LessonState.OPEN


def course_grid(session: Session, course_id: int, at: dt.datetime) -> CourseGrid:
    """A course's learner × lesson grid as of ``at``, with each learner's
    count against the certificate threshold (a few queries, one per table)."""
    course = get_course(session, course_id)
    lessons = tuple(GridLesson(lid, starts, ends, topic, _state(cancelled, closed, starts, at))
                    for lid, starts, ends, topic, cancelled, closed in session.execute(
                        select(Lesson.id, Lesson.starts_at, Lesson.ends_at, Lesson.topic,
                               Lesson.cancelled, Lesson.closed_at)
                        .where(Lesson.course_id == course_id)
                        .order_by(Lesson.starts_at, Lesson.id)))
    column = {lesson.lesson_id: i for i, lesson in enumerate(lessons)}
    marks: dict[int, list[Mark | None]] = {}
    late: dict[tuple[int, int], LateEntryNote] = {}
    for lesson_id, learner_id, status, reason, recorded_at, desk, staff_name in session.execute(
        select(Attendance.lesson_id, Attendance.learner_id, Attendance.status,
               Attendance.late_entry_reason, Attendance.recorded_at, Attendance.desk,
               Staff.display_name)
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .outerjoin(Staff, Staff.id == Attendance.staff_id)
        .where(Lesson.course_id == course_id, Attendance.voided_at.is_(None))
    ):
        marks.setdefault(learner_id, [None] * len(lessons))[column[lesson_id]] = MARKS[status]
        if reason is not None:
            late[(learner_id, column[lesson_id])] = LateEntryNote(
                reason, recorded_at, desk, staff_name or "")
    standing = eligibility(session, course_id, at)
    rows = [_row(r, marks.pop(r.learner_id, [None] * len(lessons))) for r in standing]
    rows += _standby_rows(session, marks, course)
    return CourseGrid(course.id, course.code, course.title, course.completion_threshold_pct,
                      course.excused_counts, at, lessons, tuple(rows), late)


def _row(standing: EligibilityRow, marks: list[Mark | None]) -> GridRow:
    return GridRow(standing.learner_id, standing.learner_code, standing.learner_name,
                   standing.status, tuple(marks), standing.attended, standing.held,
                   standing.needs)


def _standby_rows(session: Session, marks: dict[int, list[Mark | None]],
                  course: Course) -> list[GridRow]:
    """Learners with attendance but no seat (seated on standby, still waiting)."""
    if not marks:
        return []
    people = session.execute(
        select(Learner.id, Learner.code, Learner.name)
        .where(Learner.id.in_(list(marks))).order_by(Learner.pinyin, Learner.name)
    ).all()
    counted = {Mark.PRESENT, Mark.LATE} | ({Mark.EXCUSED} if course.excused_counts else set())
    return [GridRow(lid, code, name, None, tuple(marks[lid]),
                    sum(1 for m in marks[lid] if m in counted), 0, 0)
            for lid, code, name in people]


# A learner's history ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryLesson:
    lesson_id: int
    starts_at: dt.datetime
    mark: Mark | None
    at: dt.datetime | None  # when they came (or were excused / marked absent)


@dataclass(frozen=True, slots=True)
class HistoryCourse:
    enrollment_id: int | None  # None: attended on standby without an enrollment row
    course_id: int
    course_code: str
    course_title: str
    status: EnrollmentStatus | None
    attended: int
    held: int
    needs: int
    balance_fen: int  # still owed on the enrollment
    certificate_serial: str | None
    lessons: tuple[HistoryLesson, ...]  # every lesson held, by start time


def learner_history(session: Session, learner_id: int, at: dt.datetime) -> list[HistoryCourse]:
    """Every course a learner sat (or waited for, or attended on standby),
    newest first, each with every lesson held by ``at`` and what they did."""
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    enrollments = {cid: (eid, status) for eid, cid, status in session.execute(
        select(Enrollment.id, Enrollment.course_id, Enrollment.status)
        .where(Enrollment.learner_id == learner_id))}
    attended_on = set(session.scalars(
        select(Lesson.course_id).join(Attendance, Attendance.lesson_id == Lesson.id)
        .where(Attendance.learner_id == learner_id, Attendance.voided_at.is_(None))))
    course_ids = sorted(set(enrollments) | attended_on)
    if not course_ids:
        return []
    owed = balances(session, [eid for eid, _s in enrollments.values()])
    serials = dict(session.execute(
        select(Certificate.enrollment_id, Certificate.serial)
        .where(Certificate.enrollment_id.in_([eid for eid, _s in enrollments.values()]),
               Certificate.revoked_at.is_(None))).all())
    result = []
    for course_id in course_ids:
        eid, status = enrollments.get(course_id, (None, None))
        standing = _standing(session, course_id, at, eid)
        result.append(HistoryCourse(
            eid, course_id, *_course_names(session, course_id), status,
            standing.attended if standing else 0, standing.held if standing else 0,
            standing.needs if standing else 0,
            owed[eid].balance_fen if eid is not None and eid in owed else 0,
            serials.get(eid) if eid is not None else None,
            _learner_lessons(session, learner_id, course_id, at)))
    result.sort(key=lambda h: (h.lessons[0].starts_at if h.lessons else at), reverse=True)
    return result


def _standing(session: Session, course_id: int, at: dt.datetime,
              enrollment_id: int | None) -> EligibilityRow | None:
    if enrollment_id is None:
        return None
    rows = eligibility(session, course_id, at, enrollment_ids=[enrollment_id])
    return rows[0] if rows else None


def _course_names(session: Session, course_id: int) -> tuple[str, str]:
    row = session.execute(select(Course.code, Course.title).where(Course.id == course_id)).one()
    return row[0], row[1]


def _learner_lessons(session: Session, learner_id: int, course_id: int,
                     at: dt.datetime) -> tuple[HistoryLesson, ...]:
    rows = session.execute(
        select(Lesson.id, Lesson.starts_at, Attendance.status, Attendance.at)
        .outerjoin(Attendance, and_(Attendance.lesson_id == Lesson.id,
                                    Attendance.learner_id == learner_id,
                                    Attendance.voided_at.is_(None)))
        .where(Lesson.course_id == course_id, Lesson.cancelled.is_(False),
               Lesson.starts_at <= at)
        .order_by(Lesson.starts_at, Lesson.id)
    )
    return tuple(HistoryLesson(lid, starts, MARKS[status] if status else None, when)
                 for lid, starts, status, when in rows)


# One lesson ----------------------------------------------------------------------

STANDBY_SUFFIX = "（候补补位）"  # marks a standby learner's name on a lesson's sheet


def lesson_sheet(session: Session, lesson_id: int, tz: zoneinfo.ZoneInfo) -> SignInSheet:
    """A lesson's sign-in sheet with who came: everyone seated on the course
    (:func:`frontdesk.checkin.tonight.signin_sheet`) and, after them, the
    standby learners seated in it, their names marked (候补补位)."""
    sheet = signin_sheet(session, lesson_id, tz)
    seated = {row.learner_id for row in sheet.rows}
    extra = session.execute(
        select(Learner.id, Learner.code, Learner.name, Attendance.id, Attendance.status,
               Attendance.at, Attendance.method)
        .join(Attendance, Attendance.learner_id == Learner.id)
        .where(Attendance.lesson_id == lesson_id, Attendance.voided_at.is_(None))
        .order_by(Attendance.at, Attendance.id)
    ).all()
    standby = tuple(RollRow(lid, code, name + STANDBY_SUFFIX, aid, status, at, method)
                    for lid, code, name, aid, status, at, method in extra if lid not in seated)
    return dataclasses.replace(sheet, rows=sheet.rows + standby)


__all__ = [
    "MARKS", "STANDBY_SUFFIX", "CourseGrid", "GridLesson", "GridRow", "HistoryCourse",
    "HistoryLesson", "LateEntryNote", "LessonState", "Mark", "course_grid", "learner_history",
    "lesson_sheet",
]
