"""What the check-in page does beside answering scans, without holding the
desk up: counting each arrival on screen from the scan's own answer (tonight's
lessons are not read again for it), and closing the lessons that are over off
the GUI thread while scans go on."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select

from frontdesk.checkin import actions as checkin_actions
from frontdesk.store.models import Attendance, Course, Lesson
from frontdesk.vocab import AttendanceStatus, FeeTier
from tests.ui.test_checkin_window import _scan, _seats, page  # noqa: F401  (the fixture)

WAIT_MS = 60_000  # generous: a loaded machine is slow, never wrong
BACKLOG = 500  # lessons over and never closed: a desk started after a long break


def _settled(qtbot, page) -> None:  # noqa: F811
    page.refresh_timer.stop()  # the test gives the page its ticks itself
    qtbot.waitUntil(lambda: not (page.side_reader.worker.busy or page.closer.busy),
                    timeout=WAIT_MS)


def _here_cell(page, lesson_id: int) -> str:  # noqa: F811
    """The "Here / enrolled / seats" cell of a lesson, as the desk reads it."""
    model = page.tonight_model
    row = next(i for i, x in enumerate(model.rows) if x.lesson_id == lesson_id)
    return str(model.data(model.index(row, 3)))


def test_a_scan_counts_its_arrival_in_tonights_list_without_reading_it_again(
        qtbot, page, desk, monkeypatch):  # noqa: F811
    _settled(qtbot, page)  # the page's first reading of tonight is in
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    here, enrolled, seats = (int(x) for x in _here_cell(page, seat.lesson_id).split(" / "))
    reads: list[object] = []
    real = checkin_actions.tonight_lessons

    def counted_read(*args, **kwargs):  # type: ignore[no-untyped-def]
        reads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(checkin_actions, "tonight_lessons", counted_read)
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "checked_in"
    assert _here_cell(page, seat.lesson_id) == f"{here + 1} / {enrolled} / {seats}"
    # the desk's last scans are read again once scanning pauses, tonight is not
    qtbot.waitUntil(lambda: bool(page.recent_model.rows)
                    and page.recent_model.rows[0].learner_id == seat.learner_id,
                    timeout=WAIT_MS)
    _settled(qtbot, page)
    assert reads == []
    assert _here_cell(page, seat.lesson_id) == f"{here + 1} / {enrolled} / {seats}"
    page.on_refresh_timer_timeout()  # the periodic reading still reads it all, and agrees
    qtbot.waitUntil(lambda: len(reads) == 1, timeout=WAIT_MS)
    _settled(qtbot, page)
    assert _here_cell(page, seat.lesson_id) == f"{here + 1} / {enrolled} / {seats}"


def _add_backlog(desk) -> int:
    """Lessons over in October and never closed, up to BACKLOG in all."""
    now = desk.now()
    with desk.store.write() as s:
        open_over = s.scalar(select(func.count()).select_from(Lesson).where(
            Lesson.closed_at.is_(None), Lesson.ends_at <= now)) or 0
        courses = s.scalars(select(Course.id).order_by(Course.id)).all()
        start = dt.datetime(2026, 10, 1, 11, tzinfo=dt.UTC)
        for i in range(BACKLOG - open_over):
            at = start + dt.timedelta(hours=i)
            s.add(Lesson(course_id=courses[i % len(courses)], starts_at=at,
                         ends_at=at + dt.timedelta(minutes=50)))
    return BACKLOG


def _absent(desk) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(Attendance).where(
            Attendance.status == AttendanceStatus.ABSENT)) or 0


def _still_open(desk) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(Lesson).where(
            Lesson.closed_at.is_(None), Lesson.ends_at <= desk.now())) or 0


def test_lessons_over_are_closed_off_the_gui_thread_while_scans_are_answered(
        qtbot, page, desk, monkeypatch):  # noqa: F811
    _settled(qtbot, page)
    backlog = _add_backlog(desk)
    assert _still_open(desk) == backlog
    absent = _absent(desk)
    # Hold the closing a moment after its hundredth lesson (between two of its
    # transactions): the desk must not be waiting for it then.
    halfway, go = threading.Event(), threading.Event()
    real = desk.act_behind
    calls: list[object] = []

    def held(action, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(action)
        if len(calls) == 101:
            halfway.set()
            go.wait(WAIT_MS / 1000)
        return real(action, *args, **kwargs)

    monkeypatch.setattr(desk, "act_behind", held)
    page.on_refresh_timer_timeout()  # the 10-second tick: it returns at once
    assert page.closer.busy
    qtbot.waitUntil(halfway.is_set, timeout=WAIT_MS)
    seat = _seats(desk, tier=FeeTier.FREE)[0]
    _scan(qtbot, page, seat.token)
    assert page.outcome.kind == "checked_in"  # answered with 400 lessons still to close
    assert _still_open(desk) == backlog - 100
    go.set()
    qtbot.waitUntil(lambda: not page.closer.busy, timeout=WAIT_MS)
    assert _still_open(desk) == 0
    assert len(calls) == backlog + 1  # one lesson a transaction, and one to find none left
    assert _absent(desk) > absent  # closed by the core's rule: the seated who never came
    _scan(qtbot, page, _seats(desk, tier=FeeTier.FREE)[1].token)
    assert page.outcome.kind == "checked_in"
