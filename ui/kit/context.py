"""What every window needs: the store, this desk, the clock, who is signed in."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from frontdesk.checkin.door import DoorDesk
from frontdesk.errors import DomainError
from frontdesk.settings import SchoolSettings, load_settings, school_is_named
from frontdesk.staff.accounts import SignedIn
from frontdesk.staff.actor import Actor
from frontdesk.staff.roles import Action, allowed
from frontdesk.store.engine import Store, StoreError, StoreProblem
from frontdesk.vocab import StaffRole

if TYPE_CHECKING:
    from frontdesk.certificates.keys import Signer

T = TypeVar("T")


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WriteTurns:
    """Whose turn it is to write to this desk's SQLite store: one writer at a
    time, and the desk's own work (a scan, a payment) before background work
    (closing the lessons that are over), which waits while anyone else does.

    SQLite's busy handler is no queue: a writer polling for the lock can lose
    it again and again to a background loop of short transactions. Waiting
    here instead, a scan waits at most for the one background transaction
    under way. A thread already holding the turn keeps it (no self-deadlock).
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._holder: int | None = None  # the thread writing
        self._depth = 0
        self._first_waiting = 0

    @property
    def first_waiting(self) -> int:
        """How many of the desk's own writes are waiting for their turn."""
        with self._cond:
            return self._first_waiting

    @contextlib.contextmanager
    def first(self) -> Iterator[None]:
        """The desk's own write: next as soon as the writer now under way is done."""
        with self._take(behind=False):
            yield

    @contextlib.contextmanager
    def behind(self) -> Iterator[None]:
        """Background work: only while nobody else writes or waits to."""
        with self._take(behind=True):
            yield

    @contextlib.contextmanager
    def _take(self, *, behind: bool) -> Iterator[None]:
        me = threading.get_ident()
        with self._cond:
            if self._holder != me:
                self._first_waiting += 0 if behind else 1
                try:
                    self._cond.wait_for(lambda: self._holder is None and (
                        not behind or self._first_waiting == 0))
                finally:
                    self._first_waiting -= 0 if behind else 1
                self._holder = me
            self._depth += 1
        try:
            yield
        finally:
            with self._cond:
                self._depth -= 1
                if self._depth == 0:
                    self._holder = None
                    self._cond.notify_all()


@dataclass
class DeskContext:
    store: Store
    desk: str = "前台1"
    clock: Callable[[], dt.datetime] = field(default=system_clock)
    staff_id: int | None = None
    role: StaffRole | None = None
    staff_name: str = ""
    username: str = ""
    # Staff accounts exist: someone must be signed in. Until the first admin
    # is made the desk works without accounts (role None may do everything).
    requires_sign_in: bool = False
    # A desk on a shared (PostgreSQL) store checks in through a door desk
    # that keeps going offline when the server is away.
    door: DoorDesk | None = None
    # The certificate signing key once unlocked, for this sign-in only.
    signer: Signer | None = None
    # One writer at a time from this desk's threads (see WriteTurns).
    turns: WriteTurns = field(default_factory=WriteTurns)

    @property
    def actor(self) -> Actor:
        return Actor(desk=self.desk, staff_id=self.staff_id, role=self.role,
                     name=self.staff_name)

    @property
    def signed_in(self) -> bool:
        return self.staff_id is not None

    def sign_in_as(self, who: SignedIn) -> None:
        """``who`` now works at this desk (every later call acts as them)."""
        self.staff_id, self.role = who.staff_id, who.role
        self.signer = None
        self.staff_name, self.username = who.name, who.username
        self.requires_sign_in = True

    def sign_out(self) -> None:
        self.staff_id, self.role, self.staff_name, self.username = None, None, "", ""
        self.signer = None

    def may(self, action: Action) -> bool:
        """May the signed-in role do ``action``? (Windows hide what it may not.)

        True for everything while the school has no staff accounts; False
        for everything while accounts exist and nobody is signed in.
        """
        if self.requires_sign_in and not self.signed_in:
            return False
        return allowed(self.role, action)

    def now(self) -> dt.datetime:
        return self.clock()

    def school_is_named(self) -> bool:
        """Whether the school has its own name yet (a new store has none); read
        before anyone signs in too, like the settings."""
        with self.store.read() as session:
            return school_is_named(session)

    def settings(self) -> SchoolSettings:
        """The school's settings (not personal data: read before anyone signs in too)."""
        with self.store.read() as session:
            return load_settings(session)

    def act(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Do a desk job through its action (``frontdesk.<job>.actions``) as
        whoever works this desk: the action checks them against the store and
        the role matrix, and owns its transaction. The windows' one way in.
        A write waits only for a background write under way (``turns``)."""
        with self._turn(action, behind=False):
            return self._act(action, *args, **kwargs)

    def act_behind(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``act`` for background work on a worker thread (closing lessons
        that are over): its write waits while the desk's own writes wait."""
        with self._turn(action, behind=True):
            return self._act(action, *args, **kwargs)

    def _turn(self, action: Callable[..., Any], *, behind: bool
              ) -> contextlib.AbstractContextManager[None]:
        # Reads never wait on SQLite (WAL), and a PostgreSQL server queues
        # writers fairly itself: only a SQLite write takes a turn.
        if not self.store.is_sqlite or not getattr(action, "writes", True):
            return contextlib.nullcontext()
        return self.turns.behind() if behind else self.turns.first()

    def _act(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        try:
            return action(self.store, self.actor, *args, **kwargs)
        except StoreError as error:
            if self.door is None or error.problem is not StoreProblem.SERVER_DOWN:
                raise
            self.door.online = False  # the check-in page says so and keeps scanning
            raise DomainError("needs_server") from error

    @property
    def offline(self) -> bool:
        """The store's server is away: check-in goes on, other jobs wait."""
        return self.door is not None and not self.door.online

