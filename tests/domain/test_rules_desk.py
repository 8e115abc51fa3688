"""The desk's rules at the edges: taking money, and checking a card in.

Each test is a case a school would describe. The school is built so that no
id coincides with another: last term's learners, course and enrollments come
first, so a learner's id, an enrollment's id, a lesson's id and a course's id
are never the same number. A rule that looked something up under the wrong
kind of id would find nothing, or someone else's.

Only public functions are called (check_in, enroll_and_check_in, take_payment,
refund, waive, adjust, …), so the tests stand while the scan path is
restructured for speed.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import event, select, text, update

from frontdesk.checkin import actions as checkin_actions
from frontdesk.checkin.attendance import void_attendance
from frontdesk.checkin.scan import (
    CheckInContext,
    CheckInResult,
    OfflineMark,
    Outcome,
    check_in,
    check_in_learner,
    enroll_and_check_in,
    fingerprint,
    loggable,
)
from frontdesk.checkin.tokens import TokenProblem, make_token, reissue_card
from frontdesk.errors import DomainError
from frontdesk.fees.actions import refundable
from frontdesk.fees.balances import Balance, balance
from frontdesk.fees.cashup import close_day
from frontdesk.fees.ledger import Reason, adjust, refund, refundable_fen, take_payment, waive
from frontdesk.fees.ledger import ReasonCode as Why
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    Counter,
    Course,
    Enrollment,
    Learner,
    LedgerEntry,
    Lesson,
    ScanLog,
    Staff,
)
from frontdesk.vocab import (
    AttendanceStatus,
    CheckInMethod,
    EnrollmentStatus,
    FeeTier,
    LedgerKind,
    PaymentMethod,
    StaffRole,
)
from tests.domain.checkin_fixtures import local

ADMIN = Actor(desk="前台2", staff_id=None, role=StaffRole.ADMIN)
DOOR = Actor(desk="东门", staff_id=None)


@contextmanager
def _refused(code: str) -> Iterator[Any]:
    """Refused with exactly this code."""
    with pytest.raises(DomainError) as caught:
        yield caught
    assert caught.value.code == code


@pytest.fixture(autouse=True)
def _fresh_balance_query() -> None:
    """Build the (cached) balance query afresh in each test, so a mutation
    run sees every test here that depends on how it is built."""
    from frontdesk.fees import balances as module

    module._balances_query.cache_clear()


def _last_term(s: Any, now: dt.datetime) -> None:  # a write session
    """Forty learners, a course with thirty lessons and ten enrollments
    from before: every id made afterwards is out of step with the others."""
    old = [add_learner(s, LearnerInput(name=f"往届学员{i}"), ADMIN, now).id for i in range(40)]
    course = add_course(s, CourseInput("往届课程", FeeTier.FREE, capacity=30), ADMIN, now)
    for week in range(30):
        starts = now - dt.timedelta(days=400 - week * 7)
        add_lesson(s, course.id, starts, starts + dt.timedelta(hours=2), ADMIN, now)
    for learner_id in old[:10]:
        enroll(s, learner_id, course.id, 30, ADMIN, now)


# Checking in ---------------------------------------------------------------------


@dataclass(frozen=True)
class Night:
    """Tuesday 2026-12-01 in Shenzhen (the clock reads 19:05 there).

    ===========  ===========================  ==========================================
    course       lessons (local time)         who
    ===========  ===========================  ==========================================
    AI+摄影      17:00–19:00, 19:00–21:00     周杰 (stays for both)
    短视频剪辑    last Tuesday, tonight 19:00   何平, 郑洁 seated (2 seats); 冯雪, 韩梅 wait
    AI+早课      tomorrow 07:00, and 10:00     林涛 (also on 书法)
    书法         next Tuesday 19:00            林涛
    ===========  ===========================  ==========================================
    """

    secret: bytes
    courses: dict[str, int]
    lessons: dict[str, int]
    learners: dict[str, int]
    codes: dict[str, str]
    enrollments: dict[tuple[str, str], int]

    def card(self, name: str) -> str:
        return make_token(self.secret, self.codes[name], 1)


@pytest.fixture
def night(store: Store, now: dt.datetime) -> Night:
    return _build_night(store, now)


def _build_night(store: Store, now: dt.datetime) -> Night:
    with store.write() as s:
        secret = school_secret(s)
        _last_term(s, now)
        names = ["周杰", "郑洁", "何平", "冯雪", "韩梅", "林涛"]  # 郑洁 before 何平
        learners, codes = {}, {}
        for name in names:
            learner = add_learner(s, LearnerInput(name=name), ADMIN, now)
            learners[name], codes[name] = learner.id, learner.code
        spec = {"摄影": ("AI+摄影", FeeTier.FREE, 5, "P101"),
                "剪辑": ("短视频剪辑", FeeTier.FREE, 2, "V202"),
                "早课": ("AI+早课", FeeTier.FREE, 5, "M303"),
                "书法": ("书法", FeeTier.FREE, 5, "S404")}
        courses = {key: add_course(s, CourseInput(title, tier, capacity=cap, room=room),
                                   ADMIN, now).id
                   for key, (title, tier, cap, room) in spec.items()}
        plan = {"摄影早": ("摄影", local(17), local(19)),
                "摄影晚": ("摄影", local(19), local(21)),
                "剪辑上周": ("剪辑", local(19, day=1) - dt.timedelta(days=7),
                          local(21, day=1) - dt.timedelta(days=7)),
                "剪辑": ("剪辑", local(19), local(21)),
                "早课": ("早课", local(7, day=2), local(8, 30, day=2)),
                "早课二": ("早课", local(10, day=2), local(11, 30, day=2)),
                "书法": ("书法", local(19, day=8), local(21, day=8))}
        lessons = {key: add_lesson(s, courses[c], a, b, ADMIN, now).id
                   for key, (c, a, b) in plan.items()}
        seats = [("周杰", "摄影"), ("何平", "剪辑"), ("郑洁", "剪辑"), ("冯雪", "剪辑"),
                 ("韩梅", "剪辑"), ("林涛", "早课"), ("林涛", "书法")]
        enrollments = {(who, c): enroll(s, learners[who], courses[c], 30, ADMIN,
                                        now + dt.timedelta(minutes=i)).enrollment_id
                       for i, (who, c) in enumerate(seats)}
    night = Night(secret, courses, lessons, learners, codes, enrollments)
    ids = [set(courses.values()), set(lessons.values()), set(learners.values()),
           set(enrollments.values())]
    assert sum(len(i) for i in ids) == len(set().union(*ids))
    return night


def _scan(store: Store, text: str, at: dt.datetime, actor: Actor = DOOR,
          **kw: Any) -> CheckInResult:
    with store.write() as s:
        return check_in(s, text, at, actor, **kw)


def _live(store: Store, learner_id: int) -> list[tuple[int, int, dt.datetime]]:
    with store.read() as s:
        return [tuple(r) for r in s.execute(  # type: ignore[misc]
            select(Attendance.id, Attendance.lesson_id, Attendance.at)
            .where(Attendance.learner_id == learner_id, Attendance.voided_at.is_(None))
            .order_by(Attendance.id))]


def test_staying_for_the_next_lesson_that_starts_as_the_first_ends(store: Store,
                                                                   night: Night) -> None:
    """周杰 came to the 17:00 photography lesson; at 18:50 he scans again for
    the 19:00 one (which opens at 18:15): he is checked in to it, not told
    he is already in (the two lessons touch but do not overlap)."""
    first = _scan(store, night.card("周杰"), local(17, 2))
    assert first.outcome is Outcome.CHECKED_IN
    assert first.lesson is not None and first.lesson.lesson_id == night.lessons["摄影早"]
    second = _scan(store, night.card("周杰"), local(18, 50))
    assert second.outcome is Outcome.CHECKED_IN
    assert second.lesson is not None and second.lesson.lesson_id == night.lessons["摄影晚"]
    assert [r[1] for r in _live(store, night.learners["周杰"])] == [
        night.lessons["摄影早"], night.lessons["摄影晚"]]


def test_in_early_for_the_evening_lesson_then_back_to_the_afternoon_one(store: Store,
                                                                        night: Night) -> None:
    """周杰 checked in at 18:20 for the 19:00 photography lesson (chosen from
    the two open then; the choice sent twice is "already in"). At 18:40 he
    scans again: the 17:00 lesson, which ends as the evening one starts,
    still takes him (late)."""
    choose = _scan(store, night.card("周杰"), local(18, 20))
    assert choose.outcome is Outcome.CHOOSE_LESSON
    assert [c.lesson_id for c in choose.candidates] == [night.lessons["摄影早"],
                                                        night.lessons["摄影晚"]]
    with store.read() as s:
        [log] = s.scalars(select(ScanLog)).all()
    assert (log.outcome, log.raw) == ("choose_lesson", night.card("周杰"))
    early = _scan(store, night.card("周杰"), local(18, 20),
                  choose_lesson_id=night.lessons["摄影晚"])
    assert early.outcome is Outcome.CHECKED_IN
    twice = _scan(store, night.card("周杰"), local(18, 21),  # the choice sent again
                  choose_lesson_id=night.lessons["摄影晚"])
    assert (twice.outcome, twice.attendance_id, twice.at) == (
        Outcome.ALREADY_CHECKED_IN, early.attendance_id, local(18, 20))
    assert twice.lesson is not None and twice.lesson.lesson_id == night.lessons["摄影晚"]
    assert twice.enrollment_id == night.enrollments[("周杰", "摄影")]
    with store.read() as s:
        last = s.scalars(select(ScanLog).order_by(ScanLog.id.desc())).first()
    assert last is not None and (last.outcome, last.raw) == (
        "already_checked_in", night.card("周杰"))
    back = _scan(store, night.card("周杰"), local(18, 40))
    assert (back.outcome, back.minutes_late) == (Outcome.LATE, 100)
    assert back.lesson is not None and back.lesson.lesson_id == night.lessons["摄影早"]

def test_another_desk_checking_in_first_gives_its_own_time(store: Store, night: Night) -> None:
    """何平 was at last week's lesson, 郑洁 is already in tonight, and a
    mistaken check-in of 何平 was voided. Another desk records 何平 just
    before this one writes: this desk says "already checked in" with the
    other desk's row and time, not last week's, 郑洁's or the voided one."""
    hp = night.learners["何平"]
    _scan(store, night.card("何平"), local(19, 10, day=1) - dt.timedelta(days=7))
    _scan(store, night.card("郑洁"), local(19, 2))
    mistaken = _scan(store, night.card("何平"), local(19, 3))
    with store.write() as s:
        void_attendance(s, mistaken.attendance_id or 0, "扫错了人", ADMIN, local(19, 4))
    rival_at = local(19, 6)
    fired: list[int] = []

    def other_desk_first(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        # The other desk's row lands after this desk looked, before it writes.
        head = statement.lstrip().upper()
        if fired or not head.startswith(("SAVEPOINT", "INSERT INTO ATTENDANCE")):
            return
        raw = cursor.connection
        raw.execute(
            "INSERT INTO attendance (lesson_id, learner_id, enrollment_id, status, method, at,"
            " recorded_at, desk) VALUES (?, ?, ?, 'present', 'scanner', ?, ?, '西门')",
            (night.lessons["剪辑"], hp, night.enrollments[("何平", "剪辑")],
             rival_at.strftime("%Y-%m-%d %H:%M:%S.%f"), rival_at.strftime("%Y-%m-%d %H:%M:%S.%f")))
        fired.append(raw.execute("SELECT last_insert_rowid()").fetchone()[0])

    engine = store.engine
    event.listen(engine, "before_cursor_execute", other_desk_first)
    try:
        result = _scan(store, night.card("何平"), local(19, 7))
    finally:
        event.remove(engine, "before_cursor_execute", other_desk_first)
    assert fired
    assert result.outcome is Outcome.ALREADY_CHECKED_IN
    assert (result.attendance_id, result.at) == (fired[0], rival_at)
    assert [r[0] for r in _live(store, hp)][-1] == fired[0]
    with store.read() as s:  # the scan is logged as read, as any other "already"
        last = s.scalars(select(ScanLog).order_by(ScanLog.id.desc())).first()
    assert last is not None
    assert (last.outcome, last.raw, last.learner_id) == (
        "already_checked_in", night.card("何平"), hp)


def test_a_learner_with_no_lesson_left_is_told_there_is_none(store: Store, night: Night,
                                                             now: dt.datetime) -> None:
    """郑洁's course has no lesson after tonight: at 21:30 there is no lesson
    now, and no next one to name."""
    result = _scan(store, night.card("郑洁"), local(21, 30))
    assert result.outcome is Outcome.NO_LESSON_NOW
    assert result.lesson is None
    assert checkin_actions.next_lesson(store, DOOR, night.learners["郑洁"], local(21, 30)) is None
    soon = checkin_actions.next_lesson(store, DOOR, night.learners["林涛"], local(21, 30))
    assert soon is not None and soon.lesson_id == night.lessons["早课"]


def test_a_door_desk_sends_on_only_a_learner_with_a_lesson_tonight(store: Store,
                                                                   night: Night) -> None:
    """The photography door desk: 林涛's lessons are tomorrow morning and next
    week, neither tonight, so he is told there is no lesson now (the next is
    tomorrow at 07:00), not sent to another room."""
    result = _scan(store, night.card("林涛"), local(19, 5),
                   desk_lesson_id=night.lessons["摄影晚"])
    assert result.outcome is Outcome.NO_LESSON_NOW
    assert result.lesson is not None and result.lesson.lesson_id == night.lessons["早课"]


def test_next_morning_a_desk_sends_a_learner_on_to_that_days_lesson(store: Store,
                                                                    night: Night) -> None:
    """At 06:00 the next morning (still the day before in UTC) a desk left
    pinned to last night's 短视频剪辑 lesson sees 林涛: his 07:00 lesson is
    that day's, not open yet, so he is sent on to it."""
    result = _scan(store, night.card("林涛"), local(6, 0, day=2),
                   desk_lesson_id=night.lessons["剪辑"])
    assert result.outcome is Outcome.OTHER_COURSE_TONIGHT
    assert result.lesson is not None and result.lesson.lesson_id == night.lessons["早课"]
    assert result.lesson.starts_at == local(7, day=2)


def test_waiting_learners_are_told_their_place_in_the_queue(store: Store, night: Night) -> None:
    """冯雪 and 韩梅 wait for 短视频剪辑 (two seats, both taken), in the order
    they asked: first and second, and no seat is free."""
    first = _scan(store, night.card("冯雪"), local(19, 5))
    second = _scan(store, night.card("韩梅"), local(19, 6))
    assert (first.outcome, second.outcome) == (Outcome.WAITLISTED, Outcome.WAITLISTED)
    assert (first.waitlist_position, second.waitlist_position) == (1, 2)
    assert not first.can_enroll_now and not second.can_enroll_now
    assert first.enrollment_id == night.enrollments[("冯雪", "剪辑")]
    assert first.lesson is not None and first.lesson.lesson_id == night.lessons["剪辑"]


def test_a_door_desk_offers_a_place_only_for_its_own_lesson(store: Store, night: Night) -> None:
    """冯雪 waits for 短视频剪辑. At its door she is told she is first in the
    queue; at the photography door, that there is no lesson for her now."""
    here = _scan(store, night.card("冯雪"), local(19, 5), desk_lesson_id=night.lessons["剪辑"])
    there = _scan(store, night.card("冯雪"), local(19, 6),
                  desk_lesson_id=night.lessons["摄影晚"])
    assert (here.outcome, here.waitlist_position) == (Outcome.WAITLISTED, 1)
    assert (there.outcome, there.lesson) == (Outcome.NO_LESSON_NOW, None)

def test_seating_from_the_queue_for_a_lesson_no_longer_there_is_refused(
        store: Store, night: Night) -> None:
    missing = max(night.lessons.values()) + 1000
    with store.write() as s, _refused("lesson_not_found") as refused:
        enroll_and_check_in(s, night.learners["冯雪"], missing, local(19, 6), DOOR)
    assert refused.value.details == {"lesson_id": missing}
    with store.read() as s:
        e = s.get(Enrollment, night.enrollments[("冯雪", "剪辑")])
        assert e is not None and e.status is EnrollmentStatus.WAITLISTED


def test_a_waiting_learner_seated_when_a_place_frees_up(store: Store, night: Night) -> None:
    """冯雪 also sits on AI+摄影 (asked for it after joining the queue for
    短视频剪辑). A third place opens on 短视频剪辑; at 19:06, her card just
    scanned, the desk seats her from the queue and checks her in to
    tonight's 短视频剪辑 lesson. At 17:10, before it opened, that was refused
    whole: she was not checked in to the photography lesson on then. Her
    place there dates from 19:06, her photography seat is untouched, and the
    trail says she was moved up at the desk."""
    with store.write() as s:
        photo = enroll(s, night.learners["冯雪"], night.courses["摄影"], 30, ADMIN,
                       local(18)).enrollment_id
        course = s.get(Course, night.courses["剪辑"])
        assert course is not None
        course.capacity = 3
    with _refused("lesson_not_open") as not_open, store.write() as s:  # rolled back whole
        enroll_and_check_in(s, night.learners["冯雪"], night.lessons["剪辑"], local(17, 10),
                            DOOR)
    assert not_open.value.details == {"course_title": "短视频剪辑"}
    assert _live(store, night.learners["冯雪"]) == []  # not sent to photography instead
    with store.write() as s:
        done = enroll_and_check_in(s, night.learners["冯雪"], night.lessons["剪辑"],
                                   local(19, 6), DOOR, method=CheckInMethod.SCANNER)
    assert (done.outcome, done.method) == (Outcome.CHECKED_IN, CheckInMethod.SCANNER)
    assert done.lesson is not None and done.lesson.lesson_id == night.lessons["剪辑"]
    assert done.enrollment_id == night.enrollments[("冯雪", "剪辑")]
    assert [r[1] for r in _live(store, night.learners["冯雪"])] == [night.lessons["剪辑"]]
    with store.read() as s:
        seat = s.get(Enrollment, night.enrollments[("冯雪", "剪辑")])
        other = s.get(Enrollment, photo)
        assert seat is not None and other is not None
        assert (seat.status, seat.enrolled_at) == (EnrollmentStatus.ENROLLED, local(19, 6))
        assert other.status is EnrollmentStatus.ENROLLED and other.enrolled_at != local(19, 6)
        [moved] = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "enrollment.promote")).all()
        assert (moved.entity, moved.entity_id, moved.learner_id, moved.desk, moved.at) == (
            "enrollment", seat.id, night.learners["冯雪"], "东门", local(19, 6))
        assert json.loads(moved.before or "null") == {"status": "waitlisted"}
        assert json.loads(moved.after or "null") == {"status": "enrolled", "via": "checkin"}
        row = s.get(Attendance, done.attendance_id)
        assert row is not None and row.method is CheckInMethod.SCANNER


