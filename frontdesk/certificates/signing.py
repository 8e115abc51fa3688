"""Public keys as PEM text: what the school publishes so anyone can check a certificate.

The private keys never touch the store (see :mod:`frontdesk.certificates.keys`).
An exported file holds every public key the school has used, one PEM block
after another; each key's id is worked out from the key itself.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)


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


def load_public_pems(pem: str | bytes) -> dict[str, Ed25519PublicKey]:
    """Every key in an exported file, by key id; ValueError when there is none."""
    data = pem.encode("ascii") if isinstance(pem, str) else pem
    keys = [load_public_pem(block) for block in _PEM_BLOCK.findall(data)]
    if not keys:
        raise ValueError("no public key")
    return {key_id_of(k): k for k in keys}


def raw_public(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(key: Ed25519PublicKey) -> str:
    """Eight upper-case letters and digits naming ``key`` (base32 of its SHA-256)."""
    return base64.b32encode(hashlib.sha256(raw_public(key)).digest()[:5]).decode("ascii")
