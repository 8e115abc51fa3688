"""Where receipts go: a PDF in the receipts folder at once, then the printer.

Every receipt is saved as ``<receipts>/<year>/<receipt no>.pdf`` the moment
the payment is recorded (a copy as ``… 副本.pdf``), so a jammed printer
never loses one. The folder sits beside a SQLite store; with a shared
database server it is in the user's documents. Printing goes through
``ui.kit.printing.print_pdf`` (looked up at call time, so tests replace it).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QWidget

from frontdesk.fees.view import ReceiptData
from ui.kit.context import DeskContext


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
