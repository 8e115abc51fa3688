"""Importing learners (and their enrollments) from sign-up form exports.

Three steps, each its own call:

* ``sheets.read_sheet`` reads the file and ``sheets.clean_row`` each row
  (both importable from here too).
* :func:`preview_import` judges every row against the store, read only:
  what is wrong with it (errors: the row is skipped) and what is worth
  knowing (notices: the row goes in).
* :func:`commit_import` judges the accepted rows again inside the caller's
  write transaction — someone may have added the same learner since the
  preview, and the transaction is the judge — and writes them all or none.

Every rule is the desk's, written once where the desk's call keeps it: the
same person is ``roster.find_duplicates`` (``find_duplicate``'s rule in
bulk), course answers are ``course_answers.CourseIndex``, seats are
``enrollment.free_seats``, a place already held is ``enrollment.holds_place``.
The rows written are ``roster.learner_values`` and
``enrollment.placement_values`` with their audit events, as
``roster.add_learner`` and ``enrollment.enroll`` write them, only batched.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster import enrollment
from frontdesk.roster import learners as roster
from frontdesk.roster.course_answers import CourseIndex, CourseQuestion, CourseRef
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.sheet_headers import (
    ColumnMap,
    ColumnRef,
    Field,
    column_letter,
    field_for_header,
    remembered_key,
)
from frontdesk.roster.signup_sheets import (
    PROBLEM_LEVELS,
    Level,
    Problem,
    RowValues,
    Sheet,
    clean_row,
    read_sheet,
)
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Base, Course, Enrollment, Learner, Setting
from frontdesk.vocab import EnrollmentStatus

__all__ = [
    "PROBLEM_LEVELS", "ColumnMap", "CourseQuestion", "CourseRef", "Field", "ImportPreview",
    "ImportResult", "ImportRow", "Level", "Problem", "Progress", "RowValues", "Sheet",
    "SkippedRow", "clean_row", "commit_import", "field_for_header", "preview_import",
    "read_sheet",
]

# Judging rows against the store --------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRow:
    """A row as it would go in: its values, the courses and learner it names,
    and its problems. Rows with an error, or whose person answered again
    later, are not imported."""

    values: RowValues
    courses: tuple[CourseRef, ...]
    learner_id: int | None  # the learner already on the roster, reused
    learner_code: str | None
    waitlisted: frozenset[int]  # course ids on which it goes to the waiting list
    problems: tuple[Problem, ...]

    @property
    def row(self) -> int:
        return self.values.row

    @property
    def accepted(self) -> bool:
        return not any(p.level in (Level.ERROR, Level.REPLACED) for p in self.problems)

    @property
    def replaced_by(self) -> int | None:
        """The later row of the same person whose answers are used instead."""
        return next((p.details["row"] for p in self.problems if p.code == "answer_replaced"),
                    None)


class _Place(NamedTuple):
    enrollment_id: int
    status: EnrollmentStatus


_IN_CHUNK = 500  # values per IN (...) query, well under any driver's limit
_EMPTY: frozenset[int] = frozenset()


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Judge:
    """Judges rows in seat order (first come, first served). One instance per
    preview or commit: it caches what it looked up, and earlier rows take
    seats first."""

    def __init__(self, session: Session, values: Sequence[RowValues], index: CourseIndex,
                 lock: bool) -> None:
        self.session = session
        self.index = index
        self.lock = lock  # in a commit, courses are locked as enroll() locks them
        self.courses: dict[int, Course] = {}
        self._free: dict[int, int] = {}
        self.existing = roster.find_duplicates(session, [(v.name, v.phone) for v in values])
        self.held = self._places({learner.id for learner in self.existing.values()})

    def _places(self, learner_ids: set[int]) -> dict[tuple[int, int], _Place]:
        """The enrollments the learners already have, by (learner id, course id)."""
        places: dict[tuple[int, int], _Place] = {}
        for chunk in _chunks(sorted(learner_ids), _IN_CHUNK):
            query = select(Enrollment.learner_id, Enrollment.course_id, Enrollment.id,
                           Enrollment.status).where(Enrollment.learner_id.in_(chunk))
            for learner_id, course_id, enrollment_id, status in self.session.execute(query):
                places[(learner_id, course_id)] = _Place(enrollment_id, status)
        return places

    def add_course(self, course_id: int) -> Course:
        if course_id not in self.courses:
            course = get_course(self.session, course_id, lock=self.lock)
            self.courses[course_id] = course
            self._free[course_id] = enrollment.free_seats(self.session, course)
        return self.courses[course_id]

    def _take_seat(self, course_id: int) -> bool:
        """False when the course is full: enroll() puts the learner on the waiting list."""
        if self._free[course_id] <= 0:
            return False
        self._free[course_id] -= 1
        return True

    def judge(self, v: RowValues, default: CourseRef | None,
              merged: Sequence[int] = ()) -> ImportRow:
        problems = list(v.problems)
        if merged:
            problems.append(Problem("answers_merged", {
                "rows": "、".join(str(n) for n in merged), "name": v.name}))
        courses = self._courses_of(v, default, problems)
        existing = self.existing.get((v.name, v.phone)) if v.phone else None
        if existing is not None:
            problems.append(Problem("duplicate_in_store", {"code": existing.code, "name": v.name}))
            for c in courses:
                held = self.held.get((existing.id, c.id))
                if held is not None and enrollment.holds_place(held.status):
                    problems.append(Problem("already_enrolled", {
                        "learner_name": v.name, "course_title": c.title,
                        "status": held.status.value}))
        waitlisted: set[int] = set()
        if not any(p.level is Level.ERROR for p in problems):
            for c in courses:
                if not self._take_seat(c.id):
                    waitlisted.add(c.id)
                    problems.append(Problem("course_full", {"course_title": c.title}))
        return ImportRow(v, courses, existing.id if existing else None,
                         existing.code if existing else None,
                         frozenset(waitlisted) if waitlisted else _EMPTY, tuple(problems))

    def _courses_of(self, v: RowValues, default: CourseRef | None,
                    problems: list[Problem]) -> tuple[CourseRef, ...]:
        if not v.course_text:
            if default is None:
                return ()
            self.add_course(default.id)
            return (default,)
        answer = self.index.read(v.course_text)
        problems.extend(answer.problems)
        for ref in answer.courses:
            self.add_course(ref.id)
        return answer.courses


def _seat_order(values: Sequence[RowValues]) -> list[tuple[RowValues, tuple[int, ...]]]:
    """Each person once, first come first served: (their latest answer, the rows
    it replaces), ordered by their first submission time (rows without one
    after those with one), then by row.

    The same person is the same cleaned name and phone; a row without a valid
    phone is its own person, since nobody can tell."""
    people: dict[tuple[str, str] | int, list[RowValues]] = {}
    for v in values:
        key: tuple[str, str] | int = (v.name, v.phone) if v.name and v.phone else v.row
        people.setdefault(key, []).append(v)
    order = []
    for answers in people.values():
        latest = max(answers, key=lambda a: (a.submitted_at or dt.datetime.min, a.row))
        first = min(answers, key=_when)
        earlier = tuple(sorted(a.row for a in answers if a is not latest))
        order.append((_when(first), latest, earlier))
    order.sort(key=lambda entry: entry[0])
    return [(latest, earlier) for _when_, latest, earlier in order]


def _when(v: RowValues) -> tuple[bool, dt.datetime, int]:
    return (v.submitted_at is None, v.submitted_at or dt.datetime.min, v.row)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, row by row in seat order; nothing is written."""

    path: str
    sheet: Sheet  # how the file was read and its columns mapped
    default_course: CourseRef | None
    rows: tuple[ImportRow, ...]  # in seat order; a replaced row follows its person's
    warnings: tuple[Problem, ...]  # about the whole import (IMPORT_WARNINGS)
    questions: tuple[CourseQuestion, ...]  # course answers the clerk must settle
    course_choices: Mapping[str, str] = dataclass_field(default_factory=dict)

    @property
    def accepted_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if r.accepted)

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if not r.accepted and r.replaced_by is None)

    @property
    def replaced_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if r.replaced_by is not None)

    @property
    def columns(self) -> ColumnMap:
        return self.sheet.columns


