"""Issuing, printing, revoking and verifying certificates; the CLI over them."""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from frontdesk.certificates.design import (
    CertificateDesign,
    CertificateTexts,
    load_design,
    save_design,
    style_for,
)
from frontdesk.certificates.eligibility import EligibilityState, clear_exception, grant_exception
from frontdesk.certificates.issue import (
    certificate_contents,
    issue_certificates,
    record_print,
    revoke,
)
from frontdesk.certificates.signing import public_key_pem, signing_key
from frontdesk.certificates.verification import (
    CertificateClaim,
    VerificationStatus,
    decode,
    encode,
    looks_like_certificate,
    verify,
    verify_offline,
)
from frontdesk.cli import main
from frontdesk.documents import fonts
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings, save_settings
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import AuditEvent, Certificate, Counter
from frontdesk.vocab import StaffRole
from tests.domain.test_eligibility import ADMIN, DESK, School

NAMES = ["张伟", "李娜", "王芳", "刘洋", "陈静"]


@pytest.fixture
def school(store: Store, now: dt.datetime) -> School:
    school = School(store, now).course(held=8)
    for name in NAMES:
        school.learner(name, attended=8)
    school.learner("赵敏", attended=3)  # not eligible
    return school


def issue(school: School, ids: list[int] | None = None, at: dt.datetime | None = None,
          actor: Actor = ADMIN) -> list[tuple[str, str, bool]]:
    with school.store.write() as s:
        issued = issue_certificates(s, school.course_id, ids, actor, at or school.now,
                                    unprintable=fonts.missing_characters)
    return [(c.learner_name, c.serial, c.newly_issued) for c in issued]


def test_issue_all_eligible_gives_gap_free_serials_in_list_order(school: School) -> None:
    issued = issue(school)
    assert [name for name, _, _ in issued] == ["陈静", "李娜", "刘洋", "王芳", "张伟"]
    assert [serial for _, serial, _ in issued] == [f"SB-2026-{n:04d}" for n in range(1, 6)]
    assert all(new for _, _, new in issued)
    rows = school.rows()
    assert rows["张伟"].state == EligibilityState.ISSUED
    certificate = rows["张伟"].certificate
    assert certificate is not None and certificate.serial == "SB-2026-0005"
    assert rows["赵敏"].state == EligibilityState.NOT_YET


def test_reissue_returns_the_same_serial_never_a_second(school: School) -> None:
    first = issue(school)
    again = issue(school)
    assert [(n, s) for n, s, _ in again] == [(n, s) for n, s, _ in first]
    assert not any(new for _, _, new in again)
    one = issue(school, [school.enrollments["王芳"]])
    assert one == [("王芳", "SB-2026-0004", False)]
    with school.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 5
        assert s.get(Counter, "certificate:2026").value == 5  # type: ignore[union-attr]


def test_serials_continue_across_batches_and_start_again_each_year(school: School) -> None:
    assert issue(school, [school.enrollments["张伟"]]) == [("张伟", "SB-2026-0001", True)]
    assert [s for _, s, new in issue(school) if new] == [f"SB-2026-{n:04d}" for n in (2, 3, 4, 5)]
    later = School(school.store, school.now + dt.timedelta(days=40)).course(
        held=2, title="AI+营销获客")
    later.learner("钱多多", attended=2)
    with school.store.write() as s:
        save_settings(s, dataclasses.replace(load_settings(s), certificate_prefix="SZ"))
    assert issue(later, at=later.now) == [("钱多多", "SZ-2027-0001", True)]


def test_a_refused_batch_spends_no_serial(school: School) -> None:
    for ids, code in (([school.enrollments["张伟"], school.enrollments["赵敏"]],
                       "certificate_not_eligible"), ([9999], "enrollment_not_found")):
        with pytest.raises(DomainError) as err:
            issue(school, ids)
        assert err.value.code == code
    assert issue(school, [school.enrollments["张伟"]]) == [("张伟", "SB-2026-0001", True)]


def test_a_name_no_font_can_print_is_refused_before_a_serial(school: School) -> None:
    school.learner("李\U00030000", attended=8)  # CJK Extension G: no bundled font has it
    with pytest.raises(DomainError) as err:
        issue(school)
    assert err.value.code == "certificate_missing_glyph"
    assert err.value.details["characters"] == "\U00030000"
    assert err.value.details["text"] == "李\U00030000"
    with school.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 0


