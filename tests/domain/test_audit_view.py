"""The audit trail: append-only in the store, filtered and paged, exported to .xlsx."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import Reason, ReasonCode, refund, take_payment
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.accounts import SignedIn, add_staff, create_first_admin, sign_in
from frontdesk.staff.actor import Actor
from frontdesk.staff.audit_view import (
    HEADERS,
    AuditFilter,
    AuditRow,
    audit_actions,
    audit_events,
    export_audit,
)
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent
from frontdesk.vocab import StaffRole
from tests.domain.fees_fixtures import School, make_school

PASSWORD = "secret-2026"
HOUR = dt.timedelta(hours=1)


class Trail:
    """A school whose trail has setup events, then a cashier's evening an hour later."""

    def __init__(self, store: Store, now: dt.datetime) -> None:
        self.store, self.now = store, now
        setup = Actor(desk="前台1")
        self.school: School = make_school(store, setup, now)
        with store.write() as s:
            self.admin: SignedIn = create_first_admin(s, "boss", "周校长", PASSWORD, now)
            self.cashier_id = add_staff(s, "cash", "李出纳", StaffRole.CASHIER, PASSWORD,
                                        self.admin.actor("前台1"), now).id
        later = now + HOUR
        with store.write() as s:
            sign_in(s, "cash", "wrong password", "前台2", later)
        with store.write() as s:
            self.cashier = sign_in(s, "cash", PASSWORD, "前台2", later).result()
        cashier = self.cashier.actor("前台2")
        with store.write() as s:
            paid = take_payment(s, self.school.enrollment_ids[0], 10_000, "cash", cashier, later)
            refund(s, paid.entry_id, 5_000, Reason(ReasonCode.WITHDRAWN), cashier, later)
            take_payment(s, self.school.enrollment_ids[1], 30_000, "cash", cashier, later)

    def rows(self, **filters: object) -> list[AuditRow]:
        with self.store.read() as s:
            return audit_events(s, **filters)  # type: ignore[arg-type]


@pytest.fixture
def trail(store: Store, now: dt.datetime) -> Trail:
    return Trail(store, now)


