"""Small widgets shared by the pages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QDateEdit, QLabel, QPushButton, QWidget

from frontdesk.money import format_fen

_STYLES = {
    "ok": "background:#e3f5e9; color:#12612f; border:1px solid #9fd8b2;",
    "warn": "background:#fff4e0; color:#8a5300; border:1px solid #f0c987;",
    "error": "background:#fde8e6; color:#a12a1d; border:1px solid #f0a9a0;",
}


class Banner(QLabel):
    """A one-line message above a page's content; it fades after a while.

    Its line is kept free while it is hidden, so nothing under the pointer
    moves when it comes or goes (a click meant for one tab landing on the next).
    """

    def __init__(self, parent: QWidget | None = None, timeout_ms: int = 15000) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setMinimumHeight(self.fontMetrics().height() + 2 * 6 + 4)  # one line, padded
        self.kind = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel#banner {{ {_STYLES[kind]} padding:6px; border-radius:4px; }}")
        self.setText(text)
        self.show()
        self._timer.start()

    def ok(self, text: str) -> None:
        self._show("ok", text)

    def warn(self, text: str) -> None:
        self._show("warn", text)

    def error(self, text: str) -> None:
        self._show("error", text)


def money(fen: int) -> str:
    return format_fen(fen)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask yes/no; the seam tests replace (``ui.kit.widgets.confirm``)."""
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """Ask for a short text (a reason); None when cancelled. A seam for tests."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if ok and value.strip() else None


class TranslatedButton(QPushButton):
    """A button that sets its own texts again when the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Set the texts; each button names its own."""


def day_of(edit: QDateEdit) -> dt.date:
    """The day a date field shows."""
    shown = edit.date()
    return dt.date(shown.year(), shown.month(), shown.day())
