"""Backups of the store: on start and every evening, kept in rotation.

A SQLite store is copied online through SQLite's backup API (a consistent
snapshot while desks keep working) into a hidden ``.partial`` file, which is
checked (``PRAGMA integrity_check``, our schema revision) and fsynced before
it takes its final name: a full disk or a crash never leaves a half backup
that looks complete. A name says whose backup it is, when (the school's
local time with its UTC offset) and why, so rotation is decided from names
alone: ``frontdesk-20261201-213000+0800-evening.sqlite3``.

A PostgreSQL store is dumped with ``pg_dump`` (custom format) when it is
installed; the desks' own automatic backups are for SQLite only.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import zoneinfo
from pathlib import Path

from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.settings import get_value, load_settings
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.backup_files import (
    BackupFile,
    BackupKind,
    backup_name,
    check_folder,
    free_name,
    parse_name,
)
from frontdesk.store.engine import Store, backup_sqlite, default_store_path
from frontdesk.store.models import Setting
from frontdesk.store.pg_backup import dump_postgres
from frontdesk.store.store_file import (
    examine,
    fsync_dir,
    fsync_file,
    is_disk_full,
    remove_quietly,
    require_admin,
    write_error,
)

AUTOMATIC = frozenset({BackupKind.START, BackupKind.EVENING})
"""Only these are rotated; manual and before-restore copies stay until an admin deletes them."""

KEEP_DAILY = 14  # the newest backup of each of the 14 latest days that have one
KEEP_WEEKLY = 8  # the newest of each of the 8 latest weeks that have one
KEEP_ALL_WITHIN = dt.timedelta(hours=24)  # every backup of the last day, say after a mistake
EVENING = dt.time(21, 30)  # local time: the evening lessons are over
DEFAULT_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")
FOLDER_SETTING = "backup_folder"
PARTIAL = ".partial"
STALE_PARTIAL = dt.timedelta(hours=6)  # older partial files are leftovers of a crash

def list_backups(folder: Path, stem: str | None = None) -> list[BackupFile]:
    """Backups in ``folder`` (of the store ``stem``, or all), newest first."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [b for b in map(parse_name, entries) if b is not None and b.path.is_file()]
    if stem is not None:
        found = [b for b in found if b.stem == stem]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_backup_of(store_path: Path) -> BackupFile | None:
    """The newest backup of a SQLite store in its default folder (for a store
    too damaged to say where its chosen folder is), or None."""
    found = list_backups(store_path.parent / "backups", stem=store_path.stem)
    return found[0] if found else None


# Where backups go ----------------------------------------------------------------


def default_backup_folder(store: Store) -> Path:
    """A ``backups`` folder beside a SQLite store (beside the default store's
    place for PostgreSQL)."""
    path = store.sqlite_path or default_store_path()
    return path.parent / "backups"


def backup_folder(store: Store) -> Path:
    """The folder the admin chose, or the default."""
    with store.read() as session:
        chosen = get_value(session, FOLDER_SETTING)
    return Path(chosen) if chosen else default_backup_folder(store)


def set_backup_folder(session: Session, folder: str | os.PathLike[str], actor: Actor,
                      now: dt.datetime) -> Path | None:
    """Choose where backups go (admins only); refuses a folder that cannot be
    written ("backup_folder_unusable"). An empty ``folder`` goes back to the
    default (and returns None)."""
    require_admin(actor)
    text = os.fspath(folder).strip()
    path = Path(text).expanduser().resolve() if text else None
    if path is not None:
        check_folder(path)
    row = session.get(Setting, FOLDER_SETTING)
    before = row.value if row is not None else ""
    if row is None:
        session.add(Setting(key=FOLDER_SETTING, value=str(path or "")))
    else:
        row.value = str(path or "")
    audit.record(session, actor, "settings.backup_folder", now, entity="settings",
                 before={"backup_folder": before}, after={"backup_folder": str(path or "")})
    return path


# Taking a backup -----------------------------------------------------------------


def school_zone(store: Store) -> zoneinfo.ZoneInfo:
    with store.read() as session:
        return load_settings(session).tz()


def take_backup(store: Store, folder: Path, now: dt.datetime, kind: BackupKind | str) -> Path:
    """Copy the store into ``folder`` and return the new file.

    SQLite: an online, verified copy; PostgreSQL: ``pg_dump``. On any failure
    ("backup_disk_full", "backup_failed", "backup_verify_failed",
    "backup_folder_unusable") no file is left behind and the store is untouched.
    """
    kind = BackupKind(kind)
    if not store.is_sqlite:

        return dump_postgres(store.url, Path(folder), now.astimezone(school_zone(store)), kind)
    source = store.sqlite_path
    if source is None:
        raise DomainError("backup_failed", folder=str(folder), detail="in-memory store")
    return copy_sqlite(source, Path(folder), now.astimezone(school_zone(store)), kind)


