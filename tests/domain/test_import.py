"""Importing learners from sign-up form exports: reading, judging, committing."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster import course_answers, importer, sheet_files
from frontdesk.roster import sheet_headers as headers
from frontdesk.roster import signup_sheets as sheets
from frontdesk.roster.courses import CourseInput, add_course
from frontdesk.roster.enrollment import enroll, withdraw
from frontdesk.roster.importer import commit_import, preview_import, read_sheet
from frontdesk.roster.learners import CODE_ALPHABET, LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import AuditEvent, Base, Enrollment, Learner
from frontdesk.vocab import EnrollmentStatus, FeeTier

RATIO = 30


def write_csv(path: Path, lines: Sequence[str], encoding: str = "utf-8", sep: str = ",") -> Path:
    path.write_bytes("\r\n".join(sep.join(line.split(",")) for line in lines).encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def school(store: Store, actor: Actor, now: dt.datetime) -> Store:
    """Two courses (PIC free with room; GEM inclusive with 2 seats) and one learner."""
    with store.write() as session:
        add_course(session, CourseInput(title="AI+图片设计", fee_tier=FeeTier.FREE, capacity=30,
                                        code="PIC"), actor, now)
        add_course(session, CourseInput(title="AI+珠宝设计", fee_tier=FeeTier.INCLUSIVE,
                                        market_price_fen=100_000, capacity=2, code="GEM"),
                   actor, now)
        add_learner(session, LearnerInput(name="王芳", phone="13800138000"), actor, now)
    return store


def preview(store: Store, path: Path, **kwargs: str) -> importer.ImportPreview:
    with store.read() as session:
        return preview_import(session, path, **kwargs)


def codes(row: importer.ImportRow) -> list[str]:
    return [p.code for p in row.problems]


def count(session: Session, model: type[object]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


# Reading files ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_each_encoding_reads_the_same_names(tmp_path: Path, encoding: str) -> None:
    lines = ["姓名,手机号,职业", "张喆,13912345678,珠宝设计师", "欧阳明月,13712345678,会计"]
    if encoding in ("utf-8", "gb18030"):
        lines.append("李𠀋,13612345678,牙医")  # Extension B: not in GBK
    sheet = read_sheet(write_csv(tmp_path / "signup.csv", lines, encoding))
    values = [importer.clean_row(sheet, n, cells) for n, cells in sheet.rows()]
    assert [v.name for v in values][:2] == ["张喆", "欧阳明月"]
    assert [v.occupation for v in values][:2] == ["珠宝设计师", "会计"]
    assert values[0].phone == "13912345678"
    if len(values) == 3:
        assert values[2].name == "李𠀋"
    expected = {"utf-8": "utf-8-sig", "utf-8-sig": "utf-8-sig"}.get(encoding, "gb18030")
    assert sheet.encoding == expected


def test_utf16_text_saved_by_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("姓名\t手机\r\n张三\t13912345678\r\n".encode("utf-16"))
    sheet = read_sheet(path)
    assert tuple(sheet.rows()) == ((2, ("张三", "13912345678")),)


@pytest.mark.parametrize("sep", [",", "\t", ";"])
def test_delimiter_is_sniffed(tmp_path: Path, sep: str) -> None:
    lines = ["姓名,手机,备注", "张三,13912345678,周末有空", "李四,13712345678,"]
    sheet = read_sheet(write_csv(tmp_path / "s.csv", lines, sep=sep))
    assert sheet.delimiter == sep
    assert [cells[:2] for _n, cells in sheet.rows()] == [
        ("张三", "13912345678"), ("李四", "13712345678")]


def test_english_headers_and_synonyms_in_any_case(tmp_path: Path) -> None:
    lines = ["Full Name,MOBILE,Gender,Industry,Remarks,Course Code,Consent",
             "Anna Kowalska,+86 139-1234-5678,Female,Finance,VIP,PIC,yes"]
    sheet = read_sheet(write_csv(tmp_path / "en.csv", lines))
    v = importer.clean_row(sheet, *next(sheet.rows()))
    assert (v.name, v.phone, v.gender, v.occupation, v.note, v.course_text, v.consent) == (
        "Anna Kowalska", "13912345678", "女", "Finance", "VIP", "PIC", True)


def test_headers_as_forms_write_them_and_a_title_row_above(tmp_path: Path) -> None:
    lines = ["水贝夜校2026秋季报名表,,,,",
             "１、姓名：,2. 手机号码（必填）, 性 别 ,*报名课程,是否同意回访:",
             "张三,13912345678,男性,AI+图片设计,否",
             ",,,,",
             "李四,13712345678,女,PIC,同意"]
    sheet = read_sheet(write_csv(tmp_path / "wjx.csv", lines, "gbk"))
    assert sheet.header_row == 2
    values = [importer.clean_row(sheet, n, cells) for n, cells in sheet.rows()]
    assert [v.row for v in values] == [3, 5]  # row numbers as in the file; blank rows skipped
    assert [(v.name, v.gender, v.consent) for v in values] == [
        ("张三", "男", False), ("李四", "女", True)]
    assert values[0].course_text == "AI+图片设计"


def test_xlsx_with_number_cells_for_phones(tmp_path: Path, school: Store) -> None:
    path = write_xlsx(tmp_path / "form.xlsx", [
        ["姓名", "手机", "课程"],
        ["张三", 13912345678, "PIC"],
        ["李四", 13712345678.0, "PIC"],
        ["王五", "137 1234 0000", None],
    ])
    result = preview(school, path)
    assert result.sheet.kind == "xlsx"
    assert [(r.values.name, r.values.phone) for r in result.rows] == [
        ("张三", "13912345678"), ("李四", "13712345678"), ("王五", "13712340000")]
    assert result.accepted_rows == (2, 3, 4)


def test_xlsx_named_csv_is_read_as_xlsx(tmp_path: Path, school: Store) -> None:
    path = write_xlsx(tmp_path / "really.xlsx", [["姓名"], ["张三"]])
    renamed = path.rename(tmp_path / "looks-like.csv")
    assert preview(school, renamed).rows[0].values.name == "张三"


def docx_bytes() -> bytes:
    """A Word document: a zip, like .xlsx, without a workbook inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


