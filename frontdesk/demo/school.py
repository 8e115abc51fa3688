"""A believable demo school: 水贝夜校 with its AI course catalogue.

Used by ``frontdesk demo``, the first-run choice in the GUI, the tests and
the benchmarks (``learners=100_000``). Bulk rows go in through Core inserts,
with the same rules the domain applies one at a time (fees, pinyin keys).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.demo.bulk import bulk_insert
from frontdesk.demo.fees import add_demo_payments
from frontdesk.money import fee_for
from frontdesk.roster.learners import CODE_ALPHABET, CODE_LENGTH
from frontdesk.settings import SchoolSettings, save_settings, school_secret
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, Course, Enrollment, Instructor, Learner, Lesson
from frontdesk.text import pinyin_keys
from frontdesk.vocab import AttendanceStatus, CheckInMethod, EnrollmentStatus, FeeTier

# (title, category, weekdays (Mon=0), start hour, hours per lesson)
CATALOGUE: list[tuple[str, str, tuple[int, ...], int, int]] = [
    ("AI+短视频拍摄与剪辑", "AI+短视频", (1, 3), 19, 2),
    ("AI+营销获客", "AI+营销", (0, 2), 19, 2),
    ("AI+图片设计", "AI+设计", (1, 4), 19, 2),
    ("AI+微短剧创作", "AI+短视频", (2, 4), 19, 2),
    ("AI+珠宝设计", "AI+设计", (5,), 14, 3),
    ("AI大语言模型应用", "大模型", (6,), 14, 3),
    ("人形机器人应用", "机器人", (5,), 9, 3),
    ("新媒体运营", "新媒体", (0, 3), 19, 2),
    ("办公软件应用", "办公技能", (1, 3), 19, 2),
    ("短视频直播", "AI+短视频", (2, 4), 19, 2),
    ("AI+电商文案", "AI+营销", (0, 2), 19, 2),
    ("Python与AI入门", "大模型", (6,), 9, 3),
]
# A third of the courses began last term and are over: their certificates are due.
FINISHED_SLOTS = (3, 4)  # course index modulo 6 (C0004, C0005, C0010, C0011, ...)
SECTIONS = ["一班", "二班", "三班", "四班", "五班", "六班", "七班", "八班"]

INSTRUCTORS = [
    ("林振华", "教授"), ("陈思远", "副教授"), ("黄晓敏", "短视频导演"), ("周子喆", "高级工程师"),
    ("吴婉婷", "珠宝设计师"), ("郑海峰", "电商运营总监"), ("刘晓堃", "机器人工程师"),
    ("何美玲", "新媒体主编"), ("许志强", "数据科学家"), ("欧阳明月", "讲师"),
]

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                "蔡蒋余杜叶程苏魏吕丁任沈姚卢")
SURNAMES += ["欧阳", "司马", "上官"]
GIVEN = list("伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏宇浩然欣怡子涵梓轩一诺")
GIVEN += list("喆堃玥昇淏燊珺琤")  # outside GB2312: they must still print and show
RARE = ["䶮", "𠀋"]  # CJK Extension A and B
MINORITY = ["阿依古丽·买买提", "热依拉·艾力", "扎西·多吉", "努尔兰·别克"]
FOREIGN = ["Anna Kowalska", "Żaneta Nowak", "Kim Min-jun", "David Chen"]
OCCUPATIONS = [
    "金融", "电商", "会计", "牙医", "手工艺人", "珠宝设计师", "教师", "外卖骑手",
    "待业（岗位被自动化替代）", "销售", "行政", "退休", "自由职业", "工厂技术员",
]


@dataclass(frozen=True)
class DemoSummary:
    learners: int
    instructors: int
    courses: int
    lessons: int
    enrollments: int
    waitlisted: int
    attendance: int
    ledger_entries: int


def _name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.01:
        return rng.choice(MINORITY)
    if roll < 0.015:
        return rng.choice(FOREIGN)
    surname = rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    if roll < 0.02:
        given = given[:1] + rng.choice(RARE)
    return surname + given


FEMININE = set("芳娜秀敏静丽艳娟霞桂英玉兰萍红欣怡玥珺")
MASCULINE = set("伟强磊军洋勇杰涛明超平刚鹏宇浩轩喆堃昇淏燊")


def _gender(name: str, drawn: str) -> str:
    """The gender a reader of the name would expect; ``drawn`` when it says nothing."""
    given = set(name[-2:])
    if given & FEMININE and not given & MASCULINE:
        return "女"
    if given & MASCULINE and not given & FEMININE:
        return "男"
    return drawn


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        phone = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
        if phone not in used:
            used.add(phone)
            return phone


def _codes(rng: random.Random, n: int) -> list[str]:
    """``n`` different card codes in the order drawn (a set's order would follow
    the process's string hashing, and the same seed give other learners' cards)."""
    codes: dict[str, None] = {}
    while len(codes) < n:
        codes.setdefault("".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    return list(codes)


def build_demo(
    store: Store,
    *,
    learners: int = 3000,
    now: dt.datetime | None = None,
    seed: int = 2026,
    settings: SchoolSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty store with a demo school; refuses a store that has learners."""
    from frontdesk.errors import DomainError

    now = now or dt.datetime.now(dt.UTC)
    settings = settings or SchoolSettings(address="深圳市罗湖区水贝二路", phone="0755-12345678")
    rng = random.Random(seed)
    say = progress or (lambda _msg: None)
    tz = ZoneInfo(settings.timezone)
    with store.write() as session:
        if session.scalar(select(Learner.id).limit(1)) is not None:
            raise DomainError("store_not_empty")
        save_settings(session, settings)
        school_secret(session)
        say("instructors")
        instructor_ids = _instructors(session, now)
        say("courses")
        courses = _courses(session, rng, instructor_ids, learners, settings, now, tz)
        say("learners")
        learner_ids = _learners(session, rng, learners, now)
        say("enrollments")
        seated, waitlisted = _enrollments(session, rng, courses, learner_ids, now)
        say("lessons")
        lessons = _lessons(session, courses, now, tz)
        say("attendance")
        attendance = _attendance(session, rng, lessons, seated, now)
        say("payments")
        payments = add_demo_payments(session, rng, now, settings)
    return DemoSummary(len(learner_ids), len(instructor_ids), len(courses), len(lessons),
                       sum(len(v) for v in seated.values()) + waitlisted, waitlisted, attendance,
                       payments)


