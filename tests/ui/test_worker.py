"""The one off-thread worker: idle only once the window has heard the result,
and one writer at a time from a desk's threads, its own writes first."""

from __future__ import annotations

import threading

from ui.kit.context import WriteTurns
from ui.kit.worker import Worker

WAIT_S = 60  # generous: a loaded machine is slow, never wrong


def test_a_worker_is_busy_until_its_result_is_told_on_the_gui_thread(qtbot):
    worker = Worker("test")
    heard: list[object] = []
    worker.succeeded.connect(lambda _token, result: heard.append(result))
    worker.start(lambda: 42)
    assert worker.wait(WAIT_S)  # the work is done...
    assert worker.busy and heard == []  # ...but nobody has been told: not idle yet
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_S * 1000)
    assert heard == [42]  # whoever sees it idle has the result


def test_a_failure_is_told_before_the_worker_is_idle(qtbot):
    worker = Worker("test")
    heard: list[str] = []
    worker.failed.connect(lambda _token, error: heard.append(str(error)))

    def fail() -> None:
        raise ValueError("no")

    worker.start(fail)
    assert worker.wait(WAIT_S)
    assert worker.busy
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_S * 1000)
    assert heard == ["no"]


def _writer(turns: WriteTurns, name: str, behind: bool, order: list[str],
            started: threading.Event) -> threading.Thread:
    def body() -> None:
        started.set()
        with turns.behind() if behind else turns.first():
            order.append(name)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    return thread


def test_the_desks_own_write_goes_before_background_writes_waiting():
    turns = WriteTurns()
    order: list[str] = []
    release = threading.Event()
    holding = threading.Event()

    def background_in_hand() -> None:
        with turns.behind():  # closing one lesson
            holding.set()
            release.wait(WAIT_S)
            order.append("lesson 1")

    first = threading.Thread(target=background_in_hand, daemon=True)
    first.start()
    assert holding.wait(WAIT_S)
    asked = [threading.Event(), threading.Event()]
    next_lesson = _writer(turns, "lesson 2", True, order, asked[0])
    assert asked[0].wait(WAIT_S)
    scan = _writer(turns, "scan", False, order, asked[1])
    assert asked[1].wait(WAIT_S)
    # the scan waits for the lesson in hand, never for the next one
    pause = threading.Event()
    for _ in range(WAIT_S * 1000):
        if turns.first_waiting:
            break
        pause.wait(0.001)
    assert turns.first_waiting == 1
    release.set()
    for thread in (first, next_lesson, scan):
        thread.join(WAIT_S)
    assert order == ["lesson 1", "scan", "lesson 2"]


def test_a_thread_holding_the_turn_may_write_again_within_it():
    turns = WriteTurns()
    with turns.first(), turns.behind(), turns.first():
        pass
    with turns.behind():  # and it was given back
        pass