def preview_import(
    session: Session, path: str | Path, *, default_course: str | None = None,
    overrides: Mapping[Field, ColumnRef] | None = None,
    course_choices: Mapping[str, str] | None = None, row_limit: int | None = None,
) -> ImportPreview:
    """Read ``path`` and judge every row against the store, writing nothing.

    ``default_course`` (a course code or title) is the course of rows that
    name none. ``overrides`` point fields at columns by hand, on top of what
    the headers say and what was chosen by hand for the same headers before;
    ``course_choices`` settle course answers (answer text -> course code).
    File problems raise ``DomainError`` (see :func:`read_sheet`); row
    problems are in the preview's rows, the import's in its warnings.
    """
    if row_limit is None:
        from frontdesk.settings import load_settings

        row_limit = load_settings(session).import_row_limit
    sheet = read_sheet(path, overrides=overrides, row_limit=row_limit,
                       remembered=lambda signature: _remembered(session, signature))
    index = CourseIndex.of_store(session, course_choices)
    default = None
    if default_course:
        default = index.exact(default_course)
        if default is None:
            raise DomainError("course_not_found", value=default_course)
    values = [clean_row(sheet, number, cells) for number, cells in sheet.rows()]
    if not values:
        raise DomainError("import_empty")
    rows = _judged(_Judge(session, values, index, lock=False), values, default)
    return ImportPreview(str(path), sheet, default, rows, _warnings(sheet.columns, default),
                         tuple(index.questions.values()), dict(course_choices or {}))


