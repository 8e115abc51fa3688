"""Long work off the GUI thread, with a progress bar and a cancel button.

``run_with_progress`` shows a modal progress dialog while ``work`` runs on a
worker thread; ``work(report)`` calls ``report(done, total)``, which returns
False once the user pressed Cancel so the work can stop and roll back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Report = Callable[[int, int], bool]


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Report], Any]) -> None:
        super().__init__()
        self._work = work
        self.cancelled = threading.Event()

    def report(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.report)
        except BaseException as error:
            self.failed.emit(error)
        else:
            self.finished.emit(result)


class Outcome:
    def __init__(self) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False


def run_with_progress(
    parent: QWidget | None, label: str, cancel_text: str | None, work: Callable[[Report], Any]
) -> Outcome:
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
    thread = QThread()
    worker = _Worker(work)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def on_done(result: object) -> None:
        outcome.result = result
        dialog.done(0)

    def on_failed(error: object) -> None:
        outcome.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
        dialog.done(0)

    def on_cancel() -> None:
        outcome.cancelled = True
        worker.cancelled.set()

    worker.progressed.connect(on_progress)
    worker.finished.connect(on_done)
    worker.failed.connect(on_failed)
    dialog.canceled.connect(on_cancel)
    thread.start()
    dialog.exec()
    thread.quit()
    thread.wait()
    dialog.deleteLater()
    return outcome
