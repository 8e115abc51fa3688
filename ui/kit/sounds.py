"""Short sounds for check-in outcomes (QSoundEffect over resources/sounds).

QtMultimedia is loaded at the first sound, not at start-up (it costs memory
and time an idle desk does not need). A desk with no audio output, or a Qt
without QtMultimedia, stays silent; ``last`` still says what would have played.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl

from frontdesk.paths import resource

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

NAMES = ("ok", "late", "notice", "refused")


class Sounds(QObject):
    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.last = ""
        self._effects: dict[str, QSoundEffect] = {}
        self._enabled = enabled
        self._loaded = False

    def _load(self) -> None:
        self._loaded = True
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            return
        if not QMediaDevices.audioOutputs():
            return
        for name in NAMES:
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(resource("sounds", f"{name}.wav"))))
            effect.setVolume(0.8)
            self._effects[name] = effect

    @property
    def loaded(self) -> bool:
        return self._loaded

    def preload(self) -> None:
        """Load the sounds now (the check-in page does when shown), so the
        evening's first scan is not the one that waits for QtMultimedia."""
        if self._enabled and not self._loaded:
            self._load()

    @property
    def audible(self) -> bool:
        if self._enabled and not self._loaded:
            self._load()
        return bool(self._effects)

    def play(self, name: str) -> None:
        self.last = name
        if self._enabled and not self._loaded:
            self._load()
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
