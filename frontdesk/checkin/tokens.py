"""Signed learner-card tokens, and what a learner card prints.

A token is ``F1``, the learner's public code (7 characters), the card
version (2) and a truncated HMAC-SHA256 over all of that with the school's
secret (16 characters, 79 bits): 27 characters, upper-case letters and
digits only (all but the prefix from ``roster.CODE_ALPHABET``). It survives
any keyboard layout, Caps Lock and a Chinese IME left on, and makes a small
alphanumeric QR code (25 × 25 modules).

``C1`` is reserved for certificate verification codes (made and checked in
``verification.py``); the parser only recognises them, so the desk can hand
such a scan on. Parsing never raises and never guesses: a text is a genuine
learner token, or it is classified (empty, not ours, a certificate, our
prefix but the wrong shape, a newer format, a bad signature).
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster.learners import CODE_ALPHABET, CODE_LENGTH
from frontdesk.settings import load_settings, school_secret
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Enrollment, Learner, Setting
from frontdesk.vocab import EnrollmentStatus

FAMILY = "F"  # every FrontDesk learner-card format starts with F + a version digit
LEARNER_PREFIX = "F1"
CERTIFICATE_PREFIXES = ("C1", "C2")  # reserved for certificate verification codes
VERSION_CHARS = 2
MAC_CHARS = 16  # 16 base-31 digits: 79 bits of the HMAC
TOKEN_LENGTH = len(LEARNER_PREFIX) + CODE_LENGTH + VERSION_CHARS + MAC_CHARS  # 27
MAX_CARD_VERSION = len(CODE_ALPHABET) ** VERSION_CHARS - 1  # 960
MAX_SCAN = 256  # longer input is not looked at beyond its length

_BASE = len(CODE_ALPHABET)
_DIGIT = {ch: i for i, ch in enumerate(CODE_ALPHABET)}
_LEARNER_PURPOSE = b"frontdesk/learner-card"
# Whitespace, control characters and the invisible marks some phones add.
_JUNK_CHARS = r"[\s\x00-\x1f\x7f\u200b-\u200d\u2060\ufeff]+"
_JUNK = re.compile(f"^{_JUNK_CHARS}|{_JUNK_CHARS}$")


class TokenProblem(enum.StrEnum):
    """Why a scanned text is not a genuine learner token."""

    EMPTY = "empty"
    FOREIGN = "foreign"  # not a FrontDesk code at all
    CERTIFICATE = "certificate"  # our certificate format: verify it elsewhere
    UNSUPPORTED = "unsupported"  # F2…F9: a newer FrontDesk's card
    MALFORMED = "malformed"  # our prefix, wrong length or characters (truncated, misread)
    RUN_TOGETHER = "run_together"  # two (or more) of our codes read as one
    BAD_SIGNATURE = "bad_signature"  # right shape, wrong MAC: misread, tampered or forged


# What the desk is told about each problem: a refusal code of frontdesk.messages,
# in words a clerk can act on (a misread card is "scan again", not "forged").
REFUSALS: dict[TokenProblem, str] = {
    TokenProblem.EMPTY: "card_not_ours",
    TokenProblem.FOREIGN: "card_not_ours",
    TokenProblem.CERTIFICATE: "card_is_certificate",
    TokenProblem.UNSUPPORTED: "card_newer",
    TokenProblem.MALFORMED: "card_unreadable",
    TokenProblem.RUN_TOGETHER: "card_run_together",
    TokenProblem.BAD_SIGNATURE: "card_unreadable",
}


@dataclass(frozen=True, slots=True)
class ParsedToken:
    """A genuine learner token: the MAC matched."""

    code: str
    card_version: int
    text: str  # the normalised token


def normalise_scan(raw: str) -> str:
    """What a scan says once keyboard accidents are undone.

    Full-width characters fold back (NFKC), surrounding whitespace and
    control characters go, letters go upper case.
    """
    text = unicodedata.normalize("NFKC", raw[: MAX_SCAN * 2])
    return _JUNK.sub("", text).upper()


def _encode(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, rest = divmod(value, _BASE)
        digits.append(CODE_ALPHABET[rest])
    if value:
        raise ValueError("value too large for its width")
    return "".join(reversed(digits))


def _decode(text: str) -> int | None:
    value = 0
    for ch in text:
        digit = _DIGIT.get(ch)
        if digit is None:
            return None
        value = value * _BASE + digit
    return value


def sign(secret: bytes, purpose: bytes, payload: str, chars: int = MAC_CHARS) -> str:
    """A MAC of ``payload`` for ``purpose`` in ``chars`` characters of CODE_ALPHABET.

    Shared with certificate verification codes: another ``purpose`` gives
    an unrelated MAC from the same secret.
    """
    digest = hmac.new(secret, purpose + b"|" + payload.encode("ascii"), hashlib.sha256).digest()
    # The whole 256-bit digest reduced mod 31**chars: no usable bias.
    return _encode(int.from_bytes(digest, "big") % (_BASE**chars), chars)


def make_token(secret: bytes, code: str, card_version: int) -> str:
    """The token printed in a learner card's QR code."""
    code = code.upper()
    if len(code) != CODE_LENGTH or any(ch not in _DIGIT for ch in code):
        raise ValueError(f"not a learner code: {code!r}")
    if not 1 <= card_version <= MAX_CARD_VERSION:
        raise ValueError(f"card version out of range: {card_version}")
    body = LEARNER_PREFIX + code + _encode(card_version, VERSION_CHARS)
    return body + sign(secret, _LEARNER_PURPOSE, body)


