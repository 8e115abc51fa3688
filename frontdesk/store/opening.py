"""Opening a SQLite store safely: nothing in a file is changed before it is
known to be a FrontDesk store.

The header and schema are read through a read-only connection first; only
then does :func:`use_wal` set the journal mode (which writes to the header).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from frontdesk.store.problems import StoreError, StoreProblem

BUSY_TIMEOUT_MS = 5000
# How long opening waits for another process's write lock before saying so.
OPEN_CHECK_TIMEOUT_MS = 2000

def check_write_lock(engine: Engine) -> None:
    """Refuse, within seconds, a store whose write lock another process holds.

    In WAL mode reads never wait, so only a write attempt shows the lock; a
    desk would otherwise open fine and then stall on its first scan.
    """
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute(f"PRAGMA busy_timeout = {OPEN_CHECK_TIMEOUT_MS}")
        try:
            cur.execute("BEGIN IMMEDIATE")
            cur.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            if "locked" not in str(exc).lower():
                raise StoreError(StoreProblem.DAMAGED, str(exc)) from exc
            raise StoreError(StoreProblem.LOCKED, str(exc)) from exc
        finally:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.close()
    finally:
        raw.close()


def check_sqlite_path(url: str, create: bool) -> bool:
    """Refuse, before anything touches it, what is not a FrontDesk store; True
    when the store is still to be made (only with ``create``).

    Reads the file's header and its schema through a read-only connection,
    so a file that is not ours (or is damaged) is left byte for byte as it was.
    """
    database = make_url(url).database
    if not database or database == ":memory:":
        return True
    path = Path(database)
    if path.is_dir():
        raise StoreError(StoreProblem.NOT_A_STORE, str(path))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = -1
    except OSError as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, f"{path}: {exc.strerror or exc}") from exc
    if size <= 0:
        if not create:
            raise StoreError(StoreProblem.NO_STORE, str(path))
        make_folder(path)
        return True
    if not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(StoreProblem.CANNOT_OPEN, str(path))
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, f"{path}: {exc.strerror or exc}") from exc
    if not head.startswith(b"SQLite format 3\x00"):
        raise StoreError(StoreProblem.NOT_A_STORE, str(path))
    if len(head) < 100:
        raise StoreError(StoreProblem.DAMAGED, str(path))
    check_schema_read_only(path)
    return False


def make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, str(path.parent)) from exc
    if not os.access(path.parent, os.W_OK):
        raise StoreError(StoreProblem.CANNOT_OPEN, str(path.parent))


def check_schema_read_only(path: Path) -> None:
    """Our tables, read through a read-only connection that writes nothing."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                               timeout=OPEN_CHECK_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, f"{path}: {exc}") from exc
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            raise StoreError(StoreProblem.NOT_A_STORE,
                             ", ".join(sorted(tables)[:5]) or str(path))
        conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower():
            raise StoreError(StoreProblem.LOCKED, str(exc)) from exc
        raise StoreError(StoreProblem.DAMAGED, f"{path}: {exc}") from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise StoreError(StoreProblem.DAMAGED, f"{path}: {exc}") from exc
    finally:
        conn.close()


def use_wal(engine: Engine) -> None:
    """WAL for a store known to be ours (it writes to the header, once)."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA journal_mode = WAL")
        cur.close()
    finally:
        raw.close()
