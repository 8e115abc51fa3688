"""Keys that stay home: the private key in a passphrase-protected file, never in the store.

A certificate forged from a backup's contents is refused; the key file
round-trips, through a rotation too; a retired key still verifies, an
unknown one does not; a computer without the key verifies but cannot issue.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.certificates.issue import certificate_contents
from frontdesk.certificates.keys import (
    KeyState,
    Signer,
    key_file,
    key_id_of,
    key_state,
    public_keys_pem,
    read_key_file,
    rotate_signing_key,
    unlock,
    write_key_file,
)
from frontdesk.certificates.verification import (
    CertificateClaim,
    VerificationStatus,
    encode,
    encode_legacy,
    verify,
    verify_offline,
)
from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.store.backup import BackupKind, take_backup
from frontdesk.store.models import AuditEvent, Certificate, Setting
from tests.domain.keys_fixtures import ADMIN, PASSPHRASE
from tests.domain.test_certificates import NAMES, issue
from tests.domain.test_certificates import school as school
from tests.domain.test_eligibility import DESK, School


def _codes(school: School, signer: Signer) -> dict[str, str]:
    with school.store.write() as s:
        ids = list(s.scalars(select(Certificate.id).order_by(Certificate.id)))
        return {c.learner_name: c.verification_code
                for c in certificate_contents(s, ids, signer)}


def _status(school: School, code: str) -> VerificationStatus:
    with school.store.read() as s:
        return verify(s, code).status


def _unlock(school: School, passphrase: str = PASSPHRASE, **kw) -> Signer:
    with school.store.write() as s:
        return unlock(s, passphrase, ADMIN, school.now, **kw)


def test_the_key_file_round_trips_and_keeps_its_secret(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    path = tmp_path / "key.json"
    write_key_file(path, key, "correct horse")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = key.private_bytes_raw()
    assert raw.hex() not in path.read_text() and raw not in path.read_bytes()
    back = read_key_file(path, "correct horse")
    assert back.private_bytes_raw() == raw
    with pytest.raises(DomainError) as wrong:
        read_key_file(path, "correct horsf")
    assert wrong.value.code == "signing_key_passphrase_wrong"
    path.write_text("{not json")
    with pytest.raises(DomainError) as damaged:
        read_key_file(path, "correct horse")
    assert damaged.value.code == "signing_key_unreadable"


def test_the_first_issue_makes_a_key_outside_the_store(school: School) -> None:
    with school.store.read() as s:
        assert key_state(s) is KeyState.NONE
    with pytest.raises(DomainError) as short:
        _unlock(school, "short")
    assert short.value.code == "signing_key_passphrase_short"
    signer = _unlock(school)
    with school.store.read() as s:
        assert key_state(s) is KeyState.LOCKED
        assert s.get(Setting, "certificate_signing_key") is None
        actions = list(s.scalars(select(AuditEvent.action)))
    assert "signing_key.create" in actions
    assert key_file(signer.key_id).exists()
    assert _unlock(school).key_id == signer.key_id  # the same key, opened again
    with pytest.raises(DomainError) as wrong:
        _unlock(school, "not the passphrase")
    assert wrong.value.code == "signing_key_passphrase_wrong"


def test_a_certificate_forged_from_a_backup_is_refused(school: School, tmp_path: Path) -> None:
    from frontdesk.settings import school_secret

    issue(school)
    signer = _unlock(school)
    genuine = _codes(school, signer)["王芳"]
    with school.store.write() as s:
        school_secret(s)  # the learner cards' secret, which does stay in the store
    backup = take_backup(school.store, tmp_path / "backups", school.now, BackupKind.MANUAL)
    data = backup.read_bytes()
    raw = signer.private_key.private_bytes_raw()
    assert raw not in data and raw.hex().encode() not in data
    # Everything the backup holds that could be a key, tried as one.
    import sqlite3

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    values = [v for (v,) in conn.execute("SELECT value FROM setting")]
    conn.close()
    claim = CertificateClaim("SB-2026-0001", "冒名者", "AI+短视频拍摄与剪辑", dt.date(2026, 12, 1))
    tried = 0
    for value in values:
        try:
            key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value)[:32])
        except ValueError:
            continue
        tried += 1
        for key_id in (signer.key_id, key_id_of(key.public_key())):
            assert _status(school, encode(claim, Signer(key_id, key))) is \
                VerificationStatus.FORGED
    assert tried >= 1  # the card secret, at least, was tried as a key
    assert _status(school, genuine) is VerificationStatus.GENUINE


def test_rotation_keeps_old_certificates_genuine_and_refuses_unknown_keys(
        school: School, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    issue(school)
    old = _unlock(school)
    before = _codes(school, old)["张伟"]
    with pytest.raises(DomainError) as refused, school.store.write() as s:
        rotate_signing_key(s, "a new passphrase", DESK, school.now)
    assert refused.value.code == "role_forbidden"
    with school.store.write() as s:
        new = rotate_signing_key(s, "a new passphrase", ADMIN, school.now)
    assert new.key_id != old.key_id
    # The new key file round-trips with its own passphrase, the old one with its own.
    assert read_key_file(key_file(new.key_id), "a new passphrase").private_bytes_raw() == \
        new.private_key.private_bytes_raw()
    assert read_key_file(key_file(old.key_id), PASSPHRASE).private_bytes_raw() == \
        old.private_key.private_bytes_raw()
    assert _unlock(school, "a new passphrase").key_id == new.key_id
    after = _codes(school, new)["张伟"]
    assert after != before and new.key_id in _key_ids_named(after)
    assert _status(school, before) is VerificationStatus.GENUINE  # signed by the retired key
    assert _status(school, after) is VerificationStatus.GENUINE
    with school.store.read() as s:
        pem = public_keys_pem(s)
    assert pem.count("BEGIN PUBLIC KEY") == 2
    assert verify_offline(pem, before).genuine and verify_offline(pem, after).genuine
    stranger = Ed25519PrivateKey.generate()
    claim = CertificateClaim("SB-2026-0001", "张伟", "x", dt.date(2026, 12, 1))
    assert _status(school, encode(claim, Signer(key_id_of(stranger.public_key()), stranger))) \
        is VerificationStatus.FORGED
    # an unknown key claiming a known key's id does not pass either
    assert _status(school, encode(claim, Signer(old.key_id, stranger))) \
        is VerificationStatus.FORGED


def _key_ids_named(code: str) -> set[str]:
    from frontdesk.certificates.verification import decode

    return {decode(code)[3] or ""}


def test_a_code_printed_before_key_ids_still_verifies(school: School) -> None:
    issue(school)
    signer = _unlock(school)
    with school.store.read() as s:
        cert = s.scalars(select(Certificate).order_by(Certificate.id)).first()
        assert cert is not None
        claim = CertificateClaim(cert.serial, cert.learner_name, cert.course_title,
                                 cert.issued_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
                                 .date())
    legacy = encode_legacy(claim, signer.private_key)
    assert legacy.startswith("C1")
    assert _status(school, legacy) is VerificationStatus.GENUINE


def test_a_desk_without_the_key_file_verifies_but_cannot_issue(
        school: School, tmp_path: Path) -> None:
    issue(school)
    signer = _unlock(school)
    code = _codes(school, signer)["李娜"]
    path = key_file(signer.key_id)
    moved = tmp_path / path.name
    shutil.move(path, moved)
    try:
        with school.store.read() as s:
            assert key_state(s) is KeyState.ELSEWHERE
        with pytest.raises(DomainError) as elsewhere:
            _unlock(school)
        assert elsewhere.value.code == "signing_key_elsewhere"
        assert elsewhere.value.details["key_id"] == signer.key_id
        assert _status(school, code) is VerificationStatus.GENUINE
    finally:
        shutil.move(moved, path)


# The command line --------------------------------------------------------------------------


def test_the_command_line_asks_once_rotates_and_exports_every_key(
        school: School, tmp_path: Path, monkeypatch, capsys) -> None:
    from frontdesk.store.models import Course

    with school.store.read() as s:
        course = s.get(Course, school.course_id)
        assert course is not None
        code = course.code
    db = str(school.store.sqlite_path)
    school.store.dispose()
    base = ["--lang", "en", "--db", db]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main([*base, "certificates", "--course", code, "--all-eligible",
                 "--out", str(tmp_path / "a.pdf")]) == 2
    assert "passphrase is needed" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main([*base, "certificates", "--course", code, "--all-eligible",
                 "--out", str(tmp_path / "a.pdf"), "--passphrase-stdin"]) == 0
    assert (tmp_path / "a.pdf").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong passphrase\n"))
    assert main([*base, "certificates", "--course", code, "--all-eligible",
                 "--out", str(tmp_path / "b.pdf"), "--passphrase-stdin"]) == 2
    err = capsys.readouterr().err
    assert "not the signing key's passphrase" in err and "Traceback" not in err
    assert not (tmp_path / "b.pdf").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("rotated passphrase\n"))
    assert main([*base, "rotate-signing-key", "--passphrase-stdin"]) == 0
    assert main([*base, "export-public-key", "--out", str(tmp_path / "keys.pem")]) == 0
    assert (tmp_path / "keys.pem").read_text().count("BEGIN PUBLIC KEY") == 2
    assert len(NAMES) > 0


def test_upgrading_moves_the_key_out_and_the_first_issue_protects_it(tmp_path: Path) -> None:
    """Release 0.1.0 kept the key in the store: the upgrade moves it to a key file."""
    import gzip
    import sqlite3

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from frontdesk.store.engine import open_store

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "release-0.1.0.sqlite3.gz"
    path = tmp_path / "school.sqlite3"
    with gzip.open(fixture) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    conn = sqlite3.connect(path)
    (old_hex,) = conn.execute(
        "SELECT value FROM setting WHERE key = 'certificate_signing_key'").fetchone()
    conn.close()
    old_key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(old_hex))
    store = open_store(path)
    try:
        with store.read() as s:
            assert s.get(Setting, "certificate_signing_key") is None
            assert key_state(s) is KeyState.UNPROTECTED
            cert = s.scalars(select(Certificate).order_by(Certificate.id)).first()
            assert cert is not None
        claim = CertificateClaim(cert.serial, cert.learner_name, cert.course_title,
                                 cert.issued_at.astimezone(dt.timezone(dt.timedelta(hours=8)))
                                 .date())
        printed_before = encode_legacy(claim, old_key)
        with store.read() as s:
            assert verify(s, printed_before).status is VerificationStatus.GENUINE
        with store.write() as s:
            signer = unlock(s, PASSPHRASE, ADMIN, dt.datetime.now(dt.UTC))
        assert signer.key_id == key_id_of(old_key.public_key())
        text = key_file(signer.key_id).read_text()
        assert old_hex not in text and "ciphertext" in text
        with store.read() as s:
            assert key_state(s) is KeyState.LOCKED
    finally:
        store.dispose()
    data = path.read_bytes() + (Path(f"{path}-wal").read_bytes()
                                if Path(f"{path}-wal").exists() else b"")
    assert bytes.fromhex(old_hex) not in data
    os.remove(key_file(signer.key_id))
