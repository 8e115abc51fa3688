"""The demo school's action: filling an empty store with 水贝夜校.

Into a school that already has staff accounts, that is an administrator's
choice (it writes the school's settings); before any account exists anyone
may, as on the first run.
"""

from __future__ import annotations

import datetime as dt

from frontdesk.actions import authorise
from frontdesk.demo.school import DemoSummary, build_demo
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action
from frontdesk.store.engine import Store


def build(store: Store, actor: Actor, *, learners: int = 3000, seed: int = 2026,
          now: dt.datetime | None = None) -> DemoSummary:
    """Fill ``store`` (empty: ``store_not_empty`` otherwise) with the demo school."""
    with store.read() as session:
        authorise(session, actor, Action.SETTINGS)
    return build_demo(store, learners=learners, seed=seed, now=now)
