"""A store that cannot be opened, in the window: why, and the way out."""

from __future__ import annotations

import datetime as dt

from frontdesk.store.backup import BackupKind, take_backup
from frontdesk.store.check import check_store
from frontdesk.store.engine import open_store
from ui.shell import app as shell_app
from ui.shell.app import StoreProblemBox, open_store_interactively

PAGE = 4096


def _damage(path) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(path.read_bytes())
    data[: 2 * PAGE] = b"\xa5" * (2 * PAGE)
    data[:16] = b"SQLite format 3\x00"
    path.write_bytes(bytes(data))


def test_a_damaged_store_offers_the_newest_backup(qtbot, demo_store, monkeypatch, now):
    path = demo_store.sqlite_path
    older = take_backup(demo_store, path.parent / "backups", now - dt.timedelta(days=1),
                        BackupKind.EVENING)
    newest = take_backup(demo_store, path.parent / "backups", now, BackupKind.EVENING)
    demo_store.dispose()
    _damage(path)
    asked: list[tuple[str, object]] = []

    def answer(cls, parent, message, backup):  # type: ignore[no-untyped-def]
        asked.append((message, backup))
        return StoreProblemBox.RESTORE

    monkeypatch.setattr(StoreProblemBox, "ask", classmethod(answer))
    store = open_store_interactively(None, str(path))
    assert store is not None
    try:
        assert check_store(store) == []
    finally:
        store.dispose()
    [(message, offered)] = asked
    assert "damaged" in message or "损坏" in message
    assert offered is not None and offered.path == newest and offered.path != older


def test_a_store_that_is_not_ours_offers_another_store_not_a_restore(
        qtbot, tmp_path, monkeypatch):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    asked: list[object] = []

    def answer(cls, parent, message, backup):  # type: ignore[no-untyped-def]
        asked.append(backup)
        return StoreProblemBox.CHOOSE

    monkeypatch.setattr(StoreProblemBox, "ask", classmethod(answer))
    chosen = tmp_path / "school.sqlite3"
    ready = open_store(chosen)
    ready.dispose()
    monkeypatch.setattr(shell_app, "choose_store_path", lambda parent: str(chosen))
    store = open_store_interactively(None, str(other))
    assert store is not None and store.sqlite_path == chosen
    store.dispose()
    assert asked == [None] and other.read_text() == "hello"
