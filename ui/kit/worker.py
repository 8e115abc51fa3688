"""Long work off the GUI thread, with a progress bar and a cancel button.

``run_with_progress`` shows a modal progress dialog while ``work`` runs on a
worker thread; ``work(report)`` calls ``report(done, total)``, which returns
False once the user pressed Cancel so the work can stop and roll back. The
worker never touches a widget: it emits signals of a relay that lives on the
GUI thread, so Qt queues them there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], bool]


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

    thread = threading.Thread(target=body, name="frontdesk-worker", daemon=True)
    thread.start()
    dialog.exec()
    thread.join()
    dialog.hide()
    dialog.deleteLater()
    relay.deleteLater()
    return outcome