def _judged(judge: _Judge, values: Sequence[RowValues],
            default: CourseRef | None) -> tuple[ImportRow, ...]:
    by_row = {v.row: v for v in values}
    rows: list[ImportRow] = []
    for latest, earlier in _seat_order(values):
        rows.append(judge.judge(latest, default, earlier))
        replaced = Problem("answer_replaced", {"row": latest.row, "name": latest.name})
        rows.extend(ImportRow(by_row[n], (), None, None, _EMPTY, (*by_row[n].problems, replaced))
                    for n in earlier)
    return tuple(rows)


def _warnings(columns: ColumnMap, default: CourseRef | None) -> tuple[Problem, ...]:
    warnings = []
    if Field.PHONE not in columns.fields:
        warnings.append(Problem("no_phone_column"))
    if Field.COURSE not in columns.fields and default is None:
        warnings.append(Problem("no_course_column"))
    return tuple(warnings)


def _remembered(session: Session, signature: str) -> dict[Field, ColumnRef]:
    stored = session.get(Setting, remembered_key(signature))
    if stored is None:
        return {}
    try:
        kept = json.loads(stored.value)
        return {Field(name): column for name, column in kept.items()}
    except (ValueError, AttributeError):  # a damaged setting maps nothing
        return {}


def _remember(session: Session, columns: ColumnMap) -> None:
    """Keep the hand-made choices for the next file with the same headers."""
    if not columns.by_hand:
        return
    kept = {f.value: (column_letter(columns.fields[f]) if f in columns.fields else None)
            for f in sorted(columns.by_hand)}
    key = remembered_key(columns.signature)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=json.dumps(kept)))
    else:
        row.value = json.dumps(kept)


# Writing the accepted rows ---------------------------------------------------

Progress = Callable[[int, int], bool]
_WRITE_CHUNK = 500


@dataclass(frozen=True)
class SkippedRow:
    """A row accepted in the preview that the store refused at commit time
    (e.g. someone enrolled the same learner meanwhile)."""

    row: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class ImportResult:
    learners_added: int
    learners_reused: int  # distinct learners already on the roster
    enrollments_added: int  # including those on the waiting list
    waitlisted: int
    skipped: tuple[SkippedRow, ...]


def commit_import(
    session: Session, preview: ImportPreview, accepted_rows: Collection[int], actor: Actor,
    now: dt.datetime, inclusive_ratio_pct: int, progress: Progress | None = None,
) -> ImportResult:
    """Write the rows numbered ``accepted_rows`` in the caller's transaction.

    The rows are judged again here, against the store as it is now: a learner
    added since the preview is reused, a row that has become an error is
    skipped and reported. ``progress(done, total)`` is called between batches;
    returning False raises ``import_cancelled`` so the transaction rolls back.
    """
    roles.require(actor, roles.Action.IMPORT)
    by_row = {r.row: r for r in preview.rows}
    for number in accepted_rows:
        if number not in by_row or not by_row[number].accepted:
            raise DomainError("import_row_not_acceptable", row=number)
    wanted = set(accepted_rows)
    chosen = [r for r in preview.rows if r.row in wanted]  # in the preview's seat order
    if not chosen:
        raise DomainError("import_nothing_accepted")
    index = CourseIndex.of_store(session, preview.course_choices)
    judge = _Judge(session, [r.values for r in chosen], index, lock=True)
    rows = [judge.judge(r.values, preview.default_course, _merged_rows(r)) for r in chosen]
    _remember(session, preview.columns)
    writer = _Writer(session, judge, actor, now, inclusive_ratio_pct)
    _report(progress, 0, len(rows))
    done = 0
    for chunk in _chunks(rows, _WRITE_CHUNK):
        writer.write(chunk)
        done += len(chunk)
        _report(progress, done, len(rows))
    result = writer.result()
    audit.record(session, actor, "import.commit", now, entity="import", after={
        "file": Path(preview.path).name, "rows": len(rows),
        "learners_added": result.learners_added, "learners_reused": result.learners_reused,
        "enrollments_added": result.enrollments_added, "waitlisted": result.waitlisted,
        "skipped": [s.row for s in result.skipped]})
    return result


def _merged_rows(row: ImportRow) -> tuple[int, ...]:
    merged = next((p.details["rows"] for p in row.problems if p.code == "answers_merged"), "")
    return tuple(int(n) for n in merged.split("、") if n)


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise DomainError("import_cancelled", done=done, total=total)


