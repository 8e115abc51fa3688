"""Work off the GUI thread: the one way FrontDesk's windows do it.

Two shapes, one mechanism (a worker thread whose end is signalled to a
QObject living on the GUI thread, so Qt queues it there; the worker never
touches a widget):

- ``run_with_progress`` shows a modal progress dialog while ``work`` runs;
  ``work(report)`` calls ``report(done, total)``, which returns False once
  the user pressed Cancel so the work can stop and roll back.
  ``off_thread`` is the same without progress, raising what the work raised.
- ``Worker`` runs work in the background while the window stays usable
  (the automatic backups, the dashboard's term figures, the webcam's
  decoder, the check-in page's side panels and lesson closing) and emits
  ``succeeded(token, result)`` or ``failed(token, error)`` on the GUI thread.
  It stays ``busy`` until that signal has been delivered: whoever sees it idle
  has heard how the last piece ended.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Report = Callable[[int, int], bool]


def _launch(body: Callable[[], None], name: str) -> threading.Thread:
    thread = threading.Thread(target=body, name=name, daemon=True)
    thread.start()
    return thread


class Worker(QObject):
    """Runs work on worker threads; says on the GUI thread how each piece ended.

    ``token`` tells the pieces apart (a generation, a kind); ``busy`` is true
    while any piece runs or its end has not yet been told on the GUI thread,
    so a caller can skip or drop work instead of queueing it, and never starts
    a piece before the last one's result has been taken in.
    """

    succeeded = Signal(object, object)  # token, what the work returned
    failed = Signal(object, object)  # token, the exception it raised
    # From the worker thread to this object, queued to the GUI thread.
    _ended = Signal(object, object, bool)  # token, result or exception, succeeded

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._threads: list[threading.Thread] = []
        self._running = 0
        self._lock = threading.Lock()
        self._ended.connect(self._on_ended)

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running > 0

    def start(self, work: Callable[[], object], token: object = None) -> None:
        with self._lock:
            self._running += 1
        thread = _launch(lambda: self._body(work, token), f"frontdesk-{self.name}")
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _body(self, work: Callable[[], object], token: object) -> None:
        try:
            result = work()
        except Exception as error:  # shown by the window, never lost in a thread
            ended: tuple[object, bool] = (error, False)
        else:
            ended = (result, True)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._ended.emit(token, *ended)

    @Slot(object, object, bool)
    def _on_ended(self, token: object, value: object, ok: bool) -> None:
        # Idle only now, on the GUI thread, with the result in hand: a piece
        # started from a slot of these signals is not refused as "busy".
        with self._lock:
            self._running -= 1
        if ok:
            self.succeeded.emit(token, value)
        else:
            self.failed.emit(token, value)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every piece started has finished (before the store closes)."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not any(t.is_alive() for t in self._threads)


class Outcome:
    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False


class _Relay(QObject):
    progressed = Signal(int, int)
    ended = Signal()

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.progressed.connect(self.on_progressed)
        self.ended.connect(self.on_ended)

    @Slot(int, int)
    def on_progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    @Slot()
    def on_ended(self) -> None:
        # reset() stops the dialog's own show-after-minimumDuration timer, which
        # would otherwise show it again over whatever opens next (the print preview).
        self.dialog.reset()
        self.dialog.done(0)


def run_with_progress(parent: QWidget | None, label: str, cancel_text: str | None,
                      work: Callable[[Report], Any]) -> Outcome:
    """Run ``work`` on a worker thread; returns when it has finished or failed.

    With ``cancel_text`` None the work cannot be cancelled (no button).
    """
    outcome = Outcome()
    dialog = QProgressDialog(label, cancel_text or "", 0, 0, parent)
    if cancel_text is None:
        dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    relay = _Relay(dialog)
    cancelled = threading.Event()

    def on_cancel() -> None:
        outcome.cancelled = True
        cancelled.set()

    dialog.canceled.connect(on_cancel)

    def report(done: int, total: int) -> bool:
        relay.progressed.emit(done, total)
        return not cancelled.is_set()

    def body() -> None:
        try:
            outcome.result = work(report)
        except BaseException as error:
            outcome.error = error
        finally:
            relay.ended.emit()

    thread = _launch(body, "frontdesk-worker")
    dialog.exec()
    thread.join()
    dialog.hide()
    dialog.deleteLater()
    relay.deleteLater()
    return outcome


def off_thread(parent: QWidget | None, label: str, work: Callable[[], T]) -> T:
    """``work()`` on a worker thread behind a progress dialog; raises what it raised."""
    outcome = run_with_progress(parent, label, None, lambda _report: work())
    if outcome.error is not None:
        raise outcome.error
    result: T = outcome.result
    return result
