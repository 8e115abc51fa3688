"""Issuing and printing a batch of certificates, off the GUI thread.

The desk picks the learners; a small dialog asks what to make (print now,
one PDF, a PDF each in a folder or a .zip). The batch is drawn on a worker
thread, with a progress bar and Cancel, OUTSIDE any write transaction, with
the serials the new certificates will take
(:mod:`frontdesk.certificates.handout`). Serials are spent in one short
transaction only when the paper is made: once the files are drawn (then
moved into place), or once the print dialog is accepted. Cancelling the
progress, the preview or the print dialog, or a failure, spends nothing,
counts nothing and leaves no file behind.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from frontdesk.certificates import actions as certificate_actions
from frontdesk.certificates.handout import CertificateBatch
from frontdesk.certificates.issue import IssuedCertificate
from frontdesk.documents.certificate_staging import Staged
from frontdesk.errors import DomainError
from frontdesk.roster.courses import CourseSummary
from ui.kit import printing
from ui.kit.context import DeskContext
from ui.kit.output import Output, OutputDialog, file_name
from ui.kit.worker import Report, run_with_progress


class BatchCancelled(Exception):
    """The user pressed Cancel: nothing was issued, counted or left behind."""


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


class _Drawer:
    """Draws a batch beside its destination (staged), watching progress and Cancel."""

    def __init__(self, context: DeskContext, output: Output, target: Path,
                 report: Report | None) -> None:

        self.output, self.target = output, target
        self.style = context.act(certificate_actions.style)
        self.steps = _Progress(report) if report is not None else None

    def __call__(self, batch: CertificateBatch) -> Staged:
        from frontdesk.documents.certificate_staging import stage_certificates

        if not batch.contents:
            raise DomainError("certificate_nothing_to_print")
        steps = self.steps
        if steps is not None:
            steps.progress(0, len(batch.contents))
        staged = stage_certificates(
            self.target, batch.contents, self.style,
            per_learner=self.output in (Output.FOLDER, Output.ZIP),
            progress=steps.progress if steps else None,
            cancel=steps.cancelled if steps else None)
        if staged.cancelled or (steps is not None and steps.cancelled()):
            staged.discard()
            raise BatchCancelled
        return staged


def _run(parent: QWidget, work: Callable[[Report], object]) -> object:
    label = QCoreApplication.translate("CertificateBatch", "Making certificates…")
    cancel = QCoreApplication.translate("CertificateBatch", "Cancel")
    outcome = run_with_progress(parent, label, cancel, work)
    if outcome.error is not None:
        raise outcome.error
    return outcome.result


def save_batch(parent: QWidget, context: DeskContext, course_id: int,
               enrollment_ids: Sequence[int] | None, output: Output, target: Path) -> BatchResult:
    """Draw the files beside ``target`` with a progress bar, issue, then move them into place."""
    from frontdesk.documents import fonts

    def work(report: Report) -> BatchResult:
        draw = _Drawer(context, output, target, report)
        issued, staged = context.act(certificate_actions.hand_out, course_id, enrollment_ids,
                                     context.now, draw, discard=Staged.discard,
                                     unprintable=fonts.missing_characters)
        return BatchResult(issued, staged.publish())

    result = _run(parent, work)
    assert isinstance(result, BatchResult)
    return result


def print_batch(parent: QWidget, context: DeskContext, course_id: int,
                enrollment_ids: Sequence[int] | None) -> tuple[BatchResult, bool]:
    """Draw a preview PDF (progress bar), then the print dialog; (result, printed).

    The certificates are issued only when printing is confirmed: a preview
    closed or a print dialog cancelled spends no serial.
    """
    from frontdesk.certificates.handout import ATTEMPTS, SerialsTaken
    from frontdesk.documents import fonts

    with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
        target = Path(folder) / (QCoreApplication.translate(
            "CertificateBatch", "certificates") + ".pdf")

        def prepare() -> CertificateBatch:
            return context.act(certificate_actions.prepare_batch, course_id, enrollment_ids,
                               context.now(), unprintable=fonts.missing_characters)

        def work(report: Report) -> tuple[CertificateBatch, Staged]:
            batch = prepare()
            return batch, _Drawer(context, Output.PRINT, target, report)(batch)

        drawn = _run(parent, work)
        assert isinstance(drawn, tuple)
        batch: CertificateBatch = drawn[0]
        staged: Staged = drawn[1]
        issued: list[IssuedCertificate] = []

        def confirm() -> Path:
            nonlocal batch, staged
            for _ in range(ATTEMPTS):
                try:
                    issued.extend(context.act(certificate_actions.commit_batch, batch,
                                              context.now()))
                    return staged.files[0]
                except SerialsTaken:  # another desk issued meanwhile: draw again
                    staged.discard()
                    batch = prepare()
                    staged = _Drawer(context, Output.PRINT, target, None)(batch)
            raise DomainError("certificate_busy")

        try:
            printed = printing.print_pdf(parent, staged.files[0], confirm=confirm)
        finally:
            staged.discard()
    return BatchResult(issued), printed and bool(issued)


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
        return QCoreApplication.translate(
            "CertificateBatch", "Not printed: no certificate was issued or counted.")
    suggested = QCoreApplication.translate("CertificateBatch", "Certificates {code} {title}")
    target = choose_target(parent, output, suggested.format(code=course.code,
                                                            title=course.title))
    if target is None:
        return None
    result = save_batch(parent, context, course.id, enrollment_ids, output, target)
    text = QCoreApplication.translate(
        "CertificateBatch", "{n} certificates saved to {path} ({new} newly issued).")
    return text.format(n=len(result.certificates), path=target, new=result.newly_issued)


# Asking ---------------------------------------------------------------------------

def choose_folder(parent: QWidget, title: str) -> Path | None:
    """Ask for a folder; None when cancelled. A seam tests replace."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path = QFileDialog.getExistingDirectory(parent, title, start)
    return Path(path) if path else None


def choose_target(parent: QWidget, output: Output, suggested: str) -> Path | None:
    """Where to write a saved batch (not asked for PRINT)."""
    name = file_name(suggested, "certificates")
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


def ask_output(parent: QWidget | None, count: int) -> Output | None:
    """How to hand out a batch of ``count``: print now, or which files to save."""
    title = QCoreApplication.translate("OutputDialog", "Print certificates")
    text = QCoreApplication.translate(
        "OutputDialog", "{n} certificates: what should FrontDesk make?").format(n=count)
    labels = {
        Output.PRINT: QCoreApplication.translate("OutputDialog", "Print now (preview first)"),
        Output.PDF: QCoreApplication.translate(
            "OutputDialog", "Save one PDF, a page for each learner"),
    }
    choice = OutputDialog.ask(parent, title, text,
                              (Output.PRINT, Output.PDF, Output.FOLDER, Output.ZIP),
                              labels=labels)
    return choice.output if choice is not None else None
