"""The demo school is one a school's staff would believe."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from zoneinfo import ZoneInfo

from sqlalchemy import select

from frontdesk.demo.school import FEMININE, MASCULINE, build_demo
from frontdesk.roster.courses import schedule_clashes
from frontdesk.store.engine import open_store
from frontdesk.store.models import Learner, LedgerEntry
from frontdesk.vocab import LedgerKind

SHENZHEN = ZoneInfo("Asia/Shanghai")


def test_no_room_or_instructor_is_in_two_lessons_at_once(demo_store):
    with demo_store.read() as s:
        assert schedule_clashes(s) == []


def test_names_and_genders_agree(demo_store):
    with demo_store.read() as s:
        learners = s.execute(select(Learner.name, Learner.gender)).all()
    for name, gender in learners:
        given = set(name[-2:])
        if given & FEMININE and not given & MASCULINE:
            assert gender == "女", name
        if given & MASCULINE and not given & FEMININE:
            assert gender == "男", name


def test_payments_are_taken_in_the_evening_even_when_built_in_the_morning(tmp_path):
    store = open_store(tmp_path / "morning.sqlite3")
    morning = dt.datetime(2026, 12, 1, 8, 0, tzinfo=SHENZHEN).astimezone(dt.UTC)
    build_demo(store, learners=300, now=morning, seed=3)
    with store.read() as s:
        times = s.scalars(select(LedgerEntry.at).where(LedgerEntry.kind == LedgerKind.PAYMENT))
        hours = {at.astimezone(SHENZHEN).hour for at in times}
    store.dispose()
    assert hours and hours <= {18, 19, 20, 21}, sorted(hours)


def test_a_lesson_put_in_a_busy_room_or_on_a_busy_instructor_is_a_clash(demo_store):
    from frontdesk.store.models import Course, Lesson

    with demo_store.write() as s:
        busy = s.scalars(select(Lesson).where(~Lesson.cancelled).order_by(Lesson.id)).first()
        assert busy is not None
        mine = s.get(Course, busy.course_id)
        other = s.scalars(select(Course).where(Course.id != busy.course_id,
                                               Course.instructor_id != mine.instructor_id)
                          ).first()
        assert other is not None and mine is not None
        other.instructor_id = None  # (theirs may teach elsewhere then)
        s.add(Lesson(course_id=other.id, starts_at=busy.starts_at + dt.timedelta(minutes=30),
                     ends_at=busy.ends_at + dt.timedelta(minutes=30), room=busy.room, topic="",
                     cancelled=False))
        s.flush()
        room = schedule_clashes(s, course_id=other.id)
        assert [(c.kind, c.what) for c in room] == [("room", busy.room)]
        assert room[0].starts_at == busy.starts_at + dt.timedelta(minutes=30)
        other.instructor_id = mine.instructor_id
        s.flush()
        both = schedule_clashes(s, course_id=other.id)
        assert {c.kind for c in both} == {"instructor", "room"}
        assert any(c.kind == "instructor" and busy.id in (c.lesson_id, c.other_lesson_id)
                   for c in both)


_CODES_BY_NAME = """
import datetime as dt, sys
from sqlalchemy import select
from frontdesk.demo.school import build_demo
from frontdesk.store.engine import open_store
from frontdesk.store.models import Learner
store = open_store(sys.argv[1])
build_demo(store, learners=40, now=dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC), seed=5)
with store.read() as s:
    print(sorted(s.execute(select(Learner.name, Learner.code)).all()))
"""


def test_the_same_seed_gives_every_learner_the_same_card_in_any_process(tmp_path):
    """A demo school built again from its seed is the same school: the card
    printed for a learner yesterday is theirs today (Python hashes strings
    differently in each process)."""
    shown = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        shown.append(subprocess.run(
            [sys.executable, "-c", _CODES_BY_NAME, str(tmp_path / f"demo-{hash_seed}.sqlite3")],
            env=env, capture_output=True, text=True, check=True).stdout)
    assert shown[0] == shown[1] and shown[0].count("(") == 40
