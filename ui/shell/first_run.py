"""The first start on an empty store: a demo school to explore, or our own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.demo.school import build_demo
from ui.kit.context import DeskContext
from ui.kit.words import describe
from ui.kit.worker import Report, run_with_progress


class FirstRunDialog(QDialog):
    DEMO, EMPTY = "demo", "empty"

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to FrontDesk"))
        intro = QLabel(
            self.tr(
                "<h3>Welcome to FrontDesk</h3>"
                "<p>This store is empty. How would you like to start?</p>"
            )
        )
        intro.setWordWrap(True)
        self.demo_radio = QRadioButton(
            self.tr(
                "Explore a demo school (水贝夜校: 3,000 learners, 60 courses, lessons this term)"
            )
        )
        self.empty_radio = QRadioButton(self.tr("Start our own school with an empty roster"))
        layout_order = (self.empty_radio, self.demo_radio)
        self.empty_radio.setChecked(True)  # a real school's store; the demo is a choice
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for radio in layout_order:
            layout.addWidget(radio)
        layout.addWidget(buttons)

    def choice(self) -> str:
        return self.DEMO if self.demo_radio.isChecked() else self.EMPTY

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> str:
        dialog = cls(parent)
        dialog.exec()
        choice = dialog.choice()
        if choice == cls.DEMO:
            build_demo_interactively(parent, context)
        else:
            from ui.shell.settings_dialog import SettingsDialog

            SettingsDialog.ask(parent, context)
        return choice


def _ignore(_going: bool) -> None:
    """Building the demo cannot be cancelled: what the progress bar answers is not asked."""


def build_demo_interactively(parent: QWidget | None, context: DeskContext) -> bool:
    def work(report: Report) -> object:
        steps = ["instructors", "courses", "learners", "enrollments", "lessons", "attendance",
                 "payments"]
        return build_demo(
            context.store,
            now=context.now(),
            progress=lambda step: _ignore(report(steps.index(step) + 1, len(steps))),
        )

    outcome = run_with_progress(
        parent,
        QCoreApplication.translate("FirstRunDialog", "Building the demo school…"),
        None,
        work,
    )
    if outcome.error is not None:
        from PySide6.QtWidgets import QMessageBox

        from frontdesk.errors import DomainError

        text = (
            describe(outcome.error)
            if isinstance(outcome.error, DomainError)
            else str(outcome.error)
        )
        QMessageBox.warning(
            parent, QCoreApplication.translate("FirstRunDialog", "Demo school"), text
        )
        return False
    return True
