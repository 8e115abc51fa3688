"""Load the bundled CJK fonts, so Chinese renders on a machine with none."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from frontdesk.paths import resource

FILES = ("wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf")


def install_fonts(app: QApplication) -> list[str]:
    """Register the bundled fonts and make the first one the app's font.

    The Hanazono fonts stay as fallbacks for CJK Extension A/B characters
    that WenQuanYi lacks (䶮, 𠀋).
    """
    families: list[str] = []
    for filename in FILES:
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", filename)))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    if families:
        font = QFont(families[0], app.font().pointSize())
        fallbacks = [f for f in families[1:] if f != families[0]]
        font.setFamilies([families[0], *fallbacks])
        app.setFont(font)
    return families
