"""Learners, instructors, courses, lessons, enrollment and the waiting list."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from frontdesk.errors import DomainError
from frontdesk.roster.courses import (
    CourseInput,
    WeeklyPattern,
    add_course,
    add_lesson,
    generate_lessons,
    lessons_of,
    update_course,
)
from frontdesk.roster.enrollment import course_enrollments, enroll, withdraw
from frontdesk.roster.learners import (
    LearnerInput,
    add_learner,
    find_duplicate,
    find_duplicates,
    update_learner,
)
from frontdesk.store.models import AuditEvent, Learner
from frontdesk.vocab import EnrollmentStatus, FeeTier

SHENZHEN = ZoneInfo("Asia/Shanghai")


def _course(session, actor, now, **kw):
    data = {"title": "AI+营销获客", "fee_tier": FeeTier.FREE, "capacity": 2} | kw
    return add_course(session, CourseInput(**data), actor, now)


def test_add_learner_keeps_pinyin_and_reversed_phone(store, actor, now):
    with store.write() as s:
        learner = add_learner(s, LearnerInput("王喆", "138 1234 5678"), actor, now)
    assert learner.phone == "13812345678"
    assert (learner.pinyin, learner.initials) == ("wangzhe", "wz")
    assert learner.phone_tail == "87654321831"
    assert len(learner.code) == 7


@pytest.mark.parametrize("phone", ["12345", "23812345678", "1381234567x", "138123456789"])
def test_invalid_phone_is_refused_and_nothing_written(store, actor, now, phone):
    with pytest.raises(DomainError) as err, store.write() as s:
        add_learner(s, LearnerInput("李明", phone), actor, now)
    assert err.value.code == "invalid_phone"
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Learner)) == 0
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0


def test_same_name_and_phone_is_the_same_person(store, actor, now):
    with store.write() as s:
        first = add_learner(s, LearnerInput("张伟", "13900001111"), actor, now)
    with pytest.raises(DomainError) as err, store.write() as s:
        add_learner(s, LearnerInput(" 张伟 ", "139-0000-1111"), actor, now)
    assert err.value.code == "duplicate_learner"
    assert err.value.details["learner_id"] == first.id
    with store.write() as s:  # same name, other phone: another person
        add_learner(s, LearnerInput("张伟", "13900002222"), actor, now)


def test_the_import_finds_the_same_people_as_the_learner_dialog(store, actor, now):
    with store.write() as s:
        zhang = add_learner(s, LearnerInput("张伟", "13900001111"), actor, now)
        other = add_learner(s, LearnerInput("张伟", "13900002222"), actor, now)
        add_learner(s, LearnerInput("李娜", "13900003333"), actor, now).anonymised_at = now
        add_learner(s, LearnerInput("王芳"), actor, now)
    asked = [("张伟", "13900001111"), ("张伟", "13900002222"), ("张伟", "13900009999"),
             ("张", "13900001111"), ("李娜", "13900003333"), ("王芳", None), ("王芳", ""),
             *((f"学员{i}", f"137{i:08d}") for i in range(900))]  # several queries' worth
    with store.read() as s:
        one_by_one = {(n, p): found.code for n, p in asked if (found := find_duplicate(s, n, p))}
        bulk = {pair: found.code for pair, found in find_duplicates(s, asked).items()}
    assert bulk == one_by_one == {("张伟", "13900001111"): zhang.code,
                                  ("张伟", "13900002222"): other.code}


def test_edit_into_a_duplicate_is_refused(store, actor, now):
    with store.write() as s:
        add_learner(s, LearnerInput("张伟", "13900001111"), actor, now)
        other = add_learner(s, LearnerInput("张伟", "13900002222"), actor, now)
    with pytest.raises(DomainError, match="duplicate_learner"), store.write() as s:
        update_learner(s, other.id, LearnerInput("张伟", "13900001111"), actor, now)


def test_name_required(store, actor, now):
    with pytest.raises(DomainError, match="name_required"), store.write() as s:
        add_learner(s, LearnerInput("   "), actor, now)


def test_weekly_pattern_makes_lessons_in_school_time(store, actor, now):
    pattern = WeeklyPattern(dt.date(2026, 12, 1), frozenset({1, 3}), dt.time(19), dt.time(21), 8)
    with store.write() as s:
        course = _course(s, actor, now)
        created = generate_lessons(s, course.id, pattern, SHENZHEN, actor, now)
        again = generate_lessons(s, course.id, pattern, SHENZHEN, actor, now)
    assert len(created) == 16 and again == []
    first = created[0]
    assert first.starts_at == dt.datetime(2026, 12, 1, 11, 0, tzinfo=dt.UTC)
    assert {lesson.starts_at.astimezone(SHENZHEN).weekday() for lesson in created} == {1, 3}


def test_lesson_that_ends_before_it_starts_is_refused(store, actor, now):
    with store.write() as s:
        course = _course(s, actor, now)
    start = dt.datetime(2026, 12, 1, 11, tzinfo=dt.UTC)
    with pytest.raises(DomainError, match="lesson_ends_before_start"), store.write() as s:
        add_lesson(s, course.id, start, start - dt.timedelta(hours=1), actor, now)
    with store.read() as s:
        assert lessons_of(s, course.id) == []


def test_inclusive_fee_fixed_at_enrollment(store, actor, now):
    with store.write() as s:
        course = _course(s, actor, now, fee_tier=FeeTier.INCLUSIVE, market_price_fen=99_900)
        learner = add_learner(s, LearnerInput("周杰", "13600000000"), actor, now)
        result = enroll(s, learner.id, course.id, 30, actor, now)
    assert result.fee_due_fen == 30_000  # ¥999 × 30% = ¥299.70 → ¥300
    data = CourseInput("AI+营销获客", FeeTier.INCLUSIVE, 2, market_price_fen=200_000)
    with store.write() as s:
        update_course(s, course.id, data, actor, now)
    with store.read() as s:
        assert course_enrollments(s, course.id)[0].fee_due_fen == 30_000


def test_full_course_waitlists_in_order_and_withdrawal_promotes_first(store, actor, now):
    with store.write() as s:
        course = _course(s, actor, now, capacity=1)
        people = [add_learner(s, LearnerInput(n), actor, now) for n in ("甲一", "乙二", "丙三")]
        results = [
            enroll(s, p.id, course.id, 30, actor, now + dt.timedelta(seconds=i))
            for i, p in enumerate(people)
        ]
    assert [r.status for r in results] == [
        EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED, EnrollmentStatus.WAITLISTED]
    assert [r.waitlist_position for r in results] == [None, 1, 2]
    with store.write() as s:
        moved = withdraw(s, results[0].enrollment_id, actor, now)
    assert moved.promoted is not None and moved.promoted.learner_name == "乙二"
    with store.read() as s:
        rows = course_enrollments(s, course.id)
    assert [(r.learner_name, r.status, r.waitlist_position) for r in rows] == [
        ("乙二", EnrollmentStatus.ENROLLED, None),
        ("丙三", EnrollmentStatus.WAITLISTED, 1),
        ("甲一", EnrollmentStatus.WITHDRAWN, None),
    ]


def test_growing_capacity_promotes_waiting_learners(store, actor, now):
    with store.write() as s:
        course = _course(s, actor, now, capacity=1)
        for name in ("甲一", "乙二", "丙三"):
            enroll(s, add_learner(s, LearnerInput(name), actor, now).id, course.id, 30, actor, now)
    with store.write() as s:
        _, promoted = update_course(s, course.id, CourseInput("AI+营销获客", FeeTier.FREE, 3),
                                    actor, now)
    assert len(promoted) == 2


def test_enrolling_twice_is_refused(store, actor, now):
    with store.write() as s:
        course = _course(s, actor, now)
        learner = add_learner(s, LearnerInput("甲一"), actor, now)
        enroll(s, learner.id, course.id, 30, actor, now)
    with pytest.raises(DomainError, match="already_enrolled"), store.write() as s:
        enroll(s, learner.id, course.id, 30, actor, now)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("capacity", 0, "capacity_invalid"),
        ("title", " ", "title_required"),
        ("completion_threshold_pct", 0, "threshold_invalid"),
        ("market_price_fen", -1, "price_negative"),
    ],
)
def test_course_validation(store, actor, now, field, value, code):
    data = {"title": "AI+图片设计", "fee_tier": FeeTier.FREE, "capacity": 30, field: value}
    with pytest.raises(DomainError) as err, store.write() as s:
        add_course(s, CourseInput(**data), actor, now)
    assert err.value.code == code


def test_inclusive_course_needs_a_price(store, actor, now):
    with pytest.raises(DomainError, match="inclusive_needs_price"), store.write() as s:
        add_course(s, CourseInput("AI+珠宝设计", FeeTier.INCLUSIVE, 30), actor, now)


def test_a_store_is_empty_until_its_first_learner_or_course(store, actor, now):
    from frontdesk.roster.courses import school_is_empty

    with store.read() as s:
        assert school_is_empty(s)
    with store.write() as s:
        _course(s, actor, now)
    with store.read() as s:
        assert not school_is_empty(s)
