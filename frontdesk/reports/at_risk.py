"""Who is slipping below the attendance a certificate needs: the desk's call list.

For each course still running (a lesson still to come), a seated learner's
best case is every lesson attended so far plus every lesson left. The
certificate needs the course's threshold of all its lessons (the
certificates' own :func:`~frontdesk.certificates.eligibility.required_lessons`,
counted by their rule). When the best case falls short the learner *can no
longer* reach it; when it clears the need by ``slack`` lessons or fewer
they reach it *only just* (with ``slack`` 0: only by coming to every lesson
left). Phones are masked (138****5678) unless the caller, for an admin,
asks for full numbers.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import required_lessons
from frontdesk.reports.queries import counted
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson
from frontdesk.text import mask_phone
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus

DEFAULT_SLACK = 1


class Risk(enum.StrEnum):
    CANNOT_REACH = "cannot_reach"  # even every lesson left is not enough
    ONLY_JUST = "only_just"  # reachable with at most ``slack`` more lessons missed


@dataclass(frozen=True, slots=True)
class AtRiskRow:
    learner_id: int
    learner_code: str
    learner_name: str
    phone: str  # masked unless full_phone
    course_id: int
    course_code: str
    course_title: str
    attended: int  # counted by the certificates' rule
    held: int
    remaining: int  # lessons still to come (not cancelled)
    needs: int  # of all the course's lessons, by its threshold
    risk: Risk

    @property
    def spare(self) -> int:
        """Lessons they may still miss and reach the threshold (negative: short by)."""
        return self.attended + self.remaining - self.needs

    @property
    def missed(self) -> int:
        return self.held - self.attended


@dataclass(frozen=True, slots=True)
class _Plan:
    code: str
    title: str
    total: int
    held: int
    needs: int
    excused_counts: bool


def _running(session: Session, at: dt.datetime, course_id: int | None) -> dict[int, _Plan]:
    """Courses with a lesson still to come, with their lessons and the need."""
    later = select(Lesson.course_id).where(Lesson.starts_at > at, Lesson.cancelled.is_(False))
    if course_id is not None:
        later = later.where(Lesson.course_id == course_id)
    held = func.count(Lesson.id).filter(Lesson.starts_at <= at)
    rows = session.execute(
        select(Course.id, Course.code, Course.title, func.count(Lesson.id), held,
               Course.completion_threshold_pct, Course.excused_counts)
        .join(Lesson, Lesson.course_id == Course.id)
        .where(Course.id.in_(later), Lesson.cancelled.is_(False))
        .group_by(Course.id, Course.code, Course.title, Course.completion_threshold_pct,
                  Course.excused_counts)
    )
    return {cid: _Plan(code, title, total, n_held, required_lessons(total, pct), bool(exc))
            for cid, code, title, total, n_held, pct, exc in rows}


def at_risk(session: Session, at: dt.datetime, *, course_id: int | None = None,
            slack: int = DEFAULT_SLACK, full_phone: bool = False) -> list[AtRiskRow]:
    """Seated learners of running courses (or of ``course_id``) who can no
    longer, or only just, reach the certificate threshold as of ``at``.

    Those who cannot reach it come first, then the fewest lessons to spare,
    by course and name. ``full_phone`` is for admins; everyone else gets
    masked numbers. Two grouped queries whatever the school's size.
    """
    plans = _running(session, at, course_id)
    if not plans:
        return []
    rows = []
    rule: dict[tuple[int, int, bool], int] = {}  # the rule, asked once per distinct case
    for cid, lid, came, exc, code, name, phone in _candidates(session, at, plans):
        plan = plans[cid]
        case = (came, exc, plan.excused_counts)
        attended = rule.get(case)
        if attended is None:
            attended = rule[case] = counted(*case)
        spare = attended + (plan.total - plan.held) - plan.needs
        if spare > slack:
            continue
        rows.append(AtRiskRow(lid, code, name, (phone or "") if full_phone else mask_phone(phone),
                              cid, plan.code, plan.title, attended, plan.held,
                              plan.total - plan.held, plan.needs,
                              Risk.CANNOT_REACH if spare < 0 else Risk.ONLY_JUST))
    rows.sort(key=lambda r: (r.risk is not Risk.CANNOT_REACH, r.spare, r.course_code,
                             r.learner_name, r.learner_id))
    return rows


def _candidates(session: Session, at: dt.datetime, plans: dict[int, _Plan]
                ) -> list[tuple[int, int, int, int, str, str, str | None]]:
    """(course, learner, arrived, excused, code, name, phone) of every seated,
    not anonymised learner of the running courses: one query, the attendance
    counted by SQL (grouped by course and learner), names read alongside."""
    arrived = func.count(Attendance.id).filter(Attendance.status.in_(ARRIVED))
    excused = func.count(Attendance.id).filter(Attendance.status == AttendanceStatus.EXCUSED)
    ids = list(plans)
    counts = (
        select(Lesson.course_id, Attendance.learner_id, arrived.label("came"),
               excused.label("exc"))
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(Lesson.course_id.in_(ids), Lesson.starts_at <= at,
               Lesson.cancelled.is_(False), Attendance.voided_at.is_(None))
        .group_by(Lesson.course_id, Attendance.learner_id)
        .subquery("counts")
    )
    came = func.coalesce(counts.c.came, 0)
    query = (
        select(Enrollment.course_id, Enrollment.learner_id, came,
               func.coalesce(counts.c.exc, 0), Learner.code, Learner.name, Learner.phone)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .outerjoin(counts, and_(counts.c.course_id == Enrollment.course_id,
                                counts.c.learner_id == Enrollment.learner_id))
        .where(Enrollment.course_id.in_(ids), Enrollment.status.in_(SEATED),
               Learner.anonymised_at.is_(None))
    )
    return [tuple(row) for row in session.execute(query)]


__all__ = ["DEFAULT_SLACK", "AtRiskRow", "Risk", "at_risk"]
