"""Privacy: anonymising on request, retention, follow-up consent, export records."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from frontdesk.certificates.eligibility import grant_exception
from frontdesk.certificates.issue import certificate_contents, issue_certificates
from frontdesk.certificates.verification import VerificationStatus, verify
from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import take_payment
from frontdesk.privacy.personal_data import (
    anonymise_learner,
    anonymised_name,
    apply_retention,
    audit_export,
    retention_cutoff,
    retention_preview,
    set_followup_consent,
)
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.learners import LearnerInput, add_learner, find_duplicate
from frontdesk.roster.search import search_learners
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Attendance, AuditEvent, Learner, LedgerEntry, Outcome
from frontdesk.vocab import AttendanceStatus, CheckInMethod, FeeTier, OutcomeKind, StaffRole

ADMIN = Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)
DESK = Actor(desk="前台1", staff_id=None, role=StaffRole.DESK)
YEAR = dt.timedelta(days=365)


@dataclass(frozen=True)
class Graduate:
    learner_id: int
    code: str
    enrollment_id: int
    certificate_id: int


def _graduate(store: Store, now: dt.datetime) -> Graduate:
    """王芳: took a paid course last month, came, paid, got her certificate, was called."""
    start = now - dt.timedelta(weeks=6)
    with store.write() as s:
        course = add_course(s, CourseInput("AI+珠宝设计", FeeTier.INCLUSIVE, capacity=20,
                                           market_price_fen=100_000), ADMIN, start)
        lesson = add_lesson(s, course.id, start, start + dt.timedelta(hours=2), ADMIN, start)
        learner = add_learner(s, LearnerInput("王芳", "13800138000", "女", "珠宝设计师",
                                              "喜欢周末班", followup_consent=True), ADMIN, start)
        placed = enroll(s, learner.id, course.id, 30, ADMIN, start).enrollment_id
        take_payment(s, placed, 30_000, "cash", ADMIN, start)
        s.add(Attendance(lesson_id=lesson.id, learner_id=learner.id, enrollment_id=placed,
                         status=AttendanceStatus.PRESENT, method=CheckInMethod.SCANNER,
                         at=start, recorded_at=start, desk="前台1"))
        s.add(Outcome(learner_id=learner.id, course_id=course.id, kind=OutcomeKind.BUSINESS,
                      note="开了自己的工作室，电话 13800138000", recorded_at=now))
        grant_exception(s, placed, "只有一次课", ADMIN, now)
        [certificate] = issue_certificates(s, course.id, [placed], ADMIN, now)
        return Graduate(learner.id, learner.code, placed, certificate.certificate_id)


def _counts(store: Store, learner_id: int) -> tuple[int, int]:
    with store.read() as s:
        return (s.scalar(select(func.count()).where(LedgerEntry.learner_id == learner_id)) or 0,
                s.scalar(select(func.count()).where(Attendance.learner_id == learner_id)) or 0)


def test_anonymising_erases_the_person_and_keeps_the_accounts(
    store: Store, now: dt.datetime
) -> None:
    grad = _graduate(store, now)
    with store.read() as s:
        [content] = certificate_contents(s, [grad.certificate_id])
    kept = _counts(store, grad.learner_id)
    with store.write() as s:
        done = anonymise_learner(s, grad.learner_id, ADMIN, now)
    assert done.name == anonymised_name(grad.code) == f"已匿名-{grad.code}"
    with store.read() as s:
        learner = s.get(Learner, grad.learner_id)
        assert learner is not None
        assert (learner.name, learner.phone, learner.phone_tail, learner.pinyin,
                learner.initials, learner.gender, learner.occupation, learner.note,
                learner.followup_consent, learner.followup_consent_at, learner.anonymised_at) == (
            done.name, None, None, "", "", "", "", "", False, None, now)
        outcome = s.scalars(select(Outcome)).one()
        assert (outcome.kind, outcome.note) == (OutcomeKind.BUSINESS, "")
        # Out of search and the duplicate check: a new 王芳 is a new learner.
        assert search_learners(s, "王芳") == search_learners(s, "wangfang") == []
        assert search_learners(s, grad.code) == []
        assert find_duplicate(s, "王芳", "13800138000") is None
        # The certificate she holds still verifies, with the name printed on it.
        verdict = verify(s, content.verification_code)
        assert (verdict.status, verdict.learner_name) == (VerificationStatus.GENUINE, "王芳")
    assert _counts(store, grad.learner_id) == kept == (1, 1)
    with store.read() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event is not None and (event.action, event.learner_id) == (
        "learner.anonymise", grad.learner_id)
    with pytest.raises(DomainError, match="learner_already_anonymised"), store.write() as s:
        anonymise_learner(s, grad.learner_id, ADMIN, now)


def test_a_learner_on_a_running_course_is_withdrawn_first(store: Store, now: dt.datetime) -> None:
    with store.write() as s:
        course = add_course(s, CourseInput("AI+微短剧创作", FeeTier.FREE, capacity=20),
                            ADMIN, now)
        add_lesson(s, course.id, now + dt.timedelta(days=2),
                   now + dt.timedelta(days=2, hours=2), ADMIN, now)
        learner = add_learner(s, LearnerInput("张伟", "13912345678"), ADMIN, now)
        placed = enroll(s, learner.id, course.id, 30, ADMIN, now).enrollment_id
    with pytest.raises(DomainError) as err, store.write() as s:
        anonymise_learner(s, learner.id, ADMIN, now)
    assert err.value.code == "learner_has_open_enrollment"
    assert err.value.details == {"learner_name": "张伟", "courses": "AI+微短剧创作"}
    with store.write() as s:
        withdraw(s, placed, ADMIN, now)
        anonymise_learner(s, learner.id, ADMIN, now)
    with pytest.raises(DomainError, match="learner_not_found"), store.write() as s:
        anonymise_learner(s, 9999, ADMIN, now)


def _learner_at(store: Store, name: str, phone: str, at: dt.datetime) -> int:
    with store.write() as s:
        return add_learner(s, LearnerInput(name, phone), ADMIN, at).id


def test_retention_previews_then_anonymises_the_long_inactive(
    store: Store, now: dt.datetime
) -> None:
    old = _learner_at(store, "老李", "13700000001", now - 4 * YEAR)
    grad = _graduate(store, now - 3 * YEAR)  # her certificate came three years ago
    came_back = _learner_at(store, "回头客", "13700000003", now - 5 * YEAR)
    recent = _learner_at(store, "新人", "13700000004", now - YEAR)
    waiting = _learner_at(store, "候补生", "13700000005", now - 5 * YEAR)
    with store.write() as s:  # 回头客 came back last month
        course = add_course(s, CourseInput("办公软件应用", FeeTier.FREE, capacity=20), ADMIN, now)
        enroll(s, came_back, course.id, 30, ADMIN, now - dt.timedelta(days=30))
        # 候补生 has been waiting for years for a course that is still to come
        add_lesson(s, course.id, now + YEAR, now + YEAR + dt.timedelta(hours=2), ADMIN, now)
        enroll(s, waiting, course.id, 30, ADMIN, now - 5 * YEAR)
    with store.read() as s:
        preview = retention_preview(s, 2, now)
    assert [(c.learner_id, c.name) for c in preview] == [(old, "老李"), (grad.learner_id, "王芳")]
    assert preview[0].last_activity_at == now - 4 * YEAR
    with store.read() as s:  # nothing was written by looking
        assert s.scalar(select(func.count()).where(Learner.anonymised_at.is_not(None))) == 0
    with store.write() as s:
        assert apply_retention(s, 2, ADMIN, now) == 2
    with store.read() as s:
        names = dict(s.execute(select(Learner.id, Learner.name)).all())
        assert retention_preview(s, 2, now) == []
        events = s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(["learner.anonymise", "privacy.retention"]))).all()
    assert names[old].startswith("已匿名-") and names[grad.learner_id].startswith("已匿名-")
    assert (names[came_back], names[recent], names[waiting]) == ("回头客", "新人", "候补生")
    assert sorted((e.action, e.learner_id) for e in events) == sorted([
        ("learner.anonymise", old), ("learner.anonymise", grad.learner_id),
        ("privacy.retention", None)])
    summary = next(e for e in events if e.action == "privacy.retention")
    assert json.loads(summary.after or "")["count"] == 2


def test_retention_years_and_cutoff(store: Store, now: dt.datetime) -> None:
    for years in (0, 101, -1):
        with pytest.raises(DomainError, match="retention_years_invalid"), store.read() as s:
            retention_preview(s, years, now)
    with store.read() as s:
        # 2028-02-29 09:00 in Shenzhen, two years back, is 2026-02-28 09:00 there.
        leap = dt.datetime(2028, 2, 29, 1, tzinfo=dt.UTC)
        assert retention_cutoff(s, 2, leap) == dt.datetime(2026, 2, 28, 1, tzinfo=dt.UTC)
        assert retention_cutoff(s, 3, now) == dt.datetime(2023, 12, 1, 11, 5, tzinfo=dt.UTC)


def test_consent_is_recorded_and_withdrawn_with_its_date(store: Store, now: dt.datetime) -> None:
    learner = _learner_at(store, "刘洋", "13612345678", now - YEAR)
    later = now + dt.timedelta(days=3)
    with store.write() as s:
        given = set_followup_consent(s, learner, True, DESK, now)
    with store.write() as s:
        again = set_followup_consent(s, learner, True, DESK, later)
    with store.write() as s:
        withdrawn = set_followup_consent(s, learner, False, DESK, later)
    assert (given.consent, given.at) == (True, now)
    assert again == given  # the same answer changes nothing
    assert (withdrawn.consent, withdrawn.at) == (False, later)
    with store.read() as s:
        row = s.get(Learner, learner)
        assert row is not None and (row.followup_consent, row.followup_consent_at) == (
            False, later)
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "learner.consent")
                           .order_by(AuditEvent.id)).all()
    assert [(e.at, json.loads(e.after or "")) for e in events] == [
        (now, {"consent": True}), (later, {"consent": False})]


def test_an_export_of_personal_data_is_recorded(store: Store, now: dt.datetime) -> None:
    with store.write() as s:
        audit_export(s, ADMIN, now, "roster", 3000, True, file_name="/home/desk/名单.xlsx")
    with store.read() as s:
        event = s.scalars(select(AuditEvent)).one()
    assert (event.action, event.desk) == ("export.roster", "前台1")
    assert json.loads(event.after or "") == {"rows": 3000, "full_phone": True,
                                             "file": "/home/desk/名单.xlsx"}
    with pytest.raises(DomainError, match="role_forbidden"), store.write() as s:
        audit_export(s, DESK, now, "roster", 3000, True)
    with pytest.raises(ValueError), store.write() as s:
        audit_export(s, ADMIN, now, "Roster list", 1, False)


def test_cli_anonymise_and_retention(
    store: Store, now: dt.datetime, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert store.sqlite_path is not None
    db = ["--db", str(store.sqlite_path), "--lang", "en"]
    wall = dt.datetime.now(dt.UTC)  # the command line runs on the real clock
    old = _learner_at(store, "老李", "13700000001", wall - 4 * YEAR)
    gone = _learner_at(store, "赵敏", "13400000000", wall - dt.timedelta(days=3))
    with store.read() as s:
        gone_code = s.scalar(select(Learner.code).where(Learner.id == gone))
    assert main([*db, "anonymise", "--learner", gone_code.lower()]) == 0
    assert f"now shows “已匿名-{gone_code}”" in capsys.readouterr().out
    assert main([*db, "anonymise", "--learner", "NOPE123"]) == 2
    assert main([*db, "retention", "--years", "3"]) == 0
    out = capsys.readouterr().out
    assert "老李" in out and "1 learners have had no activity for 3 years" in out
    assert main([*db, "retention", "--years", "3", "--apply"]) == 0
    assert capsys.readouterr().out.strip() == "Anonymised 1 learners."
    with store.read() as s:
        assert s.scalar(select(Learner.anonymised_at).where(Learner.id == old)) is not None


def test_a_certificate_scanned_at_the_desk_leaves_no_name_and_anonymising_clears_scans(
    store: Store, now: dt.datetime
) -> None:
    """A certificate's code decodes to its holder's name: the scan log keeps
    only its fingerprint. Refused scans of a learner's own card go with her
    personal data when she is anonymised."""
    from frontdesk.certificates.verification import decode
    from frontdesk.checkin.scan import Outcome as ScanOutcome
    from frontdesk.checkin.scan import check_in
    from frontdesk.checkin.tokens import make_token
    from frontdesk.settings import school_secret
    from frontdesk.store.models import ScanLog

    grad = _graduate(store, now)
    with store.read() as s:
        [content] = certificate_contents(s, [grad.certificate_id])
    with store.write() as s:
        result = check_in(s, content.verification_code, now, DESK)
        assert result.outcome is ScanOutcome.CERTIFICATE
        secret = school_secret(s)
        assert check_in(s, make_token(secret, grad.code, 1), now, DESK).refused  # no lesson now
    with store.read() as s:
        rows = s.scalars(select(ScanLog).order_by(ScanLog.id)).all()
    assert [r.outcome for r in rows] == ["certificate", "no_lesson_now"]
    code = content.verification_code
    assert decode(code)[0].learner_name == "王芳"  # the code carries the name …
    assert code[2:12] not in rows[0].raw and len(rows[0].raw) < 30  # … the log does not
    assert rows[0].learner_id is None
    assert rows[1].learner_id == grad.learner_id and grad.code in rows[1].raw
    with store.write() as s:
        anonymise_learner(s, grad.learner_id, ADMIN, now)
    with store.read() as s:
        rows = s.scalars(select(ScanLog).order_by(ScanLog.id)).all()
    assert [(r.outcome, r.learner_id) for r in rows] == [("certificate", None),
                                                          ("no_lesson_now", None)]
    assert grad.code not in rows[1].raw
