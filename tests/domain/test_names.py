"""Names are clean text: one cleaning at every door, and no stored name can
break an export, a document or the terminal."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text

from frontdesk.cli import main
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.importer import commit_import, preview_import
from frontdesk.roster.learners import (
    InstructorInput,
    LearnerInput,
    add_instructor,
    add_learner,
    update_learner,
)
from frontdesk.staff.accounts import create_first_admin
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Learner
from frontdesk.text import clean_name, clean_name_reporting, printable, scrub_name
from frontdesk.vocab import FeeTier, StaffRole

# Each kind of character a pasted or typed name may carry.
REFUSED = {"BEL": "\x07", "ESC": "\x1b", "NUL": "\x00", "FS": "\x1c", "C1 NEL": "\x85",
           "C1 CSI": "\x9b", "DEL": "\x7f", "RLO": "\u202e", "LRE": "\u202a", "PDF": "\u202c",
           "LRI": "\u2066", "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069"}
REMOVED = {"ZWSP": "\u200b", "ZWNJ": "\u200c", "ZWJ": "\u200d", "word joiner": "\u2060",
           "BOM": "\ufeff", "soft hyphen": "\u00ad", "LRM": "\u200e", "RLM": "\u200f"}
KEPT = ["阿依古丽·买买提", "Zoë Łukasz", "𠀋田", "José Núñez", "欧阳 明月"]


@pytest.mark.parametrize("kind", REFUSED)
def test_control_and_bidi_characters_are_refused(kind: str) -> None:
    with pytest.raises(DomainError) as err:
        clean_name(f"吴{REFUSED[kind]}六")
    assert err.value.code == "name_invisible_control"
    assert f"U+{ord(REFUSED[kind]):04X}" in err.value.details["character"]


@pytest.mark.parametrize("kind", REMOVED)
def test_zero_width_characters_and_soft_hyphens_are_removed_and_named(kind: str) -> None:
    cleaned = clean_name_reporting(f"吴{REMOVED[kind]}六")
    assert cleaned.name == "吴六"
    assert cleaned.removed_text.startswith(f"U+{ord(REMOVED[kind]):04X}")


@pytest.mark.parametrize("name", KEPT)
def test_everything_else_is_kept_exactly(name: str) -> None:
    assert clean_name(name) == name
    # decomposed diacritics arrive composed (NFC)
    assert clean_name(unicodedata.normalize("NFD", name)) == unicodedata.normalize("NFC", name)


def test_a_cell_s_tabs_and_line_breaks_are_spacing_not_refused() -> None:
    assert clean_name(" 王芳\r\n") == "王芳"
    assert clean_name("Anna\tKim") == clean_name("Anna\r\nKim") == "Anna Kim"
    assert scrub_name("王\x1b[31m芳\u200b") == "王[31m芳"
    assert printable("王\x1b芳\u202e\n", keep="\n") == "王芳\n"


@pytest.fixture
def admin() -> Actor:
    return Actor(desk="前台1", staff_id=None, role=StaffRole.ADMIN)


@pytest.mark.parametrize("kind", [*REFUSED, *REMOVED])
def test_no_door_lets_an_invisible_character_in(store: Store, admin: Actor, now: dt.datetime,
                                                tmp_path: Path, kind: str) -> None:
    char = {**REFUSED, **REMOVED}[kind]
    name = f"吴{char}六"
    doors = {
        "learner": lambda s: add_learner(s, LearnerInput(name, "13800138000"), admin, now).name,
        "instructor": lambda s: add_instructor(s, InstructorInput(name), admin, now).name,
        "staff": lambda s: create_first_admin(s, "wu6", name, "night-school-1", now,
                                              desk="前台1").name,
    }
    for door, call in doors.items():
        if kind in REFUSED:
            with pytest.raises(DomainError, match="name_invisible_control"), store.write() as s:
                call(s)
        else:
            with store.write() as s:
                assert call(s) == "吴六", door
    # the import: the row is named, and refused or imported clean with a notice
    if char == "\x00":
        return  # a file holding NUL is not a spreadsheet: refused whole
    sheet = tmp_path / "报名表.csv"
    note = "周末班，" * 60  # a sheet of some length, as a real one
    sheet.write_text(f"姓名,手机号码,备注\n王芳,13900139000,{note}\n\"{name}\",13700137000,"
                     f"{note}\n", encoding="utf-8")
    with store.read() as s:
        result = preview_import(s, sheet)
    row = next(r for r in result.rows if r.row == 3)
    codes = [p.code for p in row.problems]
    if kind in REFUSED:
        assert "name_invisible_control" in codes and row.row not in result.accepted_rows
    else:
        assert "name_invisible_removed" in codes and row.values.name == "吴六"


def test_a_name_with_a_zero_width_space_is_the_same_person(store: Store, admin: Actor,
                                                           now: dt.datetime,
                                                           tmp_path: Path) -> None:
    with store.write() as s:
        add_learner(s, LearnerInput("张三", "13800138000"), admin, now)
    sheet = tmp_path / "报名表.csv"
    sheet.write_text("姓名,手机号码\n张\u200b三,13800138000\n李\u00ad四,13900139000\n"
                     "李四,13900139000\n", encoding="utf-8")
    with store.read() as s:
        result = preview_import(s, sheet)
    problems = {r.row: [p.code for p in r.problems] for r in result.rows}
    assert "duplicate_in_store" in problems[2]
    assert "duplicate_in_file" in problems[4] or "same_learner_in_file" in problems[4]
    with store.write() as s:
        commit_import(s, result, result.accepted_rows, admin, now, 30)
    with store.read() as s:
        names = sorted(s.scalars(select(Learner.name)))
    assert names == ["张三", "李四"]
    with pytest.raises(DomainError, match="duplicate_learner"), store.write() as s:
        add_learner(s, LearnerInput("张\ufeff三", "13800138000"), admin, now)


# Names stored before the cleaning: nothing breaks on them ------------------------


@pytest.fixture
def dirty_school(store: Store, admin: Actor, now: dt.datetime) -> tuple[Store, int, str, str]:
    with store.write() as s:
        course = add_course(s, CourseInput("AI+图片设计", FeeTier.INCLUSIVE, capacity=30,
                                           market_price_fen=100_000, code="PIC"), admin, now)
        lesson = add_lesson(s, course.id, now - dt.timedelta(minutes=30),
                            now + dt.timedelta(minutes=90), admin, now)
        learners = [add_learner(s, LearnerInput(n, f"1380013800{i}"), admin, now)
                    for i, n in enumerate(("吴六", "王芳"))]
        for learner in learners:
            enroll(s, learner.id, course.id, 30, admin, now)
        update_learner(s, learners[1].id, LearnerInput("王芳芳", "13800138001"), admin, now)
    with store.engine.begin() as conn:  # as an older release stored them
        conn.execute(text("UPDATE learner SET name = :n WHERE id = :i"),
                     {"n": "吴\u00ad\x1b[31m六\x07\u202e", "i": learners[0].id})
    return store, lesson.id, learners[0].code, "吴[31m六"


def test_exports_and_documents_never_fail_on_a_stored_name(dirty_school, tmp_path: Path,
                                                           capsys) -> None:
    store, lesson_id, code, shown = dirty_school
    db = ["--db", str(store.sqlite_path), "--lang", "en"]
    runs = {
        "roster.xlsx": ["export", "--out"],
        "audit.xlsx": ["audit", "--out"],
        "owing.xlsx": ["outstanding", "--out"],
        "grid.xlsx": ["report", "attendance", "--course", "PIC", "--out"],
        "grid.pdf": ["report", "attendance", "--course", "PIC", "--out"],
        "history.pdf": ["report", "attendance", "--learner", code, "--out"],
        "history.xlsx": ["report", "attendance", "--learner", code, "--out"],
        "cards.pdf": ["cards", "--course", "PIC", "--out"],
        "signin.pdf": ["signin-sheet", "--lesson", str(lesson_id), "--out"],
        "sheet.pdf": ["report", "attendance", "--lesson", str(lesson_id), "--out"],
    }
    for name, args in runs.items():
        target = tmp_path / name
        assert main([*db, *args, str(target)]) == 0, name
        assert target.stat().st_size > 0, name
        captured = capsys.readouterr()
        for stream in (captured.out, captured.err):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    book = openpyxl.load_workbook(tmp_path / "roster.xlsx", read_only=True)
    cells = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row]
    assert shown in cells
    history = openpyxl.load_workbook(tmp_path / "history.xlsx", read_only=True)
    assert shown in [c for row in history.worksheets[0].iter_rows(values_only=True) for c in row]


def test_the_command_line_import_names_the_row_and_the_character(store: Store, tmp_path: Path,
                                                                 capsys) -> None:
    sheet = tmp_path / "报名表.csv"
    note = "周末班，" * 60
    sheet.write_text(f"姓名,手机号码,备注\n王\u200b芳,13900139000,{note}\n"
                     f"\"吴\u202e六\",13700137000,{note}\n", encoding="utf-8")
    assert main(["--db", str(store.sqlite_path), "--lang", "en", "import", str(sheet),
                 "--commit"]) == 0
    out = capsys.readouterr().out
    assert "U+200B ZERO WIDTH SPACE" in out and "U+202E RIGHT-TO-LEFT OVERRIDE" in out
    assert "\u202e" not in out and "\u200b" not in out
    with store.read() as s:
        assert list(s.scalars(select(Learner.name))) == ["王芳"]


def test_the_command_line_staff_account_takes_a_clean_name(store: Store, capsys,
                                                           monkeypatch) -> None:
    import io
    import sys

    from frontdesk.store.models import Staff

    db = ["--db", str(store.sqlite_path), "--lang", "en"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("night-school-1\n"))
    assert main([*db, "staff", "add", "boss", "--name", "王\x1b校长", "--role", "admin",
                 "--password-stdin"]) == 2
    assert "invisible control character (U+001B)" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("night-school-1\n"))
    assert main([*db, "staff", "add", "boss", "--name", "王\u200b校长", "--role", "admin",
                 "--password-stdin"]) == 0
    assert "U+200B ZERO WIDTH SPACE" in capsys.readouterr().out
    with store.read() as s:
        assert s.scalars(select(Staff.display_name)).one() == "王校长"
