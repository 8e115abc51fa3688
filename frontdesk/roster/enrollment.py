"""Enrollment, the waiting list, withdrawal and who moves up.

The rules of a placement live here once, for the desk (:func:`enroll`) and
the import's batches alike: who already holds a place (:func:`holds_place`),
how many seats are left (:func:`free_seats`), the columns of the placement
(:func:`placement_values`) and its audit event (:func:`enrollment_added`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.money import fee_for
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.no_shows import waitlist_order
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Enrollment, Learner
from frontdesk.vocab import SEATED, EnrollmentStatus


@dataclass(frozen=True)
class EnrollResult:
    enrollment_id: int
    status: EnrollmentStatus
    waitlist_position: int | None  # 1 = next to move up
    fee_due_fen: int


@dataclass(frozen=True)
class Promotion:
    enrollment_id: int
    learner_id: int
    learner_name: str


@dataclass(frozen=True)
class WithdrawResult:
    enrollment_id: int
    promoted: Promotion | None


def seated_count(session: Session, course_id: int) -> int:
    return session.scalar(
        select(func.count()).where(Enrollment.course_id == course_id, Enrollment.status.in_(SEATED))
    ) or 0


def free_seats(session: Session, course: Course) -> int:
    """Seats left on ``course``; 0 or less means it is full and newcomers wait."""
    return course.capacity - seated_count(session, course.id)


def holds_place(status: EnrollmentStatus | None) -> bool:
    """Whether a learner whose enrollment on a course has ``status`` (None:
    none yet) already holds a place there, so enrolling again is refused.
    After a withdrawal the record is reused: one per learner and course."""
    return status is not None and status is not EnrollmentStatus.WITHDRAWN


def placement_values(
    course: Course, *, full: bool, inclusive_ratio_pct: int, now: dt.datetime, source: str
) -> dict[str, Any]:
    """The columns set when a learner is placed on ``course`` at ``now``: on the
    waiting list when it is ``full``, with the fee fixed from its tier and price."""
    return {
        "status": EnrollmentStatus.WAITLISTED if full else EnrollmentStatus.ENROLLED,
        "fee_due_fen": fee_for(course.fee_tier, course.market_price_fen, inclusive_ratio_pct),
        "market_price_fen": course.market_price_fen,
        "waitlisted_at": now if full else None,
        "enrolled_at": None if full else now,
        "withdrawn_at": None,
        "source": source,
    }


def new_enrollment_values(
    learner_id: int, course_id: int, placement: Mapping[str, Any], now: dt.datetime
) -> dict[str, Any]:
    """Every column of a first enrollment of a learner on a course."""
    return {"learner_id": learner_id, "course_id": course_id, "created_at": now, **placement}


def enrollment_added(
    enrollment_id: int, learner_id: int, course_id: int, placement: Mapping[str, Any]
) -> audit.Event:
    """The audit event of a placement made with :func:`placement_values`."""
    return audit.Event("enrollment.add", "enrollment", enrollment_id, learner_id, after={
        "course_id": course_id, "status": placement["status"].value,
        "fee_due_fen": placement["fee_due_fen"]})


def get_enrollment(session: Session, enrollment_id: int) -> Enrollment:
    """The enrollment, or ``enrollment_not_found``."""
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None:
        raise DomainError("enrollment_not_found", enrollment_id=enrollment_id)
    return enrollment


def waitlist_position(session: Session, enrollment: Enrollment) -> int | None:
    if enrollment.status is not EnrollmentStatus.WAITLISTED or enrollment.waitlisted_at is None:
        return None
    ahead = session.scalar(
        select(func.count()).where(
            Enrollment.course_id == enrollment.course_id,
            Enrollment.status == EnrollmentStatus.WAITLISTED,
            (Enrollment.waitlisted_at < enrollment.waitlisted_at)
            | ((Enrollment.waitlisted_at == enrollment.waitlisted_at)
               & (Enrollment.id < enrollment.id)),
        )
    ) or 0
    return ahead + 1


def enroll(
    session: Session, learner_id: int, course_id: int, inclusive_ratio_pct: int,
    actor: Actor, now: dt.datetime, *, source: str = "desk",
) -> EnrollResult:
    """Enroll a learner, or put them on the waiting list when the course is full.

    The fee is fixed here from the course's tier and price. Re-enrolling after
    a withdrawal reuses the record (one per learner and course).
    """
    course = get_course(session, course_id, lock=True)
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    existing = session.scalars(
        select(Enrollment).where(
            Enrollment.learner_id == learner_id, Enrollment.course_id == course_id
        )
    ).first()
    if existing is not None and holds_place(existing.status):
        raise DomainError("already_enrolled", status=existing.status.value,
                          learner_name=learner.name, course_title=course.title)
    placement = placement_values(course, full=free_seats(session, course) <= 0,
                                 inclusive_ratio_pct=inclusive_ratio_pct, now=now, source=source)
    if existing is None:
        enrollment = Enrollment(**new_enrollment_values(learner_id, course_id, placement, now))
        session.add(enrollment)
    else:
        enrollment = existing
        for column, value in placement.items():
            setattr(enrollment, column, value)
    session.flush()
    audit.record_event(session, actor, now,
                       enrollment_added(enrollment.id, learner_id, course_id, placement))
    return EnrollResult(enrollment.id, enrollment.status, waitlist_position(session, enrollment),
                        enrollment.fee_due_fen)


def withdraw(
    session: Session, enrollment_id: int, actor: Actor, now: dt.datetime
) -> WithdrawResult:
    """Withdraw an enrollment; a freed seat goes to the first on the waiting list."""
    enrollment = get_enrollment(session, enrollment_id)
    course = get_course(session, enrollment.course_id, lock=True)
    # Read the status again under the course lock: on PostgreSQL another desk
    # may have withdrawn or promoted this enrollment since the read above.
    session.refresh(enrollment)
    if enrollment.status is EnrollmentStatus.WITHDRAWN:
        raise DomainError("already_withdrawn")
    if enrollment.status is EnrollmentStatus.COMPLETED:
        raise DomainError("already_completed")
    before = enrollment.status
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.withdrawn_at = now
    session.flush()
    audit.record(session, actor, "enrollment.withdraw", now, entity="enrollment",
                 entity_id=enrollment.id, learner_id=enrollment.learner_id,
                 before={"status": before.value}, after={"status": "withdrawn"})
    promoted = promote_waiting(session, course, actor, now)
    promotion = None
    if promoted:
        first = session.get(Enrollment, promoted[0])
        assert first is not None
        learner = session.get(Learner, first.learner_id)
        assert learner is not None
        promotion = Promotion(first.id, learner.id, learner.name)
    return WithdrawResult(enrollment.id, promotion)


def promote_waiting(session: Session, course: Course, actor: Actor, now: dt.datetime) -> list[int]:
    """Fill free seats from the waiting list in its order; returns who moved up.

    The order is the waiting list's own (first come, first served, with
    repeat no-shows behind the others when the course's rules say so).
    """
    free = free_seats(session, course)
    if free <= 0:
        return []
    chosen = [entry.enrollment_id for entry in waitlist_order(session, course.id, at=now)][:free]
    if not chosen:
        return []
    by_id = {e.id: e for e in session.scalars(select(Enrollment).where(Enrollment.id.in_(chosen)))}
    waiting = [by_id[enrollment_id] for enrollment_id in chosen]
    for enrollment in waiting:
        enrollment.status = EnrollmentStatus.ENROLLED
        enrollment.enrolled_at = now
        audit.record(session, actor, "enrollment.promote", now, entity="enrollment",
                     entity_id=enrollment.id, learner_id=enrollment.learner_id,
                     before={"status": "waitlisted"}, after={"status": "enrolled"})
    session.flush()
    return [e.id for e in waiting]


@dataclass(frozen=True)
class EnrollmentRow:
    enrollment_id: int
    learner_id: int
    learner_code: str
    learner_name: str
    phone: str | None
    status: EnrollmentStatus
    waitlist_position: int | None
    fee_due_fen: int
    created_at: dt.datetime


def course_enrollments(
    session: Session, course_id: int, at: dt.datetime | None = None
) -> list[EnrollmentRow]:
    """Everyone on a course: seated first by name, then the waiting list in the
    order seats are offered (as of ``at``: no-shows count within a window)."""
    rows = session.execute(
        select(Enrollment, Learner.code, Learner.name, Learner.phone)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .where(Enrollment.course_id == course_id)
    ).all()
    positions = {w.enrollment_id: w.position for w in waitlist_order(session, course_id, at=at)}
    order = {EnrollmentStatus.ENROLLED: 0, EnrollmentStatus.COMPLETED: 0,
             EnrollmentStatus.WAITLISTED: 1, EnrollmentStatus.WITHDRAWN: 2}

    def key(r: tuple[Enrollment, str, str, str | None]) -> tuple[int, int, str]:
        return (order[r[0].status], positions.get(r[0].id, 0), r[2])

    return [
        EnrollmentRow(e.id, e.learner_id, code, name, phone, e.status,
                      positions.get(e.id), e.fee_due_fen, e.created_at)
        for e, code, name, phone in sorted(rows, key=key)
    ]


@dataclass(frozen=True)
class LearnerEnrollmentRow:
    enrollment_id: int
    course_id: int
    course_code: str
    course_title: str
    status: EnrollmentStatus
    fee_due_fen: int


def learner_enrollments(session: Session, learner_id: int) -> list[LearnerEnrollmentRow]:
    rows = session.execute(
        select(Enrollment.id, Course.id, Course.code, Course.title, Enrollment.status,
               Enrollment.fee_due_fen)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.learner_id == learner_id)
        .order_by(Enrollment.created_at)
    ).all()
    return [LearnerEnrollmentRow(*r) for r in rows]
