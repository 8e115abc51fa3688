"""The school's verification address, the QR that carries it, and exporting the page.

What the exported page shows in a browser is in test_verification_browser.py.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.certificates.issue import (
    CertificateContent,
    certificate_contents,
    issue_certificates,
    revoke,
)
from frontdesk.certificates.keys import active_key_id, public_keys
from frontdesk.certificates.publish import (
    DATA_FILE,
    PAGE_FILES,
    export_page,
    page_status,
)
from frontdesk.certificates.signing import raw_public
from frontdesk.certificates.verification import VerificationStatus, verify
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings, update_settings
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Certificate
from tests.domain.keys_fixtures import signer_of
from tests.domain.test_certificates import run
from tests.domain.test_eligibility import ADMIN, DESK, School

ADDRESS = "https://shuibei-yexiao.example.cn/verify/"
NAMES = ["张伟", "李娜", "王芳"]


def set_address(store: Store, address: str, now: dt.datetime) -> None:
    with store.write() as s:
        settings = dataclasses.replace(load_settings(s), verification_address=address)
        update_settings(s, settings, ADMIN, now)


def issued_school(store: Store, now: dt.datetime, names: list[str] = NAMES) -> School:
    school = School(store, now).course(held=4)
    for name in names:
        school.learner(name, attended=4)
    with store.write() as s:
        signer_of(s)  # the school's signing key: what it prints is signed with it
        issue_certificates(s, school.course_id, None, ADMIN, now)
    return school


def contents_by_name(store: Store) -> dict[str, CertificateContent]:
    with store.write() as s:
        ids = list(s.scalars(select(Certificate.id).order_by(Certificate.id)))
        return {c.learner_name: c for c in certificate_contents(s, ids, signer_of(s))}


def read_data(folder: Path) -> dict[str, object]:
    text = (folder / DATA_FILE).read_text(encoding="ascii")
    prefix = "window.FRONTDESK_PAGE = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])  # type: ignore[no-any-return]


@pytest.mark.parametrize("address", ["https://example.cn/v/", "http://10.0.0.5/cert.html",
                                     "https://mp.weixin.qq.com/s/AbC_d-9?x=1"])
def test_a_web_address_is_kept(store: Store, now: dt.datetime, address: str) -> None:
    set_address(store, address, now)
    with store.read() as s:
        assert load_settings(s).verification_address == address


@pytest.mark.parametrize("address", ["example.cn/verify", "https://example.cn/v#x",
                                     "https://exa mple.cn/", "ftp://example.cn/",
                                     "https://例子.中国/", "https://", "https://x/" + "a" * 200])
def test_an_address_a_qr_cannot_carry_is_refused(store: Store, now: dt.datetime,
                                                  address: str) -> None:
    with pytest.raises(DomainError) as err:
        set_address(store, address, now)
    assert err.value.code == "verification_address_invalid"
    with store.read() as s:
        assert load_settings(s).verification_address == ""


def test_the_qr_holds_address_and_code_and_desks_read_both(store: Store,
                                                            now: dt.datetime) -> None:
    issued_school(store, now)
    bare = contents_by_name(store)["张伟"]
    assert bare.qr_text == bare.verification_code
    set_address(store, ADDRESS, now)
    item = contents_by_name(store)["张伟"]
    code = item.verification_code
    assert code == bare.verification_code
    assert item.qr_text == f"{ADDRESS}#{code}"
    with store.read() as s:
        for scan in (code, item.qr_text, item.qr_text.upper()):
            result = verify(s, scan)
            assert result.status is VerificationStatus.GENUINE, scan
            assert result.learner_name == "张伟"
        assert verify(s, f"{ADDRESS}#F1ABC").status is VerificationStatus.NOT_A_CERTIFICATE


def test_cli_verify_reads_the_full_address(store: Store, now: dt.datetime,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    issued_school(store, now)
    set_address(store, ADDRESS, now)
    item = contents_by_name(store)["李娜"]
    code, text = run(capsys, store, "verify", item.qr_text)
    assert code == 0 and "Genuine: certificate SB-2026-0001, issued to 李娜" in text


def test_export_writes_the_page_with_keys_and_revocations(store: Store, now: dt.datetime,
                                                         tmp_path: Path) -> None:
    issued_school(store, now)
    with store.write() as s:
        revoke(s, 2, "issued in error", ADMIN, now)
    folder = tmp_path / "page"
    later = now + dt.timedelta(hours=1)
    with store.write() as s:
        result = export_page(s, folder, ADMIN, later)
        key_id = active_key_id(s)
        assert key_id is not None
        raw = raw_public(public_keys(s)[key_id])
    page_id = base64.b32decode(key_id).hex()  # the page names a key as a C2 code does
    assert sorted(p.name for p in folder.iterdir()) == sorted((*PAGE_FILES, DATA_FILE))
    data = read_data(folder)
    assert data["keys"] == [{"id": page_id, "ed25519": base64.b64encode(raw).decode()}]
    assert result.key_ids == (page_id,) and len(page_id) == 10
    assert data["revoked"] == ["SB-2026-0002"]
    assert data["school"] == {"name": "水贝夜校", "name_en": "Shuibei Night School"}
    assert data["revocations_as_of"] == "2026-12-01 20:05"  # the school's zone
    assert "public domain" in (folder / "tweetnacl-LICENSE.txt").read_text()
    with store.read() as s:
        status = page_status(s)
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "certificate.publish"))
        assert len(list(events)) == 1
    assert status.exported_at == later and status.revoked_since == 0 and not status.needs_export


def test_a_revocation_after_the_export_asks_for_a_new_one(store: Store, now: dt.datetime,
                                                          tmp_path: Path) -> None:
    issued_school(store, now)
    with store.read() as s:
        assert page_status(s).exported_at is None and not page_status(s).needs_export
    set_address(store, ADDRESS, now)
    with store.read() as s:
        assert page_status(s).needs_export  # an address with no page behind it yet
    with store.write() as s:
        export_page(s, tmp_path / "page", ADMIN, now)
    with store.write() as s:
        revoke(s, 1, "issued in error", ADMIN, now + dt.timedelta(minutes=1))
    with store.read() as s:
        status = page_status(s)
    assert status.revoked_since == 1 and status.needs_export
    with store.write() as s:
        export_page(s, tmp_path / "page", ADMIN, now + dt.timedelta(minutes=2))
    with store.read() as s:
        assert not page_status(s).needs_export
    assert read_data(tmp_path / "page")["revoked"] == ["SB-2026-0001"]


def test_export_is_an_admins_job_and_a_bad_folder_is_refused(store: Store, now: dt.datetime,
                                                             tmp_path: Path) -> None:
    issued_school(store, now)
    with pytest.raises(DomainError) as err, store.write() as s:
        export_page(s, tmp_path / "page", DESK, now)
    assert err.value.code == "role_forbidden"
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DomainError) as err, store.write() as s:
        export_page(s, blocker, ADMIN, now)
    assert err.value.code == "verification_page_cannot_write"
    with store.read() as s:
        assert page_status(s).exported_at is None
    assert not (tmp_path / "page").exists()


def test_cli_exports_the_page(store: Store, now: dt.datetime, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    issued_school(store, now)
    folder = tmp_path / "site" / "verify"
    code, text = run(capsys, store, "export-verification-page", "--out", str(folder))
    assert code == 0
    assert f"Verification page written to {folder} (1 key(s), 0 revoked serial(s))" in text
    assert "No verification address is set yet" in text
    assert (folder / "index.html").exists() and (folder / DATA_FILE).exists()
    code, text = run(capsys, store, "export-verification-page", "--out", str(folder / "index.html"))
    assert code == 2 and "cannot be written to" in text
