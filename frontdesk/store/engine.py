"""Opening a store: engine, SQLite pragmas, sessions, schema upgrades.

Nothing here runs at import time. The entry point (GUI, CLI, a test fixture)
calls :func:`open_store` with a URL and gets a :class:`Store` back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.store import KNOWN_REVISIONS, SCHEMA_HEAD, opening
from frontdesk.store.opening import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from frontdesk.store.problems import StoreError as StoreError
from frontdesk.store.problems import StoreProblem as StoreProblem

log = logging.getLogger("frontdesk.store")

# Seconds a PostgreSQL server has to answer; a door desk goes offline after them.
PG_CONNECT_TIMEOUT_S = 2


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
    # No journal_mode here: it writes to the file, so open_store sets WAL once,
    # after it knows the file is a FrontDesk store (WAL then stays with the file).
    cur.execute("PRAGMA foreign_keys = ON")
    # INSERT OR REPLACE then fires the append-only tables' DELETE triggers.
    cur.execute("PRAGMA recursive_triggers = ON")
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
    from frontdesk.store import chain

    chain.install()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # libpq waits for ever on a server that takes the connection and never
    # answers (hung, or packets dropped on the way): give up, so the desk
    # hears SERVER_DOWN instead of freezing. A URL's own connect_timeout wins.
    args: dict[str, object] = {}
    if "connect_timeout" not in parsed.query:
        args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    # Names are Chinese: talk UTF-8 even to a server whose database was made
    # SQL_ASCII (initdb under the C locale), where psycopg would hand back
    # bytes instead of text. A URL's own client_encoding wins.
    if "client_encoding" not in parsed.query:
        args["client_encoding"] = "utf8"
    return create_engine(url, pool_pre_ping=True, connect_args=args)


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
        except DatabaseError as exc:
            _raise_if_damaged(self, exc)
            raise
        except (ValueError, LookupError) as exc:
            _raise_if_unreadable(self, exc)
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read; a store that cannot be used raises StoreError (see ``write``)."""
        try:
            with self._read() as session:
                yield session
        except OperationalError as exc:
            raise self._unusable(exc) from exc
        except DatabaseError as exc:
            _raise_if_damaged(self, exc)
            raise
        except (ValueError, LookupError) as exc:
            _raise_if_unreadable(self, exc)
            raise

    def _unusable(self, exc: OperationalError) -> StoreError:
        if not self.is_sqlite:
            sqlstate = str(getattr(exc.orig, "sqlstate", "") or "")
            gone = exc.connection_invalidated or sqlstate.startswith("08") or not sqlstate
            return StoreError(StoreProblem.SERVER_DOWN if gone else StoreProblem.CANNOT_OPEN,
                              str(exc.orig))
        if _is_locked(exc):
            return StoreError(StoreProblem.LOCKED, str(exc.orig))
        _raise_if_damaged(self, exc)
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


DAMAGE_SIGNS = ("malformed", "not a database", "disk i/o error", "database corrupt",
           "no such table", "no such column")


def _raise_if_damaged(store: Store, exc: DBAPIError) -> None:
    """A page found damaged in the middle of work: the same words as at opening."""
    text = str(exc.orig).lower()
    if store.is_sqlite and any(sign in text for sign in DAMAGE_SIGNS):
        raise StoreError(StoreProblem.DAMAGED, str(exc.orig)) from exc


def _raise_if_unreadable(store: Store, exc: Exception) -> None:
    """A stored value that does not read as its column's type (a date, a word,
    UTF-8 text): damage to the file, unless the file checks out whole."""
    if isinstance(exc, UnicodeDecodeError) or not store.is_sqlite:
        if store.is_sqlite:
            raise StoreError(StoreProblem.DAMAGED, str(exc)) from exc
        return
    path = store.sqlite_path
    if path is None:
        return
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        finally:
            conn.close()
    except sqlite3.Error:
        result = ["unreadable"]
    if result != ["ok"] or _is_value_damage(exc):
        raise StoreError(StoreProblem.DAMAGED, str(exc)) from exc


def _is_value_damage(exc: Exception) -> bool:
    # What SQLAlchemy's result processing says of a value it cannot read back.
    text = str(exc)
    return text.startswith(("Invalid isoformat string", "Couldn't parse")) or \
        isinstance(exc, LookupError)


def _is_locked(exc: OperationalError) -> bool:
    return "locked" in str(exc.orig).lower()


def sqlite_file(db: str | os.PathLike[str] | None) -> Path | None:
    """The file of a SQLite store ``db`` names, or None for a server URL."""
    url = make_url(resolve_url(db))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def require_existing_store(db: str | os.PathLike[str] | None) -> None:
    """Refuse, without touching anything, a SQLite path that holds no FrontDesk
    store (the command line creates stores only with ``init`` and ``demo``)."""
    url = resolve_url(db)
    if make_url(url).get_backend_name() == "sqlite":
        opening.check_sqlite_path(url, create=False)


def open_store(
    db: str | os.PathLike[str] | None = None, *, upgrade: bool = True, create: bool = True
) -> Store:
    """Open (and, when behind, upgrade) the store at ``db``.

    An existing store is backed up before Alembic touches it. A store written
    by a newer FrontDesk, or a file that is not a FrontDesk store, is refused
    before anything in it is changed. Without ``create``, a missing or empty
    file is refused (``NO_STORE``) rather than made into a new empty school.
    """
    url = resolve_url(db)
    try:
        return _open_store(url, upgrade, create)
    except StoreError as error:
        log.warning("store %s not opened: %s", shown_url(url), error)
        raise


def _open_store(url: str, upgrade: bool, create: bool) -> Store:
    is_sqlite = make_url(url).get_backend_name() == "sqlite"
    if is_sqlite:
        opening.check_sqlite_path(url, create)
    engine = make_engine(url)
    try:
        revision = current_revision(engine)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        problem = StoreProblem.LOCKED if "locked" in str(exc).lower() else StoreProblem.CANNOT_OPEN
        if not is_sqlite:
            problem = StoreProblem.SERVER_DOWN
        raise StoreError(problem, str(exc.orig)) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(StoreProblem.DAMAGED, str(exc.orig)) from exc
    if revision is not None and revision not in KNOWN_REVISIONS:
        engine.dispose()
        raise StoreError(StoreProblem.NEWER_VERSION, revision)
    store = Store(url, engine)
    if store.sqlite_path is not None:
        try:
            opening.check_write_lock(engine)
            opening.use_wal(engine)
        except StoreError:
            engine.dispose()
            raise
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            engine.dispose()
            raise StoreError(StoreProblem.DAMAGED, str(getattr(exc, "orig", exc))) from exc
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
        try:
            upgrade_to_head(engine)
        except DBAPIError as exc:
            engine.dispose()
            if "permission denied" in str(exc.orig) or "must be owner" in str(exc.orig):
                # A desks' login (PostgreSQL): only the tables' owner upgrades the schema.
                raise StoreError(StoreProblem.NEEDS_OWNER, f"{revision} → {SCHEMA_HEAD}") from exc
            raise
    log.info("store opened: %s", shown_url(url))
    return store