def test_seating_from_the_queue_is_refused_naming_the_course(store: Store,
                                                             night: Night) -> None:
    """何平 already has his seat on 短视频剪辑: he is not waiting. 冯雪 waits,
    but both places are taken. Each refusal names the course (and the
    places it has), and nothing is written."""
    with store.write() as s, _refused("not_waitlisted") as seated:
        enroll_and_check_in(s, night.learners["何平"], night.lessons["剪辑"], local(19, 6), DOOR)
    assert seated.value.details == {"course_title": "短视频剪辑"}
    with store.write() as s, _refused("no_free_seat") as full:
        enroll_and_check_in(s, night.learners["冯雪"], night.lessons["剪辑"], local(19, 6), DOOR)
    assert full.value.details == {"course_title": "短视频剪辑", "capacity": 2}
    with store.read() as s:
        e = s.get(Enrollment, night.enrollments[("冯雪", "剪辑")])
        assert e is not None and e.status is EnrollmentStatus.WAITLISTED
        assert s.scalars(select(AuditEvent).where(
            AuditEvent.action == "enrollment.promote")).all() == []
    assert _live(store, night.learners["冯雪"]) == []
    assert _live(store, night.learners["何平"]) == []


def test_an_outbox_upload_retried_after_its_check_in_was_voided(store: Store,
                                                                night: Night) -> None:
    """A desk's offline scan of 郑洁 was uploaded, then voided (wrong person).
    The same scan uploaded again records nothing more and does not crash."""
    mark = OfflineMark("desk3-0007", local(19, 30))
    first = _scan(store, night.card("郑洁"), local(19, 5), offline=mark)
    assert first.outcome is Outcome.CHECKED_IN and first.offline
    with store.write() as s:
        void_attendance(s, first.attendance_id or 0, "认错人", ADMIN, local(19, 31))
    again = _scan(store, night.card("郑洁"), local(19, 5), offline=mark)
    assert not again.recorded
    assert _live(store, night.learners["郑洁"]) == []


