"""One application-wide key filter that tells a scanner from a person.

A USB scanner is a keyboard that types a whole code in one burst, a few
milliseconds a key, ended by Enter, Tab or nothing. Wherever the focus is
(a search box, the look-up box with a name half typed, a dialog, the print
preview, the sign-in box, the lock screen's password) the burst is taken out
of the key stream and answered as a scan by whoever ``handler`` is (the main
window: check-in, or the page in front when the page has its own use for it).

Timing comes from the key events' own timestamps (the X server's clock), so a
GUI thread that stalls and then reads a person's keys all at once still sees
them as far apart as they were typed.

How the keys are kept out of the fields: a printable key is held back, not
delivered, until the next key shows what it is. A key that follows within
``BURST_GAP_MS`` continues a burst, and is held too. When the burst ends
(Enter, Tab, a slower key, another key, or a pause of ``PAUSE_MS``) it is a
scan when it has ``MIN_SCAN_CHARS`` or more at a scanner's pace (median gap at
most ``SCANNER_GAP_MS``; a typist's is 50 ms or more); otherwise the
held keys are delivered, in order, to the widget that had the focus. A person's
key so arrives ``HOLD_MS`` late, too little to notice. Holding, rather than
taking text back out afterwards, means no field ever sees a scan: no search
runs on it and no Enter signs in with it. The one case where a key has already
been delivered (the hold ran out just before the next key of a burst was read,
e.g. after a stall) is undone by putting the field's text back as it was.

Scans made while a modal dialog is open are kept and answered, in order, when
it closes (so are scans made before the main window exists, at sign-in).
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

BURST_GAP_MS = 80  # a key this soon after a lone held key may start a burst
STALL_GAP_MS = 150  # a scanner's burst survives one stall this long (a busy USB hub or X)
SCANNER_GAP_MS = 30  # a burst's typical (median) gap at most this: no typist keeps it up
MIN_SCAN_CHARS = 8
HOLD_MS = 60  # how long a lone key waits for a next one before it is delivered
PAUSE_MS = 200  # silence that ends a scan sent without Enter or Tab
REPEAT_WINDOW_S = 1.5  # the same code again within this is a scanner repeating itself
MODAL_POLL_MS = 200  # how often kept scans look whether the modal dialog has closed

_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
})
_ENDS_A_SCAN = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass(frozen=True, slots=True)
class _Key:
    press: bool
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    timestamp: int


@dataclass(slots=True)
class _Delivered:
    """A lone key given to a field as a person's, in case a burst follows."""

    key: _Key
    target: QWidget
    restore: Callable[[], None]


def snapshot(widget: QWidget | None) -> Callable[[], None]:
    """A way to put ``widget``'s text back as it is now (a no-op for other widgets)."""
    if isinstance(widget, QLineEdit):
        text, cursor = widget.text(), widget.cursorPosition()

        def restore_line() -> None:
            widget.setText(text)
            widget.setCursorPosition(cursor)

        return restore_line
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        plain = widget.toPlainText()
        return lambda: widget.setPlainText(plain)
    if isinstance(widget, QComboBox):
        index, current = widget.currentIndex(), widget.currentText()

        def restore_combo() -> None:
            widget.setCurrentIndex(index)
            if widget.isEditable():
                widget.setEditText(current)

        return restore_combo
    return lambda: None


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


