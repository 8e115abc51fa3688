"""This desk's own preferences (kept on this computer, not in the store):
how soon the screen locks when nobody works it, and whether a locked desk
still answers learner cards."""

from __future__ import annotations

from PySide6.QtCore import QSettings

LOCK_MINUTES_KEY = "desk/lock_minutes"
SCAN_WHILE_LOCKED_KEY = "desk/scan_while_locked"
DEFAULT_LOCK_MINUTES = 10.0


def lock_minutes() -> float:
    """This desk's idle minutes before the screen locks (0: never)."""
    try:
        value = float(str(QSettings().value(LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_LOCK_MINUTES
    return max(value, 0.0)


def scan_while_locked() -> bool:
    return bool(QSettings().value(SCAN_WHILE_LOCKED_KEY, True, type=bool))


def save_desk_preferences(minutes: float, scans: bool) -> None:
    settings = QSettings()
    settings.setValue(LOCK_MINUTES_KEY, minutes)
    settings.setValue(SCAN_WHILE_LOCKED_KEY, scans)
