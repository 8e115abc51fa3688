"""Gap-free numbering: receipts per year (and any other serial) in the store.

A number is taken inside the caller's transaction, so it is unique across
desks and comes back if the transaction rolls back: no gaps, no repeats,
on SQLite (whose write transactions already take turns) and on PostgreSQL
(where the UPDATE holds the counter's row lock until commit).
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, update
from sqlalchemy.orm import Session

from frontdesk.store.models import Counter

# Run on the session's connection as Core: no ORM bookkeeping on the hot path.
_BUMP = (update(Counter).where(Counter.name == bindparam("counter"))
         .values(value=Counter.value + bindparam("by")).returning(Counter.value))


def _ensure_counter(conn: Connection, name: str) -> None:
    """Create the counter at 0 unless it exists (a second desk racing to
    create it does nothing rather than fail)."""
    dialect = conn.dialect.name
    values = {"name": name, "value": 0}
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        conn.execute(pg_insert(Counter).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        conn.execute(sqlite_insert(Counter).values(values).on_conflict_do_nothing())
    else:
        conn.execute(insert(Counter).values(values))


def bump_counter(session: Session, name: str, by: int = 1) -> int:
    """Add ``by`` to a counter inside the caller's transaction and return it.

    One UPDATE ... RETURNING: on PostgreSQL it holds the row lock until the
    transaction ends, so numbers are unique, and a rolled-back transaction
    takes its number back with it, so there are no gaps. ``by=0`` only locks.
    """
    return bump_connection_counter(session.connection(), name, by)


def bump_connection_counter(conn: Connection, name: str, by: int = 1) -> int:
    """:func:`bump_counter` on a connection (for hooks that have no session)."""
    value = conn.execute(_BUMP, {"counter": name, "by": by}).scalar()
    if value is None:
        _ensure_counter(conn, name)
        value = conn.execute(_BUMP, {"counter": name, "by": by}).scalar_one()
    return int(value)
