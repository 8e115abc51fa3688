"""The server goes away mid-evening: two door desks keep checking in, one is
killed while offline and restarted, the server comes back, and every scan is
in the store exactly once with the earliest time (issue: offline door desk).

The test runs its own PostgreSQL server (so that stopping it disturbs no
other test): it needs the server's binaries and root, as CI has them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from frontdesk.checkin.tokens import make_token
from frontdesk.roster.courses import CourseInput, add_course, add_lesson
from frontdesk.roster.enrollment import enroll
from frontdesk.roster.learners import LearnerInput, add_learner
from frontdesk.settings import school_secret
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import open_store
from frontdesk.store.models import Attendance, AuditEvent
from frontdesk.vocab import FeeTier

pytestmark = pytest.mark.postgres
CHILD = Path(__file__).resolve().parents[1] / "offline_desk_child.py"
LEARNERS = 100
RECORDED = {"checked_in", "late", "fee_due"}


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


@dataclass
class Server:
    bin: Path
    data: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        command = " ".join([str(self.bin / "pg_ctl"), "-D", str(self.data), *args])
        subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", command], check=True,
                       capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        self._ctl("-l", str(self.data / "log"), "-w", "start", "-o", f"'{options}'")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "stop")


@pytest.fixture
def server() -> Iterator[Server]:
    pg_bin = _pg_bin()
    if pg_bin is None or os.geteuid() != 0 or shutil.which("su") is None:
        pytest.skip("needs PostgreSQL's server binaries and root (CI has both)")
    data = Path(tempfile.mkdtemp(prefix="frontdesk-outage-"))
    shutil.chown(data, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c",
                    f"{pg_bin / 'initdb'} -D {data} -A trust -U postgres"],
                   check=True, capture_output=True, timeout=120)
    found = Server(pg_bin, data, port)
    found.start()
    try:
        yield found
    finally:
        with contextlib.suppress(subprocess.SubprocessError):
            found.stop()
        shutil.rmtree(data, ignore_errors=True)


def _school(url: str) -> list[str]:
    """100 learners on one course with a lesson on now; their card tokens."""
    store = open_store(url)
    now = dt.datetime.now(dt.UTC)
    desk = Actor(desk="办公室")
    with store.write() as s:
        secret = school_secret(s)
        course = add_course(s, CourseInput("AI+营销获客", FeeTier.FREE, LEARNERS), desk, now)
        add_lesson(s, course.id, now - dt.timedelta(minutes=5), now + dt.timedelta(hours=2),
                   desk, now)
        tokens = []
        for i in range(LEARNERS):
            learner = add_learner(s, LearnerInput(f"学员{i:03d}", f"139{i:08d}"), desk, now)
            enroll(s, learner.id, course.id, 30, desk, now)
            tokens.append(make_token(secret, learner.code, 1))
    store.dispose()
    return tokens


class DeskProcess:
    def __init__(self, url: str, folder: Path, name: str) -> None:
        self.name = name
        env = {**os.environ, "PYTHONPATH": str(CHILD.parents[1])}
        self.proc = subprocess.Popen([sys.executable, str(CHILD), url, str(folder), name],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env=env)
        self.ready = self._answer()

    def _answer(self) -> dict[str, object]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"desk {self.name} died: exit {self.proc.wait()}")
        answer: dict[str, object] = json.loads(line)
        return answer

    def send(self, line: str) -> dict[str, object]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self._answer()

    def scan(self, token: str) -> dict[str, object]:
        return self.send(f"scan {token}")

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self._close()

    def quit(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0
        self._close()

    def _close(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


def _sync_until_empty(*desks: DeskProcess, within: float = 60) -> float:
    started = time.monotonic()
    while time.monotonic() - started < within:
        answers = [d.send("sync") for d in desks]
        if all(a["online"] and a["pending"] == 0 for a in answers):
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"outboxes not empty after {within} s: {answers}")


def _check_store(url: str, answers: list[tuple[str, int, dict[str, object]]]) -> None:
    """Every learner scanned is in exactly once, with the earliest recorded scan."""
    earliest: dict[int, dt.datetime] = {}
    offline_desks: dict[int, set[str]] = {}
    for desk, _, answer in answers:
        if answer["outcome"] in RECORDED:
            learner = int(answer["learner_id"])  # type: ignore[arg-type]
            at = dt.datetime.fromisoformat(str(answer["at"]))
            earliest[learner] = min(at, earliest.get(learner, at))
            if answer["offline"]:
                offline_desks.setdefault(learner, set()).add(desk)
    scanned = {int(a["learner_id"]) for _, _, a in answers if a["learner_id"]}  # type: ignore[arg-type]
    store = open_store(url, upgrade=False)
    try:
        with store.read() as s:
            rows = s.execute(select(Attendance.learner_id, Attendance.at, Attendance.desk,
                                    Attendance.offline_id)
                             .where(Attendance.voided_at.is_(None))).all()
            all_rows = s.scalar(select(func.count()).select_from(Attendance)) or 0
            checkins = s.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "attendance.checkin")) or 0
    finally:
        store.dispose()
    by_learner: dict[int, list[tuple[dt.datetime, str, str | None]]] = {}
    for learner_id, at, desk, offline_id in rows:
        by_learner.setdefault(learner_id, []).append((at, desk, offline_id))
    assert set(by_learner) == scanned, "a scanned learner is missing, or one not scanned is in"
    for learner_id, found in by_learner.items():
        assert len(found) == 1, f"learner {learner_id} checked in {len(found)} times"
        at, desk, offline_id = found[0]
        assert abs((at - earliest[learner_id]).total_seconds()) < 0.001, learner_id
        if offline_id is not None:
            assert desk in offline_desks[learner_id]  # the row names the desk that scanned
    assert checkins == all_rows  # one audit event per check-in recorded (voided ones too)


def test_two_doors_keep_checking_in_through_an_outage(server, tmp_path):
    """The server is stopped mid-evening; one desk is killed while offline."""
    tokens = _school(server.url)
    east = DeskProcess(server.url, tmp_path / "east", "东门")
    west = DeskProcess(server.url, tmp_path / "west", "西门")
    answers: list[tuple[str, int, dict[str, object]]] = []

    def scan(desk: DeskProcess, index: int) -> dict[str, object]:
        answer = desk.scan(tokens[index])
        answers.append((desk.name, index, answer))
        return answer

    for i in range(0, 30):  # online: both doors, the same learners in the middle
        scan(east, i)
        if i >= 15:
            scan(west, i + 15)
    assert not any(a["offline"] for _, _, a in answers)
    server.stop()
    started = time.monotonic()
    first = scan(east, 30)  # the scan that finds the server gone
    detect = time.monotonic() - started
    assert first["offline"] and first["outcome"] in RECORDED
    offline_times = []
    for i in range(31, 70):
        offline_times.append(float(scan(east, i)["seconds"]))  # type: ignore[arg-type]
        if i >= 50:
            scan(west, i)  # the same learners through the other door
    west.kill()  # SIGKILL while offline, with scans waiting
    west = DeskProcess(server.url, tmp_path / "west", "西门")
    assert west.ready["online"] is False and int(west.ready["pending"]) > 0  # type: ignore[arg-type]
    for i in range(80, 100):
        answer = scan(west, i)
        assert answer["offline"] and answer["outcome"] in RECORDED
    pending = int(east.send("sync")["pending"]) + int(west.send("sync")["pending"])  # type: ignore[arg-type]
    server.start()
    upload = _sync_until_empty(east, west)
    east.quit()
    west.quit()
    _check_store(server.url, answers)
    median = sorted(offline_times)[len(offline_times) // 2]
    print(f"outage: {pending} scans waited; offline detected in {detect * 1000:.0f} ms; "
          f"offline scan p50 {median * 1000:.1f} ms, max {max(offline_times) * 1000:.1f} ms; "
          f"uploaded in {upload:.2f} s")


def test_a_five_second_outage_mid_scan_comes_back_by_itself(server, tmp_path):
    """The network flaps: the server is gone for 5 s while both doors keep
    scanning; they come back online on their own and upload as they go."""
    tokens = _school(server.url)
    east = DeskProcess(server.url, tmp_path / "east", "东门")
    west = DeskProcess(server.url, tmp_path / "west", "西门")
    answers: list[tuple[str, int, dict[str, object]]] = []
    server.stop()
    stopped = time.monotonic()
    back = False
    i = 0
    modes = []
    while i < LEARNERS:
        if not back and time.monotonic() - stopped > 5:
            server.start()
            back = True
        for desk in (east, west):
            answer = desk.scan(tokens[i])
            answers.append((desk.name, i, answer))
            modes.append(answer["offline"])
        i += 1
        time.sleep(0.1)
    assert any(modes) and not modes[-1]  # offline for a while, online again by the end
    _sync_until_empty(east, west)
    east.quit()
    west.quit()
    _check_store(server.url, answers)
