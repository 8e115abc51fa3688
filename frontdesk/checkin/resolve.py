"""The look-ups of the scan path: who the card belongs to, which lessons are open.

Each is one indexed query, built once at import (building a select costs
more than running it, and a built statement reuses its compiled SQL) and run
on the session's connection without the ORM's unit of work:

* the learner by public code (``learner.code`` is unique) or id;
* their open lessons: the learner's few enrollments
  (``uq_enrollment_learner_course``), each course's lessons in a start-time
  range (``ix_lesson_course_start``), and their live attendance row if any
  (``uq_attendance_live``, whose ``voided_at IS NULL`` the query repeats so
  the partial index serves it);
* their next lessons, for "no lesson now, next is …".

A scan asks the first two at once (:func:`arrival`): the learner by code
joined to their open lessons, each with what is still owed on its
enrollment, is one statement where the desk's busiest path had three.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import Session

from frontdesk.store.models import (
    Attendance,
    Course,
    Enrollment,
    Learner,
    LedgerEntry,
    Lesson,
    UTCDateTime,
)
from frontdesk.vocab import SEATED, AttendanceStatus, EnrollmentStatus, LedgerKind

MAX_LESSON = dt.timedelta(hours=12)  # courses.add_lesson refuses longer ones


@dataclass(frozen=True, slots=True)
class LessonRef:
    """A lesson as the desk names it: course, room, times (UTC)."""

    lesson_id: int
    course_id: int
    course_title: str
    room: str
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CardHolder:
    id: int
    code: str
    name: str
    card_version: int
    card_replaced_at: dt.datetime | None


@dataclass(slots=True)
class OpenLesson:
    """An open lesson of one of the learner's courses, with their seat and row."""

    ref: LessonRef
    enrollment_id: int
    enrollment_status: EnrollmentStatus
    fee_due_fen: int
    live_id: int | None
    live_status: AttendanceStatus | None
    live_at: dt.datetime | None
    # Still owed on the enrollment (0 on a free course), when the query that
    # found the lesson read it too (:func:`arrival`); None: not read.
    owed_fen: int | None = None


_LEARNER = Learner.__table__.c
_ENROLLMENT = Enrollment.__table__.c
_LESSON = Lesson.__table__.c
_COURSE = Course.__table__.c
_LIVE_TABLE = Attendance.__table__.alias("live")
_LIVE = _LIVE_TABLE.c
_HOLDER = (_LEARNER.id, _LEARNER.code, _LEARNER.name, _LEARNER.card_version,
           _LEARNER.card_replaced_at)
_BY_CODE = select(*_HOLDER).where(
    _LEARNER.code == bindparam("code"), _LEARNER.anonymised_at.is_(None))
_BY_ID = select(*_HOLDER).where(
    _LEARNER.id == bindparam("learner_id"), _LEARNER.anonymised_at.is_(None))
_ROOM = func.coalesce(func.nullif(_LESSON.room, ""), _COURSE.room)
_LESSON_REF = (_LESSON.id, _LESSON.course_id, _COURSE.title, _ROOM, _LESSON.starts_at,
               _LESSON.ends_at)
_OPEN_COLUMNS = (*_LESSON_REF, _ENROLLMENT.id, _ENROLLMENT.status, _ENROLLMENT.fee_due_fen,
                 _LIVE.id, _LIVE.status, _LIVE.at)
_OPEN_WHERE = (
    _ENROLLMENT.status != EnrollmentStatus.WITHDRAWN,
    # A lesson open at ``at`` started less than MAX_LESSON ago: this
    # bounds the range read from ix_lesson_course_start.
    _LESSON.starts_at > bindparam("earliest", type_=UTCDateTime()),
    _LESSON.starts_at <= bindparam("latest", type_=UTCDateTime()),
    _LESSON.ends_at > bindparam("at", type_=UTCDateTime()),
    _LESSON.cancelled.is_(False),
)
_OPEN = (
    select(*_OPEN_COLUMNS)
    .select_from(Enrollment.__table__)
    .join(Lesson.__table__, _LESSON.course_id == _ENROLLMENT.course_id)
    .join(Course.__table__, _COURSE.id == _ENROLLMENT.course_id)
    .outerjoin(_LIVE_TABLE, (_LIVE.lesson_id == _LESSON.id)
               & (_LIVE.learner_id == _ENROLLMENT.learner_id) & _LIVE.voided_at.is_(None))
    .where(_ENROLLMENT.learner_id == bindparam("learner_id"), *_OPEN_WHERE)
    .order_by(_LESSON.starts_at, _LESSON.id)
)
_LEDGER = LedgerEntry.__table__.c
# What a ledger entry does to the amount owed (fees.balances.Balance.balance_fen).
_OWED_DELTA = case(
    (_LEDGER.kind == LedgerKind.PAYMENT, -_LEDGER.amount_fen),
    (_LEDGER.kind == LedgerKind.REFUND, _LEDGER.amount_fen),
    (_LEDGER.kind == LedgerKind.WAIVER, -_LEDGER.amount_fen),
    (_LEDGER.kind == LedgerKind.ADJUSTMENT, -_LEDGER.amount_fen),
    else_=0)