PDF_LIKE = b"%PDF-1.7\n\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f" * 20


@pytest.mark.parametrize(("content", "code"), [
    (random.Random(7).randbytes(4096), "import_not_a_spreadsheet"),
    (docx_bytes(), "import_not_a_spreadsheet"),
    (b"PK\x03\x04" + b"broken zip" * 20, "import_not_a_spreadsheet"),
    (PDF_LIKE, "import_not_a_spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "import_old_excel"),
    (b"", "import_empty"),
    (b" \r\n\r\n", "import_empty"),
    ("姓名,手机\r\n".encode(), "import_empty"),
    ("学号,成绩\r\n1,90\r\n".encode(), "import_no_name_column"),
    ("姓名,手机\r\n".encode() + b"\xff\x41\xff\x42,13912345678\r\n", "import_unreadable_encoding"),
])
def test_files_that_are_not_sign_up_lists_are_refused(
    tmp_path: Path, school: Store, content: bytes, code: str
) -> None:
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    with pytest.raises(DomainError) as refused:
        preview(school, path)
    assert refused.value.code == code


def test_no_name_column_names_the_headers_it_saw(tmp_path: Path, school: Store) -> None:
    path = write_csv(tmp_path / "x.csv", ["学号,成绩", "1,90"])
    with pytest.raises(DomainError) as refused:
        preview(school, path)
    assert refused.value.details["columns"] == "A 学号、B 成绩"


def test_missing_file_is_refused(tmp_path: Path, school: Store) -> None:
    with pytest.raises(DomainError) as refused:
        preview(school, tmp_path / "gone.csv")
    assert refused.value.code == "import_file_not_found"


# Judging rows ------------------------------------------------------------------


ALL_PROBLEMS = [
    "姓名,手机,课程",
    "张三,13912345678,PIC",            # 2 fine
    ",13912340001,PIC",                # 3 missing_name
    "李四,1234,PIC",                   # 4 invalid_phone
    "赵六,13912340002,烹饪班",          # 5 unknown_course
    "王芳,13800138000,PIC",            # 6 duplicate_in_store (notice)
    "张三,13912345678,PIC",            # 7 the same person again: replaced by row 8
    "张三,13912345678,GEM",            # 8 the later answer: 张三 takes GEM, from row 2's turn
    "钱七,13912340003,GEM",            # 9 takes the last GEM seat
    "孙八,13912340004,GEM",            # 10 course_full (notice)
    "周" + "九" * 70 + ",13912340005,PIC",  # 11 name_too_long
    ",,",                              # blank: not a row
    ",12,PIC",                         # 13 missing_name and invalid_phone
]


def test_every_problem_is_found_on_its_row(tmp_path: Path, school: Store) -> None:
    result = preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    by_row = {r.row: codes(r) for r in result.rows}
    assert by_row == {
        2: ["answer_replaced"], 3: ["missing_name"], 4: ["invalid_phone"],
        5: ["unknown_course"], 6: ["duplicate_in_store"], 7: ["answer_replaced"],
        8: ["answers_merged"], 9: [], 10: ["course_full"], 11: ["name_too_long"],
        13: ["missing_name", "invalid_phone"],
    }
    # In seat order: 张三's answer (row 8) takes its turn from row 2.
    assert [r.row for r in result.rows][:3] == [8, 2, 7]
    assert result.accepted_rows == (8, 6, 9, 10)
    assert result.replaced_rows == (2, 7)
    assert result.rejected_rows == (3, 4, 5, 11, 13)
    rows = {r.row: r for r in result.rows}
    assert rows[6].learner_code is not None and rows[6].learner_id is not None
    assert dict(rows[7].problems[0].details) == {"row": 8, "name": "张三"}
    assert dict(rows[8].problems[0].details) == {"rows": "2、7", "name": "张三"}
    assert rows[10].problems[0].details["course_title"] == "AI+珠宝设计"
    assert rows[4].problems[0].details["value"] == "1234"


def test_already_enrolled_is_an_error(tmp_path: Path, school: Store, actor: Actor,
                                      now: dt.datetime) -> None:
    with school.write() as session:
        learner = session.scalars(select(Learner).where(Learner.name == "王芳")).one()
        enroll(session, learner.id, 1, RATIO, actor, now)
    result = preview(school, write_csv(tmp_path / "a.csv", ["姓名,手机,课程",
                                                           "王芳,13800138000,AI+图片设计"]))
    assert codes(result.rows[0]) == ["duplicate_in_store", "already_enrolled"]
    assert result.accepted_rows == ()


def test_several_courses_in_one_cell(tmp_path: Path, school: Store) -> None:
    result = preview(school, write_csv(tmp_path / "m.csv", ["姓名,手机,报名课程",
                                                           "张三,13912345678,PIC┋AI+珠宝设计"]))
    assert [c.code for c in result.rows[0].courses] == ["PIC", "GEM"]


def test_default_course_for_rows_that_name_none(tmp_path: Path, school: Store) -> None:
    path = write_csv(tmp_path / "d.csv", ["姓名,课程", "张三,", "李四,PIC"])
    result = preview(school, path, default_course="gem")
    assert [[c.code for c in r.courses] for r in result.rows] == [["GEM"], ["PIC"]]
    with pytest.raises(DomainError) as refused:
        preview(school, path, default_course="NOPE")
    assert refused.value.code == "course_not_found"


def test_preview_writes_nothing(tmp_path: Path, school: Store) -> None:
    preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    with school.read() as session:
        assert count(session, Learner) == 1
        assert count(session, Enrollment) == 0


# Committing ---------------------------------------------------------------------


def commit(store: Store, result: importer.ImportPreview, actor: Actor, now: dt.datetime,
           rows: Sequence[int] | None = None, **kwargs: object) -> importer.ImportResult:
    with store.write() as session:
        return commit_import(session, result, result.accepted_rows if rows is None else rows,
                             actor, now, RATIO, **kwargs)  # type: ignore[arg-type]


def test_commit_writes_exactly_the_accepted_rows(tmp_path: Path, school: Store, actor: Actor,
                                                 now: dt.datetime) -> None:
    result = preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    done = commit(school, result, actor, now)
    assert (done.learners_added, done.learners_reused, done.enrollments_added,
            done.waitlisted, done.skipped) == (3, 1, 4, 1, ())
    with school.read() as session:
        people = session.execute(select(Learner.name, Learner.phone).order_by(Learner.id)).all()
        assert [tuple(p) for p in people] == [
            ("王芳", "13800138000"), ("张三", "13912345678"), ("钱七", "13912340003"),
            ("孙八", "13912340004")]
        places = session.execute(
            select(Learner.name, Enrollment.course_id, Enrollment.status, Enrollment.fee_due_fen)
            .join(Enrollment, Enrollment.learner_id == Learner.id).order_by(Enrollment.id)
        ).all()
        assert [tuple(p) for p in places] == [
            ("张三", 2, EnrollmentStatus.ENROLLED, 30_000),
            ("王芳", 1, EnrollmentStatus.ENROLLED, 0),
            ("钱七", 2, EnrollmentStatus.ENROLLED, 30_000),
            ("孙八", 2, EnrollmentStatus.WAITLISTED, 30_000),
        ]
        actions = session.scalars(select(AuditEvent.action).where(AuditEvent.id > 3)).all()
        assert sorted(actions) == sorted(["learner.add"] * 3 + ["enrollment.add"] * 4
                                         + ["import.commit"])


def test_the_import_is_the_callers_one_transaction(tmp_path: Path, school: Store, actor: Actor,
                                                   now: dt.datetime) -> None:
    result = preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    with pytest.raises(RuntimeError), school.write() as session:
        commit_import(session, result, result.accepted_rows, actor, now, RATIO)
        raise RuntimeError("the desk lost power")
    with school.read() as session:
        assert count(session, Learner) == 1
        assert count(session, Enrollment) == 0


def big_file(path: Path, n: int) -> Path:
    lines = ["姓名,手机,课程"] + [f"学员{i},139{i:08d},PIC" for i in range(n)]
    return write_csv(path, lines)


def test_progress_is_reported_and_cancel_writes_nothing(tmp_path: Path, school: Store,
                                                        actor: Actor, now: dt.datetime) -> None:
    result = preview(school, big_file(tmp_path / "big.csv", 1200))
    calls: list[tuple[int, int]] = []

    def cancel_after_first_batch(done: int, total: int) -> bool:
        calls.append((done, total))
        return done == 0

    with pytest.raises(DomainError) as refused:
        commit(school, result, actor, now, progress=cancel_after_first_batch)
    assert refused.value.code == "import_cancelled"
    assert calls == [(0, 1200), (500, 1200)]
    with school.read() as session:
        assert count(session, Learner) == 1
        assert count(session, Enrollment) == 0
        assert count(session, AuditEvent) == 3

    calls.clear()
    commit(school, result, actor, now, progress=lambda d, t: calls.append((d, t)) or True)
    assert calls == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]


