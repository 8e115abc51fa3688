"""Opening FrontDesk: fonts, language, the store (with a way out when it
cannot be opened), the first-run choice, then the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLoggingCategory, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from frontdesk.roster import actions as roster_actions
from frontdesk.staff.actor import SYSTEM
from frontdesk.store.backup import newest_backup_of
from frontdesk.store.backup_files import BackupFile
from frontdesk.store.engine import (
    Store,
    StoreError,
    StoreProblem,
    demo_store_path,
    open_store,
    sqlite_file,
)
from ui.kit import i18n, scan_catcher
from ui.kit.context import DeskContext
from ui.kit.fonts import install_fonts
from ui.kit.words import describe
from ui.shell.one_per_store import DeskInstance, instance_key

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger("frontdesk.ui")

DEFAULT_DESK = "前台1"
# Close the windows by themselves after this many seconds: for a smoke run of
# the program (CI starts the frozen build with it), never set on a desk.
QUIT_AFTER_ENV = "FRONTDESK_QUIT_AFTER_S"


def quit_after_seconds() -> float | None:
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds > 0 else None


HANDED_OVER = "frontdesk_handed_over"  # another FrontDesk on this store took over


# QtMultimedia (loaded at the first sound or with the camera) reports every
# optional library it looks for and does not find (PipeWire, VA-API) and a
# missing sound server: nothing a desk can act on, and alarming to read.
QUIET_LOGS = "\n".join((
    "qt.multimedia.symbolsresolver.warning=false",
    "qt.multimedia.ffmpeg.info=false",
    "qt.multimedia.pulseaudio.*.warning=false",
    "qt.multimedia.pipewire.*.warning=false",
))


def make_app(argv: list[str] | None = None) -> QApplication:
    QLoggingCategory.setFilterRules(QUIET_LOGS)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("FrontDesk")
    app.setOrganizationName("FrontDesk")
    app.setApplicationDisplayName("FrontDesk")
    install_fonts(app)
    return app


class StoreProblemBox:
    """The store cannot be opened: why, and what can be done. ``ask`` is the seam."""

    CHOOSE, RESTORE, CLOSE = "choose", "restore", "close"

    @classmethod
    def ask(cls, parent: QWidget | None, message: str, newest: BackupFile | None) -> str:
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QApplication.translate("App", "The store cannot be opened"),
                          message, parent=parent)
        restore = None
        if newest is not None:
            restore = box.addButton(
                QApplication.translate("App", "Restore the newest backup ({when})").format(
                    when=newest.taken_at.strftime("%Y-%m-%d %H:%M")),
                QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(QApplication.translate("App", "Choose another store…"),
                               QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore:
            return cls.RESTORE
        return cls.CHOOSE if clicked is choose else cls.CLOSE


def _damaged_path(error: StoreError, candidate: str | None) -> Path | None:
    return sqlite_file(candidate) if error.problem is StoreProblem.DAMAGED else None


def warn_if_on_a_share(parent: QWidget | None, store: Store) -> bool:
    """A SQLite store on a network share is no way for desks to share one: say so."""
    from frontdesk.store.network_share import on_network_share

    path = store.sqlite_path
    if path is None or not on_network_share(path):
        return False
    QMessageBox.warning(parent, QCoreApplication.translate("App", "Store on a network share"),
                        QCoreApplication.translate(
                            "App", "This store ({path}) is on a network share. SQLite cannot "
                            "keep a store safe there when several desks use it: they can damage "
                            "it. For several desks, use one PostgreSQL store (see the README); "
                            "for one desk, keep the store on this PC's own disk.")
                        .format(path=path))
    log.warning("store %s is on a network share", path)
    return True


def open_store_interactively(parent: QWidget | None, db: str | None) -> Store | None:
    """Open the store, or explain why not and let the user restore the newest
    backup (a damaged store), pick another store, or quit."""
    candidate = db
    while True:
        try:
            return open_store(candidate)
        except StoreError as error:
            message = describe(error)
            damaged = _damaged_path(error, candidate)
        newest = newest_backup_of(damaged) if damaged is not None else None
        choice = StoreProblemBox.ask(parent, message, newest)
        if choice == StoreProblemBox.RESTORE and damaged is not None and newest is not None:
            _restore_newest(parent, damaged, newest)
            continue
        if choice != StoreProblemBox.CHOOSE:
            return None
        path = choose_store_path(parent)
        if not path:
            return None
        candidate = path


def _restore_newest(parent: QWidget | None, damaged: Path, newest: BackupFile) -> None:
    """Put the newest backup in the damaged store's place (the damaged file is kept)."""
    import datetime as dt

    from frontdesk.errors import DomainError
    from frontdesk.staff.actor import Actor
    from frontdesk.store.restore import restore

    try:
        restore(damaged, newest.path, dt.datetime.now(dt.UTC), Actor(desk=DEFAULT_DESK))
    except DomainError as error:
        QMessageBox.warning(parent, QApplication.translate("App", "Restore"), describe(error))


