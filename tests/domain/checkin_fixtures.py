"""A hand-countable evening for the check-in tests.

Tuesday 2026-12-01 in Shenzhen (the conftest clock reads 19:05 there):

======  ====================  ======================  =============================
course  title                 lessons (local time)    who
======  ====================  ======================  =============================
A       AI+营销获客 (free)     19:00–21:00, and 12-08  王芳, 李强, 孙艳
B       AI+图片设计 (¥300)     19:00–21:00             李强, 张伟
C       新媒体运营 (1 seat)    19:30–21:30             陈静; 刘敏 waiting (no seat)
D       AI+珠宝设计 (2 seats)  19:00–21:00             吴军; 赵涛 waiting (a seat free)
E       办公软件应用           14:00–18:30             孙艳
======  ====================  ======================  =============================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from frontdesk.checkin.scan import CheckInResult, check_in
from frontdesk.checkin.tokens import make_token
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    Course,
    Enrollment,
    Learner,
    LedgerEntry,
    ScanLog,
)
from frontdesk.vocab import FeeTier

SHENZHEN = ZoneInfo("Asia/Shanghai")
DESK = Actor(desk="前台1", staff_id=None)
FEE = 30_000


def local(hour: int, minute: int = 0, day: int = 1) -> dt.datetime:
    """A time on the evening of 2026-12-``day`` in Shenzhen, as UTC."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=SHENZHEN).astimezone(dt.UTC)


@dataclass(frozen=True)
class Evening:
    secret: bytes
    courses: dict[str, int]
    lessons: dict[str, int]  # "A", "A_next", "B", "C", "D", "E"
    learners: dict[str, int]  # by name
    codes: dict[str, str]

    def token(self, name: str, version: int = 1) -> str:
        return make_token(self.secret, self.codes[name], version)


def _lessons(s, courses: dict[str, int], now: dt.datetime) -> dict[str, int]:  # type: ignore[no-untyped-def]
    plan = {"A": ("A", 19, 0, 21, 0, 1), "A_next": ("A", 19, 0, 21, 0, 8),
            "B": ("B", 19, 0, 21, 0, 1), "C": ("C", 19, 30, 21, 30, 1),
            "D": ("D", 19, 0, 21, 0, 1), "E": ("E", 14, 0, 18, 30, 1)}
    return {key: add_lesson(s, courses[c], local(h1, m1, day), local(h2, m2, day), DESK, now).id
            for key, (c, h1, m1, h2, m2, day) in plan.items()}


def make_evening(store: Store, now: dt.datetime) -> Evening:
    with store.write() as s:
        secret = school_secret(s)
        spec = {"A": ("AI+营销获客", FeeTier.FREE, 5, 0, "A101"),
                "B": ("AI+图片设计", FeeTier.INCLUSIVE, 5, 100_000, "B202"),
                "C": ("新媒体运营", FeeTier.FREE, 1, 0, "C303"),
                "D": ("AI+珠宝设计", FeeTier.FREE, 1, 0, "D404"),
                "E": ("办公软件应用", FeeTier.FREE, 5, 0, "E505")}
        courses = {
            key: add_course(s, CourseInput(title=t, fee_tier=tier, capacity=cap,
                                           market_price_fen=price, room=room), DESK, now).id
            for key, (t, tier, cap, price, room) in spec.items()
        }
        lessons = _lessons(s, courses, now)
        people = {"王芳": "A", "李强": "AB", "孙艳": "AE", "张伟": "B", "陈静": "C", "刘敏": "C",
                  "吴军": "D", "赵涛": "D"}
        learners, codes = {}, {}
        for i, (name, where) in enumerate(people.items()):
            learner = add_learner(s, LearnerInput(name, f"1380000{i:04d}"), DESK, now)
            learners[name], codes[name] = learner.id, learner.code
            for key in where:
                enroll(s, learner.id, courses[key], 30, DESK, now)
        # A seat on D frees up without anyone being moved up (say the
        # capacity was raised by hand): 赵涛 waits with a seat free.
        s.get(Course, courses["D"]).capacity = 2  # type: ignore[union-attr]
    return Evening(secret, courses, lessons, learners, codes)


def scan(store: Store, text: str, at: dt.datetime, actor: Actor = DESK,
         **kw: object) -> CheckInResult:
    with store.write() as s:
        return check_in(s, text, at, actor, **kw)  # type: ignore[arg-type]


def counts(store: Store) -> dict[str, int]:
    """Rows per table that a check-in may touch."""
    with store.read() as s:
        result = {
            model.__tablename__: s.scalar(select(func.count()).select_from(model)) or 0
            for model in (Attendance, ScanLog, AuditEvent, LedgerEntry, Enrollment)
        }
        result["voided"] = s.scalar(select(func.count()).select_from(Attendance)
                                    .where(Attendance.voided_at.is_not(None))) or 0
        result["card_versions"] = s.scalar(select(func.sum(Learner.card_version))) or 0
        result["enrolled"] = s.scalar(select(func.count()).select_from(Enrollment)
                                      .where(Enrollment.status == "enrolled")) or 0
    return result


def live_rows(store: Store, learner_id: int) -> list[Attendance]:
    with store.read() as s:
        return list(s.scalars(select(Attendance).where(
            Attendance.learner_id == learner_id, Attendance.voided_at.is_(None))
            .order_by(Attendance.id)))