class ScanCatcher(QObject):
    """The application's key filter; see the module notes. ``handler`` answers a scan."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler: Callable[[str], None] | None = None
        self.kept: deque[str] = deque()
        self._held: list[_Key] = []
        self._target: QWidget | None = None
        self._delivered: _Delivered | None = None
        self._before: Callable[[], None] = lambda: None  # the target's text before the held keys
        self._swallow_release: int | None = None
        self._last_scan: tuple[str, float] | None = None
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._modal_poll = QTimer(self, interval=MODAL_POLL_MS)
        self._modal_poll.timeout.connect(self.flush)

    # -- the filter ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                                          QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(event, QKeyEvent) or event.timestamp() == 0:
            return False  # made by the program (a key handed on, by us or a page), not typed
        if kind == QEvent.Type.ShortcutOverride:
            if _printable(event):  # held keys must come as key presses, not shortcuts
                event.accept()
                return True
            return False
        if kind == QEvent.Type.KeyRelease:
            return self._on_release(event)
        return self._on_press(watched, event)

    def _on_press(self, watched: QObject, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False
        if _printable(event):
            stamp = event.timestamp()
            if self._held and stamp - self._held_presses()[-1].timestamp > self._allowed_gap():
                self._finish()  # a slower key: the keys before were typed
            key = _Key(True, event.key(), event.modifiers(), event.text(), stamp)
            if not self._held:
                self._start(watched, key)
            self._held.append(key)
            presses = self._held_presses()
            if len(presses) >= 4 and _typical_gap(presses) > SCANNER_GAP_MS:
                self._finish()  # a quick typist: give the keys back now
                return True
            self._timer.start(HOLD_MS if len(presses) == 1 else PAUSE_MS)
            return True
        if not self._held:
            return False
        if (event.key() in _ENDS_A_SCAN or event.text() in ("\r", "\n")) and self._is_scan():
            self._swallow_release = event.key()
            self._finish()
            return True
        self._finish()  # the held keys go first, then this one
        return False

    def _on_release(self, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False
        if self._held:
            self._held.append(_Key(False, event.key(), event.modifiers(), event.text(),
                                   event.timestamp()))
            return True
        if self._swallow_release == event.key():
            self._swallow_release = None
            return True
        return False

    def _start(self, watched: QObject, key: _Key) -> None:
        # An open menu takes the keys, not the field behind it.
        popup = QApplication.activePopupWidget()
        focus = (popup.focusWidget() or popup) if popup is not None else QApplication.focusWidget()
        if focus is None and isinstance(watched, QWidget):
            focus = watched
        self._target = focus
        delivered = self._delivered
        self._delivered = None
        # The key just before was given to a field as a person's, but this one
        # follows it at a burst's pace: take it back out and count it in.
        if (delivered is not None and key.timestamp - delivered.key.timestamp <= BURST_GAP_MS
                and _alive(delivered.target) and delivered.target is focus):
            delivered.restore()
            self._held.append(delivered.key)
        self._before = snapshot(focus)

    @Slot()
    def on_timer_timeout(self) -> None:
        self._finish()

    def _allowed_gap(self) -> int:
        presses = self._held_presses()
        if len(presses) >= 2 and _typical_gap(presses) <= SCANNER_GAP_MS:
            return STALL_GAP_MS  # a burst under way keeps going through a stall
        return BURST_GAP_MS

    def _held_presses(self) -> list[_Key]:
        return [k for k in self._held if k.press]

    def _is_scan(self) -> bool:
        return self._is_scan_of(self._held)

    def _finish(self) -> None:
        """End what is held: a scan is answered, a person's keys are delivered."""
        self._timer.stop()
        held, target, self._held, self._target = self._held, self._target, [], None
        if not held:
            return
        if self._is_scan_of(held):
            self._delivered = None
            self._answer("".join(k.text for k in held if k.press).strip())
            return
        # A person's keys (a key taken back out above is among them: typed again).
        presses = [k for k in held if k.press]
        self._delivered = None
        self._replay(target, held)
        if len(presses) == 1 and _alive(target):
            self._delivered = _Delivered(presses[0], target, self._before)  # type: ignore[arg-type]

    def _is_scan_of(self, held: list[_Key]) -> bool:
        presses = [k for k in held if k.press]
        return len(presses) >= MIN_SCAN_CHARS and _typical_gap(presses) <= SCANNER_GAP_MS

    def _replay(self, target: QWidget | None, keys: list[_Key]) -> None:
        if not keys:
            return
        receiver = target if _alive(target) else QApplication.focusWidget()
        if receiver is None:
            return
        # Handed on without a timestamp, so no filter takes them for typed keys
        # again; a key may open a dialog whose own loop runs inside sendEvent.
        for k in keys:
            kind = QEvent.Type.KeyPress if k.press else QEvent.Type.KeyRelease
            QApplication.sendEvent(receiver, QKeyEvent(kind, k.key, k.modifiers, k.text))

    # -- answering -----------------------------------------------------------------

    def _answer(self, text: str) -> None:
        if not text:
            return
        now = time.monotonic()
        last = self._last_scan
        if last is not None and last[0] == text.upper() and now - last[1] < REPEAT_WINDOW_S:
            return  # some scanners send a code twice
        self._last_scan = (text.upper(), now)
        self.kept.append(text)
        self.flush()

    @Slot()
    def flush(self) -> None:
        """Answer the kept scans, in order, unless a modal dialog is in the way."""
        while self.kept and self.handler is not None and QApplication.activeModalWidget() is None:
            self.handler(self.kept.popleft())
        if self.kept:
            self._modal_poll.start()
        else:
            self._modal_poll.stop()


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return (len(text) == 1 and text.isprintable() and not text.isspace()
            and not event.modifiers() & ~_PLAIN and not event.isAutoRepeat())


def _typical_gap(presses: list[_Key]) -> float:
    """The median time between presses: one stall does not make a scanner a person."""
    if len(presses) < 2:
        return float("inf")
    return statistics.median(b.timestamp - a.timestamp for a, b in itertools.pairwise(presses))


_catcher: ScanCatcher | None = None


def install(app: QApplication) -> ScanCatcher:
    """The application's one scan catcher, installed on first use."""
    global _catcher
    if _catcher is None or not shiboken6.isValid(_catcher):
        _catcher = ScanCatcher(app)
        app.installEventFilter(_catcher)
    return _catcher


def uninstall() -> None:
    global _catcher
    app = QApplication.instance()
    if _catcher is not None and shiboken6.isValid(_catcher):
        if app is not None:
            app.removeEventFilter(_catcher)
        _catcher.deleteLater()
    _catcher = None


def holds_keys(event: QKeyEvent) -> bool:
    """Whether ``event`` is a typed key the catcher looks at first: other key
    filters then act only on what it hands on (a person's keys, unstamped)."""
    return _catcher is not None and shiboken6.isValid(_catcher) and event.timestamp() != 0
