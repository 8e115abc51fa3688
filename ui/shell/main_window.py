"""The main window: a list of the desk's pages on the left, the page on the right."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSettings, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from frontdesk.staff.roles import Action
from frontdesk.vocab import CheckInMethod
from ui.checkin.page import CheckInPage
from ui.kit import i18n
from ui.kit.context import DeskContext
from ui.kit.icons import icon
from ui.kit.page import Page
from ui.kit.scan_field import ScanRouter
from ui.shell.desk_guard import DeskGuard
from ui.shell.start_frame import GEOMETRY_KEY, PAGES, PageEntry, nav_list, place_on_screen

# A page's class, or its entry in the page list (imported when first shown).
PageFactory = type[Page] | PageEntry


def default_pages() -> list[type[Page]]:
    return [entry.load() for entry in PAGES]


def _is_page(factory: PageFactory, page_type: type[Page]) -> bool:
    return factory.is_a(page_type) if isinstance(factory, PageEntry) else \
        issubclass(factory, page_type)


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, context: DeskContext, pages: list[PageFactory] | None = None) -> None:
        super().__init__()
        self.context = context
        self.setWindowIcon(icon("frontdesk"))
        self._init_pages(pages or list(PAGES))
        self._init_menus()
        self._init_status()
        # sign-in, shift changes, the idle lock
        self.guard = DeskGuard(self, context, self.checkin_page)
        self.guard.staff_changed.connect(self.staff_changed)
        self.guard.came_back.connect(self.on_guard_came_back)
        self.guard.add_to_menu(self.file_menu)
        self.retranslate_ui()
        self.apply_role()
        self.nav.setCurrentRow(0)
        self.place_on_screen()
        self.scan_router = ScanRouter(self, self.route_scan)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scan_router)

    def _init_pages(self, factories: list[PageFactory]) -> None:
        # Pages are built when first shown: start-up builds only the first.
        self.nav = nav_list()
        self.stack = QStackedWidget()
        self._factories = factories
        self._built: dict[int, Page] = {}
        for factory in factories:
            self.stack.addWidget(QWidget())
            QListWidgetItem(icon(factory.icon_name), "", self.nav)
        self.nav.currentRowChanged.connect(self.on_nav_current_row_changed)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _init_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.settings_action = QAction(icon("settings"), "", self)
        self.settings_action.triggered.connect(self.on_settings_triggered)
        self.quit_action = QAction("", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.backups_action = QAction(icon("export"), "", self)
        self.backups_action.triggered.connect(self.on_backups_triggered)
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang, label in (("zh_CN", "中文（简体）"), ("en", "English")):
            action = QAction(label, self, checkable=True)
            action.setChecked(lang == i18n.current_language())
            action.triggered.connect(lambda _checked=False, code=lang: self.switch_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        # Keys for the desk's hands: Ctrl+1 … Ctrl+0 bring a page up, Ctrl+F its name search.
        for row in range(min(len(self._factories), 10)):
            go = QAction(self)
            go.setShortcut(QKeySequence(f"Ctrl+{(row + 1) % 10}"))
            go.triggered.connect(lambda _checked=False, r=row: self.go_to_row(r))
            self.addAction(go)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.on_find_triggered)
        self.addAction(self.find_action)
        self.help_menu = bar.addMenu("")
        self.keys_action = QAction("", self)
        self.keys_action.triggered.connect(self.on_keys_triggered)
        self.help_menu.addAction(self.keys_action)
        self.about_action = QAction("", self)
        self.about_action.triggered.connect(self.on_about_triggered)
        self.help_menu.addAction(self.about_action)

    def _init_status(self) -> None:
        self.school_label = QLabel()
        self.store_label = QLabel()
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.school_label)
        self.statusBar().addPermanentWidget(self.store_label)

    def place_on_screen(self) -> None:
        """Where the desk left the window (see :func:`ui.shell.start_frame.place_on_screen`)."""
        place_on_screen(self)

    def retranslate_ui(self) -> None:
        settings = self.context.settings()
        named = self.context.school_is_named()  # a new store names no school yet
        school = settings.name if named else self.tr("a new school")
        self.setWindowTitle(self.tr("FrontDesk — {school}").format(school=school))
        for row, factory in enumerate(self._factories):
            self.nav.item(row).setText(factory.title_text())
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("School &settings…"))
        self.backups_action.setText(self.tr("&Backups…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.keys_action.setText(self.tr("&Keys and scanning at the desk"))
        self.about_action.setText(self.tr("&About FrontDesk"))
        self.guard.retranslate_ui()
        self.school_label.setText(
            self.tr("{school} · desk {desk}").format(school=school, desk=self.context.desk)
        )
        self.store_label.setText(self.tr("Store: {url}").format(url=self._store_text()))

    def _store_text(self) -> str:
        path = self.context.store.sqlite_path
        return str(path) if path else self.context.store.engine.url.render_as_string()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def factories(self) -> list[type[Page]]:
        """The pages' classes, in the list's order (each imported now if it was not)."""
        return [f.load() if isinstance(f, PageEntry) else f for f in self._factories]

    @property
    def pages(self) -> list[Page]:
        """The pages built so far."""
        return [self._built[row] for row in sorted(self._built)]

    def page(self, row: int) -> Page:
        """The page at ``row``, built on first use."""
        if row not in self._built:
            page = self._factories[row](self.context)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[row] = page
            self._connect_page(page)
        return self._built[row]

    def _connect_page(self, page: Page) -> None:
        # Pages hand work to each other through the window: check-in's "fee due" → fees.
        fee_requested = getattr(page, "fee_payment_requested", None)
        if fee_requested is not None:
            fee_requested.connect(self.open_fees_for)
        first_admin = getattr(page, "first_admin_requested", None)
        if first_admin is not None:
            first_admin.connect(self.guard.on_first_admin_triggered)

    def apply_role(self) -> None:
        """Show only the pages and menu items the signed-in role may use."""
        for row, factory in enumerate(self._factories):
            self.nav.item(row).setHidden(not factory.allowed(self.context.role))
        self.settings_action.setVisible(self.context.may(Action.SETTINGS))
        self.backups_action.setVisible(self.context.store.is_sqlite
                                       and self.context.may(Action.SETTINGS))
        self.guard.update_state()

    @Slot()
    def on_guard_came_back(self) -> None:
        """Back from a lock: the page shown reads what other desks did meanwhile."""
        self.on_nav_current_row_changed(self.nav.currentRow())

    def checkin_page(self) -> CheckInPage | None:
        """The check-in page (built now if it was not yet), None without one."""
        for row, factory in enumerate(self._factories):
            if _is_page(factory, CheckInPage):
                page = self.page(row)
                return page if isinstance(page, CheckInPage) else None
        return None

    @Slot()
    def staff_changed(self) -> None:
        """Someone else works the desk: the pages are built again for their role."""
        for row, page in list(self._built.items()):
            page.shutdown()
            self.stack.insertWidget(row, QWidget())
            self.stack.removeWidget(page)
            page.deleteLater()
        self._built.clear()
        self.apply_role()
        row = self.nav.currentRow()
        if row < 0 or self.nav.item(row).isHidden():
            row = next(r for r in range(self.nav.count()) if not self.nav.item(r).isHidden())
        if row == self.nav.currentRow():
            self.on_nav_current_row_changed(row)
        else:
            self.nav.setCurrentRow(row)

    def answer_scan(self, text: str) -> None:
        """A scan the application's scan catcher took, wherever the focus was:
        the lock screen answers it while locked; else the page in front, when it
        has its own use for it (fees: the learner's fees); else check-in."""
        from ui.checkin.page import CheckInPage

        if self.guard.locked:
            self.guard.on_lock_screen_scanned(text)
            return
        current = self._built.get(self.nav.currentRow())
        if current is not None and current.answer_scan(text):
            return
        target = next((r for r, f in enumerate(self._factories) if _is_page(f, CheckInPage)),
                      None)
        if target is None or self.nav.item(target).isHidden():
            return
        page = self.show_page(CheckInPage)
        if isinstance(page, CheckInPage):
            page.submit(text, CheckInMethod.SCANNER)

    def route_scan(self, key: QKeyEvent) -> bool:
        """Send a key typed on a page without a scan field to the check-in page."""
        row = self.nav.currentRow()
        current = self._built.get(row)
        if current is None or current.keeps_scans or self.guard.locked:
            return False
        target = next((r for r, f in enumerate(self._factories) if _is_page(f, CheckInPage)),
                      None)
        if target is None or self.nav.item(target).isHidden():
            return False
        page = self.show_page(CheckInPage)
        if not isinstance(page, CheckInPage):
            return False
        page.scan_field.setFocus()
        forwarded = QKeyEvent(QEvent.Type.KeyPress, key.key(), key.modifiers(), key.text())
        QApplication.sendEvent(page.scan_field, forwarded)
        return True

    @Slot()
    def come_to_front(self) -> None:
        """FrontDesk was started again on this store: this window answers instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def go_to_row(self, row: int) -> None:
        if not self.guard.locked and not self.nav.item(row).isHidden():
            self.nav.setCurrentRow(row)

    @Slot()
    def on_find_triggered(self) -> None:
        page = self._built.get(self.nav.currentRow())
        field = page.find_field() if page is not None and not self.guard.locked else None
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot(int)
    def open_fees_for(self, learner_id: int) -> None:
        """Bring up the fees page with this learner's fees, ready to take a payment."""
        from ui.fees.page import FeesPage

        page = self.show_page(FeesPage)
        if isinstance(page, FeesPage):
            page.show_learner(learner_id)

    def show_page(self, page_type: type[Page]) -> Page | None:
        for row, factory in enumerate(self._factories):
            if _is_page(factory, page_type):
                self.nav.setCurrentRow(row)
                return self.page(row)
        return None

    def switch_language(self, lang: str) -> None:
        i18n.install_language(lang)
        i18n.remember_language(lang)
        self.language_actions[lang].setChecked(True)
        self.language_changed.emit(lang)

    @Slot(int)
    def on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._factories):
            page = self.page(row)
            self.stack.setCurrentIndex(row)
            page.activate()

    @Slot()
    def on_settings_triggered(self) -> None:
        from ui.shell.settings_dialog import SettingsDialog

        if SettingsDialog.ask(self, self.context) is not None:
            self.retranslate_ui()
            for page in self.pages:
                page.settings_changed()

    @Slot()
    def on_backups_triggered(self) -> None:
        from ui.staff.backups import BackupDialog

        BackupDialog.ask(self, self.context)

    def start_backups(self) -> None:
        """The start-up backup, then the evening one when it is due (off the GUI thread)."""
        from ui.staff.backups import BackupScheduler

        self.backups = BackupScheduler(self.context, self)
        self.backups.failed.connect(self.on_backups_failed)
        self.backups.start()

    @Slot(str)
    def on_backups_failed(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("Backup failed: {reason}").format(reason=reason))
        QMessageBox.warning(self, self.tr("Backup failed"), reason)

    def keys_text(self) -> str:
        return self.tr(
            "<p><b>Scanning:</b> a learner card can be scanned whatever is on the screen: "
            "in a search box, in a dialog (answered when it closes) or on the lock screen. "
            "What was typed in the box stays as it was.</p>"
            "<p><b>Ctrl+1 … Ctrl+0</b> bring up a page (in the order of the list on the "
            "left); <b>Ctrl+F</b> goes to the page's search by name; <b>Ctrl+L</b> locks "
            "the desk.</p>"
            "<p>A card that cannot be read: scan it again, or find the learner by name.</p>")

    @Slot()
    def on_keys_triggered(self) -> None:
        QMessageBox.information(self, self.tr("Keys and scanning"), self.keys_text())

    @Slot()
    def on_about_triggered(self) -> None:
        from frontdesk import __version__
        from frontdesk.paths import data_dir, log_dir
        from frontdesk.store.engine import shown_url

        QMessageBox.about(
            self,
            self.tr("About FrontDesk"),
            self.tr(
                "<b>FrontDesk {version}</b><p>The front desk of a community night school: "
                "roster, check-in, fees and certificates.</p>"
                "<p>Store: {store}<br>Data folder: {data}<br>Log folder: {logs}</p>"
            ).format(version=__version__, store=html.escape(shown_url(self.context.store.url)),
                     data=html.escape(str(data_dir())), logs=html.escape(str(log_dir()))),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scan_router)
        for page in self.pages:
            page.shutdown()
        backups = getattr(self, "backups", None)
        if backups is not None:
            backups.stop()
        self.guard.shutdown()
        super().closeEvent(event)
