"""Pick one learner by typing: the same search as the roster, in a dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.roster import actions as roster_actions
from frontdesk.roster.search import LearnerRow
from ui.kit.context import DeskContext
from ui.kit.learner_model import LearnerTableModel
from ui.kit.tables import read_only_table


class LearnerPicker(QDialog):
    def __init__(self, parent: QWidget | None, context: DeskContext, title: str) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.resize(640, 480)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Name, pinyin, mobile digits or card code"))
        self.model = LearnerTableModel(self._fetch)
        self.table = read_only_table(self.model, "learner_picker")
        self.table.doubleClicked.connect(self.accept)
        self.timer = QTimer(self, singleShot=True, interval=120)
        self.timer.timeout.connect(lambda: self.model.set_query(self.search_edit.text()))
        self.search_edit.textChanged.connect(self.timer.start)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.model.set_query("")

    def _fetch(self, query: str, after_id: int, limit: int) -> list[LearnerRow]:
        return self.context.act(roster_actions.search_learners, query, after_id=after_id,
                                limit=limit)

    def chosen(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).id if rows else None

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext, title: str) -> int | None:
        dialog = cls(parent, context, title)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
