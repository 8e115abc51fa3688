"""FrontDesk's windows (Qt), on top of the Qt-free core in ``frontdesk``."""

from ui.pyside_feature import check_without_keeping_sources

check_without_keeping_sources()  # before any window module is imported: see its notes
