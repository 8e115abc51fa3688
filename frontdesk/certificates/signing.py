"""The school's Ed25519 key pair for signing certificates.

Made once per store and kept in the ``setting`` table, as the learner-card
secret is. Only the public key ever leaves the store: it is exported as PEM
so anyone can check a certificate's QR code offline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from frontdesk.settings import get_value
from frontdesk.store.models import Setting

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KEY_SETTING = "certificate_signing_key"


def signing_key(session: Session) -> Ed25519PrivateKey:
    """The school's private key, made (and added to this transaction) on first use.

    Call it inside ``store.write()``: a key made in a read session would be
    lost, and certificates signed with it would not verify.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    value = get_value(session, KEY_SETTING)
    if value is None:
        key = Ed25519PrivateKey.generate()
        session.add(Setting(key=KEY_SETTING, value=_raw_private(key).hex()))
        session.flush()
        return key
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value))


def public_key(session: Session) -> Ed25519PublicKey | None:
    """The school's public key, or None while no certificate was ever signed."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    value = get_value(session, KEY_SETTING)
    if value is None:
        return None
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value)).public_key()


def public_key_pem(session: Session) -> str:
    """The public key as PEM text, to publish; makes the key pair if needed (write session)."""
    return pem_of(signing_key(session).public_key())


def pem_of(key: Ed25519PublicKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_pem(pem: str | bytes) -> Ed25519PublicKey:
    """A public key from PEM text; raises ValueError when it is not an Ed25519 key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = pem.encode("ascii") if isinstance(pem, str) else pem
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
