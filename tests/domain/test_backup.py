"""Backups, rotation and restore: what an admin finds in the folder and in the store."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import sqlite3
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import take_payment
from frontdesk.messages import describe
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.backup import (
    BackupKind,
    automatic_backup,
    backup_due,
    backup_folder,
    backup_name,
    list_backups,
    parse_name,
    rotate,
    set_backup_folder,
    take_backup,
)
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import AuditEvent, Counter, Learner, LedgerEntry
from frontdesk.store.pg_backup import pg_dump_command
from frontdesk.store.restore import inspect_backup, restore
from frontdesk.vocab import PaymentMethod, StaffRole
from tests.crash_child import child
from tests.domain.fees_fixtures import make_school

SHENZHEN = dt.timezone(dt.timedelta(hours=8))
ADMIN = Actor(desk="前台1", role=StaffRole.ADMIN)


def snapshot(store: Store) -> tuple[object, ...]:
    """What the desk sees: learners, the ledger and the receipt counters."""
    with store.read() as s:
        return (
            s.execute(select(Learner.code, Learner.name).order_by(Learner.id)).all(),
            s.execute(select(LedgerEntry.kind, LedgerEntry.amount_fen, LedgerEntry.receipt_no)
                      .order_by(LedgerEntry.id)).all(),
            # (the audit chain's own count grows with the restore's audit event)
            s.execute(select(Counter.name, Counter.value).where(Counter.name != "chain:audit_event")
                      .order_by(Counter.name)).all(),
        )


def pay(store: Store, enrollment_id: int, amount: int, actor: Actor, now: dt.datetime) -> str:
    with store.write() as s:
        done = take_payment(s, enrollment_id, amount, PaymentMethod.CASH, actor, now)
    assert done.receipt_no is not None
    return done.receipt_no


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Taking a backup -------------------------------------------------------------------


def test_backup_is_a_checked_single_file_named_for_the_school_evening(store, actor, now,
                                                                      tmp_path):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    folder = tmp_path / "backups"
    path = take_backup(store, folder, now, BackupKind.START)
    # 11:05 UTC is 19:05 in Shenzhen: the name says the school's time.
    assert files(folder) == ["store-20261201-190500+0800-start.sqlite3"]
    assert path == folder / "store-20261201-190500+0800-start.sqlite3"
    assert inspect_backup(path).learners == 1
    assert path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: no -wal needed
    described = parse_name(path)
    assert described is not None and described.kind is BackupKind.START
    assert described.taken_at == now and described.stem == "store"


def test_two_backups_in_one_second_both_kept(store, now, tmp_path):
    first = take_backup(store, tmp_path, now, BackupKind.MANUAL)
    second = take_backup(store, tmp_path, now, BackupKind.MANUAL)
    assert first != second and second.name.endswith("-manual-2.sqlite3")
    assert [b.path for b in list_backups(tmp_path)].count(second) == 1


def test_backup_while_a_desk_is_writing_holds_only_what_was_committed(store, actor, now,
                                                                      tmp_path):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    with store.write() as s:
        add_learner(s, LearnerInput("李娜", "13912345678"), actor, now)
        s.flush()  # written, not committed, while the backup runs
        path = take_backup(store, tmp_path, now, BackupKind.EVENING)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM learner").fetchall() == [("王喆",)]


@pytest.mark.parametrize("failure", [
    OSError(errno.ENOSPC, "No space left on device"),
    sqlite3.OperationalError("database or disk is full"),
])
def test_disk_full_leaves_no_partial_file_and_the_store_untouched(
        store, actor, now, tmp_path, monkeypatch, failure):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    before, store_bytes = snapshot(store), sha(store.sqlite_path)

    def fill_the_disk(source: Path, destination: Path) -> Path:
        destination.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # half a copy
        raise failure

    monkeypatch.setattr("frontdesk.store.backup.backup_sqlite", fill_the_disk)
    folder = tmp_path / "backups"
    with pytest.raises(DomainError) as err:
        take_backup(store, folder, now, BackupKind.EVENING)
    assert err.value.code == "backup_disk_full"
    assert "full" in describe(err.value.code, err.value.details, "en")
    assert str(folder) in describe(err.value.code, err.value.details, "en")
    assert files(folder) == []
    assert snapshot(store) == before and sha(store.sqlite_path) == store_bytes


def test_a_copy_that_fails_its_check_is_not_kept(store, now, tmp_path, monkeypatch):
    def bad_copy(source: Path, destination: Path) -> Path:
        with sqlite3.connect(destination) as conn:
            conn.execute("CREATE TABLE photos (id INTEGER)")
        conn.close()
        return destination

    monkeypatch.setattr("frontdesk.store.backup.backup_sqlite", bad_copy)
    with pytest.raises(DomainError) as err:
        take_backup(store, tmp_path / "b", now, BackupKind.START)
    assert err.value.code == "backup_verify_failed"
    assert files(tmp_path / "b") == []


def test_a_folder_that_cannot_be_written_is_refused(store, now, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DomainError) as err:
        take_backup(store, blocker / "backups", now, BackupKind.START)
    assert err.value.code == "backup_folder_unusable"


# Where backups go, and when --------------------------------------------------------


def test_backup_folder_is_beside_the_store_until_an_admin_chooses(store, now, tmp_path):
    assert backup_folder(store) == store.sqlite_path.parent / "backups"
    with pytest.raises(DomainError) as err, store.write() as s:
        set_backup_folder(s, tmp_path / "usb", Actor(desk="前台1", role=StaffRole.DESK), now)
    assert err.value.code == "role_forbidden"
    with store.write() as s:
        set_backup_folder(s, tmp_path / "usb", ADMIN, now)
    assert backup_folder(store) == tmp_path / "usb"
    with store.read() as s:
        assert s.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == (
            "settings.backup_folder")
    assert automatic_backup(store, now, starting=True) is not None
    assert [b.kind for b in list_backups(tmp_path / "usb")] == [BackupKind.START]


def at_local(day: int, hour: int, minute: int = 0, month: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHENZHEN).astimezone(dt.UTC)


def test_evening_backup_is_due_once_after_the_lessons(store, tmp_path):
    with store.write() as s:
        set_backup_folder(s, tmp_path, ADMIN, at_local(1, 18))
    assert automatic_backup(store, at_local(1, 18), starting=True) is not None
    assert not backup_due(tmp_path, at_local(1, 21, 0), stem="store")
    assert backup_due(tmp_path, at_local(1, 21, 40), stem="store")
    assert backup_due(tmp_path, at_local(1, 21, 40), stem="other-store")
    assert automatic_backup(store, at_local(1, 20)) is None
    evening = automatic_backup(store, at_local(1, 21, 40))
    assert evening is not None and parse_name(evening).kind is BackupKind.EVENING
    assert automatic_backup(store, at_local(1, 22, 30)) is None  # once an evening
    assert not backup_due(tmp_path, at_local(2, 9), stem="store")  # the next morning
    assert backup_due(tmp_path, at_local(2, 21, 31), stem="store")


def test_a_start_after_the_lessons_counts_as_the_evening_backup(store, tmp_path):
    with store.write() as s:
        set_backup_folder(s, tmp_path, ADMIN, at_local(1, 22))
    automatic_backup(store, at_local(1, 22), starting=True)
    assert not backup_due(tmp_path, at_local(1, 22, 10), stem="store")


def test_start_backups_are_one_a_day_however_often_the_desk_starts(store, tmp_path):
    with store.write() as s:
        set_backup_folder(s, tmp_path, ADMIN, at_local(1, 18))
    assert automatic_backup(store, at_local(1, 18), starting=True) is not None
    for minutes in (4, 9, 12):  # three restarts in twelve minutes
        assert automatic_backup(store, at_local(1, 18, minutes), starting=True) is None
    assert automatic_backup(store, at_local(2, 9), starting=True) is not None  # the next day
    assert [b.kind for b in list_backups(tmp_path)] == [BackupKind.START] * 2


def fake_backups(folder: Path, times: list[dt.datetime], kind: BackupKind,
                 stem: str = "frontdesk") -> list[Path]:
    folder.mkdir(exist_ok=True)
    made = []
    for at in times:
        path = folder / backup_name(stem, at.astimezone(SHENZHEN), kind)
        path.write_bytes(b"")
        made.append(path)
    return made


def test_rotation_keeps_14_days_8_weeks_and_all_of_the_last_day(tmp_path):
    now = at_local(28, 22)  # a Monday evening
    # Two automatic backups each day for 90 days: 19:00 (start) and 21:30 (evening).
    days = [now - dt.timedelta(days=d) for d in range(90)]
    starts = fake_backups(tmp_path, [d.replace(hour=11, minute=0) for d in days], BackupKind.START)
    evenings = fake_backups(tmp_path, [d.replace(hour=13, minute=30) for d in days],
                            BackupKind.EVENING)
    manual = fake_backups(tmp_path, [days[60]], BackupKind.MANUAL)
    other = fake_backups(tmp_path, [days[80]], BackupKind.START, stem="demo-school")
    (tmp_path / "notes.txt").write_text("mine")
    removed = rotate(tmp_path, now)
    kept = {b.path for b in list_backups(tmp_path)}
    # Today's two, then the evening (newest) one of each of the 13 days before.
    assert {starts[0], evenings[0]} | set(evenings[1:14]) <= kept
    assert not set(starts[1:]) & kept
    weeks = {b.taken_at.isocalendar()[:2] for b in list_backups(tmp_path, "frontdesk")
             if b.kind is not BackupKind.MANUAL}
    assert len(weeks) == 8
    # Three of the eight weeks lie within the 14 days: five more Sunday evenings.
    assert len([p for p in kept if p in evenings]) == 14 + 5
    assert set(manual) | set(other) <= kept and (tmp_path / "notes.txt").exists()
    assert set(removed) == set(starts + evenings) - kept
    assert rotate(tmp_path, now) == []  # nothing more to do


def test_rotation_after_a_long_break_keeps_the_latest_backups(tmp_path):
    now = at_local(28, 22)
    old = [at_local(1, 21, 30, month=6) + dt.timedelta(days=d) for d in range(30)]
    evenings = fake_backups(tmp_path, old, BackupKind.EVENING)
    rotate(tmp_path, now)  # the school was closed all summer
    kept = {b.path for b in list_backups(tmp_path)}
    assert set(evenings[-14:]) <= kept and len(kept) >= 14


def test_rotation_removes_partial_files_left_by_a_crash(tmp_path):
    now = at_local(28, 22)
    name = backup_name("frontdesk", at_local(27, 21, 30).astimezone(SHENZHEN), BackupKind.EVENING)
    stale = tmp_path / f".{name}.partial"
    stale.write_bytes(b"half")
    fresh_name = backup_name("frontdesk", at_local(28, 21, 59).astimezone(SHENZHEN),
                             BackupKind.EVENING)
    fresh = tmp_path / f".{fresh_name}.partial"  # another desk may be writing it now
    fresh.write_bytes(b"half")
    assert rotate(tmp_path, now) == [stale]
    assert fresh.exists()


# Restoring -------------------------------------------------------------------------


def test_restore_round_trip(store, actor, now, tmp_path):
    school = make_school(store, actor, now)
    pay(store, school.enrollment_ids[0], 10_000, actor, now)
    first = snapshot(store)
    folder = tmp_path / "backups"
    backup = take_backup(store, folder, now, BackupKind.EVENING)
    with store.write() as s:
        add_learner(s, LearnerInput("新学员", "13612345678"), actor, now)
    pay(store, school.enrollment_ids[1], 5_000, actor, now)
    second = snapshot(store)
    path = store.sqlite_path
    store.dispose()
    later = now + dt.timedelta(hours=1)
    result = restore(path, backup, later, ADMIN, folder=folder)
    back = open_store(path)
    try:
        assert snapshot(back) == first
        with back.read() as s:
            restored = s.scalars(select(AuditEvent).where(AuditEvent.action == "store.restored"))
            assert [e.at for e in restored] == [later]
        # The desk carries on from the restored ledger.
        assert pay(back, school.enrollment_ids[1], 1_000, actor, later) == "SB2026-000002"
    finally:
        back.dispose()
    assert result.before_restore is not None
    assert result.before_restore.name == "store-20261201-200500+0800-before-restore.sqlite3"
    kept = open_store(result.before_restore)
    try:
        assert snapshot(kept) == second  # the store as it was is not lost
    finally:
        kept.dispose()


def test_restore_onto_a_new_computer(store, now, tmp_path):
    backup = take_backup(store, tmp_path / "usb", now, BackupKind.MANUAL)
    fresh = tmp_path / "new-pc" / "frontdesk.sqlite3"
    result = restore(fresh, backup, now, ADMIN)
    assert result.before_restore is None
    open_store(fresh).dispose()


def _text(path: Path) -> Path:
    path.write_text("这不是数据库", encoding="utf-8")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _other_program(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    return path


def _ours(store: Store, path: Path) -> Path:
    made = take_backup(store, path.parent / "made", dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                       BackupKind.MANUAL)
    made.rename(path)
    return path


def _truncated(store: Store, path: Path) -> Path:
    data = _ours(store, path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _scribbled(store: Store, path: Path) -> Path:
    data = bytearray(_ours(store, path).read_bytes())
    page = 4096
    data[3 * page: 6 * page] = os.urandom(3 * page)  # pages of tables, not the header
    path.write_bytes(bytes(data))
    return path


def _garbage_behind_a_header(store: Store, path: Path) -> Path:
    data = _ours(store, path).read_bytes()
    path.write_bytes(data[:100] + os.urandom(len(data) - 100))
    return path


def _newer(store: Store, path: Path) -> Path:
    with sqlite3.connect(_ours(store, path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    return path


@pytest.mark.parametrize(("make", "code"), [
    (lambda store, p: p, "backup_file_not_found"),
    (lambda store, p: _text(p), "backup_not_sqlite"),
    (lambda store, p: _empty(p), "backup_not_sqlite"),
    (lambda store, p: _other_program(p), "backup_not_ours"),
    (_truncated, "backup_truncated"),
    (_scribbled, "backup_damaged"),
    (_garbage_behind_a_header, "backup_damaged"),
    (_newer, "backup_newer_version"),
    (lambda store, p: store.sqlite_path, "restore_same_file"),
], ids=["missing", "text", "empty", "other-program", "truncated", "scribbled", "garbage",
        "newer", "itself"])
def test_restore_refuses_what_is_not_a_whole_store_of_ours(store, actor, now, tmp_path,
                                                           make, code):
    make_school(store, actor, now)
    candidate = make(store, tmp_path / "candidate.sqlite3")
    before = snapshot(store)
    path = store.sqlite_path
    store.dispose()
    folder = tmp_path / "backups"
    with pytest.raises(DomainError) as err:
        restore(path, candidate, now, ADMIN, folder=folder)
    assert err.value.code == code
    assert describe(err.value.code, err.value.details, "en") != code  # has its words
    if code == "backup_newer_version":
        assert err.value.details["revision"] == "9999"
    back = open_store(path)
    try:
        assert snapshot(back) == before
    finally:
        back.dispose()
    assert files(folder) == []  # no safety copy of a restore that never started
    assert not list(path.parent.glob(".*restoring*"))


def test_restore_refuses_while_another_desk_has_the_store_open(store, actor, now, tmp_path):
    backup = take_backup(store, tmp_path / "b", now, BackupKind.MANUAL)
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    before = snapshot(store)
    path = store.sqlite_path
    store.dispose()
    with child("idle", str(path)) as desk:
        desk.wait_for("open")
        with pytest.raises(DomainError) as err:
            restore(path, backup, now, ADMIN, folder=tmp_path / "b")
        assert err.value.code == "restore_store_in_use"
    back = open_store(path)
    assert snapshot(back) == before
    with pytest.raises(DomainError) as err:  # nor while this process still has it open
        restore(path, backup, now, ADMIN, folder=tmp_path / "b")
    assert err.value.code == "restore_store_in_use"
    back.dispose()
    restore(path, backup, now, ADMIN, folder=tmp_path / "b")
    assert len(list_backups(tmp_path / "b")) == 2  # the backup and the before-restore copy


def test_restore_is_for_admins(store, now, tmp_path):
    backup = take_backup(store, tmp_path, now, BackupKind.MANUAL)
    path = store.sqlite_path
    store.dispose()
    with pytest.raises(DomainError) as err:
        restore(path, backup, now, Actor(desk="前台1", role=StaffRole.CASHIER))
    assert err.value.code == "role_forbidden"


def test_restore_over_a_crashed_store_ignores_its_stale_wal(store, actor, now, tmp_path):
    backup = take_backup(store, tmp_path, now, BackupKind.MANUAL)
    path = store.sqlite_path
    store.dispose()
    with child("half", str(path)) as desk:  # commits 王喆, dies inside a second write
        desk.wait_for("inside")
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    result = restore(path, backup, now, ADMIN, folder=tmp_path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT count(*) FROM learner").fetchone() == (0,)
    conn.close()
    assert result.before_restore is not None
    assert inspect_backup(result.before_restore).learners == 1  # the crash's commit, kept


# The command line ------------------------------------------------------------------


def test_cli_backup_and_restore(store, actor, now, tmp_path, capsys):
    with store.write() as s:
        add_learner(s, LearnerInput("王喆", "13812345678"), actor, now)
    path = store.sqlite_path
    store.dispose()
    folder = tmp_path / "usb"
    assert main(["--db", str(path), "--lang", "en", "backup", "--to", str(folder)]) == 0
    [backup] = list_backups(folder)
    assert f"Backup written: {backup.path}" in capsys.readouterr().out
    assert main(["--db", str(path), "--lang", "en", "restore", str(backup.path)]) == 0
    said = capsys.readouterr().out
    assert "1 learners" in said and "Nothing was changed" in said
    assert len(list_backups(folder)) == 1
    assert main(["--db", str(path), "--lang", "en", "restore", str(backup.path), "--yes"]) == 0
    assert "Restored" in capsys.readouterr().out
    junk = _text(tmp_path / "junk.sqlite3")
    assert main(["--db", str(path), "--lang", "en", "restore", str(junk), "--yes"]) == 2
    assert "is not a FrontDesk backup" in capsys.readouterr().err


# PostgreSQL -------------------------------------------------------------------------

PG_URL = "postgresql+psycopg://desk:s3cr%40t@db.school.lan:5433/nightschool?sslmode=require"


def test_pg_dump_command_keeps_the_password_off_the_command_line(tmp_path):
    args, env = pg_dump_command(PG_URL, tmp_path / "x.dump")
    assert args == ["pg_dump", "--format=custom", "--no-password", f"--file={tmp_path / 'x.dump'}",
                    "--host=db.school.lan", "--port=5433", "--username=desk",
                    "--dbname=nightschool"]
    assert env["PGPASSWORD"] == "s3cr@t" and env["PGSSLMODE"] == "require"
    assert not any("s3cr" in a for a in args)


def test_pg_dump_command_for_a_local_socket(tmp_path):
    args, env = pg_dump_command("postgresql+psycopg:///school?host=/run/postgresql", tmp_path)
    assert "--host=/run/postgresql" in args and "--dbname=school" in args
    assert "PGPASSWORD" not in env


def _fake_pg_dump(folder: Path) -> None:
    folder.mkdir()
    script = folder / "pg_dump"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import os, sys
        out = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--file=")][0]
        open(out, "wb").write(b"PGDMP" + os.environ["PGPASSWORD"].encode())
        """))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_cli_backup_of_postgresql_calls_pg_dump(tmp_path, monkeypatch, capsys):
    _fake_pg_dump(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    folder = tmp_path / "dumps"
    assert main(["--db", PG_URL, "--lang", "en", "backup", "--to", str(folder)]) == 0
    [dump] = list_backups(folder)
    assert dump.stem == "nightschool" and dump.path.suffix == ".dump"
    assert dump.path.read_bytes() == b"PGDMPs3cr@t"
    assert f"Backup written: {dump.path}" in capsys.readouterr().out


def test_cli_backup_of_postgresql_without_pg_dump_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["--db", PG_URL, "--lang", "en", "backup", "--to", str(tmp_path / "d")]) == 2
    assert "pg_dump was not found" in capsys.readouterr().err
    assert files(tmp_path / "d") == []


@pytest.mark.skipif(not any((Path(p) / "pg_dump").exists()
                            for p in os.environ.get("PATH", "").split(os.pathsep)),
                    reason="pg_dump is not installed")
def test_pg_dump_against_a_server_that_is_down_leaves_nothing(tmp_path, capsys):
    import socket

    with socket.socket() as probe:  # a port with no server behind it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://desk:pw@127.0.0.1:{port}/school"
    assert main(["--db", url, "--lang", "en", "backup", "--to", str(tmp_path / "d")]) == 2
    assert "pg_dump failed" in capsys.readouterr().err
    assert files(tmp_path / "d") == []


def test_cli_restore_of_postgresql_points_to_pg_restore(capsys, tmp_path):
    assert main(["--db", PG_URL, "--lang", "en", "restore", str(tmp_path / "x.dump")]) == 2
    assert "pg_restore" in capsys.readouterr().err
