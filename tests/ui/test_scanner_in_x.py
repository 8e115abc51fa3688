"""A USB scanner at a real desk: FrontDesk in a real X server, keys from xdotool.

A scanner is a keyboard; the bugs it meets live between the X server and Qt,
where pytest-qt's key events never go. So FrontDesk runs here as its own
process on Xvfb, and ``xdotool type --delay 6`` plays the scanner (a person
is ``--delay 90``) into whatever has the focus: the sign-in box, the roster
search, the check-in look-up box with a name half typed, an open dialog, the
lock screen's password. Each scan must be recorded exactly once in the store
and never show up as a sign-in; a person typing a card's characters must
never check anyone in. (That the field is left as it was is pinned down with
exact timestamps in test_scan_catcher.py.)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, update

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "desk1", "Counter-2026"

pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool (.ci/run installs them)")


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    """A private X server; Xvfb picks a free display number itself (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@dataclass(frozen=True)
class School:
    path: Path
    lesson_id: int  # the one lesson open now
    tokens: list[tuple[int, str]]  # (learner id, card token), each seated in that lesson


def _school(path: Path) -> School:
    from frontdesk.checkin.tokens import make_token
    from frontdesk.demo.school import build_demo
    from frontdesk.settings import school_secret
    from frontdesk.staff.accounts import create_first_admin
    from frontdesk.store.engine import open_store
    from frontdesk.store.models import Course, Enrollment, Learner, Lesson
    from frontdesk.vocab import EnrollmentStatus

    now = dt.datetime.now(dt.UTC)
    store = open_store(path)
    build_demo(store, learners=80, now=now, seed=11)
    with store.write() as s:
        create_first_admin(s, USER, "前台一", PASSWORD, now, desk="前台1")
        seated = Enrollment.status == EnrollmentStatus.ENROLLED
        course_id = s.scalar(select(Enrollment.course_id).where(seated)
                             .group_by(Enrollment.course_id).order_by(func.count().desc()))
        # One lesson open now, so each scan has exactly one lesson to go to.
        s.execute(update(Lesson).where(Lesson.starts_at < now + dt.timedelta(hours=3),
                                       Lesson.ends_at > now - dt.timedelta(hours=3))
                  .values(cancelled=True))
        room = s.scalar(select(Course.room).where(Course.id == course_id)) or ""
        lesson_id = s.scalar(insert(Lesson).values(
            course_id=course_id, starts_at=now - dt.timedelta(minutes=10),
            ends_at=now + dt.timedelta(hours=2), room=room, topic="", cancelled=False)
            .returning(Lesson.id))
        secret = school_secret(s)
        rows = s.execute(
            select(Learner.id, Learner.code, Learner.card_version)
            .join(Enrollment, Enrollment.learner_id == Learner.id)
            .where(Enrollment.course_id == course_id, seated)
            .order_by(Learner.id).limit(8)).all()
    store.dispose()
    assert len(rows) >= 7, "the demo seats enough learners on one course"
    assert lesson_id is not None
    tokens = [(lid, make_token(secret, code, version)) for lid, code, version in rows]
    return School(path, lesson_id, tokens)


class Desk:
    """The running FrontDesk and the keyboard in front of it."""

    def __init__(self, display: str, school: School, tmp: Path) -> None:
        self.env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
                    "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_DATA_HOME": str(tmp / "data")}
        self.env.pop("QT_SCALE_FACTOR", None)
        self.school = school
        self.log = (tmp / "frontdesk.log").open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.shell.launcher", "--db", str(school.path), "--lang", "en",
             "--desk", "前台1"], cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=30, check=False)
        return done.stdout.strip()

    def wait_for_window(self, name: str) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "FrontDesk ended early"
            found = self.xdotool("search", "--onlyvisible", "--name", name)
            if found:
                self.xdotool("windowfocus", "--sync", found.splitlines()[-1])
                time.sleep(0.5)  # the window is drawn and has the focus
                return
            time.sleep(0.2)
        pytest.fail(f"no window named {name!r}")

    def scan(self, token: str) -> None:
        time.sleep(0.3)  # the clerk's hands leave the keys; the card comes up
        # A scanner's Enter follows its last character at once ("\r" is X's Return key).
        self.xdotool("type", "--delay", "6", token + "\r")

    def person(self, text: str, delay: int = 90, *, enter: bool = False) -> None:
        # xdotool's --delay is split around each key's release: 90 gives ~50 ms a key.
        self.xdotool("type", "--delay", str(delay), text + ("\r" if enter else ""))

    def open_file_menu(self) -> None:
        """A click on the menu bar's first menu (File), as a clerk would."""
        window = self.xdotool("search", "--onlyvisible", "--name", "FrontDesk —").splitlines()[-1]
        found = dict(line.strip().split(": ", 1) for line in
                     self.xdotool("getwindowgeometry", window).splitlines()[1:] if ": " in line)
        x, y = (int(v) for v in found["Position"].split(" ")[0].split(","))
        self.xdotool("mousemove", "--sync", str(x + 18), str(y + 10), "click", "1")
        time.sleep(0.5)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", "120", *keys)
        time.sleep(0.3)

    def query(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        with sqlite3.connect(f"file:{self.school.path}?mode=ro", uri=True, timeout=10) as db:
            return db.execute(sql, args).fetchall()

    def check_ins(self, learner_id: int) -> int:
        return int(self.query("SELECT count(*) FROM attendance WHERE learner_id = ? "
                              "AND lesson_id = ? AND voided_at IS NULL", learner_id,
                              self.school.lesson_id)[0][0])

    def wait_checked_in(self, learner_id: int) -> None:
        deadline = time.monotonic() + 10
        while self.check_ins(learner_id) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)  # time enough for a second, wrong check-in to show too
        if self.check_ins(learner_id) != 1:
            shot = Path(self.log.name).with_name("screen-at-failure.png")  # for whoever looks
            subprocess.run(["import", "-window", "root", str(shot)], env=self.env, check=False)
        assert self.check_ins(learner_id) == 1

    def sign_ins(self, action: str) -> list[str]:
        return [str(row[0]) for row in self.query(
            "SELECT coalesce(after, '') || coalesce(before, '') FROM audit_event "
            "WHERE action = ?", action)]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


