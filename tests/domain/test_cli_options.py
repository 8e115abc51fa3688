"""The global options where people type them, and ``--demo`` with a subcommand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from frontdesk.cli import build_parser, main
from frontdesk.commands.base import currency_sign, default_desk
from frontdesk.store.engine import demo_store_path, open_store
from frontdesk.store.models import Attendance, AuditEvent
from tests.domain.cli_fixtures import CHECKIN, CliSchool, build_cli_school


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> CliSchool:
    return build_cli_school(tmp_path_factory.mktemp("cli-options"), accounts=False)


@pytest.fixture
def school(built: CliSchool, tmp_path: Path) -> CliSchool:
    built.copy(tmp_path / "school.sqlite3")
    return CliSchool(**{**built.__dict__, "path": tmp_path / "school.sqlite3"})


def test_db_after_the_subcommand(school: CliSchool, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["token", "--learner", school.code, "--db", str(school.path)]) == 0
    assert capsys.readouterr().out.strip() == school.token


@pytest.mark.parametrize("argv", [
    ["--db", "A", "--lang", "en", "--desk", "东门", "--user", "boss", "--password-stdin",
     "token", "--learner", "X"],
    ["token", "--learner", "X", "--db", "A", "--lang", "en", "--desk", "东门", "--user", "boss",
     "--password-stdin"],
    ["--db", "B", "--lang", "zh_CN", "token", "--db", "A", "--learner", "X", "--lang", "en",
     "--desk", "东门", "--user", "boss", "--password-stdin"],
])
def test_global_options_before_or_after(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert (args.db, args.lang, args.desk, args.user, args.password_stdin) == (
        "A", "en", "东门", "boss", True)


def test_global_options_after_a_nested_subcommand() -> None:
    args = build_parser().parse_args(["staff", "add", "kim", "--name", "金", "--role", "desk",
                                      "--db", "A", "--demo", "--user", "boss"])
    assert (args.db, args.demo, args.user, args.username) == ("A", True, "boss", "kim")
    args = build_parser().parse_args(["--db", "A", "report", "no-shows"])
    assert (args.db, args.demo, args.desk) == ("A", False, None)


def test_desk_after_checkin_names_the_desk(school: CliSchool,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checkin", school.token, *CHECKIN, "--db", str(school.path),
                 "--desk", "东门", "--lang", "en"]) == 0
    assert "is still due" in capsys.readouterr().out
    store = open_store(school.path)
    try:
        with store.read() as s:
            assert s.scalars(select(Attendance.desk).order_by(Attendance.id.desc())).first() \
                == "东门"
    finally:
        store.dispose()


def test_desk_defaults_to_the_computer(school: CliSchool, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("FRONTDESK_DESK", raising=False)
    monkeypatch.setattr("platform.node", lambda: "DESK-PC-" + "9" * 40)
    assert default_desk() == ("DESK-PC-" + "9" * 40)[:32]
    assert main(["checkin", school.token, *CHECKIN, "--db", str(school.path)]) == 0
    store = open_store(school.path)
    try:
        with store.read() as s:
            desk = s.scalars(select(AuditEvent.desk).order_by(AuditEvent.id.desc())).first()
    finally:
        store.dispose()
    assert desk == default_desk()
    monkeypatch.setenv("FRONTDESK_DESK", "前台3")
    assert default_desk() == "前台3"


def test_demo_with_a_subcommand_uses_the_demo_school(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = demo_store_path()
    assert not path.exists()  # the tests' own data folder
    assert main(["outstanding", "--demo", "--lang", "en"]) == 2
    assert "The demo school is not built yet: run “frontdesk --demo demo” first." \
        in capsys.readouterr().err
    assert not path.exists()
    assert main(["--demo", "--lang", "en", "demo", "--learners", "30", "--seed", "3"]) == 0
    assert f"Store: sqlite:///{path}" in capsys.readouterr().out
    assert main(["outstanding", "--demo", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "owing" in out and "¥" in out
    path.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)


@pytest.mark.parametrize(("encoding", "sign"), [
    ("utf-8", "¥"), ("UTF8", "¥"), ("gbk", "￥"), ("cp936", "￥"), ("GB18030", "￥"),
    ("gb2312", "￥"), ("ascii", "CNY "), ("latin-1", "¥"), ("cp1252", "¥"),
    ("no-such-codec", "CNY "), (None, "CNY "),
])
def test_the_yuan_sign_a_console_can_show(encoding: str | None, sign: str) -> None:
    assert currency_sign(encoding) == sign


class _WindowsConsoleIO:  # the raw stream class of a real Windows console
    pass


class _Console:
    """A text stream as a Windows console or a redirected file presents it."""

    def __init__(self, tty: bool, raw: object) -> None:
        self.tty, self.buffer = tty, type("Buffer", (), {"raw": raw})()
        self.changes: list[dict[str, str]] = []

    def isatty(self) -> bool:
        return self.tty

    def reconfigure(self, **changes: str) -> None:
        self.changes.append(changes)


@pytest.mark.parametrize(("tty", "raw", "changes"), [
    (True, _WindowsConsoleIO(), {"encoding": "utf-8", "errors": "backslashreplace"}),
    (False, object(), {"errors": "backslashreplace"}),  # redirected: the code page stays
])
def test_windows_console_takes_utf8_only_where_safe(
    monkeypatch: pytest.MonkeyPatch, tty: bool, raw: object, changes: dict[str, str]
) -> None:
    from frontdesk import cli

    out, err = _Console(tty, raw), _Console(tty, raw)
    monkeypatch.setattr(cli.sys, "platform", "win32")
    monkeypatch.setattr(cli.sys, "stdout", out)
    monkeypatch.setattr(cli.sys, "stderr", err)
    cli.prepare_console()
    assert out.changes == err.changes == [changes]
