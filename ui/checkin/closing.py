"""Closing the lessons that are over, behind the desk's back.

The check-in page's timer asks for it every tick; the closing runs on a
worker thread, one lesson per transaction through the core's action
(``close_ended_lessons``: who is marked absent is its rule, not ours), each
write waiting its turn behind the desk's own (``DeskContext.act_behind``).
A desk started after a long break catches up on hundreds of lessons while
scans are answered as usual: a scan waits at most for the one lesson being
closed at that moment.
"""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import QObject, Signal, Slot

from frontdesk.checkin import actions as checkin_actions
from frontdesk.errors import DomainError
from frontdesk.store.engine import StoreError
from ui.kit.context import DeskContext
from ui.kit.worker import Worker


class LessonCloser(QObject):
    """Closes every lesson over by a given time, off the GUI thread."""

    closed = Signal(int)  # lessons closed by one run (0: nothing was over)

    def __init__(self, context: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.worker = Worker("closing", self)
        self.worker.succeeded.connect(self.on_worker_succeeded)
        self.worker.failed.connect(self.on_worker_failed)
        self._stopping = threading.Event()

    @property
    def busy(self) -> bool:
        return self.worker.busy

    def start(self, now: dt.datetime) -> bool:
        """Close what is over by ``now``; False while the last run is still going."""
        if self.worker.busy or self._stopping.is_set():
            return False
        self.worker.start(lambda: self._close_all(now))
        return True

    def _close_all(self, now: dt.datetime) -> int:
        done = 0
        while not self._stopping.is_set():
            closed = self.context.act_behind(checkin_actions.close_ended_lessons, now, limit=1)
            if not closed:
                break
            done += len(closed)
        return done

    @Slot(object, object)
    def on_worker_succeeded(self, _token: object, done: object) -> None:
        self.closed.emit(done if isinstance(done, int) else 0)

    @Slot(object, object)
    def on_worker_failed(self, _token: object, error: object) -> None:
        # Another program holding the store, or the server away: the next tick
        # tries again. Anything else is a fault, shown as one.
        if not isinstance(error, (DomainError, StoreError)) and isinstance(error, BaseException):
            raise error

    def stop(self) -> None:
        """Finish the lesson in hand and stop (before the store closes)."""
        self._stopping.set()
        self.worker.wait()