def test_a_learner_found_by_name_is_checked_in_like_a_scan(store: Store, night: Night) -> None:
    with store.write() as s:
        result = check_in_learner(s, night.learners["何平"], local(19, 25), DOOR)
    assert result.outcome is Outcome.LATE and result.minutes_late == 25
    assert result.status is AttendanceStatus.LATE
    assert result.enrollment_id == night.enrollments[("何平", "剪辑")]
    with store.read() as s:
        row = s.get(Attendance, result.attendance_id)
        lesson = s.get(Lesson, night.lessons["剪辑"])
    assert row is not None and lesson is not None
    assert (row.lesson_id, row.enrollment_id) == (lesson.id, result.enrollment_id)



def test_a_door_desk_sends_on_a_learner_whose_lesson_has_begun(store: Store,
                                                               night: Night) -> None:
    """The photography door desk at 19:05: 何平's 短视频剪辑 lesson began at
    19:00 in V202. He is sent there, not told there is no lesson now; by
    name at the same desk, the same."""
    by_card = _scan(store, night.card("何平"), local(19, 5), desk_lesson_id=night.lessons["摄影晚"])
    with store.write() as s:
        by_name = check_in_learner(s, night.learners["何平"], local(19, 5), DOOR,
                                   desk_lesson_id=night.lessons["摄影晚"])
    for result in (by_card, by_name):
        assert result.outcome is Outcome.OTHER_COURSE_TONIGHT
        assert result.lesson is not None and result.lesson.lesson_id == night.lessons["剪辑"]
        assert result.lesson.room == "V202"
    assert _live(store, night.learners["何平"]) == []


def test_a_second_scan_names_the_seat_it_was_recorded_on(store: Store, night: Night) -> None:
    first = _scan(store, night.card("郑洁"), local(19, 2))
    again = _scan(store, night.card("郑洁"), local(19, 9))
    assert again.outcome is Outcome.ALREADY_CHECKED_IN
    assert (again.attendance_id, again.at) == (first.attendance_id, local(19, 2))
    assert again.enrollment_id == night.enrollments[("郑洁", "剪辑")]
    assert (first.card_version, again.card_version) == (1, 1)  # the card scanned
    with store.read() as s:
        [log] = s.scalars(select(ScanLog)).all()
    assert (log.outcome, log.raw) == ("already_checked_in", night.card("郑洁"))


def test_yesterdays_paper_sheet_typed_in_by_name(store: Store, night: Night) -> None:
    """郑洁 signed last night's paper sheet; the next morning the desk enters
    her by name with the reason. A time after the clock is refused."""
    with store.write() as s:
        result = check_in_learner(s, night.learners["郑洁"], local(19, 3), DOOR,
                                  now=local(9, day=2), late_reason="纸质签到表")
    assert result.outcome is Outcome.CHECKED_IN
    assert (result.late_entry_reason, result.method) == ("纸质签到表", CheckInMethod.MANUAL)
    with store.read() as s:
        row = s.get(Attendance, result.attendance_id)
        assert row is not None
        assert (row.at, row.recorded_at, row.late_entry_reason) == (
            local(19, 3), local(9, day=2), "纸质签到表")
    with store.write() as s, _refused("checkin_in_future"):
        check_in_learner(s, night.learners["何平"], local(20, 30), DOOR, now=local(19, 2))
    with store.read() as s:
        [entered] = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "attendance.late_entry")).all()
    assert (entered.entity_id, entered.learner_id) == (result.attendance_id,
                                                      night.learners["郑洁"])
    assert json.loads(entered.after or "null") == {
        "lesson_id": night.lessons["剪辑"], "status": "present", "method": "manual",
        "arrived_at": local(19, 3).isoformat(), "reason": "纸质签到表"}


def test_a_late_entry_without_a_reason_names_the_lessons_day_in_shenzhen(
        store: Store, night: Night) -> None:
    """林涛's 07:00 lesson on Wednesday is 23:00 on Tuesday in UTC. Typed in
    at 09:00 without a reason, the refusal names Wednesday's date."""
    with store.write() as s, _refused("late_entry_reason_required") as refused:
        check_in_learner(s, night.learners["林涛"], local(7, 5, day=2), DOOR,
                         now=local(9, day=2))
    assert refused.value.details == {"lesson": "2026-12-02"}


def test_an_outbox_upload_in_the_trail(store: Store, night: Night) -> None:
    """郑洁 was scanned at 19:05 while the desk was cut off; the upload at
    19:30 is in the trail with when she came and the desk's id for it."""
    result = _scan(store, night.card("郑洁"), local(19, 5),
                   offline=OfflineMark("desk3-0007", local(19, 30)))
    with store.read() as s:
        [event] = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "attendance.checkin")).all()
    assert (event.entity, event.entity_id, event.learner_id, event.at) == (
        "attendance", result.attendance_id, night.learners["郑洁"], local(19, 30))
    assert json.loads(event.after or "null") == {
        "lesson_id": night.lessons["剪辑"], "status": "present", "method": "scanner",
        "arrived_at": local(19, 5).isoformat(), "offline_id": "desk3-0007"}


def test_what_the_scan_log_keeps_of_each_refusal(store: Store, night: Night) -> None:
    """A learner's own card is kept as read (it names no one); a certificate,
    as its fingerprint, logged as a certificate; a name typed in as the
    learner's code, an unknown id as "#id"; and a manual answer says it
    was manual."""
    _scan(store, night.card("冯雪"), local(19, 5))  # waiting
    _scan(store, "C1ABCDEF234567", local(19, 6))  # a certificate's code
    missing = max(night.learners.values()) + 1000
    with store.write() as s:
        nobody = check_in_learner(s, missing, local(19, 7), DOOR)
        no_lesson = check_in_learner(s, night.learners["林涛"], local(19, 8), DOOR)
    assert (nobody.outcome, nobody.method, nobody.scan) == (
        Outcome.UNKNOWN_LEARNER, CheckInMethod.MANUAL, "")
    assert (no_lesson.outcome, no_lesson.scan) == (Outcome.NO_LESSON_NOW, "")
    with store.read() as s:
        logs = [(r.outcome, r.raw) for r in s.scalars(select(ScanLog).order_by(ScanLog.id))]
    assert logs == [
        ("waitlisted", night.card("冯雪")),
        ("certificate", fingerprint(night.secret, "C1ABCDEF234567")),
        ("unknown_learner", f"#{missing}"),
        ("no_lesson_now", night.codes["林涛"]),
    ]