_OWED = case((_ENROLLMENT.fee_due_fen > 0, _ENROLLMENT.fee_due_fen + (
    select(func.coalesce(func.sum(_OWED_DELTA), 0))
    .where(_LEDGER.enrollment_id == _ENROLLMENT.id)
    .correlate(Enrollment.__table__)
    .scalar_subquery())), else_=0)
_ARRIVAL = (
    select(*_HOLDER, *_OPEN_COLUMNS, _OWED)
    .select_from(Learner.__table__)
    .join(Enrollment.__table__, _ENROLLMENT.learner_id == _LEARNER.id)
    .join(Lesson.__table__, _LESSON.course_id == _ENROLLMENT.course_id)
    .join(Course.__table__, _COURSE.id == _ENROLLMENT.course_id)
    .outerjoin(_LIVE_TABLE, (_LIVE.lesson_id == _LESSON.id)
               & (_LIVE.learner_id == _ENROLLMENT.learner_id) & _LIVE.voided_at.is_(None))
    .where(_LEARNER.code == bindparam("code"), _LEARNER.anonymised_at.is_(None), *_OPEN_WHERE)
    .order_by(_LESSON.starts_at, _LESSON.id)
)
_UPCOMING = (
    select(*_LESSON_REF)
    .select_from(Enrollment.__table__)
    .join(Lesson.__table__, _LESSON.course_id == _ENROLLMENT.course_id)
    .join(Course.__table__, _COURSE.id == _ENROLLMENT.course_id)
    .where(_ENROLLMENT.learner_id == bindparam("learner_id"), _ENROLLMENT.status.in_(SEATED),
           _LESSON.starts_at > bindparam("after", type_=UTCDateTime()),
           _LESSON.starts_at < bindparam("before", type_=UTCDateTime()),
           _LESSON.cancelled.is_(False))
    .order_by(_LESSON.starts_at, _LESSON.id)
    .limit(bindparam("limit"))
)
_FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def holder_by_code(session: Session, code: str) -> CardHolder | None:
    """The learner a card's public code names (not anonymised), or None."""
    row = session.connection().execute(_BY_CODE, {"code": code}).first()
    return None if row is None else CardHolder(*row)


def holder_by_id(session: Session, learner_id: int) -> CardHolder | None:
    row = session.connection().execute(_BY_ID, {"learner_id": learner_id}).first()
    return None if row is None else CardHolder(*row)


def _open_lesson(r: Sequence[Any], owed: int | None = None) -> OpenLesson:
    return OpenLesson(LessonRef(*r[:6]), r[6], r[7], r[8], r[9], r[10], r[11], owed)


def open_lessons(session: Session, learner_id: int, at: dt.datetime,
                 opens: dt.timedelta) -> list[OpenLesson]:
    """The learner's lessons open at ``at`` (any enrollment but withdrawn),
    with their live attendance row if any, by start time."""
    rows = session.connection().execute(
        _OPEN, {"learner_id": learner_id, "earliest": at - MAX_LESSON, "latest": at + opens,
                "at": at})
    return [_open_lesson(r) for r in rows]


def arrival(session: Session, code: str, at: dt.datetime,
            opens: dt.timedelta) -> tuple[CardHolder | None, list[OpenLesson]]:
    """The learner a card's code names and their lessons open at ``at``, as
    :func:`holder_by_code` and :func:`open_lessons` give them (each lesson
    with ``owed_fen`` read too), in one statement while any lesson is open."""
    conn = session.connection()
    rows = conn.execute(_ARRIVAL, {"code": code, "earliest": at - MAX_LESSON,
                                   "latest": at + opens, "at": at}).all()
    if not rows:  # no such learner, or nothing open for them now
        return holder_by_code(session, code), []
    return CardHolder(*rows[0][:5]), [_open_lesson(r[5:17], r[17]) for r in rows]


def upcoming_lessons(session: Session, learner_id: int, after: dt.datetime,
                     before: dt.datetime | None = None, limit: int = 5) -> list[LessonRef]:
    """Lessons of the learner's courses starting after ``after`` (and before
    ``before``), soonest first; not cancelled ones."""
    rows = session.connection().execute(
        _UPCOMING, {"learner_id": learner_id, "after": after, "before": before or _FAR_FUTURE,
                    "limit": limit})
    return [LessonRef(*r) for r in rows]


def next_lesson(session: Session, learner_id: int, at: dt.datetime) -> LessonRef | None:
    """The learner's next lesson starting after ``at``, on any course they sit."""
    found = upcoming_lessons(session, learner_id, at, limit=1)
    return found[0] if found else None


__all__ = [
    "MAX_LESSON", "CardHolder", "LessonRef", "OpenLesson", "arrival", "holder_by_code",
    "holder_by_id",
    "next_lesson", "open_lessons", "upcoming_lessons",
]
