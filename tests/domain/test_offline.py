"""A door desk keeps checking in while the store's server is away, and
uploads every scan exactly once when it is back (issue: offline door desk).

The server going away is a store whose reads and writes fail as libpq's do
(StoreError SERVER_DOWN); the same flows run against a real PostgreSQL
server that is stopped and started in tests/domain/test_offline_postgres.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.checkin import actions
from frontdesk.checkin.door import DoorDesk
from frontdesk.checkin.scan import Outcome
from frontdesk.checkin.tokens import reissue_card
from frontdesk.errors import DomainError
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, StoreError, StoreProblem
from frontdesk.store.models import Attendance, AuditEvent
from tests.domain.checkin_fixtures import Evening, local, make_evening, scan

DOOR_A = Actor(desk="东门")
DOOR_B = Actor(desk="西门")


class Flaky(Store):
    """A store whose server can be switched off."""

    down = False

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        if self.down:
            raise StoreError(StoreProblem.SERVER_DOWN, "connection refused")
        with super().write() as session:
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        if self.down:
            raise StoreError(StoreProblem.SERVER_DOWN, "connection refused")
        with super().read() as session:
            yield session


@pytest.fixture
def evening(store, now) -> Evening:
    return make_evening(store, now)


@pytest.fixture
def flaky(store) -> Flaky:
    return Flaky(url=store.url, engine=store.engine)


def door(flaky: Flaky, tmp_path: Path, name: str = "east") -> DoorDesk:
    return DoorDesk(flaky, tmp_path / name)


def live(store: Store, learner_id: int, lesson_id: int) -> list[Attendance]:
    with store.read() as s:
        return list(s.scalars(select(Attendance).where(
            Attendance.learner_id == learner_id, Attendance.lesson_id == lesson_id,
            Attendance.voided_at.is_(None))))


def test_offline_scans_are_answered_kept_and_uploaded_once(store, flaky, evening, tmp_path):
    desk = door(flaky, tmp_path)
    assert desk.refresh(DOOR_A, local(18, 50), force=True)
    flaky.down = True
    answer = desk.scan(DOOR_A, evening.token("王芳"), local(19, 2))
    assert (answer.outcome, answer.offline, answer.learner_name) == (
        Outcome.CHECKED_IN, True, "王芳")
    assert not desk.online and desk.pending() == 1
    again = desk.scan(DOOR_A, evening.token("王芳"), local(19, 3))
    assert again.outcome is Outcome.ALREADY_CHECKED_IN and again.at == local(19, 2)
    late = desk.scan(DOOR_A, evening.token("王芳".replace("王芳", "孙艳")), local(19, 20))
    assert late.outcome is Outcome.LATE and late.minutes_late == 20
    assert live(store, evening.learners["王芳"], evening.lessons["A"]) == []
    # the server is back: the next try uploads, in order, and the desk is online again
    flaky.down = False
    assert desk.reconnect(DOOR_A, local(19, 40), force=True)
    assert desk.pending() == 0 and desk.differences == []
    [row] = live(store, evening.learners["王芳"], evening.lessons["A"])
    assert (row.at, row.recorded_at, row.desk) == (local(19, 2), local(19, 40), "东门")
    assert row.offline_id
    with store.read() as s:
        events = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "attendance.checkin", AuditEvent.entity_id == row.id))
    assert events == 1


def test_an_upload_retried_after_a_crash_records_nothing_twice(store, flaky, evening, tmp_path):
    desk = door(flaky, tmp_path)
    desk.refresh(DOOR_A, local(18, 50), force=True)
    flaky.down = True
    desk.scan(DOOR_A, evening.token("张伟"), local(19, 4))
    [entry] = desk.outbox.pending()
    flaky.down = False
    # the store took it, then the desk died before its outbox heard back
    first = actions.upload_offline_scan(store, DOOR_A, entry, local(19, 30))
    assert first.recorded
    restarted = door(flaky, tmp_path)  # the same folder: the outbox survived
    assert not restarted.online and restarted.pending() == 1
    assert restarted.reconnect(DOOR_A, local(19, 31), force=True)
    assert len(live(store, evening.learners["张伟"], evening.lessons["B"])) == 1
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Attendance)
                        .where(Attendance.offline_id == entry.id)) == 1


def test_two_doors_keep_the_earlier_arrival(store, flaky, evening, tmp_path):
    east = door(flaky, tmp_path, "east")
    east.refresh(DOOR_A, local(18, 50), force=True)
    flaky.down = True
    east.scan(DOOR_A, evening.token("王芳"), local(19, 6))  # offline at the east door
    east.scan(DOOR_A, evening.token("吴军"), local(19, 8))
    flaky.down = False
    scan(store, evening.token("王芳"), local(19, 10), DOOR_B)  # later, online, west door
    scan(store, evening.token("吴军"), local(19, 1), DOOR_B)  # earlier, online, west door
    assert east.reconnect(DOOR_A, local(19, 30), force=True)
    [wang] = live(store, evening.learners["王芳"], evening.lessons["A"])
    assert (wang.at, wang.desk) == (local(19, 6), "东门")  # the earlier scan won
    [wu] = live(store, evening.learners["吴军"], evening.lessons["D"])
    assert (wu.at, wu.desk) == (local(19, 1), "西门")
    assert east.differences == []  # "already checked in" is no news for the clerk


def test_what_the_store_sees_differently_is_listed_for_the_clerk(store, flaky, evening,
                                                                 tmp_path, now):
    desk = door(flaky, tmp_path)
    desk.refresh(DOOR_A, local(18, 50), force=True)
    flaky.down = True
    desk.scan(DOOR_A, evening.token("张伟"), local(19, 5))
    flaky.down = False
    with store.write() as s:  # the card was replaced at the office meanwhile
        reissue_card(s, evening.learners["张伟"], DOOR_B, local(19, 10))
    assert desk.reconnect(DOOR_A, local(19, 20), force=True)
    [difference] = desk.differences
    assert difference.outcome == Outcome.CARD_REPLACED.value
    assert difference.scan.learner_id == evening.learners["张伟"]
    assert desk.pending() == 0


def test_refusals_offline_write_nothing(store, flaky, evening, tmp_path):
    desk = door(flaky, tmp_path)
    desk.refresh(DOOR_A, local(18, 50), force=True)
    flaky.down = True
    forged = evening.token("王芳")[:-1] + ("A" if evening.token("王芳")[-1] != "A" else "B")
    assert desk.scan(DOOR_A, forged, local(19, 2)).outcome is Outcome.NOT_OUR_CODE
    assert desk.scan(DOOR_A, evening.token("刘敏"), local(19, 35)).outcome is Outcome.WAITLISTED
    assert desk.scan(DOOR_A, evening.token("王芳", 2), local(19, 2)).outcome is (
        Outcome.UNKNOWN_LEARNER)  # a card newer than the snapshot knows: never guessed at
    assert desk.pending() == 0


def test_a_desk_without_a_snapshot_says_so(flaky, evening, tmp_path):
    desk = door(flaky, tmp_path)
    flaky.down = True
    with pytest.raises(DomainError, match="offline_no_snapshot"):
        desk.scan(DOOR_A, evening.token("王芳"), local(19, 2))


def test_the_snapshot_is_replaced_whole_and_knows_its_age(flaky, evening, tmp_path):
    desk = door(flaky, tmp_path)
    assert desk.snapshot_age(local(19)) is None
    desk.refresh(DOOR_A, local(18, 50), force=True)
    assert desk.snapshot_age(local(19)) == dt.timedelta(minutes=10)
    half_a_minute_later = local(18, 50) + dt.timedelta(seconds=30)
    assert desk.refresh(DOOR_A, half_a_minute_later)  # younger than a minute: kept
    assert desk.snapshot_age(local(19)) == dt.timedelta(minutes=10)
    assert not list((tmp_path / "east").glob("*.partial"))


def test_a_check_in_made_online_just_before_the_outage_reads_already(store, flaky, evening,
                                                                     tmp_path):
    desk = door(flaky, tmp_path)
    desk.refresh(DOOR_A, local(18, 59), force=True)
    assert desk.scan(DOOR_A, evening.token("王芳"), local(19, 0)).outcome is Outcome.CHECKED_IN
    flaky.down = True  # before the next refresh
    again = desk.scan(DOOR_A, evening.token("王芳"), local(19, 1))
    assert (again.outcome, again.offline, again.at) == (
        Outcome.ALREADY_CHECKED_IN, True, local(19, 0))
    assert desk.pending() == 0
