"""Opening FrontDesk: fonts, language and the main window's frame, painted
first; then, behind it, the store (with a way out when it cannot be opened),
sign-in, the first-run choice and the main window, whose first page reads
its figures on a worker. Nothing of the store is imported before that paint."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLoggingCategory,
    QObject,
    QSettings,
    QStandardPaths,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from ui.kit import i18n, scan_catcher
from ui.kit.fonts import install_fonts
from ui.shell.start_frame import StartFrame

# Nothing of the store is imported before the first paint: the ORM alone
# takes longer than a bare window does to show.
if TYPE_CHECKING:
    from frontdesk.store.backup_files import BackupFile
    from frontdesk.store.engine import Store, StoreError
    from ui.kit.context import DeskContext
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
    from frontdesk.store.engine import StoreProblem, sqlite_file

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
    from frontdesk.store.backup import newest_backup_of
    from frontdesk.store.engine import StoreError, open_store
    from ui.kit.words import describe

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
    from ui.kit.words import describe

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
    from frontdesk.roster import actions as roster_actions
    from frontdesk.staff.actor import SYSTEM

    return roster_actions.school_is_empty(store, SYSTEM)


def start(args: argparse.Namespace) -> Opening:
    """The application and the main window's frame, shown; the rest (the store,
    sign-in, the first run, the main window) follows once the frame is painted."""
    app = make_app()
    from ui.shell import crash

    crash.install(app)
    # One key filter for the whole application tells a scanner from a person,
    # from the first paint on: scans made before the main window exists (while
    # the store opens, at sign-in) are kept and answered once it does.
    scan_catcher.install(app)
    lang = args.lang or i18n.remembered_language()
    i18n.install_language(lang)
    if args.lang:
        i18n.remember_language(lang)
    opening = Opening(args)
    opening.frame.show()
    return opening


class Opening(QObject):
    """From the painted frame to the main window: the store (with a way out when
    it cannot be opened), one FrontDesk per store, sign-in, the first run.

    ``opened`` brings the main window; ``gave_up`` the exit code when there
    will be none (the user closed the problem box or the sign-in, or the
    FrontDesk already open on this store took over: 0)."""

    opened = Signal(object)
    gave_up = Signal(int)
    FALLBACK_MS = 1000  # a frame the platform never paints (minimised) still opens

    def __init__(self, args: argparse.Namespace) -> None:
        super().__init__()
        self.args = args
        self.frame = StartFrame()
        self.window: MainWindow | None = None
        self.store: Store | None = None
        self.exit_code: int | None = None
        self._started = False
        self.frame.painted.connect(self.on_frame_painted)
        QTimer.singleShot(self.FALLBACK_MS, self, self.open)

    @Slot()
    def on_frame_painted(self) -> None:
        log_shown()
        # After this paint reaches the screen: the store's work blocks the GUI thread.
        QTimer.singleShot(0, self.open)

    @Slot()
    def open(self) -> None:
        if self._started:
            return
        self._started = True
        code = self._open()
        if code is not None:
            self.exit_code = code
            if self.store is not None:
                self.store.dispose()
                self.store = None
            self.gave_up.emit(code)
            self.frame.close()

    def _open(self) -> int | None:
        """The main window, shown (None), or the exit code of a start given up."""
        store = open_store_interactively(None, self._db())
        if store is None:
            return 2
        self.store = store
        warn_if_on_a_share(None, store)
        from ui.shell.one_per_store import DeskInstance, instance_key

        instance = DeskInstance.claim(instance_key(store), QApplication.instance())
        if instance is None:  # the FrontDesk already open on this store came to the front
            QApplication.instance().setProperty(HANDED_OVER, True)  # type: ignore[union-attr]
            return 0
        context = self._context(store)
        from ui.shell.sign_in import sign_in_at_start

        # A school with staff accounts: nothing happens before someone signs in.
        if not sign_in_at_start(context):
            return 2
        self._first_run(context)
        from ui.shell.main_window import MainWindow

        window = MainWindow(context)
        instance.come_to_front.connect(window.come_to_front)
        if self.frame.isVisible():  # where the desk left the frame while it waited
            window.restoreGeometry(self.frame.saveGeometry())
        window.show()
        self.frame.hide()
        self.frame.deleteLater()
        self.window = window
        catcher = scan_catcher.install(QApplication.instance())  # type: ignore[arg-type]
        catcher.handler = window.answer_scan
        catcher.flush()
        # The day's first start backs the store up: once the desk is ready, so the
        # copy does not slow the first page's figures.
        when_ready(window, window.start_backups)
        self.opened.emit(window)
        return None

    def _db(self) -> str | None:
        db: str | None = self.args.db
        if getattr(self.args, "demo", False) and db is None:
            from frontdesk.store.engine import demo_store_path

            db = str(demo_store_path())
        return db

    def _context(self, store: Store) -> DeskContext:
        from ui.kit.context import DeskContext

        settings = QSettings()
        desk = self.args.desk or str(settings.value("desk/name", DEFAULT_DESK))
        settings.setValue("desk/name", desk)
        context = DeskContext(store, desk=desk)
        if not store.is_sqlite:
            from frontdesk.checkin.door import DoorDesk, desk_folder
            from frontdesk.paths import data_dir

            context.door = DoorDesk(store, desk_folder(data_dir(), store))
        return context

    def _first_run(self, context: DeskContext) -> None:
        store = context.store
        if getattr(self.args, "demo", False) and store_is_empty(store):
            from ui.shell.first_run import build_demo_interactively

            build_demo_interactively(None, context)
        elif store_is_empty(store):
            from ui.shell.first_run import FirstRunDialog

            FirstRunDialog.ask(None, context)


def log_shown() -> None:
    """The log keeps how long each start took to paint its first window."""
    from frontdesk.logs import process_age_ms

    age = process_age_ms()
    if age is not None:
        log.info("windows shown %d ms after the program started", age)


def log_ready() -> None:
    """… and to be ready: the store open, the first page's figures on screen."""
    from frontdesk.logs import process_age_ms

    age = process_age_ms()
    if age is not None:
        log.info("ready %d ms after the program started", age)


