"""A course by its id: the one look-up every job builds on.

Below courses, enrollment and the no-show rules alike, so editing a course
may move learners up its waiting list without the modules going round in a
circle.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.store.models import Course


def get_course(session: Session, course_id: int, *, lock: bool = False) -> Course:
    query = select(Course).where(Course.id == course_id)
    if lock:
        query = query.with_for_update()
    course = session.scalars(query).first()
    if course is None:
        raise DomainError("course_not_found", course_id=course_id)
    return course
