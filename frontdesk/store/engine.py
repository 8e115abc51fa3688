"""Opening a store: engine, SQLite pragmas, sessions, schema upgrades.

Nothing here runs at import time. The entry point (GUI, CLI, a test fixture)
calls :func:`open_store` with a URL and gets a :class:`Store` back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.store import KNOWN_REVISIONS, SCHEMA_HEAD

log = logging.getLogger("frontdesk.store")

BUSY_TIMEOUT_MS = 5000
# Seconds a PostgreSQL server has to answer; a door desk goes offline after them.
PG_CONNECT_TIMEOUT_S = 2
# How long opening waits for another process's write lock before saying so.
OPEN_CHECK_TIMEOUT_MS = 2000


class StoreProblem(enum.StrEnum):
    CANNOT_OPEN = "cannot_open"
    NOT_A_STORE = "not_a_store"
    NEWER_VERSION = "newer_version"
    LOCKED = "locked"
    SERVER_DOWN = "server_down"


class StoreError(Exception):
    """The store cannot be used; ``problem`` says why, ``detail`` names what."""

    def __init__(self, problem: StoreProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


def default_store_path() -> Path:
    from frontdesk.paths import data_dir

    return data_dir() / "frontdesk.sqlite3"


def demo_store_path() -> Path:
    """Where ``frontdesk --demo`` keeps its demo school, apart from the real one."""
    return default_store_path().with_name("demo-school.sqlite3")


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """Turn ``--db`` / ``FRONTDESK_DB`` (a path or a URL) into a URL."""
    value = os.fspath(db) if db is not None else os.environ.get("FRONTDESK_DB")
    if not value:
        value = os.fspath(default_store_path())
    if "://" in value:
        return value
    return "sqlite:///" + os.path.abspath(value)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's begin hook below emits BEGIN.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # Writes take the write lock up front, so read-check-write (a balance,
    # "already checked in?") cannot interleave with another desk's.
    if conn.get_execution_options().get("frontdesk_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def shown_url(url: str) -> str:
    """The store's URL as shown to people: a server password is masked."""
    return make_url(url).render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with FrontDesk's settings for its dialect."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # libpq waits for ever on a server that takes the connection and never
    # answers (hung, or packets dropped on the way): give up, so the desk
    # hears SERVER_DOWN instead of freezing. A URL's own connect_timeout wins.
    wait = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return create_engine(url, pool_pre_ping=True, connect_args=wait)


@dataclass
class Store:
    """An open store: where it is and how to run a unit of work in it."""

    url: str
    engine: Engine

    def __post_init__(self) -> None:
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(
            self.engine.execution_options(frontdesk_write=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commits whole on success, rolls back on error.

        A store that cannot be used at the moment (on SQLite, a write kept
        waiting past the busy timeout by another process; a PostgreSQL server
        gone; a disk error) raises StoreError, never a driver's error: the
        windows and the CLI say it in words and the desk goes on.
        """
        try:
            with self._write.begin() as session:
                yield session
        except OperationalError as exc:
            raise self._unusable(exc) from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read; a store that cannot be used raises StoreError (see ``write``)."""
        try:
            with self._read() as session:
                yield session
        except OperationalError as exc:
            raise self._unusable(exc) from exc

    def _unusable(self, exc: OperationalError) -> StoreError:
        if not self.is_sqlite:
            sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
            gone = exc.connection_invalidated or sqlstate.startswith("08") or not sqlstate
            return StoreError(StoreProblem.SERVER_DOWN if gone else StoreProblem.CANNOT_OPEN,
                              str(exc.orig))
        if _is_locked(exc):
            return StoreError(StoreProblem.LOCKED, str(exc.orig))
        return StoreError(StoreProblem.CANNOT_OPEN, str(exc.orig))

    def dispose(self) -> None:
        self.engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """The store's schema revision, or None for an empty store (one query)."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            conn.rollback()
    with engine.connect() as conn:
        tables = engine.dialect.get_table_names(conn)
    if tables:
        raise StoreError(StoreProblem.NOT_A_STORE, ", ".join(sorted(tables)[:5]))
    return None


def backup_sqlite(source: Path, destination: Path) -> Path:
    """A consistent copy of a live SQLite store, through the backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    # as_uri() escapes what a URI would misread in a path ('#', '?', '%').
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return destination


def _is_locked(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig).lower()


def _check_write_lock(engine: Engine) -> None:
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
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower():
                raise StoreError(StoreProblem.CANNOT_OPEN, str(exc)) from exc
            raise StoreError(StoreProblem.LOCKED, str(exc)) from exc
        finally:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cur.close()
    finally:
        raw.close()


def _check_sqlite_path(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(StoreProblem.CANNOT_OPEN, str(folder)) from exc
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreError(StoreProblem.CANNOT_OPEN, str(path))
        with open(path, "rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise StoreError(StoreProblem.NOT_A_STORE, str(path))
    elif not os.access(folder, os.W_OK):
        raise StoreError(StoreProblem.CANNOT_OPEN, str(folder))


def open_store(db: str | os.PathLike[str] | None = None, *, upgrade: bool = True) -> Store:
    """Open (and, when behind, upgrade) the store at ``db``.

    An existing store is backed up before Alembic touches it. A store written
    by a newer FrontDesk, or a file that is not a FrontDesk store, is refused.
    """
    url = resolve_url(db)
    try:
        return _open_store(url, upgrade)
    except StoreError as error:
        log.warning("store %s not opened: %s", shown_url(url), error)
        raise


def _open_store(url: str, upgrade: bool) -> Store:
    if make_url(url).get_backend_name() == "sqlite":
        _check_sqlite_path(url)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        problem = StoreProblem.LOCKED if "locked" in str(exc).lower() else StoreProblem.CANNOT_OPEN
        if make_url(url).get_backend_name() != "sqlite":
            problem = StoreProblem.SERVER_DOWN
        raise StoreError(problem, str(exc.orig)) from exc
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise StoreError(StoreProblem.NEWER_VERSION, revision)
    store = Store(url, engine)
    if store.sqlite_path is not None:
        try:
            _check_write_lock(engine)
        except StoreError:
            engine.dispose()
            raise
    if revision != SCHEMA_HEAD:
        if not upgrade:
            raise StoreError(StoreProblem.NEWER_VERSION, f"{revision} != {SCHEMA_HEAD}")
        if revision is not None and store.sqlite_path is not None:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
            path = store.sqlite_path
            backup_sqlite(path, path.with_name(f"{path.stem}.before-upgrade-{stamp}.sqlite3"))
        from frontdesk.store.migrate import upgrade_to_head

        log.info("store %s: upgrading the schema from %s to %s",
                 shown_url(url), revision or "empty", SCHEMA_HEAD)
        upgrade_to_head(engine)
    log.info("store opened: %s", shown_url(url))
    return store
