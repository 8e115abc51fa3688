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
from frontdesk.roster.importer import Field, ImportPreview, ImportRow, Level
from frontdesk.roster.sheet_headers import ColumnRef, auto_map, with_overrides
from frontdesk.text import mask_phone
from ui.kit.context import DeskContext
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table
from ui.kit.words import describe, describe_code
from ui.kit.worker import Report, run_with_progress
from ui.roster.import_mapping import MappingPanel


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
        self.overrides: dict[Field, ColumnRef] = {}  # the clerk's columns, by field
        self.course_choices: dict[str, str] = {}  # answer text -> course code
        self.resize(1280, 720)
        self._init_widgets()
        self.retranslate_ui()
        self.load_preview()

    def _init_widgets(self) -> None:
        self.file_label = QLabel()
        courses = self.context.act(roster_actions.course_summaries)
        self.course_box = QComboBox()
        self.course_box.addItem("", None)
        for course in courses:
            self.course_box.addItem(f"{course.code} {course.title}", course.code)
        self.course_box.currentIndexChanged.connect(self.on_course_box_current_index_changed)
        self.mapping = MappingPanel(self, [(c.code, c.title) for c in courses])
        self.mapping.column_chosen.connect(self.on_mapping_column_chosen)
        self.mapping.course_chosen.connect(self.on_mapping_course_chosen)
        self._init_table()
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet("color: #8a5300; font-weight: bold;")
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
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
        self._init_layout()

    def _init_table(self) -> None:
        self.model: RowsModel[ImportRow] = RowsModel([
            Column(lambda: self.tr("Row"), lambda r: r.row, True),
            Column(lambda: self.tr("Submitted at"), lambda r: r.values.submitted),
            Column(lambda: self.tr("Name"), lambda r: r.values.name),
            Column(lambda: self.tr("Mobile"),
                   lambda r: mask_phone(r.values.phone) if r.values.phone else r.values.phone_text),
            Column(lambda: self.tr("Gender"), lambda r: r.values.gender),
            Column(lambda: self.tr("Occupation"), lambda r: r.values.occupation),
            Column(lambda: self.tr("Courses"),
                   lambda r: "、".join(c.title for c in r.courses) or r.values.course_text),
            Column(lambda: self.tr("Will be"), self._fate),
            Column(lambda: self.tr("Problems"), _problems_text),
        ], tint=self._tint)
        self.table = read_only_table(self.model, "preview", multi=True)
        for column, width in enumerate((44, 130, 64, 95, 44, 80, 190, 110)):
            self.table.setColumnWidth(column, width)

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        self.course_label = QLabel()
        top.addWidget(self.course_label)
        top.addWidget(self.course_box)
        middle = QHBoxLayout()
        middle.addWidget(self.mapping)
        right = QVBoxLayout()
        right.addWidget(self.warning_label)
        right.addWidget(self.table, 1)
        middle.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import learners"))
        self.file_label.setText(self.tr("File: {name}").format(name=self.path.name))
        self.course_label.setText(self.tr("Course for rows that name none:"))
        self.course_box.setItemText(0, self.tr("(none)"))
        self.mapping.retranslate_ui()
        self.model.retranslate()
        self._update_summary()

    def _fate(self, row: ImportRow) -> str:
        if row.replaced_by is not None:
            return self.tr("merged into row {row}").format(row=row.replaced_by)
        if not row.accepted:
            return self.tr("skipped")
        if row.waitlisted:
            return self.tr("waiting list")
        return self.tr("seat") if row.courses else self.tr("imported")

    @staticmethod
    def _tint(row: ImportRow) -> str | None:
        if row.replaced_by is not None:
            return "#777777"
        if not row.accepted:
            return "#a12a1d"
        if row.waitlisted or any(p.level is Level.NOTICE for p in row.problems):
            return "#8a5300"
        return None

    def load_preview(self) -> None:
        """Read and judge the file off the GUI thread (a big sign-up list
        takes a second or more); nothing is written."""
        course = self.course_box.currentData()
        overrides, choices = dict(self.overrides), dict(self.course_choices)
        outcome = run_with_progress(
            self, self.tr("Reading {name}…").format(name=self.path.name), None,
            lambda _report: self.context.act(
                roster_actions.preview_import, self.path, default_course=course,
                overrides=overrides, course_choices=choices))
        columns = None
        if isinstance(outcome.error, DomainError):
            self.preview = None
            self.model.set_rows([])
            self.error_label.setText(describe(outcome.error))
            self.error_label.show()
            headers = outcome.error.details.get("headers")
            if outcome.error.code == "import_no_name_column" and headers:
                # Let the clerk point the name (and the rest) at the file's columns.
                columns = with_overrides(auto_map(headers), {
                    f: c for f, c in overrides.items() if not isinstance(c, int)
                    or c < len(headers)})
        elif outcome.error is not None:
            raise outcome.error
        else:
            self.preview = outcome.result
            self.error_label.hide()
            self.model.set_rows(self.preview.rows)
        self.mapping.show_preview(self.preview, columns)
        self._update_summary()

    def _update_summary(self) -> None:
        preview = self.preview
        accepted = len(preview.accepted_rows) if preview else 0
        waiting = sum(1 for r in preview.rows if r.accepted and r.waitlisted) if preview else 0
        self.summary_label.setText(self.tr(
            "{accepted} rows will be imported ({waiting} onto a waiting list); {replaced} are "
            "earlier answers of a person who answered again; {rejected} rows have problems and "
            "will be skipped. Nothing is written until you press Import.").format(
                accepted=accepted, waiting=waiting,
                replaced=len(preview.replaced_rows) if preview else 0,
                rejected=len(preview.rejected_rows) if preview else 0))
        warnings = [describe_code(w.code, dict(w.details)) for w in preview.warnings] \
            if preview else []
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        self.import_button.setText(self.tr("Import {n} rows").format(n=accepted))
        self.import_button.setEnabled(accepted > 0)

    @Slot(int)
    def on_course_box_current_index_changed(self, _index: int) -> None:
        self.load_preview()

    @Slot(str, object)
    def on_mapping_column_chosen(self, field: str, column: object) -> None:
        self.overrides[Field(field)] = column if isinstance(column, int) else None
        self.load_preview()

    @Slot(str, str)
    def on_mapping_course_chosen(self, answer: str, code: str) -> None:
        self.course_choices[answer] = code
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