def _instructors(session: Session, now: dt.datetime) -> list[int]:
    rows = [{"name": n, "title": t, "phone": None, "bio": "", "created_at": now}
            for n, t in INSTRUCTORS]
    session.execute(insert(Instructor), rows)
    return list(session.scalars(select(Instructor.id).order_by(Instructor.id)))


ROOMS = [f"{b}{f}0{r}" for b in "ABC" for f in range(1, 5) for r in range(1, 7)]


@dataclass(frozen=True)
class _Slot:
    """When a course meets: weekdays, hours, and the weeks of its term."""

    weekdays: frozenset[int]
    start_hour: int
    end_hour: int
    first: dt.date
    after_last: dt.date

    def clashes(self, other: _Slot) -> bool:
        return (bool(self.weekdays & other.weekdays) and self.start_hour < other.end_hour
                and other.start_hour < self.end_hour and self.first < other.after_last
                and other.first < self.after_last)


T = TypeVar("T")


def _turn(items: list[T], first: T) -> list[T]:
    """``items`` starting from ``first`` (then round), so the drawn choice comes first."""
    at = items.index(first)
    return items[at:] + items[:at]


def _free(slot: _Slot, candidates: list[T], booked: dict[object, list[_Slot]]) -> T:
    """The first candidate free at ``slot`` (booked for it), else the first."""
    chosen = next((c for c in candidates
                   if not any(slot.clashes(b) for b in booked.get(c, []))), candidates[0])
    booked.setdefault(chosen, []).append(slot)
    return chosen


@dataclass
class _DemoCourse:
    id: int
    capacity: int
    fee_fen: int
    market_fen: int
    weekdays: tuple[int, ...]
    hour: int
    length: int
    start: dt.date
    weeks: int
    room: str


