"""Backing up a PostgreSQL store with ``pg_dump`` (custom format).

The password travels in the child's environment (PGPASSWORD), never on its
command line where any user's ``ps`` would show it, and ``--no-password``
makes a missing or wrong one fail at once instead of waiting at a prompt no
one sees. The dump goes to a hidden ``.partial`` file and is renamed only
when pg_dump succeeded and the file starts like a custom-format archive.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url

from frontdesk.errors import DomainError
from frontdesk.store.backup_files import BackupKind, backup_name, check_folder, free_name
from frontdesk.store.store_file import fsync_dir, fsync_file, remove_quietly, write_error

ARCHIVE_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom-format archive
# Connection settings libpq takes from the environment, by URL query key.
_QUERY_ENV = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT",
              "connect_timeout": "PGCONNECT_TIMEOUT", "application_name": "PGAPPNAME"}


def pg_dump_command(url: str, destination: Path,
                    pg_dump: str = "pg_dump") -> tuple[list[str], dict[str, str]]:
    """The pg_dump arguments and the environment additions for ``url``."""
    parsed = make_url(url)
    args = [pg_dump, "--format=custom", "--no-password", f"--file={destination}"]
    host = parsed.host or _query(parsed.query, "host")
    if host:
        args.append(f"--host={host}")
    port = parsed.port or _query(parsed.query, "port")
    if port:
        args.append(f"--port={port}")
    if parsed.username:
        args.append(f"--username={parsed.username}")
    env = {var: value for key, var in _QUERY_ENV.items()
           if (value := _query(parsed.query, key))}
    env.setdefault("PGCONNECT_TIMEOUT", "10")  # a server that is down: say so, do not hang
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    args.append(f"--dbname={parsed.database or ''}")
    return args, env


def _query(query: Mapping[str, str | tuple[str, ...]], key: str) -> str:
    value = query.get(key)
    if isinstance(value, tuple):
        value = value[0] if value else None
    return str(value) if value else ""


def dump_stem(url: str) -> str:
    """Dumps are named after the database."""
    return make_url(url).database or "frontdesk"


def dump_postgres(url: str, folder: Path, taken_at: dt.datetime, kind: str) -> Path:
    """Dump the database at ``url`` into ``folder``; refuses with "pg_dump_missing",
    "pg_dump_failed" or "backup_disk_full", leaving no file behind."""
    program = shutil.which("pg_dump")
    if program is None:
        raise DomainError("pg_dump_missing")
    check_folder(folder)
    final = free_name(folder, backup_name(dump_stem(url), taken_at, BackupKind(kind), "dump"))
    partial = folder / f".{final.name}.partial"
    args, extra = pg_dump_command(url, partial, program)
    try:
        _run(args, {**os.environ, **extra}, partial, folder)
        fsync_file(partial)
        os.replace(partial, final)
        fsync_dir(folder)
    except OSError as exc:
        remove_quietly(partial)
        raise write_error(exc, folder) from exc
    except BaseException:
        remove_quietly(partial)
        raise
    return final


def _run(args: list[str], env: dict[str, str], partial: Path, folder: Path) -> None:
    done = subprocess.run(args, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, errors="replace", check=False)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit status {done.returncode}"
        if "No space left" in done.stderr:
            raise DomainError("backup_disk_full", folder=str(folder))
        raise DomainError("pg_dump_failed", detail=detail)
    with open(partial, "rb") as fh:
        if fh.read(len(ARCHIVE_MAGIC)) != ARCHIVE_MAGIC:
            raise DomainError("pg_dump_failed", detail="the dump is not a pg_dump archive")