def test_a_card_newer_than_the_store_is_told_and_logged_as_read(store: Store,
                                                                night: Night) -> None:
    """A store put back from a backup older than 周杰's replacement card: the
    card (version 2) is genuine but the store knows only his first. The desk
    is told it does not know the learner, with the card as read and the way
    it was read (the phone camera), and the log keeps the card as read."""
    card = make_token(night.secret, night.codes["周杰"], 2)
    result = _scan(store, card, local(19, 5), method=CheckInMethod.CAMERA)
    assert (result.outcome, result.scan, result.method) == (
        Outcome.UNKNOWN_LEARNER, card, CheckInMethod.CAMERA)
    assert (result.learner_code, result.card_version, result.learner_id) == (
        night.codes["周杰"], 2, None)
    with store.read() as s:
        [log] = s.scalars(select(ScanLog)).all()
    assert (log.outcome, log.raw, log.desk, log.learner_id) == (
        "unknown_learner", card, "东门", None)
    assert _live(store, night.learners["周杰"]) == []


def test_a_card_replaced_after_midnight_is_told_and_logged_as_read(store: Store,
                                                              night: Night) -> None:
    """周杰 lost his card and was given a new one at the all-night study room,
    half past midnight on Tuesday in Shenzhen (still Monday in UTC); the old
    card turns up at the door that evening. The desk is told the card was
    replaced, and on which day in Shenzhen, and the log keeps the old card as
    read."""
    after_midnight = local(0, 30)  # 16:30 UTC on Monday 30 November
    assert after_midnight.date() == dt.date(2026, 11, 30)
    with store.write() as s:
        reissue_card(s, night.learners["周杰"], ADMIN, after_midnight)
    old = night.card("周杰")
    result = _scan(store, old, local(19, 5))
    assert (result.outcome, result.scan, result.learner_id, result.card_version) == (
        Outcome.CARD_REPLACED, old, night.learners["周杰"], 1)
    assert (result.replaced_at, result.replaced_on) == (after_midnight, dt.date(2026, 12, 1))
    with store.read() as s:
        [log] = s.scalars(select(ScanLog)).all()
    assert (log.outcome, log.raw, log.learner_id) == (
        "card_replaced", old, night.learners["周杰"])
    assert _live(store, night.learners["周杰"]) == []


def test_a_card_replaced_with_no_date_kept_is_still_told(store: Store, night: Night) -> None:
    """A learner row that says 周杰 has a second card but not when it was made
    (edited outside FrontDesk): his first card is still told as replaced, with
    no day to give, and nothing is recorded."""
    with store.write() as s:
        s.execute(update(Learner).where(Learner.id == night.learners["周杰"])
                  .values(card_version=2, card_replaced_at=None))
    result = _scan(store, night.card("周杰"), local(19, 5))
    assert (result.outcome, result.card_version) == (Outcome.CARD_REPLACED, 1)
    assert (result.replaced_at, result.replaced_on) == (None, None)
    assert _live(store, night.learners["周杰"]) == []


def test_an_arrival_typed_for_a_time_still_to_come_is_refused_in_shenzhen_time(
        store: Store, night: Night) -> None:
    """At 19:05 a clerk types 周杰's arrival from the paper sheet as 21:00 (a
    slip for 19:00): refused, naming the time as the school's clock reads
    it, and nothing is written."""
    with _refused("checkin_in_future") as refused:
        _scan(store, night.card("周杰"), local(21), now=local(19, 5),
              method=CheckInMethod.PAPER)
    assert refused.value.details == {"at": "2026-12-01 21:00"}
    assert _live(store, night.learners["周杰"]) == []


def test_a_check_in_in_the_trail_names_the_learner_and_the_row(store: Store,
                                                               night: Night) -> None:
    result = _scan(store, night.card("郑洁"), local(19, 2))
    with store.read() as s:
        [event] = s.scalars(select(AuditEvent).where(
            AuditEvent.action == "attendance.checkin")).all()
    assert (event.entity, event.entity_id, event.learner_id, event.desk, event.at) == (
        "attendance", result.attendance_id, night.learners["郑洁"], "东门", local(19, 2))
    assert json.loads(event.after or "null") == {
        "lesson_id": night.lessons["剪辑"], "status": "present", "method": "scanner"}


def test_a_desk_with_a_long_name_is_logged_by_its_first_32_characters(store: Store,
                                                                       night: Night) -> None:
    desk = "二楼" + "东侧临时前台" * 6  # 38 characters
    _scan(store, night.card("冯雪"), local(19, 5), Actor(desk=desk))
    with store.read() as s:
        [log] = s.scalars(select(ScanLog)).all()
    assert (log.desk, log.outcome) == (desk[:32], "waitlisted")

def test_a_scan_that_is_not_text_is_an_empty_scan(store: Store, night: Night) -> None:
    """A confused caller hands over bytes, not text: refused as an empty
    scan, never as someone's code."""
    result = _scan(store, night.card("郑洁").encode(), local(19, 5))
    assert (result.outcome, result.problem, result.scan) == (
        Outcome.NOT_OUR_CODE, TokenProblem.EMPTY, "")
    assert _live(store, night.learners["郑洁"]) == []

def test_an_outbox_upload_the_morning_after_is_a_late_entry_for_the_outage(
        store: Store, night: Night) -> None:
    """郑洁 was scanned at 19:05 while the desk was cut off; its outbox reached
    the store only at 09:00 the next morning, the lesson long over. She is
    checked in as of 19:05, recorded at 09:00, the desk's outage the reason."""
    result = _scan(store, night.card("郑洁"), local(19, 5),
                   offline=OfflineMark("desk3-0008", local(9, day=2)))
    assert (result.outcome, result.late_entry_reason) == (Outcome.CHECKED_IN, "desk_outage")
    with store.read() as s:
        row = s.get(Attendance, result.attendance_id)
        assert row is not None
        assert (row.at, row.recorded_at, row.late_entry_reason) == (
            local(19, 5), local(9, day=2), "desk_outage")


def test_a_long_foreign_code_from_the_camera(store: Store, night: Night) -> None:
    """A shop's QR code held up to the desk camera: refused as not ours; the
    window shows its first 64 characters and that the camera read it."""
    text = "HTTPS://SHOP.EXAMPLE.COM/" + "A" * 80
    result = _scan(store, text, local(19, 5), method=CheckInMethod.CAMERA)
    assert (result.outcome, result.method) == (Outcome.NOT_OUR_CODE, CheckInMethod.CAMERA)
    assert result.scan == text[:64]

@pytest.mark.parametrize(("raw", "kept"), [
    ("C1ABCDEF234567", "C1…#1ba18b649433/14"),
    ("王芳的证书", "…#949f0dd0d3e4/5"),
    ('{"name": "王芳"}', "…#24fe47d704de/14"),
    ("C1-9", "C1…#c94c8370d47a/4"),
    ("C1王", "C1…#943ecfdc9a40/3"),
    ("AB\ud800CD", "AB…#a510d9100be9/5"),  # a broken character does not stop the log
    (b"C1AB", "…#65229dad35b2/7"),  # a confused caller's bytes
])
def test_a_refused_codes_fingerprint_reads_the_same_from_one_release_to_the_next(
        raw: Any, kept: str) -> None:
    """The scan log keeps a foreign code as its kind, a keyed hash and its
    length: the same code reads the same tomorrow and after an upgrade, so
    staff can see it was scanned again; nothing of it can be read back."""
    assert fingerprint(b"0123456789abcdef0123456789abcdef", raw) == kept


def test_what_is_read_is_kept_printable_and_short() -> None:
    assert loggable("A\x00" * 150) == "A?" * 50
    assert loggable(b"C1\x00AB") == "b'C1\\x00AB'"  # a confused caller's bytes, as shown

# Taking money --------------------------------------------------------------------

FEE = 30_000  # AI+摄影: ¥1,000 market price at 30%
CLIP_FEE = 15_000  # 短视频剪辑: ¥500 at 30%
WRONG = Reason(Why.WRONG_AMOUNT)


@dataclass(frozen=True)
class Till:
    """Two paid courses; 王磊 sits on both, 刘洋 on photography only."""

    photo: dict[str, int]  # learner name -> enrollment on AI+摄影
    clip: dict[str, int]  # learner name -> enrollment on 短视频剪辑
    learners: dict[str, int]


