"""Outcome follow-up (就业/创业回访): calls after a course, and what came of them.

Only learners who consented (``Learner.followup_consent``) are called or
recorded. A call is one ``Outcome`` row: found a job, started a business,
went on to study, no change, or not reachable. A learner is due a call
``weeks_after`` weeks after their course's last lesson ended, until a call
reached them: an ``unreachable`` call leaves them on the list (with the
attempts counted) so the desk tries again.

The dashboard and the funder report count outcomes from these rows, one per
learner: the latest call recorded in the range decides what they count as.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Subquery, and_, func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Enrollment, Learner, Lesson, Outcome
from frontdesk.text import mask_phone
from frontdesk.vocab import SEATED, OutcomeKind

MAX_NOTE = 500
REACHED = (OutcomeKind.JOB, OutcomeKind.BUSINESS, OutcomeKind.STUDY, OutcomeKind.NO_CHANGE)
"""Outcomes that close a learner's follow-up for a course (they were reached)."""


@dataclass(frozen=True, slots=True)
class FollowupResult:
    outcome_id: int
    learner_id: int
    course_id: int | None
    kind: OutcomeKind
    recorded_at: dt.datetime


def record_followup(
    session: Session, learner_id: int, course_id: int | None, kind: OutcomeKind | str,
    note: str, actor: Actor, now: dt.datetime,
) -> FollowupResult:
    """Record one follow-up call and its outcome for a learner (and the course
    it follows up, if any).

    Refused for a learner who did not consent to follow-up
    (``followup_no_consent``), an unknown or anonymised learner, a course the
    learner never sat (``followup_not_enrolled``), an unknown outcome kind
    (``followup_kind_unknown``) or a note over 500 characters.
    """
    roles.require(actor, roles.Action.FOLLOWUP)
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    if not learner.followup_consent:
        raise DomainError("followup_no_consent", learner_name=learner.name)
    try:
        kind = OutcomeKind(kind)
    except ValueError:
        raise DomainError("followup_kind_unknown", value=str(kind)) from None
    text = " ".join((note or "").split())
    if len(text) > MAX_NOTE:
        raise DomainError("followup_note_too_long", max=MAX_NOTE)
    if course_id is not None:
        _check_sat(session, learner, course_id)
    row = Outcome(learner_id=learner_id, course_id=course_id, kind=kind, note=text,
                  recorded_at=now, staff_id=actor.staff_id)
    session.add(row)
    session.flush()
    audit.record(session, actor, "outcome.record", now, entity="outcome", entity_id=row.id,
                 learner_id=learner_id,
                 after={"course_id": course_id, "kind": kind.value, "note": text})
    return FollowupResult(row.id, learner_id, course_id, kind, now)


def _check_sat(session: Session, learner: Learner, course_id: int) -> None:
    course = session.get(Course, course_id)
    if course is None:
        raise DomainError("course_not_found", course_id=course_id)
    sat = session.scalar(select(Enrollment.id).where(
        Enrollment.learner_id == learner.id, Enrollment.course_id == course_id,
        Enrollment.status.in_(SEATED)))
    if sat is None:
        raise DomainError("followup_not_enrolled", learner_name=learner.name,
                          course_title=course.title)


@dataclass(frozen=True, slots=True)
class FollowupDue:
    """A learner to call about a course that ended ``weeks_after`` weeks ago or more."""

    learner_id: int
    learner_code: str
    learner_name: str
    phone: str  # masked (138****5678) unless the caller asked for full phones
    course_id: int
    course_code: str
    course_title: str
    course_ended_at: dt.datetime
    due_at: dt.datetime  # course end + weeks_after
    attempts: int  # calls that did not reach them (unreachable)
    last_attempt_at: dt.datetime | None


def _course_ends(window_start: dt.datetime, window_end: dt.datetime) -> Subquery:
    """Courses whose last lesson (not cancelled) ended in [window_start, window_end]."""
    last = func.max(Lesson.ends_at).label("ended_at")
    return (select(Lesson.course_id, last)
            .where(Lesson.cancelled.is_(False))
            .group_by(Lesson.course_id)
            .having(and_(last >= window_start, last <= window_end))
            .subquery())


