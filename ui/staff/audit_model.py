"""The audit trail's table: action names in the desk's words, paged rows, before → after.

A thin model over the domain's newest-first pages of events: ``fetchMore``
asks for the next page (keyed on the last event's id) as the list is
scrolled; ``data()`` only reads rows already fetched.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from frontdesk.messages import MESSAGES, QT_TRANSLATE_NOOP
from frontdesk.money import format_fen
from frontdesk.staff import actions as staff_actions
from frontdesk.staff.audit_view import AuditFilter, AuditRow
from frontdesk.vocab import PaymentMethod
from ui.kit.context import DeskContext
from ui.kit.terms import method_text
from ui.kit.words import describe_code

Index = QModelIndex | QPersistentModelIndex
PAGE = 200
DETAIL_CHARS = 160

ACTIONS = {
    "attendance.checkin": QT_TRANSLATE_NOOP("AuditPage", "Checked in"),
    "attendance.excuse": QT_TRANSLATE_NOOP("AuditPage", "Marked excused"),
    "attendance.late_entry": QT_TRANSLATE_NOOP("AuditPage",
                                               "Late entry: check-in written after the lesson"),
    "attendance.paper": QT_TRANSLATE_NOOP("AuditPage", "Paper sign-in sheet entered"),
    "attendance.standby": QT_TRANSLATE_NOOP("AuditPage", "Check-in from standby mode"),
    "attendance.void": QT_TRANSLATE_NOOP("AuditPage", "Check-in voided"),
    "cashup.close": QT_TRANSLATE_NOOP("AuditPage", "Day closed (cash-up)"),
    "certificate.design": QT_TRANSLATE_NOOP("AuditPage", "Certificate design changed"),
    "certificate.issue": QT_TRANSLATE_NOOP("AuditPage", "Certificate issued"),
    "certificate.print": QT_TRANSLATE_NOOP("AuditPage", "Certificate printed"),
    "certificate.publish": QT_TRANSLATE_NOOP("AuditPage", "Verification page exported"),
    "certificate.revoke": QT_TRANSLATE_NOOP("AuditPage", "Certificate revoked"),
    "certificate.reissue": QT_TRANSLATE_NOOP("AuditPage", "Certificate replaced"),
    "certificate.exception": QT_TRANSLATE_NOOP("AuditPage", "Certificate exception granted"),
    "certificate.exception_cleared": QT_TRANSLATE_NOOP("AuditPage",
                                                       "Certificate exception cleared"),
    "course.add": QT_TRANSLATE_NOOP("AuditPage", "Course added"),
    "course.edit": QT_TRANSLATE_NOOP("AuditPage", "Course changed"),
    "course.finished": QT_TRANSLATE_NOOP("AuditPage", "Course marked finished"),
    "course.reopened": QT_TRANSLATE_NOOP("AuditPage", "Course's finished mark taken back"),
    "enrollment.add": QT_TRANSLATE_NOOP("AuditPage", "Enrolled"),
    "enrollment.promote": QT_TRANSLATE_NOOP("AuditPage", "Moved up from the waiting list"),
    "enrollment.withdraw": QT_TRANSLATE_NOOP("AuditPage", "Withdrawn"),
    "export.roster": QT_TRANSLATE_NOOP("AuditPage", "Roster exported"),
    "export.course_roster": QT_TRANSLATE_NOOP("AuditPage", "Class list exported"),
    "export.audit": QT_TRANSLATE_NOOP("AuditPage", "Audit trail exported"),
    "import.commit": QT_TRANSLATE_NOOP("AuditPage", "Learners imported"),
    "instructor.add": QT_TRANSLATE_NOOP("AuditPage", "Instructor added"),
    "instructor.edit": QT_TRANSLATE_NOOP("AuditPage", "Instructor changed"),
    "learner.add": QT_TRANSLATE_NOOP("AuditPage", "Learner added"),
    "learner.edit": QT_TRANSLATE_NOOP("AuditPage", "Learner changed"),
    "learner.anonymise": QT_TRANSLATE_NOOP("AuditPage", "Learner anonymised"),
    "learner.card_reissue": QT_TRANSLATE_NOOP("AuditPage", "Card replaced"),
    "learner.consent": QT_TRANSLATE_NOOP("AuditPage", "Follow-up consent changed"),
    "learner.name_cleaned": QT_TRANSLATE_NOOP("AuditPage",
                                              "Invisible characters removed from a name"),
    "instructor.name_cleaned": QT_TRANSLATE_NOOP("AuditPage",
                                                 "Invisible characters removed from a name"),
    "staff.name_cleaned": QT_TRANSLATE_NOOP("AuditPage",
                                            "Invisible characters removed from a name"),
    "ledger.payment": QT_TRANSLATE_NOOP("AuditPage", "Payment"),
    "ledger.refund": QT_TRANSLATE_NOOP("AuditPage", "Refund"),
    "ledger.waiver": QT_TRANSLATE_NOOP("AuditPage", "Waiver"),
    "ledger.adjustment": QT_TRANSLATE_NOOP("AuditPage", "Adjustment"),
    "lesson.add": QT_TRANSLATE_NOOP("AuditPage", "Lesson added"),
    "lesson.close": QT_TRANSLATE_NOOP("AuditPage", "Lesson closed"),
    "lesson.edit": QT_TRANSLATE_NOOP("AuditPage", "Lesson changed"),
    "lesson.generate": QT_TRANSLATE_NOOP("AuditPage", "Weekly timetable made"),
    "outcome.record": QT_TRANSLATE_NOOP("AuditPage", "Follow-up call recorded"),
    "privacy.retention": QT_TRANSLATE_NOOP("AuditPage", "Retention: inactive learners anonymised"),
    "receipt.reprint": QT_TRANSLATE_NOOP("AuditPage", "Receipt reprinted"),
    "settings.attendance_rules": QT_TRANSLATE_NOOP("AuditPage", "Attendance rules changed"),
    "settings.attendance_rules_cleared": QT_TRANSLATE_NOOP("AuditPage",
                                                           "Attendance rules reset"),
    "settings.backup_folder": QT_TRANSLATE_NOOP("AuditPage", "Backup folder changed"),
    "settings.edit": QT_TRANSLATE_NOOP("AuditPage", "School settings changed"),
    "staff.add": QT_TRANSLATE_NOOP("AuditPage", "Staff account added"),
    "staff.change_password": QT_TRANSLATE_NOOP("AuditPage", "Own password changed"),
    "staff.disable": QT_TRANSLATE_NOOP("AuditPage", "Account disabled"),
    "staff.enable": QT_TRANSLATE_NOOP("AuditPage", "Account enabled"),
    "staff.reset_password": QT_TRANSLATE_NOOP("AuditPage", "Password reset"),
    "staff.role": QT_TRANSLATE_NOOP("AuditPage", "Role changed"),
    "staff.sign_in": QT_TRANSLATE_NOOP("AuditPage", "Signed in"),
    "staff.sign_in_failed": QT_TRANSLATE_NOOP("AuditPage", "Failed sign-in"),
    "staff.sign_out": QT_TRANSLATE_NOOP("AuditPage", "Signed out"),
    "store.backup": QT_TRANSLATE_NOOP("AuditPage", "Backup taken"),
    "store.restored": QT_TRANSLATE_NOOP("AuditPage", "Store restored from a backup"),
}

# Families of actions the filter offers above the single actions.
FAMILIES = (
    ("staff.", QT_TRANSLATE_NOOP("AuditPage", "Staff and sign-ins (all)")),
    ("ledger.", QT_TRANSLATE_NOOP("AuditPage", "Money: payments, refunds, waivers (all)")),
    ("attendance.", QT_TRANSLATE_NOOP("AuditPage", "Check-ins: voids, excused (all)")),
    ("enrollment.", QT_TRANSLATE_NOOP("AuditPage", "Enrollments (all)")),
    ("learner.", QT_TRANSLATE_NOOP("AuditPage", "Learners (all)")),
    ("certificate.", QT_TRANSLATE_NOOP("AuditPage", "Certificates (all)")),
    ("export.", QT_TRANSLATE_NOOP("AuditPage", "Exports of personal data (all)")),
)


def action_text(action: str) -> str:
    """An action code in the desk's words (the code itself when it is new to us)."""
    source = ACTIONS.get(action)
    return QCoreApplication.translate("AuditPage", str(source)) if source else action


