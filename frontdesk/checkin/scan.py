"""Checking a learner in: a scan (or a name picked by hand) becomes an outcome.

One call per scan, inside the caller's write transaction: verify the token,
find the lesson now open for a course the learner is seated on, write one
attendance row, and say what happened as an :class:`Outcome` with every
value the window shows (no second query needed). A scan that records
nothing is logged to ``scan_log`` in the same transaction, and nothing else
is written for it.

A lesson is open from ``checkin_opens_min`` before its start until its end;
an arrival after ``late_after_min`` past the start is late. A desk may be
pinned to one lesson (a door desk for one classroom) or left on automatic.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import re
import zoneinfo
from dataclasses import dataclass, replace
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.checkin.attendance import insert_row, insert_unless_live, status_for, void_row
from frontdesk.checkin.late_entry import late_entry_reason, refuse_future
from frontdesk.checkin.resolve import (
    CardHolder,
    LessonRef,
    OpenLesson,
    arrival,
    holder_by_id,
    next_lesson,
    open_lessons,
    upcoming_lessons,
)
from frontdesk.checkin.tokens import ParsedToken, TokenProblem, normalise_scan, parse_token
from frontdesk.errors import DomainError
from frontdesk.fees.balances import balance
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.enrollment import seated_count, waitlist_position
from frontdesk.settings import load_settings, retired_card_secrets, school_secret
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, Enrollment, Lesson, ScanLog
from frontdesk.vocab import (
    ARRIVED,
    SEATED,
    AttendanceStatus,
    CheckInMethod,
    EnrollmentStatus,
    LateEntryReason,
)

RAW_KEPT = 100  # characters of a refused scan kept in the log
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LOG = insert(cast(Table, ScanLog.__table__))


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    LATE = "late"
    FEE_DUE = "fee_due"  # checked in all the same
    ALREADY_CHECKED_IN = "already_checked_in"
    NO_LESSON_NOW = "no_lesson_now"
    WAITLISTED = "waitlisted"
    OTHER_COURSE_TONIGHT = "other_course_tonight"
    CARD_REPLACED = "card_replaced"
    NOT_OUR_CODE = "not_our_code"
    CHOOSE_LESSON = "choose_lesson"
    UNKNOWN_LEARNER = "unknown_learner"
    CERTIFICATE = "certificate"  # hand ``scan`` to certificate verification


RECORDED = frozenset({Outcome.CHECKED_IN, Outcome.LATE, Outcome.FEE_DUE})


@dataclass(frozen=True, slots=True)
class CheckInResult:
    """What one scan or manual check-in came to, with what the window shows."""

    outcome: Outcome
    scan: str = ""  # the normalised scan text ("" for a manual check-in)
    method: CheckInMethod = CheckInMethod.SCANNER
    learner_id: int | None = None
    learner_name: str = ""
    learner_code: str = ""
    # The lesson checked in to; for ALREADY_CHECKED_IN that lesson, for
    # WAITLISTED the lesson the seat would be for, for OTHER_COURSE_TONIGHT
    # the learner's own lesson tonight, for NO_LESSON_NOW the next one.
    lesson: LessonRef | None = None
    attendance_id: int | None = None
    status: AttendanceStatus | None = None
    at: dt.datetime | None = None  # when checked in (the first time, for ALREADY)
    minutes_late: int = 0
    enrollment_id: int | None = None
    balance_fen: int = 0  # what is still owed on the enrollment (FEE_DUE)
    can_enroll_now: bool = False  # WAITLISTED and the course has a free seat
    waitlist_position: int | None = None
    candidates: tuple[LessonRef, ...] = ()  # CHOOSE_LESSON: pass one as choose_lesson_id
    replaced_at: dt.datetime | None = None  # CARD_REPLACED
    replaced_on: dt.date | None = None  # the same, as the school's local date
    problem: TokenProblem | None = None  # NOT_OUR_CODE / CERTIFICATE: why
    card_version: int | None = None  # of the card scanned (CARD_REPLACED: the old one)
    late_entry_reason: str | None = None  # recorded after the lesson was over: why
    offline: bool = False  # answered from the desk's snapshot; uploaded when the store is back

    @property
    def recorded(self) -> bool:
        """An attendance row was written by this call."""
        return self.outcome in RECORDED

    @property
    def refused(self) -> bool:
        """The learner is not checked in after this scan (the CLI exits non-zero)."""
        return self.outcome not in RECORDED and self.outcome is not Outcome.ALREADY_CHECKED_IN


@dataclass(frozen=True, slots=True)
class CheckInContext:
    """What every scan needs from settings, read once per desk (not per scan).

    Reload it when the settings change. The first load in a store with no
    secret yet creates it, so load it in a write session.
    """

    secret: bytes
    opens: dt.timedelta
    late_after: dt.timedelta
    tz: zoneinfo.ZoneInfo
    late_entry_days: int = 7
    retired: tuple[bytes, ...] = ()  # card secrets before a rotation: "card replaced"

    @classmethod
    def load(cls, session: Session) -> CheckInContext:
        settings = load_settings(session)
        return cls(
            secret=school_secret(session),
            opens=dt.timedelta(minutes=settings.checkin_opens_min),
            late_after=dt.timedelta(minutes=settings.late_after_min),
            tz=settings.tz(),
            late_entry_days=settings.late_entry_days,
            retired=retired_card_secrets(session),
        )


@dataclass(frozen=True, slots=True)
class OfflineMark:
    """A scan made while the desk could not reach the store, now uploaded:
    the desk's id for it and when the store heard of it."""

    offline_id: str
    uploaded_at: dt.datetime


