"""The dashboard's warning of a failed store check, until an administrator has looked."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from frontdesk.errors import DomainError
from frontdesk.messages import RECORD_WORDS, problem_details
from frontdesk.staff import actions as staff_actions
from frontdesk.staff.roles import Action
from frontdesk.store.check import CheckFailure
from ui.kit.context import DeskContext
from ui.kit.words import describe, describe_code


def problem_text(failure: CheckFailure) -> str:
    """The first problem of ``failure`` in the desk's language."""
    first = failure.problems[0]
    word = RECORD_WORDS.get(first.table)
    shown = QCoreApplication.translate("Domain", word) if word else first.table
    return describe_code(first.code, problem_details(first.table, first.row_id, first.detail,
                                                     shown))


class StoreCheckWarning(QFrame):
    """Shown while a failed check waits; its button is for administrators."""

    failed = Signal(str)  # an acknowledgement refused, in words

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.failure: CheckFailure | None = None
        self.setObjectName("store_check_warning")
        self.setStyleSheet("#store_check_warning { background: #fdecea; border: 1px solid #c62828;"
                           " border-radius: 4px; } QLabel { color: #8e0000; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("store_check_acknowledge")
        self.button.clicked.connect(self.on_button_clicked)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.hide()

    def refresh(self) -> None:
        """Read the pending failure (one small query) and show or hide."""
        self.failure = self.context.act(staff_actions.pending_store_check)
        self.setVisible(self.failure is not None)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.button.setText(self.tr("I have looked into it"))
        self.button.setVisible(self.context.may(Action.AUDIT_VIEW))
        if self.failure is None:
            return
        when = self.failure.at.astimezone(self.context.settings().tz())
        self.label.setText(self.tr(
            "The store check of {when} found {count} problem(s), first: {problem} "
            "Records may have been changed outside FrontDesk; an administrator should look "
            "into it (frontdesk verify-store lists them all).").format(
            when=when.strftime("%Y-%m-%d %H:%M"), count=len(self.failure.problems),
            problem=problem_text(self.failure)))

    @Slot()
    def on_button_clicked(self) -> None:
        try:
            self.context.act(staff_actions.acknowledge_store_check, self.context.now())
        except DomainError as error:
            self.failed.emit(describe(error))
        self.refresh()