def test_exception_reason_goes_on_the_certificate_record(school: School) -> None:
    with school.store.write() as s:
        grant_exception(s, school.enrollments["赵敏"], "因公出差，补交作业合格", ADMIN, school.now)
    issued = issue(school, [school.enrollments["赵敏"]])
    assert issued == [("赵敏", "SB-2026-0001", True)]
    with school.store.read() as s:
        certificate = s.scalars(select(Certificate)).one()
        assert certificate.exception_reason == "因公出差，补交作业合格"
        assert certificate.learner_name == "赵敏"
        assert certificate.course_title == "AI+短视频拍摄与剪辑"


def test_a_later_name_change_does_not_rewrite_an_issued_certificate(school: School) -> None:
    from frontdesk.roster.learners import LearnerInput, update_learner

    issue(school, [school.enrollments["王芳"]])
    with school.store.write() as s:
        update_learner(s, school.learners["王芳"], LearnerInput(name="王芳芳"), ADMIN, school.now)
    assert issue(school, [school.enrollments["王芳"]]) == [("王芳", "SB-2026-0001", False)]
    with school.store.write() as s:
        content = certificate_contents(s, [1])[0]
        assert content.learner_name == "王芳"  # as signed: the QR still verifies
        assert verify(s, content.verification_code).status is VerificationStatus.GENUINE


def test_printing_counts_and_keeps_the_serial(school: School) -> None:
    issue(school)
    with school.store.write() as s:
        ids = [c.id for c in s.scalars(select(Certificate).order_by(Certificate.id))]
        record_print(s, ids, ADMIN, school.now)
        record_print(s, ids[:1], ADMIN, school.now)
    rows = school.rows()
    assert rows["陈静"].certificate.print_count == 2  # type: ignore[union-attr]
    assert rows["张伟"].certificate.print_count == 1  # type: ignore[union-attr]
    assert rows["陈静"].certificate.serial == "SB-2026-0001"  # type: ignore[union-attr]


def test_revoke_needs_an_admin_and_a_reason(school: School) -> None:
    issue(school)
    certificate_id = school.rows()["李娜"].certificate.certificate_id  # type: ignore[union-attr]
    for actor, reason, code in ((DESK, "issued in error", "role_forbidden"),
                                (ADMIN, " ", "certificate_reason_required")):
        with pytest.raises(DomainError) as err, school.store.write() as s:
            revoke(s, certificate_id, reason, actor, school.now)
        assert err.value.code == code
    with school.store.write() as s:
        info = revoke(s, certificate_id, "发错了人", ADMIN, school.now)
    assert info.revoked and info.revoke_reason == "发错了人"
    row = school.rows()["李娜"]
    assert row.state == EligibilityState.REVOKED
    with pytest.raises(DomainError) as err, school.store.write() as s:
        revoke(s, certificate_id, "again", ADMIN, school.now)
    assert err.value.code == "certificate_already_revoked"
    # A class batch leaves a revoked certificate alone, and it is never printed again.
    assert "李娜" not in [n for n, _, _ in issue(school)]
    with pytest.raises(DomainError) as err, school.store.write() as s:
        record_print(s, [certificate_id], ADMIN, school.now)
    assert err.value.code == "certificate_revoked"
    with school.store.read() as s:
        assert s.get(Counter, "certificate:2026").value == 5  # type: ignore[union-attr]


def test_issue_and_revoke_are_audited(school: School) -> None:
    issue(school, [school.enrollments["张伟"]])
    with school.store.write() as s:
        revoke(s, 1, "issued in error", Actor(desk="前台2", role=StaffRole.ADMIN), school.now)
        actions = list(s.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("certificate.%")).order_by(AuditEvent.id)))
    assert actions == ["certificate.issue", "certificate.revoke"]


# Replacing a revoked certificate ---------------------------------------------------


def serials_of(school: School, name: str) -> tuple[list[str], list[str]]:
    """(live serials, every serial) of the enrollment of ``name``, oldest first."""
    with school.store.read() as s:
        found = list(s.scalars(select(Certificate).where(
            Certificate.enrollment_id == school.enrollments[name]).order_by(Certificate.id)))
    return [c.serial for c in found if c.revoked_at is None], [c.serial for c in found]


