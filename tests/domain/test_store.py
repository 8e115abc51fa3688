"""Opening, upgrading and refusing stores; the store's own rules."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.store import KNOWN_REVISIONS, SCHEMA_HEAD
from frontdesk.store.engine import StoreError, StoreProblem, open_store
from frontdesk.store.migrate import alembic_config, downgrade_to, upgrade_to_head
from frontdesk.store.models import Base, Learner


def test_known_revisions_match_alembic_history():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [SCHEMA_HEAD]
    history = [rev.revision for rev in scripts.walk_revisions()]
    assert tuple(reversed(history)) == KNOWN_REVISIONS


def test_sqlite_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_downgrade_and_upgrade_again_with_data(store, actor, now):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    downgrade_to(store.engine, "base")
    with store.engine.connect() as conn:
        assert "learner" not in store.engine.dialect.get_table_names(conn)
    upgrade_to_head(store.engine)
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
        assert s.scalar(select(func.count()).select_from(Learner)) == 1


def _where(clause: object) -> str:
    """A partial index's condition, as the models or the store spell it."""
    return "" if clause is None else " ".join(str(clause).strip("() ").split()).lower()


def _ours(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    # The trigram name index (an FTS5 table and its shadow tables) and the
    # short search keys are the migrations' own, made beside the models; so
    # are the triggers that keep them.
    return not (type_ == "table" and reflected and compare_to is None
                and str(name).startswith(("learner_fts", "learner_key")))


@pytest.mark.parametrize(
    "kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_migrated_store_matches_the_models(request, kind):
    """What `alembic check` would say: autogenerate finds nothing to add."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import inspect

    store = request.getfixturevalue("store" if kind == "sqlite" else "pg_store")
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _ours})
        assert compare_metadata(context, Base.metadata) == []
    # Autogenerate does not compare a partial index's condition: check it here.
    dialect = store.engine.dialect.name
    inspector = inspect(store.engine)
    partial = 0
    for table in Base.metadata.sorted_tables:
        reflected = {ix["name"]: ix for ix in inspector.get_indexes(table.name)}
        for index in table.indexes:
            wanted = _where(index.dialect_options[dialect]["where"])
            found = reflected[index.name].get("dialect_options", {}).get(f"{dialect}_where")
            assert _where(found) == wanted, index.name
            partial += bool(wanted)
    assert partial == 3  # live attendance, live certificate, payment reference


def test_store_from_newer_version_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    path = store.sqlite_path
    store.dispose()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert err.value.problem is StoreProblem.NEWER_VERSION and err.value.detail == "9999"


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        open_store(junk)
    assert err.value.problem is StoreProblem.NOT_A_STORE
    assert junk.read_text(encoding="utf-8") == "这不是数据库"


def test_another_programs_sqlite_file_is_refused(tmp_path: Path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    with pytest.raises(StoreError) as err:
        open_store(other)
    assert err.value.problem is StoreProblem.NOT_A_STORE


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder_is_refused(tmp_path: Path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StoreError) as err:
        open_store(locked / "frontdesk.sqlite3")
    assert err.value.problem is StoreProblem.CANNOT_OPEN


def test_path_under_a_file_is_refused(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as err:
        open_store(blocker / "frontdesk.sqlite3")
    assert err.value.problem is StoreProblem.CANNOT_OPEN


def test_a_store_that_fails_under_a_desk_says_so_not_a_driver_error(store):
    """The windows catch StoreError only: reads and writes never let the driver's error out."""
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE learner RENAME TO learner_gone"))
    for unit in (store.read, store.write):
        with pytest.raises(StoreError) as err, unit() as session:
            session.execute(text("SELECT count(*) FROM learner"))
        assert err.value.problem is StoreProblem.DAMAGED  # a table gone: not as FrontDesk left it
        assert "learner" in err.value.detail


def test_backup_taken_before_an_upgrade(tmp_path: Path, monkeypatch, actor, now):
    import frontdesk.store.engine as engine_module

    path = tmp_path / "school.sqlite3"
    store = open_store(path)
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    store.dispose()
    # Pretend this FrontDesk knows a newer head than the store has.
    monkeypatch.setattr(engine_module, "SCHEMA_HEAD", "9999")
    monkeypatch.setattr(engine_module, "KNOWN_REVISIONS", (*engine_module.KNOWN_REVISIONS, "9999"))
    upgrades = []
    monkeypatch.setattr("frontdesk.store.migrate.upgrade_to_head", upgrades.append)
    open_store(path).dispose()
    backups = list(tmp_path.glob("school.before-upgrade-*.sqlite3"))
    assert len(backups) == 1 and len(upgrades) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT name FROM learner").fetchall() == [("王喆",)]


def test_ledger_and_audit_are_append_only(store, actor, now):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    for statement in ("UPDATE audit_event SET action = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))


def test_core_never_imports_qt_or_ui():
    import ast

    root = Path(__file__).resolve().parents[2] / "frontdesk"
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                names = [a.value for a in node.args if isinstance(a, ast.Constant)]
            offenders += [
                f"{path.name}: {n}" for n in names
                if n.split(".")[0] in {"PySide6", "shiboken6", "ui", "PyQt5", "PyQt6"}
            ]
    assert offenders == []
