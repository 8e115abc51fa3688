"""Putting a backup back in place of the store.

Refused unless the file is a whole FrontDesk store of a revision this
FrontDesk knows, and unless no one else has the store open. The store as it
was is copied to the backup folder first; then the backup, staged and
fsynced beside the store, is renamed over it in one step, so a crash leaves
either the old store or the new one, never a mixture. A restore is
recorded in the restored store's audit trail.

In WAL mode no lock shows an idle connection, but leaving WAL does: SQLite
switches a store to its rollback journal only when it is the store's sole
user, after folding the WAL into the file. Holding that switch and then an
exclusive transaction proves no one else has the store open, and leaves no
-wal or -shm that could be replayed into the restored file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from frontdesk.errors import DomainError
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.backup import FOLDER_SETTING
from frontdesk.store.backup_files import BackupKind, backup_name, check_folder, free_name
from frontdesk.store.engine import open_store
from frontdesk.store.store_file import (
    StoreFacts,
    check_header,
    examine,
    fsync_dir,
    fsync_file,
    inspect_backup,
    is_disk_full,
    remove_quietly,
    require_admin,
    write_error,
)

LOCK_TIMEOUT_S = 1.0  # how long a restore waits for a desk's transaction to end
DEFAULT_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    facts: StoreFacts  # what the restored store holds
    before_restore: Path | None  # the store as it was (None: there was no store)


def restore(store_path: Path, source: Path, now: dt.datetime, actor: Actor, *,
            folder: Path | None = None) -> RestoreResult:
    """Replace the SQLite store at ``store_path`` with the backup ``source``.

    Close the store first (``Store.dispose()``): any open connection, this
    process's or another desk's, refuses the restore ("restore_store_in_use").
    The store as it was goes to ``folder`` (default: the store's backup
    folder). Refusals: "backup_file_not_found", "backup_not_sqlite",
    "backup_truncated", "backup_damaged", "backup_not_ours",
    "backup_newer_version", "restore_same_file", "role_forbidden",
    "backup_disk_full", "backup_failed"; each leaves the store untouched.
    """
    require_admin(actor)
    target, source = Path(store_path).absolute(), Path(source)
    if target.exists() and source.exists() and source.resolve() == target.resolve():
        raise DomainError("restore_same_file", path=str(source))
    check_header(source)  # the quick refusals, before copying anything
    staged, facts = _stage(source, target)
    try:
        with _sole_user(target) as held:
            before = None
            if held is not None:
                place = folder or _folder_setting(held.conn, target)
                before = _copy_as_it_was(held, target, place,
                                         now.astimezone(_zone(held.conn)))
            _install(staged, target, held)
    finally:
        remove_quietly(staged)
    _record(target, source, before, actor, now)
    return RestoreResult(source, facts, before)


def _stage(source: Path, target: Path) -> tuple[Path, StoreFacts]:
    """The backup copied beside the store, fsynced and proven whole."""
    staged = target.with_name(f".{target.name}.restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_quietly(staged)
        shutil.copyfile(source, staged)
        facts = _prove(staged, source)
        fsync_file(staged)
    except (OSError, sqlite3.Error) as exc:
        remove_quietly(staged)
        raise write_error(exc, target.parent) from exc
    except BaseException:
        remove_quietly(staged)
        raise
    return staged, facts


def _prove(staged: Path, source: Path) -> StoreFacts:
    conn = sqlite3.connect(staged, isolation_level=None)
    try:
        try:
            # A copy of a live store may be in WAL mode: make it a single file.
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        except sqlite3.DatabaseError as exc:
            if is_disk_full(exc):
                raise
            raise DomainError("backup_damaged", path=str(source), detail=str(exc)) from exc
        return examine(conn, source)
    finally:
        conn.close()


@dataclass
class _Held:
    """The store held by this process alone: an exclusive SQLite transaction,
    and the file kept open to copy it. On POSIX, closing any descriptor of a
    file drops all of a process's locks on it, so the copy must not open and
    close a descriptor of its own while the lock is needed."""

    conn: sqlite3.Connection
    file: BinaryIO


@contextlib.contextmanager
def _sole_user(target: Path) -> Iterator[_Held | None]:
    """Hold the store so no one else can use it; None when there is no store."""
    if not target.exists():
        yield None
        return
    with open(target, "rb") as file:
        conn = sqlite3.connect(target, timeout=LOCK_TIMEOUT_S, isolation_level=None)
        try:
            try:
                conn.execute("PRAGMA journal_mode = DELETE").fetchone()
                conn.execute("BEGIN EXCLUSIVE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc).lower():
                    raise DomainError("restore_store_in_use", path=str(target)) from exc
                raise DomainError("backup_failed", folder=str(target.parent),
                                  detail=str(exc)) from exc
            except sqlite3.DatabaseError:
                pass  # a damaged store: no one can be using it; it is copied as it is
            yield _Held(conn, file)
        finally:
            conn.close()


def _folder_setting(conn: sqlite3.Connection, target: Path) -> Path:
    value = _setting(conn, FOLDER_SETTING)
    return Path(value) if value else target.parent / "backups"


def _zone(conn: sqlite3.Connection) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(_setting(conn, "timezone") or DEFAULT_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def _setting(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row and row[0] else None


def _copy_as_it_was(held: _Held, target: Path, folder: Path, taken_at: dt.datetime) -> Path:
    """The store's file copied byte for byte while we hold it exclusively (its
    WAL already folded in), to the backup folder."""
    check_folder(folder)
    final = free_name(folder, backup_name(target.stem, taken_at, BackupKind.BEFORE_RESTORE))
    partial = folder / f".{final.name}.partial"
    try:
        held.file.seek(0)
        with open(partial, "wb") as out:
            shutil.copyfileobj(held.file, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        wal = target.with_name(target.name + "-wal")
        if wal.exists():  # only for a damaged store, which SQLite could not fold
            shutil.copyfile(wal, final.with_name(final.name + "-wal"))
        os.replace(partial, final)
        fsync_dir(folder)
    except OSError as exc:
        remove_quietly(partial)
        raise write_error(exc, folder) from exc
    return final


def _install(staged: Path, target: Path, held: _Held | None) -> None:
    # Sole user in rollback mode: any -wal/-shm left is stale, and replaying
    # it into the restored file would corrupt it.
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            target.with_name(target.name + suffix).unlink()
    if os.name == "nt" and held is not None:
        held.conn.close()  # Windows cannot rename over an open file
        held.file.close()
    os.replace(staged, target)
    fsync_dir(target.parent)


def _record(target: Path, source: Path, before: Path | None, actor: Actor,
            now: dt.datetime) -> None:
    """Note the restore in the restored store (upgrading it if it is older)."""
    store = open_store(target)
    try:
        with store.write() as session:
            audit.record(session, actor, "store.restored", now, entity="store",
                         after={"from": str(source), "before_restore": str(before or "")})
    finally:
        store.dispose()


__all__ = ["RestoreResult", "StoreFacts", "check_header", "inspect_backup", "restore"]
