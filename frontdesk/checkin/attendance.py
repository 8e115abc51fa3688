"""Attendance records outside the scan path: excused, absent, voids, paper.

Every row says who recorded it (staff, desk), how (method) and when (``at``
is when the learner came or was excused; ``recorded_at`` is when the row was
written). A row is never deleted or edited: a mistake is voided, with a
reason, and a later fact (an arrival after an excuse, a paper sheet typed in
after the lesson was closed) voids the earlier row and adds its own. The
store keeps at most one live (non-voided) row per learner and lesson.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Insert, Table, bindparam, func, insert, literal, not_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.checkin.late_entry import late_entry_reason
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson, UTCDateTime
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus, CheckInMethod, LateEntryReason

SCANNED = (CheckInMethod.SCANNER, CheckInMethod.CAMERA, CheckInMethod.MANUAL)
UNDO_WINDOW = dt.timedelta(minutes=2)
# Undo looks among the newest rows only (ids only grow, rows are never
# deleted), so it is an index range, not a scan of a million rows.
_RECENT_ROWS = 5000
_TABLE = cast(Table, Attendance.__table__)
_INSERT = insert(_TABLE)
# The same insert, stepping aside (no row, no error) when another desk has
# just written the live row: uq_attendance_live is the conflict it expects,
# so a plain arrival needs no savepoint around it.
_LIVE_KEY: dict[str, Any] = {"index_elements": ["lesson_id", "learner_id"],
                             "index_where": _TABLE.c.voided_at.is_(None)}
_INSERT_UNLESS_LIVE: dict[str, Insert] = {
    "sqlite": sqlite.insert(_TABLE).on_conflict_do_nothing(**_LIVE_KEY).returning(_TABLE.c.id),
    "postgresql": postgresql.insert(_TABLE).on_conflict_do_nothing(**_LIVE_KEY)
    .returning(_TABLE.c.id),
}
_VOID = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("attendance_id"))
    .values(voided_at=bindparam("voided_at"), void_reason=bindparam("void_reason"),
            voided_by=bindparam("voided_by"))
)


def status_for(
    starts_at: dt.datetime, at: dt.datetime, late_after: dt.timedelta
) -> AttendanceStatus:
    """Present up to the grace after the start, late after it."""
    return AttendanceStatus.LATE if at > starts_at + late_after else AttendanceStatus.PRESENT


def insert_row(
    session: Session, *, lesson_id: int, learner_id: int, enrollment_id: int | None,
    status: AttendanceStatus, method: CheckInMethod, at: dt.datetime,
    recorded_at: dt.datetime, actor: Actor, late_entry_reason: str | None = None,
    offline_id: str | None = None,
) -> int:
    """Insert one attendance row (Core: no unit of work on the hot path)."""
    result = session.connection().execute(_INSERT, {
        "lesson_id": lesson_id, "learner_id": learner_id, "enrollment_id": enrollment_id,
        "status": status, "method": method, "at": at, "recorded_at": recorded_at,
        "late_entry_reason": late_entry_reason, "offline_id": offline_id,
        "desk": actor.desk[:32], "staff_id": actor.staff_id,
    })
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert_unless_live(
    session: Session, *, lesson_id: int, learner_id: int, enrollment_id: int | None,
    status: AttendanceStatus, method: CheckInMethod, at: dt.datetime,
    recorded_at: dt.datetime, actor: Actor, late_entry_reason: str | None = None,
    offline_id: str | None = None,
) -> int | None:
    """:func:`insert_row`, or None (nothing written, the transaction still
    usable) when the learner has a live row for the lesson already."""
    conn = session.connection()
    statement = _INSERT_UNLESS_LIVE.get(conn.dialect.name)
    if statement is None:  # a store on a server we do not name: the general insert
        return insert_row(session, lesson_id=lesson_id, learner_id=learner_id,
                          enrollment_id=enrollment_id, status=status, method=method, at=at,
                          recorded_at=recorded_at, actor=actor,
                          late_entry_reason=late_entry_reason, offline_id=offline_id)
    found = conn.execute(statement, {
        "lesson_id": lesson_id, "learner_id": learner_id, "enrollment_id": enrollment_id,
        "status": status, "method": method, "at": at, "recorded_at": recorded_at,
        "late_entry_reason": late_entry_reason, "offline_id": offline_id,
        "desk": actor.desk[:32], "staff_id": actor.staff_id,
    }).scalar()
    return None if found is None else int(found)


def void_row(session: Session, attendance_id: int, reason: str, actor: Actor,
             now: dt.datetime) -> None:
    session.connection().execute(_VOID, {
        "attendance_id": attendance_id, "voided_at": now, "void_reason": reason[:200],
        "voided_by": actor.staff_id})


@dataclass(frozen=True, slots=True)
class LiveRow:
    attendance_id: int
    status: AttendanceStatus
    at: dt.datetime


def live_row(session: Session, lesson_id: int, learner_id: int) -> LiveRow | None:
    row = session.execute(
        select(Attendance.id, Attendance.status, Attendance.at).where(
            Attendance.lesson_id == lesson_id, Attendance.learner_id == learner_id,
            Attendance.voided_at.is_(None),
        )
    ).first()
    return None if row is None else LiveRow(*row)


@dataclass(frozen=True, slots=True)
class _Seat:
    lesson: Lesson
    course_title: str
    enrollment_id: int
    learner_name: str


def _seat(session: Session, learner_id: int, lesson_id: int) -> _Seat:
    """The lesson and the learner's seat on its course; refuses otherwise."""
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    if lesson.cancelled:
        raise DomainError("lesson_cancelled", lesson_id=lesson_id)
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    row = session.execute(
        select(Enrollment.id, Enrollment.status, Course.title)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.learner_id == learner_id, Enrollment.course_id == lesson.course_id)
    ).first()
    title = row[2] if row else session.scalar(select(Course.title).where(
        Course.id == lesson.course_id)) or ""
    if row is None or row[1] not in SEATED:
        raise DomainError("not_enrolled", learner_name=learner.name, course_title=title)
    return _Seat(lesson, title, row[0], learner.name)


