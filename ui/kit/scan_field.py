"""The scan field: what a USB scanner (a keyboard that types fast) sends.

A scanner types a code at ~8–12 ms a character and ends it with Enter, with
Tab, or with nothing. The field submits on Enter or Tab, and on a short pause
after a burst typed at scanner speed (a person typing pinyin is slower and is
never cut off). The input method is off, so a Chinese IME left on cannot
swallow the keystrokes. A code read twice within a moment (some scanners
repeat) is answered once.

``KeyCapture`` sends letters and digits typed anywhere in the window to the
field, unless the user is typing into another text box. Where the application
runs its scan catcher (``ui.kit.scan_catcher``), these filters act only on the
keys it hands on as a person's: a scanner's burst never reaches them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.kit import scan_catcher

PAUSE_MS = 150  # silence that ends a scan sent without Enter
SCANNER_GAP_S = 0.035  # mean time between keys faster than any typist
MIN_SCAN_CHARS = 8
REPEAT_WINDOW_S = 1.5  # the same code again within this is a scanner's repeat


class ScanField(QLineEdit):
    """Emits ``scanned(text, how)`` with how = "enter", "tab" or "pause"."""

    scanned = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scan_field")
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly
                                 | Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.setMaxLength(512)
        font = QFont(self.font())
        font.setPointSize(max(18, font.pointSize() * 2))
        self.setFont(font)
        self.setMinimumHeight(48)
        self._key_times: list[float] = []
        self._last: tuple[str, float] | None = None
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.on_pause_timeout)

    def event(self, event: QEvent) -> bool:
        # Tab would move the focus before keyPressEvent sees it.
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)):
            if self.text().strip():
                self._submit("tab")
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit("enter")
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self._key_times.clear()
            return
        super().keyPressEvent(event)
        if event.text() and event.text().isprintable():
            self._key_times.append(time.monotonic())
            self._pause.start()

    def _typed_by_a_scanner(self) -> bool:
        times = self._key_times
        if len(times) < MIN_SCAN_CHARS:
            return False
        return (times[-1] - times[0]) / (len(times) - 1) <= SCANNER_GAP_S

    @Slot()
    def on_pause_timeout(self) -> None:
        if self.text().strip() and self._typed_by_a_scanner():
            self._submit("pause")

    def _submit(self, how: str) -> None:
        self._pause.stop()
        text = self.text().strip()
        self.clear()
        self._key_times.clear()
        if not text:
            return
        now = time.monotonic()
        key = text.upper()
        last = self._last
        if last is not None and last[0] == key and now - last[1] < REPEAT_WINDOW_S:
            return
        self._last = (key, now)
        self.scanned.emit(text, how)

    def forget_last(self) -> None:
        """Let the same code through again at once (after the user asked for it)."""
        self._last = None


_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def typing_into_a_text_box() -> bool:
    """Whether the focus is in a box the user types into (keys stay there)."""
    return isinstance(QApplication.focusWidget(), _TEXT_INPUTS)


class KeyCapture(QObject):
    """An application event filter: letters and digits typed while ``window``
    is active go to ``field`` unless another text box has the focus."""

    # An application filter can outlive the Python side of a closed page for a
    # moment (Qt deletes the page later); such a filter lets every key through.
    enabled = True
    field: ScanField | None = None

    def __init__(self, window: QWidget, field: ScanField) -> None:
        super().__init__(field)
        self.window = window
        self.field = field

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        field = self.field
        if (not self.enabled or field is None or event.type() != QEvent.Type.KeyPress
                or not isinstance(event, QKeyEvent) or scan_catcher.holds_keys(event)):
            return False
        text = event.text()
        if not text or not text.isalnum() or not field.isVisible():
            return False
        if QApplication.activeWindow() is not self.window.window():
            return False
        if QApplication.focusWidget() is field or typing_into_a_text_box():
            return False
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        forwarded = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), text)
        QApplication.sendEvent(field, forwarded)
        return True


class ScanRouter(QObject):
    """A card scanned while another page of the main window is in front goes
    to the check-in page, which comes to the front to answer it.

    Pages with a scan field of their own (fees, certificates) keep their scans.
    """

    route: Callable[[QKeyEvent], bool] | None = None  # None: a filter left behind

    def __init__(self, window: QWidget, route: Callable[[QKeyEvent], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.route = route

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        route = self.route
        if route is None or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or scan_catcher.holds_keys(event):
            return False
        text = event.text()
        if not text or not text.isalnum() or event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        if QApplication.activeWindow() is not self.window or typing_into_a_text_box():
            return False
        return route(event)
