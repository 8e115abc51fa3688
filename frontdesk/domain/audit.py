"""The audit trail: one append-only event per change that matters."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.domain.actor import Actor
from frontdesk.store.models import AuditEvent


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
    session.add(
        AuditEvent(
            at=at,
            staff_id=actor.staff_id,
            desk=actor.desk,
            action=action,
            entity=entity,
            entity_id=entity_id,
            learner_id=learner_id,
            before=None if before is None else json.dumps(before, ensure_ascii=False, default=str),
            after=None if after is None else json.dumps(after, ensure_ascii=False, default=str),
        )
    )
