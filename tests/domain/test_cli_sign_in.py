"""Signing in on the command line: ``--user`` / ``FRONTDESK_USER``, the
password asked for or read from standard input, refusals in words."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.cli import main
from frontdesk.store.engine import open_store
from frontdesk.store.models import AuditEvent, LedgerEntry, Staff
from frontdesk.vocab import StaffRole
from tests.domain.cli_fixtures import PASSWORD, CliSchool, build_cli_school


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> CliSchool:
    return build_cli_school(tmp_path_factory.mktemp("cli-sign-in"), accounts=True)


@pytest.fixture
def school(built: CliSchool, tmp_path: Path) -> CliSchool:
    built.copy(tmp_path / "school.sqlite3")
    return CliSchool(**{**built.__dict__, "path": tmp_path / "school.sqlite3"})


def run(school: CliSchool, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "",
        lang: str = "en") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main([*args, "--db", str(school.path), "--lang", lang, "--desk", "前台9"])


def events(school: CliSchool) -> list[tuple[str, int | None, str]]:
    store = open_store(school.path)
    try:
        with store.read() as s:
            return [tuple(row) for row in s.execute(  # type: ignore[misc]
                select(AuditEvent.action, AuditEvent.staff_id, AuditEvent.desk)
                .order_by(AuditEvent.id)).all()]
    finally:
        store.dispose()


def ledger_rows(school: CliSchool) -> int:
    store = open_store(school.path)
    try:
        with store.read() as s:
            return s.scalar(select(func.count()).select_from(LedgerEntry)) or 0
    finally:
        store.dispose()


def test_no_user_says_how_to_sign_in(school: CliSchool, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("FRONTDESK_USER", raising=False)
    before = events(school)
    assert run(school, monkeypatch, "outstanding") == 2
    err = capsys.readouterr().err
    assert err.startswith("This school has staff accounts: sign in with --user NAME (or set "
                          "FRONTDESK_USER)")
    assert events(school) == before


def test_signed_in_the_audit_names_staff_and_desk(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(events(school))
    assert run(school, monkeypatch, "pay", "--learner", school.code, "--course", "C0001",
               "--amount", "100", "--method", "cash", "--user", "cash", "--password-stdin",
               stdin=f"{PASSWORD}\n") == 0
    assert "Payment taken: ¥100.00" in capsys.readouterr().out
    cashier = school.staff_ids[StaffRole.CASHIER]
    assert events(school)[before:] == [("staff.sign_in", cashier, "前台9"),
                                       ("ledger.payment", cashier, "前台9")]


def test_user_from_the_environment_and_the_password_asked(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts: list[str] = []

    def ask(prompt: str = "") -> str:
        prompts.append(prompt)
        return PASSWORD

    monkeypatch.setenv("FRONTDESK_USER", "desk1")
    monkeypatch.setattr("getpass.getpass", ask)
    assert run(school, monkeypatch, "outstanding") == 0
    assert prompts == ["Password for desk1: "]
    assert "1 owing" in capsys.readouterr().out
    assert run(school, monkeypatch, "outstanding", lang="zh_CN") == 0
    assert prompts[-1] == "desk1 的密码："


def test_wrong_password_is_refused_and_audited(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = len(events(school))
    assert run(school, monkeypatch, "pay", "--learner", school.code, "--course", "C0001",
               "--amount", "100", "--method", "cash", "--user", "cash", "--password-stdin",
               stdin="not-the-password\n") == 2
    assert capsys.readouterr().err.strip() == "Wrong user name or password."
    assert events(school)[before:] == [("staff.sign_in_failed",
                                        school.staff_ids[StaffRole.CASHIER], "前台9")]
    assert ledger_rows(school) == 1


def test_five_wrong_passwords_lock_the_account(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(5):
        assert run(school, monkeypatch, "outstanding", "--user", "desk1", "--password-stdin",
                   stdin="wrong-wrong\n") == 2
    capsys.readouterr()
    assert run(school, monkeypatch, "outstanding", "--user", "desk1", "--password-stdin",
               stdin=f"{PASSWORD}\n") == 2
    assert "Too many wrong passwords: this account is locked until" in capsys.readouterr().err


def test_a_disabled_account_writes_nothing(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(school.path)
    with store.write() as s:
        staff = s.get(Staff, school.staff_ids[StaffRole.CASHIER])
        assert staff is not None
        staff.disabled = True
    store.dispose()
    before = len(events(school))
    assert run(school, monkeypatch, "refund", "--entry", str(school.payment_entry),
               "--amount", "300", "--reason", "withdrawn", "--user", "cash",
               "--password-stdin", stdin=f"{PASSWORD}\n") == 2
    assert capsys.readouterr().err.strip() == "This account is disabled. Ask an admin."
    assert [e[0] for e in events(school)[before:]] == ["staff.sign_in_failed"]
    assert ledger_rows(school) == 1


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "Your account's role does not allow this: it needs a cashier account or higher."),
    ("zh_CN", "您的账号角色无权进行此操作：需要收银员账号或更高权限。"),
])
def test_a_role_too_low_is_told_the_role_needed(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    lang: str, words: str,
) -> None:
    assert run(school, monkeypatch, "refund", "--entry", str(school.payment_entry),
               "--amount", "300", "--reason", "withdrawn", "--user", "desk1",
               "--password-stdin", stdin=f"{PASSWORD}\n", lang=lang) == 2
    assert words in capsys.readouterr().err
    assert ledger_rows(school) == 1


def test_user_on_a_school_without_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    school = build_cli_school(tmp_path, accounts=False)
    assert run(school, monkeypatch, "outstanding", "--user", "boss", "--password-stdin",
               stdin=f"{PASSWORD}\n") == 2
    assert "This store has no staff accounts yet, so nobody can sign in" \
        in capsys.readouterr().err
    assert run(school, monkeypatch, "outstanding") == 0


def test_password_stdin_with_nothing_to_read(
    school: CliSchool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = events(school)
    assert run(school, monkeypatch, "outstanding", "--user", "boss", "--password-stdin") == 2
    assert "--password-stdin: standard input has no more lines" in capsys.readouterr().err
    assert events(school) == before
