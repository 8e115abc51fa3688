"""Import learners from a sign-up form's .xlsx/.csv: preview every row, then commit.

Nothing is written until the user presses Import; then the accepted rows go
in as one transaction on a worker thread, with a progress bar and Cancel
(which rolls everything back).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.importer import ImportPreview, ImportRow, Level
from frontdesk.text import mask_phone
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.words import describe, describe_code
from ui.kit.worker import Report, run_with_progress


def choose_import_file(parent: QWidget | None) -> Path | None:
    """The open-file seam tests replace (``ui.roster.import_dialog.choose_import_file``)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ImportDialog", "Import learners"), folder,
        QCoreApplication.translate("ImportDialog", "Sign-up forms (*.xlsx *.csv *.txt)"))
    return Path(path) if path else None


def _problems_text(row: ImportRow) -> str:
    return "；".join(describe_code(p.code, dict(p.details)) for p in row.problems)


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: DeskContext, path: Path) -> None:
        super().__init__(parent)
        self.context = context
        self.path = path
        self.preview: ImportPreview | None = None
        self.summary: str | None = None
        self.resize(960, 600)
        self._init_widgets()
        self.retranslate_ui()
        self.load_preview()

    def _init_widgets(self) -> None:
        self.file_label = QLabel()
        self.course_box = QComboBox()
        self.course_box.addItem("", None)
        for course in self.context.act(roster_actions.course_summaries):
            self.course_box.addItem(f"{course.code} {course.title}", course.code)
        self.course_box.currentIndexChanged.connect(self.on_course_box_current_index_changed)
        self.model: RowsModel[ImportRow] = RowsModel([
            Column(lambda: self.tr("Row"), lambda r: r.row, True),
            Column(lambda: self.tr("Name"), lambda r: r.values.name),
            Column(lambda: self.tr("Mobile"),
                   lambda r: mask_phone(r.values.phone) if r.values.phone else r.values.phone_text),
            Column(lambda: self.tr("Courses"), lambda r: "、".join(c.title for c in r.courses)),
            Column(lambda: self.tr("Will be"),
                   lambda r: self.tr("imported") if r.accepted else self.tr("skipped")),
            Column(lambda: self.tr("Problems"), _problems_text),
        ], tint=self._tint)
        self.table = read_only_table(self.model, "preview", multi=True)
        for column, width in enumerate((50, 110, 120, 220, 70)):
            self.table.setColumnWidth(column, width)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton()
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.on_import_clicked)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        self.course_label = QLabel()
        top.addWidget(self.course_label)
        top.addWidget(self.course_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import learners"))
        self.file_label.setText(self.tr("File: {name}").format(name=self.path.name))
        self.course_label.setText(self.tr("Course for rows that name none:"))
        self.course_box.setItemText(0, self.tr("(none)"))
        self.model.retranslate()
        self._update_summary()

    @staticmethod
    def _tint(row: ImportRow) -> str | None:
        if not row.accepted:
            return "#a12a1d"
        if any(p.level is Level.NOTICE for p in row.problems):
            return "#8a5300"
        return None

    def load_preview(self) -> None:
        """Read and judge the file off the GUI thread (a big sign-up list
        takes a second or more); nothing is written."""
        course = self.course_box.currentData()
        outcome = run_with_progress(
            self, self.tr("Reading {name}…").format(name=self.path.name), None,
            lambda _report: self.context.act(roster_actions.preview_import, self.path,
                                             default_course=course))
        if isinstance(outcome.error, DomainError):
            self.preview = None
            self.model.set_rows([])
            self.error_label.setText(describe(outcome.error))
            self.error_label.show()
        elif outcome.error is not None:
            raise outcome.error
        else:
            self.preview = outcome.result
            self.error_label.hide()
            self.model.set_rows(self.preview.rows)
        self._update_summary()

    def _update_summary(self) -> None:
        preview = self.preview
        accepted = len(preview.accepted_rows) if preview else 0
        rejected = len(preview.rejected_rows) if preview else 0
        self.summary_label.setText(self.tr(
            "{accepted} rows will be imported; {rejected} rows have problems and will be "
            "skipped. Nothing is written until you press Import.").format(
                accepted=accepted, rejected=rejected))
        self.import_button.setText(self.tr("Import {n} rows").format(n=accepted))
        self.import_button.setEnabled(accepted > 0)

    @Slot(int)
    def on_course_box_current_index_changed(self, _index: int) -> None:
        self.load_preview()

    @Slot()
    def on_import_clicked(self) -> None:
        preview = self.preview
        if preview is None or not preview.accepted_rows:
            return
        ctx = self.context
        ratio = ctx.settings().inclusive_ratio_pct

        def work(report: Report) -> object:
            return ctx.act(roster_actions.commit_import, preview, preview.accepted_rows,
                           ctx.now(), ratio, progress=report)

        outcome = run_with_progress(self, self.tr("Importing…"), self.tr("Cancel"), work)
        if isinstance(outcome.error, DomainError):
            self.error_label.setText(describe(outcome.error))
            self.error_label.show()
            return
        if outcome.error is not None:
            raise outcome.error
        result = outcome.result
        self.summary = self.tr(
            "Imported: {added} new learners, {reused} already on the roster, {enrolled} "
            "enrollments ({waiting} on waiting lists), {skipped} rows skipped.").format(
                added=result.learners_added, reused=result.learners_reused,
                enrolled=result.enrollments_added, waiting=result.waitlisted,
                skipped=len(result.skipped) + len(preview.rejected_rows))
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> str | None:
        """Choose a file, preview, import; returns the summary to show, or None."""
        path = choose_import_file(parent)
        if path is None:
            return None
        dialog = cls(parent, context, path)
        return dialog.summary if dialog.exec() == QDialog.DialogCode.Accepted else None
