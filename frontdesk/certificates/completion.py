"""Is a course complete? Certificates wait for the answer.

A course is complete once its last planned lesson (not cancelled) is over,
or once an administrator marks it finished (a course cut short, its last
weeks cancelled by the street office). The mark is an audit event
(``course.finished`` / ``course.reopened``), the latest one per course
winning, so it needs no column and its history is the audit trail.
Until then only an administrator's exception issues a certificate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import AuditEvent, Certificate, Enrollment, Lesson

COURSE_FINISHED = "course.finished"
COURSE_REOPENED = "course.reopened"


@dataclass(frozen=True)
class CourseProgress:
    """Where a course stands at ``at``: lessons planned and held, finished or not."""

    course_id: int
    at: dt.datetime
    planned: int  # lessons not cancelled, past and future
    held: int  # of those, started by ``at``
    last_ends_at: dt.datetime | None  # end of the last planned lesson
    finished_at: dt.datetime | None  # when an administrator marked it finished

    @property
    def over(self) -> bool:
        """Its last planned lesson is over."""
        return self.last_ends_at is not None and self.last_ends_at <= self.at

    @property
    def complete(self) -> bool:
        """Certificates may be issued: the last lesson is over, or an admin said finished."""
        return self.over or self.finished_at is not None

    @property
    def remaining(self) -> int:
        return self.planned - self.held


def course_progress(session: Session, course_id: int, at: dt.datetime) -> CourseProgress:
    """The course's lessons planned and held at ``at``, and whether it is complete."""
    live = (Lesson.course_id == course_id) & Lesson.cancelled.is_(False)
    planned, last_ends = session.execute(
        select(func.count(Lesson.id), func.max(Lesson.ends_at)).where(live)).one()
    held = session.scalar(select(func.count(Lesson.id)).where(live, Lesson.starts_at <= at)) or 0
    return CourseProgress(course_id, at, planned or 0, held, last_ends,
                          finished_marks(session, [course_id]).get(course_id))


def finished_marks(session: Session, course_ids: list[int]) -> dict[int, dt.datetime]:
    """When each course was marked finished by an administrator (standing marks only)."""
    if not course_ids:
        return {}
    events = session.execute(
        select(AuditEvent.entity_id, AuditEvent.action, AuditEvent.at)
        .where(AuditEvent.action.in_((COURSE_FINISHED, COURSE_REOPENED)),
               AuditEvent.entity == "course", AuditEvent.entity_id.in_(course_ids))
        .order_by(AuditEvent.id))
    standing: dict[int, dt.datetime] = {}
    for cid, action, at in events:
        assert cid is not None
        if action == COURSE_REOPENED:
            standing.pop(cid, None)
        else:
            standing[cid] = at
    return standing


def mark_finished(session: Session, course_id: int, actor: Actor, now: dt.datetime) -> None:
    """Mark a course finished before its last planned lesson (admin, audited).

    Certificates are then judged over the lessons held so far. Refused when
    the course is complete already or has held no lesson.
    """
    roles.require(actor, roles.Action.COURSE_FINISH)
    course = get_course(session, course_id)
    progress = course_progress(session, course_id, now)
    if progress.complete:
        raise DomainError("course_already_finished", course=course.code)
    if progress.held == 0:
        raise DomainError("course_finish_nothing_held", course=course.code)
    audit.record(session, actor, COURSE_FINISHED, now, entity="course", entity_id=course_id,
                 after={"held": progress.held, "planned": progress.planned})
    session.flush()


def reopen(session: Session, course_id: int, actor: Actor, now: dt.datetime) -> None:
    """Take back a 'finished' mark made by mistake (admin, audited).

    Refused while certificates issued on the strength of the mark are live.
    """
    roles.require(actor, roles.Action.COURSE_FINISH)
    course = get_course(session, course_id)
    marked = finished_marks(session, [course_id]).get(course_id)
    if marked is None:
        raise DomainError("course_not_marked_finished", course=course.code)
    issued = session.scalar(
        select(func.count(Certificate.id))
        .join(Enrollment, Enrollment.id == Certificate.enrollment_id)
        .where(Enrollment.course_id == course_id, Certificate.revoked_at.is_(None),
               Certificate.exception_reason.is_(None), Certificate.issued_at >= marked)) or 0
    if issued:
        raise DomainError("course_reopen_certificates_issued", course=course.code, count=issued)
    audit.record(session, actor, COURSE_REOPENED, now, entity="course", entity_id=course_id)
    session.flush()
