"""Staff actions: accounts, the audit trail, the school's settings.

Signing in is not an action (nobody is acting yet): see
:func:`frontdesk.staff.accounts.sign_in`, which the windows and the CLI call
through :func:`sign_in` below in a transaction of its own.
"""

from __future__ import annotations

import datetime as dt
import logging

from frontdesk import settings
from frontdesk.actions import action
from frontdesk.staff import accounts, audit_view
from frontdesk.staff.roles import Action
from frontdesk.store.engine import Store

log = logging.getLogger("frontdesk.staff")


def sign_in(store: Store, username: str, password: str, desk: str,
            now: dt.datetime) -> accounts.SignInAttempt:
    """Check a user name and password (failures are counted and audited)."""
    with store.write() as session:
        attempt = accounts.sign_in(session, username, password, desk, now)
    if attempt.signed_in is not None:
        log.info("signed in: %s (%s) at desk %s", attempt.signed_in.username,
                 attempt.signed_in.role.value, desk)
    else:
        code = attempt.refusal.code if attempt.refusal is not None else "refused"
        log.info("sign-in refused at desk %s: %s", desk, code)
    return attempt


def create_first_admin(store: Store, username: str, display_name: str, password: str,
                       now: dt.datetime, *, desk: str = "") -> accounts.SignedIn:
    """The school's first administrator (refused once any account exists)."""
    with store.write() as session:
        return accounts.create_first_admin(session, username, display_name, password, now,
                                           desk=desk)


def staff_exist(store: Store) -> bool:
    with store.read() as session:
        return accounts.staff_exist(session)


list_staff = action(Action.STAFF, write=False)(accounts.list_staff)
add_staff = action(Action.STAFF)(accounts.add_staff)
reset_password = action(Action.STAFF)(accounts.reset_password)
disable_staff = action(Action.STAFF)(accounts.disable_staff)
enable_staff = action(Action.STAFF)(accounts.enable_staff)
set_role = action(Action.STAFF)(accounts.set_role)
change_own_password = action(None)(accounts.change_own_password)
sign_out = action(None)(accounts.sign_out)

audit_events = action(Action.AUDIT_VIEW, write=False)(audit_view.audit_events)
audit_actions = action(Action.AUDIT_VIEW, write=False)(audit_view.audit_actions)
export_audit = action(Action.AUDIT_VIEW)(audit_view.export_audit)
"""The audit trail as .xlsx (the export itself is audited)."""

load_settings = action(None, write=False)(settings.load_settings)
update_settings = action(Action.SETTINGS)(settings.update_settings)