def mark_excused(
    session: Session, learner_id: int, lesson_id: int, actor: Actor, now: dt.datetime,
    reason: str = "",
) -> int:
    """Record 请假 for a lesson (usually beforehand); returns the attendance id.

    Refused when the learner already came (``already_checked_in``) or is
    already excused; an ``absent`` from a closed lesson gives way to it.
    """
    seat = _seat(session, learner_id, lesson_id)
    existing = live_row(session, lesson_id, learner_id)
    if existing is not None and existing.status in ARRIVED:
        raise DomainError("already_checked_in", learner_name=seat.learner_name,
                          at=existing.at)
    if existing is not None and existing.status is AttendanceStatus.EXCUSED:
        raise DomainError("already_excused", learner_name=seat.learner_name)
    if existing is not None:
        void_row(session, existing.attendance_id, "excused", actor, now)
    attendance_id = insert_row(
        session, lesson_id=lesson_id, learner_id=learner_id, enrollment_id=seat.enrollment_id,
        status=AttendanceStatus.EXCUSED, method=CheckInMethod.DESK, at=now, recorded_at=now,
        actor=actor,
    )
    audit.record(session, actor, "attendance.excuse", now, entity="attendance",
                 entity_id=attendance_id, learner_id=learner_id,
                 after={"lesson_id": lesson_id, "reason": reason.strip()[:200]})
    return attendance_id


@dataclass(frozen=True, slots=True)
class CloseResult:
    lesson_id: int
    absent: int  # rows added by this close
    first_close: bool


def close_lesson(session: Session, lesson_id: int, actor: Actor, now: dt.datetime) -> CloseResult:
    """Mark everyone seated with no live attendance absent, once the lesson is over.

    Closing again (say after a check-in was voided) adds only the missing
    rows. Learners seated after the lesson ended are not counted.
    """
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    if now < lesson.ends_at:
        raise DomainError("lesson_not_over", ends_at=lesson.ends_at)
    added = 0 if lesson.cancelled else _insert_absent(session, lesson, actor, now)
    first = lesson.closed_at is None
    if first:
        lesson.closed_at = now
    audit.record(session, actor, "lesson.close", now, entity="lesson", entity_id=lesson_id,
                 after={"absent": added})
    return CloseResult(lesson_id, added, first)


