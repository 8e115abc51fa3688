"""Issuing and printing a batch of certificates, off the GUI thread.

The desk picks the learners; a small dialog asks what to make (print now,
one PDF, a PDF each in a folder or a .zip); the batch then issues, renders
and counts in ONE transaction on a worker thread, with a progress bar and
Cancel. Cancelling (or any failure) rolls the whole batch back: no serial is
spent, no print counted, and the renderer removes its partial files. A
class's batch renders in well under a second, far below the store's busy
timeout that other desks would wait for.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from frontdesk.certificates.issue import IssuedCertificate
from frontdesk.certificates.keys import Signer
from frontdesk.roster.courses import CourseSummary
from frontdesk.staff.actor import Actor
from ui.certificates.passphrase import obtain_signer
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.worker import Report, run_with_progress


class Output(enum.Enum):
    PRINT = "print"  # one PDF, then the print dialog with preview
    PDF = "pdf"  # one PDF with a page per learner, saved
    FOLDER = "folder"  # a PDF per learner into a folder
    ZIP = "zip"  # a PDF per learner inside a .zip file


class BatchCancelled(Exception):
    """The user pressed Cancel: raised inside the transaction so it rolls back."""


@dataclass(frozen=True)
class BatchResult:
    certificates: list[IssuedCertificate]
    files: list[Path] = field(default_factory=list)

    @property
    def newly_issued(self) -> int:
        return sum(1 for c in self.certificates if c.newly_issued)


@dataclass
class _Progress:
    """Bridges the renderer's progress/cancel callbacks to the worker's report."""

    report: Report
    going: bool = True

    def progress(self, done: int, total: int) -> None:
        self.going = self.report(done, total) and self.going

    def cancelled(self) -> bool:
        return not self.going


def issue_and_render(
    session: Session, course_id: int, enrollment_ids: Sequence[int] | None, output: Output,
    target: Path, actor: Actor, now: dt.datetime, report: Report, signer: Signer,
) -> BatchResult:
    """Issue (or reuse) the certificates, draw them to ``target``, count them as printed.

    Prints are counted here for saved files; a print job is counted by the
    caller once the print dialog was accepted. Raises BatchCancelled on Cancel.
    """
    from frontdesk.certificates.design import style_for
    from frontdesk.certificates.issue import (
        certificate_contents,
        issue_certificates,
        record_print,
    )
    from frontdesk.documents import fonts
    from frontdesk.documents.certificate import render_certificate_files, render_certificates

    issued = issue_certificates(session, course_id, enrollment_ids, actor, now,
                                unprintable=fonts.missing_characters)
    if not issued:
        return BatchResult([])
    ids = [c.certificate_id for c in issued]
    items = certificate_contents(session, ids, signer)
    steps = _Progress(report)
    steps.progress(0, len(items))
    render = render_certificates if output in (Output.PRINT, Output.PDF) else \
        render_certificate_files
    result = render(target, items, style_for(session), progress=steps.progress,
                    cancel=steps.cancelled)
    if result.cancelled or steps.cancelled():
        raise BatchCancelled
    if output is not Output.PRINT:
        record_print(session, ids, actor, now)
    return BatchResult(issued, result.files)


def run_batch(parent: QWidget, context: DeskContext, course_id: int,
              enrollment_ids: Sequence[int] | None, output: Output, target: Path) -> BatchResult:
    """Run ``issue_and_render`` with a progress bar; raises BatchCancelled or the refusal."""
    actor, now = context.actor, context.now()
    signer = obtain_signer(parent, context)
    if signer is None:
        raise BatchCancelled

    def work(report: Report) -> BatchResult:
        return context.write(issue_and_render, course_id, enrollment_ids, output, target,
                             actor, now, report, signer)

    label = QCoreApplication.translate("CertificateBatch", "Making certificates…")
    cancel = QCoreApplication.translate("CertificateBatch", "Cancel")
    outcome = run_with_progress(parent, label, cancel, work)
    if outcome.error is not None:
        raise outcome.error
    # Cancel pressed after the last page came too late: the batch is complete.
    result: BatchResult = outcome.result
    return result


def print_batch(parent: QWidget, context: DeskContext, course_id: int,
                enrollment_ids: Sequence[int] | None) -> tuple[BatchResult, bool]:
    """Issue and render into a temporary PDF, then the print dialog; (result, printed)."""
    from frontdesk.certificates.issue import record_print

    with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
        target = Path(folder) / (QCoreApplication.translate(
            "CertificateBatch", "certificates") + ".pdf")
        result = run_batch(parent, context, course_id, enrollment_ids, Output.PRINT, target)
        if not result.certificates:
            return result, False
        printed = printing.print_pdf(parent, target)
    if printed:
        ids = [c.certificate_id for c in result.certificates]
        context.write(record_print, ids, context.actor, context.now())
    return result, printed


def hand_out(parent: QWidget, context: DeskContext, course: CourseSummary,
             enrollment_ids: Sequence[int] | None, output: Output) -> str | None:
    """Issue and print or save as chosen; the sentence for the banner, None if abandoned.

    Raises BatchCancelled, DomainError (a refusal) or OSError (a file problem).
    """
    if output is Output.PRINT:
        result, printed = print_batch(parent, context, course.id, enrollment_ids)
        if printed:
            text = QCoreApplication.translate(
                "CertificateBatch", "{n} certificates sent to the printer ({new} newly issued).")
            return text.format(n=len(result.certificates), new=result.newly_issued)
        text = QCoreApplication.translate(
            "CertificateBatch",
            "Not printed. {new} certificates were issued; print them again at any time.")
        return text.format(new=result.newly_issued)
    suggested = QCoreApplication.translate("CertificateBatch", "Certificates {code} {title}")
    target = choose_target(parent, output, suggested.format(code=course.code,
                                                            title=course.title))
    if target is None:
        return None
    result = run_batch(parent, context, course.id, enrollment_ids, output, target)
    text = QCoreApplication.translate(
        "CertificateBatch", "{n} certificates saved to {path} ({new} newly issued).")
    return text.format(n=len(result.certificates), path=target, new=result.newly_issued)


# Asking ---------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_name(text: str) -> str:
    return _UNSAFE.sub("_", text).strip(" .") or "certificates"


def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for a folder; None when cancelled. A seam tests replace."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(path) if path else None


def choose_target(parent: QWidget, output: Output, suggested: str) -> Path | None:
    """Where to write a saved batch (not asked for PRINT)."""
    name = safe_name(suggested)
    title = QCoreApplication.translate("CertificateBatch", "Save certificates")
    if output is Output.PDF:
        kinds = QCoreApplication.translate("CertificateBatch", "PDF documents (*.pdf)")
        return printing.choose_save_path(parent, title, name + ".pdf", kinds, ".pdf")
    if output is Output.ZIP:
        kinds = QCoreApplication.translate("CertificateBatch", "Zip files (*.zip)")
        return printing.choose_save_path(parent, title, name + ".zip", kinds, ".zip")
    if output is Output.FOLDER:
        return choose_folder(parent, QCoreApplication.translate(
            "CertificateBatch", "Folder for the certificates"))
    return None


class OutputDialog(QDialog):
    """How to hand out this batch: print now, or which files to save."""

    def __init__(self, parent: QWidget | None, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print certificates"))
        self.heading = QLabel(self.tr("{n} certificates: what should FrontDesk make?")
                              .format(n=count))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        choices: list[tuple[Output, str]] = [
            (Output.PRINT, self.tr("Print now (preview first)")),
            (Output.PDF, self.tr("Save one PDF, a page for each learner")),
            (Output.FOLDER, self.tr("Save a PDF for each learner into a folder")),
            (Output.ZIP, self.tr("Save a PDF for each learner into a .zip file")),
        ]
        self.buttons_by_output: dict[Output, QRadioButton] = {}
        for output, text in choices:
            button = QRadioButton(text)
            self.group.addButton(button)
            self.buttons_by_output[output] = button
            layout.addWidget(button)
        self.buttons_by_output[Output.PRINT].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> Output:
        for output, button in self.buttons_by_output.items():
            if button.isChecked():
                return output
        return Output.PRINT

    @classmethod
    def ask(cls, parent: QWidget | None, count: int) -> Output | None:
        dialog = cls(parent, count)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        return chosen if accepted else None
