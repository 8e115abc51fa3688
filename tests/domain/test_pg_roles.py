"""On PostgreSQL the desks log in as a role that can only add to the past."""

from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.check import Problem, check_store
from frontdesk.store.engine import Store, open_store

pytestmark = pytest.mark.postgres


def _desk_role(pg_store: Store) -> str:
    role = os.environ.get("FRONTDESK_TEST_PG_DESK_ROLE")
    if not role:
        pytest.skip("FRONTDESK_TEST_PG_DESK_ROLE is not set (.ci/run creates it)")
    from frontdesk.cli import main

    assert main(["--db", pg_store.url, "grant-desk-role", role]) == 0  # as README shows
    return role


def _as(pg_store: Store, role: str) -> Store:
    url = make_url(pg_store.url).set(username=role, password=None)
    return open_store(url.render_as_string(hide_password=False))


def _events(store: Store, count: int, desk: str) -> None:
    actor = Actor(desk=desk)
    import datetime as dt

    for n in range(count):
        with store.write() as s:
            audit.record(s, actor, "learner.edit", dt.datetime.now(dt.UTC), entity="learner",
                         entity_id=n, after={"n": n})


@pytest.mark.parametrize("statement", [
    "UPDATE ledger_entry SET amount_fen = 1",
    "DELETE FROM audit_event",
    "TRUNCATE audit_event",
    "TRUNCATE ledger_entry CASCADE",
    "ALTER TABLE ledger_entry DISABLE TRIGGER ledger_entry_append_only",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "ALTER TABLE ledger_entry ADD COLUMN x integer",
    "DROP TRIGGER audit_event_no_truncate ON audit_event",
])
def test_the_desk_role_cannot_rewrite_the_past(pg_store, statement):
    role = _desk_role(pg_store)
    _events(pg_store, 2, "owner")
    desk = _as(pg_store, role)
    try:
        with pytest.raises(DBAPIError, match=r"permission denied|must be owner|append-only"), \
                desk.engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        desk.dispose()


def test_the_desk_role_adds_events_and_the_chain_holds(pg_store):
    role = _desk_role(pg_store)
    desk = _as(pg_store, role)
    try:
        _events(desk, 3, "前台1")
        with desk.read() as s:
            assert s.execute(text("SELECT count(*) FROM audit_event")).scalar_one() == 3
    finally:
        desk.dispose()
    assert check_store(pg_store) == []


def test_truncate_is_refused_even_to_the_owner(pg_store):
    _events(pg_store, 2, "owner")
    with pytest.raises(DBAPIError, match="append-only"), pg_store.engine.begin() as conn:
        conn.execute(text("TRUNCATE audit_event"))


def test_an_owner_who_disables_the_guard_is_still_found_out(pg_store):
    _events(pg_store, 5, "owner")
    with pg_store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"))
        victim = conn.execute(text("SELECT min(id) + 2 FROM audit_event")).scalar_one()
        conn.execute(text("UPDATE audit_event SET desk = 'elsewhere' WHERE id = :v"),
                     {"v": victim})
    problems = check_store(pg_store)
    assert Problem("chain_row_changed", "audit_event", victim) in problems
    assert Problem("guard_missing", "audit_event", None, "audit_event_append_only") in problems


def test_two_desks_writing_audit_events_at_once_keep_one_chain(pg_store):
    url = pg_store.url
    errors: list[BaseException] = []

    def desk(name: str) -> None:
        store = open_store(url)
        try:
            _events(store, 40, name)
        except BaseException as exc:
            errors.append(exc)
        finally:
            store.dispose()

    threads = [threading.Thread(target=desk, args=(f"前台{n}",)) for n in (1, 2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert check_store(pg_store) == []
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_event")).scalar_one() == 120
    engine.dispose()


def test_a_desk_role_leaves_schema_upgrades_to_the_owner(pg_store, capsys):
    from frontdesk.cli import main
    from frontdesk.store.engine import StoreError, StoreProblem
    from frontdesk.store.migrate import downgrade_to

    role = _desk_role(pg_store)
    downgrade_to(pg_store.engine, "0001")
    with pg_store.engine.begin() as conn:  # what a 0.1.0 owner would have granted
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    with pytest.raises(StoreError) as refused:
        _as(pg_store, role)
    assert refused.value.problem is StoreProblem.NEEDS_OWNER
    url = make_url(pg_store.url).set(username=role, password=None)
    code = main(["--lang", "en", "--db", url.render_as_string(hide_password=False),
                 "outstanding"])
    err = capsys.readouterr().err
    assert code == 2 and "must be upgraded" in err and "Traceback" not in err