def log_memory() -> None:
    from frontdesk.logs import resident_mb

    rss = resident_mb()
    if rss is not None:
        log.info("resident memory %.1f MB", rss)


READY_AT_LATEST_MS = 15_000  # figures that never come (a store error) hold nothing back


def when_ready(window: MainWindow, then: Callable[[], None]) -> None:
    """Call ``then`` once the first page shows its figures (the dashboard reads
    the term's on a worker), at once for a first page that has none, and at the
    latest after ``READY_AT_LATEST_MS`` (a reading that failed says so itself)."""
    page = window.pages[0] if window.pages else None
    shown = getattr(page, "term_shown", None)
    if shown is None or getattr(page, "term", None) is not None:
        QTimer.singleShot(0, then)
        return
    done = False

    def once() -> None:
        nonlocal done
        if not done:
            done = True
            then()

    shown.connect(once)
    QTimer.singleShot(READY_AT_LATEST_MS, window, once)


def run(args: argparse.Namespace) -> int:
    opening = start(args)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opening.gave_up.connect(app.exit)
    from ui.shell import crash

    def opened(window: MainWindow) -> None:
        when_ready(window, log_ready)
        QTimer.singleShot(0, crash.watch_from_now)
        seconds = quit_after_seconds()
        if seconds is not None:

            def close_and_quit() -> None:
                log_memory()
                window.close()
                app.quit()

            when_ready(window, lambda: QTimer.singleShot(int(seconds * 1000), close_and_quit))

    opening.opened.connect(opened)
    code = app.exec()
    if opening.store is not None:
        opening.store.dispose()
    if opening.window is None:  # given up before a main window showed
        return 0 if app.property(HANDED_OVER) else (opening.exit_code or 2)
    log.info("windows closed (exit code %d)", code)
    return code