def test_the_store_refuses_to_change_or_delete_an_event(trail: Trail) -> None:
    for sql in ("UPDATE audit_event SET action = 'nothing'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), trail.store.write() as s:
            s.execute(text(sql))
    with trail.store.read() as s:
        assert "nothing" not in s.scalars(select(AuditEvent.action)).all()


def test_newest_first_with_who_did_it(trail: Trail) -> None:
    newest = trail.rows(limit=4)
    assert [r.action for r in newest] == ["ledger.payment", "ledger.refund", "ledger.payment",
                                          "staff.sign_in"]
    payment = newest[0]
    assert (payment.staff_id, payment.staff_name, payment.desk) == (
        trail.cashier.staff_id, "李出纳", "前台2")
    assert (payment.learner_id, payment.learner_code, payment.learner_name) == (
        trail.school.learner_ids[1], trail.school.learner_codes[1], "李娜")
    assert payment.after is not None and payment.after["amount_fen"] == 30_000


def test_filters_combine(trail: Trail) -> None:
    first = trail.school.learner_ids[0]
    assert [r.action for r in trail.rows(learner_id=first, action_prefix="ledger.")] == [
        "ledger.refund", "ledger.payment"]
    assert {r.action for r in trail.rows(staff_id=trail.cashier.staff_id)} == {
        "staff.sign_in_failed", "staff.sign_in", "ledger.payment", "ledger.refund"}
    evening = trail.rows(since=trail.now + HOUR)
    assert len(evening) == 5 and all(r.at == trail.now + HOUR for r in evening)
    setup = trail.rows(until=trail.now + HOUR, limit=1000)
    assert {r.action for r in setup} == {"course.add", "learner.add", "enrollment.add",
                                         "staff.add"}
    assert trail.rows(since=trail.now + HOUR, until=trail.now + HOUR) == []


def test_an_action_prefix_is_a_prefix_not_a_pattern(trail: Trail) -> None:
    assert [r.action for r in trail.rows(action_prefix="staff.sign_in")] == [
        "staff.sign_in", "staff.sign_in_failed"]
    assert trail.rows(action_prefix="staff.sign_in_f")[0].action == "staff.sign_in_failed"
    # "_" would match any one character in a LIKE pattern; here it is only "_".
    assert trail.rows(action_prefix="staff.sign_in_") == trail.rows(
        action_prefix="staff.sign_in_failed")
    assert trail.rows(action_prefix="ledger%") == []


def test_pages_follow_on_without_gaps_or_repeats(trail: Trail) -> None:
    everything = trail.rows(limit=1000)
    pages, after_id = [], None
    while True:
        page = trail.rows(limit=3, after_id=after_id)
        if not page:
            break
        pages.append(page)
        after_id = page[-1].id
    assert [r.id for page in pages for r in page] == [r.id for r in everything]
    assert all(len(p) == 3 for p in pages[:-1])
    with pytest.raises(ValueError):
        trail.rows(limit=0)


def test_the_actions_for_the_filter(trail: Trail) -> None:
    with trail.store.read() as s:
        assert audit_actions(s) == ["course.add", "enrollment.add", "learner.add",
                                    "ledger.payment", "ledger.refund", "staff.add",
                                    "staff.sign_in", "staff.sign_in_failed"]


def test_export_reads_back_in_the_school_time(trail: Trail, tmp_path: Path) -> None:
    with trail.store.write() as s:  # a name that would be a formula in Excel
        add_learner(s, LearnerInput("=HYPERLINK(\"http://x\")"), Actor(desk="前台1"),
                    trail.now + 2 * HOUR)
    path = tmp_path / "审计.xlsx"
    with trail.store.read() as s:
        count = export_audit(s, path, AuditFilter(since=trail.now + HOUR),
                             trail.admin.actor("前台1"))
    assert count == 6
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    newest = rows[1]
    assert newest[1] == dt.datetime(2026, 12, 1, 21, 5)  # 13:05 UTC is 21:05 in Shenzhen
    assert newest[4] == "learner.add" and newest[8] == "=HYPERLINK(\"http://x\")"
    assert sheet.cell(row=2, column=9).data_type == "s"
    payment = rows[2]
    assert payment[2:5] == ("李出纳", "前台2", "ledger.payment")
    assert '"amount_fen": 30000' in payment[10]
    assert not list(tmp_path.glob("*.part"))  # no scratch file left beside it


def test_export_to_a_folder_that_is_not_there_is_refused(trail: Trail, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as err, trail.store.read() as s:
        export_audit(s, tmp_path / "no" / "审计.xlsx", AuditFilter(), trail.admin.actor(""))
    assert err.value.code == "audit_export_cannot_write"


def test_cli_prints_filters_and_exports(
    trail: Trail, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORD}\n" * 4))
    assert trail.store.sqlite_path is not None
    db = ["--db", str(trail.store.sqlite_path), "--lang", "en", "--user", "boss",
          "--password-stdin"]
    assert main([*db, "audit", "--staff", "cash", "--action", "ledger.", "--from",
                 "2026-12-01", "--to", "2026-12-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("李出纳  前台2  ledger." in line for line in lines)
    assert lines[0].startswith("2026-12-01 20:05:00")
    assert main([*db, "audit", "--from", "2026-12-02", "--to", "2026-12-02"]) == 0
    assert capsys.readouterr().out.strip() == "No events match."
    out = tmp_path / "trail.xlsx"
    assert main([*db, "audit", "--learner", trail.school.learner_codes[0], "--out",
                 str(out)]) == 0
    # added, enrolled on two courses, paid, refunded
    assert capsys.readouterr().out.strip() == f"Wrote 5 events to {out}."
    assert trail.rows(limit=1)[0].action == "export.audit"
    assert main([*db, "audit", "--staff", "nobody"]) == 2
