"""No-shows, the waiting-list rule for repeat no-shows, and standby seats.

A small school of its own: S 短视频直播 is free and full (capacity 2: A and
B), with C, D and E waiting in that order; its lesson tonight (Tuesday 1
December) runs 19:00–21:00. F AI+珠宝设计 is free: C missed two of its
November lessons and D was excused from one. G AI+营销获客 is inclusive:
D missed a lesson there (not a no-show: it is not a free seat).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from frontdesk.checkin.attendance import close_lesson, mark_excused, record_paper_checkins
from frontdesk.checkin.scan import Outcome, check_in_learner
from frontdesk.checkin.standby import StandbyState, seat_standby, standby_offer
from frontdesk.errors import DomainError
from frontdesk.reports.attendance_grid import lesson_sheet
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.roster.no_shows import (
    AttendanceRules,
    clear_course_rules,
    no_shows,
    rules_for,
    save_rules,
    waitlist_order,
)
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, AuditEvent
from frontdesk.vocab import AttendanceStatus, CheckInMethod, FeeTier, StaffRole
from tests.domain.report_fixtures import ACTOR, TZ, local

NAMES = ("王喆", "李娜", "阿依古丽·买买提", "张伟", "陈思远")
STANDBY = AttendanceRules(standby_after_min=15)


@dataclass(frozen=True)
class Town:
    a: int
    b: int
    c: int
    d: int
    e: int
    s: int
    tonight: int
    f: int
    g: int


@pytest.fixture
def town(store: Store) -> Town:
    setup = local(10, 20, 10)
    with store.write() as s:
        a, b, c, d, e = (add_learner(s, LearnerInput(n, f"1381234567{i}"), ACTOR, setup).id
                         for i, n in enumerate(NAMES))
        course_s = add_course(s, CourseInput("短视频直播", FeeTier.FREE, capacity=2, code="S"),
                              ACTOR, setup).id
        course_f = add_course(s, CourseInput("AI+珠宝设计", FeeTier.FREE, capacity=9, code="F"),
                              ACTOR, setup).id
        course_g = add_course(s, CourseInput("AI+营销获客", FeeTier.INCLUSIVE, capacity=9,
                                             market_price_fen=100_000, code="G"), ACTOR, setup).id
        for who in (a, b, c, d, e):
            enroll(s, who, course_s, 30, ACTOR, setup + dt.timedelta(minutes=who))
        for who in (c, d):
            enroll(s, who, course_f, 30, ACTOR, setup)
        enroll(s, d, course_g, 30, ACTOR, setup)
        tonight = add_lesson(s, course_s, local(12, 1, 19), local(12, 1, 21), ACTOR, setup).id
        f_lessons = [add_lesson(s, course_f, local(11, day, 19), local(11, day, 21), ACTOR,
                                setup).id for day in (7, 14)]
        g_lesson = add_lesson(s, course_g, local(11, 10, 19), local(11, 10, 21), ACTOR, setup).id
        mark_excused(s, d, f_lessons[1], ACTOR, local(11, 13, 9))
        record_paper_checkins(s, f_lessons[0], [(d, local(11, 7, 19))], ACTOR, local(11, 7, 22))
        for lesson_id in (*f_lessons, g_lesson):
            close_lesson(s, lesson_id, ACTOR, local(12, 1, 9))
    return Town(a, b, c, d, e, course_s, tonight, course_f, course_g)


def _attendance_rows(store: Store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(Attendance)) or 0


def _rules(store: Store, rules: AttendanceRules, course_id: int | None) -> None:
    with store.write() as s:
        save_rules(s, rules, ACTOR, local(12, 1, 9), course_id=course_id)


def _refused(store: Store, lesson_id: int, learner_id: int, at: dt.datetime) -> str:
    before = _attendance_rows(store)
    with pytest.raises(DomainError) as refused, store.write() as s:
        seat_standby(s, lesson_id, learner_id, ACTOR, at)
    assert _attendance_rows(store) == before
    return refused.value.code


def test_no_shows_count_absences_from_free_courses_only(store: Store, town: Town) -> None:
    with store.read() as s:
        rows = no_shows(s, local(11, 1, 0))
        none_yet = no_shows(s, local(11, 15, 0))
        twice = no_shows(s, local(11, 1, 0), min_count=2, full_phone=True)
    # C missed both F lessons; D came once, was excused once, and missed G (inclusive).
    assert [(r.learner_name, r.no_shows, r.courses, r.phone) for r in rows] == [
        ("阿依古丽·买买提", 2, 1, "138****5672")]
    assert none_yet == []
    assert [(r.learner_name, r.phone, r.last_missed_at) for r in twice] == [
        ("阿依古丽·买买提", "13812345672", local(11, 14, 19))]


def test_repeat_no_shows_wait_behind_the_others_when_the_course_says_so(
        store: Store, town: Town) -> None:
    with store.read() as s:
        plain = waitlist_order(s, town.s, at=local(12, 1, 9))
    assert [(w.position, w.learner_name, w.no_shows, w.demoted) for w in plain] == [
        (1, "阿依古丽·买买提", 2, False), (2, "张伟", 0, False), (3, "陈思远", 0, False)]
    _rules(store, AttendanceRules(demote_no_shows=True), town.s)
    with store.read() as s:
        demoted = waitlist_order(s, town.s, at=local(12, 1, 9))
        next_summer = waitlist_order(s, town.s, at=local(12, 1, 9) + dt.timedelta(days=200))
        other_course = rules_for(s, town.f)
    assert [(w.position, w.learner_name, w.demoted) for w in demoted] == [
        (1, "张伟", False), (2, "陈思远", False), (3, "阿依古丽·买买提", True)]
    # Outside the 180-day window the November no-shows no longer count.
    assert [w.learner_name for w in next_summer] == ["阿依古丽·买买提", "张伟", "陈思远"]
    assert other_course.demote_no_shows is False


def test_course_rules_override_the_schools_until_cleared(store: Store, town: Town) -> None:
    _rules(store, AttendanceRules(standby_after_min=20, repeat_no_shows=3), None)
    _rules(store, STANDBY, town.s)
    with store.read() as s:
        assert rules_for(s, town.s).standby_after_min == 15
        assert rules_for(s, town.f) == AttendanceRules(standby_after_min=20, repeat_no_shows=3)
    with store.write() as s:
        back = clear_course_rules(s, town.s, ACTOR, local(12, 1, 9))
    assert back.standby_after_min == 20


@pytest.mark.parametrize(("rules", "actor", "code"), [
    (AttendanceRules(standby_after_min=-1), ACTOR, "standby_minutes_invalid"),
    (AttendanceRules(standby_after_min=181), ACTOR, "standby_minutes_invalid"),
    (AttendanceRules(repeat_no_shows=0), ACTOR, "no_show_repeat_invalid"),
    (AttendanceRules(no_show_window_days=0), ACTOR, "no_show_window_invalid"),
    (STANDBY, Actor(desk="前台1", staff_id=None, role=StaffRole.DESK), "role_forbidden"),
])
def test_bad_rules_are_refused_whole(store: Store, town: Town, rules: AttendanceRules,
                                     actor: Actor, code: str) -> None:
    with pytest.raises(DomainError) as refused, store.write() as s:
        save_rules(s, rules, actor, local(12, 1, 9), course_id=town.s)
    assert refused.value.code == code
    with store.read() as s:
        assert rules_for(s, town.s) == AttendanceRules()


def test_standby_is_off_unless_the_course_turns_it_on(store: Store, town: Town) -> None:
    with store.read() as s:
        offer = standby_offer(s, town.tonight, local(12, 1, 19, 30))
    assert (offer.state, offer.opens_at, offer.can_seat) == (StandbyState.OFF, None, False)
    assert _refused(store, town.tonight, town.e, local(12, 1, 19, 30)) == "standby_off"


def test_standby_opens_after_the_set_minutes(store: Store, town: Town) -> None:
    _rules(store, STANDBY, town.s)
    with store.write() as s:
        check_in_learner(s, town.a, local(12, 1, 18, 58), ACTOR)
    with store.read() as s:
        early = standby_offer(s, town.tonight, local(12, 1, 19, 10))
    assert (early.state, early.opens_at) == (StandbyState.TOO_EARLY, local(12, 1, 19, 15))
    assert _refused(store, town.tonight, town.e, local(12, 1, 19, 14)) == "standby_too_early"
    assert _refused(store, town.tonight, town.e, local(12, 1, 21)) == "standby_lesson_over"


def test_seats_of_learners_not_arrived_go_to_waiting_learners_at_the_desk(
        store: Store, town: Town) -> None:
    _rules(store, STANDBY, town.s)
    with store.write() as s:
        check_in_learner(s, town.a, local(12, 1, 18, 58), ACTOR)
        told = check_in_learner(s, town.e, local(12, 1, 19, 12), ACTOR)  # E asks at the desk
    assert told.outcome is Outcome.WAITLISTED
    with store.read() as s:
        offer = standby_offer(s, town.tonight, local(12, 1, 19, 16))
    assert (offer.state, offer.seated, offer.arrived, offer.free_seats) == (
        StandbyState.OPEN, 2, 1, 1)
    assert [n.learner_name for n in offer.not_arrived] == ["李娜"]
    # E came to the desk, so E is offered the seat before C and D who did not.
    assert [(c.learner_name, c.waitlist_position, c.at_desk) for c in offer.candidates] == [
        ("陈思远", 3, True), ("阿依古丽·买买提", 1, False), ("张伟", 2, False)]
    with store.write() as s:
        seat = seat_standby(s, town.tonight, town.e, ACTOR, local(12, 1, 19, 16))
    assert (seat.learner_name, seat.free_seats_left) == ("陈思远", 0)
    with store.read() as s:
        row = s.get(Attendance, seat.attendance_id)
        assert row is not None
        assert (row.status, row.method) == (AttendanceStatus.PRESENT, CheckInMethod.DESK)
        after = standby_offer(s, town.tonight, local(12, 1, 19, 17))
        still_waiting = [w.learner_name for w in waitlist_order(s, town.s)]
        audited = s.scalar(select(func.count()).where(AuditEvent.action == "attendance.standby"))
    assert (after.standby_seated, after.free_seats, after.can_seat) == (1, 0, False)
    assert "陈思远" in still_waiting and audited == 1  # a seat for tonight, not on the course
    assert _refused(store, town.tonight, town.c, local(12, 1, 19, 20)) == "standby_no_seat"
    assert _refused(store, town.tonight, town.e, local(12, 1, 19, 20)) == "already_checked_in"


def test_the_learner_whose_seat_was_lent_keeps_it(store: Store, town: Town) -> None:
    _rules(store, STANDBY, town.s)
    with store.write() as s:
        check_in_learner(s, town.a, local(12, 1, 18, 58), ACTOR)
        seat_standby(s, town.tonight, town.c, ACTOR, local(12, 1, 19, 20))
        late = check_in_learner(s, town.b, local(12, 1, 19, 40), ACTOR)  # B comes after all
    assert late.outcome is Outcome.LATE
    with store.write() as s:
        close_lesson(s, town.tonight, ACTOR, local(12, 1, 21, 5))
    with store.read() as s:
        statuses = dict(s.execute(select(Attendance.learner_id, Attendance.status).where(
            Attendance.lesson_id == town.tonight, Attendance.voided_at.is_(None))).all())
        c_row = [w for w in waitlist_order(s, town.s) if w.learner_id == town.c]
    assert statuses == {town.a: AttendanceStatus.PRESENT, town.c: AttendanceStatus.PRESENT,
                        town.b: AttendanceStatus.LATE}
    assert c_row and c_row[0].position == 1


def test_an_empty_seat_at_close_is_a_no_show(store: Store, town: Town) -> None:
    _rules(store, STANDBY, town.s)
    with store.write() as s:
        check_in_learner(s, town.a, local(12, 1, 18, 58), ACTOR)
        seat_standby(s, town.tonight, town.d, ACTOR, local(12, 1, 19, 20))
        close_lesson(s, town.tonight, ACTOR, local(12, 1, 21, 5))
    with store.read() as s:
        rows = {r.learner_name: r.no_shows for r in no_shows(s, local(12, 1, 0))}
    assert rows == {"李娜": 1}


def test_standby_is_for_full_courses_and_waiting_learners(store: Store, town: Town) -> None:
    _rules(store, STANDBY, town.s)
    assert _refused(store, town.tonight, town.a, local(12, 1, 19, 20)) == "not_waitlisted"
    with store.write() as s:
        course = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=3, code="H"),
                            ACTOR, local(11, 1, 9)).id
        enroll(s, town.a, course, 30, ACTOR, local(11, 1, 9))
        lesson = add_lesson(s, course, local(12, 1, 19), local(12, 1, 21), ACTOR,
                            local(11, 1, 9)).id
        save_rules(s, STANDBY, ACTOR, local(11, 1, 9), course_id=course)
    with store.read() as s:
        offer = standby_offer(s, lesson, local(12, 1, 19, 20))
    assert offer.state is StandbyState.NOT_FULL
    assert _refused(store, lesson, town.b, local(12, 1, 19, 20)) == "standby_not_full"



def test_the_lesson_sheet_lists_standby_learners_after_the_class(store: Store,
                                                                 town: Town) -> None:
    _rules(store, STANDBY, town.s)
    with store.write() as s:
        check_in_learner(s, town.a, local(12, 1, 18, 58), ACTOR)
        seat_standby(s, town.tonight, town.e, ACTOR, local(12, 1, 19, 16))
    with store.read() as s:
        sheet = lesson_sheet(s, town.tonight, TZ)
    assert [(r.name, r.status) for r in sheet.rows] == [
        ("李娜", None), ("王喆", AttendanceStatus.PRESENT),
        ("陈思远（候补补位）", AttendanceStatus.PRESENT)]


def test_a_freed_seat_goes_to_the_first_who_is_not_a_repeat_no_show(
        store: Store, town: Town) -> None:
    from frontdesk.roster.course_lookup import get_course
    from frontdesk.roster.enrollment import course_enrollments, free_seats, withdraw
    from frontdesk.vocab import EnrollmentStatus

    _rules(store, AttendanceRules(demote_no_shows=True), town.s)
    when = local(12, 1, 9)
    with store.write() as s:
        course = get_course(s, town.s)
        seated = [r for r in course_enrollments(s, town.s)
                  if r.status is EnrollmentStatus.ENROLLED]
        assert free_seats(s, course) == 0
        moved = withdraw(s, seated[0].enrollment_id, ACTOR, when)
    # 阿依古丽·买买提 came first but missed two free lessons: 张伟 moves up.
    assert moved.promoted is not None and moved.promoted.learner_name == "张伟"
