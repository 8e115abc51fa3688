"""The start as a desk sees it: the main window's frame first, its page list
as the main window's, and a card scanned while the store is still opening is
answered once the desk is ready, not lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from frontdesk.checkin.tokens import make_token
from frontdesk.cli import window_args
from frontdesk.settings import school_secret
from frontdesk.store.backup import newest_backup_of
from frontdesk.store.models import Learner
from frontdesk.vocab import StaffRole
from ui.kit import scan_catcher
from ui.shell import app as shell_app
from ui.shell import crash
from ui.shell.main_window import default_pages
from ui.shell.start_frame import PAGES, StartFrame


def test_the_frame_lists_the_main_windows_pages_in_its_order(qtbot):
    pages = default_pages()
    assert [(e.icon_name, e.title) for e in PAGES] == [(p.icon_name, p.TITLE) for p in pages]
    frame = StartFrame()
    qtbot.addWidget(frame)
    assert [frame.nav.item(r).text() for r in range(frame.nav.count())] == \
        [p.title_text() for p in pages]
    assert frame.nav.item(0).text() != "Dashboard"  # in the desk's language
    for role in (None, *StaffRole):  # the main window hides the same pages as the pages would
        assert [e.allowed(role) for e in PAGES] == [p.allowed(role) for p in pages], role
    assert not any(e.allowed(StaffRole.DESK) for e in PAGES if e.name == "StaffPage")


def _stamped(widget: QWidget, text: str, start: int) -> None:
    """Keys as a USB scanner types them: 8 ms apart, stamped by the window system."""
    clock = start
    for ch in [*text, "\r"]:
        clock += 8
        code = Qt.Key.Key_Return if ch == "\r" else ord(ch.upper())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(clock)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def no_crash_hook(monkeypatch):  # type: ignore[no-untyped-def]
    # pytest-qt reports an exception in a slot; the desk's crash dialog would wait for a click.
    monkeypatch.setattr(crash, "install", lambda app: None)
    yield
    scan_catcher.uninstall()


def test_a_card_scanned_while_the_store_opens_is_answered_once_ready(
        qtbot, demo_store, tmp_path, monkeypatch, no_crash_hook):
    with demo_store.read() as session:
        learner = session.query(Learner).order_by(Learner.id).first()
        assert learner is not None
        token = make_token(school_secret(session), learner.code, learner.card_version)
        name = learner.name
    path = demo_store.sqlite_path
    demo_store.dispose()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    args = window_args(["--db", str(path), "--lang", "zh_CN"])
    assert args is not None
    scanned: list[bool] = []

    def scan_on_first_paint() -> None:
        # The frame is on screen and the store not yet open: the card comes now.
        scanned.append(opening.store is None)
        _stamped(opening.frame, token, 5_000_000)

    opening = shell_app.start(args)
    opening.frame.painted.connect(scan_on_first_paint)
    with qtbot.waitSignal(opening.opened, timeout=60_000) as opened:
        pass
    window = opened.args[0]
    qtbot.addWidget(window)
    try:
        assert scanned == [True]
        page = window.checkin_page()
        assert page is not None
        qtbot.waitUntil(lambda: page.outcome.kind != "idle", timeout=10_000)
        assert window.stack.currentWidget() is page  # the desk shows the answer
        assert name in page.outcome.headline.text()
        # Once the dashboard's figures are in, the day's first start backs the store up.
        qtbot.waitUntil(lambda: newest_backup_of(path) is not None, timeout=30_000)
    finally:
        window.close()
        if opening.store is not None:
            opening.store.dispose()


def test_pyside_checks_each_module_without_keeping_its_source(tmp_path, monkeypatch):
    import linecache
    import sys

    import ui.kit  # noqa: F401  (replaces the check)

    (tmp_path / "desk_probe_qt.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    (tmp_path / "desk_probe_plain.py").write_text("ANSWER = 42\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    exec("import desk_probe_qt, desk_probe_plain")  # through the import statement, as a start
    feature = sys.modules["shibokensupport.feature"]
    # The same answer as PySide6's own check: one module uses PySide6, one does not …
    assert feature.pyside_feature_dict["desk_probe_qt"] == 0
    assert feature.pyside_feature_dict["desk_probe_plain"] == -1
    # … and no line of either is kept in memory.
    assert not any(str(tmp_path) in name for name in linecache.cache)


def test_a_store_that_cannot_be_opened_is_explained_behind_the_painted_frame(
        qtbot, tmp_path, monkeypatch, no_crash_hook):
    path = tmp_path / "school.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 8192)  # damaged past repair
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    asked: list[tuple[bool, str]] = []

    def answer(cls, parent, message, backup):  # type: ignore[no-untyped-def]
        asked.append((opening.frame.isVisible(), message))
        return shell_app.StoreProblemBox.CLOSE

    monkeypatch.setattr(shell_app.StoreProblemBox, "ask", classmethod(answer))
    args = window_args(["--db", str(path), "--lang", "zh_CN"])
    assert args is not None
    opening = shell_app.start(args)
    with qtbot.waitSignal(opening.gave_up, timeout=60_000) as gave_up:
        pass
    assert gave_up.args == [2]  # the program ends with 2, as before
    assert len(asked) == 1 and asked[0][0]  # asked once, over the painted frame
    assert asked[0][1].startswith("数据库已损坏") and str(path) in asked[0][1], asked
    assert opening.window is None and opening.store is None
    assert not opening.frame.isVisible()
