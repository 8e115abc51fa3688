"""What every window needs: the store, this desk, the clock, who is signed in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
        the role matrix, and owns its transaction. The windows' one way in."""
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

