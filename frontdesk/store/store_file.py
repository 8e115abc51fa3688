"""Is this file a whole FrontDesk store? Checks shared by backups and restores.

A backup is proven before it is kept, and a file is proven before it
replaces the store: a SQLite file, not cut short, passing
``PRAGMA integrity_check``, with our tables and a schema revision this
FrontDesk knows. Each refusal has its own code, for the message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from frontdesk import store as store_package
from frontdesk.errors import DomainError
from frontdesk.staff.actor import Actor

SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"alembic_version", "learner", "ledger_entry", "attendance", "audit_event"})


@dataclass(frozen=True)
class StoreFacts:
    """What a store file holds, to show before restoring it."""

    revision: str
    learners: int
    ledger_entries: int
    check_ins: int
    last_change: dt.datetime | None  # the newest audit event (UTC)


def require_admin(actor: Actor) -> None:
    """Choosing the backup folder and restoring are admin work: the role
    matrix's settings action (``role_forbidden`` for anyone else)."""
    from frontdesk.staff.roles import Action, require

    require(actor, Action.SETTINGS)


def check_header(path: Path) -> None:
    """Refuse a missing file, one that is not SQLite, or one cut short."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        raise DomainError("backup_file_not_found", path=str(path)) from None
    except IsADirectoryError:
        raise DomainError("backup_not_sqlite", path=str(path)) from None
    except OSError as exc:
        raise DomainError("backup_unreadable", path=str(path),
                          detail=exc.strerror or str(exc)) from exc
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise DomainError("backup_not_sqlite", path=str(path))
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The page count in the header is trusted only when written by the same
    # change as the counter beside it (SQLite's own rule).
    if head[24:28] == head[92:96] and pages and size < pages * page_size:
        raise DomainError("backup_truncated", path=str(path), size=size,
                          expected=pages * page_size)


def examine(conn: sqlite3.Connection, shown: Path) -> StoreFacts:
    """Prove the open file whole and ours; ``shown`` names it in refusals."""
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if rows != ["ok"]:
            raise DomainError("backup_damaged", path=str(shown), detail="; ".join(rows[:3]))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables >= OUR_TABLES:
            raise DomainError("backup_not_ours", path=str(shown))
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if found is None:
            raise DomainError("backup_not_ours", path=str(shown))
        revision = str(found[0])
        if revision not in store_package.KNOWN_REVISIONS:
            raise DomainError("backup_newer_version", path=str(shown), revision=revision)
        return _facts(conn, revision)
    except sqlite3.DatabaseError as exc:
        raise DomainError("backup_damaged", path=str(shown), detail=str(exc)) from exc


def _facts(conn: sqlite3.Connection, revision: str) -> StoreFacts:
    def count(table: str) -> int:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    last = conn.execute("SELECT max(at) FROM audit_event").fetchone()[0]
    return StoreFacts(
        revision=revision, learners=count("learner"), ledger_entries=count("ledger_entry"),
        check_ins=count("attendance"),
        last_change=dt.datetime.fromisoformat(last).replace(tzinfo=dt.UTC) if last else None,
    )


def inspect_backup(path: Path) -> StoreFacts:
    """What a backup file holds, or why it cannot be restored.

    Opened read-only and immutable, so looking at a file on a USB stick or a
    network share writes nothing beside it.
    """
    path = Path(path)
    check_header(path)
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise DomainError("backup_unreadable", path=str(path), detail=str(exc)) from exc
    try:
        return examine(conn, path)
    finally:
        conn.close()


# Writing files that must be whole ------------------------------------------------


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handle to sync)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Remove ``path`` and a rollback journal SQLite may have left beside it."""
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    if isinstance(exc, sqlite3.Error):
        return (getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
                or "disk is full" in str(exc))
    return False


def write_error(exc: BaseException, folder: Path) -> DomainError:
    """A failed write as a refusal: a full disk gets its own words."""
    if is_disk_full(exc):
        return DomainError("backup_disk_full", folder=str(folder))
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return DomainError("backup_failed", folder=str(folder), detail=detail)
