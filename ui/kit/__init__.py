"""What every window of FrontDesk is built from.

Imported before any window module (and never by the command line):
PySide6's check of each module imported after it keeps no source in memory.
"""

from ui.kit.pyside_feature import check_without_keeping_sources

check_without_keeping_sources()
