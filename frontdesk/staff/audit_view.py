"""Reading the audit trail: filtered pages for the audit window, and an .xlsx export.

The trail itself is written by :mod:`frontdesk.staff.audit` and is
append-only in the store. Pages are newest first and keyed on the event id,
so paging through a busy trail never skips or repeats a row while desks keep
adding to it. Viewing the trail is an admin's (``roles.Action.AUDIT_VIEW``):
the windows show it only to admins, and :func:`export_audit` refuses others.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from frontdesk import xlsx
from frontdesk.errors import DomainError
from frontdesk.settings import load_settings
from frontdesk.staff import roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import AuditEvent, AuditPersonal, Learner, Staff

PAGE = 200
MAX_PAGE = 1000
# Read by Chinese-speaking staff outside FrontDesk, so fixed here (as the roster export).
HEADERS = ("编号", "时间", "工作人员", "前台", "操作", "对象", "对象编号", "学员编号", "学员",
           "变更前", "变更后")
_WIDTHS = (8, 20, 12, 10, 24, 12, 9, 11, 14, 40, 40)
# Seconds matter in a trail; a name typed as "=..." stays text, not a formula.
_FORMATS = xlsx.Formats(moment="yyyy-mm-dd hh:mm:ss")


@dataclass(frozen=True)
class AuditFilter:
    """Which events: ``since`` inclusive, ``until`` exclusive (aware datetimes)."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None
    staff_id: int | None = None
    learner_id: int | None = None
    action_prefix: str | None = None  # "ledger." or one action, "staff.sign_in_failed"

    def conditions(self) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if self.since is not None:
            where.append(AuditEvent.at >= self.since)
        if self.until is not None:
            where.append(AuditEvent.at < self.until)
        if self.staff_id is not None:
            where.append(AuditEvent.staff_id == self.staff_id)
        if self.learner_id is not None:
            where.append(AuditEvent.learner_id == self.learner_id)
        if self.action_prefix:
            # autoescape: "_" in "sign_in" is a letter here, not LIKE's wildcard
            where.append(AuditEvent.action.startswith(self.action_prefix, autoescape=True))
        return where


@dataclass(frozen=True)
class AuditRow:
    """One event as the audit window shows it."""

    id: int
    at: dt.datetime
    staff_id: int | None
    staff_name: str  # "" for events before sign-in existed, or of an unknown user
    desk: str
    action: str
    entity: str
    entity_id: int | None
    learner_id: int | None
    learner_code: str
    learner_name: str  # as the roster has it now ("已匿名-…" once anonymised)
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _parse(raw: str | None) -> dict[str, Any] | None:
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return {"text": raw}
    return value if isinstance(value, dict) else {"value": value}


def _page(session: Session, where: AuditFilter, after_id: int | None,
          limit: int) -> list[AuditRow]:
    query = (select(AuditEvent, Staff.display_name, Learner.code, Learner.name,
                    AuditPersonal.data)
             .outerjoin(Staff, Staff.id == AuditEvent.staff_id)
             .outerjoin(AuditPersonal, AuditPersonal.digest == AuditEvent.personal_digest)
             .outerjoin(Learner, Learner.id == AuditEvent.learner_id)
             .where(*where.conditions()))
    if after_id is not None:
        query = query.where(AuditEvent.id < after_id)
    rows = session.execute(query.order_by(AuditEvent.id.desc()).limit(limit))
    rows_out = []
    for e, staff, code, name, personal in rows:
        apart = json.loads(personal) if personal else {}
        rows_out.append(AuditRow(
            e.id, e.at, e.staff_id, staff or "", e.desk, e.action, e.entity, e.entity_id,
            e.learner_id, code or "", name or "", _merge(_parse(e.before), apart.get("before")),
            _merge(_parse(e.after), apart.get("after"))))
    return rows_out


def _merge(chained: dict[str, Any] | None,
           personal: dict[str, Any] | None) -> dict[str, Any] | None:
    """The event's values with its personal ones put back (erased ones stay marked)."""
    if chained is None or not personal:
        return chained
    return {k: personal.get(k, v) for k, v in chained.items()}


def audit_events(
    session: Session, *, since: dt.datetime | None = None, until: dt.datetime | None = None,
    staff_id: int | None = None, learner_id: int | None = None,
    action_prefix: str | None = None, after_id: int | None = None, limit: int = PAGE,
) -> list[AuditRow]:
    """One page of events matching every filter given, newest first.

    For the next page pass the last row's id as ``after_id`` (the rows after
    it in this order, i.e. older ones). ``limit`` is 1 to 1000.
    """
    if not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be 1..{MAX_PAGE}, not {limit}")
    where = AuditFilter(since, until, staff_id, learner_id, action_prefix)
    return _page(session, where, after_id, limit)


def audit_actions(session: Session) -> list[str]:
    """Every action the trail holds, sorted (for the window's action filter)."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def _all_rows(session: Session, where: AuditFilter) -> Iterator[AuditRow]:
    after_id: int | None = None
    while True:
        page = _page(session, where, after_id, MAX_PAGE)
        yield from page
        if len(page) < MAX_PAGE:
            return
        after_id = page[-1].id


# Export ----------------------------------------------------------------------

def export_audit(session: Session, path: str | Path, where: AuditFilter, actor: Actor) -> int:
    """Write the matching events, newest first, to the .xlsx file ``path`` (admin).

    Times are in the school's zone. The file is written beside ``path`` and
    renamed over it when complete, so a failure (``audit_export_cannot_write``)
    leaves the old file as it was. Returns the number of events written. The
    caller then records the export with :func:`frontdesk.privacy.personal_data.audit_export`
    (kind ``audit``).
    """
    roles.require(actor, roles.Action.AUDIT_VIEW)
    target = Path(path)
    tz = load_settings(session).tz()
    try:
        return xlsx.save_atomically(target, lambda book: _fill(book, _all_rows(session, where), tz))
    except OSError as exc:
        raise DomainError("audit_export_cannot_write", path=str(target),
                          detail=exc.strerror or str(exc)) from exc


def _text(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _cells(row: AuditRow, tz: dt.tzinfo) -> list[Any]:
    local = row.at.astimezone(tz).replace(tzinfo=None)  # Excel has no time zones
    return [row.id, local, row.staff_name, row.desk, row.action, row.entity, row.entity_id,
            row.learner_code, row.learner_name, _text(row.before), _text(row.after)]


def _fill(book: Any, rows: Iterator[AuditRow], tz: dt.tzinfo) -> int:
    sheet = xlsx.add_sheet(book, "操作记录", HEADERS, _WIDTHS, bold_header=False)
    count = 0
    for row in rows:
        xlsx.add_row(sheet, _cells(row, tz), _FORMATS)
        count += 1
    return count
