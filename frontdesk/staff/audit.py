"""The audit trail: one append-only event per change that matters.

:func:`values` is the one shape of an audit row; :func:`record` (one event,
the desk's calls) and :func:`record_many` (a batch, the import) both write it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from frontdesk.staff.actor import Actor
from frontdesk.store import chain
from frontdesk.store.models import AuditEvent


@dataclass(frozen=True)
class Event:
    """What happened, before it is stamped with who and when."""

    action: str
    entity: str = ""
    entity_id: int | None = None
    learner_id: int | None = None
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None


def _json(data: Mapping[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, default=str)


def values(actor: Actor, at: dt.datetime, event: Event) -> dict[str, Any]:
    """The columns of the audit row for ``event``, done by ``actor`` at ``at``."""
    return {
        "at": at, "staff_id": actor.staff_id, "desk": actor.desk, "action": event.action,
        "entity": event.entity, "entity_id": event.entity_id, "learner_id": event.learner_id,
        "before": _json(event.before), "after": _json(event.after),
    }


def record(
    session: Session,
    actor: Actor,
    action: str,
    at: dt.datetime,
    *,
    entity: str = "",
    entity_id: int | None = None,
    learner_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add an audit event to the caller's transaction (it commits with it)."""
    record_event(session, actor, at, Event(action, entity, entity_id, learner_id, before, after))


def record_event(session: Session, actor: Actor, at: dt.datetime, event: Event) -> None:
    """Add ``event`` to the caller's transaction, as :func:`record` does."""
    session.add(AuditEvent(**values(actor, at, event)))


def record_many(session: Session, actor: Actor, at: dt.datetime, events: Iterable[Event]) -> None:
    """Add ``events`` to the caller's transaction as one multi-row INSERT.

    The rows are those :func:`record_event` adds one at a time; a Core insert
    skips the ORM's per-object work, which is most of the cost of a big batch.
    """
    rows = [values(actor, at, event) for event in events]
    if rows:
        table = AuditEvent.__table__
        assert isinstance(table, Table)
        session.flush()  # events recorded earlier keep the earlier ids
        chain.seal(session.connection(), "audit_event", rows)
        session.execute(insert(table), rows)


def record_now(session: Session, actor: Actor, at: dt.datetime, event: Event) -> None:
    """Write ``event`` at once with a prebuilt Core INSERT, in the caller's
    transaction: for the check-in path, where the ORM's unit of work would
    cost more than the insert itself."""
    conn = session.connection()
    row = values(actor, at, event)
    chain.seal(conn, "audit_event", [row])
    conn.execute(_INSERT_EVENT, row)


_INSERT_EVENT = insert(AuditEvent.__table__)  # type: ignore[arg-type]
