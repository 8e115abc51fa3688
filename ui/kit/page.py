"""The base of every page in the main window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from frontdesk.vocab import StaffRole
from ui.kit.context import DeskContext


class Page(QWidget):
    """A page of the main window. Subclasses build themselves in code and
    re-run ``retranslate_ui`` when the language changes."""

    icon_name = "frontdesk"
    # The page's name in the navigation, marked for translation in context "Page".
    TITLE = ""
    # A card scanned while this page is in front goes to the check-in page;
    # pages with a scan field of their own keep their scans.
    keeps_scans = False

    def __init__(self, context: DeskContext) -> None:
        super().__init__()
        self.context = context

    @classmethod
    def allowed(cls, role: StaffRole | None) -> bool:
        """Is the page shown to ``role``? (None: no staff accounts yet.)"""
        return True

    @classmethod
    def title_text(cls) -> str:
        return QCoreApplication.translate("Page", cls.TITLE)

    def title(self) -> str:
        return self.title_text()

    def retranslate_ui(self) -> None:
        """Set every visible text again (called on a language change)."""

    def answer_scan(self, text: str) -> bool:
        """A scan made while this page is in front: True when the page answered it
        itself (its own use of a card), False to let the check-in page answer it."""
        return False

    def find_field(self) -> QWidget | None:
        """The page's box for finding someone by name (Ctrl+F), if it has one."""
        return None

    def activate(self) -> None:
        """The page was brought to the front: refresh what other desks changed."""

    def settings_changed(self) -> None:
        """The school's settings were saved."""

    def shutdown(self) -> None:
        """The window is closing: stop timers and workers."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
