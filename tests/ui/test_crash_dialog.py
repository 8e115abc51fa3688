"""An exception that escapes a slot: logged, the clerk told in Chinese, nothing
saved, the windows still running; and slow stretches on the GUI thread logged."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import func, select

from frontdesk import logs
from frontdesk.store.models import Learner
from tests.conftest import FIXED_NOW
from ui.shell import crash


@pytest.fixture
def log_to(tmp_path):
    path = logs.start_logging(tmp_path / "logs", command="test")
    yield path
    logs.stop_logging()


def _learners(store) -> int:
    with store.read() as session:
        return session.scalar(select(func.count()).select_from(Learner))


# pytest-qt turns an exception in a slot into a test failure by putting its own
# sys.excepthook in place; this test is about FrontDesk's hook, so it asks
# pytest-qt not to, and puts FrontDesk's in place itself.
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_shown_and_saves_nothing(
        qtbot, desk, log_to, monkeypatch):
    shown: list[crash.CrashDialog] = []

    def ask(parent, details, log_path):  # the dialog's seam: build it, look, close it
        dialog = crash.CrashDialog(parent, details, log_path)
        qtbot.addWidget(dialog)
        shown.append(dialog)

    monkeypatch.setattr(crash.CrashDialog, "ask", staticmethod(ask))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    crash.install(QApplication.instance()).timer.stop()
    before = _learners(desk.store)

    def pay_and_fail() -> None:
        with desk.store.write() as session:
            session.add(Learner(code="CRASH01", name="不该保存", created_at=FIXED_NOW,
                                updated_at=FIXED_NOW))
            session.flush()
            raise RuntimeError("the printer driver said no")

    button = QPushButton("缴费")
    qtbot.addWidget(button)
    button.clicked.connect(pay_and_fail)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert len(shown) == 1
    dialog = shown[0]
    assert dialog.windowTitle() == "出了点问题"
    assert dialog.message.text().startswith("出了点问题；这次操作没有保存任何内容。")
    assert str(log_to) in dialog.where.text()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError: the printer driver said no" in copied
    assert f"Log: {log_to}" in copied
    assert dialog.copy_button.text() == "已复制"

    logged = log_to.read_text(encoding="utf-8")
    assert "ERROR" in logged and "an exception escaped a slot" in logged
    assert "RuntimeError: the printer driver said no" in logged
    assert _learners(desk.store) == before  # nothing was saved
    # The windows carry on: the same button works again (and fails again, logged again).
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(shown) == 2


def test_a_slow_stretch_on_the_gui_thread_is_logged(qtbot, log_to):
    watch = crash.GuiWatch(slow_ms=250)
    watch.start()
    qtbot.wait(250)
    assert watch.busy == []
    time.sleep(0.4)  # the GUI thread busy, as a slow query on it would be
    qtbot.waitUntil(lambda: watch.busy != [], timeout=2000)
    watch.timer.stop()
    assert 300 <= watch.busy[0] < 1500
    logged = log_to.read_text(encoding="utf-8")
    assert "WARNING" in logged and "slow: the windows did not answer for" in logged


def test_every_run_logs_to_a_rotating_file_in_the_data_folder(tmp_path):
    path = logs.start_logging(command="checkin")
    try:
        assert path is not None and path.parent.parent.name == "FrontDesk"
        handler = logs._handler
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert handler.maxBytes * (handler.backupCount + 1) <= 5_000_000
        assert "started (checkin)" in path.read_text(encoding="utf-8")
    finally:
        logs.stop_logging()
