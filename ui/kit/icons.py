"""Icons drawn for FrontDesk (resources/icons, SVG)."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from frontdesk.paths import resources_dir


@functools.cache
def icon(name: str) -> QIcon:
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
