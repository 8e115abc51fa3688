"""Staff accounts: the first admin, passwords, lock-out, signing in and out.

Passwords are hashed with argon2id (argon2-cffi), a fresh random salt per
hash, at OWASP's recommended cost (19 MiB, 2 passes: ~0.07 s here); the
parameters live in each hash, so raising them later rehashes an account on
its next sign-in. What is typed is NFKC-folded first, so a password typed
with a Chinese input method left in full-width mode still matches.

Five wrong passwords in a row lock an account for 15 minutes. An unknown
user name gets the same ``wrong_password`` as a wrong password (and takes
as long), so the sign-in box does not tell who works here.

Every sign-in, failed or not, writes an audit event. A failed one must be
kept although the user is refused, so :func:`sign_in` does not raise: it
returns a :class:`SignInAttempt` for the caller to commit, and the refusal
is raised after the commit::

    with store.write() as session:
        attempt = sign_in(session, username, password, desk, now)
    signed_in = attempt.result()  # raises the DomainError of a refusal
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.settings import load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.counters import bump_counter
from frontdesk.store.models import Staff
from frontdesk.text import clean_name
from frontdesk.vocab import StaffRole

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 8
MAX_PASSWORD = 256
MAX_USERNAME = 32
MAX_DISPLAY_NAME = 64
MAX_FAILURES = 5
LOCK_FOR = dt.timedelta(minutes=15)
_STAFF_LOCK = "staff"  # a counter row taken to serialise "is this the first admin?"


@dataclass(frozen=True)
class SignedIn:
    """Who is at the desk after a good sign-in."""

    staff_id: int
    role: StaffRole
    name: str
    username: str

    def actor(self, desk: str) -> Actor:
        """The :class:`Actor` every domain call of this staff member passes."""
        return Actor(desk=desk, staff_id=self.staff_id, role=self.role, name=self.name)


@dataclass(frozen=True)
class SignInAttempt:
    """What :func:`sign_in` did: signed in, or refused (and recorded as failed)."""

    signed_in: SignedIn | None
    refusal: DomainError | None

    @property
    def ok(self) -> bool:
        return self.signed_in is not None

    def result(self) -> SignedIn:
        """The signed-in staff member; raises the refusal. Call it after committing."""
        if self.signed_in is None:
            assert self.refusal is not None
            raise self.refusal
        return self.signed_in


@dataclass(frozen=True)
class StaffRow:
    """A staff account as the staff list shows it (never the hash)."""

    id: int
    username: str
    display_name: str
    role: StaffRole
    disabled: bool
    locked_until: dt.datetime | None
    failed_attempts: int
    created_at: dt.datetime

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def _row(staff: Staff) -> StaffRow:
    return StaffRow(staff.id, staff.username, staff.display_name, staff.role, staff.disabled,
                    staff.locked_until, staff.failed_attempts, staff.created_at)


# Passwords -----------------------------------------------------------------

@functools.cache
def _hasher() -> PasswordHasher:
    # Imported here: argon2 is not needed to start the app, only to sign in.
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone here")


def _fold(password: str) -> str:
    return unicodedata.normalize("NFKC", password or "")


def check_password_rules(password: str) -> str:
    """The password as hashed; refuses one too short or too long."""
    folded = _fold(password)
    if len(folded) < MIN_PASSWORD:
        raise DomainError("password_too_short", min=MIN_PASSWORD)
    if len(folded) > MAX_PASSWORD:
        raise DomainError("password_too_long", max=MAX_PASSWORD)
    return folded


def hash_password(password: str) -> str:
    """An argon2id hash (with its own random salt) of a password that keeps the rules."""
    return _hasher().hash(check_password_rules(password))


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(password_hash, _fold(password))
    except (VerificationError, InvalidHashError):
        return False


# Names -----------------------------------------------------------------------

def clean_username(raw: str) -> str:
    """A user name as stored and compared: NFKC, trimmed, case-folded, no spaces."""
    name = unicodedata.normalize("NFKC", raw or "").strip().casefold()
    if not name:
        raise DomainError("username_required")
    if len(name) > MAX_USERNAME:
        raise DomainError("username_too_long", max=MAX_USERNAME)
    if any(ch.isspace() or not ch.isprintable() for ch in name):
        raise DomainError("username_invalid", value=raw)
    return name


def _clean_display_name(raw: str) -> str:
    name = clean_name(raw)
    if not name:
        raise DomainError("name_required")
    if len(name) > MAX_DISPLAY_NAME:
        raise DomainError("name_too_long", max=MAX_DISPLAY_NAME)
    return name


def _role(value: StaffRole | str) -> StaffRole:
    try:
        return StaffRole(value)
    except ValueError as exc:
        raise DomainError("role_unknown", value=str(value)) from exc


# Reading -------------------------------------------------------------------

def staff_exist(session: Session) -> bool:
    """Has the school any staff account? (If not, the first run asks for an admin.)"""
    return session.scalar(select(Staff.id).limit(1)) is not None


def list_staff(session: Session) -> list[StaffRow]:
    """Every account, active ones first, by user name."""
    return [_row(s) for s in session.scalars(
        select(Staff).order_by(Staff.disabled, Staff.username))]


def staff_by_username(session: Session, username: str) -> StaffRow | None:
    found = session.scalars(select(Staff).where(Staff.username == clean_username(username)))
    staff = found.first()
    return None if staff is None else _row(staff)


def _get(session: Session, staff_id: int) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise DomainError("staff_not_found", staff_id=staff_id)
    return staff


# Accounts ------------------------------------------------------------------

def _new_staff(session: Session, username: str, display_name: str, role: StaffRole,
               password: str, now: dt.datetime) -> Staff:
    name = clean_username(username)
    display = _clean_display_name(display_name)
    password_hash = hash_password(password)
    if session.scalar(select(Staff.id).where(Staff.username == name)) is not None:
        raise DomainError("username_taken", username=name)
    staff = Staff(username=name, display_name=display, role=role, password_hash=password_hash,
                  failed_attempts=0, locked_until=None, disabled=False, created_at=now)
    session.add(staff)
    session.flush()
    return staff


def create_first_admin(
    session: Session, username: str, display_name: str, password: str, now: dt.datetime,
    *, desk: str = "",
) -> SignedIn:
    """Make the school's first account, an admin; refused (``staff_exist``) once any exists.

    Returns the new admin, signed in, so the first run goes straight on.
    """
    bump_counter(session, _STAFF_LOCK, 0)  # two desks' first runs take turns here
    if staff_exist(session):
        raise DomainError("staff_exist")
    staff = _new_staff(session, username, display_name, StaffRole.ADMIN, password, now)
    signed_in = SignedIn(staff.id, staff.role, staff.display_name, staff.username)
    audit.record(session, signed_in.actor(desk), "staff.add", now, entity="staff",
                 entity_id=staff.id, after={"username": staff.username, "role": "admin",
                                            "first_admin": True})
    return signed_in


def add_staff(
    session: Session, username: str, display_name: str, role: StaffRole | str, password: str,
    actor: Actor, now: dt.datetime,
) -> StaffRow:
    """Add an account (admin). Before the first admin exists use :func:`create_first_admin`."""
    roles.require(actor, roles.Action.STAFF)
    if not staff_exist(session):
        raise DomainError("first_admin_required")
    staff = _new_staff(session, username, display_name, _role(role), password, now)
    audit.record(session, actor, "staff.add", now, entity="staff", entity_id=staff.id,
                 after={"username": staff.username, "role": staff.role.value})
    return _row(staff)


def reset_password(
    session: Session, staff_id: int, new_password: str, actor: Actor, now: dt.datetime
) -> StaffRow:
    """Set a forgotten password (admin); also lifts a lock-out."""
    roles.require(actor, roles.Action.STAFF)
    staff = _get(session, staff_id)
    staff.password_hash = hash_password(new_password)
    staff.failed_attempts = 0
    staff.locked_until = None
    audit.record(session, actor, "staff.reset_password", now, entity="staff",
                 entity_id=staff.id, after={"username": staff.username})
    return _row(staff)


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count()).where(
        Staff.role == StaffRole.ADMIN, Staff.disabled.is_(False))) or 0


def _keep_an_admin(session: Session, staff: Staff, actor: Actor) -> None:
    """Never leave the school without an active admin, nor lock yourself out."""
    if staff.id == actor.staff_id:
        raise DomainError("cannot_change_self")
    if staff.role is StaffRole.ADMIN and not staff.disabled and _active_admins(session) <= 1:
        raise DomainError("last_admin")


def disable_staff(session: Session, staff_id: int, actor: Actor, now: dt.datetime) -> StaffRow:
    """Disable an account (admin): it can no longer sign in; its history stays."""
    roles.require(actor, roles.Action.STAFF)
    staff = _get(session, staff_id)
    if staff.disabled:
        raise DomainError("staff_already_disabled", username=staff.username)
    _keep_an_admin(session, staff, actor)
    staff.disabled = True
    audit.record(session, actor, "staff.disable", now, entity="staff", entity_id=staff.id,
                 before={"disabled": False}, after={"disabled": True})
    return _row(staff)


def enable_staff(session: Session, staff_id: int, actor: Actor, now: dt.datetime) -> StaffRow:
    """Let a disabled account sign in again (admin)."""
    roles.require(actor, roles.Action.STAFF)
    staff = _get(session, staff_id)
    if not staff.disabled:
        raise DomainError("staff_not_disabled", username=staff.username)
    staff.disabled = False
    staff.failed_attempts = 0
    staff.locked_until = None
    audit.record(session, actor, "staff.enable", now, entity="staff", entity_id=staff.id,
                 before={"disabled": True}, after={"disabled": False})
    return _row(staff)


def set_role(session: Session, staff_id: int, role: StaffRole | str, actor: Actor,
             now: dt.datetime) -> StaffRow:
    """Change an account's role (admin); the last active admin stays an admin."""
    roles.require(actor, roles.Action.STAFF)
    staff = _get(session, staff_id)
    new_role = _role(role)
    if new_role is staff.role:
        return _row(staff)
    _keep_an_admin(session, staff, actor)
    before = staff.role
    staff.role = new_role
    audit.record(session, actor, "staff.role", now, entity="staff", entity_id=staff.id,
                 before={"role": before.value}, after={"role": new_role.value})
    return _row(staff)


