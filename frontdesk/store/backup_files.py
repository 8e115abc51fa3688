"""Backup files: their names, and a folder they can be written to.

Shared by the SQLite copies (:mod:`.backup`) and the PostgreSQL dumps
(:mod:`.pg_backup`), below both so neither needs the other's module.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
from dataclasses import dataclass
from pathlib import Path

from frontdesk.errors import DomainError


class BackupKind(enum.StrEnum):
    START = "start"  # the app started
    EVENING = "evening"  # once an evening, after the last lessons
    MANUAL = "manual"  # ``frontdesk backup`` or the admin's button
    BEFORE_RESTORE = "before-restore"  # the store as it was, before a restore replaced it


_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}[+-]\d{4})-(?P<kind>"
    + "|".join(re.escape(k.value) for k in BackupKind)
    + r")(?:-\d+)?\.(?:sqlite3|dump)$"
)


@dataclass(frozen=True)
class BackupFile:
    """A backup found in a folder, known by its name."""

    path: Path
    stem: str  # the store's file name without extension: whose backup it is
    taken_at: dt.datetime  # aware, in the school's zone when it was taken
    kind: BackupKind


def parse_name(path: Path) -> BackupFile | None:
    """The backup a file name describes, or None for any other file."""
    found = _NAME.match(path.name)
    if found is None:
        return None
    try:
        taken = dt.datetime.strptime(found["stamp"], "%Y%m%d-%H%M%S%z")
    except ValueError:
        return None
    return BackupFile(path, found["stem"], taken, BackupKind(found["kind"]))


def backup_name(stem: str, taken_at: dt.datetime, kind: BackupKind, ext: str = "sqlite3") -> str:
    """``stem-YYYYMMDD-HHMMSS+HHMM-kind.ext``; ``taken_at`` in the school's zone."""
    return f"{stem}-{taken_at:%Y%m%d-%H%M%S%z}-{kind.value}.{ext}"


def check_folder(folder: Path) -> None:
    """Make ``folder`` and prove a file can be written there."""
    probe = folder / f".frontdesk-probe-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DomainError("backup_folder_unusable", folder=str(folder),
                          detail=exc.strerror or str(exc)) from exc


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name`` with -2, -3 … when a backup took it this second."""
    path = folder / name
    base, dot, ext = name.rpartition(".")
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}{dot}{ext}"
    return path
