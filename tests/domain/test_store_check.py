"""Tamper evidence: every way of rewriting the past is refused or named.

Each test tampers with a copy of the demo school the way the issue found
possible, by raw SQL as someone holding the file would, and checks that the
verifier names the row (or that the store refuses outright).
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text

from frontdesk.store.check import Problem, check_store
from frontdesk.store.engine import Store
from frontdesk.store.models import LedgerEntry


@pytest.fixture
def school(demo_store: Store, actor, now) -> Store:
    """The demo school with an audit trail written three ways (ORM, Core, batch)."""
    from frontdesk.staff import audit

    with demo_store.write() as s:
        for n in range(4):
            audit.record(s, actor, "learner.edit", now, entity="learner", entity_id=n + 1,
                         after={"note": f"edit {n}"})
            audit.record_now(s, actor, now, audit.Event("checkin.manual", "attendance", n + 1))
        audit.record_many(s, actor, now, [audit.Event("learner.import", "learner", n)
                                          for n in range(10)])
    return demo_store


def _raw(store: Store) -> sqlite3.Connection:
    """The store file as a plain sqlite3 client opens it: no FrontDesk pragmas."""
    assert store.sqlite_path is not None
    store.dispose()
    return sqlite3.connect(store.sqlite_path, isolation_level=None)


def _middle_payment(store: Store) -> tuple[int, int]:
    with store.read() as s:
        ids = s.scalars(select(LedgerEntry.id).where(LedgerEntry.receipt_no.isnot(None))
                        .order_by(LedgerEntry.id)).all()
        entry = s.get(LedgerEntry, ids[len(ids) // 2])
        assert entry is not None
        return entry.id, entry.amount_fen


def test_an_untouched_store_checks_clean(school):
    assert check_store(school) == []


@pytest.mark.parametrize("table", ["ledger_entry", "audit_event"])
def test_insert_or_replace_is_refused_through_frontdesk(school, table):
    with pytest.raises(Exception, match="append-only"), school.write() as s:
        s.execute(text(f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE id = 5"))


@pytest.mark.parametrize("table", ["ledger_entry", "audit_event"])
def test_insert_or_replace_is_refused_from_a_plain_sqlite_client(school, table):
    raw = _raw(school)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM {table} WHERE id = 5")
    raw.close()


def test_a_changed_amount_names_the_entry(school):
    entry_id, amount = _middle_payment(school)
    raw = _raw(school)
    raw.execute("DROP TRIGGER ledger_entry_no_update")
    raw.execute("UPDATE ledger_entry SET amount_fen = 1 WHERE id = ?", (entry_id,))
    raw.close()
    problems = check_store(school)
    assert Problem("chain_row_changed", "ledger_entry", entry_id) in problems
    assert Problem("guard_missing", "ledger_entry", None, "ledger_entry_no_update") in problems
    assert amount != 1


def test_a_replaced_row_with_triggers_off_names_the_entry(school):
    """An older store's INSERT OR REPLACE (no guard then): the row's content changed."""
    entry_id, _amount = _middle_payment(school)
    raw = _raw(school)
    for name in ("no_replace", "no_delete"):
        raw.execute(f"DROP TRIGGER ledger_entry_{name}")
    raw.execute("CREATE TEMP TABLE t AS SELECT * FROM ledger_entry WHERE id = ?", (entry_id,))
    raw.execute("UPDATE t SET amount_fen = 1")
    raw.execute("INSERT OR REPLACE INTO ledger_entry SELECT * FROM t")
    raw.close()
    assert Problem("chain_row_changed", "ledger_entry", entry_id) in check_store(school)


def test_a_changed_row_given_a_fresh_hash_breaks_the_next_link(school):
    entry_id, _amount = _middle_payment(school)
    raw = _raw(school)
    raw.execute("DROP TRIGGER ledger_entry_no_update")
    raw.execute("UPDATE ledger_entry SET amount_fen = 1, row_hash = ? WHERE id = ?",
                ("f" * 64, entry_id))
    raw.close()
    next_id = raw_next_id(school, "ledger_entry", entry_id)
    problems = check_store(school)
    assert Problem("chain_row_changed", "ledger_entry", entry_id) in problems
    assert not any(p.row_id == next_id for p in problems)  # the first broken link only


def raw_next_id(store: Store, table: str, after: int) -> int:
    with store.read() as s:
        return int(s.execute(text(f"SELECT min(id) FROM {table} WHERE id > :a"),
                             {"a": after}).scalar_one())


@pytest.mark.parametrize("table", ["ledger_entry", "audit_event"])
def test_a_deleted_row_names_the_row_after_it(school, table):
    victim = 7
    following = raw_next_id(school, table, victim)
    raw = _raw(school)
    raw.execute(f"DROP TRIGGER {table}_no_delete")
    raw.execute("PRAGMA foreign_keys = OFF")
    raw.execute(f"DELETE FROM {table} WHERE id = ?", (victim,))
    raw.close()
    assert Problem("chain_link_broken", table, following) in check_store(school)


def test_a_deleted_last_audit_event_is_missed_by_no_one(school):
    raw = _raw(school)
    raw.execute("DROP TRIGGER audit_event_no_delete")
    count = raw.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    raw.execute("DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    raw.close()
    assert Problem("chain_rows_missing", "audit_event", None,
                   f"{count - 1}/{count}") in check_store(school)


def test_a_deleted_payment_leaves_a_gap_in_the_receipts(school):
    entry_id, _amount = _middle_payment(school)
    raw = _raw(school)
    receipt = raw.execute("SELECT receipt_no FROM ledger_entry WHERE id = ?",
                          (entry_id,)).fetchone()[0]
    raw.execute("DROP TRIGGER ledger_entry_no_delete")
    raw.execute("DELETE FROM ledger_entry WHERE id = ?", (entry_id,))
    raw.close()
    problems = check_store(school)
    year, number = receipt[-11:-7], int(receipt[-6:])
    assert Problem("number_missing", "ledger_entry", None, f"{year}:{number}") in problems


def test_a_row_slipped_in_without_a_seal_is_named(school):
    raw = _raw(school)
    raw.execute("DROP TRIGGER audit_event_no_replace")
    raw.execute("INSERT INTO audit_event (at, desk, action, entity) "
                "VALUES ('2026-12-01 10:00:00.000000', '', 'learner.add', 'learner')")
    new_id = raw.execute("SELECT max(id) FROM audit_event").fetchone()[0]
    raw.close()
    assert Problem("chain_unsealed", "audit_event", new_id) in check_store(school)


def test_a_cash_up_no_longer_matching_its_day_is_named(school):
    raw = _raw(school)
    closing = raw.execute("SELECT id FROM cash_up WHERE expected_cash_fen > 0 LIMIT 1").fetchone()
    raw.execute("UPDATE cash_up SET expected_cash_fen = expected_cash_fen + 100 WHERE id = ?",
                closing)
    raw.close()
    assert any(p.code == "cash_up_mismatch" and p.row_id == closing[0]
               for p in check_store(school))


def test_a_page_torn_out_of_the_file_is_reported_not_raised(school):
    path = school.sqlite_path
    assert path is not None
    school.dispose()
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(5, 9):
        data[n * page:(n + 1) * page] = b"\xa5" * page
    path.write_bytes(bytes(data))
    problems = check_store_safely(school)
    assert problems and problems[0].code == "integrity"


def check_store_safely(store: Store) -> list[Problem]:
    from frontdesk.store.check import safe_check_store

    return safe_check_store(store)


# The command, the evening backup and the administrator --------------------------


def test_verify_store_on_the_command_line_names_the_row(school, capsys):
    from frontdesk.cli import main

    entry_id, _amount = _middle_payment(school)
    path = str(school.sqlite_path)
    assert main(["--lang", "en", "--db", path, "verify-store"]) == 0
    assert "The store checks out" in capsys.readouterr().out
    raw = _raw(school)
    raw.execute("DROP TRIGGER ledger_entry_no_update")
    raw.execute("UPDATE ledger_entry SET amount_fen = 1 WHERE id = ?", (entry_id,))
    raw.close()
    assert main(["--lang", "en", "--db", path, "verify-store"]) == 1
    out = capsys.readouterr().out
    assert f"Ledger entry {entry_id} was changed after it was written." in out
    assert "Traceback" not in out
    assert main(["--lang", "zh_CN", "--db", path, "verify-store"]) == 1
    assert f"{entry_id}" in capsys.readouterr().out


def test_an_evening_backup_that_finds_tampering_leaves_a_warning_until_an_admin_looks(
        school, tmp_path, now):
    from frontdesk.errors import DomainError
    from frontdesk.staff.actor import Actor
    from frontdesk.staff.store_check import acknowledge_check_failure
    from frontdesk.store.backup import automatic_backup, set_backup_folder
    from frontdesk.store.check import pending_failure
    from frontdesk.store.models import AuditEvent
    from frontdesk.vocab import StaffRole

    admin = Actor(staff_id=None, desk="前台1", role=StaffRole.ADMIN)
    with school.write() as s:
        set_backup_folder(s, tmp_path / "backups", admin, now)
    entry_id, _amount = _middle_payment(school)
    raw = _raw(school)
    raw.execute("DROP TRIGGER ledger_entry_no_update")
    raw.execute("UPDATE ledger_entry SET amount_fen = 1 WHERE id = ?", (entry_id,))
    raw.close()
    evening = now.replace(hour=14)  # 22:00 in Shenzhen
    assert automatic_backup(school, evening) is not None
    with school.read() as s:
        failure = pending_failure(s)
    assert failure is not None
    assert Problem("chain_row_changed", "ledger_entry", entry_id) in failure.problems
    with pytest.raises(DomainError) as refused, school.write() as s:
        acknowledge_check_failure(s, Actor(desk="前台1", role=StaffRole.DESK), evening)
    assert refused.value.code == "role_forbidden"
    with school.write() as s:
        acknowledge_check_failure(s, admin, evening)
    with school.read() as s:
        assert pending_failure(s) is None
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None and last.action == "store_check.acknowledge"
