"""The selected learner's courses, with withdrawal and who moved up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.roster import actions as roster_actions
from frontdesk.text import mask_phone
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.terms import status_text
from ui.kit.widgets import money
from ui.kit.words import describe

if TYPE_CHECKING:
    from frontdesk.roster.enrollment import LearnerEnrollmentRow
    from frontdesk.store.models import Learner


class LearnerEnrollmentsPanel(QWidget):
    """A small table (a learner has a handful of courses): QTableWidget is fine here."""

    changed = Signal(str, str)  # kind (ok, error), message

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context
        self.learner_id: int | None = None
        self.enrollment_ids: list[int] = []
        self.shown: tuple[Learner, list[LearnerEnrollmentRow]] | None = None
        self.heading = QLabel()
        self.heading.setObjectName("learner_heading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("learner_enrollments")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 170)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.withdraw_button = QPushButton(icon("withdraw"), "")
        self.withdraw_button.clicked.connect(self.on_withdraw_button_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self.show_learner(None)

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Course"), self.tr("Status"), self.tr("Fee due")]
        )
        self.withdraw_button.setText(self.tr("Withdraw"))
        self._show()

    def show_learner(self, learner_id: int | None) -> None:
        self.learner_id = learner_id
        self.refresh()

    def refresh(self) -> None:
        """Read the learner and their courses again, then show them."""
        if self.learner_id is None:
            self.shown = None
        else:
            self.shown = (self.context.act(roster_actions.get_learner, self.learner_id),
                          self.context.act(roster_actions.learner_enrollments, self.learner_id))
        self._show()

    def _show(self) -> None:
        """Show what ``refresh`` read (a language change relabels without reading)."""
        self.table.setRowCount(0)
        self.enrollment_ids = []
        self.withdraw_button.setEnabled(False)
        if self.shown is None:
            self.heading.setText(self.tr("Select a learner to see their courses."))
            self.details.clear()
            return
        learner, rows = self.shown
        self.heading.setText(f"{learner.name}  ·  {learner.code}")
        self.details.setText(
            " · ".join(
                filter(None, (mask_phone(learner.phone), learner.gender, learner.occupation))
            )
        )
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (
                row.course_code,
                row.course_title,
                status_text(row.status),
                money(row.fee_due_fen) if row.fee_due_fen else self.tr("Free"),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
            self.enrollment_ids.append(row.enrollment_id)

    def _update_button(self) -> None:
        self.withdraw_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def selected_enrollment(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.enrollment_ids[rows[0].row()] if rows else None

    @Slot()
    def on_withdraw_button_clicked(self) -> None:
        enrollment_id = self.selected_enrollment()
        if enrollment_id is None or not self.confirm_withdraw():
            return
        ctx = self.context
        try:
            result = ctx.act(roster_actions.withdraw, enrollment_id, ctx.now())
        except DomainError as error:
            self.changed.emit("error", describe(error))
            return
        self.refresh()
        if result.promoted is not None:
            self.changed.emit(
                "ok",
                self.tr("Withdrawn. {name} moved up from the waiting list.").format(
                    name=result.promoted.learner_name
                ),
            )
        else:
            self.changed.emit("ok", self.tr("Withdrawn."))

    def confirm_withdraw(self) -> bool:
        from ui.kit import widgets

        return widgets.confirm(
            self,
            self.tr("Withdraw"),
            self.tr(
                "Withdraw this learner from the course? The first learner on the waiting "
                "list takes the seat."
            ),
        )
