"""What to make of a document, and handing it over: the one output dialog.

Cards, paper sign-in sheets and certificates all ask the same question
(print it, save one PDF, a PDF each in a folder or a .zip, a card image)
through ``OutputDialog`` and hand a drawn PDF over through ``deliver_pdf``
(print with preview, or save where the user says). Each flow ends with a
``Notice`` for the page's banner, or None when the user cancelled.
"""

from __future__ import annotations

import enum
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.kit import printing
from ui.kit.widgets import Banner


class Output(enum.Enum):
    PRINT = "print"  # the print dialog, with preview
    PDF = "pdf"  # one PDF (a page per learner), saved
    FOLDER = "folder"  # a PDF per learner into a folder
    ZIP = "zip"  # a PDF per learner inside a .zip file
    IMAGE = "image"  # one card as a PNG, to send to a phone


@dataclass(frozen=True)
class OutputChoice:
    output: Output
    option: bool = False  # the dialog's check box (e.g. "with the waiting list")


@dataclass(frozen=True)
class Notice:
    """What the page's banner says after a flow: kind is "ok", "warn" or "error"."""

    kind: str
    text: str

    def show_in(self, banner: Banner) -> None:
        {"ok": banner.ok, "warn": banner.warn}.get(self.kind, banner.error)(self.text)


def choice_text(output: Output) -> str:
    """The button's words for ``output`` unless the caller names it otherwise."""
    texts = {
        Output.PRINT: QCoreApplication.translate("Cards", "Print…"),
        Output.PDF: QCoreApplication.translate("Cards", "Save as PDF…"),
        Output.FOLDER: QCoreApplication.translate(
            "OutputDialog", "Save a PDF for each learner into a folder"),
        Output.ZIP: QCoreApplication.translate(
            "OutputDialog", "Save a PDF for each learner into a .zip file"),
        Output.IMAGE: QCoreApplication.translate("Cards", "Card image (PNG)…"),
    }
    return texts[output]


class OutputDialog(QDialog):
    """What to make: a button per way out (the first is the default), an
    optional check box, and room (``extra``) for a caller's own fields."""

    def __init__(self, parent: QWidget | None, title: str, text: str,
                 choices: Sequence[Output] = (Output.PRINT, Output.PDF),
                 option: str | None = None, cancel: str | None = None,
                 labels: Mapping[Output, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.chosen: Output | None = None
        self.text_label = QLabel(text)
        self.text_label.setWordWrap(True)
        self.text_label.setMinimumWidth(380)
        self.has_option = option is not None
        self.option_box = QCheckBox(option or "")
        self.option_box.setVisible(self.has_option)
        self.extra = QVBoxLayout()
        self.buttons = QDialogButtonBox()
        if len(choices) > 3:  # long choices read best one under the other
            self.buttons.setOrientation(Qt.Orientation.Vertical)
        self.choice_buttons: dict[Output, QPushButton] = {}
        for output in choices:
            words = (labels or {}).get(output) or choice_text(output)
            button = self.buttons.addButton(words, QDialogButtonBox.ButtonRole.AcceptRole)
            button.clicked.connect(lambda _=False, o=output: self.choose(o))
            self.choice_buttons[output] = button
        self.choice_buttons[choices[0]].setDefault(True)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if cancel:
            close.setText(cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_label)
        layout.addLayout(self.extra)
        layout.addWidget(self.option_box)
        layout.addWidget(self.buttons)

    def choose(self, output: Output) -> None:
        self.chosen = output
        self.accept()

    def choice(self) -> OutputChoice | None:
        if self.chosen is None:
            return None
        return OutputChoice(self.chosen, self.has_option and self.option_box.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str,
            choices: Sequence[Output] = (Output.PRINT, Output.PDF),
            option: str | None = None, cancel: str | None = None,
            labels: Mapping[Output, str] | None = None) -> OutputChoice | None:
        """The user's choice, None when cancelled. The seam tests replace."""
        dialog = cls(parent, title, text, choices, option, cancel, labels)
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def file_name(text: str, fallback: str) -> str:
    """A file name from ``text``: no characters a file system refuses."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text)
    return cleaned.strip(" .") or fallback


def deliver_pdf(parent: QWidget | None, pdf: bytes, name: str, output: Output) -> str | None:
    """Print (with preview) or save the PDF; the sentence for the banner, None if cancelled.

    Raises OSError when the file cannot be written or read back.
    """
    if output is Output.PRINT:
        with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
            target = Path(folder) / (name + ".pdf")
            target.write_bytes(pdf)
            printed = printing.print_pdf(parent, target)
        return QCoreApplication.translate("Cards", "Sent to the printer.") if printed else None
    path = printing.save_pdf_as(parent, pdf, name + ".pdf")
    if path is None:
        return None
    return QCoreApplication.translate("Cards", "Saved to {path}.").format(path=path)