def counter(school: School) -> int:
    with school.store.read() as s:
        return s.get(Counter, "certificate:2026").value  # type: ignore[union-attr]


def test_a_revoked_certificate_is_replaced_with_a_new_serial(school: School) -> None:
    """The name was misspelled: revoke, correct the name, issue a replacement."""
    from frontdesk.roster.learners import LearnerInput, update_learner

    old_code = codes(school)["王芳"]  # everyone issued; 王芳 has SB-2026-0004
    old_id = school.rows()["王芳"].certificate.certificate_id  # type: ignore[union-attr]
    with school.store.write() as s:
        revoke(s, old_id, "姓名写错", ADMIN, school.now)
        update_learner(s, school.learners["王芳"], LearnerInput(name="汪芳"), ADMIN, school.now)
    row = school.rows()["汪芳"]
    assert row.state == EligibilityState.REVOKED and row.replaceable
    assert row.certificate is not None and row.certificate.serial == "SB-2026-0004"
    assert issue(school, [school.enrollments["王芳"]]) == [("汪芳", "SB-2026-0006", True)]
    row = school.rows()["汪芳"]
    assert row.state == EligibilityState.ISSUED and not row.replaceable
    assert row.certificate is not None and row.certificate.serial == "SB-2026-0006"
    with school.store.write() as s:
        new = certificate_contents(s, [row.certificate.certificate_id])[0]
        event = s.scalars(select(AuditEvent).where(AuditEvent.action.like("certificate.%"))
                          .order_by(AuditEvent.id.desc())).first()
    assert (new.serial, new.learner_name) == ("SB-2026-0006", "汪芳")
    assert check(school, old_code) is VerificationStatus.REVOKED
    assert check(school, new.verification_code) is VerificationStatus.GENUINE
    assert event is not None and event.action == "certificate.reissue"
    assert json.loads(event.before or "") == {"serial": "SB-2026-0004"}
    assert json.loads(event.after or "")["serial"] == "SB-2026-0006"
    # Asking again (by name or for the class) hands back the replacement.
    assert issue(school, [school.enrollments["王芳"]]) == [("汪芳", "SB-2026-0006", False)]
    assert not any(new for _, _, new in issue(school))
    assert serials_of(school, "王芳") == (["SB-2026-0006"], ["SB-2026-0004", "SB-2026-0006"])
    assert counter(school) == 6
    with pytest.raises(DomainError) as err, school.store.write() as s:
        record_print(s, [old_id], ADMIN, school.now)
    assert err.value.code == "certificate_revoked"


def test_a_replacement_needs_the_rule_or_a_standing_exception(school: School) -> None:
    zhao = school.enrollments["赵敏"]  # 3 of 8 lessons: only an exception earns it
    with school.store.write() as s:
        grant_exception(s, zhao, "因公出差，补交作业合格", ADMIN, school.now)
    assert issue(school, [zhao]) == [("赵敏", "SB-2026-0001", True)]
    with school.store.write() as s:
        revoke(s, school.rows()["赵敏"].certificate.certificate_id,  # type: ignore[union-attr]
               "例外批错了", ADMIN, school.now)
        clear_exception(s, zhao, ADMIN, school.now)  # nothing live rests on it now
    row = school.rows()["赵敏"]
    assert row.state == EligibilityState.REVOKED and not row.replaceable
    with pytest.raises(DomainError) as err:
        issue(school, [zhao])
    assert err.value.code == "certificate_not_eligible"
    assert counter(school) == 1  # the refusal spent no serial
    with school.store.write() as s:
        grant_exception(s, zhao, "补考合格", ADMIN, school.now)
    assert school.rows()["赵敏"].replaceable
    assert issue(school, [zhao]) == [("赵敏", "SB-2026-0002", True)]
    with school.store.read() as s:
        live = s.scalars(select(Certificate).where(Certificate.revoked_at.is_(None))).one()
    assert (live.serial, live.exception_reason) == ("SB-2026-0002", "补考合格")
    with pytest.raises(DomainError) as err, school.store.write() as s:
        clear_exception(s, zhao, ADMIN, school.now)
    assert err.value.code == "certificate_already_issued"


