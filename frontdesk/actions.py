"""Desk jobs as actions: the one way the windows and the command line act.

Each desk job's package has an ``actions`` module (``frontdesk.fees.actions``,
``frontdesk.checkin.actions`` …) whose functions are that job's entry points.
An action is called as ``action(store, actor, *args, **kwargs)`` and

- checks who is acting against the store itself: once the school has staff
  accounts, an actor who has not signed in is refused (``sign_in_required``),
  and a signed-in actor acts with the role and the account state the store
  holds now, not with what a window remembered at sign-in;
- checks the one role matrix (:mod:`frontdesk.staff.roles`) for the action's
  permission;
- opens and commits its own transaction (a write or a read), so the job's
  rule, its audit event and its rows commit together or not at all;
- returns values and codes, never sentences.

The windows call actions through ``ui.kit`` (off the GUI thread where a job
can be slow); the CLI calls the same functions. A rule written in a window or
a command is a rule that drifts: keep it behind the action.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.staff import roles
from frontdesk.staff.actor import SYSTEM, Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Staff

P = ParamSpec("P")
T = TypeVar("T")

# Built once and run as Core on the session's connection: every desk action
# (a scan a second at the evening rush) asks one of these first.
_ANY_STAFF = select(Staff.id).limit(1)
_STAFF_NOW = select(Staff.id, Staff.role, Staff.disabled, Staff.display_name).where(
    Staff.id == bindparam("staff_id"))


def _staff_exist(session: Session) -> bool:
    return session.connection().execute(_ANY_STAFF).first() is not None


def authorise(session: Session, actor: Actor, permission: roles.Action | None) -> Actor:
    """The actor as the store knows them now, once allowed to do ``permission``.

    No accounts yet: everyone may do everything (a school before its first
    administrator). Accounts exist: the actor must be a signed-in, enabled
    account; its role is read from the store. ``permission`` None means any
    signed-in member of staff.
    """
    if actor == SYSTEM:
        return actor
    if actor.staff_id is None:
        if _staff_exist(session):
            raise DomainError("sign_in_required",
                              role=roles.least_role(permission).value if permission else "")
        return Actor(desk=actor.desk, staff_id=None, role=None, name=actor.name)
    staff = session.connection().execute(_STAFF_NOW, {"staff_id": actor.staff_id}).first()
    if staff is None or staff.disabled:
        raise DomainError("account_disabled")
    current = Actor(desk=actor.desk, staff_id=staff.id, role=staff.role,
                    name=staff.display_name)
    if permission is not None:
        roles.require(current, permission)
    return current


def _actor_slot(fn: Callable[..., Any]) -> int | None:
    """Where ``actor`` stands among the arguments after the session (None: not taken)."""
    names = list(inspect.signature(fn).parameters)
    return names.index("actor") - 1 if "actor" in names else None


def action(permission: roles.Action | None, *, write: bool = True
           ) -> Callable[[Callable[Concatenate[Session, P], T]], Callable[..., T]]:
    """Make a job's session-level function into its action.

    The function is called with the open session first and, when it has an
    ``actor`` parameter, the authorised actor in its place: callers pass the
    job's own arguments without the session and without the actor. (The
    action's type keeps the job's return type; its arguments are the job's
    less those two, which a type checker cannot spell.)
    """

    def wrap(fn: Callable[Concatenate[Session, P], T]) -> Callable[..., T]:
        slot = _actor_slot(fn)

        @functools.wraps(fn)
        def run(store: Store, actor: Actor, /, *args: Any, **kwargs: Any) -> T:
            with store.write() if write else store.read() as session:
                current = authorise(session, actor, permission)
                if slot is not None and len(args) >= slot:
                    args = (*args[:slot], current, *args[slot:])
                elif slot is not None:
                    kwargs["actor"] = current
                return fn(session, *args, **kwargs)

        run.permission = permission  # type: ignore[attr-defined]
        run.writes = write  # type: ignore[attr-defined]
        run.job_function = fn  # type: ignore[attr-defined]
        return run

    return wrap


def actions_of(module: object) -> dict[str, Callable[..., Any]]:
    """Every action a job's ``actions`` module offers, by name (for tests and docs)."""
    return {name: value for name, value in vars(module).items()
            if callable(value) and hasattr(value, "job_function")}
