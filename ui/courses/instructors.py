"""The instructors page: professors and industry practitioners who teach."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.roster import actions as roster_actions
from frontdesk.roster.learners import InstructorInput
from frontdesk.staff.roles import Action
from frontdesk.store.models import Instructor
from frontdesk.text import mask_phone
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog
from ui.kit.icons import icon
from ui.kit.page import Page
from ui.kit.rows_model import Column, RowsModel
from ui.kit.tables import read_only_table


class InstructorDialog(FormDialog[InstructorInput, int]):
    def __init__(
        self, parent: QWidget | None, context: DeskContext, instructor: Instructor | None = None
    ) -> None:
        self.context = context
        self.instructor = instructor
        super().__init__(parent, self._save)
        self.name_edit = QLineEdit(instructor.name if instructor else "")
        self.phone_edit = QLineEdit((instructor.phone or "") if instructor else "")
        self.title_edit = QLineEdit(instructor.title if instructor else "")
        self.bio_edit = QPlainTextEdit(instructor.bio if instructor else "")
        self.bio_edit.setFixedHeight(80)
        for widget in (self.name_edit, self.phone_edit, self.title_edit, self.bio_edit):
            self.add_row(widget)
        self.setWindowTitle(self.tr("Instructor"))
        self.set_labels(*(self.tr("Name *"), self.tr("Mobile"), self.tr("Title"), self.tr("About")))
        self.title_edit.setPlaceholderText(self.tr("e.g. professor, jewellery designer"))

    def value(self) -> InstructorInput:
        return InstructorInput(
            self.clean_name_field(self.name_edit),
            self.phone_edit.text() or None,
            self.title_edit.text(),
            self.bio_edit.toPlainText(),
        )

    def _save(self, data: InstructorInput) -> int:
        ctx = self.context
        if self.instructor is None:
            return ctx.act(roster_actions.add_instructor, data, ctx.now()).id
        return ctx.act(roster_actions.update_instructor, self.instructor.id, data,
                       ctx.now()).id

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: DeskContext, instructor: Instructor | None = None
    ) -> int | None:
        return cls.run(cls(parent, context, instructor))


class InstructorsPage(Page):
    icon_name = "instructors"
    TITLE = QT_TRANSLATE_NOOP("Page", "Instructors")

    def __init__(self, context: DeskContext) -> None:
        super().__init__(context)
        self.model: RowsModel[Instructor] = RowsModel(
            [
                Column(lambda: self.tr("Name"), lambda i: i.name),
                Column(lambda: self.tr("Title"), lambda i: i.title),
                Column(lambda: self.tr("Mobile"), lambda i: mask_phone(i.phone)),
                Column(lambda: self.tr("About"), lambda i: i.bio),
            ]
        )
        self.view = read_only_table(self.model, "instructors")
        self.view.setColumnWidth(0, 140)
        self.view.setColumnWidth(1, 160)
        self.view.doubleClicked.connect(self.on_edit_button_clicked)
        self.add_button = QPushButton(icon("add"), "")
        self.add_button.clicked.connect(self.on_add_button_clicked)
        self.edit_button = QPushButton(icon("edit"), "")
        self.edit_button.clicked.connect(self.on_edit_button_clicked)
        if not context.may(Action.INSTRUCTOR_EDIT):  # the domain refuses it to this role
            self.add_button.hide()
            self.edit_button.hide()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("New instructor"))
        self.edit_button.setText(self.tr("Edit"))
        self.model.retranslate()

    def refresh(self) -> None:
        self.model.set_rows(self.context.act(roster_actions.list_instructors))

    def activate(self) -> None:
        self.refresh()

    @Slot()
    def on_add_button_clicked(self) -> None:
        if InstructorDialog.ask(self, self.context) is not None:
            self.refresh()

    @Slot()
    def on_edit_button_clicked(self) -> None:
        if not self.context.may(Action.INSTRUCTOR_EDIT):  # a double click on a read-only list
            return
        rows = self.view.selectionModel().selectedRows()
        if (
            rows
            and InstructorDialog.ask(self, self.context, self.model.rows[rows[0].row()]) is not None
        ):
            self.refresh()
