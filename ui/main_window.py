"""The main window: a list of the desk's pages on the left, the page on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ui import i18n
from ui.context import DeskContext
from ui.icons import icon
from ui.page import Page

PageFactory = type[Page]


def default_pages() -> list[PageFactory]:
    from ui.certificates import CertificatesPage
    from ui.checkin import CheckInPage
    from ui.courses import CoursesPage
    from ui.fees import FeesPage
    from ui.instructors import InstructorsPage
    from ui.roster import RosterPage

    return [CheckInPage, FeesPage, RosterPage, CoursesPage, CertificatesPage, InstructorsPage]


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, context: DeskContext, pages: list[PageFactory] | None = None) -> None:
        super().__init__()
        self.context = context
        self.setWindowIcon(icon("frontdesk"))
        self.resize(1280, 800)
        self._init_pages(pages or default_pages())
        self._init_menus()
        self._init_status()
        self.retranslate_ui()
        self.nav.setCurrentRow(0)

    def _init_pages(self, factories: list[PageFactory]) -> None:
        # Pages are built when first shown: start-up builds only the first.
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.nav.setIconSize(self.nav.iconSize() * 1.5)
        self.stack = QStackedWidget()
        self.factories = factories
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
        self.file_menu.addAction(self.settings_action)
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
        self.help_menu = bar.addMenu("")
        self.about_action = QAction("", self)
        self.about_action.triggered.connect(self.on_about_triggered)
        self.help_menu.addAction(self.about_action)

    def _init_status(self) -> None:
        self.school_label = QLabel()
        self.store_label = QLabel()
        self.store_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.school_label)
        self.statusBar().addPermanentWidget(self.store_label)

    def retranslate_ui(self) -> None:
        settings = self.context.settings()
        self.setWindowTitle(self.tr("FrontDesk — {school}").format(school=settings.name))
        for row, factory in enumerate(self.factories):
            self.nav.item(row).setText(factory.title_text())
        self.file_menu.setTitle(self.tr("&File"))
        self.settings_action.setText(self.tr("School &settings…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About FrontDesk"))
        self.school_label.setText(
            self.tr("{school} · desk {desk}").format(school=settings.name, desk=self.context.desk)
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
    def pages(self) -> list[Page]:
        """The pages built so far."""
        return [self._built[row] for row in sorted(self._built)]

    def page(self, row: int) -> Page:
        """The page at ``row``, built on first use."""
        if row not in self._built:
            page = self.factories[row](self.context)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, page)
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

    @Slot(int)
    def open_fees_for(self, learner_id: int) -> None:
        """Bring up the fees page with this learner's fees, ready to take a payment."""
        from ui.fees import FeesPage

        page = self.show_page(FeesPage)
        if isinstance(page, FeesPage):
            page.show_learner(learner_id)

    def show_page(self, page_type: type[Page]) -> Page | None:
        for row, factory in enumerate(self.factories):
            if issubclass(factory, page_type):
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
        if 0 <= row < len(self.factories):
            page = self.page(row)
            self.stack.setCurrentIndex(row)
            page.activate()

    @Slot()
    def on_settings_triggered(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if SettingsDialog.ask(self, self.context) is not None:
            self.retranslate_ui()
            for page in self.pages:
                page.settings_changed()

    @Slot()
    def on_about_triggered(self) -> None:
        from frontdesk import __version__

        QMessageBox.about(
            self,
            self.tr("About FrontDesk"),
            self.tr(
                "<b>FrontDesk {version}</b><p>The front desk of a community night school: "
                "roster, check-in, fees and certificates.</p>"
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages:
            page.shutdown()
        super().closeEvent(event)
