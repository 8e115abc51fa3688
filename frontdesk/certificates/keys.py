"""The school's certificate signing keys: private halves at home, public halves in the store.

The private key lives in a key file in the administrator's data folder
(``keys/certificate-key-<ID>.json``), encrypted with a passphrase (scrypt,
then AES-GCM), never in the store or its backups. The store keeps every
public key the school ever used (``signing_key``), so a certificate signed
before a rotation still verifies. A key is named by its id: eight letters
and digits from a hash of its public key, carried in each certificate's code.

A key moved out of a store by the upgrade from release 0.1.0 sits in its key
file unprotected until the first issue, when the administrator sets its
passphrase (:func:`unlock`).
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.certificates.signing import key_id_of
from frontdesk.errors import DomainError
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import SigningKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

MIN_PASSPHRASE = 8
# scrypt's cost: about a tenth of a second here, once per session.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_FILE_VERSION = 1


class KeyState(enum.StrEnum):
    NONE = "none"  # the school has no key yet: the first issue makes one
    UNPROTECTED = "unprotected"  # moved out of an older store; set a passphrase to use it
    LOCKED = "locked"  # here, encrypted: the passphrase unlocks it
    ELSEWHERE = "elsewhere"  # the key is on another computer: verify here, issue there


@dataclass(frozen=True)
class Signer:
    """An unlocked private key and its id, held for one session."""

    key_id: str
    private_key: Ed25519PrivateKey


def key_folder() -> Path:
    """The administrator's data folder for key files (beside the default store)."""
    from frontdesk.store.engine import default_store_path

    return default_store_path().parent / "keys"


def key_file(key_id: str, folder: Path | None = None) -> Path:
    return (folder or key_folder()) / f"certificate-key-{key_id}.json"


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())


# -- key files ------------------------------------------------------------------------