@dataclass(slots=True)
class _Request:
    ctx: CheckInContext
    actor: Actor
    at: dt.datetime
    method: CheckInMethod
    scan: str
    desk_lesson_id: int | None
    choose_lesson_id: int | None
    now: dt.datetime  # the real time of writing; ``at`` is the arrival
    late_reason: str | None = None
    learner: CardHolder | None = None
    offline: OfflineMark | None = None
    found: list[OpenLesson] | None = None  # the open lessons, when read with the learner


def check_in(
    session: Session, scan_text: str, at: dt.datetime, actor: Actor, *,
    method: CheckInMethod = CheckInMethod.SCANNER, desk_lesson_id: int | None = None,
    choose_lesson_id: int | None = None, context: CheckInContext | None = None,
    now: dt.datetime | None = None, late_reason: str | None = None,
    offline: OfflineMark | None = None,
) -> CheckInResult:
    """Check in whoever's card was scanned, at ``at``; never raises on a bad scan.

    ``desk_lesson_id`` pins the desk to one lesson. After CHOOSE_LESSON,
    call again with ``choose_lesson_id`` set to one of the candidates.
    Pass a ``context`` (``CheckInContext.load``) to save two reads a scan.
    ``now`` is the clock when ``at`` is an arrival typed in afterwards: a
    check-in for a lesson over by ``now`` is a late entry and needs
    ``late_reason`` (:mod:`frontdesk.checkin.late_entry`); an ``at`` after
    ``now`` is refused (``checkin_in_future``). ``offline`` marks a scan
    uploaded from a desk's outbox (:mod:`frontdesk.checkin.offline`): ``at``
    is the scan's own time and ``now`` the upload's; one for a lesson over
    by then is a late entry for the desk's outage.
    """
    ctx = context or CheckInContext.load(session)
    if not isinstance(scan_text, str):  # a confused caller, not a confused scanner
        scan_text = ""
    if offline is not None:
        now = offline.uploaded_at
        late_reason = late_reason or LateEntryReason.DESK_OUTAGE.value
    req = _Request(ctx, actor, at, method, normalise_scan(scan_text)[:64], desk_lesson_id,
                   choose_lesson_id, _clock(at, now, ctx), late_reason, offline=offline)
    parsed = parse_token(ctx.secret, scan_text, ctx.retired)
    if not isinstance(parsed, ParsedToken):
        certificate = parsed is TokenProblem.CERTIFICATE
        outcome = Outcome.CERTIFICATE if certificate else Outcome.NOT_OUR_CODE
        return _refuse(session, req, scan_text, CheckInResult(
            outcome, scan=req.scan, method=method, problem=parsed))
    learner, req.found = arrival(session, parsed.code, at, ctx.opens)
    req.learner = learner
    if learner is None or parsed.card_version > learner.card_version:
        # A genuine card the store does not know: anonymised, or a store
        # restored from before the card was made. Never guessed at.
        return _refuse(session, req, scan_text, CheckInResult(
            Outcome.UNKNOWN_LEARNER, scan=req.scan, method=method,
            learner_code=parsed.code, card_version=parsed.card_version))
    if parsed.card_version < learner.card_version:
        replaced = learner.card_replaced_at
        return _refuse(session, req, scan_text, _result(
            req, Outcome.CARD_REPLACED, replaced_at=replaced,
            replaced_on=replaced.astimezone(ctx.tz).date() if replaced else None,
            card_version=parsed.card_version))
    return _resolve(session, req, scan_text)


