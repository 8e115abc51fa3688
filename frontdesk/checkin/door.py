"""A door desk: check-in through the store while it answers, from the desk's
own snapshot and outbox while it does not (see :mod:`frontdesk.checkin.offline`).

The window and a headless desk hold one :class:`DoorDesk`. Every scan goes
through :meth:`DoorDesk.scan`, which says which mode answered it; the desk
switches to offline on the scan that finds the store gone (libpq gives up
after ``PG_CONNECT_TIMEOUT_S``), and back once :meth:`DoorDesk.reconnect`
has uploaded every waiting scan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from frontdesk.checkin import actions
from frontdesk.checkin.offline import (
    Outbox,
    Snapshot,
    Upload,
    offline_scan,
    remember_arrival,
)
from frontdesk.checkin.scan import CheckInResult
from frontdesk.errors import DomainError
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, StoreError, StoreProblem, make_engine, open_store

REFRESH_EVERY = dt.timedelta(minutes=1)
RETRY_EVERY = dt.timedelta(seconds=5)


def unreachable(error: BaseException) -> bool:
    """Whether ``error`` means the store's server cannot be reached (not a refusal)."""
    if isinstance(error, StoreError):
        return error.problem is StoreProblem.SERVER_DOWN
    if isinstance(error, sa_exc.DBAPIError):
        return bool(error.connection_invalidated) or isinstance(
            error, sa_exc.OperationalError | sa_exc.InterfaceError)
    return isinstance(error, OSError | TimeoutError)


def desk_folder(data_dir: Path, store: Store) -> Path:
    """This store's snapshot and outbox, in the desk's own data folder."""
    key = hashlib.sha256(store.url.encode("utf-8")).hexdigest()[:16]
    return data_dir / "offline" / key


@dataclass
class DoorDesk:
    store: Store
    folder: Path
    online: bool = True
    differences: list[Upload] = field(default_factory=list)
    _last_try: dt.datetime | None = None

    checked: bool = True  # the store's schema was checked when it was opened
    _open: tuple[tuple[int, int], Snapshot] | None = None

    def __post_init__(self) -> None:
        self.snapshot_path = self.folder / "snapshot.sqlite3"
        self.outbox = Outbox(self.folder / "outbox.sqlite3")
        if self.outbox.count():
            self.online = False  # scans from before a restart wait to go up first

    @classmethod
    def open(cls, url: str, folder: Path) -> DoorDesk:
        """The door desk of the store at ``url``; offline from its snapshot when
        the server cannot be reached at start (checked when it answers)."""
        try:
            return cls(open_store(url, upgrade=False), folder)
        except StoreError as error:
            if error.problem is not StoreProblem.SERVER_DOWN:
                raise
        return cls(Store(url=url, engine=make_engine(url)), folder, online=False, checked=False)

    # -- what the desk shows --------------------------------------------------------

    def pending(self) -> int:
        """Scans waiting to be uploaded (the banner's N)."""
        return self.outbox.count()

    def snapshot_age(self, now: dt.datetime) -> dt.timedelta | None:
        snapshot = self._snapshot()
        return None if snapshot is None else snapshot.age(now)

    def _snapshot(self) -> Snapshot | None:
        """The snapshot file, opened once per version of it (a refresh replaces it)."""
        try:
            stat = self.snapshot_path.stat()
        except FileNotFoundError:
            return None
        version = (stat.st_mtime_ns, stat.st_ino)
        if self._open is not None and self._open[0] == version:
            return self._open[1]
        if self._open is not None:
            self._open[1].close()
        snapshot = Snapshot.open(self.snapshot_path)
        self._open = (version, snapshot) if snapshot is not None else None
        return snapshot

    def close(self) -> None:
        """Let go of the desk's files (the outbox stays on disk)."""
        if self._open is not None:
            self._open[1].close()
            self._open = None
        self.outbox.close()

    # -- scans -------------------------------------------------------------------------

    def scan(self, actor: Actor, scan_text: str, at: dt.datetime, *,
             desk_lesson_id: int | None = None,
             choose_lesson_id: int | None = None) -> CheckInResult:
        """Answer one scan: through the store, or offline from the snapshot."""
        if self.online:
            try:
                result = actions.desk_scan(self.store, actor, scan_text, at,
                                           desk_lesson_id=desk_lesson_id,
                                           choose_lesson_id=choose_lesson_id)
                if result.recorded and result.lesson is not None and result.learner_id:
                    remember_arrival(self.snapshot_path, result.lesson.lesson_id,
                                     result.learner_id, at)
                return result
            except (StoreError, sa_exc.DBAPIError, OSError) as error:
                if not unreachable(error):
                    raise
                self.online = False
                self._last_try = at
        snapshot = self._snapshot()
        if snapshot is None:
            raise DomainError("offline_no_snapshot")
        return offline_scan(snapshot, self.outbox, scan_text, at, actor,
                            desk_lesson_id=desk_lesson_id, choose_lesson_id=choose_lesson_id)

    # -- keeping in touch with the store ---------------------------------------------------

    def refresh(self, actor: Actor, now: dt.datetime, *, force: bool = False) -> bool:
        """Take a new snapshot when online and the last is a minute old; False offline."""
        if not self.online:
            return False
        age = self.snapshot_age(now)
        if not force and age is not None and age < REFRESH_EVERY:
            return True
        try:
            actions.take_snapshot(self.store, actor, self.snapshot_path, now)
        except (StoreError, sa_exc.DBAPIError, OSError) as error:
            if not unreachable(error):
                raise
            self.online = False
            self._last_try = now
            return False
        return True

    def reconnect(self, actor: Actor, now: dt.datetime, *, force: bool = False) -> bool:
        """Offline: try the store (every few seconds); upload the outbox and come back
        online when it answers. True when the desk is online afterwards."""
        if self.online:
            return True
        if not force and self._last_try is not None and now - self._last_try < RETRY_EVERY:
            return False
        self._last_try = now
        try:
            if not self.checked:  # opened while the server was away: check it now
                store = open_store(self.store.url, upgrade=False)
                self.store.dispose()
                self.store, self.checked = store, True
            with self.store.read() as session:
                session.execute(text("SELECT 1"))
            for entry in self.outbox.pending():
                try:
                    upload = Upload(entry, actions.upload_offline_scan(self.store, actor, entry,
                                                                       now))
                except DomainError as refused:  # e.g. an outage older than a desk may enter
                    upload = Upload(entry, None, refused.code)
                if upload.differs:
                    self.differences.append(upload)
                self.outbox.mark_uploaded(entry.id, upload.outcome, now)
        except (StoreError, sa_exc.DBAPIError, OSError) as error:
            if not unreachable(error):
                raise
            return False
        self.online = True
        self.refresh(actor, now, force=True)
        return self.online