def test_the_store_keeps_one_live_certificate_per_enrollment(school: School) -> None:
    from sqlalchemy.exc import IntegrityError

    issue(school, [school.enrollments["张伟"]])
    with pytest.raises(IntegrityError), school.store.write() as s:
        s.add(Certificate(enrollment_id=school.enrollments["张伟"], serial="SB-2026-0099",
                          issued_at=school.now, print_count=0))
        s.flush()
    assert serials_of(school, "张伟") == (["SB-2026-0001"], ["SB-2026-0001"])


def test_a_lost_race_for_a_replacement_hands_back_the_winners(school: School,
                                                             monkeypatch) -> None:
    """The store's unique index decides when the look-up missed the other desk's."""
    import frontdesk.certificates.issue as certificates_module

    issue(school)
    li, zhao = school.enrollments["李娜"], school.enrollments["赵敏"]
    with school.store.write() as s:
        revoke(s, school.rows()["李娜"].certificate.certificate_id,  # type: ignore[union-attr]
               "姓名写错", ADMIN, school.now)
        grant_exception(s, zhao, "病假，已补课", ADMIN, school.now)
    looked = list(school.rows().values())  # read before the other desk's replacement
    assert issue(school, [li]) == [("李娜", "SB-2026-0006", True)]  # the other desk

    def stale(session, course_id, at, *, enrollment_ids=None):  # type: ignore[no-untyped-def]
        return [r for r in looked if enrollment_ids is None or r.enrollment_id in enrollment_ids]

    monkeypatch.setattr(certificates_module, "eligibility", stale)
    with school.store.write() as s:
        issued = issue_certificates(s, school.course_id, [li, zhao], DESK, school.now)
        s.execute(select(1))  # the transaction is still usable
    assert [(c.learner_name, c.serial, c.newly_issued) for c in issued] == [
        ("李娜", "SB-2026-0006", False), ("赵敏", "SB-2026-0007", True)]
    assert serials_of(school, "李娜") == (["SB-2026-0006"], ["SB-2026-0002", "SB-2026-0006"])
    assert counter(school) == 7  # no serial skipped
    with school.store.read() as s:
        assert s.scalar(select(func.count()).where(
            AuditEvent.action == "certificate.reissue")) == 1


@pytest.mark.parametrize(
    "kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_desks_replacing_at_once_make_one_live_certificate(
        request: pytest.FixtureRequest, now: dt.datetime, kind: str) -> None:
    store: Store = request.getfixturevalue("store" if kind == "sqlite" else "pg_store")
    school = School(store, now).course(held=8)
    school.learner("李娜", attended=8)
    li = school.enrollments["李娜"]
    issue(school, [li])
    with store.write() as s:
        revoke(s, school.rows()["李娜"].certificate.certificate_id,  # type: ignore[union-attr]
               "姓名写错", ADMIN, now)
    desks = [open_store(store.url), open_store(store.url)]
    start = threading.Barrier(2)
    results: list[tuple[str, bool]] = []

    def desk(index: int) -> None:
        start.wait()
        with desks[index].write() as s:
            issued = issue_certificates(s, school.course_id, [li],
                                        Actor(desk=f"前台{index}"), now)
        results.append((issued[0].serial, issued[0].newly_issued))

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in desks:
        d.dispose()
    assert sorted(results) == [("SB-2026-0002", False), ("SB-2026-0002", True)]
    assert serials_of(school, "李娜") == (["SB-2026-0002"], ["SB-2026-0001", "SB-2026-0002"])
    assert counter(school) == 2


# Verification -------------------------------------------------------------------


def codes(school: School) -> dict[str, str]:
    issue(school)
    with school.store.write() as s:
        ids = list(s.scalars(select(Certificate.id).order_by(Certificate.id)))
        return {c.learner_name: c.verification_code for c in certificate_contents(s, ids)}


def check(school: School, text: str) -> VerificationStatus:
    with school.store.read() as s:
        return verify(s, text).status


