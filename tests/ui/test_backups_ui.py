"""Automatic backups from the windows, and the administrator's dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from frontdesk.store import backup as backup_domain
from ui.staff.backups import BackupDialog, BackupScheduler


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.sqlite3"))


def test_the_start_backup_runs_off_the_gui_thread(qtbot, desk):
    folder = backup_domain.backup_folder(desk.store)
    scheduler = BackupScheduler(desk)
    with qtbot.waitSignal(scheduler.backed_up, timeout=10_000) as done:
        scheduler.start()
    scheduler.stop()
    made = Path(done.args[0])
    assert made in _files(folder)
    assert made.name.endswith("-start.sqlite3")


def test_a_failing_backup_is_reported_and_the_desk_goes_on(qtbot, desk, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    monkeypatch.setattr(backup_domain, "backup_folder", lambda _store: blocker / "backups")
    scheduler = BackupScheduler(desk)
    with qtbot.waitSignal(scheduler.failed, timeout=10_000) as failed:
        scheduler.start()
    scheduler.stop()
    assert "备份" in failed.args[0]


def test_back_up_now_from_the_dialog_lists_the_new_backup(qtbot, desk):
    dialog = BackupDialog(None, desk)
    qtbot.addWidget(dialog)
    before = dialog.list.count()
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == before + 1
    assert "manual" in dialog.list.item(0).text()
    assert "已备份到" in dialog.message.text()


def test_choosing_another_folder_is_kept(qtbot, desk, monkeypatch, tmp_path):
    target = tmp_path / "usb"
    target.mkdir()
    monkeypatch.setattr("ui.staff.backups.choose_folder", lambda _parent, _start: target)
    dialog = BackupDialog(None, desk)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.folder_edit.text() == str(target)
    assert backup_domain.backup_folder(desk.store) == target