def test_a_scan_counts_wherever_the_focus_is(display, tmp_path):
    school = _school(tmp_path / "school.sqlite3")
    (at_sign_in, t1), (in_search, t2), (in_lookup, t3), (in_dialog, t4), (on_lock, t5), \
        (typed, t6), (typed_fast, t7) = school.tokens[:7]
    desk = Desk(display, school, tmp_path)
    try:
        # The sign-in box, the user name focused: the scan is kept, the person signs in.
        desk.wait_for_window("Sign in")
        desk.scan(t1)
        desk.person(USER, enter=True)
        desk.person(PASSWORD, enter=True)
        desk.wait_for_window("FrontDesk —")
        desk.wait_checked_in(at_sign_in)

        # The roster's search box, with a search typed.
        desk.key("ctrl+4", "ctrl+f")
        desk.person("wang")
        desk.scan(t2)
        desk.wait_checked_in(in_search)

        # The check-in page's look-up box with a name half typed.
        desk.key("ctrl+2", "ctrl+f")
        desk.person("li")
        desk.scan(t3)
        desk.wait_checked_in(in_lookup)

        # An open dialog (School settings): answered when it closes, not before.
        desk.open_file_menu()
        desk.key("s")
        desk.wait_for_window("School settings")  # (a window manager would focus it)
        desk.scan(t4)
        time.sleep(1.0)
        assert desk.check_ins(in_dialog) == 0
        desk.key("Escape")
        desk.wait_for_window("FrontDesk —")
        desk.wait_checked_in(in_dialog)

        # The lock screen, its password box focused: a scan, never a sign-in.
        desk.key("ctrl+l")
        desk.scan(t5)
        desk.wait_checked_in(on_lock)
        desk.person(PASSWORD, enter=True)
        time.sleep(0.5)

        # A person typing a card's characters into a search box is a person.
        desk.key("ctrl+4", "ctrl+f", "ctrl+a", "BackSpace")
        desk.person(t6, delay=90)
        desk.key("Return")
        desk.key("ctrl+a", "BackSpace")
        desk.person(t7, delay=60)
        desk.key("Return")
        time.sleep(1.0)
        assert desk.check_ins(typed) == 0
        assert desk.check_ins(typed_fast) == 0

        failed = desk.sign_ins("staff.sign_in_failed")
        assert not any(token in row for row in failed for _, token in school.tokens), failed
        assert failed == []
        assert len(desk.sign_ins("staff.sign_in")) == 2  # at start, and after the lock
        assert desk.proc.poll() is None

        # A second FrontDesk on the same store hands over to this one and ends.
        second = subprocess.run(
            [sys.executable, "-m", "ui.shell.launcher", "--db", str(school.path)], cwd=ROOT,
            env=desk.env, capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr
        assert desk.proc.poll() is None
    finally:
        desk.close()
    # Nothing alarming printed: QtMultimedia's search for optional libraries is quiet.
    log = (tmp_path / "frontdesk.log").read_text()
    assert "Couldn't load" not in log and "Traceback" not in log, log