def followups_due(
    session: Session, at: dt.datetime, weeks_after: int = 12, *, window_weeks: int = 8,
    full_phone: bool = False,
) -> list[FollowupDue]:
    """Consenting learners seated on a course whose last lesson ended between
    ``weeks_after + window_weeks`` and ``weeks_after`` weeks before ``at``, not
    yet reached for it (no job/business/study/no-change call since it ended).

    Oldest course end first, then by name. ``full_phone`` is for admins only;
    everyone else sees 138****5678. Three queries whatever the school's size.
    """
    if weeks_after < 0 or window_weeks < 1:
        raise DomainError("followup_weeks_invalid", weeks_after=weeks_after,
                          window_weeks=window_weeks)
    latest = at - dt.timedelta(weeks=weeks_after)
    ends = _course_ends(latest - dt.timedelta(weeks=window_weeks), latest)
    rows = session.execute(
        select(Learner.id, Learner.code, Learner.name, Learner.phone, Course.id, Course.code,
               Course.title, ends.c.ended_at)
        .select_from(Enrollment)
        .join(ends, ends.c.course_id == Enrollment.course_id)
        .join(Course, Course.id == Enrollment.course_id)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .where(Enrollment.status.in_(SEATED), Learner.followup_consent.is_(True),
               Learner.anonymised_at.is_(None))
    ).all()
    calls = _calls(session, ends)
    due = []
    for lid, code, name, phone, cid, ccode, title, ended in rows:
        attempts = calls.get((lid, cid), [])
        if any(k in REACHED for k, _t in attempts):
            continue
        last = max((t for _k, t in attempts), default=None)
        due.append(FollowupDue(lid, code, name, (phone or "") if full_phone else mask_phone(phone),
                               cid, ccode, title, ended,
                               ended + dt.timedelta(weeks=weeks_after), len(attempts), last))
    due.sort(key=lambda d: (d.course_ended_at, d.course_code, d.learner_name, d.learner_id))
    return due


def _calls(session: Session, ends: Subquery
           ) -> dict[tuple[int, int], list[tuple[OutcomeKind, dt.datetime]]]:
    """Calls about the courses of ``ends`` made since each one ended."""
    found: dict[tuple[int, int], list[tuple[OutcomeKind, dt.datetime]]] = {}
    for lid, cid, kind, at in session.execute(
        select(Outcome.learner_id, ends.c.course_id, Outcome.kind, Outcome.recorded_at)
        .join(ends, ends.c.course_id == Outcome.course_id)
        .where(Outcome.recorded_at >= ends.c.ended_at)
    ):
        found.setdefault((lid, cid), []).append((kind, at))
    return found


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    """Learners by the latest outcome recorded for them in a range."""

    job: int = 0
    business: int = 0
    study: int = 0
    no_change: int = 0
    unreachable: int = 0

    @property
    def learners(self) -> int:
        """Learners with at least one call recorded in the range."""
        return self.job + self.business + self.study + self.no_change + self.unreachable

    @property
    def reached(self) -> int:
        return self.learners - self.unreachable

    @property
    def job_or_business(self) -> int:
        """Found a job or started a business: the figure the school quotes."""
        return self.job + self.business

    def count(self, kind: OutcomeKind) -> int:
        return int(getattr(self, kind.value))


def outcome_counts(session: Session, start: dt.datetime, end: dt.datetime) -> OutcomeCounts:
    """Each learner with a call recorded in [start, end), counted once under
    the latest such call (a job found after an unreachable call counts as a job)."""
    rows = session.execute(
        select(Outcome.learner_id, Outcome.kind)
        .where(Outcome.recorded_at >= start, Outcome.recorded_at < end)
        .order_by(Outcome.recorded_at, Outcome.id)
    )
    latest: dict[int, OutcomeKind] = {}
    for learner_id, kind in rows:
        latest[learner_id] = kind
    counts = dict.fromkeys((k.value for k in OutcomeKind), 0)
    for kind in latest.values():
        counts[kind.value] += 1
    return OutcomeCounts(**counts)


@dataclass(frozen=True, slots=True)
class FollowupCall:
    outcome_id: int
    course_id: int | None
    course_title: str
    kind: OutcomeKind
    note: str
    recorded_at: dt.datetime


def learner_followups(session: Session, learner_id: int) -> list[FollowupCall]:
    """Every call recorded for a learner, newest first (the learner's page)."""
    rows = session.execute(
        select(Outcome.id, Outcome.course_id, func.coalesce(Course.title, ""), Outcome.kind,
               Outcome.note, Outcome.recorded_at)
        .outerjoin(Course, Course.id == Outcome.course_id)
        .where(Outcome.learner_id == learner_id)
        .order_by(Outcome.recorded_at.desc(), Outcome.id.desc())
    )
    return [FollowupCall(*r) for r in rows]


__all__ = [
    "REACHED", "FollowupCall", "FollowupDue", "FollowupResult", "OutcomeCounts",
    "followups_due", "learner_followups", "outcome_counts", "record_followup",
]