@pytest.fixture
def till(store: Store, now: dt.datetime) -> Till:
    return _build_till(store, now)


def _build_till(store: Store, now: dt.datetime) -> Till:
    with store.write() as s:
        _last_term(s, now)
        learners = {n: add_learner(s, LearnerInput(name=n), ADMIN, now).id
                    for n in ("王磊", "刘洋")}
        photo = add_course(s, CourseInput("AI+摄影", FeeTier.INCLUSIVE, capacity=30,
                                          market_price_fen=100_000), ADMIN, now)
        clip = add_course(s, CourseInput("短视频剪辑", FeeTier.INCLUSIVE, capacity=30,
                                         market_price_fen=50_000), ADMIN, now)
        clip_seats = {"王磊": enroll(s, learners["王磊"], clip.id, 30, ADMIN, now).enrollment_id}
        photo_seats = {n: enroll(s, learners[n], photo.id, 30, ADMIN, now).enrollment_id
                       for n in ("刘洋", "王磊")}
    t = Till(photo_seats, clip_seats, learners)
    ids = [set(photo_seats.values()) | set(clip_seats.values()), set(learners.values()),
           {photo.id, clip.id}]
    assert sum(len(i) for i in ids) == len(set().union(*ids))
    return t


def _pay(s: Any, enrollment_id: int, fen: int, now: dt.datetime) -> int:
    return take_payment(s, enrollment_id, fen, "cash", ADMIN, now).entry_id


def test_an_empty_reason_is_no_reason() -> None:
    for typed in ("", "   "):
        with _refused("reason_required"):
            Reason.parse(typed)


@pytest.mark.parametrize("amount", [100.0, True, "100"])
def test_a_correction_must_be_a_whole_number_of_fen(store: Store, now: dt.datetime, till: Till,
                                                   amount: Any) -> None:
    with store.write() as s:
        paid = _pay(s, till.photo["刘洋"], 10_000, now)
    with store.write() as s, _refused("amount_not_a_number") as refused:
        adjust(s, paid, amount, WRONG, ADMIN, now)
    assert refused.value.details == {"value": str(amount)}


def test_a_correction_of_nothing_is_refused(store: Store, now: dt.datetime, till: Till) -> None:
    with store.write() as s:
        paid = _pay(s, till.photo["刘洋"], 10_000, now)
    with store.write() as s, _refused("amount_zero") as refused:
        adjust(s, paid, 0, WRONG, ADMIN, now)
    assert refused.value.details == {"value": 0}


def test_money_cannot_be_moved_to_another_learners_course(store: Store, now: dt.datetime,
                                                          till: Till) -> None:
    with store.write() as s:
        paid = _pay(s, till.photo["王磊"], 10_000, now)
    with store.write() as s, _refused("enrollment_mismatch") as refused:
        adjust(s, paid, -10_000, Reason(Why.WRONG_COURSE), ADMIN, now,
               enrollment_id=till.photo["刘洋"])
    assert refused.value.details == {"enrollment_id": till.photo["刘洋"]}


def test_a_waiver_is_undone_whatever_else_was_corrected(store: Store, now: dt.datetime,
                                                        till: Till) -> None:
    """刘洋: ¥100 waived, ¥100 paid, the payment corrected down by ¥50. The
    waiver was not meant: all ¥100 of it can be taken back, and not a fen
    more once it is."""
    eid = till.photo["刘洋"]
    with store.write() as s:
        waiver = waive(s, eid, 10_000, Reason(Why.HARDSHIP), ADMIN, now).entry_id
        paid = _pay(s, eid, 10_000, now)
        adjust(s, paid, -5_000, WRONG, ADMIN, now)
        undone = adjust(s, waiver, -10_000, WRONG, ADMIN, now)
        assert undone.balance.balance_fen == FEE - 5_000
        with _refused("adjustment_out_of_range") as again:
            adjust(s, waiver, -1, WRONG, ADMIN, now)
    assert (again.value.details["min_fen"], again.value.details["max_fen"]) == (0, FEE - 5_000)


def test_a_waiver_moved_to_the_right_course_cannot_be_taken_back_twice(
        store: Store, now: dt.datetime, till: Till) -> None:
    """王磊's ¥100 waiver went on photography but was meant for 短视频剪辑:
    taken off photography (−¥100) and put on 剪辑 (+¥100). Photography's
    waiver is used up; another −¥50 on it is refused."""
    photo, clip = till.photo["王磊"], till.clip["王磊"]
    with store.write() as s:
        _pay(s, photo, 10_000, now)
        waiver = waive(s, photo, 10_000, Reason(Why.UNEMPLOYED), ADMIN, now).entry_id
        adjust(s, waiver, -10_000, Reason(Why.WRONG_COURSE), ADMIN, now)
        moved = adjust(s, waiver, 10_000, Reason(Why.WRONG_COURSE), ADMIN, now,
                       enrollment_id=clip)
        assert moved.enrollment_id == clip and moved.balance.balance_fen == CLIP_FEE - 10_000
        with _refused("adjustment_out_of_range") as refused:
            adjust(s, waiver, -5_000, WRONG, ADMIN, now)
    assert refused.value.details["min_fen"] == 0


def test_a_waiver_recorded_too_low_is_raised_by_more_than_it_was(
        store: Store, now: dt.datetime, till: Till) -> None:
    """¥50 waived where ¥200 was agreed: a +¥150 correction (more than the
    waiver itself) is fine, up to what is still owed."""
    eid = till.photo["刘洋"]
    with store.write() as s:
        waiver = waive(s, eid, 5_000, Reason(Why.SENIOR), ADMIN, now).entry_id
        fixed = adjust(s, waiver, 15_000, WRONG, ADMIN, now)
        assert fixed.balance.balance_fen == FEE - 20_000
        with _refused("adjustment_out_of_range") as refused:
            adjust(s, waiver, FEE - 20_000 + 1, WRONG, ADMIN, now)
    assert refused.value.details["max_fen"] == FEE - 20_000


def test_a_payment_keyed_too_low_is_raised_by_more_than_it_was(
        store: Store, now: dt.datetime, till: Till) -> None:
    """Keyed ¥100, but ¥250 was handed over: +¥150 is corrected."""
    eid = till.photo["刘洋"]
    with store.write() as s:
        paid = _pay(s, eid, 10_000, now)
        fixed = adjust(s, paid, 15_000, WRONG, ADMIN, now)
    assert fixed.balance.balance_fen == FEE - 25_000


def test_a_refund_recorded_too_low_is_raised_only_by_what_its_payment_has_left(
        store: Store, now: dt.datetime, till: Till) -> None:
    """Two payments, ¥100 and ¥200; ¥50 of the first was refunded, but more
    went back than was keyed. The refund can be corrected up by at most the
    ¥50 the first payment still holds, though the balance would allow more."""
    eid = till.photo["刘洋"]
    with store.write() as s:
        first = _pay(s, eid, 10_000, now)
        _pay(s, eid, 20_000, now)
        back = refund(s, first, 5_000, Reason(Why.WITHDRAWN), ADMIN, now).entry_id
        with _refused("adjustment_out_of_range") as refused:
            adjust(s, back, -5_001, WRONG, ADMIN, now)
        assert refused.value.details == {"amount_fen": -5_001, "min_fen": -5_000,
                                         "max_fen": 5_000, "min": "-¥50.00", "max": "¥50.00"}
        fixed = adjust(s, back, -5_000, WRONG, ADMIN, now)
        assert fixed.balance.balance_fen == 10_000
        assert refundable_fen(s, first) == 0


def test_a_refund_corrected_fully_back_takes_not_one_fen_more(
        store: Store, now: dt.datetime, till: Till) -> None:
    eid = till.photo["刘洋"]
    with store.write() as s:
        paid = _pay(s, eid, FEE, now)
        back = refund(s, paid, 10_000, Reason(Why.WRONG_AMOUNT), ADMIN, now).entry_id
        refund(s, paid, 10_000, Reason(Why.WITHDRAWN), ADMIN, now)
        adjust(s, back, 10_000, WRONG, ADMIN, now)
        with _refused("adjustment_out_of_range") as refused:
            adjust(s, back, 1, WRONG, ADMIN, now)
    assert refused.value.details["max_fen"] == 0


def _audit(store: Store, entry_id: int) -> tuple[str, str, int | None, dict[str, Any]]:
    with store.read() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.entity_id == entry_id,
                                                     AuditEvent.action.like("ledger.%"))).all()
        return event.action, event.entity, event.learner_id, json.loads(event.after or "{}")


