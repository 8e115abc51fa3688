"""Several desks on one store at the same instant: real processes, real transactions.

Each desk is a child process (tests/multidesk_child.py) with its own engine.
Both open the store and then go in lock step: the test releases them into
their n-th call at the same instant, so the two desks really race for the
same learner, balance or seat (on PostgreSQL the check-in race ends in the
live-attendance unique index, as it would at two doors). Each desk reports
what a call returned only after its commit returned; then the store is
compared with what the desks said. Each test runs on one SQLite file and on
a fresh PostgreSQL database (FRONTDESK_TEST_PG_URL).
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import secrets
import select as io_select
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from frontdesk.checkin.scan import RECORDED, CheckInContext, open_lessons
from frontdesk.checkin.tokens import make_token
from frontdesk.demo.school import build_demo
from frontdesk.fees.balances import balances
from frontdesk.fees.cashup import cashup_report
from frontdesk.roster.enrollment import course_enrollments
from frontdesk.store.attendance_counts import stale_counts
from frontdesk.store.engine import Store, StoreError, StoreProblem, open_store
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    Counter,
    Course,
    Enrollment,
    Learner,
    LedgerEntry,
    ScanLog,
)
from frontdesk.vocab import SEATED, EnrollmentStatus

CHILD = Path(__file__).resolve().parents[1] / "multidesk_child.py"
# Tuesday 2026-12-01, 19:05 in Shenzhen: the demo's Tuesday evening lessons are on.
AT = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)
TODAY = dt.date(2026, 12, 1)
WAIT_S = 60  # a guard against a hung desk, not a measure of speed
Op = dict[str, Any]
Report = dict[str, Any]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def school(request: pytest.FixtureRequest) -> Store:
    """A demo school of 200 learners on one SQLite file or a fresh PostgreSQL database."""
    store: Store = request.getfixturevalue("store" if request.param == "sqlite" else "pg_store")
    build_demo(store, learners=200, now=AT, seed=11)
    return store


# Two desks at once ------------------------------------------------------------


def _read_line(desk: str, proc: subprocess.Popen[str]) -> str:
    """The desk's next line; the test fails (with the desk's traceback) if it
    exits or goes quiet instead."""
    assert proc.stdout is not None
    readable, _, _ = io_select.select([proc.stdout], [], [], WAIT_S)
    line = proc.stdout.readline() if readable else ""
    if not line:
        proc.kill()
        _out, err = proc.communicate()
        pytest.fail(f"desk {desk} stopped answering:\n{err}")
    return line


def run_desks(store: Store, tmp_path: Path, jobs: dict[str, list[Op]]) -> dict[str, list[Report]]:
    """Run each desk's ops in a process of its own, in lock step: the desks
    start their n-th op at the same instant, once all have reported the one
    before. Returns what each desk reported, op by op."""
    procs: dict[str, subprocess.Popen[str]] = {}
    reports: dict[str, list[Report]] = {desk: [] for desk in jobs}
    try:
        for desk, ops in jobs.items():
            job = tmp_path / f"desk-{desk}.json"
            job.write_text(json.dumps({"at": AT.isoformat(), "ops": ops}), encoding="utf-8")
            procs[desk] = subprocess.Popen(
                [sys.executable, str(CHILD), store.url, desk, str(job)], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        for desk, proc in procs.items():
            assert _read_line(desk, proc).strip() == "ready"
        for step in range(max(len(ops) for ops in jobs.values())):
            going = [desk for desk in procs if step < len(jobs[desk])]
            for desk in going:  # the barrier: every desk is waiting for this line
                procs[desk].stdin.write("go\n")  # type: ignore[union-attr]
                procs[desk].stdin.flush()  # type: ignore[union-attr]
            for desk in going:
                reports[desk].append(json.loads(_read_line(desk, procs[desk])))
        for desk, proc in procs.items():
            _out, err = proc.communicate(timeout=WAIT_S)
            assert proc.returncode == 0, f"desk {desk} failed:\n{err}"
        return reports
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


# 1. Check-ins -------------------------------------------------------------------


def _seated_tonight(store: Store, count: int) -> dict[int, tuple[str, int]]:
    """Learners seated on exactly one lesson open at AT and not yet in:
    learner id -> (card token, lesson id)."""
    picked: dict[int, tuple[str, int]] = {}
    with store.read() as s:
        ctx = CheckInContext.load(s)
        for learner_id, code, version in s.execute(
                select(Learner.id, Learner.code, Learner.card_version).order_by(Learner.id)):
            seated = [o for o in open_lessons(s, learner_id, AT, ctx.opens)
                      if o.enrollment_status in SEATED]
            if len(seated) == 1 and seated[0].live_id is None:
                picked[learner_id] = (make_token(ctx.secret, code, version),
                                      seated[0].ref.lesson_id)
            if len(picked) == count:
                return picked
    pytest.fail(f"the demo has only {len(picked)} learners to check in at {AT}")


def test_two_desks_checking_in_the_same_learners_record_each_once(school, tmp_path):
    learners = _seated_tonight(school, 30)
    ops = [{"op": "checkin", "token": token} for token, _lesson in learners.values()]
    reports = run_desks(school, tmp_path, {"A": ops, "B": ops})

    said: dict[int, dict[str, Report]] = collections.defaultdict(dict)
    for desk, lines in reports.items():
        for line in lines:
            said[line["learner_id"]][desk] = line
    with school.read() as s:
        live = s.execute(select(Attendance.learner_id, Attendance.lesson_id, Attendance.id,
                                Attendance.desk)
                         .where(Attendance.learner_id.in_(learners),
                                Attendance.lesson_id.in_({v[1] for v in learners.values()}),
                                Attendance.voided_at.is_(None))).all()
        logged = s.execute(select(ScanLog.learner_id, ScanLog.desk, ScanLog.outcome)
                           .where(ScanLog.at == AT)).all()
    # Exactly one live row per learner, on the lesson they sit.
    rows = {learner: (lesson, row_id, desk) for learner, lesson, row_id, desk in live}
    assert len(live) == len(rows) == len(learners)
    recorded = {o.value for o in RECORDED}
    for learner_id, (_token, lesson_id) in learners.items():
        lesson, row_id, desk = rows[learner_id]
        other = "B" if desk == "A" else "A"
        both = said[learner_id]
        # The desk whose row it is said "checked in" (or late, or fee due); the
        # other said "already checked in" and pointed at that same row.
        assert both[desk]["outcome"] in recorded, both
        assert both[other]["outcome"] == "already_checked_in", both
        assert both[desk]["attendance_id"] == both[other]["attendance_id"] == row_id
        assert both[desk]["lesson_id"] == both[other]["lesson_id"] == lesson == lesson_id
    # Each "already" scan is in the desk's scan log, and nothing else is.
    expected_log = [(line["learner_id"], desk, "already_checked_in")
                    for desk, lines in reports.items() for line in lines
                    if line["outcome"] == "already_checked_in"]
    assert sorted(logged) == sorted(expected_log)
    # Each enrollment's attendance counts (kept by the store) match a recount.
    with school.read() as s:
        assert stale_counts(s) == []


# 2. Payments --------------------------------------------------------------------


def _owing(store: Store, count: int) -> dict[int, int]:
    """``count`` seated enrollments that still owe at least ¥2: id -> balance."""
    with store.read() as s:
        ids = list(s.scalars(select(Enrollment.id).where(
            Enrollment.status == EnrollmentStatus.ENROLLED, Enrollment.fee_due_fen > 0)))
        owed = {e: b.balance_fen for e, b in balances(s, ids).items() if b.balance_fen >= 200}
    assert len(owed) >= count, owed
    return {e: owed[e] for e in sorted(owed)[:count]}


def _pay(enrollment_id: int, amount: int, method: str = "cash", reference: str | None = None
         ) -> Op:
    return {"op": "pay", "enrollment_id": enrollment_id, "amount_fen": amount,
            "method": method, "reference": reference}


def _payment_plan(owed: dict[int, int]) -> tuple[dict[str, list[Op]], list[int], list[int]]:
    """Both desks pay the whole of some balances (one must be refused) and
    half each of others (both go through); each also takes payments of its
    own, and both race to use one WeChat transaction reference."""
    ids = list(owed)
    whole, halves, own = ids[:8], ids[8:16], {"A": ids[16:20], "B": ids[20:24]}
    jobs: dict[str, list[Op]] = {"A": [], "B": []}
    for e_whole, e_half in zip(whole, halves, strict=True):
        first = owed[e_half] // 2
        for desk, part in (("A", first), ("B", owed[e_half] - first)):
            jobs[desk] += [_pay(e_whole, owed[e_whole]), _pay(e_half, part)]
    for desk in jobs:
        jobs[desk] += [_pay(e, 100) for e in own[desk]]
        jobs[desk].append(_pay(own[desk][0], 1, "wechat", "4200000000000MULTIDESK"))
    return jobs, whole, halves


def test_two_desks_taking_payments_at_once_keep_the_ledger_whole(school, tmp_path):
    owed = _owing(school, 24)
    with school.read() as s:
        counter_before = s.scalar(select(Counter.value).where(Counter.name == "receipt:2026"))
    jobs, whole, halves = _payment_plan(owed)
    reports = run_desks(school, tmp_path, jobs)
    every = [line for lines in reports.values() for line in lines]
    paid = [line for line in every if line["ok"]]

    for e in whole:  # one desk took the whole balance; the other was refused
        outcomes = sorted((line["ok"], line.get("code")) for line in every
                          if line["enrollment_id"] == e)
        assert outcomes == [(False, "amount_over_balance"), (True, None)], e
    assert all(line["ok"] for line in every if line["enrollment_id"] in halves)
    wechat = sorted((line["ok"], line.get("code")) for line in every if line["method"] == "wechat")
    assert wechat == [(False, "duplicate_reference"), (True, None)]
    assert len(every) - len(paid) == len(whole) + 1  # nothing else was refused

    with school.read() as s:
        entries = s.execute(select(LedgerEntry.id, LedgerEntry.enrollment_id,
                                   LedgerEntry.amount_fen, LedgerEntry.receipt_no,
                                   LedgerEntry.desk).where(LedgerEntry.desk.in_(jobs))).all()
        receipts = list(s.scalars(select(LedgerEntry.receipt_no)
                                  .where(LedgerEntry.receipt_no.like("SB2026-%"))))
        counter = s.scalar(select(Counter.value).where(Counter.name == "receipt:2026"))
        after = balances(s, list(s.scalars(select(Enrollment.id))))
        drawers = {desk: cashup_report(s, TODAY, desk) for desk in jobs}
    # The ledger holds exactly the payments the desks reported, and no other.
    assert sorted(tuple(e) for e in entries) == sorted(
        (p["entry_id"], p["enrollment_id"], p["amount_fen"], p["receipt_no"], desk)
        for desk, lines in reports.items() for p in lines if p["ok"])
    # Receipt numbers: unique, gap-free, each desk's own run climbing.
    assert counter == counter_before + len(paid)
    assert sorted(int(r.rsplit("-", 1)[1]) for r in receipts) == list(range(1, counter + 1))
    for lines in reports.values():
        numbers = [p["receipt_no"] for p in lines if p["ok"]]
        assert numbers == sorted(numbers)
    # No balance below zero; each one lower by exactly what was reported paid on it.
    assert min(b.balance_fen for b in after.values()) >= 0
    for e, before in owed.items():
        taken = sum(p["amount_fen"] for p in paid if p["enrollment_id"] == e)
        assert after[e].balance_fen == before - taken, e
    assert all(after[e].balance_fen == 0 for e in whole + halves)
    # Each drawer's cash-up shows what that desk said it took.
    for desk, lines in reports.items():
        assert drawers[desk].payments_fen == sum(p["amount_fen"] for p in lines if p["ok"])
        assert drawers[desk].expected_cash_fen == sum(
            p["amount_fen"] for p in lines if p["ok"] and p["method"] == "cash")
    # Two processes writing at once kept one unbroken chain per table.
    from frontdesk.store.check import check_store

    assert check_store(school) == []


# 3. The waiting list ------------------------------------------------------------


def _courses(store: Store) -> dict[int, tuple[int, list[int], list[int]]]:
    """Course id -> (capacity, seated enrollment ids, waiting enrollment ids in order)."""
    found = {}
    with store.read() as s:
        for course in s.scalars(select(Course).order_by(Course.id)):
            rows = course_enrollments(s, course.id)
            found[course.id] = (
                course.capacity,
                [r.enrollment_id for r in rows if r.status in SEATED],
                [r.enrollment_id for r in rows if r.status is EnrollmentStatus.WAITLISTED])
    return found


def _waitlist_plan(store: Store) -> tuple[dict[str, list[Op]], list[int], int, int]:
    """On full courses with a waiting list, each desk withdraws two learners
    and both withdraw a fifth; on a course with free seats, each desk enrolls
    as many newcomers as there are seats."""
    courses = _courses(store)
    full = [c for c, (cap, seated, waiting) in courses.items()
            if len(seated) == cap and waiting][:3]
    open_id, (cap, seated, _w) = min(
        ((c, v) for c, v in courses.items() if 2 <= v[0] - len(v[1]) <= 8), key=lambda x: x[0])
    free = cap - len(seated)
    with store.read() as s:
        on_it = set(s.scalars(select(Enrollment.learner_id).where(Enrollment.course_id == open_id)))
        newcomers = [i for i in s.scalars(select(Learner.id).order_by(Learner.id))
                     if i not in on_it][: 2 * free]
    assert len(full) == 3 and len(newcomers) == 2 * free
    jobs: dict[str, list[Op]] = {"A": [], "B": []}
    for c in full:
        s_ids = courses[c][1]
        for desk, mine in (("A", s_ids[0:4:2]), ("B", s_ids[1:4:2])):
            jobs[desk] += [{"op": "withdraw", "enrollment_id": e} for e in [s_ids[4], *mine]]
    for desk, mine in (("A", newcomers[0::2]), ("B", newcomers[1::2])):
        jobs[desk] += [{"op": "enroll", "learner_id": i, "course_id": open_id} for i in mine]
    return jobs, full, open_id, free


def test_two_desks_moving_the_waiting_list_never_seat_more_than_capacity(school, tmp_path):
    before = _courses(school)
    jobs, full, open_id, free = _waitlist_plan(school)
    reports = run_desks(school, tmp_path, jobs)
    every = [line for lines in reports.values() for line in lines]
    now = _courses(school)

    for c in full:
        cap, seated, waiting = before[c]
        twice = [line for line in every if line.get("enrollment_id") == seated[4]]
        assert sorted((w["ok"], w.get("code")) for w in twice) == [
            (False, "already_withdrawn"), (True, None)]
        moved = min(5, len(waiting))  # five left; as many move up as are waiting
        promoted = [line["promoted"] for line in every
                    if line["op"] == "withdraw" and line["enrollment_id"] in seated[:5]
                    and line["ok"] and line["promoted"] is not None]
        assert sorted(promoted) == sorted(waiting[:moved])  # in order, each once
        n_cap, n_seated, n_waiting = now[c]
        assert len(n_seated) == cap - 5 + moved <= n_cap
        assert set(n_seated) == set(seated[5:]) | set(waiting[:moved])
        assert n_waiting == waiting[moved:]
    enrolled = [line for line in every if line["op"] == "enroll"]
    assert all(line["ok"] for line in enrolled)
    statuses = collections.Counter(line["status"] for line in enrolled)
    assert statuses == {"enrolled": free, "waitlisted": free}
    assert sorted(line["waitlist_position"] for line in enrolled if line["waitlist_position"]) == \
        list(range(len(before[open_id][2]) + 1, len(before[open_id][2]) + free + 1))
    assert len(now[open_id][1]) == now[open_id][0]
    with school.read() as s:  # one withdrawal in the audit trail per learner, not two
        events = collections.Counter(s.scalars(select(AuditEvent.entity_id).where(
            AuditEvent.action == "enrollment.withdraw", AuditEvent.at == AT)))
    assert sorted(events) == sorted(before[c][1][i] for c in full for i in range(5))
    assert set(events.values()) == {1}


# A server that is down or refuses the login -----------------------------------------


def _unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _open_elsewhere(url: str) -> str:
    """Open ``url`` in a child process: the StoreProblem it was refused with,
    "opened", or "hung" when it had to be killed."""
    code = ("import sys\nfrom frontdesk.store.engine import StoreError, open_store\n"
            "try:\n    open_store(sys.argv[1])\nexcept StoreError as exc:\n"
            "    print(exc.problem.value)\nelse:\n    print('opened')\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True,
                              timeout=WAIT_S, check=False)
    except subprocess.TimeoutExpired:
        return "hung"
    return done.stdout.strip() or done.stderr


def test_a_postgresql_server_that_is_down_is_refused_with_a_clear_problem():
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_unused_port()}/frontdesk"
    with pytest.raises(StoreError) as refused:
        open_store(url)
    assert refused.value.problem is StoreProblem.SERVER_DOWN
    assert "127.0.0.1" in refused.value.detail  # the message says which server


def test_a_server_that_accepts_the_connection_but_never_answers_does_not_hang_the_desk():
    with socket.socket() as silent:  # the kernel accepts; nobody ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        port = silent.getsockname()[1]
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/x"
        assert _open_elsewhere(url) == StoreProblem.SERVER_DOWN.value


@pytest.mark.postgres
def test_a_login_the_server_refuses_is_a_clear_problem(pg_admin_url, pg_store):
    suffix = secrets.token_hex(3)
    no_login = f"no_login_{suffix}"  # a role that exists but may not sign in
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{no_login}" NOLOGIN'))
        for user in (no_login, f"nobody_{suffix}"):
            url = make_url(pg_store.url).set(username=user, password="wrong")
            with pytest.raises(StoreError) as refused:
                open_store(url.render_as_string(hide_password=False))
            assert refused.value.problem is StoreProblem.SERVER_DOWN
            assert user in refused.value.detail
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{no_login}"'))
        admin.dispose()
    with pg_store.read() as s:  # the store itself is untouched and still answers
        assert s.scalar(select(func.count()).select_from(Learner)) == 0