def classify(text: str) -> TokenProblem | None:
    """The family of a normalised text: None when it has our learner prefix."""
    if not text:
        return TokenProblem.EMPTY
    if text.startswith(LEARNER_PREFIX):
        return None
    if text.startswith(CERTIFICATE_PREFIXES) and text.isascii() and text.isalnum():
        return TokenProblem.CERTIFICATE
    if len(text) >= 2 and text[0] == FAMILY and text[1].isdigit() and text.isascii():
        return TokenProblem.UNSUPPORTED
    return TokenProblem.FOREIGN


def parse_token(
    secret: bytes, raw: str, retired: Sequence[bytes] = ()
) -> ParsedToken | TokenProblem:
    """Read a scan: a genuine learner token, or why it is not one.

    A card made with a ``retired`` secret (before the school rotated it)
    reads as genuine with its old card version, so it is refused as
    replaced. Never raises on any input; the MAC is compared in constant time.
    """
    if not isinstance(raw, str):
        return TokenProblem.FOREIGN
    text = normalise_scan(raw)
    if len(text) > MAX_SCAN:
        ours = text.startswith(LEARNER_PREFIX)
        return TokenProblem.RUN_TOGETHER if ours else TokenProblem.FOREIGN
    family = classify(text)
    if family is not None:
        return family
    if len(text) >= 2 * TOKEN_LENGTH - 1 and LEARNER_PREFIX in text[TOKEN_LENGTH - 1:]:
        return TokenProblem.RUN_TOGETHER  # a scanner that sent no Enter between two cards
    if len(text) != TOKEN_LENGTH or any(ch not in _DIGIT for ch in text[len(LEARNER_PREFIX):]):
        return TokenProblem.MALFORMED
    body, mac = text[: -MAC_CHARS], text[-MAC_CHARS:]
    if not any(hmac.compare_digest(sign(key, _LEARNER_PURPOSE, body), mac)
               for key in (secret, *retired)):
        return TokenProblem.BAD_SIGNATURE
    start = len(LEARNER_PREFIX)
    version = _decode(body[start + CODE_LENGTH :])
    if not version:  # 0 is never issued
        return TokenProblem.BAD_SIGNATURE
    return ParsedToken(code=body[start : start + CODE_LENGTH], card_version=version, text=text)


# What a card prints ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardData:
    """Everything printed on one learner card."""

    learner_id: int
    code: str
    name: str
    card_version: int
    token: str
    course_titles: tuple[str, ...]  # the course printed for, or the learner's current ones


_CURRENT = (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)


def cards_for_learners(session: Session, secret: bytes, learner_ids: list[int]) -> list[CardData]:
    """Cards for a selection, in the given order, each with its current courses.

    Anonymised or unknown learners are left out. Two queries in all.
    """
    if not learner_ids:
        return []
    learners = {
        row.id: row
        for row in session.execute(
            select(Learner.id, Learner.code, Learner.name, Learner.card_version).where(
                Learner.id.in_(learner_ids), Learner.anonymised_at.is_(None)
            )
        )
    }
    titles: dict[int, list[str]] = {}
    for learner_id, title in session.execute(
        select(Enrollment.learner_id, Course.title)
        .join(Course, Course.id == Enrollment.course_id)
        .where(Enrollment.learner_id.in_(list(learners)), Enrollment.status.in_(_CURRENT))
        .order_by(Enrollment.created_at, Enrollment.id)
    ):
        titles.setdefault(learner_id, []).append(title)
    cards = []
    for learner_id in dict.fromkeys(learner_ids):
        row = learners.get(learner_id)
        if row is not None:
            token = make_token(secret, row.code, row.card_version)
            cards.append(CardData(row.id, row.code, row.name, row.card_version, token,
                                  tuple(titles.get(row.id, ()))))
    return cards