# The fields an event keeps, in the desk's words (a field new to us shows as stored).
FIELDS = {
    "amount_fen": QT_TRANSLATE_NOOP("AuditPage", "amount"),
    "method": QT_TRANSLATE_NOOP("AuditPage", "paid by"),
    "enrollment_id": QT_TRANSLATE_NOOP("AuditPage", "enrollment no."),
    "exception": QT_TRANSLATE_NOOP("AuditPage", "exception"),
    "status": QT_TRANSLATE_NOOP("AuditPage", "status"),
    "reason": QT_TRANSLATE_NOOP("AuditPage", "reason"),
    "username": QT_TRANSLATE_NOOP("AuditPage", "user name"),
    "role": QT_TRANSLATE_NOOP("AuditPage", "role"),
    "name": QT_TRANSLATE_NOOP("AuditPage", "name"),
    "disabled": QT_TRANSLATE_NOOP("AuditPage", "disabled"),
    "lesson_id": QT_TRANSLATE_NOOP("AuditPage", "lesson no."),
    "course_id": QT_TRANSLATE_NOOP("AuditPage", "course no."),
    "code": QT_TRANSLATE_NOOP("AuditPage", "code"),
    "title": QT_TRANSLATE_NOOP("AuditPage", "title"),
    "starts_at": QT_TRANSLATE_NOOP("AuditPage", "starts"),
    "serial": QT_TRANSLATE_NOOP("AuditPage", "serial"),
    "count": QT_TRANSLATE_NOOP("AuditPage", "count"),
    "consent": QT_TRANSLATE_NOOP("AuditPage", "follow-up consent"),
    "card_version": QT_TRANSLATE_NOOP("AuditPage", "card version"),
    "receipt_no": QT_TRANSLATE_NOOP("AuditPage", "receipt no."),
    "kind": QT_TRANSLATE_NOOP("AuditPage", "kind"),
    "note": QT_TRANSLATE_NOOP("AuditPage", "note"),
    "desk": QT_TRANSLATE_NOOP("AuditPage", "desk"),
    "phone": QT_TRANSLATE_NOOP("AuditPage", "phone"),
    "capacity": QT_TRANSLATE_NOOP("AuditPage", "seats"),
    "cancelled": QT_TRANSLATE_NOOP("AuditPage", "cancelled"),
    "file": QT_TRANSLATE_NOOP("AuditPage", "file"),
    "folder": QT_TRANSLATE_NOOP("AuditPage", "folder"),
}
_YES_NO = (QT_TRANSLATE_NOOP("AuditPage", "no"), QT_TRANSLATE_NOOP("AuditPage", "yes"))