def choose_store_path(parent: QWidget | None) -> str:
    """The file chooser for another store ("" when cancelled): the seam tests replace."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QApplication.translate("App", "FrontDesk store"),
        folder,
        QApplication.translate("App", "FrontDesk store (*.sqlite3)"),
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return path


def store_is_empty(store: Store) -> bool:
    """Whether the school has nothing yet (asked before anyone signs in: the system asks)."""
    return roster_actions.school_is_empty(store, SYSTEM)


def start(args: argparse.Namespace) -> tuple[QApplication, MainWindow | None, Store | None]:
    """Everything up to a shown main window (None when the user gave up)."""
    app = make_app()
    from ui.shell import crash

    crash.install(app)
    # One key filter for the whole application tells a scanner from a person,
    # from the sign-in box on (scans made before the window exists are kept).
    catcher = scan_catcher.install(app)
    lang = args.lang or i18n.remembered_language()
    i18n.install_language(lang)
    if args.lang:
        i18n.remember_language(lang)
    db = args.db
    if getattr(args, "demo", False) and db is None:
        db = str(demo_store_path())
    store = open_store_interactively(None, db)
    if store is None:
        return app, None, None
    warn_if_on_a_share(None, store)
    instance = DeskInstance.claim(instance_key(store), app)
    if instance is None:  # the FrontDesk already open on this store came to the front
        store.dispose()
        app.setProperty(HANDED_OVER, True)
        return app, None, None
    settings = QSettings()
    desk = args.desk or str(settings.value("desk/name", DEFAULT_DESK))
    settings.setValue("desk/name", desk)
    context = DeskContext(store, desk=desk)
    if not store.is_sqlite:
        from frontdesk.checkin.door import DoorDesk, desk_folder
        from frontdesk.paths import data_dir

        context.door = DoorDesk(store, desk_folder(data_dir(), store))
    from ui.shell.sign_in import sign_in_at_start

    # A school with staff accounts: nothing happens before someone signs in.
    if not sign_in_at_start(context):
        store.dispose()
        return app, None, None
    if getattr(args, "demo", False) and store_is_empty(store):
        from ui.shell.first_run import build_demo_interactively

        build_demo_interactively(None, context)
    elif store_is_empty(store):
        from ui.shell.first_run import FirstRunDialog

        FirstRunDialog.ask(None, context)
    from ui.shell.main_window import MainWindow

    window = MainWindow(context)
    instance.come_to_front.connect(window.come_to_front)
    window.show()
    catcher.handler = window.answer_scan
    catcher.flush()
    window.start_backups()
    return app, window, store


def log_shown() -> None:
    """The log keeps how long each start took (the event loop runs, the window is shown)."""
    from frontdesk.logs import process_age_ms

    age = process_age_ms()
    if age is not None:
        log.info("windows shown %d ms after the program started", age)


def log_memory() -> None:
    from frontdesk.logs import resident_mb

    rss = resident_mb()
    if rss is not None:
        log.info("resident memory %.1f MB", rss)


def run(args: argparse.Namespace) -> int:
    app, window, store = start(args)
    if window is None or store is None:
        return 0 if app.property(HANDED_OVER) else 2
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, log_shown)
    from ui.shell import crash

    QTimer.singleShot(0, crash.watch_from_now)
    seconds = quit_after_seconds()
    if seconds is not None:

        def close_and_quit() -> None:
            log_memory()
            window.close()
            app.quit()

        QTimer.singleShot(int(seconds * 1000), close_and_quit)
    code = app.exec()
    store.dispose()
    log.info("windows closed (exit code %d)", code)
    return code
