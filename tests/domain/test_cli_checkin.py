"""``frontdesk checkin``, ``token``, ``cards``, ``reissue``, ``signin-sheet`` as typed."""

from __future__ import annotations

import datetime as dt

import pytest

from frontdesk.cli import main
from frontdesk.commands.base import parse_when
from frontdesk.store.engine import Store
from tests.domain.checkin_fixtures import Evening, live_rows, make_evening

_CLOCK: list[dt.datetime] = []


@pytest.fixture
def evening(store, now, monkeypatch) -> Evening:
    # The desk's clock reads the --at of each command: scanned as it happens.
    _CLOCK[:] = [now]
    monkeypatch.setattr("frontdesk.commands.checkin.now_utc", lambda: _CLOCK[0])
    return make_evening(store, now)


def run(store: Store, *args: str) -> int:
    assert store.sqlite_path is not None
    if "--at" in args:
        _CLOCK[:] = [parse_when(args[args.index("--at") + 1])]
    return main(["--db", str(store.sqlite_path), "--lang", "en", *args])


def test_checkin_prints_the_outcome_and_exits_zero(store, evening, capsys):
    token = evening.token("王芳")
    assert run(store, "checkin", token, "--at", "2026-12-01T19:05", "--desk", "东门") == 0
    assert "Checked in: 王芳" in capsys.readouterr().out
    assert live_rows(store, evening.learners["王芳"])[0].desk == "东门"
    assert run(store, "checkin", token.lower(), "--at", "2026-12-01T19:06") == 0
    assert "Already checked in at 19:05" in capsys.readouterr().out


@pytest.mark.parametrize(("who", "at", "words"), [
    (None, "2026-12-01T19:05", "This is not a FrontDesk card."),
    ("王芳", "2026-12-01T21:30", "No lesson now for 王芳"),
    ("刘敏", "2026-12-01T19:35", "waiting list of 新媒体运营"),
    ("李强", "2026-12-01T19:05", "--choose"),
])
def test_a_refused_scan_exits_non_zero(store, evening, capsys, who, at, words):
    text = evening.token(who) if who else "hello"
    assert run(store, "checkin", text, "--at", at) == 1
    assert words in capsys.readouterr().out


def test_a_misread_card_says_scan_again_in_words_not_codes(store, evening, capsys):
    token = evening.token("王芳")
    misread = token[:-1] + ("2" if token[-1] != "2" else "3")
    for text, words in ((misread, "could not be read: scan it again"),
                        (token + token, "Two codes were read as one")):
        assert run(store, "checkin", text, "--at", "2026-12-01T19:05") == 1
        out = capsys.readouterr().out
        assert words in out
        assert "malformed" not in out and "signature" not in out and "run_together" not in out


def test_choose_and_pin_from_the_command_line(store, evening, capsys):
    token = evening.token("李强")
    lesson = str(evening.lessons["B"])
    assert run(store, "checkin", token, "--at", "2026-12-01T19:05", "--choose", lesson) == 0
    assert "¥300.00 is still due" in capsys.readouterr().out
    assert run(store, "checkin", evening.token("王芳"), "--at", "2026-12-01T19:05",
               "--lesson", lesson) == 1
    assert "not on this lesson; their course tonight is AI+营销获客" in capsys.readouterr().out


def test_token_reissue_and_the_old_card(store, evening, capsys):
    code = evening.codes["王芳"]
    assert run(store, "token", "--learner", code.lower()) == 0
    assert capsys.readouterr().out.strip() == evening.token("王芳")
    assert run(store, "reissue", "--learner", code) == 0
    out = capsys.readouterr().out
    assert "version 2" in out and evening.token("王芳", 2) in out
    assert run(store, "checkin", evening.token("王芳"), "--at", "2026-12-01T19:05") == 1
    assert "was replaced on" in capsys.readouterr().out


def test_unknown_learner_code_is_an_error(store, evening, capsys):
    assert run(store, "token", "--learner", "ZZZZZZZ") == 2
    assert "not on the roster" in capsys.readouterr().err


def test_cards_and_sign_in_sheet_files(store, evening, tmp_path, capsys):
    sheet, png = tmp_path / "cards.pdf", tmp_path / "card.png"
    assert run(store, "cards", "--course", "AI+营销获客", "--out", str(sheet)) == 0
    assert "3 cards on 1 pages" in capsys.readouterr().out
    assert sheet.read_bytes().startswith(b"%PDF")
    assert run(store, "cards", "--learner", evening.codes["王芳"], "--out", str(png)) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    assert run(store, "cards", "--course", "AI+营销获客", "--out", str(png)) == 2
    signin = tmp_path / "signin.pdf"
    assert run(store, "signin-sheet", "--lesson", str(evening.lessons["A"]),
               "--out", str(signin)) == 0
    assert signin.read_bytes().startswith(b"%PDF")


def test_close_lessons(store, evening, capsys):
    assert run(store, "close-lessons", "--at", "2026-12-01T21:10") == 0
    # A: 3, B: 2, D: 1 (赵涛 only waits); E ended at 18:30, before 孙艳 enrolled (19:05).
    assert "4 lessons closed, 6 absences recorded." in capsys.readouterr().out
