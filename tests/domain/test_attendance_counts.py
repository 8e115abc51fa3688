"""Each enrollment's attendance counts stay equal to a recount, whatever writes.

The counts (present or late; excused) are kept by triggers in the store, so
every way of writing is checked here against :func:`stale_counts`: a scan,
a late entry, an excuse, a lesson closed, a void, a correction, a paper
sheet, an offline desk's outbox, a lesson cancelled and restored, a
learner enrolled after their attendance, rows rewritten by hand, and (in
test_multidesk) two desks at once. On PostgreSQL too when a server is set.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from frontdesk.checkin import actions
from frontdesk.checkin.attendance import (
    close_lesson,
    mark_excused,
    record_paper_checkins,
    undo_last,
)
from frontdesk.checkin.door import DoorDesk
from frontdesk.checkin.scan import Outcome, check_in
from frontdesk.roster.courses import update_lesson
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.staff.actor import Actor
from frontdesk.store.attendance_counts import stale_counts
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, Enrollment, Lesson
from frontdesk.vocab import AttendanceStatus, LateEntryReason, StaffRole
from tests.domain.checkin_fixtures import DESK, Evening, local, make_evening, scan
from tests.domain.test_offline import Flaky

ADMIN = Actor(desk="办公室", staff_id=None, role=StaffRole.ADMIN)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Store:
    return request.getfixturevalue("store" if request.param == "sqlite" else "pg_store")


@pytest.fixture
def evening(any_store: Store, now: dt.datetime) -> Evening:
    return make_evening(any_store, now)


def kept(store: Store, name: str, course: str, evening: Evening) -> tuple[int, int]:
    """(arrived, excused) the enrollment keeps, after checking every
    enrollment's counts against a recount."""
    with store.read() as s:
        assert stale_counts(s) == []
        row = s.execute(select(Enrollment.arrived_count, Enrollment.excused_count).where(
            Enrollment.learner_id == evening.learners[name],
            Enrollment.course_id == evening.courses[course])).one()
    return (row[0], row[1])


def test_scans_voids_excuses_and_closing_keep_the_counts(any_store, evening, now):
    store = any_store
    assert kept(store, "王芳", "A", evening) == (0, 0)
    assert scan(store, evening.token("王芳"), local(19, 2)).outcome is Outcome.CHECKED_IN
    assert scan(store, evening.token("孙艳"), local(19, 20)).outcome is Outcome.LATE
    assert kept(store, "王芳", "A", evening) == (1, 0)
    assert kept(store, "孙艳", "A", evening) == (1, 0)
    with store.write() as s:  # the desk's undo voids its last check-in
        undo_last(s, DESK, local(19, 21))
    assert kept(store, "孙艳", "A", evening) == (0, 0)
    with store.write() as s:
        mark_excused(s, evening.learners["孙艳"], evening.lessons["A_next"], DESK, now)
    assert kept(store, "孙艳", "A", evening) == (0, 1)
    with store.write() as s:  # everyone not in is marked absent: counts nothing
        close_lesson(s, evening.lessons["A"], DESK, local(21, 30))
    assert kept(store, "李强", "A", evening) == (0, 0)
    with store.write() as s:  # a paper sheet turns the absent row into a late entry
        record_paper_checkins(s, evening.lessons["A"], [(evening.learners["李强"], local(19, 3))],
                              ADMIN, local(9, 0, day=2), reason=LateEntryReason.PAPER_SHEET)
    assert kept(store, "李强", "A", evening) == (1, 0)
    assert kept(store, "李强", "B", evening) == (0, 0)  # the other course is apart


def test_a_late_entry_and_a_correction_by_hand_keep_the_counts(any_store, evening):
    store = any_store
    with store.write() as s:
        result = check_in(s, evening.token("王芳"), local(19, 5), DESK, now=local(9, 30, day=3),
                          late_reason=LateEntryReason.PAPER_SHEET)
    assert result.outcome is Outcome.CHECKED_IN and result.late_entry_reason
    assert kept(store, "王芳", "A", evening) == (1, 0)
    learner = evening.learners["王芳"]
    with store.write() as s:  # rows rewritten straight in the store keep them too
        s.execute(update(Attendance).where(Attendance.learner_id == learner)
                  .values(status=AttendanceStatus.EXCUSED))
    assert kept(store, "王芳", "A", evening) == (0, 1)
    with store.write() as s:
        s.execute(update(Attendance).where(Attendance.learner_id == learner)
                  .values(lesson_id=evening.lessons["B"]))  # moved to a course she is not on
    assert kept(store, "王芳", "A", evening) == (0, 0)
    with store.write() as s:
        s.execute(update(Attendance).where(Attendance.learner_id == learner)
                  .values(lesson_id=evening.lessons["A_next"], status=AttendanceStatus.PRESENT))
    assert kept(store, "王芳", "A", evening) == (1, 0)
    with store.write() as s:
        s.execute(delete(Attendance).where(Attendance.learner_id == learner))
    assert kept(store, "王芳", "A", evening) == (0, 0)


