"""The store's actions: a backup taken by hand, choosing the backup folder,
and restoring a backup. Automatic backups (on start, every evening) are the
app's own work and need no actor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from frontdesk.actions import action, authorise
from frontdesk.errors import DomainError
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action
from frontdesk.store import backup, restore
from frontdesk.store.backup_files import BackupKind
from frontdesk.store.engine import Store

set_backup_folder = action(Action.SETTINGS)(backup.set_backup_folder)


def backup_now(store: Store, actor: Actor, folder: Path | None, now: dt.datetime) -> Path:
    """Copy the store to ``folder`` (default: the backup folder) as a manual backup.

    A backup is a copy of every learner's data: it needs the role that may
    export full phone numbers, and it is audited with where it went.
    """
    with store.read() as session:
        current = authorise(session, actor, Action.EXPORT_FULL)
    place = folder if folder is not None else backup.backup_folder(store)
    path = backup.take_backup(store, place, now, BackupKind.MANUAL)
    with store.write() as session:
        audit.record(session, current, "store.backup", now, entity="store",
                     after={"file": str(path)})
    return path


def restore_backup(store: Store, actor: Actor, source: Path, now: dt.datetime, *,
                   folder: Path | None = None) -> restore.RestoreResult:
    """Replace the store (closed first) with the backup ``source``; an
    administrator's work, checked against the store being replaced."""
    with store.read() as session:
        current = authorise(session, actor, Action.SETTINGS)
    store_path = store.sqlite_path
    if store_path is None:
        raise DomainError("restore_sqlite_only")
    store.dispose()
    return restore.restore(store_path, source, now, current, folder=folder)


def verify_store(store: Store, actor: Actor, now: dt.datetime) -> list[Any]:
    """Check the chains, the file, the numbering and the cash-ups; remember a
    failure for the dashboard. Reading every record is an auditor's work."""
    from frontdesk.store.check import check_and_remember

    with store.read() as session:
        authorise(session, actor, Action.AUDIT_VIEW)
    return list(check_and_remember(store, now))


def grant_desk_role(store: Store, actor: Actor, role: str) -> None:
    """PostgreSQL, run as the tables' owner: the desks' login role may add to
    the ledger and the audit trail and never change them."""
    from sqlalchemy import text

    from frontdesk.store.pg_roles import desk_grants

    with store.read() as session:
        authorise(session, actor, Action.SETTINGS)
    if store.is_sqlite:
        raise DomainError("grant_postgresql_only")
    try:
        statements = desk_grants(role)
    except ValueError as exc:
        raise DomainError("grant_bad_role", role=role) from exc
    with store.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