def test_a_wallet_refund_in_cash_and_its_trail(store: Store, now: dt.datetime,
                                               till: Till) -> None:
    """王磊 paid ¥300 by WeChat for photography; ¥100 goes back in cash. What
    the desk is told, and what the audit trail keeps, names that payment."""
    eid = till.photo["王磊"]
    with store.write() as s:
        paid = take_payment(s, eid, FEE, "wechat", ADMIN, now, reference="４２００ ０００１")
        back = refund(s, paid.entry_id, 10_000, Reason(Why.WITHDRAWN, "  工作  调动 "), ADMIN,
                      now, method="cash")
    assert (paid.kind, paid.method, paid.receipt_no) == (
        LedgerKind.PAYMENT, PaymentMethod.WECHAT, "SB2026-000001")
    assert (back.kind, back.learner_id, back.enrollment_id, back.amount_fen) == (
        LedgerKind.REFUND, till.learners["王磊"], eid, 10_000)
    assert (back.method, back.receipt_no, back.business_date) == (
        PaymentMethod.CASH, None, dt.date(2026, 12, 1))
    assert back.balance == Balance(FEE, FEE - 10_000, 10_000, 0, 0)
    assert _audit(store, paid.entry_id) == ("ledger.payment", "ledger_entry",
                                            till.learners["王磊"], {
        "enrollment_id": eid, "amount_fen": FEE, "method": "wechat", "reference": "42000001",
        "receipt_no": "SB2026-000001", "reason": "", "reverses_id": None,
        "corrects_id": None, "balance_fen": 0})
    assert _audit(store, back.entry_id)[3] == {
        "enrollment_id": eid, "amount_fen": 10_000, "method": "cash", "reference": None,
        "receipt_no": None, "reason": "withdrawn: 工作 调动", "reverses_id": paid.entry_id,
        "corrects_id": None, "balance_fen": 10_000}


def test_a_correction_and_a_waiver_in_the_trail(store: Store, now: dt.datetime,
                                                till: Till) -> None:
    eid = till.clip["王磊"]
    with store.write() as s:
        waiver = waive(s, eid, 5_000, Reason(Why.DISABILITY), ADMIN, now)
        fixed = adjust(s, waiver.entry_id, -1_000, WRONG, ADMIN, now)
    assert (waiver.kind, waiver.method, waiver.receipt_no, waiver.amount_fen) == (
        LedgerKind.WAIVER, None, None, 5_000)
    assert (fixed.kind, fixed.amount_fen, fixed.enrollment_id) == (
        LedgerKind.ADJUSTMENT, -1_000, eid)
    assert _audit(store, waiver.entry_id)[:2] == ("ledger.waiver", "ledger_entry")
    action, _entity, learner, after = _audit(store, fixed.entry_id)
    assert (action, learner) == ("ledger.adjustment", till.learners["王磊"])
    assert (after["corrects_id"], after["reason"], after["balance_fen"]) == (
        waiver.entry_id, "wrong_amount", CLIP_FEE - 4_000)


def test_receipt_numbers_go_on_from_the_years_counter(store: Store, now: dt.datetime,
                                                      till: Till) -> None:
    """41 receipts were already written this year (by an earlier release): the
    next is No. 42, and a refund or waiver takes no number."""
    with store.write() as s:
        s.add(Counter(name="receipt:2026", value=41))
    with store.write() as s:
        first = take_payment(s, till.photo["刘洋"], 100, "cash", ADMIN, now)
        waive(s, till.photo["刘洋"], 100, Reason(Why.SENIOR), ADMIN, now)
        refund(s, first.entry_id, 100, Reason(Why.DUPLICATE), ADMIN, now)
        second = take_payment(s, till.photo["王磊"], 100, "cash", ADMIN, now)
    assert (first.receipt_no, second.receipt_no) == ("SB2026-000042", "SB2026-000043")
    with store.read() as s:
        assert s.get(Counter, "receipt:2026").value == 43  # type: ignore[union-attr]


def test_a_day_closed_for_the_whole_school_takes_nothing_at_any_desk(
        store: Store, now: dt.datetime, till: Till) -> None:
    with store.write() as s:
        paid = _pay(s, till.photo["刘洋"], 10_000, now)
        close_day(s, dt.date(2026, 12, 1), None, 10_000, "", ADMIN, now)
    other = Actor(desk="前台3", staff_id=None, role=StaffRole.ADMIN)
    later = now + dt.timedelta(minutes=30)
    with store.write() as s, _refused("day_closed") as refused:
        take_payment(s, till.photo["王磊"], 100, "cash", other, later)
    assert refused.value.details == {"business_date": "2026-12-01", "desk": "前台3"}
    for act in (lambda s: waive(s, till.photo["王磊"], 100, Reason(Why.SENIOR), other, later),
                lambda s: refund(s, paid, 100, Reason(Why.DUPLICATE), other, later),
                lambda s: adjust(s, paid, -100, WRONG, other, later)):
        with store.write() as s, _refused("day_closed"):
            act(s)
    # After midnight in Shenzhen (still the 1st in UTC) it is a new business day.
    tomorrow = dt.datetime(2026, 12, 1, 16, 30, tzinfo=dt.UTC)
    with store.write() as s:
        assert take_payment(s, till.photo["王磊"], 100, "cash", other, tomorrow
                            ).business_date == dt.date(2026, 12, 2)


@pytest.mark.parametrize(("typed", "kept"), [
    (" ４２００ ００００ １２ ", "4200000012"),  # full-width, spaced, as a phone shows it
    ("x" * 64, "x" * 64),
])
def test_a_transaction_reference_as_kept(store: Store, now: dt.datetime, till: Till,
                                         typed: str, kept: str) -> None:
    with store.write() as s:
        paid = take_payment(s, till.photo["刘洋"], 100, "alipay", ADMIN, now, reference=typed)
        row = s.get(LedgerEntry, paid.entry_id)
        assert row is not None and row.reference == kept


def test_a_reference_too_long_or_blank(store: Store, now: dt.datetime, till: Till) -> None:
    with store.write() as s, _refused("reference_too_long") as refused:
        take_payment(s, till.photo["刘洋"], 100, "alipay", ADMIN, now, reference="9" * 65)
    assert refused.value.details == {"max": 64}
    with store.write() as s, _refused("reference_required") as blank:
        take_payment(s, till.photo["刘洋"], 100, "alipay", ADMIN, now, reference="　 ")
    assert blank.value.details == {"method": "alipay"}
    with store.write() as s:  # cash needs none, and a blank one is none
        paid = take_payment(s, till.photo["刘洋"], 100, "cash", ADMIN, now, reference=" ")
        row = s.get(LedgerEntry, paid.entry_id)
        assert row is not None and row.reference is None


def test_the_same_wallet_reference_twice_names_the_first_receipt(
        store: Store, now: dt.datetime, till: Till) -> None:
    with store.write() as s:
        first = take_payment(s, till.photo["刘洋"], 100, "wechat", ADMIN, now, reference="42001")
        # Another wallet may reuse the number.
        take_payment(s, till.photo["刘洋"], 100, "alipay", ADMIN, now, reference="42001")
    with store.write() as s, _refused("duplicate_reference") as refused:
        take_payment(s, till.photo["王磊"], 100, "wechat", ADMIN, now, reference="42001")
    assert refused.value.details == {"method": "wechat", "reference": "42001",
                                     "entry_id": first.entry_id, "receipt_no": first.receipt_no}
    # A refund back to the same wallet under the same number is caught before
    # the store's index would be, so the desk is told which entry had it.
    with store.write() as s, _refused("duplicate_reference") as again:
        refund(s, first.entry_id, 100, Reason(Why.DUPLICATE), ADMIN, now, reference="42001")
    assert again.value.details == refused.value.details


@pytest.mark.parametrize(("amount", "code"), [
    (-1, "amount_negative"), (0, "amount_zero"), (True, "amount_not_a_number"),
    (99.5, "amount_not_a_number"), ("100", "amount_not_a_number")])
def test_amounts_a_payment_refund_or_waiver_refuses(store: Store, now: dt.datetime, till: Till,
                                                   amount: Any, code: str) -> None:
    eid = till.photo["刘洋"]
    with store.write() as s:
        paid = _pay(s, eid, 10_000, now)
    value = str(amount) if code == "amount_not_a_number" else amount
    for act in (lambda s: take_payment(s, eid, amount, "cash", ADMIN, now),
                lambda s: refund(s, paid, amount, Reason(Why.DUPLICATE), ADMIN, now),
                lambda s: waive(s, eid, amount, Reason(Why.SENIOR), ADMIN, now)):
        with store.write() as s, _refused(code) as refused:
            act(s)
        assert refused.value.details == {"value": value}


def test_a_reason_that_does_not_fit_the_entry(store: Store, now: dt.datetime,
                                              till: Till) -> None:
    with store.write() as s, _refused("reason_not_allowed") as refused:
        waive(s, till.photo["刘洋"], 100, Reason(Why.DUPLICATE), ADMIN, now)
    assert refused.value.details == {"reason": "duplicate", "kind": "waiver"}
    with store.write() as s, _refused("reason_note_required"):
        waive(s, till.photo["刘洋"], 100, Reason(Why.OTHER, " \t "), ADMIN, now)


