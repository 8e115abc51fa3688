"""Standby (候补补位): empty seats of a full lesson go to waiting learners at the desk.

The rules, as the desk is shown them before using standby
(:data:`STANDBY_RULES`, the same words):

1. Standby is for a course whose settings turn it on
   (``AttendanceRules.standby_after_min`` > 0), on a lesson whose course is
   full. A course with a free seat enrols from the waiting list instead.
2. It opens that many minutes after the lesson starts and closes when the
   lesson ends.
3. Seats on offer: the capacity less the seated learners who have arrived
   and the standby learners already seated. Enrolled learners who have not
   arrived (or were excused) leave their seat free for this lesson only.
4. Who may take one: a learner on this course's waiting list, who is at the
   desk. Learners who scanned their card at the desk for this lesson come
   first, each group in waiting-list order (repeat no-shows last when the
   course says so); staff seat the person in front of them.
5. The standby learner is recorded present for this lesson only. They stay
   on the waiting list in their place; standby does not enrol them.
6. The enrolled learner whose seat was lent keeps their place on the course.
   Nothing is recorded for them now; closing the lesson marks them absent
   (a no-show on a free course). If they arrive late after all they are
   checked in as usual (late): the desk finds them a chair.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.checkin.attendance import insert_row
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.no_shows import rules_for, waitlist_order
from frontdesk.settings import load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson, ScanLog
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus, CheckInMethod, EnrollmentStatus

STANDBY_RULES = (
    QT_TRANSLATE_NOOP("Standby", "Standby is for a full lesson of a course that allows it. "
                                 "If the course has a free seat, enrol from the waiting list."),
    QT_TRANSLATE_NOOP("Standby", "It opens {minutes} minutes after the lesson starts and "
                                 "closes when the lesson ends."),
    QT_TRANSLATE_NOOP("Standby", "Seats on offer: capacity, less the enrolled learners who "
                                 "have arrived and the standby learners already seated."),
    QT_TRANSLATE_NOOP("Standby", "Only learners on this course's waiting list who are at the "
                                 "desk may take a seat; those who scanned their card first, "
                                 "in waiting-list order."),
    QT_TRANSLATE_NOOP("Standby", "The standby learner is recorded present for this lesson "
                                 "only and stays on the waiting list in their place."),
    QT_TRANSLATE_NOOP("Standby", "An enrolled learner who has not arrived keeps their place on "
                                 "the course; they are marked absent when the lesson is "
                                 "closed, and checked in as late if they still come."),
)
"""The rules shown to staff before they use standby (English source; the
Qt layer translates them in context "Standby", filling ``{minutes}``)."""


class StandbyState(enum.StrEnum):
    OFF = "off"  # the course does not use standby
    CANCELLED = "cancelled"
    NOT_FULL = "not_full"  # a free seat: enrol from the waiting list instead
    TOO_EARLY = "too_early"  # before start + standby_after_min
    OPEN = "open"
    OVER = "over"  # the lesson has ended or was closed


@dataclass(frozen=True, slots=True)
class NotArrived:
    """An enrolled learner whose seat is free tonight."""

    learner_id: int
    learner_code: str
    learner_name: str
    excused: bool


@dataclass(frozen=True, slots=True)
class StandbyCandidate:
    enrollment_id: int
    learner_id: int
    learner_code: str
    learner_name: str
    waitlist_position: int
    repeat_no_show: bool
    at_desk_at: dt.datetime | None  # when their card was scanned at a desk for this lesson

    @property
    def at_desk(self) -> bool:
        return self.at_desk_at is not None


@dataclass(frozen=True)
class StandbyOffer:
    lesson_id: int
    course_id: int
    course_title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    seated: int  # enrolled on the course
    arrived: int  # of them, present or late
    standby_seated: int  # standby learners already in this lesson
    after_min: int  # the course's setting (0: off)
    opens_at: dt.datetime | None  # None when standby is off
    state: StandbyState
    free_seats: int
    not_arrived: tuple[NotArrived, ...]
    candidates: tuple[StandbyCandidate, ...]  # at the desk first, then waiting-list order

    @property
    def can_seat(self) -> bool:
        return self.state is StandbyState.OPEN and self.free_seats > 0


@dataclass(frozen=True, slots=True)
class StandbySeat:
    attendance_id: int
    lesson_id: int
    learner_id: int
    learner_name: str
    free_seats_left: int


def _state(lesson: Lesson, seated: int, capacity: int, after_min: int,
           at: dt.datetime) -> StandbyState:
    if after_min <= 0:
        return StandbyState.OFF
    if lesson.cancelled:
        return StandbyState.CANCELLED
    if at >= lesson.ends_at or lesson.closed_at is not None:
        return StandbyState.OVER
    if seated < capacity:
        return StandbyState.NOT_FULL
    if at < lesson.starts_at + dt.timedelta(minutes=after_min):
        return StandbyState.TOO_EARLY
    return StandbyState.OPEN


def _lesson(session: Session, lesson_id: int, *, lock: bool) -> tuple[Lesson, Course]:
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    # Seating locks the course row: two desks giving the last seat take turns.
    return lesson, get_course(session, lesson.course_id, lock=lock)


def _roll(session: Session, lesson: Lesson) -> tuple[list[NotArrived], int, int]:
    """Seated learners who have not arrived, how many arrived, and how many
    standby learners (live rows with no seat) are in the lesson."""
    live = {lid: status for lid, status in session.execute(
        select(Attendance.learner_id, Attendance.status)
        .where(Attendance.lesson_id == lesson.id, Attendance.voided_at.is_(None)))}
    seated = session.execute(
        select(Learner.id, Learner.code, Learner.name)
        .join(Enrollment, Enrollment.learner_id == Learner.id)
        .where(Enrollment.course_id == lesson.course_id, Enrollment.status.in_(SEATED))
        .order_by(Learner.pinyin, Learner.name, Learner.id)).all()
    ids = {lid for lid, _c, _n in seated}
    missing = [NotArrived(lid, code, name, live.get(lid) is AttendanceStatus.EXCUSED)
               for lid, code, name in seated if live.get(lid) not in ARRIVED]
    standby = sum(1 for lid, status in live.items() if lid not in ids and status in ARRIVED)
    return missing, len(seated) - len(missing), standby


def _at_desk(session: Session, lesson: Lesson, learner_ids: list[int],
             at: dt.datetime) -> dict[int, dt.datetime]:
    """When each learner's card was last refused as waitlisted since this
    lesson's check-in opened: they came to the desk for it."""
    if not learner_ids:
        return {}
    opens = dt.timedelta(minutes=load_settings(session).checkin_opens_min)
    rows = session.execute(
        select(ScanLog.learner_id, func.max(ScanLog.at))
        .where(ScanLog.learner_id.in_(learner_ids), ScanLog.outcome == "waitlisted",
               ScanLog.at >= lesson.starts_at - opens, ScanLog.at <= at)
        .group_by(ScanLog.learner_id))
    return {lid: when for lid, when in rows if lid is not None}


