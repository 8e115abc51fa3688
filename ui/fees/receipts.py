"""Where receipts go: a PDF in the receipts folder at once, then the printer.

Every receipt is saved as ``<receipts>/<year>/<receipt no>.pdf`` the moment
the payment is recorded (a copy as ``… 副本.pdf``), so a jammed printer
never loses one. The folder sits beside a SQLite store; with a shared
database server it is in the user's documents.

Printing: this desk's setting (:class:`ReceiptPrinter`, kept in the desk's
QSettings since each PC has its own printer) chooses either the A5 PDF through
the system's print dialog (``ui.kit.printing.print_pdf``, looked up at call
time, so tests replace it) or a thermal receipt printer spoken to in ESC/POS
(:mod:`frontdesk.documents.escpos_receipt`, sent off the GUI thread through
:mod:`frontdesk.documents.printer_port`). The money is taken before anything
is printed: a printer that is off or out of paper only costs a copy (副本).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

from frontdesk.errors import DomainError
from frontdesk.fees.view import ReceiptData
from frontdesk.vocab import PaymentMethod
from ui.kit.context import DeskContext

PDF = 0  # the width setting's value for "A5 PDF through the system printer"


@dataclass(frozen=True)
class ReceiptPrinter:
    """This desk's receipt printer: ``width_mm`` 58 or 80 (a thermal printer at
    ``target``), or PDF (0) for the A5 page through the system's print dialog."""

    width_mm: int = PDF
    target: str = ""
    drawer: bool = False  # a cash payment opens the cash drawer

    @property
    def thermal(self) -> bool:
        return self.width_mm != PDF


def receipt_printer() -> ReceiptPrinter:
    settings = QSettings()
    try:
        width = int(str(settings.value("receipt_printer/width", PDF)))
    except (TypeError, ValueError):
        width = PDF
    from frontdesk.documents.escpos_receipt import WIDTHS

    return ReceiptPrinter(
        width_mm=width if width in WIDTHS else PDF,
        target=str(settings.value("receipt_printer/target", "")),
        drawer=str(settings.value("receipt_printer/drawer", "false")).lower() == "true",
    )


def remember_receipt_printer(printer: ReceiptPrinter) -> None:
    settings = QSettings()
    settings.setValue("receipt_printer/width", printer.width_mm)
    settings.setValue("receipt_printer/target", printer.target)
    settings.setValue("receipt_printer/drawer", "true" if printer.drawer else "false")


@dataclass(frozen=True)
class SavedReceipt:
    path: Path | None
    problem: str = ""  # a sentence when the PDF could not be made


def receipts_folder(context: DeskContext) -> Path:
    store_path = context.store.sqlite_path
    if store_path is not None:
        return store_path.parent / "receipts"
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) / "FrontDesk" / "receipts"


def receipt_path(folder: Path, data: ReceiptData) -> Path:
    name = data.receipt_no + (" 副本" if data.copy else "")
    return folder / str(data.business_date.year) / f"{name}.pdf"


def save_receipt(context: DeskContext, data: ReceiptData) -> SavedReceipt:
    """Draw the receipt into the receipts folder (written whole or not at all)."""
    from frontdesk.documents.fonts import MissingGlyphs
    from frontdesk.documents.receipt import receipt_pdf

    target = receipt_path(receipts_folder(context), data)
    try:
        _write_whole(target, receipt_pdf(data))
    except MissingGlyphs as error:
        text = QCoreApplication.translate(
            "Receipts", "The receipt cannot be drawn: no bundled font has {characters}.")
        return SavedReceipt(None, text.format(characters=error.characters))
    except OSError as error:
        text = QCoreApplication.translate("Receipts", "The receipt could not be saved: {reason}")
        return SavedReceipt(None, text.format(reason=error.strerror or error))
    return SavedReceipt(target)


def _write_whole(target: Path, pdf: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".partial",
                                       dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(pdf)
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)


def print_receipt(parent: QWidget | None, path: Path) -> bool:
    """Offer the saved receipt to the printer; True when it was printed."""
    from ui.kit import printing

    try:
        return printing.print_pdf(parent, path)
    except OSError:
        return False


def _send_off_thread(parent: QWidget | None, printer: ReceiptPrinter, stream: bytes) -> str:
    """Send ``stream`` to the thermal printer; '' when it went, else what went wrong."""
    from frontdesk.documents import printer_port
    from ui.kit.words import describe
    from ui.kit.worker import run_with_progress

    label = QCoreApplication.translate("Receipts", "Printing the receipt…")
    outcome = run_with_progress(parent, label, None,
                                lambda _report: printer_port.send(printer.target, stream))
    if isinstance(outcome.error, DomainError):
        return describe(outcome.error)
    if outcome.error is not None:
        raise outcome.error
    return ""


def print_on_receipt_printer(parent: QWidget | None, printer: ReceiptPrinter,
                             data: ReceiptData, *, print_it: bool = True) -> str:
    """The receipt on this desk's thermal printer (and the drawer for cash, when set).

    ``print_it`` False only opens the drawer. Returns '' when all went to the
    printer, else a sentence for the clerk: the payment stands either way.
    """
    from frontdesk.documents.escpos_receipt import EscPos, receipt_bytes
    from frontdesk.documents.fonts import MissingGlyphs

    kick = printer.drawer and data.method is PaymentMethod.CASH and not data.copy
    if print_it:
        try:
            stream = receipt_bytes(data, printer.width_mm, open_drawer=kick)
        except MissingGlyphs as error:
            text = QCoreApplication.translate(
                "Receipts", "The receipt cannot be drawn: no bundled font has {characters}.")
            return text.format(characters=error.characters)
    elif kick:
        stream = bytes(EscPos(printer.width_mm).drawer().data)
    else:
        return ""
    problem = _send_off_thread(parent, printer, stream)
    if problem and print_it:
        problem += " " + QCoreApplication.translate(
            "Receipts", "The payment is recorded. When the printer is ready, print a copy "
            "with “Reprint receipt”.")
    return problem


def print_test_page(parent: QWidget | None, printer: ReceiptPrinter, school_name: str) -> str:
    """One test page on the thermal printer: '' when it went, else what went wrong."""
    from frontdesk.documents.escpos_receipt import printer_test_page

    return _send_off_thread(parent, printer,
                            printer_test_page(printer.width_mm, school_name, printer.target))
