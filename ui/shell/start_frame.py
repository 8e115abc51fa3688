"""What the desk sees first: the main window's frame, its page list down the
left and "opening the school's records" where the page will be.

It is painted before the store is opened and before the ORM, QtCharts,
QtMultimedia, ReportLab or openpyxl are imported, so this module imports only
Qt's widgets and the kit's icons. The pages are named here by their module,
class, icon and title; the main window imports them from this list (one
order, one place) and imports each page only when it is first shown; a test
checks the names against the pages' own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QWidget,
)

from frontdesk.messages import QT_TRANSLATE_NOOP
from ui.kit.icons import icon

if TYPE_CHECKING:
    from frontdesk.vocab import StaffRole
    from ui.kit.context import DeskContext
    from ui.kit.page import Page

GEOMETRY_KEY = "window/geometry"  # this desk's window size and place (QSettings)
FRAME = QSize(16, 48)  # room left for a window manager's borders and title bar
NAV_WIDTH = 150


@dataclass(frozen=True)
class PageEntry:
    """A page of the main window, named without importing it."""

    module: str
    name: str
    icon_name: str
    title: str  # marked for translation in context "Page", as the page's TITLE
    action: str | None = None  # shown only to roles that may do this (Action's name)

    def load(self) -> type[Page]:
        page: type[Page] = getattr(importlib.import_module(self.module), self.name)
        return page

    def title_text(self) -> str:
        return QCoreApplication.translate("Page", self.title)

    def allowed(self, role: StaffRole | None) -> bool:
        """As the page's own ``allowed``, without importing the page."""
        if self.action is None:
            return True
        from frontdesk.staff.roles import Action, allowed

        return allowed(role, Action[self.action])

    def is_a(self, page_type: type[Page]) -> bool:
        """Whether the page is a ``page_type`` (imported only when the name does not say)."""
        if (self.module, self.name) == (page_type.__module__, page_type.__qualname__):
            return True
        return issubclass(self.load(), page_type)

    def __call__(self, context: DeskContext) -> Page:
        return self.load()(context)


PAGES = (
    PageEntry("ui.dashboard.page", "DashboardPage", "dashboard",
              QT_TRANSLATE_NOOP("Page", "Dashboard")),
    PageEntry("ui.checkin.page", "CheckInPage", "checkin", QT_TRANSLATE_NOOP("Page", "Check-in")),
    PageEntry("ui.fees.page", "FeesPage", "fees", QT_TRANSLATE_NOOP("Page", "Fees")),
    PageEntry("ui.roster.page", "RosterPage", "roster", QT_TRANSLATE_NOOP("Page", "Roster")),
    PageEntry("ui.courses.page", "CoursesPage", "courses", QT_TRANSLATE_NOOP("Page", "Courses")),
    PageEntry("ui.certificates.page", "CertificatesPage", "certificates",
              QT_TRANSLATE_NOOP("Page", "Certificates")),
    PageEntry("ui.reports.page", "ReportsPage", "reports", QT_TRANSLATE_NOOP("Page", "Reports")),
    PageEntry("ui.courses.instructors", "InstructorsPage", "instructors",
              QT_TRANSLATE_NOOP("Page", "Instructors")),
    PageEntry("ui.staff.page", "StaffPage", "staff", QT_TRANSLATE_NOOP("Page", "Staff"),
              "STAFF"),
    PageEntry("ui.staff.audit_page", "AuditPage", "audit",
              QT_TRANSLATE_NOOP("Page", "Audit trail"), "AUDIT_VIEW"),
)


def nav_list() -> QListWidget:
    """The page list's look, the same in the frame and the main window."""
    nav = QListWidget()
    nav.setObjectName("nav")
    nav.setFixedWidth(NAV_WIDTH)
    nav.setIconSize(nav.iconSize() * 1.5)
    return nav


def place_on_screen(window: QMainWindow) -> None:
    """The size and place the desk left the window at (Qt keeps a restored
    window on the screen); else 1280×800 in the middle of the screen's free
    area when it fits with a title bar, or maximised on a smaller screen."""
    saved = QSettings().value(GEOMETRY_KEY)
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        return
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    # The frame is the window manager's, unknown until shown: allow for one.
    if free.width() >= 1280 + FRAME.width() and free.height() >= 800 + FRAME.height():
        window.resize(1280, 800)
        window.move(free.center().x() - 640, max(free.top(), free.center().y() - 400 - 20))
    else:
        window.resize(free.size() - FRAME)
        window.move(free.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class StartFrame(QMainWindow):
    """The main window's frame while the store opens; ``painted`` once it is on screen."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowIcon(icon("frontdesk"))
        self.setWindowTitle("FrontDesk")
        self.nav = nav_list()
        self.nav.setEnabled(False)  # nothing to choose until the store is open
        for entry in PAGES:
            QListWidgetItem(icon(entry.icon_name), entry.title_text(), self.nav)
        self.status = QLabel(QCoreApplication.translate("App", "Opening the school's records…"))
        self.status.setObjectName("opening")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setStyleSheet("color: #555555; font-size: 14pt;")
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.status, 1)
        self.setCentralWidget(body)
        self.nav.setCurrentRow(0)  # the page the main window opens on
        # The main window's menus, not yet to be used: nothing moves when it takes over.
        for title in ("&File", "&Language", "&Help"):
            self.menuBar().addMenu(QCoreApplication.translate("MainWindow", title)).setEnabled(
                False)
        self.statusBar()
        self._painted = False
        place_on_screen(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
