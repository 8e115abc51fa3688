"""Opening FrontDesk: fonts, language, the store (with a way out when it
cannot be opened), the first-run choice, then the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from frontdesk.roster import actions as roster_actions
from frontdesk.staff.actor import SYSTEM
from frontdesk.store.engine import Store, StoreError, demo_store_path, open_store
from ui.kit import i18n
from ui.kit.context import DeskContext
from ui.kit.fonts import install_fonts
from ui.kit.words import describe

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


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("FrontDesk")
    app.setOrganizationName("FrontDesk")
    app.setApplicationDisplayName("FrontDesk")
    install_fonts(app)
    return app


def open_store_interactively(parent: QWidget | None, db: str | None) -> Store | None:
    """Open the store, or explain why not and let the user pick another or quit."""
    candidate = db
    while True:
        try:
            return open_store(candidate)
        except StoreError as error:
            message = describe(error)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QApplication.translate("App", "The store cannot be opened"),
            message,
            parent=parent,
        )
        choose = box.addButton(
            QApplication.translate("App", "Choose another store…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is not choose:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QApplication.translate("App", "FrontDesk store"),
            folder,
            QApplication.translate("App", "FrontDesk store (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return None
        candidate = path


def store_is_empty(store: Store) -> bool:
    """Whether the school has nothing yet (asked before anyone signs in: the system asks)."""
    return roster_actions.school_is_empty(store, SYSTEM)


def start(args: argparse.Namespace) -> tuple[QApplication, MainWindow | None, Store | None]:
    """Everything up to a shown main window (None when the user gave up)."""
    app = make_app()
    from ui.shell import crash

    crash.install(app)
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
    settings = QSettings()
    desk = args.desk or str(settings.value("desk/name", DEFAULT_DESK))
    settings.setValue("desk/name", desk)
    context = DeskContext(store, desk=desk)
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
    window.show()
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
        return 2
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