def test_each_payment_keeps_its_own_refunds(store: Store, now: dt.datetime, till: Till) -> None:
    """刘洋 paid ¥100 then ¥200; ¥50 of the first went back. The second still
    has all ¥200 to refund; a waiver, or an entry that is not there, has
    nothing to refund."""
    eid = till.photo["刘洋"]
    with store.write() as s:
        first = _pay(s, eid, 10_000, now)
        second = _pay(s, eid, 20_000, now)
        refund(s, first, 5_000, Reason(Why.WITHDRAWN), ADMIN, now)
        waiver = waive(s, till.photo["王磊"], 100, Reason(Why.SENIOR), ADMIN, now).entry_id
    assert refundable(store, ADMIN, first) == 5_000
    assert refundable(store, ADMIN, second) == 20_000
    assert refundable(store, ADMIN, waiver) == 0
    assert refundable(store, ADMIN, second + 1000) == 0


def test_a_refund_never_leaves_more_owed_than_the_fee(store: Store, now: dt.datetime,
                                                      till: Till) -> None:
    """王磊 paid all ¥300 for photography. A ¥50 waiver of his 短视频剪辑
    place was taken back, keyed on photography: he owes ¥50 there. Of his
    ¥300 payment at most ¥250 can go back, or he would owe more than the fee."""
    photo, clip = till.photo["王磊"], till.clip["王磊"]
    with store.write() as s:
        paid = take_payment(s, photo, FEE, "cash", ADMIN, now)
        waiver = waive(s, clip, 5_000, Reason(Why.UNEMPLOYED), ADMIN, now).entry_id
        moved = adjust(s, waiver, -5_000, Reason(Why.WRONG_COURSE), ADMIN, now,
                       enrollment_id=photo)
        assert moved.balance.balance_fen == 5_000
        with _refused("refund_over_paid") as refused:
            refund(s, paid.entry_id, FEE - 5_000 + 1, Reason(Why.WITHDRAWN), ADMIN, now)
        assert refused.value.details == {"amount_fen": FEE - 5_000 + 1,
                                         "available_fen": FEE - 5_000,
                                         "available": "¥250.00", "receipt_no": paid.receipt_no}
        back = refund(s, paid.entry_id, FEE - 5_000, Reason(Why.WITHDRAWN), ADMIN, now)
    assert back.balance.balance_fen == FEE


def test_a_waiting_learner_pays_nothing_yet(store: Store, now: dt.datetime) -> None:
    """短视频剪辑 has one seat: 王磊 sits, 刘洋 waits and owes nothing yet."""
    with store.write() as s:
        _last_term(s, now)
        course = add_course(s, CourseInput("短视频剪辑", FeeTier.INCLUSIVE, capacity=1,
                                           market_price_fen=50_000), ADMIN, now)
        seated = add_learner(s, LearnerInput(name="王磊"), ADMIN, now).id
        waiting = add_learner(s, LearnerInput(name="刘洋"), ADMIN, now).id
        enroll(s, seated, course.id, 30, ADMIN, now)
        place = enroll(s, waiting, course.id, 30, ADMIN, now)
    assert place.status is EnrollmentStatus.WAITLISTED
    for act in (lambda s: take_payment(s, place.enrollment_id, 100, "cash", ADMIN, now),
                lambda s: waive(s, place.enrollment_id, 100, Reason(Why.SENIOR), ADMIN, now)):
        with store.write() as s, _refused("enrollment_waitlisted") as refused:
            act(s)
        assert refused.value.details == {"enrollment_id": place.enrollment_id}


def test_entries_that_cannot_be_refunded_or_corrected(store: Store, now: dt.datetime,
                                                      till: Till) -> None:
    eid = till.photo["刘洋"]
    with store.write() as s:
        paid = _pay(s, eid, 10_000, now)
        waiver = waive(s, eid, 100, Reason(Why.SENIOR), ADMIN, now).entry_id
    with store.write() as s, _refused("not_a_payment") as refused:
        refund(s, waiver, 100, Reason(Why.DUPLICATE), ADMIN, now)
    assert refused.value.details == {"entry_id": waiver, "kind": "waiver"}
    missing = paid + 1000
    with store.write() as s, _refused("entry_not_found") as refused:
        adjust(s, missing, 100, WRONG, ADMIN, now)
    assert refused.value.details == {"entry_id": missing}
    with store.write() as s, _refused("method_unknown") as refused:
        refund(s, paid, 100, Reason(Why.DUPLICATE), ADMIN, now, method="paypal")
    assert refused.value.details == {"value": "paypal"}
    with store.write() as s, _refused("method_unknown") as refused:
        take_payment(s, eid, 100, "支票", ADMIN, now)
    assert refused.value.details == {"value": "支票"}


def test_a_payment_moved_to_the_right_course_has_only_the_rest_to_refund(
        store: Store, now: dt.datetime, till: Till) -> None:
    """王磊 paid ¥300 on photography; ¥150 of it was for 短视频剪辑 and was
    moved there. The payment has ¥150 left to refund, not ¥300."""
    photo, clip = till.photo["王磊"], till.clip["王磊"]
    with store.write() as s:
        paid = _pay(s, photo, FEE, now)
        adjust(s, paid, -CLIP_FEE, Reason(Why.WRONG_COURSE), ADMIN, now)
        moved = adjust(s, paid, CLIP_FEE, Reason(Why.WRONG_COURSE), ADMIN, now,
                       enrollment_id=clip)
    assert moved.balance.settled
    assert refundable(store, ADMIN, paid) == FEE - CLIP_FEE


def test_a_wallet_reference_first_used_by_a_refund(store: Store, now: dt.datetime,
                                                   till: Till) -> None:
    """A WeChat refund went back under transaction 42077; a payment keyed with
    the same number is refused, naming the refund (which has no receipt)."""
    with store.write() as s:
        paid = take_payment(s, till.photo["刘洋"], 10_000, "wechat", ADMIN, now, reference="42076")
        back = refund(s, paid.entry_id, 100, Reason(Why.DUPLICATE), ADMIN, now,
                      reference="42077")
    with store.write() as s, _refused("duplicate_reference") as refused:
        take_payment(s, till.photo["王磊"], 100, "wechat", ADMIN, now, reference="42077")
    assert refused.value.details == {"method": "wechat", "reference": "42077",
                                     "entry_id": back.entry_id, "receipt_no": ""}


