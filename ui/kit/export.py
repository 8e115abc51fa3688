"""Export the roster, or one course's list, to .xlsx off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from frontdesk.errors import DomainError
from frontdesk.privacy import actions as privacy_actions
from frontdesk.roster import actions as roster_actions
from ui.kit.context import DeskContext
from ui.kit.words import describe
from ui.kit.worker import Report, run_with_progress


def choose_xlsx_path(parent: QWidget, suggested: str) -> Path | None:
    """The save-file seam tests replace (``ui.kit.export.choose_xlsx_path``)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    title = QCoreApplication.translate("Export", "Export to Excel")
    kinds = QCoreApplication.translate("Export", "Excel (*.xlsx)")
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), kinds)
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def export_roster_interactively(
    parent: QWidget, context: DeskContext, course_id: int | None
) -> tuple[bool, str] | None:
    """Ask where, export, and say how it went: (succeeded, sentence); None if cancelled."""
    if course_id is None:
        suggested = QCoreApplication.translate("Export", "roster.xlsx")
    else:
        suggested = QCoreApplication.translate("Export", "class-list.xlsx")
    path = choose_xlsx_path(parent, suggested)
    if path is None:
        return None

    def work(_report: Report) -> int:
        return context.act(roster_actions.export_roster, path, course_id=course_id,
                           full_phone=False)

    label = QCoreApplication.translate("Export", "Exporting…")
    outcome = run_with_progress(parent, label, None, work)
    if isinstance(outcome.error, DomainError):
        return False, describe(outcome.error)
    if isinstance(outcome.error, OSError):
        text = QCoreApplication.translate("Export", "Could not write {path}: {reason}")
        return False, text.format(path=path, reason=outcome.error.strerror or outcome.error)
    if outcome.error is not None:
        raise outcome.error
    # Personal data left the store: the export is in the audit trail.
    kind = "roster" if course_id is None else "course_roster"
    context.act(privacy_actions.record_export, context.now(), kind, outcome.result, False,
                file_name=path.name)
    text = QCoreApplication.translate("Export", "Exported {n} rows to {path}.")
    return True, text.format(n=outcome.result, path=path)
