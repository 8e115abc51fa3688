"""Sign-up sheets as files: reading them, and what each row says.

* :func:`read_sheet` reads an .xlsx or .csv as 问卷星, 腾讯问卷 or Excel save
  them (UTF-8, UTF-8 with BOM, GBK/GB18030, UTF-16; comma, tab or semicolon)
  and finds the columns by their headers, in Chinese or English.
* :func:`clean_row` reads one row as the learner dialog reads what is typed
  (``roster.clean_learner``), with every problem the row has on its own.

Nothing here looks at the store: that is ``importer``'s part.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontdesk.errors import DomainError
from frontdesk.roster.learners import CleanLearner, LearnerInput, clean_learner
from frontdesk.text import normalise_mobile, scrub_name

# Reading the file ----------------------------------------------------------


class Column(enum.StrEnum):
    NAME = "name"
    PHONE = "phone"
    GENDER = "gender"
    OCCUPATION = "occupation"
    NOTE = "note"
    COURSE = "course"
    CONSENT = "consent"


# Header words as sign-up forms write them; compared after _header_key().
_SYNONYMS: dict[Column, tuple[str, ...]] = {
    Column.NAME: ("姓名", "学员姓名", "您的姓名", "你的姓名", "真实姓名", "名字", "name",
                  "full name", "learner name", "student name"),
    Column.PHONE: ("手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "联系方式",
                   "您的手机号", "phone", "mobile", "mobile phone", "phone number", "tel"),
    Column.GENDER: ("性别", "gender", "sex"),
    Column.OCCUPATION: ("职业", "行业", "所在行业", "工作", "occupation", "job", "industry"),
    Column.NOTE: ("备注", "说明", "note", "notes", "remark", "remarks"),
    Column.COURSE: ("课程", "课程名称", "报名课程", "课程编号", "课程代码", "course",
                    "course code", "course title"),
    Column.CONSENT: ("同意回访", "是否同意回访", "回访", "consent", "follow-up consent"),
}
_QUESTION_NUMBER = re.compile(r"^(?:q?\d{1,3}\s*[、.:)\]]\s*)")
_REQUIRED = ("(必填)", "(必选)", "(required)", "*", ":")
_HEADER_SCAN_ROWS = 10  # a title row or two may sit above the header


def _header_key(text: object) -> str:
    """A header as compared: full-width folded, no case, no spaces, no
    question number ("1、"), no trailing colon or （必填）."""
    key = unicodedata.normalize("NFKC", str(text or "")).casefold()
    key = re.sub(r"\s+", "", key)
    key = _QUESTION_NUMBER.sub("", key)
    while True:  # marks may come in any order: "手机*：", "手机：（必填）"
        stripped = key.removeprefix("*")
        for mark in _REQUIRED:
            stripped = stripped.removesuffix(mark)
        if stripped == key:
            return key
        key = stripped


_HEADER_INDEX: dict[str, Column] = {
    _header_key(word): column for column, words in _SYNONYMS.items() for word in words
}


def column_for_header(text: object) -> Column | None:
    """The column a header names ("２、手机号码（必填）：" is the phone), or None."""
    return _HEADER_INDEX.get(_header_key(text))


@dataclass(frozen=True)
class Sheet:
    """A file's rows as text, with where each column of interest is."""

    kind: str  # "xlsx" or "csv"
    encoding: str | None
    delimiter: str | None
    header_row: int  # as numbered in the file, the first row is 1
    columns: Mapping[Column, int]  # column -> index in a row
    ignored: tuple[str, ...]  # headers of columns nobody reads
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cells) below the header


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number typed into a number cell
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _find_header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[Column, int], list[str]]:
    """(index of the header row, columns found, other headers); -1 when none."""
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns: dict[Column, int] = {}
        ignored: list[str] = []
        for position, cell in enumerate(row):
            column = column_for_header(cell)
            if column is not None and column not in columns:
                columns[column] = position
            elif _cell_text(cell):
                ignored.append(_cell_text(cell))
        if Column.NAME in columns:
            return index, columns, ignored
    return -1, {}, []


