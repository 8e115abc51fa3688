"""Sign-up sheets as files: where the header is, which column feeds which
field, and what each row says.

* :func:`read_sheet` opens an .xlsx or .csv as 问卷星, 腾讯问卷, 金数据 or
  Excel save them (``sheet_files``), finds the header row and maps its columns
  by meaning (``sheet_headers``), with the clerk's own choices on top.
* :func:`clean_row` reads one row as the learner dialog reads what is typed
  (``roster.clean_learner``), with every problem the row has on its own.

Nothing here looks at the store: that is ``importer``'s part.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontdesk.errors import DomainError
from frontdesk.roster.learners import CleanLearner, LearnerInput, clean_learner
from frontdesk.roster.sheet_files import SheetFile, open_sheet_files, sample_records
from frontdesk.roster.sheet_headers import (
    ColumnMap,
    ColumnRef,
    Field,
    auto_map,
    describe_headers,
    field_for_header,
    with_overrides,
)
from frontdesk.text import normalise_mobile, scrub_name

DEFAULT_ROW_LIMIT = 200_000

# Reading the file ----------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """A file's header and column map; :meth:`rows` reads the rows below it."""

    file: SheetFile
    header_row: int  # as numbered in the file, the first row is 1
    columns: ColumnMap
    remembered: bool = False  # hand-made choices came from an earlier import

    @property
    def kind(self) -> str:
        return self.file.kind

    @property
    def encoding(self) -> str | None:
        return self.file.encoding

    @property
    def delimiter(self) -> str | None:
        return self.file.delimiter

    def rows(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        """(row number, cells) of every row below the header holding a value."""
        for number, cells in self.file.records():
            if number > self.header_row:
                yield number, cells


Remembered = Callable[[str], Mapping[Field, ColumnRef]]


def read_sheet(path: str | Path, *, overrides: Mapping[Field, ColumnRef] | None = None,
               remembered: Remembered | None = None,
               row_limit: int = DEFAULT_ROW_LIMIT) -> Sheet:
    """The first sheet of ``path`` whose columns include the learners' names.

    Columns are mapped by their headers' meaning, then by choices remembered
    for the same headers, then by ``overrides``. Refuses as
    ``sheet_files.open_sheet_files`` does, and with ``import_no_name_column``.
    """
    first_error: DomainError | None = None
    for file in open_sheet_files(path, row_limit):
        try:
            return _mapped(file, overrides or {}, remembered)
        except DomainError as error:
            first_error = first_error or error
    raise first_error or DomainError("import_empty")


def _mapped(file: SheetFile, overrides: Mapping[Field, ColumnRef],
            remembered: Remembered | None) -> Sheet:
    sample = sample_records(file)
    if not sample:
        raise DomainError("import_empty")
    number, cells = _header_of(sample)
    found = auto_map(cells)
    kept = remembered(found.signature) if remembered else {}
    columns = with_overrides(with_overrides(found, kept), overrides)
    if Field.NAME not in columns.fields:
        raise DomainError("import_no_name_column", columns="、".join(describe_headers(cells)[:12]))
    return Sheet(file, number, columns, remembered=bool(kept))


def _header_of(sample: Sequence[tuple[int, tuple[str, ...]]]) -> tuple[int, tuple[str, ...]]:
    """The first row naming a name column; else the row naming the most fields."""
    def known(cells: Sequence[str]) -> list[Field]:
        return [f for c in cells if (f := field_for_header(c)) is not None]

    for number, cells in sample:
        if Field.NAME in known(cells):
            return number, cells
    return max(sample, key=lambda record: (len(known(record[1])), -record[0]))


# Cleaning one row ----------------------------------------------------------


class Level(enum.StrEnum):
    ERROR = "error"  # the row is not imported
    REPLACED = "replaced"  # the same person answered again later: that answer is used
    NOTICE = "notice"  # the row is imported; worth knowing


# Every problem a row can have: the first three are found here, the rest by
# the importer against the store and the rest of the file.
PROBLEM_LEVELS: dict[str, Level] = {
    "missing_name": Level.ERROR,
    "name_too_long": Level.ERROR,
    "name_invisible_control": Level.ERROR,
    "invalid_phone": Level.ERROR,
    "unknown_course": Level.ERROR,
    "course_ambiguous": Level.ERROR,
    "already_enrolled": Level.ERROR,
    "answer_replaced": Level.REPLACED,
    "answers_merged": Level.NOTICE,
    "duplicate_in_store": Level.NOTICE,
    "course_full": Level.NOTICE,
    "name_invisible_removed": Level.NOTICE,
    "course_read_as": Level.NOTICE,
    "submitted_unreadable": Level.NOTICE,
}
# Problems of the whole import, not of a row.
IMPORT_WARNINGS = ("no_phone_column", "no_course_column")


@dataclass(frozen=True)
class Problem:
    code: str  # a key of PROBLEM_LEVELS (or IMPORT_WARNINGS) and of frontdesk.messages
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def level(self) -> Level:
        return PROBLEM_LEVELS.get(self.code, Level.NOTICE)


@dataclass(frozen=True, slots=True)
class RowValues:
    """One row of the file, cleaned as the learner dialog cleans what is typed."""

    row: int
    # As roster.clean_learner returns it; when it refused the row, roughly
    # cleaned (a refused row is only shown, never written).
    learner: CleanLearner
    phone_text: str  # as written, to show an invalid one
    course_text: str  # the answer as written: one course or several
    submitted: str  # the submission time as written ("" without the column)
    submitted_at: dt.datetime | None  # read from it, in the form's own clock
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
_NO_PROBLEMS: tuple[Problem, ...] = ()


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _problem(error: DomainError) -> Problem:
    return Problem("missing_name" if error.code == "name_required" else error.code, error.details)


def clean_row(sheet: Sheet, number: int, cells: Sequence[str]) -> RowValues:
    """The row's values, cleaned by ``roster.clean_learner``, with every problem
    found (the dialog stops at the first; a file's author wants them all)."""
    fields = sheet.columns.fields

    def cell(name: Field) -> str:
        position = fields.get(name)
        return cells[position] if position is not None and position < len(cells) else ""

    said_gender = cell(Field.GENDER)
    data = LearnerInput(
        name=cell(Field.NAME), phone=cell(Field.PHONE),
        gender=_GENDERS.get(_fold(said_gender), said_gender[:8]),
        occupation=cell(Field.OCCUPATION), note=cell(Field.NOTE),
        followup_consent=_fold(cell(Field.CONSENT)) in _YES,
    )
    problems: list[Problem] = []
    try:
        learner = clean_learner(data)
        if learner.name_removed:
            problems.append(Problem("name_invisible_removed", {"characters": learner.name_removed}))
    except DomainError as error:
        problems.append(_problem(error))
        learner = _roughly_cleaned(data, problems, phone_checked=error.code == "invalid_phone")
    submitted = cell(Field.SUBMITTED)
    submitted_at = submission_time(submitted)
    if submitted and submitted_at is None:
        problems.append(Problem("submitted_unreadable", {"value": submitted}))
    return RowValues(number, learner, data.phone or "", cell(Field.COURSE), submitted,
                     submitted_at, tuple(problems) if problems else _NO_PROBLEMS)


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


_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f")


def submission_time(text: str) -> dt.datetime | None:
    """A form's submission time ("2026/11/20 9:03:15", "2026年11月20日 09:03"),
    as a naive time in the form's own clock: only its order matters."""
    if not text:
        return None
    value = unicodedata.normalize("NFKC", text).strip()
    value = re.sub(r"[年月/.]", "-", value.replace("日", " ").replace("T", " "))
    value = re.sub(r"\s+", " ", value).strip()
    for form in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(value, form)
        except ValueError:
            continue
    return None
