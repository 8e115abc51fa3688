"""The application-wide scan catcher, fed key events with their own timestamps.

The same keys through a real X server are in test_scanner_in_x.py; here the
timing is exact, so the edges (a stall, a fast typist, a modal dialog) are
pinned down.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from ui.kit.scan_catcher import PAUSE_MS, ScanCatcher

TOKEN = "F1ABCDEFGH2345678923456789A"


@pytest.fixture
def catcher(qapp) -> Iterator[ScanCatcher]:  # type: ignore[no-untyped-def]
    catcher = ScanCatcher()
    catcher.answered: list[str] = []  # type: ignore[misc]
    catcher.handler = catcher.answered.append  # type: ignore[attr-defined]
    qapp.installEventFilter(catcher)
    yield catcher
    qapp.removeEventFilter(catcher)
    catcher.deleteLater()


@pytest.fixture
def field(qtbot) -> QLineEdit:  # type: ignore[no-untyped-def]
    window = QWidget()
    qtbot.addWidget(window)
    edit = QLineEdit(window)
    QVBoxLayout(window).addWidget(edit)
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    edit.holder = window  # type: ignore[attr-defined]  # the window lives as long as the test
    return edit


class Keyboard:
    """Keys as the window system sends them: press and release, stamped in ms."""

    def __init__(self, start: int = 1_000_000) -> None:
        self.clock = start

    def key(self, widget: QWidget, text: str, *, after_ms: int, key: int | None = None) -> None:
        self.clock += after_ms
        code = key if key is not None else (ord(text.upper()) if text else 0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(self.clock)
            QApplication.sendEvent(widget, event)

    def type(self, widget: QWidget, text: str, *, every_ms: int) -> None:
        for ch in text:
            self.key(widget, ch, after_ms=every_ms)

    def enter(self, widget: QWidget, *, after_ms: int = 8) -> None:
        self.key(widget, "\r", after_ms=after_ms, key=Qt.Key.Key_Return)


def test_a_burst_into_a_box_with_text_is_a_scan_and_the_text_stays(qtbot, catcher, field):
    field.setText("zhang")
    keys = Keyboard()
    keys.type(field, TOKEN, every_ms=7)
    keys.enter(field)
    assert catcher.answered == [TOKEN]
    assert field.text() == "zhang"


def test_a_burst_without_enter_ends_on_a_pause(qtbot, catcher, field):
    Keyboard().type(field, TOKEN, every_ms=6)
    assert catcher.answered == []
    qtbot.waitUntil(lambda: catcher.answered == [TOKEN], timeout=PAUSE_MS * 10)
    assert field.text() == ""


@pytest.mark.parametrize("every_ms", [60, 90, 120])
def test_a_person_typing_is_never_a_scan_and_every_key_arrives(qtbot, catcher, field, every_ms):
    keys = Keyboard()
    keys.type(field, "wangxiaoming2", every_ms=every_ms)
    keys.enter(field, after_ms=every_ms)
    assert field.text() == "wangxiaoming2"
    qtbot.wait(PAUSE_MS * 2)
    assert catcher.answered == []


def test_a_fast_typist_with_rolled_keys_is_still_a_person(qtbot, catcher, field):
    keys = Keyboard()
    for ch, gap in zip("zhangwei18", [200, 25, 45, 20, 40, 35, 30, 45, 25, 40], strict=True):
        keys.key(field, ch, after_ms=gap)
    qtbot.waitUntil(lambda: field.text() == "zhangwei18", timeout=1000)
    qtbot.wait(PAUSE_MS * 2)
    assert catcher.answered == []


def test_a_stall_that_delivered_the_first_key_takes_it_back(qtbot, catcher, field):
    field.setText("li")
    keys = Keyboard()
    keys.key(field, TOKEN[0], after_ms=500)
    qtbot.waitUntil(lambda: field.text() == "li" + TOKEN[0], timeout=1000)  # handed over
    keys.type(field, TOKEN[1:], every_ms=6)  # …but the rest came right after it
    keys.enter(field)
    assert catcher.answered == [TOKEN]
    assert field.text() == "li"


def test_the_enter_ending_a_scan_does_not_reach_the_field(qtbot, catcher, field):
    pressed: list[str] = []
    field.returnPressed.connect(lambda: pressed.append(field.text()))
    keys = Keyboard()
    keys.type(field, TOKEN, every_ms=8)
    keys.enter(field)
    assert pressed == []
    keys.type(field, "ab", every_ms=150)
    keys.enter(field, after_ms=150)
    assert pressed == ["ab"]


def test_scans_while_a_dialog_is_open_are_answered_in_order_when_it_closes(qtbot, catcher,
                                                                           field):
    dialog = QDialog(field.window())
    dialog.setModal(True)
    box = QLineEdit(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box.setFocus()
    keys = Keyboard()
    second = "F1ZZZZZZZ2345678923456789B"
    for token in (TOKEN, second):
        keys.type(box, token, every_ms=6)
        keys.enter(box)
        keys.clock += 2000
    assert catcher.answered == []
    assert box.text() == ""
    dialog.reject()
    qtbot.waitUntil(lambda: catcher.answered == [TOKEN, second], timeout=2000)


def test_a_scan_into_the_print_preview_is_answered_when_it_closes(qtbot, catcher, field):
    preview = QPrintPreviewDialog(field.window())
    preview.setModal(True)
    preview.show()
    qtbot.waitExposed(preview)
    target = QApplication.focusWidget() or preview
    keys = Keyboard()
    keys.type(target, TOKEN, every_ms=6)
    keys.enter(target)
    assert catcher.answered == []
    preview.reject()
    qtbot.waitUntil(lambda: catcher.answered == [TOKEN], timeout=2000)


def test_a_scanner_repeating_itself_is_answered_once(qtbot, catcher, field):
    keys = Keyboard()
    for _ in range(2):
        keys.type(field, TOKEN, every_ms=6)
        keys.enter(field)
    assert catcher.answered == [TOKEN]


def test_a_scanner_stalling_once_mid_code_is_still_one_scan(qtbot, catcher, field):
    keys = Keyboard()
    keys.type(field, TOKEN[:5], every_ms=6)
    keys.key(field, TOKEN[5], after_ms=120)  # the X server or the USB hub was busy
    keys.type(field, TOKEN[6:], every_ms=6)
    keys.enter(field)
    assert catcher.answered == [TOKEN]
    assert field.text() == ""
