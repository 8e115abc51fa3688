"""Hash chains over the append-only tables (ledger entries, audit events).

Each row carries ``prev_hash`` (the row before it in its table, by id) and
``row_hash`` = SHA-256 of the previous hash and the row's own content. A row
changed, removed or slipped in later breaks the chain at that row, which
:mod:`frontdesk.store.verify` names. A counter per chain (``chain:TABLE``)
counts the sealed rows, so a removed last row shows too.

Sealing is taken in turns: the first row a transaction seals bumps the
chain's counter, which on PostgreSQL holds that counter's row lock until
commit (on SQLite write transactions already take turns), and only then
reads the chain's tip. Ids are given after that, so id order is chain order.
ORM inserts are sealed by a ``before_insert`` hook; Core inserts call
:func:`seal` on their rows.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Mapper

from frontdesk.store.counters import bump_connection_counter
from frontdesk.store.models import AuditEvent, LedgerEntry

GENESIS = "0" * 64

# The content each row's hash covers, fixed here (not read off the model) so
# a column added later does not change the hash of rows already written.
CONTENT: dict[str, tuple[str, ...]] = {
    "ledger_entry": ("learner_id", "enrollment_id", "kind", "amount_fen", "method", "reference",
                     "receipt_no", "reverses_id", "corrects_id", "reason", "at",
                     "business_date", "desk", "staff_id"),
    "audit_event": ("at", "staff_id", "desk", "action", "entity", "entity_id", "learner_id",
                    "before", "after", "personal_digest"),
}
# Values the store fills in when an insert leaves them out.
_DEFAULTS: dict[str, dict[str, Any]] = {
    "ledger_entry": {"reason": "", "desk": ""},
    "audit_event": {"desk": "", "entity": ""},
}
_INFO_KEY = "frontdesk_chain_tips"


def counter_name(table: str) -> str:
    return f"chain:{table}"


def _canon(value: Any) -> Any:
    if value is None or (isinstance(value, (int, str)) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def row_hash(table: str, prev_hash: str, content: Mapping[Any, Any]) -> str:
    """The hash a row of ``table`` with ``content`` gets after ``prev_hash``."""
    values = [_canon(content.get(name)) for name in CONTENT[table]]
    payload = json.dumps([table, prev_hash, values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _tips(conn: Connection) -> dict[str, str]:
    """The chain tips this transaction has sealed so far (cached on the connection)."""
    root = conn.get_transaction()
    cached = conn.info.get(_INFO_KEY)
    if cached is None or cached[0] is not root:
        cached = (root, {})
        conn.info[_INFO_KEY] = cached
    tips: dict[str, str] = cached[1]
    return tips


def _take_turn(conn: Connection, table: str, count: int, tips: dict[str, str]) -> str:
    if table not in tips:
        # Always audit before ledger, so two desks never wait on each other.
        if table == "ledger_entry" and "audit_event" not in tips:
            tips["audit_event"] = _turn_and_tip(conn, "audit_event", 0)
        tips[table] = _turn_and_tip(conn, table, count)
    else:
        bump_connection_counter(conn, counter_name(table), count)
    return tips[table]


# Built once: a text() made per call is a new statement to key and look up.
_TIP = {table: text(f"SELECT row_hash FROM {table} ORDER BY id DESC LIMIT 1")
        for table in CONTENT}


# On SQLite the write transaction already holds the only write lock, so the
# turn and the tip can be one statement. On PostgreSQL the tip must be read
# by a later statement than the one that waited for the counter's lock: a
# statement's snapshot is taken before it waits, and would miss the row the
# desk ahead of it just committed.
_TURN_AND_TIP = {table: text(
    f"UPDATE counter SET value = value + :by WHERE name = '{counter_name(table)}' "
    f"RETURNING value, (SELECT row_hash FROM {table} ORDER BY id DESC LIMIT 1)")
    for table in CONTENT}


def _turn_and_tip(conn: Connection, table: str, count: int) -> str:
    """Take this transaction's turn on ``table``'s chain and read its tip."""
    if conn.dialect.name == "sqlite":
        row = conn.execute(_TURN_AND_TIP[table], {"by": count}).first()
        if row is not None:
            return row[1] or GENESIS
    bump_connection_counter(conn, counter_name(table), count)
    return _read_tip(conn, table)


def _read_tip(conn: Connection, table: str) -> str:
    tip = conn.execute(_TIP[table]).scalar()
    return tip or GENESIS


def seal(conn: Connection, table: str, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Give ``rows`` (about to be inserted, in this order) their hashes."""
    if not rows:
        return
    tips = _tips(conn)
    prev = _take_turn(conn, table, len(rows), tips)
    for row in rows:
        for name, default in _DEFAULTS[table].items():
            if row.get(name) is None:
                row[name] = default
        row["prev_hash"] = prev
        prev = row["row_hash"] = row_hash(table, prev, row)
    tips[table] = prev


def _seal_object(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
    table = target.__tablename__
    values = {name: getattr(target, name) for name in CONTENT[table]}
    seal(conn, table, [values])
    for name in (*_DEFAULTS[table], "prev_hash", "row_hash"):
        setattr(target, name, values[name])


def _forget_tips(conn: Connection, *_args: Any) -> None:
    # A savepoint rolled back may have taken sealed rows with it: read the tip again.
    conn.info.pop(_INFO_KEY, None)


def install() -> None:
    """Hook sealing into the ORM and savepoint rollbacks (idempotent)."""
    for model in (LedgerEntry, AuditEvent):
        if not event.contains(model, "before_insert", _seal_object):
            event.listen(model, "before_insert", _seal_object)
    if not event.contains(Engine, "rollback_savepoint", _forget_tips):
        event.listen(Engine, "rollback_savepoint", _forget_tips)
        event.listen(Engine, "rollback", _forget_tips)
