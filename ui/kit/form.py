"""A dialog that validates through the domain and shows refusals inline.

The dialog gathers a value, hands it to ``submit`` (one domain call), and
closes only when that call succeeds; a refusal is shown in red above the
buttons and the user can correct the field. ``ask()`` is the seam that tests
replace, as with every modal dialog in FrontDesk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.text import clean_name_reporting
from ui.kit.words import describe

V = TypeVar("V")
R = TypeVar("R")


class FormDialog(QDialog, Generic[V, R]):
    """Subclasses fill ``self.form`` and implement ``value()``."""

    def __init__(self, parent: QWidget | None, submit: Callable[[V], R]) -> None:
        super().__init__(parent)
        self._submit = submit
        self.result_value: R | None = None
        self.last_error: DomainError | None = None
        self.form = QFormLayout()
        self._labels: list[QLabel] = []
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        self.extra_area = QVBoxLayout()
        layout.addLayout(self.extra_area)
        layout.addWidget(self.buttons)

    def add_row(self, widget: QWidget) -> QLabel:
        """Add a field; its label text is set by ``set_labels`` (and retranslated)."""
        label = QLabel()
        self.form.addRow(label, widget)
        self._labels.append(label)
        return label

    def set_labels(self, *texts: str) -> None:
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)

    def clean_name_field(self, edit: QLineEdit) -> str:
        """The person's name in ``edit``, cleaned by the domain's one rule.

        Invisible characters pasted with a name are taken out of the field
        and the save stops once with a notice, so the user sees the name that
        will be stored before it is; control characters are refused.
        """
        cleaned = clean_name_reporting(edit.text())
        if cleaned.removed:
            edit.setText(cleaned.name)
            edit.setFocus()
            raise DomainError("name_invisible_removed", characters=cleaned.removed_text)
        return edit.text()

    def value(self) -> V:
        raise TypeError(f"{type(self).__name__} must read its fields")

    def show_error(self, error: DomainError) -> None:
        self.last_error = error
        self.error_label.setText(describe(error))
        self.error_label.show()
        self.adjustSize()  # room for the error: no wrapped text above it is clipped

    def try_accept(self) -> None:
        try:
            value = self.value()
            self.result_value = self._submit(value)
        except DomainError as error:
            self.show_error(error)
            self.on_refused(error)
            return
        self.accept()

    def on_refused(self, error: DomainError) -> None:
        """A hook for dialogs that offer a way out of a refusal."""

    @classmethod
    def run(cls, dialog: FormDialog[Any, Any]) -> Any:
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
