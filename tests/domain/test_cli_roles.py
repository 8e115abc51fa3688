"""Every command that changes data or reveals personal data, on a school with
staff accounts: run unsigned and signed in as each role, and held against the
one role matrix the windows use (:data:`frontdesk.staff.roles.LEAST_ROLE`).

Allowed: the command succeeds and every audit row it wrote names the staff
member and the desk. Refused: it exits 2 with words naming what is missing
(a sign-in, or the least role that may), and writes nothing but the sign-in's
own audit row, and no file.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.cli import main
from frontdesk.messages import ROLE_WORDS
from frontdesk.staff import roles
from frontdesk.staff.roles import Action
from frontdesk.store.engine import open_store
from frontdesk.store.models import AuditEvent, Base
from frontdesk.vocab import StaffRole
from tests.domain.cli_fixtures import (
    CHECKIN,
    PASSWORD,
    SCHOOL_AT,
    USERS,
    CliSchool,
    build_cli_school,
)
from tests.domain.keys_fixtures import PASSPHRASE

DESK_NAME = "前台9"
SIGN_IN_EVENTS = ("staff.sign_in", "staff.sign_in_failed")
Args = Callable[[CliSchool, Path], list[str]]


@dataclass(frozen=True)
class Case:
    args: Args
    action: Action
    new_password: bool = False  # staff add / reset read one more line
    passphrase: bool = False  # signing certificates reads the key's passphrase after it
    audited: bool = True  # leaves an audit event of its own (views on screen do not)


REPORTS = Action.REPORTS_VIEW

CASES: dict[str, Case] = {
    "checkin": Case(lambda s, t: ["checkin", s.token, *CHECKIN], Action.CHECK_IN),
    "token": Case(lambda s, t: ["token", "--learner", s.code], Action.ROSTER_VIEW),
    "cards": Case(lambda s, t: ["cards", "--learner", s.code, "--out", str(t / "card.png")],
                  Action.ROSTER_VIEW),
    "reissue": Case(lambda s, t: ["reissue", "--learner", s.code], Action.LEARNER_EDIT),
    "signin-sheet": Case(lambda s, t: ["signin-sheet", "--lesson", str(s.lesson_id),
                                       "--out", str(t / "sheet.pdf")], Action.CHECK_IN,
                         audited=False),
    "close-lessons": Case(lambda s, t: ["close-lessons", "--at", SCHOOL_AT], Action.CHECK_IN),
    "pay": Case(lambda s, t: ["pay", "--learner", s.code, "--course", "C0001", "--amount",
                              "100", "--method", "cash", "--receipt-out", str(t / "r.pdf")],
                Action.PAYMENT),
    "refund": Case(lambda s, t: ["refund", "--entry", str(s.payment_entry), "--amount", "100",
                                 "--reason", "withdrawn"], Action.REFUND),
    "waive": Case(lambda s, t: ["waive", "--learner", s.code, "--course", "C0001",
                                "--amount", "50", "--reason", "hardship"], Action.WAIVER),
    "receipt": Case(lambda s, t: ["receipt", "--entry", str(s.payment_entry), "--out",
                                  str(t / "copy.pdf")], Action.PAYMENT),
    "cashup --close": Case(lambda s, t: ["cashup", "--date", "2026-11-20", "--close", "0"],
                           Action.CASHUP),
    "outstanding": Case(lambda s, t: ["outstanding"], Action.ROSTER_VIEW, audited=False),
    "import --commit": Case(lambda s, t: ["import", str(s.import_file), "--commit"],
                            Action.IMPORT),
    "export": Case(lambda s, t: ["export", "--out", str(t / "roster.xlsx")],
                   Action.EXPORT_MASKED),
    "export --full-phone": Case(lambda s, t: ["export", "--out", str(t / "roster.xlsx"),
                                              "--full-phone"], Action.EXPORT_FULL),
    "certificates": Case(lambda s, t: ["certificates", "--course", "C0002", "--all-eligible",
                                       "--at", SCHOOL_AT, "--out", str(t / "c.pdf"),
                                       "--passphrase-stdin"],
                         Action.CERTIFICATE_ISSUE, passphrase=True),
    "staff add": Case(lambda s, t: ["staff", "add", "kim", "--name", "金", "--role", "desk"],
                      Action.STAFF, new_password=True),
    "staff reset": Case(lambda s, t: ["staff", "reset", "desk1"], Action.STAFF,
                        new_password=True),
    "staff disable": Case(lambda s, t: ["staff", "disable", "cash"], Action.STAFF),
    "staff list": Case(lambda s, t: ["staff", "list"], Action.STAFF, audited=False),
    "audit": Case(lambda s, t: ["audit", "--limit", "5"], Action.AUDIT_VIEW, audited=False),
    "audit --out": Case(lambda s, t: ["audit", "--out", str(t / "audit.xlsx")],
                        Action.AUDIT_VIEW),
    "anonymise": Case(lambda s, t: ["anonymise", "--learner", s.paid_code], Action.ANONYMISE),
    "retention": Case(lambda s, t: ["retention", "--years", "3"], Action.RETENTION, audited=False),
    "retention --apply": Case(lambda s, t: ["retention", "--years", "3", "--apply"],
                              Action.RETENTION),
    "backup": Case(lambda s, t: ["backup", "--to", str(t / "backups")], Action.EXPORT_FULL),
    "restore --yes": Case(lambda s, t: ["restore", str(s.import_file.with_name("template.sqlite3")),
                                        "--yes"], Action.SETTINGS),
    "report at-risk --out": Case(lambda s, t: ["report", "at-risk", "--at", SCHOOL_AT,
                                               "--out", str(t / "risk.xlsx")],
                                 Action.EXPORT_MASKED),
    "report at-risk --full-phone": Case(lambda s, t: ["report", "at-risk", "--at", SCHOOL_AT,
                                                      "--full-phone"], Action.EXPORT_FULL),
    "report no-shows --full-phone": Case(lambda s, t: ["report", "no-shows", "--full-phone"],
                                         Action.EXPORT_FULL),
    "report followups --full-phone": Case(lambda s, t: ["report", "followups", "--at",
                                                        SCHOOL_AT, "--full-phone"],
                                          Action.EXPORT_FULL),
    "finish-course": Case(lambda s, t: ["finish-course", "--course", "C0003"],
                          Action.COURSE_FINISH),
    "export-verification-page": Case(lambda s, t: ["export-verification-page", "--out",
                                                   str(t / "page")], Action.CERTIFICATE_REVOKE),
    "report attendance --learner": Case(lambda s, t: ["report", "attendance", "--learner",
                                                      s.code, "--at", SCHOOL_AT], REPORTS,
                                        audited=False),
}
ROLES = [None, StaffRole.DESK, StaffRole.CASHIER, StaffRole.ADMIN]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> CliSchool:
    school = build_cli_school(tmp_path_factory.mktemp("cli-roles"), accounts=True)
    school.copy(school.path.with_name("template.sqlite3"))  # what restore puts back
    return school


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, int]  # per table; audit_event without sign-ins
    last_audit: int


def snapshot(path: Path) -> Snapshot:
    store = open_store(path)
    try:
        with store.read() as s:
            rows = {table.name: s.scalar(select(func.count()).select_from(table)) or 0
                    for table in Base.metadata.sorted_tables if table.name != "audit_event"}
            rows["audit_event"] = s.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action.not_in(SIGN_IN_EVENTS))) or 0
            last = s.scalar(select(func.max(AuditEvent.id))) or 0
    finally:
        store.dispose()
    return Snapshot(rows, last)


def new_audit_rows(path: Path, after: int) -> list[tuple[str, int | None, str]]:
    store = open_store(path)
    try:
        with store.read() as s:
            return [(a, staff, desk) for a, staff, desk in s.execute(
                select(AuditEvent.action, AuditEvent.staff_id, AuditEvent.desk)
                .where(AuditEvent.id > after).order_by(AuditEvent.id)).all()]
    finally:
        store.dispose()


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "unsigned")
@pytest.mark.parametrize("name", list(CASES))
def test_each_command_against_the_role_matrix(
    built: CliSchool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], name: str, role: StaffRole | None,
) -> None:
    case = CASES[name]
    school = CliSchool(**{**built.__dict__,
                          "path": built.copy(tmp_path / "school.sqlite3")})
    files = tmp_path / "out"
    files.mkdir()
    monkeypatch.delenv("FRONTDESK_USER", raising=False)
    sign_in = ["--user", USERS[role], "--password-stdin"] if role else []
    lines = [PASSWORD] if role else []
    if case.new_password:
        lines.append("new-password-2026")
    if case.passphrase:
        lines.append(PASSPHRASE)
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{x}\n" for x in lines)))
    before = snapshot(school.path)

    code = main([*case.args(school, files), "--db", str(school.path), "--lang", "en",
                 "--desk", DESK_NAME, *sign_in])

    err = capsys.readouterr().err
    allowed = role is not None and roles.allowed(role, case.action)
    if allowed:
        assert code == 0, err
        written = new_audit_rows(school.path, 0 if name == "restore --yes" else
                                 before.last_audit)
        if name == "restore --yes":  # the restored store keeps only its own last row
            written = written[-1:]
        assert {(staff, desk) for _a, staff, desk in written} == {
            (school.staff_ids[role], DESK_NAME)}, written
        own = [action for action, _s, _d in written if action not in SIGN_IN_EVENTS]
        assert bool(own) is case.audited, own
        return
    assert code == 2, err
    needed = ROLE_WORDS[roles.least_role(case.action).value]
    if role is None:  # the first step refused names no role: a later one may need more
        assert err.startswith("This school has staff accounts: sign in with --user NAME"), err
    else:
        assert f"it needs {needed} or higher" in err, err
    assert snapshot(school.path).rows == before.rows  # nothing written
    assert not any(files.iterdir())  # and no file


def commands_and_roles() -> list[tuple[str, str]]:
    """The table in the docs: each command and the least role that may run it."""
    return [(name, roles.least_role(case.action).value) for name, case in CASES.items()]