def check_in_learner(
    session: Session, learner_id: int, at: dt.datetime, actor: Actor, *,
    method: CheckInMethod = CheckInMethod.MANUAL, lesson_id: int | None = None,
    desk_lesson_id: int | None = None, context: CheckInContext | None = None,
    now: dt.datetime | None = None, late_reason: str | None = None,
) -> CheckInResult:
    """Check in a learner found by name (forgot the card): the same rules and
    outcomes as a scan. ``lesson_id`` answers CHOOSE_LESSON; ``now`` and
    ``late_reason`` as for :func:`check_in`."""
    ctx = context or CheckInContext.load(session)
    req = _Request(ctx, actor, at, method, "", desk_lesson_id, lesson_id,
                   _clock(at, now, ctx), late_reason)
    req.learner = holder_by_id(session, learner_id)
    if req.learner is None:
        return _refuse(session, req, f"#{learner_id}", CheckInResult(
            Outcome.UNKNOWN_LEARNER, method=method))
    return _resolve(session, req, req.learner.code)


def enroll_and_check_in(
    session: Session, learner_id: int, lesson_id: int, at: dt.datetime, actor: Actor, *,
    method: CheckInMethod = CheckInMethod.MANUAL, context: CheckInContext | None = None,
) -> CheckInResult:
    """Seat a waitlisted learner on a course with a free seat, and check them
    in to ``lesson_id``, in one transaction (after a WAITLISTED outcome).

    Refused with ``not_waitlisted``, ``no_free_seat`` or ``lesson_not_open``;
    nothing is written then.
    """
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    course = get_course(session, lesson.course_id, lock=True)
    enrollment = session.scalars(
        select(Enrollment).where(Enrollment.learner_id == learner_id,
                                 Enrollment.course_id == course.id)
    ).first()
    if enrollment is None or enrollment.status is not EnrollmentStatus.WAITLISTED:
        raise DomainError("not_waitlisted", course_title=course.title)
    if seated_count(session, course.id) >= course.capacity:
        raise DomainError("no_free_seat", course_title=course.title, capacity=course.capacity)
    enrollment.status = EnrollmentStatus.ENROLLED
    enrollment.enrolled_at = at
    session.flush()
    audit.record(session, actor, "enrollment.promote", at, entity="enrollment",
                 entity_id=enrollment.id, learner_id=learner_id,
                 before={"status": "waitlisted"}, after={"status": "enrolled", "via": "checkin"})
    result = check_in_learner(session, learner_id, at, actor, method=method,
                              lesson_id=lesson_id, desk_lesson_id=lesson_id, context=context)
    if not result.recorded and result.outcome is not Outcome.ALREADY_CHECKED_IN:
        raise DomainError("lesson_not_open", course_title=course.title)
    return result


# Resolution --------------------------------------------------------------------


def _clock(at: dt.datetime, now: dt.datetime | None, ctx: CheckInContext) -> dt.datetime:
    """The real time of writing (``at`` when the caller is the live desk)."""
    if now is None:
        return at
    refuse_future(at, now, ctx.tz)
    return now


def _result(req: _Request, outcome: Outcome, **values: Any) -> CheckInResult:
    """A result naming the learner of ``req`` (known by now)."""
    learner = req.learner
    assert learner is not None
    values.setdefault("card_version", learner.card_version)
    return CheckInResult(outcome, scan=req.scan, method=req.method, learner_id=learner.id,
                         learner_name=learner.name, learner_code=learner.code, **values)


def _resolve(session: Session, req: _Request, raw: str) -> CheckInResult:
    learner = req.learner
    assert learner is not None
    found = req.found
    if found is None:
        found = open_lessons(session, learner.id, req.at, req.ctx.opens)
    seated = [o for o in found if o.enrollment_status in SEATED]
    waiting = [o for o in found if o.enrollment_status is EnrollmentStatus.WAITLISTED]
    if req.desk_lesson_id is not None:
        seated = [o for o in seated if o.ref.lesson_id == req.desk_lesson_id]
        waiting = [o for o in waiting if o.ref.lesson_id == req.desk_lesson_id]
    if not seated:
        return _refuse(session, req, raw, _not_seated(session, req, waiting, found))
    chosen = [o for o in seated if o.ref.lesson_id == req.choose_lesson_id]
    pending = chosen or _pending(seated)
    if not pending:
        first = next(o for o in seated if o.live_status in ARRIVED)
        return _refuse(session, req, raw, _already(req, first, first.live_id, first.live_at))
    if len(pending) > 1:
        return _refuse(session, req, raw, _result(
            req, Outcome.CHOOSE_LESSON, candidates=tuple(o.ref for o in pending)))
    one = pending[0]
    if one.live_status in ARRIVED:
        return _refuse(session, req, raw, _already(req, one, one.live_id, one.live_at))
    return _record(session, req, raw, one)


