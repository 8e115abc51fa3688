"""An administrator looks at a failed store check: the dashboard's warning goes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.check import forget_failure


def acknowledge_check_failure(session: Session, actor: Actor, now: dt.datetime) -> None:
    """Record that an administrator has seen the failed check (audited); the
    warning leaves the dashboard. Refused when nothing is pending."""
    roles.require(actor, roles.Action.AUDIT_VIEW)
    failure = forget_failure(session)
    if failure is None:
        raise DomainError("store_check_nothing_pending")
    audit.record(session, actor, "store_check.acknowledge", now, entity="store",
                 before={"checked_at": failure.at.isoformat(),
                         "problems": [p.code for p in failure.problems]})
