"""The school's own facts: name, address, logo, time zone, the inclusive ratio,
the address of its certificate verification page; and this desk's receipt
printer (kept on this PC, not in the store)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from frontdesk.settings import SchoolSettings
from frontdesk.staff import actions as staff_actions
from ui.fees import receipts
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog

ZONES = ("Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Urumqi")


class SettingsDialog(FormDialog[SchoolSettings, SchoolSettings]):
    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        self.context = context
        super().__init__(parent, self._save)
        self.current = context.settings()
        if not context.school_is_named():
            # A new school starts blank: nothing of the demo school's names or prefixes.
            self.current = dataclasses.replace(self.current, name="", name_en="",
                                               receipt_prefix="", certificate_prefix="")
        self._init_fields()
        self.retranslate_ui()

    def _init_fields(self) -> None:
        s = self.current
        self.name_edit = QLineEdit(s.name)
        self.name_en_edit = QLineEdit(s.name_en)
        self.address_edit = QLineEdit(s.address)
        self.phone_edit = QLineEdit(s.phone)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedSize(64, 64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_path = s.logo_path
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self.on_logo_button_clicked)
        self.logo_clear = QPushButton()
        self.logo_clear.clicked.connect(self.on_logo_clear_clicked)
        row.addWidget(self.logo_preview)
        row.addWidget(self.logo_button)
        row.addWidget(self.logo_clear)
        row.addStretch(1)
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.addItems(ZONES)
        self.zone_box.setCurrentText(s.timezone)
        self.ratio_spin = QSpinBox(minimum=0, maximum=100, value=s.inclusive_ratio_pct, suffix=" %")
        self.receipt_edit = QLineEdit(s.receipt_prefix)
        self.certificate_edit = QLineEdit(s.certificate_prefix)
        self.verification_edit = QLineEdit(s.verification_address)
        self.verification_edit.setObjectName("verification_address")
        self.verification_edit.setPlaceholderText("https://")
        self.opens_spin = QSpinBox(minimum=0, maximum=240, value=s.checkin_opens_min)
        self.late_spin = QSpinBox(minimum=0, maximum=120, value=s.late_after_min)
        self.late_entry_spin = QSpinBox(minimum=0, maximum=365, value=s.late_entry_days)
        self.import_limit_spin = QSpinBox(minimum=1, maximum=10_000_000,
                                          value=s.import_row_limit, singleStep=10_000)
        for widget in (
            self.name_edit,
            self.name_en_edit,
            self.address_edit,
            self.phone_edit,
            logo_row,
            self.zone_box,
            self.ratio_spin,
            self.receipt_edit,
            self.certificate_edit,
            self.verification_edit,
            self.opens_spin,
            self.late_spin,
            self.late_entry_spin,
            self.import_limit_spin,
        ):
            self.add_row(widget)
        self._init_printer()
        self._show_logo()

    def _init_printer(self) -> None:
        printer = receipts.receipt_printer()
        self.printer_box = QComboBox()
        for width in (receipts.PDF, 58, 80):
            self.printer_box.addItem("", width)
        self.printer_box.setCurrentIndex(max(0, self.printer_box.findData(printer.width_mm)))
        self.printer_box.currentIndexChanged.connect(self.on_printer_box_current_index_changed)
        self.printer_edit = QLineEdit(printer.target)
        self.printer_edit.setPlaceholderText("192.168.1.50:9100 · /dev/usb/lp0 · COM3")
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.drawer_box = QCheckBox()
        self.drawer_box.setChecked(printer.drawer)
        self.test_page_button = QPushButton()
        self.test_page_button.clicked.connect(self.on_test_page_button_clicked)
        row.addWidget(self.drawer_box)
        row.addStretch(1)
        row.addWidget(self.test_page_button)
        self.printer_note = QLabel()
        self.printer_note.setWordWrap(True)
        self.printer_note.hide()
        for widget in (self.printer_box, self.printer_edit, row_widget):
            self.add_row(widget)
        self.extra_area.addWidget(self.printer_note)
        self.on_printer_box_current_index_changed()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("School settings"))
        labels = (
            self.tr("School name *"),
            self.tr("Name in English"),
            self.tr("Address"),
            self.tr("Phone"),
            self.tr("Logo"),
            self.tr("Time zone"),
            self.tr("Inclusive price ratio"),
            self.tr("Receipt number prefix"),
            self.tr("Certificate serial prefix"),
            self.tr("Certificate verification address"),
            self.tr("Check-in opens (minutes before)"),
            self.tr("Late after (minutes)"),
            self.tr("Desk may enter past lessons of the last"),
            self.tr("Largest sign-up import (rows)"),
            self.tr("Receipt printer (this desk)"),
            self.tr("Printer address"),
            "",
        )
        self.set_labels(*labels)
        self.printer_box.setItemText(0, self.tr("A5 PDF through the system printer"))
        self.printer_box.setItemText(1, self.tr("Receipt printer, 58 mm (ESC/POS)"))
        self.printer_box.setItemText(2, self.tr("Receipt printer, 80 mm (ESC/POS)"))
        self.printer_edit.setToolTip(self.tr(
            "A network printer's address (port 9100 unless given), or the printer's "
            "device: /dev/usb/lp0 for USB on Linux, COM3 for a serial port, "
            "\\\\PC\\share for a shared printer on Windows."))
        self.drawer_box.setText(self.tr("Open the cash drawer for cash payments"))
        self.test_page_button.setText(self.tr("Print a test page"))
        self.name_edit.setPlaceholderText(self.tr("the school's name, as on receipts"))
        for edit in (self.receipt_edit, self.certificate_edit):
            edit.setPlaceholderText(self.tr("letters or digits, e.g. the school's initials"))
        self.logo_button.setText(self.tr("Choose…"))
        self.logo_clear.setText(self.tr("Remove"))
        self.ratio_spin.setToolTip(
            self.tr(
                "Inclusive courses cost this share of the market "
                "price; enrollments already made keep their fee."
            )
        )
        self.verification_edit.setToolTip(
            self.tr(
                "Where the school publishes its certificate verification page. When set, a "
                "certificate's QR code opens that page on a phone and shows whether the "
                "certificate is genuine; leave it empty to print the bare code."
            )
        )
        for spin in (self.opens_spin, self.late_spin):
            spin.setSuffix(self.tr(" min"))
        self.late_entry_spin.setSuffix(self.tr(" days"))
        self.late_entry_spin.setToolTip(self.tr(
            "A check-in typed in after its lesson (a paper sign-in sheet) is marked as a late "
            "entry; for older lessons an administrator must enter it."))

    def _show_logo(self) -> None:
        pixmap = QPixmap(self.logo_path) if self.logo_path else QPixmap()
        if pixmap.isNull():
            self.logo_preview.setText(self.tr("none") if not self.logo_path else "?")
            self.logo_preview.setPixmap(QPixmap())
        else:
            self.logo_preview.setPixmap(
                pixmap.scaled(
                    64,
                    64,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    @Slot()
    def on_logo_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("School logo"), str(Path.home()), self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            if QPixmap(path).isNull():
                self.error_label.setText(self.tr("This file is not an image FrontDesk can read."))
                self.error_label.show()
                return
            self.logo_path = path
            self._show_logo()

    @Slot()
    def on_logo_clear_clicked(self) -> None:
        self.logo_path = ""
        self._show_logo()

    def printer(self) -> receipts.ReceiptPrinter:
        return receipts.ReceiptPrinter(
            width_mm=int(self.printer_box.currentData()),
            target=self.printer_edit.text().strip(),
            drawer=self.drawer_box.isChecked(),
        )

    @Slot(int)
    def on_printer_box_current_index_changed(self, _index: int = 0) -> None:
        thermal = self.printer().thermal
        for widget in (self.printer_edit, self.drawer_box, self.test_page_button):
            widget.setEnabled(thermal)

    @Slot()
    def on_test_page_button_clicked(self) -> None:
        printer = self.printer()
        if not printer.target:
            self.printer_note.setText(self.tr("Enter the printer's address first."))
        else:
            problem = receipts.print_test_page(self, printer, self.name_edit.text().strip())
            self.printer_note.setText(problem or self.tr("The test page was sent to {printer}.")
                                      .format(printer=printer.target))
        self.printer_note.show()

    def value(self) -> SchoolSettings:
        return dataclasses.replace(
            self.current,
            name=self.name_edit.text().strip(),
            name_en=self.name_en_edit.text().strip(),
            address=self.address_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            logo_path=self.logo_path,
            timezone=self.zone_box.currentText().strip(),
            inclusive_ratio_pct=self.ratio_spin.value(),
            receipt_prefix=self.receipt_edit.text().strip().upper(),
            certificate_prefix=self.certificate_edit.text().strip().upper(),
            verification_address=self.verification_edit.text().strip(),
            checkin_opens_min=self.opens_spin.value(),
            late_after_min=self.late_spin.value(),
            late_entry_days=self.late_entry_spin.value(),
            import_row_limit=self.import_limit_spin.value(),
        )

    def _save(self, settings: SchoolSettings) -> SchoolSettings:
        ctx = self.context
        saved = ctx.act(staff_actions.update_settings, settings, ctx.now())
        receipts.remember_receipt_printer(self.printer())
        return saved

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> SchoolSettings | None:
        return cls.run(cls(parent, context))
