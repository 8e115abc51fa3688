"""One learner's fees: every enrollment with its balance, the ledger entries
beneath, and the payment bar where the balance is the default amount and
Enter takes the payment. Refunds, waivers and receipt copies start here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.fees import actions as fees_actions
from frontdesk.fees.view import (
    EnrollmentFees,
    LedgerLine,
    ReceiptData,
)
from frontdesk.money import parse_amount
from frontdesk.roster import actions as roster_actions
from frontdesk.staff.roles import Action
from frontdesk.text import mask_phone
from frontdesk.vocab import LedgerKind, PaymentMethod
from ui.fees import receipts
from ui.fees.dialogs import RefundDialog, WaiverDialog, amount_text
from ui.fees.models import (
    ADJUSTED_COLUMN,
    enrollments_model,
    entries_model,
)
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.tables import FEES_ROW_HEIGHT, read_only_table
from ui.kit.terms import method_text
from ui.kit.widgets import money
from ui.kit.words import describe, describe_code

if TYPE_CHECKING:
    from frontdesk.store.models import Learner

ERROR_STYLE = "color: #c0392b; font-weight: bold;"


class LearnerFeesPanel(QWidget):
    """``message(kind, text)`` goes to the page's banner (ok, warn, error)."""

    message = Signal(str, str)

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.learner_id: int | None = None
        self.fees: list[EnrollmentFees] = []
        self.learner: Learner | None = None
        self.last_receipt: receipts.SavedReceipt | None = None
        self._init_tables()
        self._init_payment_bar()
        self._init_actions()
        self._init_layout()
        self.retranslate_ui()
        self.show_learner(None)

    # -- building --------------------------------------------------------------

    def _init_tables(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("fees_heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary = QLabel()
        self.enrollments = enrollments_model()
        self.enrollments_view = read_only_table(self.enrollments, "fees_enrollments", fit=True,
                                           stretch=0, row_height=FEES_ROW_HEIGHT)
        self.enrollments_view.selectionModel().selectionChanged.connect(
            self.on_enrollments_selection_changed)
        self.entries = entries_model(self.context.settings().tz())
        self.entries_view = read_only_table(self.entries, "fees_entries", fit=True,
                                            row_height=FEES_ROW_HEIGHT)
        self.entries_view.selectionModel().selectionChanged.connect(
            self.on_entries_selection_changed)
        self.entries_label = QLabel()

    def _init_payment_bar(self) -> None:
        self.amount_label = QLabel()
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("pay_amount")
        self.amount_edit.setMaximumWidth(160)
        self.amount_edit.returnPressed.connect(self.on_pay_button_clicked)
        self.method_box = QComboBox()
        self.method_box.setObjectName("pay_method")
        for method in PaymentMethod:
            self.method_box.addItem("", method)
        self.method_box.currentIndexChanged.connect(self.on_method_box_current_index_changed)
        self.reference_label = QLabel()
        self.reference_edit = QLineEdit()
        self.reference_edit.setObjectName("pay_reference")
        self.reference_edit.returnPressed.connect(self.on_pay_button_clicked)
        self.pay_button = QPushButton(icon("fees"), "")
        self.pay_button.setObjectName("pay")
        self.pay_button.clicked.connect(self.on_pay_button_clicked)
        self.print_box = QCheckBox()
        self.print_box.setChecked(True)
        self.pay_error = QLabel()
        self.pay_error.setObjectName("pay_error")
        self.pay_error.setWordWrap(True)
        self.pay_error.setStyleSheet(ERROR_STYLE)
        self.pay_error.hide()
        self.place_note = QLabel()  # why the selected place takes no payment (the core's words)
        self.place_note.setObjectName("place_note")
        self.place_note.setWordWrap(True)
        self.place_note.hide()

    def _init_actions(self) -> None:
        self.refund_button = QPushButton()
        self.refund_button.clicked.connect(self.on_refund_button_clicked)
        self.waive_button = QPushButton()
        self.waive_button.clicked.connect(self.on_waive_button_clicked)
        self.reprint_button = QPushButton()
        self.reprint_button.clicked.connect(self.on_reprint_button_clicked)
        # A desk account takes payments; refunds and waivers are a cashier's (the domain's rule).
        if not self.context.may(Action.REFUND):
            self.refund_button.hide()
        if not self.context.may(Action.WAIVER):
            self.waive_button.hide()
        self.folder_button = QPushButton()
        self.folder_button.setFlat(True)
        self.folder_button.clicked.connect(self.on_folder_button_clicked)

    def _init_layout(self) -> None:
        pay_row = QHBoxLayout()
        for widget in (self.amount_label, self.amount_edit, self.method_box,
                       self.reference_label):
            pay_row.addWidget(widget)
        pay_row.addWidget(self.reference_edit, 1)
        pay_row.addWidget(self.pay_button)
        pay_row.addWidget(self.print_box)
        actions = QHBoxLayout()
        actions.addWidget(self.entries_label, 1)
        for button in (self.refund_button, self.waive_button, self.reprint_button):
            actions.addWidget(button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.heading)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.enrollments_view)
        top_layout.addLayout(pay_row)
        top_layout.addWidget(self.pay_error)
        top_layout.addWidget(self.place_note)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addLayout(actions)
        bottom_layout.addWidget(self.entries_view, 1)
        bottom_layout.addWidget(self.folder_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def retranslate_ui(self) -> None:
        self.amount_label.setText(self.tr("Amount (¥):"))
        for index, method in enumerate(PaymentMethod):
            self.method_box.setItemText(index, method_text(method))
        self.pay_button.setText(self.tr("Take payment (Enter)"))
        self.print_box.setText(self.tr("Print the receipt"))
        self.refund_button.setText(self.tr("Refund…"))
        self.waive_button.setText(self.tr("Waive…"))
        self.reprint_button.setText(self.tr("Reprint receipt"))
        self.entries_label.setText(self.tr("<b>Payments, refunds and waivers</b>"))
        self.folder_button.setText(self.tr("Receipts are saved in {folder}").format(
            folder=receipts.receipts_folder(self.context)))
        self.enrollments.retranslate()
        self.entries.retranslate()
        self._update_reference()
        self._show_place_note()
        self._show_heading()

    # -- what is shown -----------------------------------------------------------

    def show_learner(self, learner_id: int | None, *, focus_payment: bool = False) -> None:
        """Show ``learner_id``'s fees, the first enrollment still owing selected."""
        self.learner_id = learner_id
        self.pay_error.hide()
        self.reload()
        if focus_payment and self.amount_edit.isEnabled():
            self.amount_edit.setFocus()
            self.amount_edit.selectAll()

    def reload(self, *, enrollment_id: int | None = None, entry_id: int | None = None) -> None:
        """Read the learner's fees again (another desk may have taken money)."""
        shown = self.current_fees()
        keep = enrollment_id or (shown.enrollment_id if shown else None)
        self.learner = (None if self.learner_id is None
                        else self.context.act(roster_actions.get_learner, self.learner_id))
        self.fees = ([] if self.learner_id is None
                     else self.context.act(fees_actions.learner_fees, self.learner_id))
        self.enrollments.set_rows(self.fees)
        self.enrollments_view.setColumnHidden(
            ADJUSTED_COLUMN, not any(f.adjusted_fen for f in self.fees))
        self._show_heading()
        row = next((i for i, f in enumerate(self.fees) if f.enrollment_id == keep), None)
        if row is None:
            row = next((i for i, f in enumerate(self.fees) if f.owing), 0 if self.fees else None)
        if row is not None:
            self.enrollments_view.selectRow(row)
        else:
            self.on_enrollments_selection_changed()
        if entry_id is not None:
            rows = [i for i, e in enumerate(self.entries.rows) if e.id == entry_id]
            if rows:
                self.entries_view.selectRow(rows[0])

    def _show_heading(self) -> None:
        """Show what ``reload`` read (a language change relabels without reading)."""
        learner = self.learner
        if learner is None:
            self.heading.setText(self.tr("Find a learner: type a name, pinyin or phone digits, "
                                         "or scan the card"))
            self.summary.setText("")
            return
        self.heading.setText(f"{learner.name} · {learner.code} · {mask_phone(learner.phone)}")
        owed = sum(f.balance_fen for f in self.fees if f.owing)
        subsidy = sum(f.subsidy_fen for f in self.fees)
        if not self.fees:
            self.summary.setText(self.tr("Not enrolled on any course."))
        else:
            self.summary.setText(self.tr(
                "%n course(s) · still owed {owed} · public subsidy received {subsidy}", "",
                len(self.fees)).format(owed=money(owed), subsidy=money(subsidy)))

    def current_fees(self) -> EnrollmentFees | None:
        rows = self.enrollments_view.selectionModel().selectedRows()
        return self.enrollments.rows[rows[0].row()] if rows else None

    def current_entry(self) -> LedgerLine | None:
        rows = self.entries_view.selectionModel().selectedRows()
        return self.entries.rows[rows[0].row()] if rows else None

    @Slot(QItemSelection, QItemSelection)
    def on_enrollments_selection_changed(self, *_args: object) -> None:
        fees = self.current_fees()
        self.entries.set_rows(list(fees.entries) if fees else [])
        payable = fees is not None and fees.owing  # the core's rule: a seat with a balance
        self.amount_edit.setText(amount_text(fees.balance_fen) if payable and fees else "")
        for widget in (self.amount_edit, self.method_box, self.reference_edit, self.pay_button):
            widget.setEnabled(payable)
        self.waive_button.setEnabled(payable)
        self._show_place_note()
        self._update_reference()
        self.on_entries_selection_changed()

    def _show_place_note(self) -> None:
        fees = self.current_fees()
        refusal = fees.refusal if fees is not None else None
        self.place_note.setText(describe_code(refusal) if refusal else "")
        self.place_note.setVisible(refusal is not None)

    @Slot(QItemSelection, QItemSelection)
    def on_entries_selection_changed(self, *_args: object) -> None:
        entry = self.current_entry()
        payment = entry is not None and entry.kind is LedgerKind.PAYMENT
        self.refund_button.setEnabled(payment and entry is not None and entry.refundable_fen > 0)
        self.reprint_button.setEnabled(payment)

    @Slot(int)
    def on_method_box_current_index_changed(self, _index: int) -> None:
        self._update_reference()
        if self.method() is not PaymentMethod.CASH:
            self.reference_edit.setFocus()

    def method(self) -> PaymentMethod:
        return PaymentMethod(self.method_box.currentData())

    def _update_reference(self) -> None:
        cash = self.method() is PaymentMethod.CASH
        self.reference_label.setText(self.tr("Reference:") if cash
                                     else self.tr("Transaction reference *:"))
        self.reference_edit.setPlaceholderText(
            "" if cash else self.tr("the transaction number on the payer's phone"))
        self.reference_edit.setEnabled(not cash and self.pay_button.isEnabled())

    # -- taking money --------------------------------------------------------------

    @Slot()
    def on_pay_button_clicked(self) -> None:
        fees = self.current_fees()
        if fees is None or not self.pay_button.isEnabled():
            return
        ctx = self.context
        method = self.method()
        reference = self.reference_edit.text().strip() if method is not PaymentMethod.CASH else ""
        try:
            amount = parse_amount(self.amount_edit.text())
            result = ctx.act(fees_actions.pay, fees.enrollment_id, amount, method, ctx.now(),
                             reference=reference or None)
        except DomainError as error:
            self.pay_error.setText(describe(error))
            self.pay_error.show()
            self.amount_edit.setFocus()
            return
        self.pay_error.hide()
        self.method_box.setCurrentIndex(0)
        self.reference_edit.clear()
        data = ctx.act(fees_actions.receipt, result.entry_id)
        saved = receipts.save_receipt(ctx, data)
        self.last_receipt = saved
        self.reload(enrollment_id=fees.enrollment_id, entry_id=result.entry_id)
        text = self.tr("Received {amount}, receipt {receipt_no}. Still owed: {balance}.").format(
            amount=money(result.amount_fen), receipt_no=result.receipt_no,
            balance=money(result.balance.balance_fen))
        self._after_receipt(text, saved, data)

    def _after_receipt(self, text: str, saved: receipts.SavedReceipt,
                       data: ReceiptData) -> None:
        printer = receipts.receipt_printer()
        if printer.thermal:
            problem = receipts.print_on_receipt_printer(
                self, printer, data, print_it=self.print_box.isChecked())
            if problem or saved.path is None:
                self.message.emit("warn", " ".join(x for x in (text, saved.problem, problem) if x))
            else:
                self.message.emit("ok", text)
            return
        if saved.path is None:
            self.message.emit("warn", f"{text} {saved.problem}")
            return
        self.message.emit("ok", text)
        if self.print_box.isChecked():
            receipts.print_receipt(self, saved.path)

    @Slot()
    def on_refund_button_clicked(self) -> None:
        entry, fees = self.current_entry(), self.current_fees()
        if entry is None or fees is None or entry.kind is not LedgerKind.PAYMENT:
            return
        result = RefundDialog.ask(self, self.context, entry, fees)
        if result is not None:
            self.reload(enrollment_id=fees.enrollment_id, entry_id=result.entry_id)
            self.message.emit("ok", self.tr(
                "Refunded {amount} of receipt {receipt_no}. Still owed: {balance}.").format(
                amount=money(result.amount_fen), receipt_no=entry.receipt_no,
                balance=money(result.balance.balance_fen)))

    @Slot()
    def on_waive_button_clicked(self) -> None:
        fees = self.current_fees()
        if fees is None:
            return
        result = WaiverDialog.ask(self, self.context, fees)
        if result is not None:
            self.reload(enrollment_id=fees.enrollment_id, entry_id=result.entry_id)
            self.message.emit("ok", self.tr("Waived {amount} on {course}. Still owed: {balance}.")
                              .format(amount=money(result.amount_fen), course=fees.course_title,
                                      balance=money(result.balance.balance_fen)))

    @Slot()
    def on_reprint_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.kind is not LedgerKind.PAYMENT:
            return
        ctx = self.context
        try:
            data = ctx.act(fees_actions.reprint_receipt, entry.id, ctx.now())
        except DomainError as error:
            self.message.emit("error", describe(error))
            return
        saved = receipts.save_receipt(ctx, data)
        self.last_receipt = saved
        self._after_receipt(self.tr("Copy of receipt {receipt_no} made.").format(
            receipt_no=data.receipt_no), saved, data)

    @Slot()
    def on_folder_button_clicked(self) -> None:
        folder = receipts.receipts_folder(self.context)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
