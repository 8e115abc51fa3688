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
from typing import NamedTuple

from sqlalchemy import Connection, any_, func, select
from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import required_lessons
from frontdesk.reports.queries import collector_paused, counted, one_of
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson
from frontdesk.text import mask_phone
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus

DEFAULT_SLACK = 1


class Risk(enum.StrEnum):
    CANNOT_REACH = "cannot_reach"  # even every lesson left is not enough
    ONLY_JUST = "only_just"  # reachable with at most ``slack`` more lessons missed


class AtRiskRow(NamedTuple):
    """One learner on one course. Immutable, like a frozen dataclass, and
    built in a quarter of its time: a whole school's list has tens of
    thousands of rows."""

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
    masked numbers. The attendance is read from the counts each enrollment
    keeps (:class:`~frontdesk.store.models.Enrollment`), less what lessons
    after ``at`` already hold; names are read for the learners listed only.
    """
    with collector_paused():
        return _listed(session, at, course_id, slack, full_phone)


def _listed(session: Session, at: dt.datetime, course_id: int | None, slack: int,
            full_phone: bool) -> list[AtRiskRow]:
    plans = _running(session, at, course_id)
    if not plans:
        return []
    found = _short(session, at, plans, slack)
    people = _named(session, sorted({lid for _c, lid, _a, _s in found}))
    rows = []
    for cid, lid, attended, spare in found:
        person = people.get(lid)
        if person is None:  # anonymised: no longer anyone to call
            continue
        code, name, phone = person
        plan = plans[cid]
        rows.append((spare >= 0, spare, plan.code, name, lid, AtRiskRow(
            lid, code, name, (phone or "") if full_phone else mask_phone(phone), cid,
            plan.code, plan.title, attended, plan.held, plan.total - plan.held, plan.needs,
            Risk.CANNOT_REACH if spare < 0 else Risk.ONLY_JUST)))
    rows.sort()  # never reaches the row: a learner is listed once per course
    return [r[5] for r in rows]


def _short(session: Session, at: dt.datetime, plans: dict[int, _Plan],
           slack: int) -> list[tuple[int, int, int, int]]:
    """(course, learner, attended, spare) of the seated learners with at
    most ``slack`` lessons to spare, their attendance counted by the
    certificates' rule as of ``at``: the enrollment's counts less the rows
    of lessons after ``at`` (a learner checked in early for tonight)."""
    conn = session.connection()  # Core rows: no ORM bookkeeping for 100,000 of them
    ids = one_of(Enrollment.course_id, list(plans), conn.dialect.name)
    later = _later(conn, at, plans)
    rule: dict[tuple[int, int, bool], int] = {}  # the rule, asked once per distinct case
    found = []
    for cid, lid, came, exc in conn.execute(
            select(Enrollment.course_id, Enrollment.learner_id, Enrollment.arrived_count,
                   Enrollment.excused_count).where(ids, Enrollment.status.in_(SEATED))).all():
        if later:
            came_later, exc_later = later.get((cid, lid), (0, 0))
            came, exc = came - came_later, exc - exc_later
        plan = plans[cid]
        case = (came, exc, plan.excused_counts)
        attended = rule.get(case)
        if attended is None:
            attended = rule[case] = counted(*case)
        spare = attended + plan.total - plan.held - plan.needs
        if spare <= slack:
            found.append((cid, lid, attended, spare))
    return found


def _later(conn: Connection, at: dt.datetime,
           plans: dict[int, _Plan]) -> dict[tuple[int, int], tuple[int, int]]:
    """(arrived, excused) by (course, learner) on lessons starting after ``at``."""
    # The lessons to come first, then their few rows. Joined, both SQLite and
    # PostgreSQL's planner read every attendance row (PostgreSQL expects as
    # many rows on a lesson to come as on one held); PostgreSQL probes its
    # index once per lesson given an array it cannot see into.
    future = select(Lesson.id).where(Lesson.starts_at > at, Lesson.cancelled.is_(False))
    of_future = (Attendance.lesson_id == any_(func.array(future.scalar_subquery()))
                 if conn.dialect.name == "postgresql" else Attendance.lesson_id.in_(future))
    query = (select(Lesson.course_id, Attendance.learner_id,
                    func.count().filter(Attendance.status.in_(ARRIVED)),
                    func.count().filter(Attendance.status == AttendanceStatus.EXCUSED))
             .join(Lesson, Lesson.id == Attendance.lesson_id)
             .where(of_future, Attendance.voided_at.is_(None))
             .group_by(Lesson.course_id, Attendance.learner_id))
    return {(cid, lid): (came, exc) for cid, lid, came, exc in conn.execute(query).all()
            if cid in plans}


def _named(session: Session, learner_ids: list[int]) -> dict[int, tuple[str, str, str | None]]:
    """Code, name and phone of those learners not anonymised, by id."""
    conn = session.connection()
    return {lid: (code, name, phone) for lid, code, name, phone in conn.execute(
        select(Learner.id, Learner.code, Learner.name, Learner.phone)
        .where(one_of(Learner.id, learner_ids, conn.dialect.name),
               Learner.anonymised_at.is_(None))).all()}


__all__ = ["DEFAULT_SLACK", "AtRiskRow", "Risk", "at_risk"]
