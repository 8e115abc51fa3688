"""A hand-countable school for the fees tests.

One inclusive course at a market price of ¥1,000 (fee ¥300 at the default
30%), one free course, and learners enrolled on them. Built through the
domain, as a desk would, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Counter, LedgerEntry
from frontdesk.vocab import FeeTier

FEE = 30_000  # ¥300.00
MARKET = 100_000  # ¥1,000.00


@dataclass(frozen=True)
class School:
    inclusive_id: int
    inclusive_code: str
    free_id: int
    learner_ids: tuple[int, ...]
    learner_codes: tuple[str, ...]
    enrollment_ids: tuple[int, ...]  # on the inclusive course, one per learner
    free_enrollment_id: int


LEARNERS = (("王喆", "13812345678"), ("李娜", "13912345678"), ("阿依古丽·买买提", "13712345678"))


def make_school(store: Store, actor: Actor, now: dt.datetime, *, learners: int = 3) -> School:
    with store.write() as s:
        # every learner gets a seat: a waiting-list place owes nothing
        seats = max(30, learners)
        paid = add_course(s, CourseInput("AI+图片设计", FeeTier.INCLUSIVE, capacity=seats,
                                         market_price_fen=MARKET, code="C0001"), actor, now)
        free = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=30,
                                         code="C0002"), actor, now)
        specs = [LEARNERS[i] if i < len(LEARNERS) else (f"学员{i}", None)
                 for i in range(learners)]
        people = [add_learner(s, LearnerInput(name, phone), actor, now) for name, phone in specs]
        enrollments = [enroll(s, p.id, paid.id, 30, actor, now).enrollment_id for p in people]
        free_enrollment = enroll(s, people[0].id, free.id, 30, actor, now).enrollment_id
        return School(paid.id, paid.code, free.id, tuple(p.id for p in people),
                      tuple(p.code for p in people), tuple(enrollments), free_enrollment)


@dataclass(frozen=True)
class Footprint:
    """What a refused action must leave untouched."""

    entries: int
    counters: tuple[tuple[str, int], ...]
    audit: int


def footprint(store: Store) -> Footprint:
    with store.read() as s:
        return Footprint(
            s.scalar(select(func.count()).select_from(LedgerEntry)) or 0,
            tuple(s.execute(select(Counter.name, Counter.value).order_by(Counter.name))
                  .all()),
            s.scalar(select(func.count()).select_from(AuditEvent)) or 0,
        )