def _pending(seated: list[OpenLesson]) -> list[OpenLesson]:
    """The open lessons the learner could be arriving for.

    Not one they are already in, nor one at the same time as it (nobody sits
    in two rooms): a second scan after a choice is "already checked in", yet
    an afternoon learner staying for the evening lesson is checked in to it.
    """
    arrived = [o.ref for o in seated if o.live_status in ARRIVED]
    return [
        o for o in seated
        if o.live_status not in ARRIVED and not any(
            o.ref.starts_at < a.ends_at and a.starts_at < o.ref.ends_at for a in arrived)
    ]


def _already(req: _Request, one: OpenLesson, attendance_id: int | None,
             first_at: dt.datetime | None) -> CheckInResult:
    return _result(req, Outcome.ALREADY_CHECKED_IN, lesson=one.ref,
                   attendance_id=attendance_id, at=first_at, enrollment_id=one.enrollment_id)


def _record(session: Session, req: _Request, raw: str, one: OpenLesson) -> CheckInResult:
    learner = req.learner
    assert learner is not None
    status = status_for(one.ref.starts_at, req.at, req.ctx.late_after)
    late_entry = late_entry_reason(one.ref.starts_at, one.ref.ends_at, req.late_reason,
                                   req.actor, req.now, req.ctx.tz, req.ctx.late_entry_days)
    after: dict[str, Any] = {"lesson_id": one.ref.lesson_id, "status": status.value,
                             "method": req.method.value}
    if late_entry is not None:
        after |= {"arrived_at": req.at.isoformat(), "reason": late_entry}
    offline_id = req.offline.offline_id if req.offline is not None else None
    if offline_id is not None:
        after |= {"arrived_at": req.at.isoformat(), "offline_id": offline_id}
    attendance_id = _write(session, req, one, status, late_entry, after)
    if attendance_id is None:
        # Another desk recorded this learner between our look and our write.
        first = _live(session, one.ref.lesson_id, learner.id)
        return _refuse(session, req, raw, _already(req, one, *first))
    owed = one.owed_fen
    if owed is None:
        owed = balance(session, one.enrollment_id).balance_fen if one.fee_due_fen > 0 else 0
    late = status is AttendanceStatus.LATE
    outcome = Outcome.FEE_DUE if owed > 0 else Outcome.LATE if late else Outcome.CHECKED_IN
    minutes = int((req.at - one.ref.starts_at).total_seconds() // 60) if late else 0
    return _result(req, outcome, lesson=one.ref, attendance_id=attendance_id,
                   status=status, at=req.at, minutes_late=minutes,
                   enrollment_id=one.enrollment_id, balance_fen=max(owed, 0),
                   late_entry_reason=late_entry, offline=req.offline is not None)


def _write(session: Session, req: _Request, one: OpenLesson, status: AttendanceStatus,
           late_entry: str | None, after: dict[str, Any]) -> int | None:
    """Write the attendance row and its audit event; None when another desk
    recorded the learner first (then nothing is written).

    A plain arrival needs no savepoint: the insert itself steps aside for a
    live row another desk wrote. Voiding an earlier row, or an upload whose
    id another uploader may be writing too, is undone whole if it loses.
    """
    learner = req.learner
    assert learner is not None
    offline_id = req.offline.offline_id if req.offline is not None else None
    row: dict[str, Any] = {"lesson_id": one.ref.lesson_id, "learner_id": learner.id,
                           "enrollment_id": one.enrollment_id, "status": status,
                           "method": req.method,
                           "at": req.at, "recorded_at": req.now, "actor": req.actor,
                           "late_entry_reason": late_entry, "offline_id": offline_id}
    event = audit.Event("attendance.late_entry" if late_entry else "attendance.checkin",
                        "attendance", None, learner.id, after=after)
    if one.live_id is None and offline_id is None:
        attendance_id = insert_unless_live(session, **row)
        if attendance_id is not None:
            audit.record_now(session, req.actor, req.now, replace(event, entity_id=attendance_id))
        return attendance_id
    try:
        with session.begin_nested():
            if one.live_id is not None:  # excused beforehand, or marked absent: they came
                void_row(session, one.live_id, "arrived", req.actor, req.now)
            attendance_id = insert_row(session, **row)
            audit.record_now(session, req.actor, req.now, replace(event, entity_id=attendance_id))
    except IntegrityError:
        return None
    return attendance_id


def _live(
    session: Session, lesson_id: int, learner_id: int
) -> tuple[int | None, dt.datetime | None]:
    row = session.execute(
        select(Attendance.id, Attendance.at).where(
            Attendance.lesson_id == lesson_id, Attendance.learner_id == learner_id,
            Attendance.voided_at.is_(None))
    ).first()
    return (row[0], row[1]) if row else (None, None)


def _not_seated(session: Session, req: _Request, waiting: list[OpenLesson],
                found: list[OpenLesson]) -> CheckInResult:
    learner = req.learner
    assert learner is not None
    if waiting:
        one = waiting[0]
        course = get_course(session, one.ref.course_id)
        position = _waitlist_position(session, one.enrollment_id)
        return _result(req, Outcome.WAITLISTED, lesson=one.ref, enrollment_id=one.enrollment_id,
            can_enroll_now=seated_count(session, course.id) < course.capacity,
            waitlist_position=position)
    if req.desk_lesson_id is not None:
        other = [o for o in found if o.enrollment_status in SEATED]
        tonight = other[0].ref if other else _later_tonight(session, req)
        if tonight is not None and tonight.lesson_id != req.desk_lesson_id:
            return _result(req, Outcome.OTHER_COURSE_TONIGHT, lesson=tonight)
    return _result(req, Outcome.NO_LESSON_NOW,
                         lesson=next_lesson(session, learner.id, req.at))


def _waitlist_position(session: Session, enrollment_id: int) -> int | None:
    enrollment = session.get(Enrollment, enrollment_id)
    return None if enrollment is None else waitlist_position(session, enrollment)


def _later_tonight(session: Session, req: _Request) -> LessonRef | None:
    assert req.learner is not None
    local = req.at.astimezone(req.ctx.tz)
    midnight = dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(),
                                   tzinfo=req.ctx.tz).astimezone(dt.UTC)
    found = upcoming_lessons(session, req.learner.id, req.at, midnight)
    return next((r for r in found if r.lesson_id != req.desk_lesson_id), None)


