"""Printing a PDF through Qt's print dialog, and saving one where the user says.

FrontDesk's documents (certificates, receipts) are PDFs made by the core.
To print one, each page is rendered with QtPdf and painted onto the printer
(``QPdfDocument.render`` gives an image at the printer's resolution, capped
so a page stays a few tens of megabytes). Small documents open in the print
preview first; a long batch goes straight to the print dialog, since the
preview keeps every page in memory.

``print_pdf``, ``save_pdf_as`` and ``choose_save_path`` are the seams tests
replace (``ui.kit.printing.print_pdf``…): callers look them up on this module.

QtPdf is an optional part of PySide6 (PySide6-Addons up to 6.11, its own
wheel PySide6-Pdf from 6.12). An installation without it still starts and
saves PDFs; printing and previews say which package to install.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QObject,
    QRect,
    QSettings,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
else:
    try:
        from PySide6.QtPdf import QPdfDocument
    except ImportError:  # a broken install: printing says what is missing (PdfModuleMissing)
        QPdfDocument = None

PRINT_DPI = 300  # enough for text and a QR code; a 600 dpi A4 page would be 140 MB
PREVIEW_DPI = 110  # the preview shows pages at screen size
PREVIEW_PAGE_LIMIT = 40  # a class; beyond that the print dialog opens without preview


class PdfModuleMissing(OSError):
    """Qt's PDF module is not installed: PDFs can be saved but not printed or previewed.

    Its text is the sentence for the user, naming the package to install.
    """


def qt_pdf_package() -> str:
    """The package that carries QtPdf for the installed PySide6."""
    import PySide6

    return "PySide6-Pdf" if tuple(PySide6.__version_info__[:2]) >= (6, 12) else "PySide6-Addons"


def pdf_module_missing() -> PdfModuleMissing:
    text = QCoreApplication.translate(
        "Printing",
        "Printing and previews need Qt's PDF module, which is missing from this installation "
        "of FrontDesk. Ask whoever installed FrontDesk to install the package {package} "
        "(pip install {package}). Saving as PDF still works.")
    return PdfModuleMissing(text.format(package=qt_pdf_package()))


def open_pdf(pdf: bytes | str | os.PathLike[str]) -> QPdfDocument:
    """A loaded QtPdf document from PDF bytes or a file; raises OSError when unreadable
    (PdfModuleMissing when QtPdf is not installed)."""
    if QPdfDocument is None:
        raise pdf_module_missing()
    document = QPdfDocument()
    if isinstance(pdf, bytes):
        # The document reads its device lazily: the buffer must live as long as it.
        buffer = QBuffer(document)
        buffer.setData(QByteArray(pdf))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        document.load(buffer)
    else:
        document.load(os.fspath(pdf))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise OSError(f"not a readable PDF: {pdf if not isinstance(pdf, bytes) else 'bytes'}")
    return document


def page_image(pdf: bytes | str | os.PathLike[str] | QPdfDocument, width: int,
               page: int = 0) -> QImage:
    """One page as an image ``width`` pixels wide (for a preview on screen)."""
    document = open_pdf(pdf) if isinstance(pdf, bytes | str | os.PathLike) else pdf
    points = document.pagePointSize(page)
    height = round(width * points.height() / max(points.width(), 1.0))
    return document.render(page, QSize(width, max(height, 1)))


def match_page(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper size and orientation of the document's first page (A4 landscape…)."""
    points = document.pagePointSize(0)
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageSize(size)
    landscape = points.width() > points.height()
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                               else QPageLayout.Orientation.Portrait)


