"""When something goes wrong in the windows: log it, tell the clerk, keep running.

``install(app)`` (called by ui/shell/app.py at start) puts in place:

- a ``sys.excepthook`` for exceptions that escape a slot: the traceback goes
  to the log, and :class:`CrashDialog` tells the clerk in their language that
  nothing was saved from this action (every action owns its transaction, so an
  exception inside one rolls it back), with a button that copies the details
  and the log file's path for whoever looks after the PC. FrontDesk carries on.
- :class:`GuiWatch`: a heartbeat on the GUI thread that logs every stretch of
  more than 250 ms in which the windows could not answer (a slow operation on
  the GUI thread), with the window and page in front.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger("frontdesk.ui")

SLOW_MS = 250
HEARTBEAT_MS = 100


class CrashDialog(QDialog):
    """Something went wrong; nothing was saved; copy the details for a helper."""

    def __init__(self, parent: QWidget | None, details: str, log_path: Path | None) -> None:
        super().__init__(parent)
        self.details = details
        self.log_path = log_path
        self._init_text()
        self._init_buttons()

    def _init_text(self) -> None:
        self.setWindowTitle(self.tr("Something went wrong"))
        self.setMinimumWidth(480)
        layout = self._layout = QVBoxLayout(self)
        self.message = QLabel(self.tr(
            "Something went wrong; nothing was saved from this action.\n"
            "FrontDesk keeps running: you can try again. If it happens again, "
            "copy the details for whoever looks after this computer."))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.where = QLabel(self.tr("Log file: {path}").format(
            path=self.log_path if self.log_path is not None else self.tr("(none)")))
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setVisible(False)
        layout.addWidget(self.text)

    def _init_buttons(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.show_button = QPushButton(self.tr("Show details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.on_copy_button_clicked)
        self.show_button.clicked.connect(self.on_show_button_clicked)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)

    def copied_text(self) -> str:
        where = str(self.log_path) if self.log_path is not None else "-"
        return f"{self.details.rstrip()}\n\nLog: {where}\n"

    @Slot()
    def on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.copied_text())
        self.copy_button.setText(self.tr("Copied"))

    @Slot()
    def on_show_button_clicked(self) -> None:
        self.text.setVisible(not self.text.isVisible())

    @classmethod
    def ask(cls, parent: QWidget | None, details: str, log_path: Path | None) -> None:
        dialog = cls(parent, details, log_path)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()


_showing = False


def details_of(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> str:
    from frontdesk import __version__

    text = "".join(traceback.format_exception(kind, value, tb))
    return f"FrontDesk {__version__}, Python {sys.version.split()[0]}\n{text}"


def on_uncaught(kind: type[BaseException], value: BaseException,
                tb: TracebackType | None) -> None:
    """sys.excepthook while the windows are open."""
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("an exception escaped a slot", exc_info=(kind, value, tb))
    if _showing or QApplication.instance() is None:
        return  # one dialog at a time: the log has every one
    from frontdesk.logs import log_file

    _showing = True
    try:
        CrashDialog.ask(QApplication.activeWindow(), details_of(kind, value, tb), log_file())
    finally:
        _showing = False


class GuiWatch(QObject):
    """Logs each time the GUI thread was busy for more than ``SLOW_MS``."""

    def __init__(self, parent: QObject | None = None, slow_ms: int = SLOW_MS) -> None:
        super().__init__(parent)
        self.slow_ms = slow_ms
        self.busy: list[int] = []  # the stretches logged, in ms (tests read it)
        self.timer = QTimer(self)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.last = time.monotonic()

    def start(self) -> None:
        self.last = time.monotonic()
        self.timer.start()

    @Slot()
    def on_timer_timeout(self) -> None:
        now = time.monotonic()
        late_ms = int((now - self.last) * 1000) - HEARTBEAT_MS
        self.last = now
        if late_ms > self.slow_ms:
            self.busy.append(late_ms)
            log.warning("slow: the windows did not answer for %d ms (in front: %s)",
                        late_ms, _in_front())


def _in_front() -> str:
    window = QApplication.activeWindow()
    if window is None:
        return "-"
    page = getattr(getattr(window, "stack", None), "currentWidget", lambda: None)()
    name = type(window).__name__
    return f"{name}/{type(page).__name__}" if page is not None else name


def install(app: QApplication) -> GuiWatch:
    """The crash hook and the GUI thread's watch, for this run of the windows.

    The watch starts with :func:`watch_from_now` once the windows are up: the
    start itself is logged as the time to the first window, not as a stall.
    """
    global _watch
    sys.excepthook = on_uncaught
    _watch = GuiWatch(app)
    return _watch


_watch: GuiWatch | None = None


def watch_from_now() -> None:
    if _watch is not None:
        _watch.start()
