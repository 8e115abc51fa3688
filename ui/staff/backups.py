"""Backups from the windows: automatic ones off the GUI thread, and the
administrator's dialog (folder, back up now, the list of backups).

The store is backed up on start and once an evening (the domain decides when
one is due); a failure is shown as a warning and the desk keeps working.
Restoring replaces the store under every desk, so it is done with FrontDesk
closed: ``frontdesk restore FILE`` (the dialog says so and shows the command).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import DomainError
from frontdesk.messages import QT_TRANSLATE_NOOP
from frontdesk.store import actions as store_actions
from frontdesk.store import backup as backup_domain
from frontdesk.store.backup_files import BackupKind
from frontdesk.store.engine import StoreError
from ui.kit.context import DeskContext
from ui.kit.words import describe
from ui.kit.worker import Worker, run_with_progress

CHECK_EVERY_MS = 10 * 60 * 1000  # how often the evening backup is looked for


class BackupScheduler(QObject):
    """Runs the automatic backups off the GUI thread; says how each went."""

    backed_up = Signal(str)  # the backup file
    failed = Signal(str)  # the reason, in words

    def __init__(self, context: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.worker = Worker("backup", self)
        self.worker.succeeded.connect(self.on_worker_succeeded)
        self.worker.failed.connect(self.on_worker_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.on_timer_timeout)

    def start(self) -> None:
        """The start-up backup now, then look for the evening one regularly."""
        if not self.context.store.is_sqlite:
            return  # a shared PostgreSQL store is backed up on its server
        self._run(starting=True)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.worker.wait()  # let a backup in progress finish before the store closes

    @Slot()
    def on_timer_timeout(self) -> None:
        self._run(starting=False)

    def _run(self, *, starting: bool) -> None:
        if self.worker.busy:
            return  # the last one is still running
        store, now = self.context.store, self.context.now()
        self.worker.start(lambda: backup_domain.automatic_backup(store, now, starting=starting))

    @Slot(object, object)
    def on_worker_succeeded(self, _token: object, path: object) -> None:
        if path is not None:
            self.backed_up.emit(str(path))

    @Slot(object, object)
    def on_worker_failed(self, _token: object, error: object) -> None:
        if isinstance(error, (DomainError, StoreError)):
            self.failed.emit(describe(error))
        elif isinstance(error, OSError):
            self.failed.emit(str(error))
        elif isinstance(error, BaseException):
            raise error


def choose_folder(parent: QWidget, start: Path) -> Path | None:
    """The folder-chooser seam tests replace (``ui.staff.backups.choose_folder``)."""
    title = QCoreApplication.translate("BackupDialog", "Backup folder")
    path = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(path) if path else None


class BackupDialog(QDialog):
    """Where backups go, a backup now, and what there is to restore from."""

    def __init__(self, parent: QWidget | None, context: DeskContext) -> None:
        super().__init__(parent)
        self.context = context
        self.resize(720, 460)
        self.folder_edit = QLineEdit()
        self.folder_edit.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.on_choose_button_clicked)
        self.now_button = QPushButton()
        self.now_button.clicked.connect(self.on_now_button_clicked)
        self.list = QListWidget()
        self.list.setObjectName("backups")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.restore_help = QLabel()
        self.restore_help.setWordWrap(True)
        self.restore_help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        self.folder_label = QLabel()
        row.addWidget(self.folder_label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.now_button)
        layout.addWidget(self.message)
        self.list_label = QLabel()
        layout.addWidget(self.list_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.restore_help)
        layout.addWidget(buttons)
        self.retranslate_ui()
        self.refresh()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.folder_label.setText(self.tr("Backup folder:"))
        self.choose_button.setText(self.tr("Choose…"))
        self.now_button.setText(self.tr("Back up now"))
        self.list_label.setText(self.tr("Backups in this folder (newest first):"))
        self.restore_help.setText(self.tr(
            "To restore one: close FrontDesk on every desk, then run "
            "<code>frontdesk restore FILE --yes</code>. The store as it was is kept as a "
            "backup first."))

    def folder(self) -> Path:
        return backup_domain.backup_folder(self.context.store)

    def refresh(self) -> None:
        folder = self.folder()
        self.folder_edit.setText(str(folder))
        self.list.clear()
        stem = self.context.store.sqlite_path.stem if self.context.store.sqlite_path else None
        tz = self.context.settings().tz()
        for item in reversed(backup_domain.list_backups(folder, stem)):
            when = item.taken_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            self.list.addItem(f"{when}  {kind_text(item.kind)}  {item.path.name}")

    @Slot()
    def on_choose_button_clicked(self) -> None:
        chosen = choose_folder(self, self.folder())
        if chosen is None:
            return
        ctx = self.context
        try:
            ctx.act(store_actions.set_backup_folder, str(chosen), ctx.now())
        except DomainError as error:
            self.message.setText(describe(error))
            return
        self.message.setText(self.tr("Backups now go to {folder}.").format(folder=chosen))
        self.refresh()

    @Slot()
    def on_now_button_clicked(self) -> None:
        ctx = self.context
        outcome = run_with_progress(
            self, self.tr("Backing up…"), None,
            lambda _report: ctx.act(store_actions.backup_now, self.folder(), ctx.now()))
        if isinstance(outcome.error, (DomainError, StoreError)):
            self.message.setText(describe(outcome.error))
        elif outcome.error is not None:
            raise outcome.error
        else:
            self.message.setText(self.tr("Backed up to {path}.").format(path=outcome.result))
        self.refresh()

    @classmethod
    def ask(cls, parent: QWidget | None, context: DeskContext) -> None:
        cls(parent, context).exec()


KINDS = {
    BackupKind.START: QT_TRANSLATE_NOOP("Backups", "at start"),
    BackupKind.EVENING: QT_TRANSLATE_NOOP("Backups", "evening"),
    BackupKind.MANUAL: QT_TRANSLATE_NOOP("Backups", "by hand"),
    BackupKind.BEFORE_RESTORE: QT_TRANSLATE_NOOP("Backups", "before a restore"),
}


def kind_text(kind: BackupKind) -> str:
    """A backup's kind in the desk's words."""
    return QCoreApplication.translate("Backups", KINDS[kind])
