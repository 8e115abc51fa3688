"""``frontdesk backup`` and ``frontdesk restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.commands.base import CliRun, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.store import actions as store_actions
from frontdesk.store.engine import default_store_path, resolve_url


def _configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="FOLDER",
                   help="where to write it (default: the backup folder in the settings, "
                        "or a 'backups' folder beside the store)")


@subcommand("backup", "copy the store to a backup file (PostgreSQL: with pg_dump)",
            _configure_backup)
def cmd_backup(run: CliRun) -> int:
    """A manual backup. SQLite: a copy taken by the signed-in staff member, who
    needs the role that may copy every learner's data; audited. PostgreSQL:
    pg_dump with the URL's own credentials, which are the gate there."""
    from frontdesk.store.backup_files import BackupKind

    args, out = run.args, run.out
    url = resolve_url(run.db)
    now = now_utc()
    if make_url(url).get_backend_name() != "sqlite":
        # No connection of our own: pg_dump makes its own, and says when it cannot.
        from frontdesk.store.pg_backup import dump_postgres

        folder = Path(args.to) if args.to else default_store_path().parent / "backups"
        path = dump_postgres(url, folder, now.astimezone(), BackupKind.MANUAL)
    else:
        path = store_actions.backup_now(run.store(), run.actor(),
                                        Path(args.to) if args.to else None, now)
    out.say(QT_TRANSLATE_NOOP("CLI", "Backup written: {path} ({size})"), path=path,
            size=_size(path.stat().st_size))
    return 0


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size} {unit}"
        size //= 1024
    return f"{size} GB"


def _configure_restore(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the backup file (.sqlite3) to put back")
    p.add_argument("--yes", action="store_true",
                   help="replace the store (without it, only shows what the backup holds)")


@subcommand("restore", "replace the store with a backup (the current store is backed up first)",
            _configure_restore)
def cmd_restore(run: CliRun) -> int:
    from frontdesk.store.restore import inspect_backup

    args, out = run.args, run.out
    url = resolve_url(run.db)
    database = make_url(url).database
    if make_url(url).get_backend_name() != "sqlite" or not database or database == ":memory:":
        raise DomainError("restore_sqlite_only")
    target, source = Path(database), Path(args.file)
    facts = inspect_backup(source)
    out.say(QT_TRANSLATE_NOOP(
        "CLI", "{path}: {learners} learners, {entries} ledger entries, {checkins} check-ins; "
        "last change {last}."), path=source, learners=facts.learners,
        entries=facts.ledger_entries, checkins=facts.check_ins,
        last=facts.last_change.astimezone().strftime("%Y-%m-%d %H:%M")
        if facts.last_change else "-")
    if not args.yes:
        out.say(QT_TRANSLATE_NOOP(
            "CLI", "Nothing was changed. Run again with --yes to replace the store {store} "
            "with this backup."), store=target)
        return 0
    # checked against the store it replaces, which it closes first
    result = store_actions.restore_backup(run.store(), run.actor(), source, now_utc())
    out.say(QT_TRANSLATE_NOOP("CLI", "Restored {store} from {path}."), store=target, path=source)
    if result.before_restore is not None:
        out.say(QT_TRANSLATE_NOOP("CLI", "The store as it was before is kept in {path}."),
                path=result.before_restore)
    return 0
