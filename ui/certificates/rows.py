"""The certificates page's table: one course's learners and where each stands.

A thin model over the domain's ``EligibilityRow`` list; the words (status,
why not yet, the certificate's record) are made here from the domain's
codes and values, never in the domain.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState
from frontdesk.certificates.selection import PRINTABLE, issuable
from frontdesk.vocab import EnrollmentStatus
from ui.kit.rows_model import Column, Index, RowsModel
from ui.kit.widgets import money
from ui.kit.words import describe_code

__all__ = ["PRINTABLE", "EligibilityModel", "eligibility_view", "issuable"]

TINTS = {EligibilityState.ELIGIBLE: "#12612f", EligibilityState.NOT_YET: "#8a5300",
         EligibilityState.REVOKED: "#a12a1d"}


def state_text(row: EligibilityRow) -> str:
    """Eligible / Eligible (exception) / Course running / Not yet / Withdrawn / Issued / Revoked."""
    state = row.state
    if state == EligibilityState.REVOKED:
        return QCoreApplication.translate("CertificateRows", "Revoked")
    if state == EligibilityState.ISSUED:
        return QCoreApplication.translate("CertificateRows", "Issued")
    if row.eligible:
        if row.reasons:
            return QCoreApplication.translate("CertificateRows", "Eligible (exception)")
        return QCoreApplication.translate("CertificateRows", "Eligible")
    if row.status is EnrollmentStatus.WITHDRAWN:
        return QCoreApplication.translate("CertificateRows", "Withdrawn")
    if not row.course_complete:
        return QCoreApplication.translate("CertificateRows", "Course running")
    return QCoreApplication.translate("CertificateRows", "Not yet")


def reasons_text(row: EligibilityRow) -> str:
    """Why not (yet), in words: "Attended 5 of 8 lessons, needs 7. ¥300.00 still due."

    While the course runs: "On track: 8 of 9 so far, 16 planned; needs 13." """
    return " ".join(describe_code(r.message_key, r.message_values()) for r in row.reasons)


def details_text(row: EligibilityRow, tz: dt.tzinfo) -> str:
    info = row.certificate
    if info is not None and info.revoked_at is not None:
        text = QCoreApplication.translate("CertificateRows", "Revoked on {date}: {reason}").format(
            date=f"{info.revoked_at.astimezone(tz):%Y-%m-%d}", reason=info.revoke_reason or "")
        if row.replaceable:
            text += " · " + QCoreApplication.translate(
                "CertificateRows", "a replacement with a new serial can be issued")
        return text
    if row.exception_reason:
        text = QCoreApplication.translate("CertificateRows", "By exception: {reason}").format(
            reason=row.exception_reason)
        return text if info is not None else f"{text} ({reasons_text(row)})"
    return "" if info is not None else reasons_text(row)


def _attended(row: EligibilityRow) -> str:
    """8 / 9, and the lessons planned while the course runs: 8 / 9 (16)."""
    text = f"{row.attended} / {row.held}"
    return text if row.course_complete else f"{text} ({row.planned})"


def _header(key: str) -> str:
    # Literal strings for lupdate; looked up when the header is painted.
    return {
        "code": QCoreApplication.translate("CertificateRows", "Card code"),
        "name": QCoreApplication.translate("CertificateRows", "Name"),
        "attended": QCoreApplication.translate("CertificateRows", "Attended"),
        "fee": QCoreApplication.translate("CertificateRows", "Fee due"),
        "status": QCoreApplication.translate("CertificateRows", "Status"),
        "serial": QCoreApplication.translate("CertificateRows", "Serial"),
        "issued": QCoreApplication.translate("CertificateRows", "Issued on"),
        "prints": QCoreApplication.translate("CertificateRows", "Prints"),
        "notes": QCoreApplication.translate("CertificateRows", "Why not yet / notes"),
    }[key]


class EligibilityModel(RowsModel[EligibilityRow]):
    """Card code, name, attended, fee due, status, serial, issued, prints, why / notes."""

    def __init__(self, tz: dt.tzinfo) -> None:
        self.tz = tz
        super().__init__([
            Column(lambda: _header("code"), lambda r: r.learner_code),
            Column(lambda: _header("name"), lambda r: r.learner_name),
            Column(lambda: _header("attended"), _attended, True),
            Column(lambda: _header("fee"),
                   lambda r: money(r.balance_fen) if r.balance_fen > 0 else "", True),
            Column(lambda: _header("status"), state_text),
            Column(lambda: _header("serial"),
                   lambda r: r.certificate.serial if r.certificate else ""),
            Column(lambda: _header("issued"), self._issued),
            Column(lambda: _header("prints"),
                   lambda r: r.certificate.print_count if r.certificate else "", True),
            Column(lambda: _header("notes"), lambda r: details_text(r, self.tz)),
        ], tint=lambda r: "#888888" if r.status is EnrollmentStatus.WITHDRAWN
            else TINTS.get(r.state))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The notes can be long (two reasons and an amount): the whole text on hover.
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() \
                and index.column() == len(self.columns) - 1 and index.row() < len(self.rows):
            return details_text(self.rows[index.row()], self.tz) or None
        return super().data(index, role)

    def _issued(self, row: EligibilityRow) -> str:
        info = row.certificate
        return f"{info.issued_at.astimezone(self.tz):%Y-%m-%d %H:%M}" if info else ""


def eligibility_view(model: EligibilityModel) -> QTableView:
    view = QTableView()
    view.setObjectName("eligibility")
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    for column, width in enumerate((80, 110, 70, 80, 100, 110, 120, 50)):
        view.setColumnWidth(column, width)
    return view
