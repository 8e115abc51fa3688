"""Exporting the roster to .xlsx and reading it back as staff would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.export import HEADERS, export_roster
from frontdesk.roster.importer import commit_import, preview_import
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.vocab import FeeTier

RATIO = 30


def add_courses(store: Store, actor: Actor, now: dt.datetime) -> None:
    with store.write() as session:
        add_course(session, CourseInput(title="AI+图片设计", fee_tier=FeeTier.FREE, capacity=30,
                                        code="PIC"), actor, now)
        add_course(session, CourseInput(title="AI+珠宝设计", fee_tier=FeeTier.INCLUSIVE,
                                        market_price_fen=100_000, capacity=2, code="GEM"),
                   actor, now)


@pytest.fixture
def school(store: Store, actor: Actor, now: dt.datetime) -> Store:
    add_courses(store, actor, now)
    people = [("王芳", "13800138000", "女", "会计", [1]), ("张三", "13912345678", "男", "", [2]),
              ("李四", "13712345678", "", "牙医", [2]), ("赵六", "13612345678", "", "", [2]),
              ("钱七", None, "", "", [2]), ("孙八", "13512345678", "", "", []),
              ("周九", "13412345678", "", "", [1])]
    with store.write() as session:
        for minute, (name, phone, gender, job, courses) in enumerate(people):
            at = now + dt.timedelta(minutes=minute)
            learner = add_learner(session, LearnerInput(name, phone, gender, job), actor, at)
            for course_id in courses:
                placed = enroll(session, learner.id, course_id, RATIO, actor, at)
        withdraw(session, placed.enrollment_id, actor, now)  # 周九 leaves 图片设计
    return store


def read_back(path: Path) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path)
    try:
        sheet = book.worksheets[0]
        # Read-only mode leaves out the empty cells at the end of a row.
        return [(*row, *[None] * (len(HEADERS) - len(row)))
                for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("store.sqlite3"))


def test_roster_round_trip(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "roster.xlsx"
    with school.read() as session:
        written = export_roster(session, path, full_phone=False)
    rows = read_back(path)
    assert rows[0] == HEADERS
    assert written == len(rows) - 1 == 7
    body = [row[1:] for row in rows[1:]]  # the learner codes are random
    assert body == [  # by pinyin: li, qian, sun, wang, zhang, zhao, zhou
        ("李四", "137****5678", None, "牙医", "AI+珠宝设计", "已报名", None, 300),
        ("钱七", None, None, None, "AI+珠宝设计", "候补", 2, 300),
        ("孙八", "135****5678", None, None, None, None, None, None),
        ("王芳", "138****8000", "女", "会计", "AI+图片设计", "已报名", None, 0),
        ("张三", "139****5678", "男", None, "AI+珠宝设计", "已报名", None, 300),
        ("赵六", "136****5678", None, None, "AI+珠宝设计", "候补", 1, 300),
        ("周九", "134****5678", None, None, "AI+图片设计", "已退出", None, 0),
    ]
    assert all(len(str(row[0])) == 7 for row in rows[1:])


def test_fee_is_a_number_in_yuan_with_two_decimals(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "roster.xlsx"
    with school.read() as session:
        export_roster(session, path, full_phone=False)
    book = openpyxl.load_workbook(path)
    fee = book.worksheets[0]["I2"]
    assert (fee.value, fee.number_format) == (300, "#,##0.00")
    assert Decimal(str(fee.value)) * 100 == 30_000


def test_full_phone_only_when_asked(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "roster.xlsx"
    with school.read() as session:
        export_roster(session, path, full_phone=True)
    phones = [row[2] for row in read_back(path)[1:]]
    assert "13800138000" in phones and not any("*" in str(p) for p in phones)


def test_one_course_in_its_own_order(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "gem.xlsx"
    with school.read() as session:
        written = export_roster(session, path, course_id=2, full_phone=False)
    rows = read_back(path)[1:]
    assert written == 4
    assert [(r[1], r[6], r[7]) for r in rows] == [
        ("张三", "已报名", None), ("李四", "已报名", None),
        ("赵六", "候补", 1), ("钱七", "候补", 2)]
    with school.read() as session, pytest.raises(DomainError) as refused:
        export_roster(session, tmp_path / "none.xlsx", course_id=99, full_phone=False)
    assert refused.value.code == "course_not_found"


def test_a_failed_export_leaves_the_old_file_and_no_scraps(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"last week's roster")
    with school.read() as session, pytest.raises(DomainError) as refused:
        export_roster(session, path, full_phone=False, progress=lambda done, total: False)
    assert refused.value.code == "export_cancelled"
    assert path.read_bytes() == b"last week's roster"
    assert files(tmp_path) == ["roster.xlsx"]


def test_a_place_that_cannot_be_written(tmp_path: Path, school: Store) -> None:
    (tmp_path / "taken").mkdir()
    for target in (tmp_path / "missing" / "roster.xlsx", tmp_path / "taken"):
        with school.read() as session, pytest.raises(DomainError) as refused:
            export_roster(session, target, full_phone=False)
        assert refused.value.code == "export_cannot_write"
        assert refused.value.details["path"] == str(target)
    assert files(tmp_path) == ["taken"]


def test_an_export_imports_into_another_school(
    tmp_path: Path, school: Store, template_path: Path, actor: Actor, now: dt.datetime
) -> None:
    from tests.conftest import _copy_store

    path = tmp_path / "roster.xlsx"
    with school.read() as session:
        export_roster(session, path, full_phone=True)
    other = _copy_store(template_path, tmp_path / "other.sqlite3")
    try:
        add_courses(other, actor, now)
        with other.read() as session:
            preview = preview_import(session, path)
        columns = preview.columns
        assert [columns.headers[i] for i in columns.ignored] == ["学员编号", "状态", "候补顺序",
                                                                 "应缴"]
        assert preview.accepted_rows == (2, 3, 4, 5, 6, 7, 8)
        with other.write() as session:
            done = commit_import(session, preview, preview.accepted_rows, actor, now, RATIO)
        assert (done.learners_added, done.enrollments_added, done.waitlisted) == (7, 6, 2)
    finally:
        other.dispose()


def test_a_name_that_looks_like_a_formula_stays_text(store, actor, now, tmp_path):
    from openpyxl import load_workbook

    from frontdesk.roster.learners import LearnerInput, add_learner

    with store.write() as s:
        add_learner(s, LearnerInput('=HYPERLINK("http://x","点我")', "13811112222"), actor, now)
    target = tmp_path / "名册.xlsx"
    with store.read() as s:
        export_roster(s, target, full_phone=False)
    sheet = load_workbook(target).active
    cell = next(c for row in sheet.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=HYPERLINK"))
    assert cell.data_type == "s"