def change_own_password(
    session: Session, actor: Actor, old_password: str, new_password: str, now: dt.datetime
) -> None:
    """A signed-in staff member changes their own password, giving the old one."""
    if actor.staff_id is None:
        raise DomainError("not_signed_in")
    staff = _get(session, actor.staff_id)
    if not _verify(staff.password_hash, old_password):
        raise DomainError("wrong_password")
    staff.password_hash = hash_password(new_password)
    audit.record(session, actor, "staff.change_password", now, entity="staff",
                 entity_id=staff.id)


# Signing in and out ------------------------------------------------------------

def _refuse(session: Session, staff: Staff | None, typed: str, desk: str, now: dt.datetime,
            error: DomainError) -> SignInAttempt:
    who = Actor(desk=desk, staff_id=None if staff is None else staff.id)
    audit.record(session, who, "staff.sign_in_failed", now, entity="staff",
                 entity_id=who.staff_id, after={"username": typed[:MAX_USERNAME],
                                                "reason": error.code})
    return SignInAttempt(None, error)


def _locked(session: Session, until: dt.datetime) -> DomainError:
    local = until.astimezone(load_settings(session).tz())
    return DomainError("account_locked", until=until, until_time=local.strftime("%H:%M"))


def _count_failure(staff: Staff, now: dt.datetime) -> None:
    staff.failed_attempts += 1
    if staff.failed_attempts >= MAX_FAILURES:
        staff.locked_until = now + LOCK_FOR
        staff.failed_attempts = 0


