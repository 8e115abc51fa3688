"""A certificate's verification code: what its QR carries, and checking it.

The code is "C1" followed by base32 (upper case, no padding) of the issue
date, the serial, the learner's name, the course title and an Ed25519
signature over them. Letters and digits only, so it survives a scanner that
types it as keystrokes (and QR's compact alphanumeric mode); "C1" tells it
apart from a learner card's token ("F1..."). It carries the name and course
so anyone with the school's public key can check a certificate offline; the
desk also looks the serial up, which tells a revoked certificate.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.certificates.signing import load_public_pem, public_key
from frontdesk.settings import load_settings
from frontdesk.store.models import Certificate

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

PREFIX = "C1"
_CONTEXT = b"FrontDesk certificate v1\n"
_EPOCH = dt.date(2000, 1, 1)
_SIGNATURE_BYTES = 64


class VerificationStatus(enum.StrEnum):
    GENUINE = "genuine"
    REVOKED = "revoked"
    FORGED = "forged"  # the signature does not check out, or does not match the record
    UNKNOWN_SERIAL = "unknown_serial"  # signed by this school, but not in this store
    UNREADABLE = "unreadable"  # starts like a certificate code but is cut short or garbled
    NOT_A_CERTIFICATE = "not_a_certificate"  # e.g. a learner card


@dataclass(frozen=True)
class CertificateClaim:
    """What a verification code says about its certificate."""

    serial: str
    learner_name: str
    course_title: str
    issued_on: dt.date  # the school's local date


@dataclass(frozen=True)
class Verification:
    status: VerificationStatus
    # Filled for GENUINE, REVOKED and UNKNOWN_SERIAL (signed by the school).
    serial: str = ""
    learner_name: str = ""
    course_title: str = ""
    issued_on: dt.date | None = None
    certificate_id: int | None = None
    revoked_at: dt.datetime | None = None
    revoke_reason: str | None = None

    @property
    def genuine(self) -> bool:
        return self.status is VerificationStatus.GENUINE


def normalise_scan(text: str) -> str:
    """What a scanner typed, with full-width letters (IME on), case and spaces folded.

    A QR printed with the school's verification address holds ADDRESS#CODE;
    the code is what follows the last "#", so desks read both forms alike.
    """
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).upper().rpartition("#")[2]


def looks_like_certificate(text: str) -> bool:
    """Whether a scan is meant as a certificate code (so a window can route it)."""
    return normalise_scan(text).startswith(PREFIX)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _text_bytes(value: str) -> bytes:
    # Chinese takes 3 bytes in UTF-8 but 2 in UTF-16: the shorter one keeps
    # the QR small. The length's low bit says which was used.
    utf8, utf16 = value.encode("utf-8"), value.encode("utf-16-be")
    if len(utf16) < len(utf8):
        return _varint(len(utf16) << 1 | 1) + utf16
    return _varint(len(utf8) << 1) + utf8


def _body(claim: CertificateClaim) -> bytes:
    days = (claim.issued_on - _EPOCH).days.to_bytes(2, "big")
    return days + b"".join(_text_bytes(v) for v in
                           (claim.serial, claim.learner_name, claim.course_title))


def encode(claim: CertificateClaim, key: Ed25519PrivateKey) -> str:
    """The signed verification code of a certificate."""
    body = _body(claim)
    signature = key.sign(_CONTEXT + body)
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


class _Unreadable(ValueError):
    pass


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 21:
            raise _Unreadable
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def decode(text: str) -> tuple[CertificateClaim, bytes, bytes]:
    """(claim, signed body, signature); raises ValueError for anything malformed."""
    code = normalise_scan(text)
    if not code.startswith(PREFIX):
        raise ValueError("not a certificate code")
    payload = code[len(PREFIX):]
    try:
        data = base64.b32decode(payload + "=" * (-len(payload) % 8))
    except (binascii.Error, ValueError) as exc:
        raise _Unreadable from exc
    if len(data) < 2 + 3 + _SIGNATURE_BYTES:
        raise _Unreadable
    body, signature = data[:-_SIGNATURE_BYTES], data[-_SIGNATURE_BYTES:]
    issued_on = _EPOCH + dt.timedelta(days=int.from_bytes(body[:2], "big"))
    pos, fields = 2, []
    for _ in range(3):
        header, pos = _read_varint(body, pos)
        length = header >> 1
        if pos + length > len(body):
            raise _Unreadable
        try:
            fields.append(body[pos:pos + length].decode("utf-16-be" if header & 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            raise _Unreadable from exc
        pos += length
    if pos != len(body):
        raise _Unreadable
    return CertificateClaim(fields[0], fields[1], fields[2], issued_on), body, signature


def _check(text: str, key: Ed25519PublicKey | None) -> Verification | CertificateClaim:
    """The claim when its signature holds, else the verdict."""
    from cryptography.exceptions import InvalidSignature

    if not looks_like_certificate(text):
        return Verification(VerificationStatus.NOT_A_CERTIFICATE)
    try:
        claim, body, signature = decode(text)
    except ValueError:
        return Verification(VerificationStatus.UNREADABLE)
    if key is None:
        return Verification(VerificationStatus.FORGED)
    try:
        key.verify(signature, _CONTEXT + body)
    except InvalidSignature:
        return Verification(VerificationStatus.FORGED)
    return claim


def verify_offline(public_key_pem: str | bytes, text: str) -> Verification:
    """Check a code with the school's published public key alone, no store.

    GENUINE means the school signed exactly this name, course and date; only
    the school's own store can tell whether it was revoked since.
    """
    result = _check(text, load_public_pem(public_key_pem))
    if isinstance(result, Verification):
        return result
    return Verification(VerificationStatus.GENUINE, result.serial, result.learner_name,
                        result.course_title, result.issued_on)


def verify(session: Session, text: str) -> Verification:
    """Check a scanned certificate code against the school's key and records."""
    result = _check(text, public_key(session))
    if isinstance(result, Verification):
        return result
    claim = result
    found = session.scalars(select(Certificate).where(Certificate.serial == claim.serial)).first()
    if found is None:
        return Verification(VerificationStatus.UNKNOWN_SERIAL, claim.serial, claim.learner_name,
                            claim.course_title, claim.issued_on)
    tz = load_settings(session).tz()
    recorded = (found.learner_name, found.course_title, found.issued_at.astimezone(tz).date())
    if recorded != (claim.learner_name, claim.course_title, claim.issued_on):
        # Signed with our key yet unlike our record: treat as forged, never guess.
        return Verification(VerificationStatus.FORGED)
    status = VerificationStatus.REVOKED if found.revoked_at else VerificationStatus.GENUINE
    return Verification(status, found.serial, found.learner_name, found.course_title,
                        claim.issued_on, found.id, found.revoked_at, found.revoke_reason)