def _courses(session: Session, rng: random.Random, instructor_ids: list[int], learners: int,
             settings: SchoolSettings, now: dt.datetime, tz: ZoneInfo) -> list[_DemoCourse]:
    count = max(len(CATALOGUE) * 2, learners // 50)
    today = now.astimezone(tz).date()
    term_start = today - dt.timedelta(days=today.weekday() + 28)  # a Monday, four weeks ago
    rows: list[dict[str, object]] = []
    plans: list[tuple[int, int, int, tuple[int, ...], int, int, dt.date, int, str]] = []
    booked_rooms: dict[object, list[_Slot]] = {}
    booked_instructors: dict[object, list[_Slot]] = {}
    for i in range(count):
        title, category, weekdays, hour, length = CATALOGUE[i % len(CATALOGUE)]
        section = SECTIONS[(i // len(CATALOGUE)) % len(SECTIONS)]
        round_no = i // (len(CATALOGUE) * len(SECTIONS))
        full_title = f"{title}（{section}）" + (f"第{round_no + 1}轮" if round_no else "")
        inclusive = i % 5 in (1, 3)  # 40% inclusive, 60% free
        market = rng.choice((800, 1000, 1200, 1500, 2000)) * 100 if inclusive else 0
        tier = FeeTier.INCLUSIVE if inclusive else FeeTier.FREE
        weeks = 8
        start = term_start + dt.timedelta(weeks=rng.choice((0, 0, 1, 2)))
        if i % 6 in FINISHED_SLOTS:  # began last term: its last lesson was 1-3 weeks ago
            start -= dt.timedelta(weeks=7)
        capacity = rng.choice((30, 30, 35, 40))
        drawn = f"{rng.choice('ABC')}{rng.randint(1, 4)}0{rng.randint(1, 6)}"
        slot = _Slot(frozenset(weekdays), hour, hour + length, start,
                     start + dt.timedelta(weeks=weeks))
        # No room and no instructor in two lessons at once (a school would notice).
        room = _free(slot, _turn(ROOMS, drawn), booked_rooms)
        instructor = _free(slot, _turn(instructor_ids, instructor_ids[i % len(instructor_ids)]),
                           booked_instructors)
        rows.append({
            "code": f"C{i + 1:04d}", "title": full_title, "category": category,
            "instructor_id": instructor, "fee_tier": tier,
            "market_price_fen": market, "capacity": capacity,
            "total_hours": weeks * len(weekdays) * length, "completion_threshold_pct": 80,
            "excused_counts": False, "start_date": start,
            "end_date": start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1),
            "room": room,
            "description": "", "created_at": now,
        })
        plans.append((capacity, fee_for(tier, market, settings.inclusive_ratio_pct), market,
                      weekdays, hour, length, start, weeks, room))
    session.execute(insert(Course), rows)
    ids = list(session.scalars(select(Course.id).order_by(Course.id)))
    return [_DemoCourse(cid, *plan) for cid, plan in zip(ids, plans, strict=True)]


def _learners(session: Session, rng: random.Random, n: int, now: dt.datetime) -> list[int]:
    used: set[str] = set()
    codes = _codes(rng, n)
    pinyin_cache: dict[str, tuple[str, str]] = {}
    batch: list[dict[str, object]] = []
    for i in range(n):
        name = _name(rng)
        if name not in pinyin_cache:
            pinyin_cache[name] = pinyin_keys(name)
        full, initials = pinyin_cache[name]
        phone = _phone(rng, used) if rng.random() > 0.02 else None
        batch.append({
            "code": codes[i], "name": name, "phone": phone,
            "phone_tail": phone[::-1] if phone else None, "pinyin": full, "initials": initials,
            "gender": _gender(name, rng.choice(("女", "男"))),
            "occupation": rng.choice(OCCUPATIONS), "note": "",
            "card_version": 1, "followup_consent": rng.random() < 0.7,
            "followup_consent_at": now, "created_at": now, "updated_at": now,
        })
        if len(batch) == 5000:
            bulk_insert(session, Learner, batch)
            batch = []
    if batch:
        bulk_insert(session, Learner, batch)
    return list(session.scalars(select(Learner.id).order_by(Learner.id)))


def _enrollments(session: Session, rng: random.Random, courses: list[_DemoCourse],
                 learner_ids: list[int], now: dt.datetime) -> tuple[dict[int, list[int]], int]:
    """Fill most courses to capacity; popular ones get a waiting list."""
    pool = learner_ids[:]
    rng.shuffle(pool)
    cursor = 0
    seated: dict[int, list[int]] = {}
    rows: list[dict[str, object]] = []
    waitlisted = 0
    for n, course in enumerate(courses):
        fill = course.capacity if n % 3 else int(course.capacity * rng.uniform(0.6, 0.95))
        waiting = rng.randint(2, 8) if n % 3 == 1 else 0
        chosen: list[int] = []
        for _ in range(fill + waiting):
            chosen.append(pool[cursor % len(pool)])
            cursor += 1
        chosen = list(dict.fromkeys(chosen))
        seated[course.id] = chosen[:fill]
        # Sign-up closes two weeks before the first lesson.
        opened = min(now - dt.timedelta(days=40),
                     dt.datetime.combine(course.start - dt.timedelta(days=14), dt.time(2),
                                         tzinfo=dt.UTC))
        for k, learner_id in enumerate(chosen):
            at = opened + dt.timedelta(minutes=k)
            is_seated = k < fill
            waitlisted += not is_seated
            rows.append({
                "learner_id": learner_id, "course_id": course.id,
                "status": EnrollmentStatus.ENROLLED if is_seated else EnrollmentStatus.WAITLISTED,
                "fee_due_fen": course.fee_fen, "market_price_fen": course.market_fen,
                "created_at": at, "waitlisted_at": None if is_seated else at,
                "enrolled_at": at if is_seated else None, "withdrawn_at": None, "source": "import",
            })
        if len(rows) >= 5000:
            bulk_insert(session, Enrollment, rows)
            rows = []
    if rows:
        bulk_insert(session, Enrollment, rows)
    return seated, waitlisted


def _lessons(session: Session, courses: list[_DemoCourse], now: dt.datetime,
             tz: ZoneInfo) -> list[tuple[int, int, dt.datetime]]:
    rows = []
    for course in courses:
        for offset in range(course.weeks * 7):
            day = course.start + dt.timedelta(days=offset)
            if day.weekday() not in course.weekdays:
                continue
            starts = dt.datetime.combine(day, dt.time(course.hour), tzinfo=tz).astimezone(dt.UTC)
            rows.append({"course_id": course.id, "starts_at": starts,
                         "ends_at": starts + dt.timedelta(hours=course.length),
                         "room": course.room, "topic": "", "cancelled": False,
                         "closed_at": None})
    bulk_insert(session, Lesson, rows)
    result = session.execute(select(Lesson.id, Lesson.course_id, Lesson.starts_at)).all()
    return [(lid, cid, starts) for lid, cid, starts in result]


def _attendance(session: Session, rng: random.Random, lessons: list[tuple[int, int, dt.datetime]],
                seated: dict[int, list[int]], now: dt.datetime) -> int:
    """Past lessons: most came, some late, a few excused; absences stay unrecorded
    rows-free until a lesson is closed."""
    rows: list[dict[str, object]] = []
    total = 0
    for lesson_id, course_id, starts in lessons:
        if starts + dt.timedelta(hours=3) > now:
            continue
        for learner_id in seated.get(course_id, []):
            roll = rng.random()
            if roll < 0.10:
                continue
            status = (AttendanceStatus.PRESENT if roll < 0.88 else
                      AttendanceStatus.LATE if roll < 0.96 else AttendanceStatus.EXCUSED)
            at = starts + dt.timedelta(minutes=rng.randint(-20, 5) if status is not
                                       AttendanceStatus.LATE else rng.randint(11, 40))
            rows.append({"lesson_id": lesson_id, "learner_id": learner_id, "enrollment_id": None,
                         "status": status, "method": CheckInMethod.SCANNER
                         if status is not AttendanceStatus.EXCUSED else CheckInMethod.DESK,
                         "at": at, "recorded_at": at, "desk": "demo", "staff_id": None,
                         "voided_at": None, "void_reason": None, "voided_by": None})
            if len(rows) == 20000:
                bulk_insert(session, Attendance, rows)
                total += len(rows)
                rows = []
    if rows:
        bulk_insert(session, Attendance, rows)
        total += len(rows)
    return total
