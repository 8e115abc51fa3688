"""``frontdesk backup`` and ``frontdesk restore``."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.cli import QT_TRANSLATE_NOOP, CliRun, now_utc, subcommand
from frontdesk.errors import DomainError
from frontdesk.store.engine import default_store_path, resolve_url


def _configure_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", metavar="FOLDER",
                   help="where to write it (default: the backup folder in the settings, "
                        "or a 'backups' folder beside the store)")


@subcommand("backup", "copy the store to a backup file (PostgreSQL: with pg_dump)",
            _configure_backup)
def cmd_backup(run: CliRun) -> int:
    from frontdesk.store.backup import BackupKind, backup_folder, take_backup

    args, out = run.args, run.out
    url = resolve_url(run.db)
    now = now_utc()
    if make_url(url).get_backend_name() != "sqlite":
        # No connection of our own: pg_dump makes its own, and says when it cannot.
        from frontdesk.store.pg_backup import dump_postgres

        folder = Path(args.to) if args.to else default_store_path().parent / "backups"
        path = dump_postgres(url, folder, now.astimezone(), BackupKind.MANUAL)
    else:
        from frontdesk.actions import authorise
        from frontdesk.staff import audit
        from frontdesk.staff.roles import Action

        store = run.store()
        with store.read() as session:  # a copy of every learner's data
            actor = authorise(session, run.actor(), Action.EXPORT_FULL)
        folder = Path(args.to) if args.to else backup_folder(store)
        path = take_backup(store, folder, now, BackupKind.MANUAL)
        with store.write() as session:
            audit.record(session, actor, "store.backup", now, entity="store",
                         after={"file": str(path)})
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
    from frontdesk.store.restore import inspect_backup, restore

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
    actor = run.actor()
    run.close()  # the store is replaced: no connection of ours may stay open
    result = restore(target, source, now_utc(), actor)
    out.say(QT_TRANSLATE_NOOP("CLI", "Restored {store} from {path}."), store=target, path=source)
    if result.before_restore is not None:
        out.say(QT_TRANSLATE_NOOP("CLI", "The store as it was before is kept in {path}."),
                path=result.before_restore)
    return 0