def test_ten_thousand_rows_go_in(tmp_path: Path, school: Store, actor: Actor,
                                 now: dt.datetime) -> None:
    with school.write() as session:
        add_course(session, CourseInput(title="大课", fee_tier=FeeTier.FREE, capacity=9_990,
                                        code="BIG"), actor, now)
    path = write_csv(tmp_path / "big.csv", ["姓名,手机,课程"]
                     + [f"学员{i},139{i:08d},BIG" for i in range(10_000)])
    done = commit(school, preview(school, path), actor, now)
    assert (done.learners_added, done.enrollments_added, done.waitlisted) == (10_000, 10_000, 10)
    with school.read() as session:
        codes_ = session.scalars(select(Learner.code)).all()
        assert len(set(codes_)) == 10_001
        assert all(len(c) == 7 and set(c) <= set(CODE_ALPHABET) for c in codes_)


def test_commit_judges_again_what_changed_since_the_preview(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime
) -> None:
    path = write_csv(tmp_path / "p.csv", ["姓名,手机,课程", "张三,13912345678,PIC",
                                          "李四,13712345678,GEM", "赵六,13612345678,PIC"])
    result = preview(school, path)
    assert [codes(r) for r in result.rows] == [[], [], []]
    with school.write() as session:  # another desk, meanwhile
        zhang = add_learner(session, LearnerInput(name="张三", phone="13912345678"), actor, now)
        zhao = add_learner(session, LearnerInput(name="赵六", phone="13612345678"), actor, now)
        enroll(session, zhao.id, 1, RATIO, actor, now)
        for i in range(2):
            filler = add_learner(session, LearnerInput(name=f"占位{i}"), actor, now)
            enroll(session, filler.id, 2, RATIO, actor, now)
    done = commit(school, result, actor, now)
    assert (done.learners_added, done.learners_reused, done.enrollments_added,
            done.waitlisted) == (1, 1, 2, 1)
    assert [(s.row, [p.code for p in s.problems]) for s in done.skipped] == [
        (4, ["already_enrolled"])]
    with school.read() as session:
        assert session.scalar(select(func.count()).where(Learner.name == "张三")) == 1
        statuses = session.execute(select(Enrollment.learner_id, Enrollment.status)
                                   .where(Enrollment.learner_id == zhang.id)).all()
        assert [tuple(s) for s in statuses] == [(zhang.id, EnrollmentStatus.ENROLLED)]


