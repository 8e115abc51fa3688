"""Refund (退费) and waiver (减免) dialogs: an amount, a reason, one domain call.

Each validates through the domain: a refund larger than what is left of the
payment, a waiver over the balance, a missing reason or a closed day is
shown in red in the dialog and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from frontdesk.fees import actions as fees_actions
from frontdesk.fees.ledger import REASONS, LedgerResult, Reason, ReasonCode
from frontdesk.fees.view import EnrollmentFees, LedgerLine
from frontdesk.money import format_fen, parse_amount
from frontdesk.vocab import LedgerKind, PaymentMethod
from ui.fees.models import reason_code_text
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.terms import method_text
from ui.kit.widgets import money


def amount_text(fen: int) -> str:
    """An amount as it is typed back: 1,200.00 (no currency sign)."""
    return format_fen(fen, symbol="")


class ReasonBox(QComboBox):
    """The reasons offered for one kind of entry, with "choose" first."""

    def __init__(self, kind: LedgerKind) -> None:
        super().__init__()
        self.setObjectName("reason")
        self.addItem("", None)
        for code in REASONS[kind]:
            self.addItem("", code)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setItemText(0, self.tr("Choose a reason…"))
        for index in range(1, self.count()):
            self.setItemText(index, reason_code_text(ReasonCode(self.itemData(index))))

    def reason(self, note: str) -> Reason | None:
        code = self.currentData()  # Qt hands the enum back as its plain string
        return None if code is None else Reason(ReasonCode(code), note.strip())


@dataclass(frozen=True)
class RefundInput:
    amount_fen: int
    reason: Reason | None
    method: PaymentMethod
    reference: str | None


class RefundDialog(FormDialog[RefundInput, LedgerResult]):
    """Give back part or all of one payment (by default all that is left)."""

    def __init__(self, parent: QWidget | None, context: DeskContext, payment: LedgerLine,
                 fees: EnrollmentFees) -> None:
        self.context = context
        self.payment = payment
        self.fees = fees
        super().__init__(parent, self._submit_refund)
        self.setObjectName("refund_dialog")
        self.setMinimumWidth(520)
        self.payment_label = QLabel()
        self.amount_edit = QLineEdit(amount_text(payment.refundable_fen))
        self.amount_edit.setObjectName("amount")
        self.method_box = QComboBox()
        for method in PaymentMethod:
            self.method_box.addItem(method_text(method), method)
        self.method_box.setCurrentIndex(self.method_box.findData(payment.method))
        self.reference_edit = QLineEdit()
        self.reason_box = ReasonBox(LedgerKind.REFUND)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note")
        self.form.addRow(self.payment_label)
        for widget in (self.amount_edit, self.method_box, self.reference_edit,
                       self.reason_box, self.note_edit):
            self.add_row(widget)
        self.retranslate_ui()
        self.amount_edit.selectAll()
        self.amount_edit.setFocus()

    def retranslate_ui(self) -> None:
        p = self.payment
        self.setWindowTitle(self.tr("Refund"))
        self.set_labels(self.tr("Refund amount (¥)"), self.tr("Give back by"),
                        self.tr("Refund number"), self.tr("Reason *"), self.tr("Note"))
        # Two short lines, no word wrap: a wrapped label in a form is cut short.
        detail = self.tr("Receipt {receipt}: {amount} by {method} on {day}; up to {left} can be "
                         "refunded").format(
            receipt=p.receipt_no or "", amount=money(p.amount_fen), method=method_text(p.method),
            day=p.business_date.isoformat(), left=money(p.refundable_fen))
        self.payment_label.setText(f"{self.fees.course_code} {self.fees.course_title}\n{detail}")
        self.reference_edit.setPlaceholderText(self.tr("of the wallet or bank refund, if any"))
        self.note_edit.setPlaceholderText(self.tr("in your own words (needed for “Other”)"))
        self.reason_box.retranslate_ui()

    def value(self) -> RefundInput:
        return RefundInput(parse_amount(self.amount_edit.text()),
                           self.reason_box.reason(self.note_edit.text()),
                           PaymentMethod(self.method_box.currentData()),
                           self.reference_edit.text().strip() or None)

    def _submit_refund(self, value: RefundInput) -> LedgerResult:
        ctx = self.context
        return ctx.act(fees_actions.refund, self.payment.id, value.amount_fen, value.reason,
                       ctx.now(), method=value.method, reference=value.reference)

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, payment: LedgerLine,
            fees: EnrollmentFees) -> LedgerResult | None:
        result: LedgerResult | None = cls.run(cls(parent, context, payment, fees))
        return result


@dataclass(frozen=True)
class WaiverInput:
    amount_fen: int
    reason: Reason | None


class WaiverDialog(FormDialog[WaiverInput, LedgerResult]):
    """Forgive part or all of what a learner still owes on one course (减免)."""

    def __init__(self, parent: QWidget | None, context: DeskContext,
                 fees: EnrollmentFees) -> None:
        self.context = context
        self.fees = fees
        super().__init__(parent, self._submit_waiver)
        self.setObjectName("waiver_dialog")
        self.setMinimumWidth(520)
        self.course_label = QLabel()
        self.amount_edit = QLineEdit(amount_text(fees.balance_fen))
        self.amount_edit.setObjectName("amount")
        self.reason_box = ReasonBox(LedgerKind.WAIVER)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("note")
        self.form.addRow(self.course_label)
        for widget in (self.amount_edit, self.reason_box, self.note_edit):
            self.add_row(widget)
        self.retranslate_ui()
        self.amount_edit.selectAll()
        self.amount_edit.setFocus()

    def retranslate_ui(self) -> None:
        f = self.fees
        self.setWindowTitle(self.tr("Waive fee"))
        self.set_labels(self.tr("Waive (¥)"), self.tr("Reason *"), self.tr("Note"))
        self.course_label.setText(self.tr("{course}: fee {fee}, still owed {balance}").format(
            course=f"{f.course_code} {f.course_title}", fee=money(f.fee_due_fen),
            balance=money(f.balance_fen)))
        self.note_edit.setPlaceholderText(self.tr("in your own words (needed for “Other”)"))
        self.reason_box.retranslate_ui()

    def value(self) -> WaiverInput:
        return WaiverInput(parse_amount(self.amount_edit.text()),
                           self.reason_box.reason(self.note_edit.text()))

    def _submit_waiver(self, value: WaiverInput) -> LedgerResult:
        ctx = self.context
        return ctx.act(fees_actions.waive, self.fees.enrollment_id, value.amount_fen,
                       value.reason, ctx.now())

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext,
            fees: EnrollmentFees) -> LedgerResult | None:
        result: LedgerResult | None = cls.run(cls(parent, context, fees))
        return result