def _fit(area: QRect, size: QSize) -> QRect:
    """``size`` scaled to fit ``area``, centred (a printer's margins shrink the page a little)."""
    scaled = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.left() + (area.width() - scaled.width()) // 2
    top = area.top() + (area.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


def paint_pdf(printer: QPrinter, document: QPdfDocument) -> int:
    """Paint every page of ``document`` onto ``printer``; returns the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        engine = painter.paintEngine()
        # The preview records each page as a picture: a lower resolution keeps it light.
        previewing = engine is not None and engine.type() == QPaintEngine.Type.Picture
        dpi = min(printer.resolution(), PREVIEW_DPI if previewing else PRINT_DPI)
        area = painter.viewport()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            image = document.render(page, QSize(round(points.width() * dpi / 72),
                                                round(points.height() * dpi / 72)))
            target = _fit(area, image.size())
            painter.fillRect(target, QColor("white"))
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()


# Called once printing is confirmed; returns the PDF to print (it may differ from
# the preview, e.g. once certificates are issued). Its exception stops the print.
Confirm = Callable[[], "str | os.PathLike[str]"]


def _paint_confirmed(printer: QPrinter, confirm: Confirm) -> int:
    document = open_pdf(confirm())
    try:
        return paint_pdf(printer, document)
    finally:
        document.close()
        document.deleteLater()


class _PagePainter(QObject):
    """Answers the preview's requests to paint: the preview itself, or the printer."""

    def __init__(self, document: QPdfDocument, confirm: Confirm | None) -> None:
        super().__init__(document)
        self.document = document
        self.confirm = confirm
        self.error: Exception | None = None

    @Slot(QPrinter)
    def on_preview_paint_requested(self, printer: QPrinter) -> None:
        engine = printer.paintEngine()
        previewing = engine is not None and engine.type() == QPaintEngine.Type.Picture
        if previewing or self.confirm is None:
            paint_pdf(printer, self.document)
            return
        try:  # the print dialog was accepted: printing is confirmed
            _paint_confirmed(printer, self.confirm)
        except Exception as error:  # raised again once the preview has closed
            self.error = error


def print_pdf(parent: QWidget | None, pdf_path: str | os.PathLike[str], *,
              preview: bool | None = None, confirm: Confirm | None = None) -> bool:
    """Print a PDF through the print dialog (with preview for small documents).

    Returns True when the user printed it, False when they cancelled or
    printing is not possible here (QtPdf missing: a message says which package
    to install). With
    ``confirm``, it is called once the print dialog is accepted (never for a
    preview or a cancelled dialog) and what it returns is printed; an
    exception it raises stops the print and is raised here. Raises OSError
    when the file cannot be read as a PDF.
    """
    try:
        document = open_pdf(pdf_path)
    except PdfModuleMissing as missing:
        QMessageBox.warning(parent, QCoreApplication.translate("Printing", "Cannot print"),
                            str(missing))
        return False
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(pdf_path).stem)
        match_page(printer, document)
        if preview is None:
            preview = document.pageCount() <= PREVIEW_PAGE_LIMIT
        if preview:
            dialog = QPrintPreviewDialog(printer, parent)
            dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print preview"))
            helper = _PagePainter(document, confirm)
            dialog.paintRequested.connect(helper.on_preview_paint_requested)
            # The preview's Print button accepts it only once the print dialog was accepted.
            printed = dialog.exec() == QDialog.DialogCode.Accepted
            dialog.deleteLater()
            if helper.error is not None:
                raise helper.error
            return printed
        chooser = QPrintDialog(printer, parent)
        accepted = chooser.exec() == QDialog.DialogCode.Accepted
        chooser.deleteLater()
        if not accepted:
            return False
        if confirm is not None:
            return _paint_confirmed(printer, confirm) > 0
        return paint_pdf(printer, document) > 0
    finally:
        document.close()
        document.deleteLater()


LAST_FOLDER_KEY = "files/last_folder"  # QSettings: where this desk saved a file last


def choose_save_path(parent: QWidget | None, title: str, suggested_name: str, kinds: str,
                     suffix: str) -> Path | None:
    """Ask where to save a file; None when cancelled. ``suffix`` (".pdf") is added if missing.

    The dialog opens in the folder last saved to on this desk (else Documents).
    """
    settings = QSettings()
    folder = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested_name), kinds)
    if not path:
        return None
    settings.setValue(LAST_FOLDER_KEY, str(Path(path).parent))
    return Path(path if path.lower().endswith(suffix) else path + suffix)


def save_pdf_as(parent: QWidget | None, pdf: bytes | str | os.PathLike[str],
                suggested_name: str) -> Path | None:
    """Ask where, then save the PDF (bytes or a file) there; None when cancelled.

    The file is written whole or not at all. Raises OSError when it cannot be.
    """
    title = QCoreApplication.translate("Printing", "Save as PDF")
    kinds = QCoreApplication.translate("Printing", "PDF documents (*.pdf)")
    path = choose_save_path(parent, title, suggested_name, kinds, ".pdf")
    if path is None:
        return None
    if not isinstance(pdf, bytes) and Path(pdf).resolve() == path.resolve():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".partial",
                                         dir=path.parent)
    os.close(handle)
    try:
        if isinstance(pdf, bytes):
            Path(temporary).write_bytes(pdf)
        else:
            shutil.copyfile(pdf, temporary)
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path