def test_only_rows_accepted_in_the_preview_can_be_committed(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime
) -> None:
    result = preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    for rows, code in (([2, 4], "import_row_not_acceptable"), ([99], "import_row_not_acceptable"),
                       ([], "import_nothing_accepted")):
        with pytest.raises(DomainError) as refused:
            commit(school, result, actor, now, rows=rows)
        assert refused.value.code == code


def test_committing_one_row_of_the_preview(tmp_path: Path, school: Store, actor: Actor,
                                           now: dt.datetime) -> None:
    result = preview(school, write_csv(tmp_path / "p.csv", ALL_PROBLEMS))
    done = commit(school, result, actor, now, rows=[8])  # 张三 for GEM only
    assert (done.learners_added, done.enrollments_added) == (1, 1)


def test_same_person_twice_in_a_batch_is_one_learner(tmp_path: Path, school: Store,
                                                    actor: Actor, now: dt.datetime) -> None:
    path = write_csv(tmp_path / "p.csv", ["姓名,手机,课程", "张三,13912345678,PIC",
                                          "无手机,,PIC", "张三,13912345678,GEM", "无手机,,GEM"])
    done = commit(school, preview(school, path), actor, now)
    # 张三 answered twice: one learner, with the later answer (GEM). Without a
    # phone nobody can tell two rows are one person: two learners.
    assert (done.learners_added, done.enrollments_added) == (3, 3)
    with school.read() as session:
        courses = session.scalars(select(Enrollment.course_id).join(Learner).where(
            Learner.name == "张三")).all()
    assert courses == [2]


