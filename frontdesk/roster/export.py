"""The roster as an Excel workbook, for the street office and the instructors.

One row per learner and course (a learner on no course gets one row without
a course). The workbook is streamed (openpyxl write-only) into a temporary
file beside the target and renamed over it when complete, so a failure never
leaves half a file where the last good one was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from frontdesk import xlsx
from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.enrollment import course_enrollments
from frontdesk.staff import roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Course, Enrollment, Learner
from frontdesk.text import mask_phone
from frontdesk.vocab import EnrollmentStatus

# The workbook is read by Chinese-speaking staff outside FrontDesk, whatever
# language this desk's windows use, so its words are fixed here.
HEADERS = ("学员编号", "姓名", "手机", "性别", "职业", "课程", "状态", "候补顺序", "应缴")
STATUS_WORDS = {
    EnrollmentStatus.ENROLLED: "已报名",
    EnrollmentStatus.WAITLISTED: "候补",
    EnrollmentStatus.WITHDRAWN: "已退出",
    EnrollmentStatus.COMPLETED: "已结业",
}
_WIDTHS = (11, 14, 14, 6, 16, 30, 8, 9, 11)
_FORMATS = xlsx.Formats(money="#,##0.00")
_YIELD = 2000

# code, name, phone, gender, occupation, course title, status, waitlist position, fee fen
Line = tuple[str, str, str | None, str, str, str, EnrollmentStatus | None, int | None, int | None]


Progress = Callable[[int, int], bool]
_PROGRESS_EVERY = 1000


def export_roster(
    session: Session, path: str | Path, *, course_id: int | None = None, full_phone: bool,
    progress: Progress | None = None, actor: Actor | None = None,
) -> int:
    """Write the roster (or one course's list) to the .xlsx file ``path``.

    Phones are masked (138****5678) unless ``full_phone``. Returns the number
    of rows written below the header. ``progress(done, total)`` is called
    every thousand rows; returning False stops with ``export_cancelled``.
    Refuses with ``course_not_found`` or ``export_cannot_write``. On any
    refusal the file at ``path`` is left as it was.

    With ``actor``, a role that may not make this export is refused
    (``role_forbidden``: full phones are an admin's) before anything is
    written. The caller records a finished export with
    :func:`frontdesk.privacy.personal_data.audit_export` in a write transaction.
    """
    if actor is not None:
        roles.require(actor, roles.Action.EXPORT_FULL if full_phone else roles.Action.EXPORT_MASKED)
    if course_id is not None:
        title = get_course(session, course_id).title
        course_lines = list(_course_lines(session, course_id, title))
        lines: Iterable[Line] = course_lines
        total = len(course_lines)
    else:
        total = session.scalar(select(func.count()).select_from(_roster_query().subquery())) or 0
        lines = _roster_lines(session)
    return _write(Path(path), lines, full_phone, _Ticker(progress, total))


class _Ticker:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total = progress, total

    def __call__(self, done: int) -> None:
        if self.progress is None:
            return
        if (done % _PROGRESS_EVERY == 0 or done == self.total) and self.progress(
            done, self.total
        ) is False:
            raise DomainError("export_cancelled", done=done, total=self.total)


def _course_lines(session: Session, course_id: int, title: str) -> Iterator[Line]:
    # The course's own order: seated by name, then the waiting list in turn.
    rows = course_enrollments(session, course_id)
    query = (
        select(Learner.id, Learner.gender, Learner.occupation)
        .join(Enrollment, Enrollment.learner_id == Learner.id)
        .where(Enrollment.course_id == course_id)
    )
    extra = {learner_id: (g, o) for learner_id, g, o in session.execute(query)}
    for r in rows:
        gender, occupation = extra.get(r.learner_id, ("", ""))
        yield (r.learner_code, r.learner_name, r.phone, gender, occupation, title, r.status,
               r.waitlist_position, r.fee_due_fen)


def _waitlist_positions(session: Session) -> dict[int, int]:
    """Enrollment id -> place on its course's waiting list (1 moves up next)."""
    query = (
        select(Enrollment.id, Enrollment.course_id)
        .where(Enrollment.status == EnrollmentStatus.WAITLISTED)
        .order_by(Enrollment.course_id, Enrollment.waitlisted_at, Enrollment.id)
    )
    positions: dict[int, int] = {}
    course, place = None, 0
    for enrollment_id, course_id in session.execute(query):
        place = place + 1 if course_id == course else 1
        course = course_id
        positions[enrollment_id] = place
    return positions


_RosterRow = Select[str, str, str | None, str, str, str, EnrollmentStatus, int, int]


def _roster_query() -> _RosterRow:
    # Course and enrollment columns are NULL for a learner on no course.
    return (
        select(Learner.code, Learner.name, Learner.phone, Learner.gender, Learner.occupation,
               Course.title, Enrollment.status, Enrollment.id, Enrollment.fee_due_fen)
        .select_from(Learner)
        .outerjoin(Enrollment, Enrollment.learner_id == Learner.id)
        .outerjoin(Course, Course.id == Enrollment.course_id)
        .where(Learner.anonymised_at.is_(None))
    )


def _roster_lines(session: Session) -> Iterator[Line]:
    positions = _waitlist_positions(session)
    query = (
        _roster_query()
        .order_by(Learner.pinyin, Learner.id, Enrollment.created_at, Enrollment.id)
        .execution_options(yield_per=_YIELD)
    )
    for code, name, phone, gender, occupation, title, status, enrollment_id, fee in (
        session.execute(query)
    ):
        position = positions.get(enrollment_id) if enrollment_id is not None else None
        yield code, name, phone, gender, occupation, title or "", status, position, fee


def _cells(line: Line, full_phone: bool) -> list[Any]:
    code, name, phone, gender, occupation, title, status, position, fee = line
    shown_phone = (phone or "") if full_phone else mask_phone(phone)
    yuan = None if fee is None or status is None else Decimal(fee).scaleb(-2)
    return [code, name, shown_phone, gender, occupation, title,
            STATUS_WORDS.get(status, "") if status else "", position, yuan]


def _write(target: Path, lines: Iterable[Line], full_phone: bool, tick: _Ticker) -> int:
    def fill(book: Any) -> int:
        sheet = xlsx.add_sheet(book, "学员名单", HEADERS, _WIDTHS, bold_header=False)
        count = 0
        for line in lines:
            xlsx.add_row(sheet, _cells(line, full_phone), _FORMATS)
            count += 1
            tick(count)
        return count

    try:
        return xlsx.save_atomically(target, fill)
    except OSError as exc:
        # e.g. the old file is open in Excel (Windows refuses the rename)
        raise DomainError("export_cannot_write", path=str(target),
                          detail=exc.strerror or str(exc)) from exc
