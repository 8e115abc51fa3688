"""The certificate signing key in tests: unlocked once per key with a known passphrase."""

from __future__ import annotations

from sqlalchemy.orm import Session

from frontdesk.certificates.keys import Signer, active_key_id, key_file, unlock
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.vocab import StaffRole
from tests.conftest import FIXED_NOW

PASSPHRASE = "night school 2026"
ADMIN = Actor(desk="前台1", role=StaffRole.ADMIN)
_UNLOCKED: dict[str, Signer] = {}


def signer_of(session: Session) -> Signer:
    """The store's signing key, made on first use (scrypt runs once per key)."""
    key_id = active_key_id(session)
    if key_id is not None and key_id in _UNLOCKED and key_file(key_id).exists():
        return _UNLOCKED[key_id]
    signer = unlock(session, PASSPHRASE, ADMIN, FIXED_NOW)
    _UNLOCKED[signer.key_id] = signer
    return signer


def store_signer(store: Store) -> Signer:
    """:func:`signer_of` for a store (in a transaction of its own)."""
    with store.write() as session:
        return signer_of(session)