def sign_in(
    session: Session, username: str, password: str, desk: str, now: dt.datetime
) -> SignInAttempt:
    """Check a user name and password; never raises for a refusal (see the module notes).

    Refusals: ``wrong_password`` (also for an unknown user name),
    ``account_locked`` (with ``until``, aware UTC, and ``until_time``, the
    school's local HH:MM; the password is not even tried) and
    ``account_disabled`` (only told to someone who knows the password).
    """
    typed = unicodedata.normalize("NFKC", username or "").strip()
    try:
        name = clean_username(username)
    except DomainError:
        name = ""
    staff = session.scalars(select(Staff).where(Staff.username == name)).first() if name else None
    if staff is None:
        _verify(_dummy_hash(), password)  # as slow as a real check
        return _refuse(session, None, typed, desk, now, DomainError("wrong_password"))
    if staff.locked_until is not None and staff.locked_until > now:
        return _refuse(session, staff, typed, desk, now, _locked(session, staff.locked_until))
    if not _verify(staff.password_hash, password):
        _count_failure(staff, now)
        return _refuse(session, staff, typed, desk, now, DomainError("wrong_password"))
    if staff.disabled:
        return _refuse(session, staff, typed, desk, now, DomainError("account_disabled"))
    staff.failed_attempts = 0
    staff.locked_until = None
    if _hasher().check_needs_rehash(staff.password_hash):
        staff.password_hash = _hasher().hash(_fold(password))
    signed_in = SignedIn(staff.id, staff.role, staff.display_name, staff.username)
    audit.record(session, signed_in.actor(desk), "staff.sign_in", now, entity="staff",
                 entity_id=staff.id)
    return SignInAttempt(signed_in, None)


def sign_out(session: Session, actor: Actor, now: dt.datetime) -> None:
    """Record that the staff member left the desk (a shift change, closing the app)."""
    if actor.staff_id is None:
        return
    audit.record(session, actor, "staff.sign_out", now, entity="staff", entity_id=actor.staff_id)
