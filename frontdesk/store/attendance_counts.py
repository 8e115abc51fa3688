"""The attendance counts each enrollment keeps, held against a recount.

``enrollment.arrived_count`` and ``excused_count`` are kept by triggers in
the store (migration 0006) whenever attendance, a lesson or an enrollment
is written. :func:`stale_counts` recounts them from the attendance rows, for
the tests of every write path and for anyone who doubts a store.
"""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from frontdesk.store.models import Attendance, Enrollment, Lesson
from frontdesk.vocab import ARRIVED, AttendanceStatus


def recounted(session: Session) -> dict[int, tuple[int, int]]:
    """(arrived, excused) by enrollment id, counted from the attendance rows:
    live rows of lessons not cancelled of the enrollment's course."""
    rows = session.execute(
        select(Enrollment.id,
               func.count(Attendance.id).filter(Attendance.status.in_(ARRIVED)),
               func.count(Attendance.id).filter(Attendance.status == AttendanceStatus.EXCUSED))
        .join(Lesson, Lesson.course_id == Enrollment.course_id)
        .join(Attendance, and_(Attendance.lesson_id == Lesson.id,
                               Attendance.learner_id == Enrollment.learner_id))
        .where(Lesson.cancelled.is_(False), Attendance.voided_at.is_(None))
        .group_by(Enrollment.id))
    return {eid: (arrived, excused) for eid, arrived, excused in rows}


def stale_counts(session: Session) -> list[tuple[int, tuple[int, int], tuple[int, int]]]:
    """Enrollments whose kept counts differ from a recount:
    (enrollment id, kept, recounted); empty when all are right."""
    counted = recounted(session)
    return [(eid, (arrived, excused), counted.get(eid, (0, 0)))
            for eid, arrived, excused in session.execute(
                select(Enrollment.id, Enrollment.arrived_count, Enrollment.excused_count)
                .order_by(Enrollment.id))
            if (arrived, excused) != counted.get(eid, (0, 0))]


__all__ = ["recounted", "stale_counts"]
