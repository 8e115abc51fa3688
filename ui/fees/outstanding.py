"""Who still owes: per course or for the whole school, with whom to call.

Phones are masked on screen; the exported workbook carries full numbers
only when the desk asks for them (it is a call list).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.fees import actions as fees_actions
from frontdesk.fees.view import ChargingCourse, OutstandingRow
from frontdesk.text import mask_phone
from ui.fees.models import outstanding_model
from ui.kit import export
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.tables import FEES_ROW_HEIGHT, read_only_table
from ui.kit.widgets import money


class OutstandingPanel(QWidget):
    """``learner_chosen(id)``: take this learner's payment on the fees tab."""

    learner_chosen = Signal(int)
    message = Signal(str, str)

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.courses: list[ChargingCourse] = []
        self.course_box = QComboBox()
        self.course_box.setObjectName("outstanding_course")
        self.course_box.setMinimumWidth(320)
        self.course_box.currentIndexChanged.connect(self.refresh)
        self.model = outstanding_model()
        self.view = read_only_table(self.model, "outstanding", stretch=0,
                                    row_height=FEES_ROW_HEIGHT)
        self.view.activated.connect(self.on_view_activated)
        self.total_label = QLabel()
        self.open_button = QPushButton(icon("fees"), "")
        self.open_button.clicked.connect(self.on_open_button_clicked)
        self.full_phone_box = QCheckBox()
        self.export_button = QPushButton(icon("export"), "")
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self._init_layout()
        self.retranslate_ui()

    def _init_layout(self) -> None:
        top = QHBoxLayout()
        self.course_label = QLabel()
        top.addWidget(self.course_label)
        top.addWidget(self.course_box)
        top.addStretch(1)
        top.addWidget(self.full_phone_box)
        top.addWidget(self.export_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total_label, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)

    def retranslate_ui(self) -> None:
        self.course_label.setText(self.tr("Who still owes on:"))
        self.full_phone_box.setText(self.tr("Full mobile numbers in the file"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.open_button.setText(self.tr("Take payment…"))
        self.model.retranslate()
        self._fill_courses()
        self._show_total()

    def _fill_courses(self) -> None:
        """List what ``reload`` read (a language change relabels without reading)."""
        current = self.course_box.currentData()
        self.course_box.blockSignals(True)
        self.course_box.clear()
        self.course_box.addItem(self.tr("The whole school"), None)
        for course in self.courses:
            self.course_box.addItem(f"{course.code} {course.title}", course.id)
        self.course_box.setCurrentIndex(max(0, self.course_box.findData(current)))
        self.course_box.blockSignals(False)

    def reload(self) -> None:
        """The tab was brought to the front: read the courses and who owes again."""
        self.courses = self.context.act(fees_actions.charging_courses)
        self._fill_courses()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.model.set_rows(self.context.act(fees_actions.outstanding,
                                             self.course_box.currentData()))
        self._show_total()

    def _show_total(self) -> None:
        rows = self.model.rows
        self.total_label.setText(self.tr("{n} learners still owe {total} in all.").format(
            n=len({r.learner_id for r in rows}), total=money(sum(r.balance_fen for r in rows))))

    def chosen(self) -> OutstandingRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    @Slot(QModelIndex)
    def on_view_activated(self, _index: QModelIndex) -> None:
        self.on_open_button_clicked()

    @Slot()
    def on_open_button_clicked(self) -> None:
        row = self.chosen()
        if row is not None:
            self.learner_chosen.emit(row.learner_id)

    @Slot()
    def on_export_button_clicked(self) -> None:
        from frontdesk.documents.fees_xlsx import write_outstanding_xlsx

        path = export.choose_xlsx_path(self, self.tr("outstanding-fees.xlsx"))
        if path is None:
            return
        rows = self.model.rows
        if not self.full_phone_box.isChecked():
            rows = [dataclasses.replace(r, phone=mask_phone(r.phone)) for r in rows]
        try:
            write_outstanding_xlsx(rows, path, tz=self.context.settings().tz())
        except OSError as error:
            self.message.emit("error", self.tr("Could not write {path}: {reason}").format(
                path=path, reason=error.strerror or error))
            return
        self.message.emit("ok", self.tr("Exported {n} rows to {path}.").format(
            n=len(rows), path=path))