def test_a_withdrawn_learner_signs_up_again(tmp_path: Path, school: Store, actor: Actor,
                                            now: dt.datetime) -> None:
    with school.write() as session:
        learner = session.scalars(select(Learner).where(Learner.name == "王芳")).one()
        placed = enroll(session, learner.id, 1, RATIO, actor, now)
        withdraw(session, placed.enrollment_id, actor, now)
    result = preview(school, write_csv(tmp_path / "p.csv", ["姓名,手机,课程",
                                                           "王芳,13800138000,PIC"]))
    assert codes(result.rows[0]) == ["duplicate_in_store"]
    later = now + dt.timedelta(days=1)
    done = commit(school, result, actor, later)
    assert (done.learners_added, done.learners_reused, done.enrollments_added) == (0, 1, 1)
    with school.read() as session:
        only = session.scalars(select(Enrollment)).one()
        assert (only.id, only.status, only.enrolled_at) == (
            placed.enrollment_id, EnrollmentStatus.ENROLLED, later)


# The batch path and the desk's one-at-a-time path give the same store ------------


def columns(model: type[Base], *left_out: str) -> list[str]:
    """Every column of ``model`` but those left out: a new column is compared too."""
    return [c.key for c in model.__table__.columns if c.key not in left_out]


# Codes are random, and rows refer to one another by id: compare what the ids point at.
LEARNER_COLUMNS = columns(Learner, "id", "code")
ENROLLMENT_COLUMNS = columns(Enrollment, "id", "learner_id")
AUDIT_COLUMNS = columns(AuditEvent, "id", "entity_id", "learner_id")


