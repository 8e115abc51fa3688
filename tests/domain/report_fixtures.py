"""A school small enough to count by eye, for the reports tests.

Built through the domain, action by action as the desk would, in November
and early December 2026 (Asia/Shanghai). The clock stops at FIXED_NOW,
Tuesday 1 December 19:05.

Learners (consent to follow-up calls in brackets):
  A 王喆 (yes)   B 李娜 (yes)   C 阿依古丽·买买提 (no)   D 张伟 (yes)   E 陈思远 (yes)

C1 AI+图片设计 — free, category AI+设计, capacity 3, threshold 75% (3 of 4).
  Seated A, B, C. D waited, then withdrew. Mondays 2, 9, 16, 23 Nov, 19:00–21:00.
                 2 Nov   9 Nov   16 Nov   23 Nov (never closed)
      A          P       P       P        L
      B          P       E       P        P
      C          L       A       A        (blank)
  Lessons 2, 9 and 16 Nov are closed (C's two absences are no-shows).
  Certificates for A and B issued 25 Nov.

C2 AI+营销获客 — inclusive, category AI+营销, market ¥1,000, fee ¥300, capacity 2.
  Seated A, E; D waits. Lessons 19:00–20:30 on 24 Nov, 26 Nov, 1 Dec, 3 Dec.
      24 Nov: A P, E P.   26 Nov (closed): A L, E A.   1 Dec (tonight): A in at 18:55.
  A paid ¥200 cash on 24 Nov; tonight ¥100 cash, and ¥50 of the 24 Nov payment
  was refunded in cash. E paid ¥300 by WeChat tonight.

C3 办公软件应用 — free, category 办公技能, capacity 2. D seated.
  30 Nov cancelled; five lessons to come: 8, 10, 15, 17, 22 Dec.

Follow-up calls: A unreachable 27 Nov, then found a job 29 Nov; B went on to
study 28 Nov; E started a business 1 Dec (outside November).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from frontdesk.certificates.issue import issue_certificates
from frontdesk.checkin.attendance import close_lesson, mark_excused, record_paper_checkins
from frontdesk.checkin.scan import check_in_learner
from frontdesk.fees.ledger import Reason, ReasonCode, refund, take_payment
from frontdesk.reports.followup import record_followup
from frontdesk.roster.courses import CourseInput, add_course, add_lesson, update_lesson
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.vocab import FeeTier, OutcomeKind, PaymentMethod

TZ = ZoneInfo("Asia/Shanghai")
FIXED_NOW = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)  # Tue 1 Dec, 19:05 local
ACTOR = Actor(desk="前台1")
MARKET = 100_000
FEE = 30_000


def local(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=TZ).astimezone(dt.UTC)


PEOPLE = (("王喆", "13812345678", True), ("李娜", "13912345678", True),
          ("阿依古丽·买买提", "13712345670", False), ("张伟", "13612345678", True),
          ("陈思远", "13712345678", True))


@dataclass(frozen=True)
class School:
    a: int
    b: int
    c: int
    d: int
    e: int
    c1: int
    c2: int
    c3: int
    c1_lessons: tuple[int, ...]
    c2_lessons: tuple[int, ...]
    c3_lessons: tuple[int, ...]  # the cancelled one first
    enrollments: dict[tuple[str, str], int]  # (learner letter, course) -> enrollment id


def _courses(s: object, now: dt.datetime) -> tuple[int, int, int]:
    c1 = add_course(s, CourseInput("AI+图片设计", FeeTier.FREE, capacity=3, category="AI+设计",
                                   completion_threshold_pct=75, code="C1"), ACTOR, now)
    c2 = add_course(s, CourseInput("AI+营销获客", FeeTier.INCLUSIVE, capacity=2,
                                   market_price_fen=MARKET, category="AI+营销", code="C2"),
                    ACTOR, now)
    c3 = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=2, category="办公技能",
                                   code="C3"), ACTOR, now)
    return c1.id, c2.id, c3.id


def _lessons(s: object, course_id: int, days: list[tuple[int, int]], minutes: int,
             now: dt.datetime) -> tuple[int, ...]:
    return tuple(add_lesson(s, course_id, local(m, d, 19),
                            local(m, d, 19) + dt.timedelta(minutes=minutes), ACTOR, now).id
                 for m, d in days)


def build_school(store: Store, *, calls: bool = True) -> School:
    """The school of this module's docstring (``calls``: with the follow-up calls)."""
    setup = local(10, 20, 10)
    with store.write() as s:
        ids = [add_learner(s, LearnerInput(name, phone, followup_consent=consent), ACTOR,
                           setup).id for name, phone, consent in PEOPLE]
        c1, c2, c3 = _courses(s, setup)
        l1 = _lessons(s, c1, [(11, 2), (11, 9), (11, 16), (11, 23)], 120, setup)
        l2 = _lessons(s, c2, [(11, 24), (11, 26), (12, 1), (12, 3)], 90, setup)
        l3 = _lessons(s, c3, [(11, 30), (12, 8), (12, 10), (12, 15), (12, 17), (12, 22)], 120,
                      setup)
        a, b, c, d, e = ids
        enrollments = {}
        for who, letter, course, name in ((a, "A", c1, "C1"), (b, "B", c1, "C1"),
                                          (c, "C", c1, "C1"), (d, "D", c1, "C1"),
                                          (a, "A", c2, "C2"), (e, "E", c2, "C2"),
                                          (d, "D", c2, "C2"), (d, "D", c3, "C3")):
            enrollments[(letter, name)] = enroll(s, who, course, 30, ACTOR, setup).enrollment_id
    school = School(a, b, c, d, e, c1, c2, c3, l1, l2, l3, enrollments)
    _tonight(store, school, _november(store, school))
    if calls:
        _calls(store, school)
    return school