def copy_sqlite(source: Path, folder: Path, taken_at: dt.datetime, kind: BackupKind) -> Path:
    """The verified copy of the SQLite file ``source``, named for ``taken_at``."""
    check_folder(folder)
    final = free_name(folder, backup_name(source.stem, taken_at, kind))
    partial = folder / f".{final.name}{PARTIAL}"
    try:
        remove_quietly(partial)
        backup_sqlite(source, partial)
        _seal(partial)
        fsync_file(partial)
        os.replace(partial, final)
        fsync_dir(folder)
    except (OSError, sqlite3.Error) as exc:
        remove_quietly(partial)
        raise write_error(exc, folder) from exc
    except BaseException:
        remove_quietly(partial)
        raise
    return final


def _seal(partial: Path) -> None:
    """A self-contained file (no -wal beside it), proven whole and ours."""
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        examine(conn, partial)
    except DomainError as problem:
        raise DomainError("backup_verify_failed", folder=str(partial.parent),
                          detail=problem.details.get("detail") or problem.code) from None
    except sqlite3.DatabaseError as exc:
        if is_disk_full(exc):
            raise
        raise DomainError("backup_verify_failed", folder=str(partial.parent),
                          detail=str(exc)) from exc
    finally:
        conn.close()


# When and how many ---------------------------------------------------------------


def backup_due(folder: Path, now: dt.datetime, *, tz: dt.tzinfo = DEFAULT_ZONE,
               stem: str = "frontdesk", evening: dt.time = EVENING) -> bool:
    """Whether tonight's backup is due: it is past ``evening`` in the school's
    zone and no backup of the store ``stem`` was taken since."""
    local = now.astimezone(tz)
    if local.time() < evening:
        return False
    since = dt.datetime.combine(local.date(), evening, tzinfo=tz)
    return not any(b.taken_at >= since for b in list_backups(folder, stem))


def start_backup_due(folder: Path, now: dt.datetime, *, tz: dt.tzinfo = DEFAULT_ZONE,
                     stem: str = "frontdesk") -> bool:
    """Whether a start backup is due: none of the store ``stem`` today (school's zone)."""
    today = now.astimezone(tz).date()
    return not any(b.kind is BackupKind.START and b.taken_at.astimezone(tz).date() == today
                   for b in list_backups(folder, stem))


def rotate(folder: Path, now: dt.datetime, *, keep_daily: int = KEEP_DAILY,
           keep_weekly: int = KEEP_WEEKLY) -> list[Path]:
    """Delete the automatic backups rotation no longer keeps; return them.

    For each store it keeps every backup of the last 24 hours, the newest of
    each of the ``keep_daily`` latest days and ``keep_weekly`` latest weeks
    that have one. Counting days that have backups (not calendar days) means
    a summer break never empties the folder. Manual and before-restore
    copies, and files that are not ours, are never touched. Partial files
    left by a crash are removed once they are hours old.
    """
    removed: list[Path] = []
    automatic = [b for b in list_backups(folder) if b.kind in AUTOMATIC]
    for stem in {b.stem for b in automatic}:
        series = [b for b in automatic if b.stem == stem]
        kept = _kept(series, now, keep_daily, keep_weekly)
        removed += [b.path for b in series if b not in kept and _unlink(b.path)]
    return removed + _stale_partials(Path(folder), now)


def _kept(series: list[BackupFile], now: dt.datetime, keep_daily: int,
          keep_weekly: int) -> set[BackupFile]:
    """``series`` newest first."""
    kept = {b for b in series if b.taken_at > now - KEEP_ALL_WITHIN}
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    for b in series:
        day = b.taken_at.date()
        iso = day.isocalendar()
        week = (iso.year, iso.week)
        if day not in days and len(days) < keep_daily:
            days.add(day)
            kept.add(b)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.add(week)
            kept.add(b)
    return kept


def _stale_partials(folder: Path, now: dt.datetime) -> list[Path]:
    try:
        entries = list(folder.glob(f".*{PARTIAL}"))
    except OSError:
        return []
    stale = []
    for path in entries:
        described = parse_name(path.with_name(path.name[1:-len(PARTIAL)]))
        if described and described.taken_at < now - STALE_PARTIAL and _unlink(path):
            stale.append(path)
    return stale


def _unlink(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False  # read-only or in use: try again at the next rotation
    return True


def automatic_backup(store: Store, now: dt.datetime, *, starting: bool = False) -> Path | None:
    """What the windows call: on start (``starting=True``) and from a timer.

    Takes a start backup (the first start of the day only: a desk restarted
    three times an evening keeps one), or the evening one when it is due, then rotates;
    returns the new file or None when nothing was due (or the store is not
    a SQLite file). Refusals are those of :func:`take_backup`.
    """
    path = store.sqlite_path
    if path is None:
        return None
    folder = backup_folder(store)
    tz = school_zone(store)
    if starting and start_backup_due(folder, now, tz=tz, stem=path.stem):
        kind = BackupKind.START
    elif not starting and backup_due(folder, now, tz=tz, stem=path.stem):
        kind = BackupKind.EVENING
    else:
        return None
    taken = take_backup(store, folder, now, kind)
    rotate(folder, now)
    if kind is BackupKind.EVENING:
        # The evening's check: a failure waits on the dashboard for an administrator.
        from frontdesk.store.check import check_and_remember

        check_and_remember(store, now)
    return taken