# The scan log ------------------------------------------------------------------


def _refuse(session: Session, req: _Request, raw: str, result: CheckInResult) -> CheckInResult:
    """Log a scan that recorded nothing (and write nothing else)."""
    reason = result.outcome.value
    if result.problem is not None and result.outcome is Outcome.NOT_OUR_CODE:
        reason = f"{reason}:{result.problem.value}"
    # A learner card's token names no one (its row links the learner, and
    # anonymising clears it); any other code may carry a person's data (a
    # certificate's holds their name), so only its fingerprint is kept.
    foreign = result.outcome in (Outcome.NOT_OUR_CODE, Outcome.CERTIFICATE)
    kept = fingerprint(req.ctx.secret, raw) if foreign else loggable(raw)
    session.connection().execute(_LOG, {
        "at": req.now, "desk": req.actor.desk[:32], "raw": kept, "outcome": reason[:32],
        "learner_id": result.learner_id})
    return result


def loggable(raw: str) -> str:
    """What was read, safe to keep: control characters shown as '?', cut short."""
    text = raw if isinstance(raw, str) else repr(raw)
    return _CONTROL.sub("?", text[: RAW_KEPT * 2])[:RAW_KEPT]


def fingerprint(secret: bytes, raw: str) -> str:
    """A refused code as kept in the scan log: its kind, its length and a keyed
    hash ("C1…#3fa2c9e81b0d/100"). The same code scanned twice reads the same,
    and nothing of what it says can be read back from it."""
    text = raw if isinstance(raw, str) else repr(raw)
    head = text[:2] if text[:2].isascii() and text[:2].isalnum() else ""
    digest = hmac.new(secret, b"scan-log\n" + text.encode("utf-8", "replace"),
                      hashlib.sha256).hexdigest()[:12]
    return f"{head}…#{digest}/{len(text)}"


__all__ = [  # LessonRef, next_lesson and open_lessons are re-exported for the window
    "RECORDED", "CheckInContext", "CheckInResult", "LessonRef", "OfflineMark", "Outcome",
    "check_in",
    "check_in_learner", "enroll_and_check_in", "fingerprint", "loggable", "next_lesson",
    "open_lessons",
]