def _paper(store: Store, lesson_id: int, arrivals: list[tuple[int, dt.datetime]],
           now: dt.datetime) -> None:
    with store.write() as s:
        record_paper_checkins(s, lesson_id, arrivals, ACTOR, now)


def _close(store: Store, lesson_id: int, now: dt.datetime) -> None:
    with store.write() as s:
        close_lesson(s, lesson_id, ACTOR, now)


def _november(store: Store, sc: School) -> int:
    """Everything up to tonight; returns A's first payment (refunded in part tonight)."""
    with store.write() as s:
        withdraw(s, sc.enrollments[("D", "C1")], ACTOR, local(10, 30, 12))
        mark_excused(s, sc.b, sc.c1_lessons[1], ACTOR, local(11, 8, 12))
    on_time, late = -5, 25  # minutes from 19:00: 18:55 is present, 19:25 late
    plan = {0: [(sc.a, on_time), (sc.b, on_time), (sc.c, late)], 1: [(sc.a, on_time)],
            2: [(sc.a, on_time), (sc.b, on_time)], 3: [(sc.a, late), (sc.b, on_time)]}
    days = [(11, 2), (11, 9), (11, 16), (11, 23)]
    for i, arrivals in plan.items():
        m, d = days[i]
        # typed in from the paper sheet before the lesson ends: no late entry
        _paper(store, sc.c1_lessons[i], [(who, local(m, d, 19) + dt.timedelta(minutes=mins))
                                         for who, mins in arrivals], local(m, d, 20, 45))
        if i < 3:
            _close(store, sc.c1_lessons[i], local(m, d, 22))
    _paper(store, sc.c2_lessons[0], [(sc.a, local(11, 24, 18, 50)), (sc.e, local(11, 24, 19))],
           local(11, 24, 20, 15))
    _paper(store, sc.c2_lessons[1], [(sc.a, local(11, 26, 19, 20))], local(11, 26, 20, 15))
    _close(store, sc.c2_lessons[1], local(11, 26, 21))
    with store.write() as s:
        first = take_payment(s, sc.enrollments[("A", "C2")], 20_000, PaymentMethod.CASH, ACTOR,
                             local(11, 24, 18, 45))
        update_lesson(s, sc.c3_lessons[0], local(11, 30, 19), local(11, 30, 21), ACTOR,
                      local(11, 25, 9), cancelled=True)
        issue_certificates(s, sc.c1, None, ACTOR, local(11, 25, 10))
    return first.entry_id


def _tonight(store: Store, sc: School, first_payment: int) -> None:
    with store.write() as s:
        take_payment(s, sc.enrollments[("A", "C2")], 10_000, PaymentMethod.CASH, ACTOR,
                     local(12, 1, 18, 40))
        take_payment(s, sc.enrollments[("E", "C2")], FEE, PaymentMethod.WECHAT, ACTOR,
                     local(12, 1, 18, 42), reference="4200000000000000000000000001")
        refund(s, first_payment, 5_000, Reason(ReasonCode.WRONG_AMOUNT), ACTOR,
               local(12, 1, 18, 44))
        check_in_learner(s, sc.a, local(12, 1, 18, 55), ACTOR)


def _calls(store: Store, sc: School) -> None:
    for who, kind, when in ((sc.a, OutcomeKind.UNREACHABLE, local(11, 27, 10)),
                            (sc.a, OutcomeKind.JOB, local(11, 29, 10)),
                            (sc.b, OutcomeKind.STUDY, local(11, 28, 10)),
                            (sc.e, OutcomeKind.BUSINESS, local(12, 1, 10))):
        with store.write() as s:
            record_followup(s, who, sc.c2 if who == sc.e else sc.c1, kind, "", ACTOR, when)