def test_two_desks_keying_the_same_wallet_number_at_once(store: Store, now: dt.datetime,
                                                         till: Till) -> None:
    """On a shared store two desks can both find transaction 42088 unused;
    the second to write is refused with the number, and takes no receipt."""
    eid = till.photo["刘洋"]
    fired: list[bool] = []

    def other_desk_first(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if fired or not statement.lstrip().upper().startswith("INSERT INTO LEDGER_ENTRY"):
            return
        fired.append(True)
        cursor.connection.execute(
            "INSERT INTO ledger_entry (learner_id, enrollment_id, kind, amount_fen, method,"
            " reference, reason, at, business_date, desk) VALUES (?, ?, 'payment', 100,"
            " 'wechat', '42088', '', '2026-12-01 11:05:00.000000', '2026-12-01', '西门')",
            (till.learners["王磊"], till.photo["王磊"]))

    event.listen(store.engine, "before_cursor_execute", other_desk_first)
    try:
        with _refused("duplicate_reference") as refused, store.write() as s:
            take_payment(s, eid, 100, "wechat", ADMIN, now, reference="42088")
    finally:
        event.remove(store.engine, "before_cursor_execute", other_desk_first)
    assert fired
    assert refused.value.details == {"method": "wechat", "reference": "42088",
                                     "entry_id": None, "receipt_no": ""}
    with store.write() as s:
        assert take_payment(s, eid, 100, "cash", ADMIN, now).receipt_no == "SB2026-000001"


def test_each_entry_names_who_took_it_and_where(store: Store, now: dt.datetime,
                                                till: Till) -> None:
    with store.write() as s:
        staff = Staff(username="xiaochen", display_name="小陈", role=StaffRole.CASHIER,
                      password_hash="-", created_at=now)
        s.add(staff)
        s.flush()
        cashier = Actor(desk="南门", staff_id=staff.id, role=StaffRole.CASHIER)
        paid = take_payment(s, till.photo["刘洋"], 100, "cash", cashier, now).entry_id
        waived = waive(s, till.photo["刘洋"], 100, Reason(Why.SENIOR), cashier, now).entry_id
        rows = [s.get(LedgerEntry, i) for i in (paid, waived)]
        assert [(r.desk, r.staff_id) for r in rows if r] == [("南门", staff.id)] * 2


def test_more_than_is_owed_is_refused_naming_both(store: Store, now: dt.datetime,
                                                  till: Till) -> None:
    eid = till.clip["王磊"]
    with store.write() as s:
        _pay(s, eid, 5_000, now)
    for act in (lambda s: take_payment(s, eid, 10_001, "cash", ADMIN, now),
                lambda s: waive(s, eid, 10_001, Reason(Why.SENIOR), ADMIN, now)):
        with store.write() as s, _refused("amount_over_balance") as refused:
            act(s)
        assert refused.value.details == {"amount_fen": 10_001, "balance_fen": 10_000,
                                         "balance": "¥100.00"}


def test_a_learner_who_still_owes_is_told_so_from_the_one_look_up(store: Store,
                                                                 now: dt.datetime,
                                                                 till: Till) -> None:
    """王磊 paid ¥100 of his ¥300 photography fee and was refunded ¥20 of it.
    At his lesson the desk checks him in and says he still owes ¥220; what
    he owes comes with the look-up that found him and his lesson, so the
    scan asks the store nothing more than a free learner's does: the look-up,
    the attendance row, the audit chain's turn and the audit row."""
    with store.write() as s:
        paid = _pay(s, till.photo["王磊"], 10_000, now)
        refund(s, paid, 2_000, WRONG, ADMIN, now)
        enrollment = s.get(Enrollment, till.photo["王磊"])
        assert enrollment is not None
        lesson = add_lesson(s, enrollment.course_id, local(19), local(21), ADMIN, now).id
        learner = s.get(Learner, till.learners["王磊"])
        assert learner is not None
        card = make_token(school_secret(s), learner.code, 1)
        context = CheckInContext.load(s)
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        result = _scan(store, card, local(19, 2), context=context)
    finally:
        event.remove(store.engine, "before_cursor_execute", count)
    assert (result.outcome, result.balance_fen) == (Outcome.FEE_DUE, FEE - 10_000 + 2_000)
    assert result.lesson is not None and result.lesson.lesson_id == lesson
    assert result.enrollment_id == till.photo["王磊"]
    assert len([q for q in statements if not q.startswith("BEGIN")]) == 4, statements



def test_a_learner_who_owes_found_by_name_is_told_what_is_owed(store: Store, now: dt.datetime,
                                                                till: Till) -> None:
    """王磊 forgot his card; found by name at his photography lesson, he has
    paid ¥100 of ¥300: checked in, and the desk sees ¥200 owed."""
    with store.write() as s:
        _pay(s, till.photo["王磊"], 10_000, now)
        enrollment = s.get(Enrollment, till.photo["王磊"])
        assert enrollment is not None
        add_lesson(s, enrollment.course_id, local(19), local(21), ADMIN, now)
    with store.write() as s:
        result = check_in_learner(s, till.learners["王磊"], local(19, 4), DOOR)
    assert (result.outcome, result.balance_fen) == (Outcome.FEE_DUE, FEE - 10_000)
    assert result.enrollment_id == till.photo["王磊"] and result.recorded



def test_a_payment_answers_with_the_balance_the_store_then_holds(store: Store,
                                                                 now: dt.datetime,
                                                                 till: Till) -> None:
    """Two instalments from 刘洋: each answer's balance, paid and adjusted apart,
    is what the store reads straight after."""
    eid = till.photo["刘洋"]
    for fen in (10_000, 5_000):
        with store.write() as s:
            answer = take_payment(s, eid, fen, "cash", ADMIN, now).balance
        with store.read() as s:
            assert answer == balance(s, eid)
    assert (answer.paid_fen, answer.adjusted_fen, answer.balance_fen) == (15_000, 0, FEE - 15_000)


def test_one_fen_owed_is_owed(store: Store, now: dt.datetime, till: Till) -> None:
    """刘洋 paid all but one fen of his photography fee: by card he is told
    one fen is owed. 王磊's short course costs one fen in all (a token
    price): found by name, he is told the same."""
    with store.write() as s:
        _pay(s, till.photo["刘洋"], FEE - 1, now)
        photo = s.get(Enrollment, till.photo["刘洋"])
        clip = s.get(Enrollment, till.clip["王磊"])
        assert photo is not None and clip is not None
        clip.fee_due_fen = 1
        for course_id in (photo.course_id, clip.course_id):
            add_lesson(s, course_id, local(19), local(21), ADMIN, now)
        learner = s.get(Learner, till.learners["刘洋"])
        assert learner is not None
        card = make_token(school_secret(s), learner.code, 1)
    by_card = _scan(store, card, local(19, 3))
    with store.write() as s:
        by_name = check_in_learner(s, till.learners["王磊"], local(19, 4), DOOR)
    assert (by_card.outcome, by_card.balance_fen) == (Outcome.FEE_DUE, 1)
    assert by_name.outcome is Outcome.CHOOSE_LESSON  # photography and the short course
    with store.write() as s:
        chosen = [c.lesson_id for c in by_name.candidates if c.course_id == clip.course_id]
        by_name = check_in_learner(s, till.learners["王磊"], local(19, 4), DOOR,
                                   lesson_id=chosen[0])
    assert (by_name.outcome, by_name.balance_fen) == (Outcome.FEE_DUE, 1)


# Two desks on one PostgreSQL store -----------------------------------------------
#
# SQLite lets one writer in at a time, so these rules only show between two
# desks on PostgreSQL: the first desk's transaction is held open at the point
# that matters while the second desk's runs in a thread, and is let go once
# the second is waiting on a lock (or done).

RACE_WAIT_S = 60  # a guard against a hung desk, not a measure of speed


def _the_other_desk(job: Any) -> tuple[threading.Thread, threading.Event, dict[str, Any]]:
    """Run ``job()`` in a thread; what it returned or raised is kept."""
    done, outcome = threading.Event(), {}

    def run() -> None:
        try:
            outcome["result"] = job()
        except DomainError as error:
            outcome["refused"] = error
        finally:
            done.set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, done, outcome


def _until_it_waits_or_is_done(store: Store, done: threading.Event) -> None:
    """Wait until another connection to this database waits on a lock, or
    ``done`` is set."""
    deadline = time.monotonic() + RACE_WAIT_S
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        while not done.is_set() and time.monotonic() < deadline:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'")).scalar_one()
            if waiting:
                return
            time.sleep(0.02)
    assert done.is_set() or time.monotonic() < deadline, "the other desk hung"


@pytest.mark.postgres
def test_a_payment_keyed_while_the_school_day_is_being_closed_is_refused(
        pg_store: Store, now: dt.datetime) -> None:
    """The administrator closes the school's day at 前台2; a moment later,
    before the count is saved, 前台3 takes ¥1 from 王磊. The payment waits
    for the count and is then refused: the day it would go into is closed,
    and the counted drawer stays what the closing says."""
    till = _build_till(pg_store, now)
    other = Actor(desk="前台3", staff_id=None, role=StaffRole.ADMIN)

    def pay() -> str:
        with pg_store.write() as s:
            return take_payment(s, till.photo["王磊"], 100, "cash", other,
                                now + dt.timedelta(minutes=1)).receipt_no

    with pg_store.write() as s:
        close_day(s, dt.date(2026, 12, 1), None, 0, "", ADMIN, now)
        thread, done, outcome = _the_other_desk(pay)
        _until_it_waits_or_is_done(pg_store, done)
    thread.join(RACE_WAIT_S)
    assert "result" not in outcome, f"paid into a closed day: {outcome.get('result')}"
    assert outcome["refused"].code == "day_closed"
    with pg_store.read() as s:
        assert s.scalars(select(LedgerEntry)).all() == []


@pytest.mark.postgres
def test_two_desks_seating_the_last_place_from_the_queue_at_once(pg_store: Store,
                                                                 now: dt.datetime) -> None:
    """短视频剪辑 gets a third place. 冯雪 and 韩梅, both waiting, scan at two
    doors at 19:06. 冯雪's desk is first; 韩梅's waits for it, and is then
    told the course is full: the course never has more seated than places."""
    night = _build_night(pg_store, now)
    with pg_store.write() as s:
        course = s.get(Course, night.courses["剪辑"])
        assert course is not None
        course.capacity = 3
    west = Actor(desk="西门", staff_id=None)

    def seat_han() -> CheckInResult:
        with pg_store.write() as s:
            return enroll_and_check_in(s, night.learners["韩梅"], night.lessons["剪辑"],
                                       local(19, 6), west)

    with pg_store.write() as s:
        first = enroll_and_check_in(s, night.learners["冯雪"], night.lessons["剪辑"],
                                    local(19, 6), DOOR)
        assert first.outcome is Outcome.CHECKED_IN
        thread, done, outcome = _the_other_desk(seat_han)
        _until_it_waits_or_is_done(pg_store, done)
    thread.join(RACE_WAIT_S)
    assert "result" not in outcome, "seated beyond the course's places"
    assert outcome["refused"].code == "no_free_seat"
    assert outcome["refused"].details == {"course_title": "短视频剪辑", "capacity": 3}
    with pg_store.read() as s:
        seated = s.scalars(select(Enrollment.learner_id).where(
            Enrollment.course_id == night.courses["剪辑"],
            Enrollment.status == EnrollmentStatus.ENROLLED)).all()
    assert sorted(seated) == sorted(night.learners[n] for n in ("何平", "郑洁", "冯雪"))
    assert _live(pg_store, night.learners["韩梅"]) == []
