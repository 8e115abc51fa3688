"""Export the roster, or one course's list, to .xlsx off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from frontdesk.domain.errors import DomainError
from frontdesk.domain.export import export_roster
from ui.context import DeskContext
from ui.messages import describe
from ui.worker import Report, run_with_progress


def _t(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def choose_xlsx_path(parent: QWidget, suggested: str) -> Path | None:
    """The save-file seam tests replace (``ui.export.choose_xlsx_path``)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, _t("Export to Excel"),
                                          str(Path(folder) / suggested), _t("Excel (*.xlsx)"))
    if not path:
        return None
    return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")


def export_roster_interactively(parent: QWidget, context: DeskContext,
                                course_id: int | None) -> str | None:
    """Ask where, export, and return the sentence to show (None if cancelled)."""
    suggested = _t("roster.xlsx") if course_id is None else _t("class-list.xlsx")
    path = choose_xlsx_path(parent, suggested)
    if path is None:
        return None

    def work(_report: Report) -> int:
        with context.store.read() as session:
            return export_roster(session, path, course_id=course_id, full_phone=False)

    outcome = run_with_progress(parent, _t("Exporting…"), None, work)
    if isinstance(outcome.error, DomainError):
        return describe(outcome.error)
    if isinstance(outcome.error, OSError):
        return _t("Could not write {path}: {reason}").format(path=path, reason=outcome.error)
    if outcome.error is not None:
        raise outcome.error
    return _t("Exported {n} rows to {path}.").format(n=outcome.result, path=path)
