"""Courses and their lessons: the catalogue, and a weekly timetable."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.enrollment import promote_waiting
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Instructor, Lesson
from frontdesk.text import fold_code
from frontdesk.vocab import FeeTier

MAX_WEEKS = 52


@dataclass(frozen=True)
class CourseInput:
    title: str
    fee_tier: FeeTier
    capacity: int
    market_price_fen: int = 0
    category: str = ""
    instructor_id: int | None = None
    total_hours: int = 0
    completion_threshold_pct: int = 80
    excused_counts: bool = False
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    room: str = ""
    description: str = ""
    code: str = ""


def _check_course(session: Session, data: CourseInput, course_id: int | None) -> CourseInput:
    title = data.title.strip()
    if not title:
        raise DomainError("title_required")
    if data.capacity < 1:
        raise DomainError("capacity_invalid", value=data.capacity)
    if data.market_price_fen < 0:
        raise DomainError("price_negative")
    if data.fee_tier is FeeTier.INCLUSIVE and data.market_price_fen <= 0:
        raise DomainError("inclusive_needs_price")
    if not 1 <= data.completion_threshold_pct <= 100:
        raise DomainError("threshold_invalid", value=data.completion_threshold_pct)
    if data.total_hours < 0:
        raise DomainError("hours_invalid")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise DomainError("course_ends_before_start")
    if data.instructor_id is not None and session.get(Instructor, data.instructor_id) is None:
        raise DomainError("instructor_not_found", instructor_id=data.instructor_id)
    code = data.code.strip().upper()
    if code:
        clash = select(Course.id).where(Course.code == code)
        if course_id is not None:
            clash = clash.where(Course.id != course_id)
        if session.scalar(clash) is not None:
            raise DomainError("course_code_taken", code=code)
    return CourseInput(**{**asdict(data), "title": title, "code": code})


def _next_course_code(session: Session) -> str:
    last = session.scalar(select(func.max(Course.id))) or 0
    n = last + 1
    while session.scalar(select(Course.id).where(Course.code == f"C{n:04d}")) is not None:
        n += 1
    return f"C{n:04d}"


def add_course(session: Session, data: CourseInput, actor: Actor, now: dt.datetime) -> Course:
    roles.require(actor, roles.Action.COURSE_EDIT)
    clean = _check_course(session, data, None)
    values = asdict(clean)
    values["code"] = clean.code or _next_course_code(session)
    course = Course(**values, created_at=now)
    session.add(course)
    session.flush()
    audit.record(session, actor, "course.add", now, entity="course", entity_id=course.id,
                 after={"code": course.code, "title": course.title})
    return course


def update_course(
    session: Session, course_id: int, data: CourseInput, actor: Actor, now: dt.datetime
) -> tuple[Course, list[int]]:
    """Edit a course. Returns it and the enrollment ids moved up from the
    waiting list when the capacity grew."""
    roles.require(actor, roles.Action.COURSE_EDIT)
    course = get_course(session, course_id, lock=True)
    clean = _check_course(session, data, course_id)
    before = {"title": course.title, "capacity": course.capacity,
              "market_price_fen": course.market_price_fen, "fee_tier": course.fee_tier.value}
    for key, value in asdict(clean).items():
        if key == "code" and not value:
            continue
        setattr(course, key, value)
    session.flush()
    audit.record(session, actor, "course.edit", now, entity="course", entity_id=course.id,
                 before=before, after={"title": course.title, "capacity": course.capacity})
    promoted = promote_waiting(session, course, actor, now)
    return course, promoted


def course_by_code_or_title(session: Session, text: str) -> Course | None:
    """The course with code ``text`` (as typed: full-width and case folded),
    else the one with exactly that title."""
    value = text.strip()
    if not value:
        return None
    found = session.scalars(select(Course).where(Course.code == fold_code(value))).first()
    if found is None:
        found = session.scalars(select(Course).where(Course.title == value)).first()
    return found


def course_id_by_code(session: Session, text: str) -> int:
    """:func:`course_by_code_or_title`'s id, refusing ``course_not_found``."""
    course = course_by_code_or_title(session, text)
    if course is None:
        raise DomainError("course_not_found", code=text.strip())
    return course.id


# Lessons -------------------------------------------------------------------


