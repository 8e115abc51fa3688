"""The store's actions: a backup taken by hand, choosing the backup folder,
and restoring a backup. Automatic backups (on start, every evening) are the
app's own work and need no actor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
