"""The check-in page's word on the server: online, or "离线 · N 条待上传".

Shown only on a desk of a shared (PostgreSQL) store, which checks in through
a :class:`frontdesk.checkin.door.DoorDesk`. Every tick it keeps in touch with
the store off the GUI thread: online, it refreshes the desk's copy of
tonight's lessons once a minute; offline, it tries the server every few
seconds and, when it answers, uploads the waiting scans. What the store read
differently (a card replaced meanwhile, a seat given away) comes back as
``differences_found`` for the page to show; none is dropped.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from frontdesk.checkin.door import DoorDesk
from frontdesk.checkin.offline import Upload
from ui.kit.context import DeskContext
from ui.kit.worker import Worker

_OFFLINE = "background:#b3261e;color:white;font-weight:bold;padding:6px;border-radius:4px;"
_ONLINE = "color:#5f6368;padding:6px;"


class DoorBanner(QLabel):
    """One line that always holds its place, so nothing moves when it changes."""

    differences_found = Signal(object)  # list[Upload]
    mode_changed = Signal(bool)  # online

    def __init__(self, context: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("door_banner")
        self.context = context
        self.door: DoorDesk | None = context.door
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.worker = Worker("door", self)
        self.worker.succeeded.connect(self.on_worker_succeeded)
        self.worker.failed.connect(self.on_worker_failed)
        self._was_online = True
        self.setVisible(self.door is not None)
        self.update_text()

    def keep_in_touch(self) -> None:
        """Refresh the copy of tonight (online) or try the server (offline)."""
        door = self.door
        if door is None or self.worker.busy:
            return
        actor, now = self.context.actor, self.context.now()
        if door.online:
            self.worker.start(lambda: door.refresh(actor, now))
        else:
            self.worker.start(lambda: door.reconnect(actor, now))

    @Slot(object, object)
    def on_worker_succeeded(self, _token: object, _online: object) -> None:
        self.update_text()
        door = self.door
        if door is not None and door.differences:
            found: list[Upload] = list(door.differences)
            door.differences.clear()
            self.differences_found.emit(found)

    @Slot(object, object)
    def on_worker_failed(self, _token: object, _error: object) -> None:
        # A refusal of the store while keeping in touch: the next tick tries again.
        self.update_text()

    def update_text(self) -> None:
        door = self.door
        if door is None:
            return
        now = self.context.now()
        age = door.snapshot_age(now)
        copy = self._age_text(age)
        if door.online:
            self.setStyleSheet(_ONLINE)
            self.setText(self.tr("Online · copy of tonight's lessons: {age}").format(age=copy))
        else:
            self.setStyleSheet(_OFFLINE)
            self.setText(self.tr("Offline · {n} waiting to upload · check-ins are answered "
                                 "from the copy of tonight's lessons ({age})")
                         .format(n=door.pending(), age=copy))
        if door.online != self._was_online:
            self._was_online = door.online
            self.mode_changed.emit(door.online)

    def _age_text(self, age: dt.timedelta | None) -> str:
        if age is None:
            return self.tr("none yet")
        minutes = max(0, int(age.total_seconds() // 60))
        if minutes < 1:
            return self.tr("just now")
        return self.tr("%n min old", "", minutes)

    def retranslate_ui(self) -> None:
        self.update_text()