def test_genuine_code_says_who_what_and_when(school: School) -> None:
    code = codes(school)["王芳"]
    assert code.startswith("C1") and code.isalnum() and code == code.upper()
    with school.store.read() as s:
        result = verify(s, code)
    assert result.status is VerificationStatus.GENUINE
    assert (result.serial, result.learner_name, result.course_title, result.issued_on) == (
        "SB-2026-0004", "王芳", "AI+短视频拍摄与剪辑", dt.date(2026, 12, 1))


def test_scanner_accidents_are_forgiven(school: School) -> None:
    code = codes(school)["王芳"]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)  # an IME left on
    for typed in (code.lower(), f"  {code}\n", full_width):
        assert check(school, typed) is VerificationStatus.GENUINE


def test_revoked_code_says_revoked_with_the_reason(school: School) -> None:
    code = codes(school)["刘洋"]
    with school.store.write() as s:
        revoke(s, school.rows()["刘洋"].certificate.certificate_id,  # type: ignore[union-attr]
               "出勤记录有误", ADMIN, school.now)
    with school.store.read() as s:
        result = verify(s, code)
    assert result.status is VerificationStatus.REVOKED
    assert result.revoke_reason == "出勤记录有误" and result.learner_name == "刘洋"


def flip(code: str, index: int) -> str:
    """The code with one base32 character changed (well inside the data, so it counts)."""
    return code[:index] + ("B" if code[index] == "A" else "A") + code[index + 1:]


def test_tampered_and_foreign_codes_are_forged(school: School) -> None:
    code = codes(school)["王芳"]
    raw = base64.b32decode(code[2:] + "=" * (-len(code[2:]) % 8))
    edited = raw.replace("王".encode("utf-16-be"), "汪".encode("utf-16-be"), 1)
    tampered = "C1" + base64.b32encode(edited).decode().rstrip("=")
    assert decode(tampered)[0].learner_name == "汪芳"  # reads fine, but was altered
    assert check(school, tampered) is VerificationStatus.FORGED
    assert check(school, flip(code, -10)) is VerificationStatus.FORGED  # in the signature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    claim = decode(code)[0]
    assert check(school, encode(claim, Ed25519PrivateKey.generate())) is VerificationStatus.FORGED


_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(serial=st.from_regex(r"[A-Z]{2}-20[0-9]{2}-[0-9]{4}", fullmatch=True), name=_names,
       title=_names, day=st.dates(dt.date(2000, 1, 1), dt.date(2150, 1, 1)),
       position=st.integers(2, 10_000))
def test_any_claim_round_trips_and_any_changed_character_fails(
        serial: str, name: str, title: str, day: dt.date, position: int) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from frontdesk.certificates.signing import pem_of

    key = Ed25519PrivateKey.generate()
    pem = pem_of(key.public_key())
    code = encode(CertificateClaim(serial, name, title, day), key)
    assert code.isalnum() and code.isascii() and code == code.upper()
    result = verify_offline(pem, code)
    assert result.genuine
    assert (result.serial, result.learner_name, result.course_title, result.issued_on) == (
        serial, name, title, day)
    index = position % (len(code) - 3) + 2  # any character after "C1" but the last
    assert not verify_offline(pem, flip(code, index)).genuine


def test_signed_code_for_a_serial_not_in_the_store(school: School) -> None:
    codes(school)
    with school.store.write() as s:
        key = signing_key(s)
    stray = encode(CertificateClaim("SB-2026-0999", "张伟", "AI+短视频拍摄与剪辑",
                                    dt.date(2026, 12, 1)), key)
    assert check(school, stray) is VerificationStatus.UNKNOWN_SERIAL


def test_signed_but_unlike_the_record_is_forged(school: School) -> None:
    codes(school)
    with school.store.write() as s:
        key = signing_key(s)
    other_date = encode(CertificateClaim("SB-2026-0001", "陈静", "AI+短视频拍摄与剪辑",
                                         dt.date(2026, 11, 30)), key)
    assert check(school, other_date) is VerificationStatus.FORGED


def test_cut_short_and_other_codes(school: School) -> None:
    code = codes(school)["王芳"]
    assert check(school, code[:60]) is VerificationStatus.UNREADABLE
    assert check(school, "C1") is VerificationStatus.UNREADABLE
    assert check(school, "F1ABCDEFGHJK2345678") is VerificationStatus.NOT_A_CERTIFICATE
    assert not looks_like_certificate("F1ABC") and looks_like_certificate("c1abc")