def test_a_lesson_cancelled_and_restored_takes_its_rows_out_and_back(any_store, evening, now):
    store = any_store
    # on A and on B tonight: the desk picks A
    scan(store, evening.token("李强"), local(19, 2), choose_lesson_id=evening.lessons["A"])
    scan(store, evening.token("孙艳"), local(19, 3))
    with store.write() as s:
        mark_excused(s, evening.learners["王芳"], evening.lessons["A"], DESK, now)
    assert [kept(store, n, "A", evening) for n in ("李强", "孙艳", "王芳")] == [
        (1, 0), (1, 0), (0, 1)]
    lesson = evening.lessons["A"]
    with store.write() as s:
        row = s.get(Lesson, lesson)
        assert row is not None
        update_lesson(s, lesson, row.starts_at, row.ends_at, ADMIN, now, cancelled=True)
    assert [kept(store, n, "A", evening) for n in ("李强", "孙艳", "王芳")] == [
        (0, 0), (0, 0), (0, 0)]
    with store.write() as s:
        row = s.get(Lesson, lesson)
        assert row is not None
        update_lesson(s, lesson, row.starts_at, row.ends_at, ADMIN, now, cancelled=False)
    assert [kept(store, n, "A", evening) for n in ("李强", "孙艳", "王芳")] == [
        (1, 0), (1, 0), (0, 1)]
    with store.write() as s:  # a lesson moved to another course takes its rows along
        s.execute(update(Lesson).where(Lesson.id == lesson)
                  .values(course_id=evening.courses["B"]))
    assert kept(store, "李强", "A", evening) == (0, 0)
    assert kept(store, "李强", "B", evening) == (1, 0)


def test_an_enrollment_made_after_the_attendance_counts_it(any_store, evening, now):
    store = any_store
    scan(store, evening.token("张伟"), local(19, 2))  # on B
    with store.read() as s:
        enrollment_id = s.scalar(select(Enrollment.id).where(
            Enrollment.learner_id == evening.learners["张伟"],
            Enrollment.course_id == evening.courses["B"]))
    assert enrollment_id is not None
    with store.write() as s:  # withdrawn: the enrollment and its counts stay
        withdraw(s, enrollment_id, DESK, now)
    assert kept(store, "张伟", "B", evening) == (1, 0)
    with store.write() as s:  # the row is on lesson A, before 张伟 is on course A
        s.execute(update(Attendance).where(Attendance.learner_id == evening.learners["张伟"])
                  .values(lesson_id=evening.lessons["A"]))
    with store.write() as s:
        enroll(s, evening.learners["张伟"], evening.courses["A"], 30, DESK, now)
    assert kept(store, "张伟", "A", evening) == (1, 0)
    assert kept(store, "张伟", "B", evening) == (0, 0)


def test_scans_uploaded_from_an_offline_desk_are_counted_once(any_store, evening,
                                                             tmp_path: Path):
    store = any_store
    flaky = Flaky(url=store.url, engine=store.engine)
    door_a = Actor(desk="东门")
    desk = DoorDesk(flaky, tmp_path / "east")
    assert desk.refresh(door_a, local(18, 50), force=True)
    flaky.down = True
    desk.scan(door_a, evening.token("王芳"), local(19, 2))
    desk.scan(door_a, evening.token("孙艳"), local(19, 20))
    [first, _second] = desk.outbox.pending()
    flaky.down = False
    # the store took the first, then the desk died before its outbox heard back
    assert actions.upload_offline_scan(store, door_a, first, local(19, 30)).recorded
    assert desk.reconnect(door_a, local(19, 40), force=True) and desk.pending() == 0
    assert kept(store, "王芳", "A", evening) == (1, 0)
    assert kept(store, "孙艳", "A", evening) == (1, 0)