def snapshot(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """Learners, enrollments and audit events as a person reads them: by name."""
    with store.read() as session:
        names: dict[int, str] = dict(session.execute(select(Learner.id, Learner.name)).all())
        people = [tuple(getattr(ln, c) for c in LEARNER_COLUMNS)
                  for ln in session.scalars(select(Learner))]
        places = {e.id: e for e in session.scalars(select(Enrollment))}
        seats = [(names[e.learner_id], *(getattr(e, c) for c in ENROLLMENT_COLUMNS))
                 for e in places.values()]

        def subject(event: AuditEvent) -> object:
            if event.entity == "enrollment" and event.entity_id in places:
                place = places[event.entity_id]
                return names[place.learner_id], place.course_id
            return names.get(event.entity_id or 0) if event.entity == "learner" else None

        events = [(subject(e), names.get(e.learner_id or 0),
                   *(getattr(e, c) for c in AUDIT_COLUMNS))
                  for e in session.scalars(select(AuditEvent).where(
                      AuditEvent.action != "import.commit"))]
    return sorted(people, key=repr), sorted(seats, key=repr), sorted(events, key=repr)


def test_batch_import_matches_add_learner_and_enroll(
    tmp_path: Path, template_path: Path, actor: Actor, now: dt.datetime
) -> None:
    """The same sign-ups typed at the desk and imported from a file give the
    same learners, enrollments and audit events, column by column."""
    from tests.conftest import _copy_store

    stores = [_copy_store(template_path, tmp_path / f"{n}.sqlite3") for n in ("desk", "file")]
    people = [("张喆", "13912345678", "女", "会计", "周末", True, "GEM"),
              ("Anna Kowalska", "", "", "", "", False, "GEM"),
              ("阿依古丽·买买提", "13712345678", "女", "电商", "", True, "GEM"),
              ("李四", "13612345678", "男", "", "", False, ""),
              ("王芳", "13800138000", "", "", "", False, "GEM")]  # withdrew once: place reused
    for s in stores:
        with s.write() as session:
            add_course(session, CourseInput(title="AI+珠宝设计", fee_tier=FeeTier.INCLUSIVE,
                                            market_price_fen=99_900, capacity=2, code="GEM"),
                       actor, now)
            wang = add_learner(session, LearnerInput("王芳", "13800138000"), actor, now)
            withdraw(session, enroll(session, wang.id, 1, RATIO, actor, now).enrollment_id,
                     actor, now)
    later = now + dt.timedelta(minutes=5)
    with stores[0].write() as session:
        for name, phone, gender, job, note, consent, course in people[:-1]:
            learner = add_learner(session, LearnerInput(name, phone, gender, job, note, consent),
                                  actor, later)
            if course:
                enroll(session, learner.id, 1, RATIO, actor, later, source="import")
        enroll(session, wang.id, 1, RATIO, actor, later, source="import")
    lines = ["姓名,手机,性别,职业,备注,同意回访,课程"] + [
        ",".join([*p[:5], "是" if p[5] else "否", p[6]]) for p in people]
    result = preview(stores[1], write_csv(tmp_path / "same.csv", lines))
    commit(stores[1], result, actor, later)
    desk, file = snapshot(stores[0]), snapshot(stores[1])
    for s in stores:
        s.dispose()
    assert file == desk
    status = 1 + ENROLLMENT_COLUMNS.index("status")
    assert [seat[0] for seat in desk[1] if seat[status] is EnrollmentStatus.WAITLISTED] == [
        "王芳", "阿依古丽·买买提"]
    action = 2 + AUDIT_COLUMNS.index("action")
    assert sorted(event[action] for event in desk[2]) == sorted(
        ["course.add", "enrollment.withdraw"] + ["learner.add", "enrollment.add"] * 5)


# Properties of the reader ----------------------------------------------------------


SYNONYMS = [(field, word) for field, words in headers._EXACT.items() for word in words]


def full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@given(
    synonym=st.sampled_from(SYNONYMS),
    number=st.sampled_from(["", "1、", "12. ", "Q3.", "３、"]),
    marks=st.lists(st.sampled_from(["（必填）", "(必填)", "*", ":", "：", " "]), max_size=3),
    upper=st.booleans(), wide=st.booleans(),
)
def test_headers_match_however_a_form_decorates_them(
    synonym: tuple[importer.Field, str], number: str, marks: list[str], upper: bool, wide: bool
) -> None:
    field, word = synonym
    word = word.upper() if upper else word
    header = number + (full_width(word) if wide else word) + "".join(marks)
    assert importer.field_for_header(header) is field


def test_headers_that_are_not_ours_match_nothing() -> None:
    for header in ("序号", "所用时间", "来自IP", "姓名拼音", "紧急联系人电话", ""):
        assert importer.field_for_header(header) is None


NAME_CHARS = st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                       st.sampled_from(list("Anna Kim·,;\"'\t")))


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(st.tuples(st.text(NAME_CHARS, min_size=1, max_size=8),
                              st.integers(13_000_000_000, 19_999_999_999)),
                    min_size=1, max_size=12),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030"]),
    sep=st.sampled_from([",", "\t", ";"]),
)
def test_any_names_survive_any_encoding_and_delimiter(
    people: list[tuple[str, int]], encoding: str, sep: str
) -> None:
    import csv
    import tempfile

    from frontdesk.text import clean_name

    people = [(n, p) for n, p in people if clean_name(n)]
    assume(people)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(["姓名", "手机号码", "备注"])
    writer.writerows([(name, phone, "") for name, phone in people])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "signup.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        sheet = read_sheet(path)
        values = [importer.clean_row(sheet, n, cells) for n, cells in sheet.rows()]
    assert [(v.name, v.phone_text) for v in values] == [
        (clean_name(name), str(phone)) for name, phone in people]


