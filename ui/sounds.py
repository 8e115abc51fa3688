"""Short sounds for check-in outcomes (QSoundEffect over resources/sounds).

A desk with no audio output, or a Qt without QtMultimedia, stays silent;
``last`` still says what would have played.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl

from frontdesk.paths import resource

NAMES = ("ok", "late", "notice", "refused")


class Sounds(QObject):
    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.last = ""
        self._effects: dict[str, object] = {}
        if enabled:
            self._load()

    def _load(self) -> None:
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
    def audible(self) -> bool:
        return bool(self._effects)

    def play(self, name: str) -> None:
        self.last = name
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]
