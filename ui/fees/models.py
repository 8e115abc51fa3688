"""The fees window's words and tables: methods, kinds and reasons in the
desk's language, and thin table models over the domain's fee rows."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from frontdesk.fees.cashup import CashUpLine, MethodTotal
from frontdesk.fees.ledger import Reason, ReasonCode
from frontdesk.fees.view import EnrollmentFees, LedgerLine, OutstandingRow
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.text import mask_phone
from frontdesk.vocab import LedgerKind
from ui.kit.rows_model import Column, RowsModel
from ui.kit.terms import method_text, status_text, tier_text
from ui.kit.widgets import money

R = TypeVar("R")
CONTEXT = "Fees"

KINDS = {
    LedgerKind.PAYMENT: QT_TRANSLATE_NOOP("Fees", "Payment"),
    LedgerKind.REFUND: QT_TRANSLATE_NOOP("Fees", "Refund"),
    LedgerKind.WAIVER: QT_TRANSLATE_NOOP("Fees", "Waiver"),
    LedgerKind.ADJUSTMENT: QT_TRANSLATE_NOOP("Fees", "Correction"),
}
REASONS = {
    ReasonCode.WITHDRAWN: QT_TRANSLATE_NOOP("Fees", "Learner withdrew"),
    ReasonCode.COURSE_CANCELLED: QT_TRANSLATE_NOOP("Fees", "Course cancelled"),
    ReasonCode.DUPLICATE: QT_TRANSLATE_NOOP("Fees", "Paid twice"),
    ReasonCode.WRONG_AMOUNT: QT_TRANSLATE_NOOP("Fees", "Wrong amount entered"),
    ReasonCode.WRONG_COURSE: QT_TRANSLATE_NOOP("Fees", "Wrong course"),
    ReasonCode.UNEMPLOYED: QT_TRANSLATE_NOOP("Fees", "Unemployed"),
    ReasonCode.HARDSHIP: QT_TRANSLATE_NOOP("Fees", "Financial hardship"),
    ReasonCode.DISABILITY: QT_TRANSLATE_NOOP("Fees", "Disability"),
    ReasonCode.SENIOR: QT_TRANSLATE_NOOP("Fees", "Senior"),
    ReasonCode.OTHER: QT_TRANSLATE_NOOP("Fees", "Other"),
}


def _t(text: object) -> str:
    # QT_TRANSLATE_NOOP is typed as returning object; the marked texts are str.
    return QCoreApplication.translate(CONTEXT, str(text))


def kind_text(kind: LedgerKind) -> str:
    return _t(KINDS[kind])


def reason_code_text(code: ReasonCode) -> str:
    return _t(REASONS[code])


def reason_text(reason: Reason | None) -> str:
    if reason is None:
        return ""
    label = reason_code_text(reason.code)
    return f"{label}: {reason.note}" if reason.note else label


def signed_amount(kind: LedgerKind, amount_fen: int) -> str:
    """A refund shows as money going out; the rest as stored."""
    return money(-amount_fen if kind is LedgerKind.REFUND else amount_fen)


def _col(header: str, value: Callable[[R], object], right: bool = False) -> Column[R]:
    # ``header`` is a literal marked with QT_TRANSLATE_NOOP where the column is made.
    return Column(lambda: _t(header), value, right)


def enrollments_model() -> RowsModel[EnrollmentFees]:
    return RowsModel([
        _col(QT_TRANSLATE_NOOP("Fees", "Course"), lambda f: f"{f.course_code} {f.course_title}"),
        _col(QT_TRANSLATE_NOOP("Fees", "Tier"), lambda f: tier_text(f.fee_tier)),
        _col(QT_TRANSLATE_NOOP("Fees", "Status"), lambda f: status_text(f.status)),
        _col(QT_TRANSLATE_NOOP("Fees", "Fee due"), lambda f: money(f.fee_due_now_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Paid"), lambda f: money(f.paid_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Refunded"), lambda f: money(f.refunded_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Waived"), lambda f: money(f.waived_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Corrections"), lambda f: money(f.adjusted_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Balance"), lambda f: money(f.owed_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Public subsidy"), lambda f: money(f.subsidy_fen), True),
    ], tint=lambda f: "#b03a2e" if f.owing else ("#888888" if f.fee_due_now_fen == 0 else None))


ADJUSTED_COLUMN = 7


def entries_model(tz: zoneinfo.ZoneInfo) -> RowsModel[LedgerLine]:
    def refundable(line: LedgerLine) -> str:
        return money(line.refundable_fen) if line.kind is LedgerKind.PAYMENT else ""

    return RowsModel([
        _col(QT_TRANSLATE_NOOP("Fees", "When"), lambda e: f"{e.at.astimezone(tz):%Y-%m-%d %H:%M}"),
        _col(QT_TRANSLATE_NOOP("Fees", "Kind"), lambda e: kind_text(e.kind)),
        _col(QT_TRANSLATE_NOOP("Fees", "Amount"), lambda e: signed_amount(e.kind, e.amount_fen),
             True),
        _col(QT_TRANSLATE_NOOP("Fees", "Method"), lambda e: method_text(e.method)),
        _col(QT_TRANSLATE_NOOP("Fees", "Receipt"), lambda e: e.receipt_no or ""),
        _col(QT_TRANSLATE_NOOP("Fees", "Reference"), lambda e: e.reference or ""),
        _col(QT_TRANSLATE_NOOP("Fees", "Refundable"), refundable, True),
        _col(QT_TRANSLATE_NOOP("Fees", "Reason"), lambda e: reason_text(e.reason)),
        _col(QT_TRANSLATE_NOOP("Fees", "Desk"), lambda e: " ".join(
            x for x in (e.desk, e.staff_name) if x)),
    ], tint=_kind_tint)


def _kind_tint(row: LedgerLine | CashUpLine) -> str | None:
    return {LedgerKind.REFUND: "#b03a2e", LedgerKind.WAIVER: "#1f5f99",
            LedgerKind.ADJUSTMENT: "#7d5a00"}.get(row.kind)


def outstanding_model() -> RowsModel[OutstandingRow]:
    return RowsModel([
        _col(QT_TRANSLATE_NOOP("Fees", "Course"), lambda r: f"{r.course_code} {r.course_title}"),
        _col(QT_TRANSLATE_NOOP("Fees", "Card code"), lambda r: r.learner_code),
        _col(QT_TRANSLATE_NOOP("Fees", "Name"), lambda r: r.learner_name),
        _col(QT_TRANSLATE_NOOP("Fees", "Mobile"), lambda r: mask_phone(r.phone)),
        _col(QT_TRANSLATE_NOOP("Fees", "Fee due"), lambda r: money(r.fee_due_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Paid"), lambda r: money(r.paid_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Waived"), lambda r: money(r.waived_fen + r.adjusted_fen),
             True),
        _col(QT_TRANSLATE_NOOP("Fees", "Balance"), lambda r: money(r.balance_fen), True),
    ])


def method_totals_model() -> RowsModel[MethodTotal]:
    return RowsModel([
        _col(QT_TRANSLATE_NOOP("Fees", "Method"), lambda m: method_text(m.method)),
        _col(QT_TRANSLATE_NOOP("Fees", "Payments"), lambda m: m.payments, True),
        _col(QT_TRANSLATE_NOOP("Fees", "Received"), lambda m: money(m.payments_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Refunds"), lambda m: m.refunds, True),
        _col(QT_TRANSLATE_NOOP("Fees", "Refunded"), lambda m: money(m.refunds_fen), True),
        _col(QT_TRANSLATE_NOOP("Fees", "Net"), lambda m: money(m.net_fen), True),
    ])


def cashup_entries_model(tz: zoneinfo.ZoneInfo) -> RowsModel[CashUpLine]:
    return RowsModel([
        _col(QT_TRANSLATE_NOOP("Fees", "Time"), lambda e: f"{e.at.astimezone(tz):%H:%M}"),
        _col(QT_TRANSLATE_NOOP("Fees", "Kind"), lambda e: kind_text(e.kind)),
        _col(QT_TRANSLATE_NOOP("Fees", "Receipt"),
             lambda e: e.receipt_no or e.reverses_receipt_no or ""),
        _col(QT_TRANSLATE_NOOP("Fees", "Learner"), lambda e: e.learner_name),
        _col(QT_TRANSLATE_NOOP("Fees", "Course"), lambda e: e.course_title),
        _col(QT_TRANSLATE_NOOP("Fees", "Method"), lambda e: method_text(e.method)),
        _col(QT_TRANSLATE_NOOP("Fees", "Amount"), lambda e: signed_amount(e.kind, e.amount_fen),
             True),
        _col(QT_TRANSLATE_NOOP("Fees", "Reference"), lambda e: e.reference or ""),
        _col(QT_TRANSLATE_NOOP("Fees", "Reason"), lambda e: reason_text(e.reason)),
        _col(QT_TRANSLATE_NOOP("Fees", "Desk"), lambda e: " ".join(
            x for x in (e.desk, e.staff_name) if x)),
    ], tint=_kind_tint)
