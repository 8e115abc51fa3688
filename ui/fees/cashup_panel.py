"""The daily cash-up (日结): the day's money, the drawer count, closing the day.

Pick a day and a desk (or every desk); see the totals per method, every
entry with refunds and waivers, and the cash the drawer should hold. Type
what was counted: the difference shows as you type, a note is required when
it is not zero, and closing the day is one domain call. The report goes out
as PDF (saved or printed) and as .xlsx.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
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
from frontdesk.fees.cashup import CashUpReport
from frontdesk.money import parse_counted_cash
from frontdesk.staff.roles import Action
from ui.fees.learner import ERROR_STYLE
from ui.fees.models import cashup_entries_model, method_totals_model
from ui.kit import export, printing, widgets
from ui.kit.context import DeskContext
from ui.kit.tables import FEES_ROW_HEIGHT, read_only_table
from ui.kit.widgets import day_of, money
from ui.kit.words import describe
from ui.kit.worker import run_with_progress

T = TypeVar("T")
ALL_DESKS = "\x00all"  # the desk box's value for "every desk" (no desk is named so)


class CashUpPanel(QWidget):
    message = Signal(str, str)

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.tz = context.settings().tz()
        self.report: CashUpReport | None = None
        self.desks: list[str] = []  # the desks with entries on the day shown (read by refresh)
        self._init_choice()
        self._init_tables()
        self._init_drawer()
        self._init_layout()
        self.retranslate_ui()

    # -- building --------------------------------------------------------------

    def _init_choice(self) -> None:
        today = self.today()
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setObjectName("cashup_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(self.date_edit.date())
        self.date_edit.dateChanged.connect(self.refresh)
        self.desk_box = QComboBox()
        self.desk_box.setObjectName("cashup_desk")
        self.desk_box.currentIndexChanged.connect(self.on_desk_box_current_index_changed)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.on_pdf_button_clicked)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.on_print_button_clicked)
        self.xlsx_button = QPushButton()
        self.xlsx_button.clicked.connect(self.on_xlsx_button_clicked)

    def _init_tables(self) -> None:
        self.methods = method_totals_model()
        self.methods_view = read_only_table(self.methods, "cashup_methods", fit=True,
                                            row_height=FEES_ROW_HEIGHT)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.entries = cashup_entries_model(self.tz)
        self.entries_view = read_only_table(self.entries, "cashup_entries", stretch=4,
                                            row_height=FEES_ROW_HEIGHT)
        for column, width in ((0, 60), (1, 60), (2, 120), (5, 90), (7, 150), (8, 150)):
            self.entries_view.setColumnWidth(column, width)
        self.entries_label = QLabel()

    def _init_drawer(self) -> None:
        self.drawer_box = QGroupBox()
        self.expected_label = QLabel()
        self.expected_label.setObjectName("expected_cash")
        self.counted_edit = QLineEdit()
        self.counted_edit.setObjectName("counted_cash")
        self.counted_edit.textChanged.connect(self._show_difference)
        self.difference_label = QLabel()
        self.difference_label.setObjectName("difference")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("cashup_note")
        self.close_button = QPushButton()
        self.close_button.setObjectName("close_day")
        self.close_button.clicked.connect(self.on_close_button_clicked)
        self.close_error = QLabel()
        self.close_error.setWordWrap(True)
        self.close_error.setStyleSheet(ERROR_STYLE)
        self.close_error.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("cashup_status")
        self.status_label.setWordWrap(True)
        form = QFormLayout(self.drawer_box)
        self.drawer_labels = [QLabel() for _ in range(4)]
        for label, widget in zip(self.drawer_labels, (self.expected_label, self.counted_edit,
                                                      self.difference_label, self.note_edit),
                                 strict=True):
            form.addRow(label, widget)
        form.addRow(self.close_error)
        form.addRow(self.close_button)
        if not self.context.may(Action.CASHUP):  # a cashier's, as the domain says
            self.close_button.hide()
        form.addRow(self.status_label)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        self.date_label, self.desk_label = QLabel(), QLabel()
        for widget in (self.date_label, self.date_edit, self.desk_label, self.desk_box):
            top.addWidget(widget)
        top.addStretch(1)
        for button in (self.pdf_button, self.print_button, self.xlsx_button):
            top.addWidget(button)
        upper = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.methods_view, 1)
        left.addWidget(self.totals_label)
        upper.addLayout(left, 3)
        upper.addWidget(self.drawer_box, 2)
        upper_widget = QWidget()
        upper_widget.setLayout(upper)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.entries_label)
        lower_layout.addWidget(self.entries_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper_widget)
        splitter.addWidget(lower)
        splitter.setSizes([280, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def retranslate_ui(self) -> None:
        self.date_label.setText(self.tr("Day:"))
        self.desk_label.setText(self.tr("Desk:"))
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.drawer_box.setTitle(self.tr("Cash drawer"))
        for label, text in zip(self.drawer_labels, (
                self.tr("Expected cash"), self.tr("Counted cash (¥)"), self.tr("Difference"),
                self.tr("Note")), strict=True):
            label.setText(text)
        self.counted_edit.setPlaceholderText(self.tr("count the drawer without the float"))
        self.note_edit.setPlaceholderText(self.tr("required when the count differs"))
        self.close_button.setText(self.tr("Close the day"))
        self.entries_label.setText(self.tr("<b>Every entry of the day</b>"))
        self.methods.retranslate()
        self.entries.retranslate()
        self._fill_desks()
        self._show_report()

    # -- the report ----------------------------------------------------------------

    def today(self) -> dt.date:
        return self.context.now().astimezone(self.tz).date()

    def day(self) -> dt.date:
        return day_of(self.date_edit)

    def desk(self) -> str | None:
        value = self.desk_box.currentData()
        return None if value == ALL_DESKS else value

    def _fill_desks(self) -> None:
        """List what ``refresh`` read (a language change relabels without reading)."""
        current = self.desk_box.currentData() or self.context.desk
        self.desk_box.blockSignals(True)
        self.desk_box.clear()
        for desk in [self.context.desk, *sorted(set(self.desks) - {self.context.desk})]:
            self.desk_box.addItem(desk or self.tr("(no desk)"), desk)
        self.desk_box.addItem(self.tr("All desks (whole school)"), ALL_DESKS)
        self.desk_box.setCurrentIndex(max(0, self.desk_box.findData(current)))
        self.desk_box.blockSignals(False)

    @Slot()
    def refresh(self) -> None:
        """Read the day again (each desk's entries keep coming until it closes)."""
        self.desks = [d.desk for d in self.context.act(fees_actions.cashup_desks, self.day())]
        self._fill_desks()
        self.report = self.context.act(fees_actions.cashup_report, self.day(), self.desk())
        self._show_report()

    @Slot(int)
    def on_desk_box_current_index_changed(self, _index: int) -> None:
        self.report = self.context.act(fees_actions.cashup_report, self.day(), self.desk())
        self._show_report()

    def _show_report(self) -> None:
        report = self.report
        self.methods.set_rows(list(report.methods) if report else [])
        self.entries.set_rows(list(report.entries) if report else [])
        self.close_error.hide()
        if report is None:
            return
        self.totals_label.setText(self.tr(
            "Received {received} · refunded {refunded} · net {net} · waived {waived} · "
            "corrections {adjusted}").format(
            received=money(report.payments_fen), refunded=money(report.refunds_fen),
            net=money(report.net_fen), waived=money(report.waived_fen),
            adjusted=money(report.adjusted_fen)))
        self.expected_label.setText(money(report.expected_cash_fen))
        for widget in (self.counted_edit, self.note_edit, self.close_button):
            widget.setEnabled(not report.closed)
        self.status_label.setText(self._status_text(report))
        self._show_difference()

    def _status_text(self, report: CashUpReport) -> str:
        if not report.closings:
            return self.tr("Open: entries can still be added to this day.")
        lines = [self.tr("Closed at {time} by {staff} ({desk}): expected {expected}, counted "
                         "{counted}, difference {difference}.").format(
            time=f"{c.closed_at.astimezone(self.tz):%H:%M}", staff=c.staff_name or "—",
            desk=c.desk or self.tr("whole school"), expected=money(c.expected_cash_fen),
            counted=money(c.counted_cash_fen), difference=money(c.difference_fen))
            + (f" {c.note}" if c.note else "") for c in report.closings]
        return "\n".join(lines)

    @Slot()
    def _show_difference(self) -> None:
        if self.report is None or not self.counted_edit.text().strip():
            self.difference_label.setText("")
            return
        try:
            counted = parse_counted_cash(self.counted_edit.text())
        except DomainError as error:
            self.difference_label.setText(describe(error))
            self.difference_label.setStyleSheet("color: #c0392b;")
            return
        difference = counted - self.report.expected_cash_fen
        if difference == 0:
            text, colour = self.tr("none: the drawer matches"), "#12612f"
        elif difference < 0:
            text, colour = self.tr("{amount} short").format(amount=money(-difference)), "#c0392b"
        else:
            text, colour = self.tr("{amount} over").format(amount=money(difference)), "#8a5300"
        self.difference_label.setText(text)
        self.difference_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # -- closing -------------------------------------------------------------------

    def _desk_words(self) -> str:
        desk = self.desk()
        return self.tr("all desks") if desk is None else (desk or self.tr("(no desk)"))

    @Slot()
    def on_close_button_clicked(self) -> None:
        ctx = self.context
        try:
            counted = parse_counted_cash(self.counted_edit.text())
        except DomainError as error:
            self._refuse(error)
            return
        if not widgets.confirm(self, self.tr("Close the day"), self.tr(
                "Close {day} for {desk}? Nothing more can be entered on that day; later "
                "corrections are dated the day they are made.").format(
                day=self.day().isoformat(), desk=self._desk_words())):
            return
        try:
            closing = ctx.act(fees_actions.close_day, self.day(), self.desk(), counted,
                              self.note_edit.text(), ctx.now())
        except DomainError as error:
            self._refuse(error)
            return
        self.counted_edit.clear()
        self.note_edit.clear()
        self.refresh()
        self.message.emit("ok", self.tr(
            "{day} closed for {desk}: expected {expected}, counted {counted}, difference "
            "{difference}.").format(day=self.day().isoformat(), desk=self._desk_words(),
                                    expected=money(closing.expected_cash_fen),
                                    counted=money(closing.counted_cash_fen),
                                    difference=money(closing.difference_fen)))

    def _refuse(self, error: DomainError) -> None:
        self.close_error.setText(describe(error))
        self.close_error.show()

    # -- documents -----------------------------------------------------------------

    def _suggested_name(self) -> str:
        return self.tr("cash-up {day} {desk}").format(day=self.day().isoformat(),
                                                       desk=self._desk_words())

    def _make(self, work: Callable[[], T]) -> T | None:
        """Run ``work()`` off the GUI thread; its result, or None after a message."""
        outcome = run_with_progress(self, self.tr("Preparing the cash-up…"), None,
                                    lambda _report: work())
        if outcome.error is None:
            result: T = outcome.result
            return result
        if isinstance(outcome.error, OSError | ValueError):  # ValueError: MissingGlyphs
            self.message.emit("error", self.tr("The cash-up could not be made: {reason}").format(
                reason=outcome.error))
            return None
        raise outcome.error

    def _pdf(self) -> bytes | None:
        from frontdesk.documents.cashup_pdf import cashup_pdf

        report, printed_at = self.report, self.context.now()
        if report is None:
            return None
        return self._make(lambda: cashup_pdf(report, printed_at=printed_at))

    @Slot()
    def on_pdf_button_clicked(self) -> None:
        pdf = self._pdf()
        if pdf is None:
            return
        path = printing.save_pdf_as(self, pdf, self._suggested_name() + ".pdf")
        if path is not None:
            self.message.emit("ok", self.tr("Cash-up saved to {path}.").format(path=path))

    @Slot()
    def on_print_button_clicked(self) -> None:
        pdf = self._pdf()
        if pdf is None:
            return
        with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
            target = Path(folder) / (self._suggested_name() + ".pdf")
            target.write_bytes(pdf)
            printing.print_pdf(self, target)

    @Slot()
    def on_xlsx_button_clicked(self) -> None:
        from frontdesk.documents.fees_xlsx import write_cashup_xlsx

        report = self.report
        path = export.choose_xlsx_path(self, self._suggested_name() + ".xlsx")
        if report is None or path is None:
            return
        def work() -> Path:
            write_cashup_xlsx(report, path)
            return path

        if self._make(work) is not None:
            self.message.emit("ok", self.tr("Cash-up saved to {path}.").format(path=path))
