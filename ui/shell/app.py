"""Opening FrontDesk: fonts, language, the store (with a way out when it
cannot be opened), the first-run choice, then the main window."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLoggingCategory, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from frontdesk.store.engine import Store, StoreError, demo_store_path, open_store
from ui.kit import i18n, scan_catcher
from ui.kit.context import DeskContext
from ui.kit.fonts import install_fonts
from ui.kit.words import describe
from ui.shell.one_per_store import DeskInstance, instance_key

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

DEFAULT_DESK = "前台1"
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
    from frontdesk.roster.courses import school_is_empty

    with store.read() as session:
        return school_is_empty(session)


def start(args: argparse.Namespace) -> tuple[QApplication, MainWindow | None, Store | None]:
    """Everything up to a shown main window (None when the user gave up)."""
    app = make_app()
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
    instance = DeskInstance.claim(instance_key(store), app)
    if instance is None:  # the FrontDesk already open on this store came to the front
        store.dispose()
        app.setProperty(HANDED_OVER, True)
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
    instance.come_to_front.connect(window.come_to_front)
    window.show()
    catcher.handler = window.answer_scan
    catcher.flush()
    window.start_backups()
    return app, window, store


def run(args: argparse.Namespace) -> int:
    app, window, store = start(args)
    if window is None or store is None:
        return 0 if app.property(HANDED_OVER) else 2
    code = app.exec()
    store.dispose()
    return code