def test_every_code_has_words() -> None:
    import re

    from frontdesk.messages import MESSAGES

    source = "".join(Path(module.__file__ or "").read_text(encoding="utf-8")
                     for module in (importer, sheets, headers, sheet_files, course_answers))
    source += Path(importer.__file__).with_name("export.py").read_text(encoding="utf-8")
    raised = set(re.findall(r'DomainError\(\s*"(\w+)"', source))
    assert raised | set(importer.PROBLEM_LEVELS) | set(sheets.IMPORT_WARNINGS) <= set(MESSAGES)


def test_the_waiting_list_keeps_the_order_of_the_file(tmp_path: Path, school: Store,
                                                      actor: Actor, now: dt.datetime) -> None:
    from frontdesk.roster.enrollment import course_enrollments

    path = write_csv(tmp_path / "w.csv", ["姓名,手机,课程"] + [
        f"{name},1391234567{i},GEM" for i, name in enumerate("甲乙丙丁")])
    commit(school, preview(school, path), actor, now)
    with school.read() as session:
        rows = course_enrollments(session, 2)
    waiting = [(r.learner_name, r.waitlist_position) for r in rows
               if r.status is EnrollmentStatus.WAITLISTED]
    seated = {r.learner_name for r in rows if r.status is EnrollmentStatus.ENROLLED}
    assert (seated, waiting) == ({"甲", "乙"}, [("丙", 1), ("丁", 2)])


# Encodings, size and empty rows ------------------------------------------------------


