"""Add or edit a learner; the same name and phone offers the existing record."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.roster import learners as roster
from frontdesk.roster.learners import LearnerInput
from ui.kit.context import DeskContext
from ui.kit.form import FormDialog

GENDERS = ("", "女", "男")


class LearnerDialog(FormDialog[LearnerInput, int]):
    """Returns the learner's id: the one added or edited, or the existing
    record the user chose to open instead of a duplicate."""

    def __init__(
        self, parent: QWidget | None, context: DeskContext, learner_id: int | None = None
    ) -> None:
        self.context = context
        self.learner_id = learner_id
        super().__init__(parent, self._save)
        self.existing_id: int | None = None
        self._init_fields()
        self._init_duplicate_button()
        if learner_id is not None:
            self._load(learner_id)
        self.retranslate_ui()

    def _init_fields(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(roster.MAX_NAME)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(20)
        self.gender_box = QComboBox()
        self.gender_box.addItems(["", "", ""])
        self.occupation_edit = QLineEdit()
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(60)
        self.consent_box = QCheckBox()
        for widget in (
            self.name_edit,
            self.phone_edit,
            self.gender_box,
            self.occupation_edit,
            self.note_edit,
            self.consent_box,
        ):
            self.add_row(widget)

    def _init_duplicate_button(self) -> None:
        self.open_existing_button = QPushButton()
        self.open_existing_button.hide()
        self.open_existing_button.clicked.connect(self.on_open_existing_clicked)
        self.extra_area.addWidget(self.open_existing_button)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            self.tr("New learner") if self.learner_id is None else self.tr("Edit learner")
        )
        labels = (
            self.tr("Name *"),
            self.tr("Mobile"),
            self.tr("Gender"),
            self.tr("Occupation"),
            self.tr("Note"),
            self.tr("Follow-up"),
        )
        self.set_labels(*labels)
        for index, text in enumerate((self.tr("—"), self.tr("Female"), self.tr("Male"))):
            self.gender_box.setItemText(index, text)
        self.phone_edit.setPlaceholderText(self.tr("11-digit mobile, e.g. 13812345678"))
        self.consent_box.setText(self.tr("Agrees to follow-up calls about jobs after the course"))

    def _load(self, learner_id: int) -> None:
        learner = self.context.act(roster_actions.get_learner, learner_id)
        self.name_edit.setText(learner.name)
        self.phone_edit.setText(learner.phone or "")
        self.gender_box.setCurrentIndex(
            GENDERS.index(learner.gender) if learner.gender in GENDERS else 0
        )
        self.occupation_edit.setText(learner.occupation)
        self.note_edit.setPlainText(learner.note)
        self.consent_box.setChecked(learner.followup_consent)

    def value(self) -> LearnerInput:
        return LearnerInput(
            name=self.clean_name_field(self.name_edit),
            phone=self.phone_edit.text() or None,
            gender=GENDERS[self.gender_box.currentIndex()],
            occupation=self.occupation_edit.text(),
            note=self.note_edit.toPlainText(),
            followup_consent=self.consent_box.isChecked(),
        )

    def _save(self, data: LearnerInput) -> int:
        ctx = self.context
        if self.learner_id is None:
            return ctx.act(roster_actions.add_learner, data, ctx.now()).id
        return ctx.act(roster_actions.update_learner, self.learner_id, data, ctx.now()).id

    def on_refused(self, error: DomainError) -> None:
        if error.code == "duplicate_learner":
            self.existing_id = error.details["learner_id"]
            self.open_existing_button.setText(
                self.tr("Open {name} ({code}) instead").format(
                    name=error.details["name"], code=error.details["code"]
                )
            )
            self.open_existing_button.show()
        else:
            self.open_existing_button.hide()
        if error.code == "invalid_phone":
            self.phone_edit.setFocus()
        elif error.code.startswith("name"):
            self.name_edit.setFocus()

    @Slot()
    def on_open_existing_clicked(self) -> None:
        self.result_value = self.existing_id
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: DeskContext, learner_id: int | None = None
    ) -> int | None:
        return cls.run(cls(parent, context, learner_id))
