"""The audit trail: one append-only event per change that matters.

:func:`values` is the one shape of an audit row; :func:`record` (one event,
the desk's calls) and :func:`record_many` (a batch, the import) both write it.

Personal values (a name, a phone, a note) in an event's before/after are
kept apart, in ``audit_personal``, with a random salt; the event keeps
``PERSONAL_MARK`` in their place and the digest of what was set apart, which
the hash chain covers. Anonymising a learner deletes those values: the
event still says what happened, when and by whom, and the chain still holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from frontdesk.staff.actor import Actor
from frontdesk.store import chain
from frontdesk.store.models import AuditEvent, AuditPersonal


@dataclass(frozen=True)
class Event:
    """What happened, before it is stamped with who and when."""

    action: str
    entity: str = ""
    entity_id: int | None = None
    learner_id: int | None = None
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None


PERSONAL_KEYS = frozenset({"name", "phone", "occupation", "note"})
PERSONAL_MARK = "*"  # where a personal value was, in the chained part


def _json(data: Mapping[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, default=str)


def _split(data: Mapping[str, Any] | None) -> tuple[Mapping[str, Any] | None, dict[str, Any]]:
    """(the values to chain, with marks; the personal values set apart)."""
    if not data or not PERSONAL_KEYS.intersection(data):
        return data, {}
    personal = {k: v for k, v in data.items() if k in PERSONAL_KEYS and v is not None}
    return {k: PERSONAL_MARK if k in personal else v for k, v in data.items()}, personal


def personal_part(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
                  ) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None,
                             tuple[str, str] | None]:
    """The chained before/after and, when there were personal values, (digest, data)."""
    before, personal_before = _split(before)
    after, personal_after = _split(after)
    if not personal_before and not personal_after:
        return before, after, None
    data = json.dumps({"salt": secrets.token_hex(16), "before": personal_before,
                       "after": personal_after}, ensure_ascii=False, default=str)
    return before, after, (hashlib.sha256(data.encode("utf-8")).hexdigest(), data)


def values(actor: Actor, at: dt.datetime, event: Event,
           personal: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The columns of the audit row for ``event``, done by ``actor`` at ``at``;
    its personal values, if any, are appended to ``personal`` as audit_personal rows."""
    before, after, apart = personal_part(event.before, event.after)
    if apart is not None and personal is not None:
        personal.append({"digest": apart[0], "data": apart[1]})
    return {
        "at": at, "staff_id": actor.staff_id, "desk": actor.desk, "action": event.action,
        "entity": event.entity, "entity_id": event.entity_id, "learner_id": event.learner_id,
        "before": _json(before), "after": _json(after),
        "personal_digest": apart[0] if apart is not None else None,
    }


def _keep_apart(session: Session, personal: list[dict[str, str]]) -> None:
    if personal:
        session.connection().execute(_INSERT_PERSONAL, personal)


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
    personal: list[dict[str, str]] = []
    session.add(AuditEvent(**values(actor, at, event, personal)))
    _keep_apart(session, personal)


def record_many(session: Session, actor: Actor, at: dt.datetime, events: Iterable[Event]) -> None:
    """Add ``events`` to the caller's transaction as one multi-row INSERT.

    The rows are those :func:`record_event` adds one at a time; a Core insert
    skips the ORM's per-object work, which is most of the cost of a big batch.
    """
    personal: list[dict[str, str]] = []
    rows = [values(actor, at, event, personal) for event in events]
    _keep_apart(session, personal)
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
    personal: list[dict[str, str]] = []
    row = values(actor, at, event, personal)
    _keep_apart(session, personal)
    chain.seal(conn, "audit_event", [row])
    conn.execute(_INSERT_EVENT, row)


_INSERT_EVENT = insert(AuditEvent.__table__)  # type: ignore[arg-type]
_INSERT_PERSONAL = insert(AuditPersonal.__table__)  # type: ignore[arg-type]