def _check_times(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("lesson times must be timezone-aware")
    if ends_at <= starts_at:
        raise DomainError("lesson_ends_before_start")
    if ends_at - starts_at > dt.timedelta(hours=12):
        raise DomainError("lesson_too_long")


def add_lesson(
    session: Session, course_id: int, starts_at: dt.datetime, ends_at: dt.datetime,
    actor: Actor, now: dt.datetime, *, room: str = "", topic: str = "",
) -> Lesson:
    roles.require(actor, roles.Action.COURSE_EDIT)
    course = get_course(session, course_id)
    _check_times(starts_at, ends_at)
    clash = session.scalar(
        select(Lesson.id).where(Lesson.course_id == course_id, Lesson.starts_at == starts_at)
    )
    if clash is not None:
        raise DomainError("lesson_exists", lesson_id=clash)
    lesson = Lesson(course_id=course_id, starts_at=starts_at, ends_at=ends_at,
                    room=room.strip() or course.room, topic=topic.strip(), cancelled=False)
    session.add(lesson)
    session.flush()
    audit.record(session, actor, "lesson.add", now, entity="lesson", entity_id=lesson.id,
                 after={"course_id": course_id, "starts_at": starts_at.isoformat()})
    return lesson


def update_lesson(
    session: Session, lesson_id: int, starts_at: dt.datetime, ends_at: dt.datetime,
    actor: Actor, now: dt.datetime, *, room: str = "", topic: str = "", cancelled: bool = False,
) -> Lesson:
    roles.require(actor, roles.Action.COURSE_EDIT)
    lesson = session.get(Lesson, lesson_id)
    if lesson is None:
        raise DomainError("lesson_not_found", lesson_id=lesson_id)
    _check_times(starts_at, ends_at)
    before = {"starts_at": lesson.starts_at.isoformat(), "ends_at": lesson.ends_at.isoformat(),
              "cancelled": lesson.cancelled}
    lesson.starts_at, lesson.ends_at = starts_at, ends_at
    lesson.room, lesson.topic, lesson.cancelled = room.strip(), topic.strip(), cancelled
    audit.record(session, actor, "lesson.edit", now, entity="lesson", entity_id=lesson.id,
                 before=before, after={"starts_at": starts_at.isoformat(), "cancelled": cancelled})
    return lesson


@dataclass(frozen=True)
class WeeklyPattern:
    """E.g. every Tuesday and Thursday 19:00–21:00 for 8 weeks from a date."""

    first_date: dt.date
    weekdays: frozenset[int]  # Monday = 0
    start: dt.time
    end: dt.time
    weeks: int
    skip_dates: frozenset[dt.date] = field(default_factory=frozenset)

    def occurrences(self, tz: ZoneInfo) -> list[tuple[dt.datetime, dt.datetime]]:
        if not self.weekdays or not all(0 <= d <= 6 for d in self.weekdays):
            raise DomainError("pattern_no_weekday")
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise DomainError("pattern_weeks_invalid", max=MAX_WEEKS)
        if self.end <= self.start:
            raise DomainError("lesson_ends_before_start")
        result = []
        for offset in range(self.weeks * 7):
            day = self.first_date + dt.timedelta(days=offset)
            if day.weekday() not in self.weekdays or day in self.skip_dates:
                continue
            starts = dt.datetime.combine(day, self.start, tzinfo=tz)
            ends = dt.datetime.combine(day, self.end, tzinfo=tz)
            result.append((starts.astimezone(dt.UTC), ends.astimezone(dt.UTC)))
        return result


def generate_lessons(
    session: Session, course_id: int, pattern: WeeklyPattern, tz: ZoneInfo,
    actor: Actor, now: dt.datetime,
) -> list[Lesson]:
    """Create the lessons of a weekly pattern; times that already have a
    lesson are left as they are."""
    roles.require(actor, roles.Action.COURSE_EDIT)
    course = get_course(session, course_id)
    existing = set(session.scalars(select(Lesson.starts_at).where(Lesson.course_id == course_id)))
    created = []
    for starts_at, ends_at in pattern.occurrences(tz):
        if starts_at in existing:
            continue
        lesson = Lesson(course_id=course_id, starts_at=starts_at, ends_at=ends_at,
                        room=course.room, topic="", cancelled=False)
        session.add(lesson)
        created.append(lesson)
    session.flush()
    audit.record(session, actor, "lesson.generate", now, entity="course", entity_id=course_id,
                 after={"count": len(created)})
    return created


def lessons_of(session: Session, course_id: int) -> list[Lesson]:
    return list(session.scalars(
        select(Lesson).where(Lesson.course_id == course_id).order_by(Lesson.starts_at)
    ))


@dataclass(frozen=True)
class CourseSummary:
    id: int
    code: str
    title: str
    category: str
    fee_tier: FeeTier
    market_price_fen: int
    capacity: int
    seated: int
    waiting: int
    lessons: int
    start_date: dt.date | None
    end_date: dt.date | None
    instructor: str
    room: str

    @property
    def seats_free(self) -> int:
        return max(0, self.capacity - self.seated)


def course_summaries(session: Session) -> list[CourseSummary]:
    """Every course with seats taken, waiting list and lesson count (three queries)."""
    from frontdesk.store.models import Enrollment
    from frontdesk.vocab import EnrollmentStatus

    counts: dict[int, dict[str, int]] = {}
    for course_id, status, n in session.execute(
        select(Enrollment.course_id, Enrollment.status, func.count())
        .where(Enrollment.status != EnrollmentStatus.WITHDRAWN)
        .group_by(Enrollment.course_id, Enrollment.status)
    ):
        counts.setdefault(course_id, {})[status.value] = n
    lesson_counts = dict(session.execute(
        select(Lesson.course_id, func.count()).where(Lesson.cancelled.is_(False))
        .group_by(Lesson.course_id)
    ).all())
    rows = session.execute(
        select(Course, Instructor.name).outerjoin(Instructor, Instructor.id == Course.instructor_id)
        .order_by(Course.code)
    ).all()
    result = []
    for course, instructor in rows:
        c = counts.get(course.id, {})
        result.append(CourseSummary(
            course.id, course.code, course.title, course.category, course.fee_tier,
            course.market_price_fen, course.capacity, c.get("enrolled", 0) + c.get("completed", 0),
            c.get("waitlisted", 0), lesson_counts.get(course.id, 0), course.start_date,
            course.end_date, instructor or "", course.room,
        ))
    return result


def school_is_empty(session: Session) -> bool:
    """No learners and no courses yet: a store just made (the first start)."""
    from frontdesk.store.models import Learner

    return (session.scalar(select(Learner.id).limit(1)) is None
            and session.scalar(select(Course.id).limit(1)) is None)


# Schedule clashes ---------------------------------------------------------------


@dataclass(frozen=True)
class Clash:
    """Two lessons that put one room, or one instructor, in two places at once."""

    kind: str  # "room" or "instructor"
    what: str  # the room, or the instructor's name
    lesson_id: int
    course_code: str
    other_lesson_id: int
    other_course_code: str
    starts_at: dt.datetime  # when the two overlap from


def schedule_clashes(session: Session, *, course_id: int | None = None,
                     since: dt.datetime | None = None) -> list[Clash]:
    """Room and instructor clashes among lessons not cancelled (those of
    ``course_id`` only, when given; from ``since`` on, when given), in time order."""
    first, other = Lesson.__table__.alias("first"), Lesson.__table__.alias("other")
    c1, c2 = Course.__table__.alias("c1"), Course.__table__.alias("c2")
    overlap = ((first.c.id < other.c.id) & (first.c.starts_at < other.c.ends_at)
               & (other.c.starts_at < first.c.ends_at)
               & ~first.c.cancelled & ~other.c.cancelled)
    if since is not None:
        overlap &= first.c.ends_at > since
    if course_id is not None:
        overlap &= (c1.c.id == course_id) | (c2.c.id == course_id)
    rows = session.execute(
        select(first.c.id, c1.c.code, first.c.room, c1.c.instructor_id, other.c.id, c2.c.code,
               other.c.room, c2.c.instructor_id,
               case((first.c.starts_at > other.c.starts_at, first.c.starts_at),
                    else_=other.c.starts_at))
        .select_from(first.join(c1, c1.c.id == first.c.course_id))
        .join(other, overlap).join(c2, c2.c.id == other.c.course_id)
        .where(((first.c.room == other.c.room) & (first.c.room != ""))
               | ((c1.c.instructor_id == c2.c.instructor_id)
                  & c1.c.instructor_id.is_not(None)))
        .order_by(first.c.starts_at, first.c.id, other.c.id)
    ).all()
    names = dict(session.execute(select(Instructor.id, Instructor.name)).all())
    found = []
    for lid, code, room, teacher, oid, ocode, oroom, oteacher, starts in rows:
        starts = starts if isinstance(starts, dt.datetime) else dt.datetime.fromisoformat(starts)
        starts = starts if starts.tzinfo else starts.replace(tzinfo=dt.UTC)
        if room and room == oroom:
            found.append(Clash("room", room, lid, code, oid, ocode, starts))
        if teacher is not None and teacher == oteacher:
            found.append(Clash("instructor", names.get(teacher, ""), lid, code, oid, ocode,
                               starts))
    return found