def _insert_absent(session: Session, lesson: Lesson, actor: Actor, now: dt.datetime) -> int:
    has_live = (
        select(Attendance.id)
        .where(Attendance.lesson_id == lesson.id, Attendance.learner_id == Enrollment.learner_id,
               Attendance.voided_at.is_(None))
        .exists()
    )
    missing = select(
        literal(lesson.id), Enrollment.learner_id, Enrollment.id,
        literal(AttendanceStatus.ABSENT.value), literal(CheckInMethod.DESK.value),
        literal(lesson.ends_at, UTCDateTime()), literal(now, UTCDateTime()),
        literal(actor.desk[:32]), literal(actor.staff_id),
    ).where(
        Enrollment.course_id == lesson.course_id, Enrollment.status.in_(SEATED),
        (Enrollment.enrolled_at.is_(None)) | (Enrollment.enrolled_at < lesson.ends_at),
        not_(has_live),
    )
    columns = ["lesson_id", "learner_id", "enrollment_id", "status", "method", "at",
               "recorded_at", "desk", "staff_id"]
    # A desk checking someone in at this very moment (another server
    # connection) wins: the savepoint keeps our transaction usable.
    for _attempt in range(3):
        try:
            with session.begin_nested():
                result = session.execute(insert(Attendance).from_select(columns, missing))
            return max(result.rowcount, 0)  # type: ignore[attr-defined]
        except IntegrityError:
            continue
    return 0


def close_ended_lessons(
    session: Session, actor: Actor, now: dt.datetime, *, since: dt.datetime | None = None,
    limit: int = 50,
) -> list[CloseResult]:
    """Close lessons that are over and not yet closed, oldest first, ``limit``
    at a time (the check-in window's timer calls this every minute or so)."""
    query = select(Lesson.id).where(Lesson.closed_at.is_(None), Lesson.ends_at <= now)
    if since is not None:
        query = query.where(Lesson.starts_at >= since)
    ids = session.scalars(query.order_by(Lesson.ends_at, Lesson.id).limit(limit)).all()
    return [close_lesson(session, lesson_id, actor, now) for lesson_id in ids]


@dataclass(frozen=True, slots=True)
class VoidResult:
    attendance_id: int
    learner_id: int
    learner_name: str
    lesson_id: int
    status: AttendanceStatus
    at: dt.datetime


def void_attendance(
    session: Session, attendance_id: int, reason: str, actor: Actor, now: dt.datetime
) -> VoidResult:
    """Void an attendance row with a reason (it stays in the store, marked)."""
    reason = reason.strip()
    if not reason:
        raise DomainError("void_reason_required")
    row = session.execute(
        select(Attendance, Learner.name)
        .join(Learner, Learner.id == Attendance.learner_id)
        .where(Attendance.id == attendance_id)
    ).first()
    if row is None:
        raise DomainError("attendance_not_found", attendance_id=attendance_id)
    attendance, name = row
    if attendance.voided_at is not None:
        raise DomainError("attendance_already_voided", voided_at=attendance.voided_at)
    void_row(session, attendance_id, reason, actor, now)
    audit.record(session, actor, "attendance.void", now, entity="attendance",
                 entity_id=attendance_id, learner_id=attendance.learner_id,
                 before={"status": attendance.status.value}, after={"reason": reason[:200]})
    return VoidResult(attendance_id, attendance.learner_id, name, attendance.lesson_id,
                      attendance.status, attendance.at)


def undo_last(
    session: Session, actor: Actor, now: dt.datetime, *, within: dt.timedelta = UNDO_WINDOW
) -> VoidResult:
    """Void this desk's last check-in made in the last ``within`` (default 2 min)."""
    newest = session.scalar(select(func.max(Attendance.id))) or 0
    last = session.scalar(
        select(Attendance.id)
        .where(Attendance.id > newest - _RECENT_ROWS, Attendance.desk == actor.desk[:32],
               Attendance.method.in_(SCANNED), Attendance.voided_at.is_(None),
               Attendance.recorded_at >= now - within)
        .order_by(Attendance.id.desc())
        .limit(1)
    )
    if last is None:
        raise DomainError("nothing_to_undo")
    return void_attendance(session, last, "undo", actor, now)


