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
bulk), courses are ``courses.course_by_code_or_title``, seats are
``enrollment.free_seats``, a place already held is ``enrollment.holds_place``.
The rows written are ``roster.learner_values`` and
``enrollment.placement_values`` with their audit events, as
``roster.add_learner`` and ``enrollment.enroll`` write them, only batched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.roster import enrollment
from frontdesk.roster import learners as roster
from frontdesk.roster.courses import course_by_code_or_title, get_course
from frontdesk.roster.signup_sheets import (
    PROBLEM_LEVELS,
    Column,
    Level,
    Problem,
    RowValues,
    Sheet,
    clean_row,
    column_for_header,
    read_sheet,
)
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Base, Course, Enrollment, Learner
from frontdesk.vocab import EnrollmentStatus

__all__ = [
    "PROBLEM_LEVELS", "Column", "CourseRef", "ImportPreview", "ImportResult", "ImportRow",
    "Level", "Problem", "Progress", "RowValues", "Sheet", "SkippedRow", "clean_row",
    "column_for_header", "commit_import", "preview_import", "read_sheet",
]

# Judging rows against the store --------------------------------------------


@dataclass(frozen=True)
class CourseRef:
    id: int
    code: str
    title: str


@dataclass(frozen=True)
class ImportRow:
    """A row as it would go in: its values, the courses and learner it names,
    and its problems. Rows with an error are not imported."""

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
        return not any(p.level is Level.ERROR for p in self.problems)


class _Place(NamedTuple):
    enrollment_id: int
    status: EnrollmentStatus


@dataclass
class _SeenInFile:
    row: int
    course_ids: set[int]


_IN_CHUNK = 500  # values per IN (...) query, well under any driver's limit


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Judge:
    """Judges rows in file order. One instance per preview or commit: it
    caches what it looked up, and earlier rows take seats and names first."""

    def __init__(self, session: Session, values: Sequence[RowValues], lock: bool) -> None:
        self.session = session
        self.lock = lock  # in a commit, courses are locked as enroll() locks them
        self.courses: dict[int, Course] = {}
        self._by_text: dict[str, Course | None] = {}
        self._free: dict[int, int] = {}
        self._seen: dict[tuple[str, str], _SeenInFile] = {}
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

    def course(self, text: str) -> Course | None:
        if text not in self._by_text:
            found = course_by_code_or_title(self.session, text)
            if found is not None:
                found = self.add_course(found.id)
            self._by_text[text] = found
        return self._by_text[text]

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

    def judge(self, v: RowValues, default: CourseRef | None) -> ImportRow:
        problems = list(v.problems)
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
        key = (v.name, v.phone) if v.phone and v.name else None
        earlier = self._seen.get(key) if key else None
        if earlier is not None:
            repeats = not courses or any(c.id in earlier.course_ids for c in courses)
            code = "duplicate_in_file" if repeats else "same_learner_in_file"
            problems.append(Problem(code, {"row": earlier.row, "name": v.name}))
        waitlisted: set[int] = set()
        if not any(p.level is Level.ERROR for p in problems):
            for c in courses:
                if not self._take_seat(c.id):
                    waitlisted.add(c.id)
                    problems.append(Problem("course_full", {"course_title": c.title}))
            if key:
                seen = self._seen.setdefault(key, _SeenInFile(v.row, set()))
                seen.course_ids.update(c.id for c in courses)
        return ImportRow(v, courses, existing.id if existing else None,
                         existing.code if existing else None, frozenset(waitlisted),
                         tuple(problems))

    def _courses_of(self, v: RowValues, default: CourseRef | None,
                    problems: list[Problem]) -> tuple[CourseRef, ...]:
        if not v.course_texts:
            if default is None:
                return ()
            self.add_course(default.id)
            return (default,)
        refs: dict[int, CourseRef] = {}
        for text in v.course_texts:
            course = self.course(text)
            if course is None:
                problems.append(Problem("unknown_course", {"value": text}))
            else:
                refs.setdefault(course.id, CourseRef(course.id, course.code, course.title))
        return tuple(refs.values())


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, row by row; nothing is written."""

    path: str
    sheet: Sheet  # how the file was read (its rows are in ``rows``)
    default_course: CourseRef | None
    rows: tuple[ImportRow, ...]

    @property
    def accepted_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if r.accepted)

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(r.row for r in self.rows if not r.accepted)


def preview_import(
    session: Session, path: str | Path, *, default_course: str | None = None
) -> ImportPreview:
    """Read ``path`` and judge every row against the store, writing nothing.

    ``default_course`` (a course code or title) is the course of rows that
    name none. File problems raise ``DomainError`` (see :func:`read_sheet`);
    row problems are in the preview's rows.
    """
    sheet = read_sheet(path)
    default = None
    if default_course:
        course = course_by_code_or_title(session, default_course)
        if course is None:
            raise DomainError("course_not_found", value=default_course)
        default = CourseRef(course.id, course.code, course.title)
    values = [clean_row(sheet, number, cells) for number, cells in sheet.rows]
    judge = _Judge(session, values, lock=False)
    rows = tuple(judge.judge(v, default) for v in values)
    return ImportPreview(str(path), replace(sheet, rows=()), default, rows)


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
    values = [by_row[n].values for n in sorted(set(accepted_rows))]
    if not values:
        raise DomainError("import_nothing_accepted")
    judge = _Judge(session, values, lock=True)
    rows = [judge.judge(v, preview.default_course) for v in values]
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