def standby_offer(session: Session, lesson_id: int, at: dt.datetime, *,
                  _lock: bool = False) -> StandbyOffer:
    """The seats standby may give at ``at`` for a lesson, and who may take
    them: the rules of this module's docstring, applied (a few queries)."""
    lesson, course = _lesson(session, lesson_id, lock=_lock)
    after_min = rules_for(session, course.id).standby_after_min
    missing, arrived, standby = _roll(session, lesson)
    seated = arrived + len(missing)
    state = _state(lesson, seated, course.capacity, after_min, at)
    live = set(session.scalars(select(Attendance.learner_id).where(
        Attendance.lesson_id == lesson.id, Attendance.voided_at.is_(None))))
    waiting = [w for w in waitlist_order(session, course.id, at=at) if w.learner_id not in live]
    desk = _at_desk(session, lesson, [w.learner_id for w in waiting], at)
    candidates = sorted(
        (StandbyCandidate(w.enrollment_id, w.learner_id, w.learner_code, w.learner_name,
                          w.position, w.repeat_no_show, desk.get(w.learner_id))
         for w in waiting),
        key=lambda c: (not c.at_desk, c.waitlist_position))
    return StandbyOffer(
        lesson.id, course.id, course.title, lesson.starts_at, lesson.ends_at, course.capacity,
        seated, arrived, standby, after_min,
        lesson.starts_at + dt.timedelta(minutes=after_min) if after_min > 0 else None, state,
        max(0, course.capacity - arrived - standby), tuple(missing), tuple(candidates))