def cards_for_course(
    session: Session, secret: bytes, course_id: int, *, include_waitlisted: bool = False
) -> list[CardData]:
    """Cards for everyone seated on a course (and its waiting list if asked),
    in pinyin order so the sheet can be handed out by name."""
    statuses = [EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED]
    if include_waitlisted:
        statuses.append(EnrollmentStatus.WAITLISTED)
    title = session.scalar(select(Course.title).where(Course.id == course_id))
    if title is None:
        raise DomainError("course_not_found", course_id=course_id)
    rows = session.execute(
        select(Learner.id, Learner.code, Learner.name, Learner.card_version)
        .join(Enrollment, Enrollment.learner_id == Learner.id)
        .where(Enrollment.course_id == course_id, Enrollment.status.in_(statuses),
               Learner.anonymised_at.is_(None))
        .order_by(Learner.pinyin, Learner.name, Learner.id)
    )
    return [
        CardData(lid, code, name, version, make_token(secret, code, version), (title,))
        for lid, code, name, version in rows
    ]


def learner_card(session: Session, secret: bytes, learner_id: int) -> CardData:
    """One learner's card; refuses an unknown or anonymised learner."""
    found = cards_for_learners(session, secret, [learner_id])
    if not found:
        raise DomainError("learner_not_found", learner_id=learner_id)
    return found[0]


@dataclass(frozen=True, slots=True)
class CardReissue:
    learner_id: int
    code: str
    name: str
    card_version: int  # the new card's
    replaced_at: dt.datetime
    token: str  # the new card's token: print it


@dataclass(frozen=True, slots=True)
class CardSheet:
    """Cards to print, with the school's name they carry."""

    cards: list[CardData]
    school: str


def learner_cards(session: Session, learner_ids: list[int]) -> CardSheet:
    """The cards of a selection, ready to draw (the card secret is made on first use)."""
    return CardSheet(cards_for_learners(session, school_secret(session), learner_ids),
                     load_settings(session).name)


def class_cards(session: Session, course_id: int, *,
                include_waitlisted: bool = False) -> CardSheet:
    """The cards of a course's class (and its waiting list if asked), ready to draw."""
    cards = cards_for_course(session, school_secret(session), course_id,
                             include_waitlisted=include_waitlisted)
    return CardSheet(cards, load_settings(session).name)


def reissue_card(session: Session, learner_id: int, actor: Actor, now: dt.datetime) -> CardReissue:
    """A new card for a lost one: the card version goes up, and from now on
    the old card is refused as "card replaced on <date>"."""
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    if learner.card_version >= MAX_CARD_VERSION:
        raise DomainError("card_version_exhausted", learner_name=learner.name)
    before = learner.card_version
    learner.card_version = before + 1
    learner.card_replaced_at = now
    learner.updated_at = now
    session.flush()
    audit.record(session, actor, "learner.card_reissue", now, entity="learner",
                 entity_id=learner.id, learner_id=learner.id,
                 before={"card_version": before}, after={"card_version": learner.card_version})
    token = make_token(school_secret(session), learner.code, learner.card_version)
    return CardReissue(learner.id, learner.code, learner.name, learner.card_version, now, token)


def rotate_card_secret(session: Session, actor: Actor, now: dt.datetime) -> int:
    """A new card secret (administrators): every learner's card is re-issued
    (its version bumped), and every card printed before is refused as
    replaced. Returns how many cards must be printed again."""
    import json
    import secrets

    from frontdesk.settings import RETIRED_CARD_SECRETS, retired_card_secrets
    from frontdesk.staff import roles

    roles.require(actor, roles.Action.SETTINGS)
    old = school_secret(session)
    retired = [s.hex() for s in retired_card_secrets(session)] + [old.hex()]
    session.merge(Setting(key=RETIRED_CARD_SECRETS, value=json.dumps(retired)))
    session.merge(Setting(key="card_secret", value=secrets.token_hex(32)))
    result = session.connection().execute(
        update(Learner).where(Learner.anonymised_at.is_(None))
        .values(card_version=Learner.card_version + 1, card_replaced_at=now))
    count = result.rowcount
    audit.record(session, actor, "cards.rotate_secret", now, entity="setting",
                 after={"cards_reissued": count})
    return int(count)
