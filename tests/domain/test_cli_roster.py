"""``frontdesk import`` and ``frontdesk export`` as an administrator types them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from frontdesk.cli import main
from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Enrollment, Learner
from frontdesk.vocab import FeeTier

SIGNUP = [
    "1、姓名：,2、手机号码（必填）,3、报名课程",
    "张三,13912345678,PIC",
    "李四,1234,PIC",
    "王芳,13800138000,",
]


@pytest.fixture
def school(store: Store, actor: Actor, now: dt.datetime) -> Store:
    with store.write() as session:
        add_course(session, CourseInput(title="AI+图片设计", fee_tier=FeeTier.FREE, capacity=30,
                                        code="PIC"), actor, now)
        add_course(session, CourseInput(title="AI+珠宝设计", fee_tier=FeeTier.FREE, capacity=1,
                                        code="GEM"), actor, now)
        add_learner(session, LearnerInput(name="王芳", phone="13800138000"), actor, now)
    return store


def db(store: Store) -> str:
    assert store.sqlite_path is not None
    return str(store.sqlite_path)


def signup(tmp_path: Path, lines: list[str] = SIGNUP) -> str:
    path = tmp_path / "报名表.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    return str(path)


def counts(store: Store) -> tuple[int, int]:
    with store.read() as session:
        return (session.scalar(select(func.count()).select_from(Learner)) or 0,
                session.scalar(select(func.count()).select_from(Enrollment)) or 0)


def test_preview_shows_each_row_and_writes_nothing(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", db(school), "--lang", "en", "import", signup(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    # First which column feeds which field, and what is ignored.
    assert lines[:4] == ["Name <- A 1、姓名：", "Phone <- B 2、手机号码（必填）",
                         "Course <- C 3、报名课程", "Ignored columns: -"]
    lines = lines[4:]
    assert lines[0].split() == ["Row", "Name", "Phone", "Course", "Result", "Problems"]
    assert lines[1].split() == ["2", "张三", "139****5678", "AI+图片设计", "import"]
    assert lines[2].split()[:5] == ["3", "李四", "1234", "AI+图片设计", "skip"]
    assert "“1234” is not a mainland mobile number" in lines[2]
    assert lines[3].split()[:4] == ["4", "王芳", "138****8000", "import"]
    assert "Already on the roster as learner" in lines[3]
    assert ("3 rows read: 2 can be imported (1 with a notice), 0 replaced by a later answer "
            "of the same person, 1 will be skipped.") in out
    assert "Nothing was written" in out
    assert "13912345678" not in out
    assert counts(school) == (1, 0)


def test_commit_writes_the_accepted_rows(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", db(school), "--lang", "en", "--desk", "前台2", "import",
                 signup(tmp_path), "--commit"])
    out = capsys.readouterr().out
    assert code == 0
    assert ("Imported: 1 new learners, 1 already on the roster, 1 enrollments "
            "(0 on the waiting list).") in out
    assert counts(school) == (2, 1)
    with school.read() as session:
        desks = session.scalars(select(AuditEvent.desk).where(
            AuditEvent.action == "import.commit")).all()
    assert desks == ["前台2"]


def test_course_option_fills_rows_without_a_course(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = signup(tmp_path, ["姓名,手机", "张三,13912345678", "赵六,13712345678"])
    code = main(["--db", db(school), "--lang", "en", "import", path, "--course", "GEM",
                 "--commit"])
    out = capsys.readouterr().out
    assert code == 0
    assert "AI+珠宝设计 is full: this learner goes on the waiting list." in out
    assert "2 enrollments (1 on the waiting list)" in out


def test_unknown_course_option_is_refused(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", db(school), "--lang", "en", "import", signup(tmp_path), "--course",
                 "NOPE", "--commit"])
    assert code == 2
    assert "That course does not exist." in capsys.readouterr().err
    assert counts(school) == (1, 0)


def test_a_file_that_is_not_a_spreadsheet(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "报名表.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    code = main(["--db", db(school), "--lang", "en", "import", str(path), "--commit"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "This file is not a spreadsheet." in captured.err
    assert counts(school) == (1, 0)


def test_nothing_to_import_is_said_plainly(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = signup(tmp_path, ["姓名,手机", "李四,1234"])
    code = main(["--db", db(school), "--lang", "en", "import", path, "--commit"])
    assert code == 2
    assert "No row can be imported" in capsys.readouterr().err


def test_export_a_course_with_full_phones(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--db", db(school), "import", signup(tmp_path), "--commit"])
    out = tmp_path / "图片设计.xlsx"
    code = main(["--db", db(school), "--lang", "en", "export", "--out", str(out),
                 "--course", "PIC", "--full-phone"])
    assert code == 0
    assert f"Wrote 1 rows to {out}." in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    rows = [row[1:3] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert rows == [("张三", "13912345678")]


def test_export_everyone_masked(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "roster.xlsx"
    code = main(["--db", db(school), "--lang", "en", "export", "--out", str(out)])
    assert code == 0
    book = openpyxl.load_workbook(out)
    rows = [row[1:3] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert rows == [("王芳", "138****8000")]


def test_export_to_an_unknown_course_is_refused(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    code = main(["--db", db(school), "--lang", "en", "export", "--out", str(out),
                 "--course", "NOPE"])
    assert code == 2
    assert "That course does not exist." in capsys.readouterr().err
    assert not out.exists()


def test_fields_pointed_at_columns_and_course_answers_settled_on_the_command_line(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = signup(tmp_path, ["序号,姓名,紧急联系人电话,意向", "1,张三,13912345678,珠宝",
                             "2,李四,13712345678,珠宝"])
    main(["--db", db(school), "--lang", "en", "import", path])
    out = capsys.readouterr().out
    assert "Warning: No column of mobile numbers was found" in out
    assert "Warning: No column of courses was found" in out
    assert "Ignored columns: A 序号、C 紧急联系人电话、D 意向" in out
    code = main(["--db", db(school), "--lang", "en", "import", path, "--map", "手机=C",
                 "--map", "course=D", "--course-as", "珠宝=GEM", "--commit"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Phone <- C 紧急联系人电话" in out and "Course <- D 意向" in out
    assert "Chosen by hand: Phone、Course" in out
    assert "Imported: 2 new learners, 0 already on the roster, 2 enrollments (1 on the " in out
    # The same form next week maps itself.
    main(["--db", db(school), "--lang", "en", "import", path])
    out = capsys.readouterr().out
    assert "Chosen by hand: Phone、Course (remembered for this form)" in out
    code = main(["--db", db(school), "--lang", "en", "import", path, "--map", "年龄=C"])
    assert code != 0
    assert "is not a column choice" in capsys.readouterr().err


def test_a_file_mixing_encodings_is_refused_in_words(
    tmp_path: Path, school: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("姓名,手机\r\n李明0,13912345670\r\n".encode()
                     + "王芳1,13812345671\r\n".encode("gbk"))
    code = main(["--db", db(school), "import", str(path)])
    captured = capsys.readouterr()
    assert code != 0
    assert "Traceback" not in captured.err
    assert "3" in captured.err and "UTF-8" in captured.err
    assert counts(school) == (1, 0)