def test_offline_check_with_the_exported_public_key(school: School) -> None:
    code = codes(school)["张伟"]
    with school.store.write() as s:
        pem = public_key_pem(s)
    with school.store.write() as s:
        assert public_key_pem(s) == pem  # made once per store
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    result = verify_offline(pem, code)
    assert result.genuine and result.learner_name == "张伟"
    assert verify_offline(pem, flip(code, -10)).status is VerificationStatus.FORGED


def test_a_store_that_never_signed_calls_every_code_forged(school: School,
                                                         tmp_path: Path) -> None:
    from frontdesk.store.engine import open_store

    code = codes(school)["张伟"]
    other = open_store(tmp_path / "other-school.sqlite3")
    try:
        with other.read() as s:
            assert verify(s, code).status is VerificationStatus.FORGED
    finally:
        other.dispose()


# Design -------------------------------------------------------------------------


def test_design_round_trip_and_refusals(store: Store, now: dt.datetime, tmp_path: Path) -> None:
    from PIL import Image

    seal = tmp_path / "seal.png"
    Image.new("RGBA", (60, 60), (200, 0, 0, 180)).save(seal)
    texts = dataclasses.replace(CertificateTexts(), title_zh="结 业 证 书",
                                body_zh="完成「{course}」{hours}学时。")
    design = CertificateDesign("modern", texts, str(seal), ("", str(seal)))
    with store.write() as s:
        save_design(s, design, ADMIN, now)
    with store.read() as s:
        assert load_design(s) == design
        style = style_for(s)
    assert style.layout == "modern" and style.school_name == "水贝夜校"
    bad = [
        (dataclasses.replace(design, layout="baroque"), "certificate_layout_unknown"),
        (dataclasses.replace(design, texts=dataclasses.replace(texts, body_en="{learner}")),
         "certificate_text_invalid"),
        (dataclasses.replace(design, texts=dataclasses.replace(texts, body_en="{course")),
         "certificate_text_invalid"),
        (dataclasses.replace(design, texts=dataclasses.replace(texts, title_en="{course}")),
         "certificate_text_invalid"),
        (dataclasses.replace(design, seal_path=str(tmp_path / "none.png")),
         "certificate_image_unreadable"),
    ]
    for wrong, code in bad:
        with pytest.raises(DomainError) as err, store.write() as s:
            save_design(s, wrong, ADMIN, now)
        assert err.value.code == code
    with store.read() as s:
        assert load_design(s) == design


# Command line -------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], store: Store, *args: str) -> tuple[int, str]:
    code = main(["--db", str(store.sqlite_path), "--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_cli_lists_issues_prints_and_verifies(school: School, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    at = school.now.isoformat()
    code, text = run(capsys, school.store, "certificates", "--course", "C0001", "--at", at)
    assert code == 0
    assert "赵敏" in text and "Attended 3 of 8 lessons, needs 7." in text
    assert "5 of 6 learners have earned a certificate." in text
    pdf = tmp_path / "out.pdf"
    code, text = run(capsys, school.store, "certificates", "--course", "C0001",
                     "--all-eligible", "--out", str(pdf), "--at", at)
    assert code == 0 and pdf.exists()
    assert "issued SB-2026-0001, printed 1×" in text  # counted when the file was made
    assert "5 certificates written to" in text
    assert school.rows()["陈静"].certificate.print_count == 1  # type: ignore[union-attr]
    key = tmp_path / "school.pem"
    assert run(capsys, school.store, "export-public-key", "--out", str(key))[0] == 0
    with school.store.write() as s:
        scan = certificate_contents(s, [1])[0].verification_code
    code, text = run(capsys, school.store, "verify", scan)
    assert code == 0 and "Genuine: certificate SB-2026-0001, issued to 陈静" in text
    code, text = run(capsys, school.store, "verify", "--public-key", str(key), flip(scan, -10))
    assert code == 1 and "FORGED" in text


def test_cli_refuses_an_unknown_course(school: School, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, school.store, "certificates", "--course", "NOPE")
    assert code == 2 and "That course does not exist." in text