def _make_sheet(kind: str, raw: list[Sequence[object]], encoding: str | None = None,
                delimiter: str | None = None) -> Sheet:
    header, columns, ignored = _find_header(raw)
    if header < 0:
        first = next((row for row in raw if any(_cell_text(c) for c in row)), [])
        seen = [_cell_text(c) for c in first if _cell_text(c)]
        raise DomainError("import_no_name_column", columns="、".join(seen[:8]))
    rows = tuple(
        (number, cells)
        for number, row in enumerate(raw[header + 1 :], start=header + 2)
        if any(cells := tuple(_cell_text(c) for c in row))
    )
    if not rows:
        raise DomainError("import_empty")
    return Sheet(kind, encoding, delimiter, header + 1, columns, tuple(ignored), rows)


def read_sheet(path: str | Path) -> Sheet:
    """The rows of an .xlsx or .csv file, whatever its name says it is.

    Refuses with ``import_file_not_found``, ``import_empty``,
    ``import_old_excel`` (.xls), ``import_not_a_spreadsheet``,
    ``import_unreadable_encoding`` or ``import_no_name_column``.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise DomainError("import_file_not_found", path=str(path)) from exc
    except OSError as exc:
        raise DomainError("import_cannot_read", path=str(path), detail=exc.strerror) from exc
    if not data.strip():
        raise DomainError("import_empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: Excel 97-2003 .xls (or an old .doc)
        raise DomainError("import_old_excel")
    return _read_csv(data)


def _read_xlsx(data: bytes) -> Sheet:
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise DomainError("import_not_a_spreadsheet")  # .docx, .pptx, a plain zip
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except DomainError:
        raise
    except Exception as exc:  # a damaged archive fails in many ways inside openpyxl
        raise DomainError("import_not_a_spreadsheet") from exc
    try:
        first_error: DomainError | None = None
        for worksheet in book.worksheets:
            # Some writers record a wrong used range; read what is really there.
            worksheet.reset_dimensions()
            raw: list[Sequence[object]] = list(worksheet.iter_rows(values_only=True))
            try:
                return _make_sheet("xlsx", raw)
            except DomainError as error:
                first_error = first_error or error
        raise first_error or DomainError("import_empty")
    finally:
        book.close()


_DELIMITERS = (",", "\t", ";")


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return data.decode("utf-16"), "utf-16"
    head = data[:65536]
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 13))
    if b"\x00" in head or controls > len(head) // 100:
        raise DomainError("import_not_a_spreadsheet")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DomainError("import_unreadable_encoding")


def _read_csv(data: bytes) -> Sheet:
    text, encoding = _decode(data)
    lines = text.splitlines()[:_HEADER_SCAN_ROWS]
    best: tuple[int, str] | None = None
    for delimiter in _DELIMITERS:
        sample = list(csv.reader(lines, delimiter=delimiter))
        header, columns, ignored = _find_header(sample)
        if header >= 0:
            score = len(columns) * 100 + len(ignored)
            if best is None or score > best[0]:
                best = (score, delimiter)
    delimiter = best[1] if best else ","
    raw: list[Sequence[object]] = list(csv.reader(io.StringIO(text, newline=""),
                                                  delimiter=delimiter))
    return _make_sheet("csv", raw, encoding, delimiter)


# Cleaning one row ----------------------------------------------------------


class Level(enum.StrEnum):
    ERROR = "error"  # the row is not imported
    NOTICE = "notice"  # the row is imported; worth knowing


# Every problem a row can have: the first three are found here, the rest by
# the importer against the store.
PROBLEM_LEVELS: dict[str, Level] = {
    "missing_name": Level.ERROR,
    "name_too_long": Level.ERROR,
    "name_invisible_control": Level.ERROR,
    "invalid_phone": Level.ERROR,
    "unknown_course": Level.ERROR,
    "duplicate_in_file": Level.ERROR,
    "already_enrolled": Level.ERROR,
    "duplicate_in_store": Level.NOTICE,
    "same_learner_in_file": Level.NOTICE,
    "course_full": Level.NOTICE,
    "name_invisible_removed": Level.NOTICE,
}


@dataclass(frozen=True)
class Problem:
    code: str  # a key of PROBLEM_LEVELS and of frontdesk.messages.MESSAGES
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def level(self) -> Level:
        return PROBLEM_LEVELS[self.code]


@dataclass(frozen=True)
class RowValues:
    """One row of the file, cleaned as the learner dialog cleans what is typed."""

    row: int
    # As roster.clean_learner returns it; when it refused the row, roughly
    # cleaned (a refused row is only shown, never written).
    learner: CleanLearner
    phone_text: str  # as written, to show an invalid one
    course_texts: tuple[str, ...]
    problems: tuple[Problem, ...]  # found without the store

    @property
    def name(self) -> str:
        return self.learner.name

    @property
    def phone(self) -> str | None:
        return self.learner.phone

    @property
    def gender(self) -> str:
        return self.learner.gender

    @property
    def occupation(self) -> str:
        return self.learner.occupation

    @property
    def note(self) -> str:
        return self.learner.note

    @property
    def consent(self) -> bool:
        return self.learner.followup_consent


_GENDERS = {"男": "男", "男性": "男", "m": "男", "male": "男", "先生": "男",
            "女": "女", "女性": "女", "f": "女", "female": "女", "女士": "女"}
_YES = {"是", "同意", "愿意", "可以", "好", "yes", "y", "true", "1", "√", "✓", "✔", "ok", "agree"}
_COURSE_SEPARATORS = re.compile(r"[┋|;；\n]")  # 问卷星 joins a multiple choice with ┋


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _problem(error: DomainError) -> Problem:
    return Problem("missing_name" if error.code == "name_required" else error.code, error.details)


def clean_row(sheet: Sheet, number: int, cells: Sequence[str]) -> RowValues:
    """The row's values, cleaned by ``roster.clean_learner``, with every problem
    found (the dialog stops at the first; a file's author wants them all)."""

    def cell(column: Column) -> str:
        position = sheet.columns.get(column)
        return cells[position] if position is not None and position < len(cells) else ""

    said_gender = cell(Column.GENDER)
    data = LearnerInput(
        name=cell(Column.NAME), phone=cell(Column.PHONE),
        gender=_GENDERS.get(_fold(said_gender), said_gender[:8]),
        occupation=cell(Column.OCCUPATION), note=cell(Column.NOTE),
        followup_consent=_fold(cell(Column.CONSENT)) in _YES,
    )
    problems: list[Problem] = []
    try:
        learner = clean_learner(data)
        if learner.name_removed:
            problems.append(Problem("name_invisible_removed", {"characters": learner.name_removed}))
    except DomainError as error:
        problems.append(_problem(error))
        learner = _roughly_cleaned(data, problems, phone_checked=error.code == "invalid_phone")
    courses = tuple(t.strip() for t in _COURSE_SEPARATORS.split(cell(Column.COURSE)) if t.strip())
    return RowValues(number, learner, data.phone or "", courses, tuple(problems))


def _roughly_cleaned(data: LearnerInput, problems: list[Problem], *,
                     phone_checked: bool) -> CleanLearner:
    """What a refused row says, to show it; the phone's own problem is added
    when a name problem stopped clean_learner before it."""
    phone = None
    if not phone_checked:
        try:
            phone = normalise_mobile(data.phone)
        except DomainError as error:
            problems.append(_problem(error))
    return CleanLearner(scrub_name(data.name), phone, data.gender.strip(),
                        data.occupation.strip(), data.note, data.followup_consent)
