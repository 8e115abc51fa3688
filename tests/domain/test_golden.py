"""Printed cards and certificates stay valid: golden vectors, character for character.

A learner card and a certificate are printed once and scanned for years. The
vectors in ``tests/fixtures/golden/`` were written once by
``tests/fixtures/golden/make_golden.py``: never regenerate them to make this
file pass. A failure here means cards or certificates already handed out
would stop checking in or verifying.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from frontdesk.certificates.keys import Signer
from frontdesk.certificates.signing import key_id_of, pem_of
from frontdesk.certificates.verification import (
    CertificateClaim,
    VerificationStatus,
    decode,
    encode,
    encode_legacy,
    verify,
    verify_offline,
)
from frontdesk.checkin.scan import RECORDED, Outcome, check_in
from frontdesk.checkin.tokens import (
    MAC_CHARS,
    TOKEN_LENGTH,
    ParsedToken,
    TokenProblem,
    make_token,
    parse_token,
)
from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import load_settings, school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import Certificate, Enrollment, Lesson, SigningKey
from frontdesk.vocab import SEATED, FeeTier, StaffRole

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden"
FORMATS = json.loads((GOLDEN / "formats.json").read_text(encoding="utf-8"))
RELEASE = json.loads((GOLDEN / "release-0.1.0.json").read_text(encoding="utf-8"))
C2 = json.loads((GOLDEN / "certificates-c2.json").read_text(encoding="utf-8"))
DESK = Actor(desk="前台1", staff_id=None)


def _ids(vectors: list[dict[str, object]], *keys: str) -> list[str]:
    return ["-".join(str(v[k]) for k in keys) for v in vectors]


@pytest.mark.parametrize("vector", FORMATS["tokens"], ids=_ids(FORMATS["tokens"], "code",
                                                                 "card_version"))
def test_card_token_format_is_fixed(vector: dict[str, object]) -> None:
    secret = bytes.fromhex(FORMATS["card_secret_hex"])
    token = make_token(secret, str(vector["code"]), int(vector["card_version"]))  # type: ignore[call-overload]
    assert token == vector["token"]
    assert len(token) == TOKEN_LENGTH == 27 and MAC_CHARS == 16
    parsed = parse_token(secret, token)
    assert parsed == ParsedToken(str(vector["code"]), int(vector["card_version"]), token)  # type: ignore[call-overload]
    # Lower case and a Chinese IME's full-width letters still check in.
    assert parse_token(secret, token.lower()) == parsed
    # One character of the MAC changed is a forgery, never someone else.
    forged = token[:-1] + ("2" if token[-1] != "2" else "3")
    assert parse_token(secret, forged) is TokenProblem.BAD_SIGNATURE
    assert parse_token(b"another school", token) is TokenProblem.BAD_SIGNATURE


@pytest.mark.parametrize("vector", FORMATS["certificates"],
                         ids=_ids(FORMATS["certificates"], "serial"))
def test_certificate_code_format_is_fixed(vector: dict[str, str]) -> None:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(FORMATS["certificate_key_seed_hex"]))
    claim = CertificateClaim(vector["serial"], vector["learner_name"], vector["course_title"],
                             dt.date.fromisoformat(vector["issued_on"]))
    # Release 0.1.0 printed these "C1" codes (no key id); they are kept, to the
    # character, and still verify after keys moved out of the store and rotate.
    assert encode_legacy(claim, key) == vector["code"]  # Ed25519 signatures are deterministic
    assert decode(vector["code"])[0] == claim
    checked = verify_offline(FORMATS["certificate_public_key_pem"], vector["code"])
    assert checked.status is VerificationStatus.GENUINE
    assert (checked.serial, checked.learner_name, checked.course_title, checked.issued_on) == (
        claim.serial, claim.learner_name, claim.course_title, claim.issued_on)


def _c2_signers() -> list[Signer]:
    keys = [Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed))
            for seed in C2["key_seeds_hex"]]
    return [Signer(key_id_of(k.public_key()), k) for k in keys]


def test_signing_key_ids_are_fixed() -> None:
    """A key's id is printed inside every code it signs: it must never be worked out anew."""
    signers = _c2_signers()
    assert [s.key_id for s in signers] == C2["key_ids"] == ["KZDVVJ2U", "ET3O22WL"]
    assert [pem_of(s.private_key.public_key()) for s in signers] == C2["public_keys_pem"]


@pytest.mark.parametrize("vector", C2["certificates"], ids=_ids(C2["certificates"], "serial"))
def test_c2_certificate_code_format_is_fixed(vector: dict[str, Any]) -> None:
    """Certificates issued since keys rotate carry the key's id: "C2", the id, then the rest."""
    signer = _c2_signers()[vector["key"]]
    claim = CertificateClaim(vector["serial"], vector["learner_name"], vector["course_title"],
                             dt.date.fromisoformat(vector["issued_on"]))
    code = encode(claim, signer)
    assert code == vector["code"]  # Ed25519 signatures are deterministic
    assert code.startswith("C2" + C2["key_ids"][vector["key"]])
    assert decode(code)[0] == claim and decode(code)[3] == signer.key_id
    # The school's published file holds both keys, the retired one too.
    published = "".join(C2["public_keys_pem"])
    checked = verify_offline(published, code)
    assert checked.status is VerificationStatus.GENUINE
    assert (checked.serial, checked.learner_name, checked.course_title, checked.issued_on) == (
        claim.serial, claim.learner_name, claim.course_title, claim.issued_on)
    # Only the key the code names may vouch for it: under the other key alone it is forged.
    other = C2["public_keys_pem"][1 - vector["key"]]
    assert verify_offline(other, code).status is VerificationStatus.FORGED
    # A scanner with the IME on, or one typing lower case, reads the same code.
    assert verify_offline(published, code.lower()).status is VerificationStatus.GENUINE