_REFUSALS = {StandbyState.OFF: "standby_off", StandbyState.CANCELLED: "lesson_cancelled",
             StandbyState.NOT_FULL: "standby_not_full", StandbyState.TOO_EARLY:
             "standby_too_early", StandbyState.OVER: "standby_lesson_over"}


def seat_standby(session: Session, lesson_id: int, learner_id: int, actor: Actor,
                 now: dt.datetime) -> StandbySeat:
    """Seat a waiting learner who is at the desk in a full lesson, for this
    lesson only, by the rules of this module's docstring (:data:`STANDBY_RULES`).

    Records them present (method ``desk``, on their waiting-list enrollment)
    and leaves every enrollment as it was: the standby learner stays on the
    waiting list in their place, and the enrolled learner who has not
    arrived keeps their seat on the course (marked absent when the lesson is
    closed, checked in late if they still come). Refused when standby is off
    for the course (``standby_off``), the course has a free seat
    (``standby_not_full``), before it opens (``standby_too_early``), after
    the lesson (``standby_lesson_over``), for a learner not on the waiting
    list (``not_waitlisted``) or already in the lesson
    (``already_checked_in``), and when no seat is left (``standby_no_seat``).
    """
    roles.require(actor, roles.Action.CHECK_IN)
    offer = standby_offer(session, lesson_id, now, _lock=True)
    if offer.state is not StandbyState.OPEN:
        raise DomainError(_REFUSALS[offer.state], course_title=offer.course_title,
                          opens_at=offer.opens_at, minutes=offer.after_min,
                          free_seats=max(0, offer.capacity - offer.seated))
    learner, enrollment_id = _waiting(session, offer, learner_id)
    if offer.free_seats <= 0:
        raise DomainError("standby_no_seat", course_title=offer.course_title,
                          capacity=offer.capacity)
    attendance_id = insert_row(
        session, lesson_id=lesson_id, learner_id=learner_id, enrollment_id=enrollment_id,
        status=AttendanceStatus.PRESENT, method=CheckInMethod.DESK, at=now, recorded_at=now,
        actor=actor)
    audit.record(session, actor, "attendance.standby", now, entity="attendance",
                 entity_id=attendance_id, learner_id=learner_id,
                 after={"lesson_id": lesson_id, "enrollment_id": enrollment_id,
                        "free_seats_before": offer.free_seats})
    return StandbySeat(attendance_id, lesson_id, learner_id, learner.name,
                       offer.free_seats - 1)


def _waiting(session: Session, offer: StandbyOffer, learner_id: int) -> tuple[Learner, int]:
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    live_at = session.scalar(select(Attendance.at).where(
        Attendance.lesson_id == offer.lesson_id, Attendance.learner_id == learner_id,
        Attendance.voided_at.is_(None)))
    if live_at is not None:
        raise DomainError("already_checked_in", learner_name=learner.name, at=live_at)
    enrollment_id = session.scalar(select(Enrollment.id).where(
        Enrollment.course_id == offer.course_id, Enrollment.learner_id == learner_id,
        Enrollment.status == EnrollmentStatus.WAITLISTED))
    if enrollment_id is None:
        raise DomainError("not_waitlisted", course_title=offer.course_title)
    return learner, enrollment_id


__all__ = [
    "STANDBY_RULES", "NotArrived", "StandbyCandidate", "StandbyOffer", "StandbySeat",
    "StandbyState", "seat_standby", "standby_offer",
]
