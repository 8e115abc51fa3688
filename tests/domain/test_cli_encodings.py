"""The command line on any console encoding: GBK as on a Chinese Windows,
GB18030, UTF-8, and ASCII under ``LANG=C`` (issue 20).

Every command runs in a child process whose standard output has that
encoding, as a desk's console or a school's script redirecting to a file
gives it. The check-in and the outstanding list run as ``python -m
frontdesk``; the other read-only commands run one after another in one child
per encoding, through the same entry function, to keep the matrix quick.
Nothing may raise, the output must be valid in the console's encoding, and
amounts carry a yuan sign that encoding can show.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.domain.cli_fixtures import CHECKIN, NAME, SCHOOL_AT, CliSchool, build_cli_school

# (PYTHONIOENCODING, --lang, the sign amounts carry, how 王𠀋 is printed)
CONSOLES = {
    "utf-8": ("utf-8", "zh_CN", "¥", NAME),
    "gbk": ("gbk", "zh_CN", "￥", "王\\U0002000b"),
    "gb18030": ("gb18030", "zh_CN", "￥", NAME),
    "ascii": ("ascii", None, "CNY ", "\\u738b\\U0002000b"),
}


def shown(console: str, text: str) -> str:
    """``text`` as the console shows it: what it cannot encode, escaped."""
    encoding = CONSOLES[console][0]
    return text.encode(encoding, "backslashreplace").decode(encoding)


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> CliSchool:
    return build_cli_school(tmp_path_factory.mktemp("cli-encodings"), accounts=False)


def _env(console: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONUTF8", "LC_ALL", "LC_CTYPE", "LANG", "FRONTDESK_LANG")}
    env["PYTHONIOENCODING"] = CONSOLES[console][0]
    env["LANG"] = "C" if console == "ascii" else "zh_CN.UTF-8"
    if console == "ascii":
        env["LC_ALL"] = "C"
    return env


def _lang(console: str) -> list[str]:
    lang = CONSOLES[console][1]
    return ["--lang", lang] if lang else []


def _frontdesk(console: str, db: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "frontdesk", *args, "--db", str(db),
                           *_lang(console)],
                          env=_env(console), capture_output=True, timeout=120, check=False)


def _decoded(console: str, data: bytes) -> str:
    return data.decode(CONSOLES[console][0])  # strict: the console can read every byte


@pytest.mark.parametrize("console", list(CONSOLES))
def test_checkin_prints_its_outcome_line(school: CliSchool, console: str,
                                         tmp_path: Path) -> None:
    db = school.copy(tmp_path / "school.sqlite3")
    done = _frontdesk(console, db, "checkin", school.token, *CHECKIN)
    assert b"Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, _decoded(console, done.stderr)
    outcome, late = _decoded(console, done.stdout).splitlines()
    _enc, lang, sign, name = CONSOLES[console]
    fee = f"{sign}300.00"
    if lang == "zh_CN":
        assert f"{name}（{school.code}）" in outcome and fee in outcome
    else:
        assert outcome == (f"Checked in, but {fee} is still due: {name} ({school.code}), "
                           f"{shown(console, 'AI+图片设计')}.")
        assert late == ("Entered now as a late entry (paper sign-in sheet); the grid and the "
                        "audit trail show it.")


@pytest.mark.parametrize("console", list(CONSOLES))
def test_outstanding_prints_amounts_the_console_can_show(school: CliSchool, console: str,
                                                         tmp_path: Path) -> None:
    done = _frontdesk(console, school.copy(tmp_path / "school.sqlite3"), "outstanding")
    assert done.returncode == 0, done.stderr
    lines = _decoded(console, done.stdout).splitlines()
    _enc, _language, sign, name = CONSOLES[console]
    assert lines[0] == f"C0001\t{school.code}\t{name}\t13812345678\t{sign}300.00"
    assert f"{sign}300.00" in lines[1]


@pytest.mark.parametrize("console", list(CONSOLES))
def test_a_refusal_with_an_amount(school: CliSchool, console: str, tmp_path: Path) -> None:
    db = school.copy(tmp_path / "school.sqlite3")
    done = _frontdesk(console, db, "refund", "--entry", str(school.payment_entry),
                      "--amount", "999", "--reason", "withdrawn")
    assert (done.returncode, done.stdout) == (2, b"")
    assert b"Traceback" not in done.stderr
    assert f"{CONSOLES[console][2]}300.00" in _decoded(console, done.stderr)


DRIVER = """
import json, sys
from frontdesk.cli import main
commands = json.loads(sys.argv[1])
codes = []
for args in commands:
    print("=== next command", flush=True)
    codes.append(main(args))
    sys.stdout.flush()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(codes, f)
"""


def _read_only_commands(school: CliSchool) -> list[tuple[list[str], int]]:
    at = ["--at", SCHOOL_AT]
    return [
        (["token", "--learner", school.code], 0),
        (["cashup", "--date", "2026-11-20"], 0),
        (["report", "at-risk", *at], 0),
        (["report", "no-shows"], 0),
        (["report", "followups", *at], 0),
        (["report", "attendance", "--course", "C0001", *at], 0),
        (["report", "attendance", "--learner", school.code, *at], 0),
        (["report", "attendance", "--lesson", str(school.lesson_id)], 0),
        (["certificates", "--course", "C0002", *at], 0),
        (["verify", school.token], 1),
        (["staff", "list"], 0),
        (["audit", "--limit", "5"], 0),
        (["retention", "--years", "3"], 0),
        (["import", str(school.import_file)], 0),
    ]


@pytest.mark.parametrize("console", list(CONSOLES))
def test_every_read_only_command_prints(school: CliSchool, console: str,
                                        tmp_path: Path) -> None:
    commands = _read_only_commands(school)
    db = school.copy(tmp_path / "school.sqlite3")  # token is audited: a write of its own
    argv = [[*args, "--db", str(db), *_lang(console)] for args, _code in commands]
    codes_file = tmp_path / "codes.json"
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(argv), str(codes_file)],
                          env=_env(console), capture_output=True, timeout=300, check=False)
    assert b"Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    codes = json.loads(codes_file.read_text(encoding="utf-8"))
    assert codes == [code for _args, code in commands], _decoded(console, done.stderr)
    token, cashup, *_reports, grid, history, lesson, certificates, _verify, _staff, audit, \
        _retention, sheet = _decoded(console, done.stdout).split("=== next command\n")[1:]
    _enc, _language, sign, name = CONSOLES[console]
    assert token.strip() == school.token
    assert f"{sign}300.00" in cashup
    dot, course = shown(console, "·"), shown(console, "AI+图片设计")
    assert f"{school.code}\t{name}\t{dot}\t0/1" in grid
    assert f"C0001\t{course}\tenrolled\t0/1\t{dot}\t{sign}300.00" in history
    assert f"{school.code}\t{name}" in lesson
    assert f"{school.code}  {name}  " in certificates
    assert "ledger.payment" in audit
    assert shown(console, "张𠀋") in sheet