def _verifies_as_issued(s: Any, vector: dict[str, Any], *, revoked: bool) -> None:
    """The desk reads ``vector``'s code as the certificate it was printed for."""
    found = verify(s, vector["code"])
    expected = VerificationStatus.REVOKED if revoked else VerificationStatus.GENUINE
    assert found.status is expected, vector["serial"]
    assert (found.serial, found.learner_name, found.course_title, found.issued_on) == (
        vector["serial"], vector["learner_name"], vector["course_title"],
        dt.date.fromisoformat(vector["issued_on"]))


def test_c2_certificates_verify_at_the_desk_across_the_rotation(store: Store,
                                                               now: dt.datetime) -> None:
    """The school signed with its first key, then rotated: every code still verifies,
    a revoked one says so, and a code naming the other key is forged."""
    admin = Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)
    with store.write() as s:
        first, rotated = C2["key_ids"]
        s.add(SigningKey(key_id=first, public_key=C2["public_keys_pem"][0],
                         created_at=now - dt.timedelta(days=900), retired_at=now))
        s.add(SigningKey(key_id=rotated, public_key=C2["public_keys_pem"][1], created_at=now))
        course = add_course(s, CourseInput("AI+图片设计", FeeTier.FREE, capacity=30, code="G1"),
                            admin, now)
        tz = load_settings(s).tz()
        for i, vector in enumerate(C2["certificates"]):
            learner = add_learner(s, LearnerInput(name=f"学员{i}"), admin, now)
            enrollment = enroll(s, learner.id, course.id, 30, admin, now).enrollment_id
            # Issued at half past midnight the school's time (the day before in UTC):
            # the date printed is the school's date.
            issued = dt.datetime.combine(dt.date.fromisoformat(vector["issued_on"]),
                                         dt.time(0, 30), tzinfo=tz).astimezone(dt.UTC)
            assert issued.date().isoformat() != vector["issued_on"]
            s.add(Certificate(enrollment_id=enrollment, serial=vector["serial"], issued_at=issued,
                              print_count=1, learner_name=vector["learner_name"],
                              course_title=vector["course_title"],
                              revoked_at=now if vector["serial"] == "X-1" else None))
    with store.read() as s:
        for vector in C2["certificates"]:
            _verifies_as_issued(s, vector, revoked=vector["serial"] == "X-1")
            # The same code with the other key's id written in: forged, never genuine.
            swapped = "C2" + C2["key_ids"][1 - vector["key"]] + vector["code"][10:]
            assert verify(s, swapped).status is VerificationStatus.FORGED


@pytest.fixture(scope="module")
def upgraded_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release 0.1.0 school, opened (and so upgraded) by this release."""
    path = tmp_path_factory.mktemp("release") / "school.sqlite3"
    with gzip.open(GOLDEN.parent / "release-0.1.0.sqlite3.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    open_store(path).dispose()
    return path


def test_release_cards_check_in_after_the_upgrade(upgraded_release: Path,
                                                  tmp_path: Path) -> None:
    copy = tmp_path / "school.sqlite3"
    shutil.copyfile(upgraded_release, copy)
    store = open_store(copy)
    recorded = 0
    try:
        for vector in RELEASE["tokens"]:
            with store.write() as s:
                parsed = parse_token(school_secret(s), vector["token"])
                assert parsed == ParsedToken(vector["code"], vector["card_version"],
                                             vector["token"])
                # At the start of one of the learner's lessons, the desk takes the card.
                starts = s.scalar(
                    select(Lesson.starts_at).join(Enrollment,
                                                  Enrollment.course_id == Lesson.course_id)
                    .where(Enrollment.learner_id == vector["learner_id"],
                           Enrollment.status.in_(SEATED), Lesson.cancelled.is_(False))
                    .order_by(Lesson.starts_at).limit(1))
                at = starts + dt.timedelta(minutes=1) if starts else dt.datetime(
                    2026, 12, 1, 11, tzinfo=dt.UTC)
                result = check_in(s, vector["token"], at, DESK, now=at)
                assert result.learner_id == vector["learner_id"]
                assert result.learner_code == vector["code"]
                assert result.outcome not in {Outcome.NOT_OUR_CODE, Outcome.UNKNOWN_LEARNER,
                                              Outcome.CARD_REPLACED, Outcome.CERTIFICATE}
                recorded += result.outcome in RECORDED or result.outcome in {
                    Outcome.ALREADY_CHECKED_IN, Outcome.CHOOSE_LESSON}
    finally:
        store.dispose()
    assert recorded >= 1


def test_release_certificates_verify_after_the_upgrade(upgraded_release: Path) -> None:
    assert len(RELEASE["certificates"]) == 24
    store = open_store(upgraded_release)
    try:
        with store.read() as s:
            for vector in RELEASE["certificates"]:
                _verifies_as_issued(s, vector, revoked=vector["revoked"])
                # The key the school published then still vouches for it offline.
                offline = verify_offline(RELEASE["certificate_public_key_pem"], vector["code"])
                assert offline.status is VerificationStatus.GENUINE
    finally:
        store.dispose()
