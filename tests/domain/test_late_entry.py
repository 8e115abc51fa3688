"""Late entries: a check-in written after its lesson was over is marked so,
with the real time it was written, who wrote it and why; a desk may enter
the last N days, older lessons need an administrator; future times are
refused. The grid and the audit trail show it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from frontdesk.checkin.attendance import record_paper_checkins
from frontdesk.checkin.scan import Outcome, check_in
from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.reports.attendance_grid import course_grid
from frontdesk.settings import SchoolSettings, save_settings
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, AuditEvent
from frontdesk.vocab import LateEntryReason, StaffRole
from tests.domain.checkin_fixtures import DESK, Evening, counts, live_rows, local, make_evening

DESK_STAFF = Actor(desk="前台1", staff_id=None, role=StaffRole.DESK)
ADMIN = Actor(desk="办公室", staff_id=None, role=StaffRole.ADMIN)


@pytest.fixture
def evening(store, now) -> Evening:
    return make_evening(store, now)


def _scan(store, evening, name, at, now, actor=DESK, reason=None):
    with store.write() as s:
        return check_in(s, evening.token(name), at, actor, now=now, late_reason=reason)


def test_a_check_in_typed_in_after_the_lesson_is_a_late_entry(store, evening):
    result = _scan(store, evening, "王芳", local(19, 5), local(9, 30, day=3),
                   reason=LateEntryReason.PAPER_SHEET)
    assert result.outcome is Outcome.CHECKED_IN
    assert result.late_entry_reason == "paper_sheet"
    [row] = live_rows(store, evening.learners["王芳"])
    assert row.at == local(19, 5)  # when she came
    assert row.recorded_at == local(9, 30, day=3)  # when it was written: the clock
    assert row.late_entry_reason == "paper_sheet" and row.desk == "前台1"
    with store.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "attendance")).one()
    assert event.action == "attendance.late_entry"
    assert event.at == local(9, 30, day=3)
    after = json.loads(event.after)
    assert after["reason"] == "paper_sheet" and after["arrived_at"].startswith("2026-12-01T11:05")


def test_a_check_in_during_the_lesson_is_not_a_late_entry(store, evening):
    result = _scan(store, evening, "王芳", local(19, 5), local(19, 20))
    assert result.late_entry_reason is None
    [row] = live_rows(store, evening.learners["王芳"])
    assert (row.at, row.recorded_at, row.late_entry_reason) == (local(19, 5), local(19, 20), None)


def test_a_late_entry_needs_a_reason_and_writes_nothing_without_one(store, evening):
    before = counts(store)
    with pytest.raises(DomainError) as err:
        _scan(store, evening, "王芳", local(19, 5), local(9, 0, day=2), reason="  ")
    assert err.value.code == "late_entry_reason_required"
    assert counts(store) == before


def test_a_desk_enters_the_last_days_older_lessons_need_an_administrator(store, evening):
    four_weeks_on = local(10, 0, day=29)
    with pytest.raises(DomainError) as err:
        _scan(store, evening, "王芳", local(19, 5), four_weeks_on, DESK_STAFF, "desk_outage")
    assert err.value.code == "late_entry_needs_admin" and err.value.details["days"] == 7
    assert live_rows(store, evening.learners["王芳"]) == []
    # Within the week a desk may; the setting widens it.
    assert _scan(store, evening, "孙艳", local(19, 5), local(10, 0, day=8), DESK_STAFF,
                 "desk_outage").late_entry_reason == "desk_outage"
    with store.write() as s:
        save_settings(s, SchoolSettings(late_entry_days=30))
    assert _scan(store, evening, "王芳", local(19, 5), four_weeks_on, DESK_STAFF,
                 "desk_outage").recorded
    assert _scan(store, evening, "张伟", local(19, 5), four_weeks_on, ADMIN,
                 "paper sign-in sheet found late").recorded


def test_a_future_time_is_refused(store, evening):
    with pytest.raises(DomainError) as err:
        _scan(store, evening, "王芳", local(20, 0), local(19, 5))
    assert err.value.code == "checkin_in_future"
    assert live_rows(store, evening.learners["王芳"]) == []


def test_a_paper_sheet_typed_in_after_the_lesson_is_a_late_entry(store, evening):
    with store.write() as s:
        record_paper_checkins(s, evening.lessons["A"], [(evening.learners["王芳"], local(18, 55))],
                              DESK, local(21, 30))
    [row] = live_rows(store, evening.learners["王芳"])
    assert row.late_entry_reason == "paper_sheet" and row.recorded_at == local(21, 30)
    with pytest.raises(DomainError) as err, store.write() as s:
        record_paper_checkins(s, evening.lessons["A"], [(evening.learners["孙艳"], local(19, 0))],
                              DESK_STAFF, local(12, 0, day=20))
    assert err.value.code == "late_entry_needs_admin"


def test_the_grid_shows_a_late_entry(store, evening):
    _scan(store, evening, "王芳", local(19, 5), local(9, 30, day=3), reason="paper_sheet")
    _scan(store, evening, "孙艳", local(19, 6), local(19, 6))
    with store.read() as s:
        grid = course_grid(s, evening.courses["A"], local(10, 0, day=3))
    column = [lesson.lesson_id for lesson in grid.lessons].index(evening.lessons["A"])
    rows = {r.learner_name: r for r in grid.rows}
    note = grid.late_entry(rows["王芳"].learner_id, column)
    assert note is not None
    assert (note.reason, note.recorded_at, note.desk) == ("paper_sheet", local(9, 30, day=3),
                                                          "前台1")
    assert grid.late_entry(rows["孙艳"].learner_id, column) is None


# The command line ---------------------------------------------------------------------


def _cli(store, monkeypatch, clock, *args):
    monkeypatch.setattr("frontdesk.commands.checkin.now_utc", lambda: clock)
    return main(["--db", str(store.sqlite_path), "--lang", "en", *args])


def test_backdated_cli_check_in_is_a_late_entry_with_the_real_time(store, evening, capsys,
                                                                   monkeypatch):
    token = evening.token("王芳")
    four_weeks_on = local(10, 0, day=29)
    assert _cli(store, monkeypatch, four_weeks_on, "checkin", token, "--at",
                "2026-12-01T19:05", "--lesson", str(evening.lessons["A"])) == 2
    assert "needs a reason" in capsys.readouterr().err
    assert _cli(store, monkeypatch, four_weeks_on, "checkin", token, "--at",
                "2026-12-01T19:05", "--lesson", str(evening.lessons["A"]),
                "--late-reason", "paper_sheet") == 0
    out = capsys.readouterr().out
    assert "Checked in: 王芳" in out and "late entry (paper sign-in sheet)" in out
    with store.read() as s:
        row = s.scalars(select(Attendance)).one()
    assert (row.at, row.recorded_at) == (local(19, 5), four_weeks_on)
    assert _cli(store, monkeypatch, local(19, 0), "checkin", evening.token("李强"), "--at",
                "2026-12-01T19:30") == 2
    assert "has not come yet" in capsys.readouterr().err
