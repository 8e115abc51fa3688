"""A desk process for the crash and lock tests, killed or left holding the store,
and :func:`child` for a test to start one.

    python -m tests.crash_child loop PATH SEED   check-ins and payments until killed
    python -m tests.crash_child half PATH        commit a learner, then die inside a write
    python -m tests.crash_child hold PATH        hold a write transaction open
    python -m tests.crash_child idle PATH        keep the store open, doing nothing

Every line is written in one call and flushed; ``C ...`` lines are written
only after the commit has returned, so the parent may hold the store to
them. ``B n`` is written just before operation ``n`` starts.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import and_, exists, select

from frontdesk.checkin.scan import CheckInContext, check_in
from frontdesk.checkin.tokens import make_token
from frontdesk.errors import DomainError
from frontdesk.fees.ledger import take_payment
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import Attendance, Enrollment, Learner, Lesson, Setting
from frontdesk.vocab import EnrollmentStatus, PaymentMethod

# The tests' clock (tests/conftest.py FIXED_NOW): Tuesday 19:05 in Shenzhen.
NOW = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)
PLAN_SIZE = 4000


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def checkin_plan(store: Store, secret: bytes,
                 rng: random.Random) -> list[tuple[str, int, dt.datetime]]:
    """(token, lesson, arrival) for seated learners of lessons still to come."""
    live = exists().where(Attendance.lesson_id == Lesson.id,
                          Attendance.learner_id == Enrollment.learner_id,
                          Attendance.voided_at.is_(None))
    query = (select(Lesson.id, Lesson.starts_at, Learner.code, Learner.card_version)
             .join(Enrollment, and_(Enrollment.course_id == Lesson.course_id,
                                    Enrollment.status == EnrollmentStatus.ENROLLED))
             .join(Learner, Learner.id == Enrollment.learner_id)
             .where(Lesson.starts_at > NOW, Lesson.cancelled.is_(False), ~live))
    with store.read() as s:
        rows = s.execute(query).all()
    rng.shuffle(rows)
    return [(make_token(secret, code, version), lesson_id, starts + dt.timedelta(minutes=2))
            for lesson_id, starts, code, version in rows[:PLAN_SIZE]]


def payment_plan(store: Store) -> list[int]:
    with store.read() as s:
        return list(s.scalars(select(Enrollment.id).where(
            Enrollment.fee_due_fen > 0, Enrollment.status == EnrollmentStatus.ENROLLED)))


def loop(path: str, seed: int) -> None:
    store = open_store(path)
    rng = random.Random(seed)
    with store.write() as s:
        ctx = CheckInContext.load(s)
    checkins = checkin_plan(store, ctx.secret, rng)
    payments = payment_plan(store)
    actor = Actor(desk=f"crash{seed % 100}")
    say("ready")
    n = 0
    while checkins or payments:
        n += 1
        say(f"B {n}")
        if checkins and (rng.random() < 0.5 or not payments):
            token, lesson_id, at = checkins.pop()
            with store.write() as s:
                done = check_in(s, token, at, actor, desk_lesson_id=lesson_id, context=ctx)
            if done.recorded:
                say(f"C checkin {done.attendance_id} {done.learner_id} {lesson_id}")
            continue
        enrollment_id, amount = rng.choice(payments), rng.randint(1, 500)
        try:
            with store.write() as s:
                paid = take_payment(s, enrollment_id, amount, PaymentMethod.CASH, actor, NOW)
        except DomainError:
            payments.remove(enrollment_id)  # paid up (amount_over_balance)
            continue
        say(f"C pay {paid.entry_id} {enrollment_id} {amount} {paid.receipt_no}")
    say("done")
    time.sleep(120)  # out of work: wait to be killed like the others


def half(path: str) -> None:
    store = open_store(path)
    actor = Actor(desk="crash")
    with store.write() as s:
        kept = add_learner(s, LearnerInput("王喆", "13812345678"), actor, NOW)
    say(f"C learner {kept.id}")
    with store.write() as s:
        add_learner(s, LearnerInput("李娜", "13912345678"), actor, NOW)
        s.flush()
        say("inside")
        time.sleep(120)


def hold(path: str) -> None:
    store = open_store(path)
    with store.write() as s:
        s.add(Setting(key="crash_child", value=str(os.getpid())))
        s.flush()
        say("holding")
        time.sleep(120)


def idle(path: str) -> None:
    store = open_store(path)
    with store.read() as s:
        s.scalar(select(Learner.id).limit(1))
    say("open")
    time.sleep(120)


# The parent's side ---------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60  # a child that never gets going is a failure, not a hang


@dataclass
class Child:
    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    seen: threading.Event = field(default_factory=threading.Event)
    wanted: str = ""

    def pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            if line.startswith(self.wanted):
                self.seen.set()
        self.seen.set()

    def wait_for(self, wanted: str) -> None:
        self.wanted = wanted
        if any(line.startswith(wanted) for line in self.lines):
            return
        if not self.seen.wait(START_TIMEOUT_S) or self.proc.poll() is not None:
            assert self.proc.stderr is not None
            pytest.fail(f"the child never said {wanted!r}: {self.proc.stderr.read()}")


@contextmanager
def child(*args: str) -> Iterator[Child]:
    """A crash_child process, killed on the way out whatever happens."""
    with subprocess.Popen([sys.executable, "-m", "tests.crash_child", *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          bufsize=1) as proc:
        running = Child(proc)
        reader = threading.Thread(target=running.pump, daemon=True)
        reader.start()
        try:
            yield running
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            reader.join(10)


if __name__ == "__main__":
    mode, store_path = sys.argv[1], sys.argv[2]
    if mode == "loop":
        loop(store_path, int(sys.argv[3]))
    else:
        {"half": half, "hold": hold, "idle": idle}[mode](store_path)