class _Writer:
    """Writes judged rows a batch at a time, as one multi-row INSERT per table
    and batch: one at a time, each row costs about ten statements (~2.4 ms),
    and 10,000 rows would take ~24 s."""

    def __init__(self, session: Session, judge: _Judge, actor: Actor, now: dt.datetime,
                 inclusive_ratio_pct: int) -> None:
        self.session, self.judge, self.actor, self.now = session, judge, actor, now
        self.ratio = inclusive_ratio_pct
        # Learners added by this import: by (name, phone), or by row without a phone.
        self.created: dict[tuple[str, str] | int, int] = {}
        self.added = self.enrolled = self.waitlisted = 0
        self.reused: set[int] = set()
        self.skipped: list[SkippedRow] = []

    def result(self) -> ImportResult:
        return ImportResult(self.added, len(self.reused), self.enrolled, self.waitlisted,
                            tuple(self.skipped))

    def write(self, rows: Sequence[ImportRow]) -> None:
        accepted = [r for r in rows if r.accepted]
        self.skipped.extend(
            SkippedRow(r.row, tuple(p for p in r.problems if p.level is Level.ERROR))
            for r in rows if not r.accepted)
        ids = self._add_learners([r for r in accepted if r.learner_id is None])
        self.reused.update(r.learner_id for r in accepted if r.learner_id is not None)
        self._enroll([(r, r.learner_id or ids[r.row]) for r in accepted])

    def _add_learners(self, rows: Sequence[ImportRow]) -> dict[int, int]:
        """Learner ids by row number; a person seen earlier in the file is added once."""
        person: dict[int, tuple[str, str] | int] = {}
        fresh: dict[tuple[str, str] | int, roster.CleanLearner] = {}
        for r in rows:
            key = person[r.row] = (r.values.name, r.values.phone) if r.values.phone else r.row
            if key not in self.created:
                fresh.setdefault(key, r.values.learner)
        if fresh:
            learners = list(fresh.values())
            codes = roster.new_learner_codes(self.session, len(learners))
            ids = self._insert(Learner, ("code",), [
                roster.learner_values(learner, code, self.now)
                for learner, code in zip(learners, codes, strict=True)])
            self.created.update(zip(fresh, ids, strict=True))
            audit.record_many(self.session, self.actor, self.now, [
                roster.learner_added(i, learner.name)
                for i, learner in zip(ids, learners, strict=True)])
            self.added += len(fresh)
        return {row: self.created[key] for row, key in person.items()}

    def _enroll(self, rows: Sequence[tuple[ImportRow, int]]) -> None:
        fresh: list[dict[str, Any]] = []
        events: list[audit.Event] = []
        table = _table(Enrollment)
        for r, learner_id in rows:
            for ref in r.courses:
                placement = enrollment.placement_values(
                    self.judge.courses[ref.id], full=ref.id in r.waitlisted,
                    inclusive_ratio_pct=self.ratio, now=self.now, source="import")
                self.waitlisted += ref.id in r.waitlisted
                held = self.judge.held.get((learner_id, ref.id))
                if held is None:
                    fresh.append(enrollment.new_enrollment_values(
                        learner_id, ref.id, placement, self.now))
                    continue
                # A withdrawn place (the judge refused any other): enroll() reuses it.
                self.session.execute(
                    update(table).where(table.c.id == held.enrollment_id).values(placement))
                events.append(enrollment.enrollment_added(
                    held.enrollment_id, learner_id, ref.id, placement))
        ids = self._insert(Enrollment, ("learner_id", "course_id"), fresh) if fresh else []
        events += [enrollment.enrollment_added(i, new["learner_id"], new["course_id"], new)
                   for i, new in zip(ids, fresh, strict=True)]
        audit.record_many(self.session, self.actor, self.now,
                          sorted(events, key=lambda event: event.entity_id or 0))
        self.enrolled += len(events)

    def _insert(self, model: type[Base], key: Sequence[str],
                rows: list[dict[str, Any]]) -> list[int]:
        """The ids of ``rows`` inserted into ``model``'s table, in order.

        Each is found by its ``key`` columns (unique): asking SQLite for the
        ids in row order would make SQLAlchemy insert one row at a time."""
        table = _table(model)
        query = insert(table).returning(table.c.id, *(table.c[column] for column in key))
        ids = {tuple(found[1:]): found[0] for found in self.session.execute(query, rows)}
        return [ids[tuple(row[column] for column in key)] for row in rows]


def _table(model: type[Base]) -> Table:
    # Core statements on plain rows: the ORM's bulk layer would double the time.
    table = model.__table__
    assert isinstance(table, Table)
    return table