def _derive(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _write_private(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def write_key_file(path: Path, key: Ed25519PrivateKey, passphrase: str) -> None:
    """Save ``key`` encrypted with ``passphrase`` (owner-only file, written whole)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key_id = key_id_of(key.public_key())
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt)).encrypt(nonce, _raw_private(key),
                                                      key_id.encode("ascii"))
    _write_private(path, {"version": _FILE_VERSION, "key_id": key_id, "kdf": "scrypt",
                          "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt),
                          "nonce": _b64(nonce), "ciphertext": _b64(sealed)})


def write_unprotected_key_file(path: Path, key: Ed25519PrivateKey) -> None:
    """A key moved out of an older store, before anyone has set its passphrase."""
    _write_private(path, {"version": _FILE_VERSION, "key_id": key_id_of(key.public_key()),
                          "unprotected": _raw_private(key).hex()})


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DomainError("signing_key_unreadable", path=str(path)) from exc
    if not isinstance(data, dict) or data.get("version") != _FILE_VERSION:
        raise DomainError("signing_key_unreadable", path=str(path))
    return data


def read_key_file(path: Path, passphrase: str) -> Ed25519PrivateKey:
    """The key in ``path``; ``signing_key_passphrase_wrong`` when the passphrase is not its own."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    data = _read(path)
    if "unprotected" in data:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(str(data["unprotected"])))
    try:
        salt, nonce, sealed = (base64.b64decode(str(data[k]))
                               for k in ("salt", "nonce", "ciphertext"))
        derived = _derive_with(passphrase, salt, data)
        raw = AESGCM(derived).decrypt(nonce, sealed, str(data["key_id"]).encode("ascii"))
    except InvalidTag as exc:
        raise DomainError("signing_key_passphrase_wrong") from exc
    except (KeyError, ValueError) as exc:
        raise DomainError("signing_key_unreadable", path=str(path)) from exc
    return Ed25519PrivateKey.from_private_bytes(raw)


def _derive_with(passphrase: str, salt: bytes, data: dict[str, object]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    n, r, p = (int(str(data[k])) for k in ("n", "r", "p"))
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


# -- the store's side -------------------------------------------------------------------


def active_key_id(session: Session) -> str | None:
    return session.scalars(select(SigningKey.key_id).where(SigningKey.retired_at.is_(None))
                           .order_by(SigningKey.created_at.desc())).first()


def public_keys(session: Session) -> dict[str, Ed25519PublicKey]:
    """Every public key the school has signed with, by id (retired ones too)."""
    from frontdesk.certificates.signing import load_public_pem

    rows = session.execute(select(SigningKey.key_id, SigningKey.public_key)).all()
    return {key_id: load_public_pem(pem) for key_id, pem in rows}


def key_state(session: Session, folder: Path | None = None) -> KeyState:
    """What issuing needs here: a new key, a passphrase to set, the passphrase, or the
    computer that holds the key."""
    key_id = active_key_id(session)
    if key_id is None:
        return KeyState.NONE
    path = key_file(key_id, folder)
    if not path.exists():
        return KeyState.ELSEWHERE
    return KeyState.UNPROTECTED if "unprotected" in _read(path) else KeyState.LOCKED


def _check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise DomainError("signing_key_passphrase_short", min=MIN_PASSPHRASE)


def _new_key(session: Session, passphrase: str, actor: Actor, now: dt.datetime,
             folder: Path | None, action: str) -> Signer:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from frontdesk.certificates.signing import pem_of

    _check_new_passphrase(passphrase)
    key = Ed25519PrivateKey.generate()
    key_id = key_id_of(key.public_key())
    old = active_key_id(session)
    if old is not None:
        row = session.get(SigningKey, old)
        assert row is not None
        row.retired_at = now
    session.add(SigningKey(key_id=key_id, public_key=pem_of(key.public_key()), created_at=now))
    session.flush()
    audit.record(session, actor, action, now, entity="signing_key",
                 after={"key_id": key_id, "retired": old})
    # Last: a key file is only written once the store has taken its public half.
    write_key_file(key_file(key_id, folder), key, passphrase)
    return Signer(key_id, key)


def unlock(session: Session, passphrase: str, actor: Actor, now: dt.datetime,
           folder: Path | None = None) -> Signer:
    """The signing key for this session, asked for once.

    No key yet: one is made, protected by ``passphrase``. A key moved out of
    an older store: ``passphrase`` becomes its passphrase. Otherwise the
    passphrase opens the key file; refused when the key is on another computer.
    """
    roles.require(actor, roles.Action.CERTIFICATE_ISSUE)
    state = key_state(session, folder)
    if state is KeyState.NONE:
        return _new_key(session, passphrase, actor, now, folder, "signing_key.create")
    key_id = active_key_id(session)
    assert key_id is not None
    path = key_file(key_id, folder)
    if state is KeyState.ELSEWHERE:
        raise DomainError("signing_key_elsewhere", key_id=key_id, folder=str(path.parent))
    if state is KeyState.UNPROTECTED:
        _check_new_passphrase(passphrase)
        key = read_key_file(path, passphrase)
        write_key_file(path, key, passphrase)
        audit.record(session, actor, "signing_key.protect", now, entity="signing_key",
                     after={"key_id": key_id})
        return Signer(key_id, key)
    return Signer(key_id, read_key_file(path, passphrase))


def rotate_signing_key(session: Session, passphrase: str, actor: Actor, now: dt.datetime,
                       folder: Path | None = None) -> Signer:
    """A new signing key (admin only): the old one is retired but still verifies."""
    roles.require(actor, roles.Action.SETTINGS)
    return _new_key(session, passphrase, actor, now, folder, "signing_key.rotate")


def public_keys_pem(session: Session) -> str:
    """Every public key, newest first, as PEM blocks one after another."""
    from frontdesk.certificates.signing import pem_of

    keys = public_keys(session)
    order = session.scalars(select(SigningKey.key_id).order_by(SigningKey.created_at.desc()))
    return "".join(pem_of(keys[k]) for k in order)


def public_keys_pem_or_refuse(session: Session) -> str:
    """:func:`public_keys_pem`, refusing (``signing_key_none_yet``) before any key exists."""
    from frontdesk.errors import DomainError

    pem = public_keys_pem(session)
    if not pem:
        raise DomainError("signing_key_none_yet")
    return pem