def field_text(key: str) -> str:
    source = FIELDS.get(key)
    return QCoreApplication.translate("AuditPage", source) if source else key


def _value(value: Any, key: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("AuditPage", _YES_NO[value])
    if isinstance(value, int) and key.endswith("_fen"):
        return format_fen(value)
    if isinstance(value, str):
        if key == "method" and value in PaymentMethod.__members__.values():
            return method_text(PaymentMethod(value))
        # A refusal's code (a failed sign-in's reason) reads as the desk saw it,
        # when its sentence needs no details the trail does not keep.
        template = MESSAGES.get(value)
        return describe_code(value) if template and "{" not in str(template) else value
    return json.dumps(value, ensure_ascii=False)


def change_text(row: AuditRow) -> str:
    """Before and after, one "field: before → after" per changed field."""
    before, after = row.before or {}, row.after or {}
    parts = []
    for key in list(before) + [k for k in after if k not in before]:
        name = field_text(key)
        if key in before and key in after:
            if before[key] != after[key]:
                parts.append(f"{name}: {_value(before[key], key)} → {_value(after[key], key)}")
        else:
            parts.append(f"{name}: {_value(before.get(key, after.get(key)), key)}")
    return "; ".join(parts)


class AuditModel(QAbstractTableModel):
    """Events newest first, a page at a time; ``data()`` reads only what is fetched."""

    def __init__(self, context: DeskContext, tz: dt.tzinfo) -> None:
        super().__init__()
        self.context = context
        self.tz = tz
        self.where = AuditFilter()
        self.rows: list[AuditRow] = []
        self._more = False
        self.headers = (
            lambda: self.tr("Time"), lambda: self.tr("Staff"), lambda: self.tr("Desk"),
            lambda: self.tr("Action"), lambda: self.tr("Learner"), lambda: self.tr("Details"))

    def _fetch(self, after_id: int | None) -> list[AuditRow]:
        w = self.where
        return self.context.act(staff_actions.audit_events, since=w.since, until=w.until,
                                staff_id=w.staff_id, learner_id=w.learner_id,
                                action_prefix=w.action_prefix, after_id=after_id, limit=PAGE)

    def set_filter(self, where: AuditFilter) -> None:
        self.beginResetModel()
        self.where = where
        self.rows = self._fetch(None)
        self._more = len(self.rows) == PAGE
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self.rows:
            return
        page = self._fetch(self.rows[-1].id)
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def cell(self, row: AuditRow, column: int) -> str:
        if column == 0:
            return f"{row.at.astimezone(self.tz):%Y-%m-%d %H:%M:%S}"
        if column == 1:
            return row.staff_name or "—"
        if column == 2:
            return row.desk
        if column == 3:
            return action_text(row.action)
        if column == 4:
            return f"{row.learner_name} ({row.learner_code})" if row.learner_code else ""
        text = change_text(row)
        return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS] + "…"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return row.action
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return change_text(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.headers)):
            return self.headers[section]()
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 5))