def mixed_lines(first: str, then: str) -> bytes:
    """A sign-up sheet whose rows 2-3 are in one encoding and 4-5 in another."""
    lines = [("姓名,手机", first)] + [(f"李明{i},1391234567{i}", first) for i in range(2)] + [
        (f"王芳{i},1381234567{i}", then) for i in range(2)]
    return b"\r\n".join(text.encode(encoding) for text, encoding in lines)


@pytest.mark.parametrize(("first", "then", "line", "encoding"), [
    ("utf-8", "gbk", 4, "UTF-8"),  # GBK rows pasted into a UTF-8 sheet
    ("gbk", "utf-8", 4, "GBK"),  # UTF-8 rows pasted into a GBK sheet: valid GB18030 bytes
])
def test_a_file_mixing_encodings_is_refused_at_the_first_line_that_does_not_fit(
    tmp_path: Path, school: Store, first: str, then: str, line: int, encoding: str
) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(mixed_lines(first, then))
    with pytest.raises(DomainError) as refused:
        preview(school, path)
    assert (refused.value.code, refused.value.details) == (
        "import_mixed_encoding", {"line": line, "encoding": encoding})
    from frontdesk.messages import describe

    assert "Line 4 is not in" in describe(refused.value.code, refused.value.details, "en")


def test_an_english_header_over_mixed_rows_is_refused_too(tmp_path: Path, school: Store) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("name,phone\r\n李明0,13912345670\r\n".encode()
                     + "王芳,13812345670\r\n".encode("gbk"))
    with pytest.raises(DomainError) as refused:
        preview(school, path)
    assert (refused.value.code, refused.value.details["line"]) == ("import_mixed_encoding", 3)


def test_a_gbk_file_whose_names_happen_to_be_valid_utf8_reads_as_gbk(
    tmp_path: Path, school: Store
) -> None:
    # 肖 in GBK is D0 A4, which is also UTF-8 for the Cyrillic Ф.
    path = tmp_path / "gbk.csv"
    path.write_bytes("姓名,手机\r\n肖,13912345670\r\n陈明,13912345671\r\n".encode("gbk"))
    result = preview(school, path)
    assert result.sheet.encoding == "gb18030"
    assert [r.values.name for r in result.rows] == ["肖", "陈明"]


def test_files_beyond_the_row_limit_are_refused_with_their_count(
    tmp_path: Path, school: Store, actor: Actor, now: dt.datetime
) -> None:
    import dataclasses

    from frontdesk.settings import load_settings, update_settings

    path = big_file(tmp_path / "big.csv", 1200)
    with pytest.raises(DomainError) as refused:
        preview(school, path, row_limit=1000)
    assert (refused.value.code, dict(refused.value.details)) == (
        "import_too_many_rows", {"rows": 1200, "limit": 1000})
    with school.write() as session:
        limited = dataclasses.replace(load_settings(session), import_row_limit=1199)
        update_settings(session, limited, actor, now)
    with pytest.raises(DomainError) as refused:
        preview(school, path)
    assert refused.value.details["rows"] == 1200
    xlsx = write_xlsx(tmp_path / "big.xlsx", [["姓名"]] + [[f"学员{i}"] for i in range(1200)])
    with pytest.raises(DomainError) as refused:
        preview(school, xlsx)
    assert refused.value.details == {"rows": 1200, "limit": 1199}
    assert len(preview(school, xlsx, row_limit=1200).rows) == 1200


def test_empty_rows_cost_nothing_and_are_not_counted(tmp_path: Path, school: Store) -> None:
    import time

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["张三", "13912345678"])
    for row in range(3, 200_003):  # formatted but empty, as a careless template leaves it
        sheet.cell(row=row, column=1).number_format = "@"
    book.save(tmp_path / "empty.xlsx")
    start = time.perf_counter()
    result = preview(school, tmp_path / "empty.xlsx", row_limit=10)
    assert time.perf_counter() - start < 5
    assert [r.values.name for r in result.rows] == ["张三"]
    assert result.sheet.file.data_rows == 2