@dataclass(frozen=True, slots=True)
class PaperResult:
    recorded: list[int]  # attendance ids added
    already: list[int]  # learner ids who were already checked in (left as they were)
    late_entry_reason: str | None = None  # typed in after the lesson: marked so, and why


def record_paper_checkins(
    session: Session, lesson_id: int, entries: Iterable[tuple[int, dt.datetime]],
    actor: Actor, now: dt.datetime, reason: str = LateEntryReason.PAPER_SHEET,
) -> PaperResult:
    """Type in a paper sign-in sheet: each (learner id, real arrival time).

    Rows are marked ``paper`` with their real times (late by the usual
    grace). The whole sheet is refused if one line is wrong: a learner not
    on the course, a time outside the lesson's check-in window or in the
    future. A learner already checked in is left as they were; an absent
    or excused row gives way to the sheet.

    A sheet typed in after its lesson is over is a late entry, marked with
    ``reason`` (a desk may enter the last ``late_entry_days`` days' lessons;
    older ones need an administrator).
    """
    settings = load_settings(session)
    opens = dt.timedelta(minutes=settings.checkin_opens_min)
    late_after = dt.timedelta(minutes=settings.late_after_min)
    lines: dict[int, dt.datetime] = {}
    for learner_id, real_time in entries:
        lines.setdefault(learner_id, real_time)  # a name written twice counts once
    plan = []
    for learner_id, real_time in lines.items():  # check every line before writing any
        seat = _seat(session, learner_id, lesson_id)
        _check_paper_time(seat, real_time, opens, now)
        plan.append((seat, learner_id, real_time))
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    late = late_entry_reason(lesson.starts_at, lesson.ends_at, reason, actor, now,
                             settings.tz(), settings.late_entry_days)
    result = PaperResult([], [], late)
    for seat, learner_id, real_time in plan:
        added = _paper_row(session, seat, learner_id, real_time, late_after, actor, now, late)
        if added is None:
            result.already.append(learner_id)
        else:
            result.recorded.append(added)
    after: dict[str, object] = {"recorded": len(result.recorded),
                                "already": len(result.already)}
    if late is not None:
        after |= {"late_entry": True, "reason": late}
    audit.record(session, actor, "attendance.paper", now, entity="lesson", entity_id=lesson_id,
                 after=after)
    return result


def _paper_row(session: Session, seat: _Seat, learner_id: int, real_time: dt.datetime,
               late_after: dt.timedelta, actor: Actor, now: dt.datetime,
               late: str | None) -> int | None:
    """The new row's id, or None when the learner was already checked in."""
    existing = live_row(session, seat.lesson.id, learner_id)
    if existing is not None and existing.status in ARRIVED:
        return None
    if existing is not None:
        void_row(session, existing.attendance_id, "paper sign-in", actor, now)
    return insert_row(
        session, lesson_id=seat.lesson.id, learner_id=learner_id,
        enrollment_id=seat.enrollment_id,
        status=status_for(seat.lesson.starts_at, real_time, late_after),
        method=CheckInMethod.PAPER, at=real_time, recorded_at=now, actor=actor,
        late_entry_reason=late)


def _check_paper_time(seat: _Seat, real_time: dt.datetime, opens: dt.timedelta,
                      now: dt.datetime) -> None:
    if real_time.tzinfo is None:
        raise ValueError("paper check-in times must be timezone-aware")
    if real_time > now:
        raise DomainError("paper_time_in_future", learner_name=seat.learner_name,
                          at=real_time)
    if not seat.lesson.starts_at - opens <= real_time <= seat.lesson.ends_at:
        raise DomainError("paper_time_outside_lesson", learner_name=seat.learner_name,
                          at=real_time)


__all__ = [
    "ARRIVED", "SEATED", "CloseResult", "LiveRow", "PaperResult", "VoidResult",
    "close_ended_lessons", "close_lesson", "insert_row", "insert_unless_live", "live_row",
    "mark_excused",
    "record_paper_checkins", "status_for", "undo_last", "void_attendance", "void_row",
]
