"""No-shows on free courses, the waiting-list rule for repeat no-shows, and
the attendance settings of a course.

A free (公益) seat someone takes and leaves empty is a seat another learner
on the waiting list did not get. A *no-show* is an ``absent`` row on a
lesson of a free course: closing a lesson (``attendance.close_lesson``)
records one for everyone seated who neither came nor was excused. Excused
lessons are not no-shows.

Settings live in the store's ``setting`` table: the school's under
``attendance.<name>``, a course's own under ``course.<id>.<name>`` (which
wins). See :class:`AttendanceRules`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.settings import get_value
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson, Setting
from frontdesk.text import mask_phone
from frontdesk.vocab import AttendanceStatus, EnrollmentStatus, FeeTier


@dataclass(frozen=True)
class AttendanceRules:
    """No-show and standby settings of a course (or the school's defaults)."""

    # Minutes after a full lesson starts when seats of learners who have not
    # arrived may go to standby learners at the desk; 0 turns standby off.
    standby_after_min: int = 0
    # Repeat no-shows go to the end of this course's waiting list.
    demote_no_shows: bool = False
    # How many no-shows (on any free course, within the window) make a repeat no-show.
    repeat_no_shows: int = 2
    no_show_window_days: int = 180


_LIMITS = {"standby_after_min": (0, 180, "standby_minutes_invalid"),
           "repeat_no_shows": (1, 50, "no_show_repeat_invalid"),
           "no_show_window_days": (1, 730, "no_show_window_invalid")}


def _key(name: str, course_id: int | None) -> str:
    return f"attendance.{name}" if course_id is None else f"course.{course_id}.{name}"


def _parse(field: dataclasses.Field[object], raw: str) -> object:
    if field.type in ("bool", bool):
        return raw == "1"
    return int(raw)


def rules_for(session: Session, course_id: int | None = None) -> AttendanceRules:
    """The rules of ``course_id``: its own where set, else the school's, else
    the defaults. ``None`` gives the school's."""
    values: dict[str, object] = {}
    for field in dataclasses.fields(AttendanceRules):
        raw = get_value(session, _key(field.name, None))
        if course_id is not None:
            raw = get_value(session, _key(field.name, course_id)) or raw
        if raw is not None:
            values[field.name] = _parse(field, raw)
    return AttendanceRules(**values)  # type: ignore[arg-type]


def _put(session: Session, key: str, value: str | None) -> None:
    row = session.get(Setting, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _check(rules: AttendanceRules) -> None:
    for name, (low, high, code) in _LIMITS.items():
        value = getattr(rules, name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise DomainError(code, value=str(value), min=low, max=high)


def _require(actor: Actor, course_id: int | None) -> None:
    # A course's rules are part of the course; the school's are its settings.
    roles.require(actor, roles.Action.SETTINGS if course_id is None else roles.Action.COURSE_EDIT)


def save_rules(session: Session, rules: AttendanceRules, actor: Actor, now: dt.datetime, *,
               course_id: int | None = None) -> AttendanceRules:
    """Store the school's rules, or a course's own (every field; all or nothing).

    Refuses values out of range (standby 0–180 minutes, 1–50 no-shows,
    1–730 days) and, once staff sign in, anyone but an admin.
    """
    _require(actor, course_id)
    _check(rules)
    if course_id is not None:
        get_course(session, course_id)
    before = rules_for(session, course_id)
    for field in dataclasses.fields(AttendanceRules):
        value = getattr(rules, field.name)
        _put(session, _key(field.name, course_id),
             ("1" if value else "0") if isinstance(value, bool) else str(value))
    audit.record(session, actor, "settings.attendance_rules", now,
                 entity="course" if course_id is not None else "settings", entity_id=course_id,
                 before=dataclasses.asdict(before), after=dataclasses.asdict(rules))
    return rules


def clear_course_rules(session: Session, course_id: int, actor: Actor,
                       now: dt.datetime) -> AttendanceRules:
    """Drop a course's own rules: it follows the school's again. Returns those."""
    _require(actor, course_id)
    get_course(session, course_id)
    for field in dataclasses.fields(AttendanceRules):
        _put(session, _key(field.name, course_id), None)
    audit.record(session, actor, "settings.attendance_rules_cleared", now, entity="course",
                 entity_id=course_id)
    session.flush()
    return rules_for(session, course_id)


# No-shows ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoShowRow:
    learner_id: int
    learner_code: str
    learner_name: str
    phone: str  # masked unless full_phone
    no_shows: int  # absent lessons on free courses in the range
    courses: int  # free courses they missed lessons of
    last_missed_at: dt.datetime  # start of the latest lesson missed


def _no_show_filter(since: dt.datetime | None,
                    until: dt.datetime | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Attendance.status == AttendanceStatus.ABSENT,
                           Attendance.voided_at.is_(None), Lesson.cancelled.is_(False),
                           Course.fee_tier == FeeTier.FREE]
    if since is not None:
        where.append(Lesson.starts_at >= since)
    if until is not None:
        where.append(Lesson.starts_at < until)
    return where


def no_shows(session: Session, since: dt.datetime, *, until: dt.datetime | None = None,
             min_count: int = 1, full_phone: bool = False) -> list[NoShowRow]:
    """Learners with at least ``min_count`` no-shows on free courses in lessons
    starting from ``since`` (up to ``until``), most no-shows first."""
    n = func.count(Attendance.id)
    rows = session.execute(
        select(Learner.id, Learner.code, Learner.name, Learner.phone, n,
               func.count(func.distinct(Lesson.course_id)), func.max(Lesson.starts_at))
        .select_from(Attendance)
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .join(Learner, Learner.id == Attendance.learner_id)
        .where(*_no_show_filter(since, until), Learner.anonymised_at.is_(None))
        .group_by(Learner.id, Learner.code, Learner.name, Learner.phone)
        .having(n >= min_count)
        .order_by(n.desc(), Learner.pinyin, Learner.id)
    )
    return [NoShowRow(lid, code, name, (phone or "") if full_phone else mask_phone(phone),
                      count, courses, last)
            for lid, code, name, phone, count, courses, last in rows]


def no_show_counts(session: Session, learner_ids: list[int],
                   since: dt.datetime | None = None) -> dict[int, int]:
    """No-shows on free courses per learner (only those with any)."""
    if not learner_ids:
        return {}
    return dict(session.execute(
        select(Attendance.learner_id, func.count(Attendance.id))
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .join(Course, Course.id == Lesson.course_id)
        .where(Attendance.learner_id.in_(learner_ids),
               *_no_show_filter(since, None))
        .group_by(Attendance.learner_id)
    ).all())


# The waiting list ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WaitlistEntry:
    position: int  # 1 moves up next
    enrollment_id: int
    learner_id: int
    learner_code: str
    learner_name: str
    waitlisted_at: dt.datetime | None
    no_shows: int  # in the rules' window (all time when no ``at`` was given)
    repeat_no_show: bool
    demoted: bool  # moved behind the others by the course's rule


def waitlist_order(session: Session, course_id: int, *,
                   at: dt.datetime | None = None) -> list[WaitlistEntry]:
    """A course's waiting list in the order seats are offered.

    First come, first served (``waitlisted_at``); when the course's rules
    demote repeat no-shows, learners with ``repeat_no_shows`` or more
    no-shows on free courses (within ``no_show_window_days`` before ``at``;
    all of them when ``at`` is None) go behind everyone else, in their own
    first-come order.
    """
    get_course(session, course_id)
    rules = rules_for(session, course_id)
    waiting = session.execute(
        select(Enrollment.id, Enrollment.learner_id, Learner.code, Learner.name,
               Enrollment.waitlisted_at)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .where(Enrollment.course_id == course_id,
               Enrollment.status == EnrollmentStatus.WAITLISTED)
        .order_by(Enrollment.waitlisted_at, Enrollment.id)
    ).all()
    since = at - dt.timedelta(days=rules.no_show_window_days) if at is not None else None
    counts = no_show_counts(session, [w[1] for w in waiting], since)

    def repeat(learner_id: int) -> bool:
        return counts.get(learner_id, 0) >= rules.repeat_no_shows

    ordered = sorted(waiting, key=lambda w: rules.demote_no_shows and repeat(w[1]))
    return [WaitlistEntry(i, eid, lid, code, name, when, counts.get(lid, 0), repeat(lid),
                          rules.demote_no_shows and repeat(lid))
            for i, (eid, lid, code, name, when) in enumerate(ordered, start=1)]


__all__ = [
    "AttendanceRules", "NoShowRow", "WaitlistEntry", "clear_course_rules", "no_show_counts",
    "no_shows", "rules_for", "save_rules", "waitlist_order",
]
