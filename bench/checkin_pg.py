"""Check-in on PostgreSQL: the desk's scan action beside raw psycopg doing the same work.

The same as :mod:`bench.checkin_bench` does on SQLite, each scan timed whole:
re-read the clerk's account, verify the token, resolve the open lesson,
insert the attendance row and its audit event on the hash chain, commit.
The raw side is psycopg with the same hand-written SQL.

    python bench/checkin_pg.py --db postgresql+psycopg://user@host/db [--repeats N]

builds the 100,000-learner school in that database if it is empty.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.checkin_bench import (
    _RAW_ARRIVAL,
    _RAW_AUDIT,
    _RAW_INSERT,
    _RAW_STAFF,
    _RAW_TIP,
    _RAW_TURN,
    RAW_MAY_CHECK_IN,
    WARMUP,
    bench_clerk,
    raw_audit_values,
    time_pairs,
)
from bench.common import summary
from frontdesk.checkin.scan import CheckInContext
from frontdesk.checkin.tokens import ParsedToken, make_token, parse_token
from frontdesk.store.engine import Store


def _pg(sql: str) -> str:
    return sql.replace("?", "%s").replace("s.cancelled = 0", "s.cancelled = false")


def _busiest_start(cur: Any) -> dt.datetime:
    cur.execute(
        "SELECT starts_at, count(*) FROM lesson s WHERE s.cancelled = false AND NOT EXISTS "
        "(SELECT 1 FROM attendance a WHERE a.lesson_id = s.id AND a.voided_at IS NULL) "
        "GROUP BY starts_at ORDER BY count(*) DESC, starts_at LIMIT 1")
    return cur.fetchone()[0].astimezone(dt.UTC)


def _learners(cur: Any, at: dt.datetime, n: int) -> list[tuple[str, int]]:
    cur.execute(
        """
        SELECT l.code, l.card_version FROM learner l JOIN (
            SELECT e.learner_id FROM enrollment e JOIN lesson s ON s.course_id = e.course_id
            WHERE e.status = 'enrolled' AND s.starts_at <= %s AND s.ends_at > %s
              AND s.cancelled = false
            GROUP BY e.learner_id HAVING count(*) = 1) one ON one.learner_id = l.id
        WHERE NOT EXISTS (SELECT 1 FROM attendance a JOIN lesson s ON s.id = a.lesson_id
                          WHERE a.learner_id = l.id AND s.starts_at <= %s AND s.ends_at > %s)
        ORDER BY l.id LIMIT %s
        """, (at + dt.timedelta(minutes=45), at, at, at, n))
    return [(code, version) for code, version in cur.fetchall()]


def _raw_check_in(conn: Any, secret: bytes, scan: str, at: dt.datetime, staff_id: int) -> bool:
    """The desk's scan action by hand, as on SQLite; the chain's turn and its
    tip are two statements here, as FrontDesk sends them on PostgreSQL (the
    tip must be read after the counter's lock is held)."""
    parsed = parse_token(secret, scan)
    if not isinstance(parsed, ParsedToken):
        return False
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(_pg(_RAW_STAFF), (staff_id,))
        staff = cur.fetchone()
        if staff is None or staff[1] or staff[0] not in RAW_MAY_CHECK_IN:
            return False
        cur.execute(_pg(_RAW_ARRIVAL), (parsed.code, at - dt.timedelta(hours=12),
                                        at + dt.timedelta(minutes=45), at))
        rows = cur.fetchall()
        if len(rows) != 1 or rows[0][2] != parsed.card_version or rows[0][10] is not None:
            return False
        one = rows[0]
        learner_id, lesson_id, starts, enrollment_id = one[0], one[3], one[6], one[8]
        late = at > starts + dt.timedelta(minutes=10)
        status = "late" if late else "present"
        cur.execute(_pg(_RAW_INSERT), (lesson_id, learner_id, enrollment_id, status, at, at,
                                       staff_id))
        inserted = cur.fetchone()
        if inserted is None:
            return False
        cur.execute(_RAW_TURN)
        cur.fetchone()
        cur.execute(_RAW_TIP)
        tip = cur.fetchone()
        cur.execute(_pg(_RAW_AUDIT), (at, staff_id, *raw_audit_values(
            at, staff_id, inserted[0], learner_id, lesson_id, status, tip and tip[0])))
    return True


def run_pg(store: Store, repeats: int, say: Any = None) -> dict[str, Any]:
    import psycopg

    say = say or (lambda _m: None)
    url = store.engine.url.set(drivername="postgresql")
    raw = psycopg.connect(url.render_as_string(hide_password=False))
    with raw.cursor() as cur:
        at = _busiest_start(cur) + dt.timedelta(minutes=5)
        people = _learners(cur, at, 2 * (repeats + WARMUP))
        cur.execute("SELECT count(*) FROM attendance")
        rows = cur.fetchone()[0]
    raw.commit()
    if len(people) < 2 * (repeats + WARMUP):
        repeats = len(people) // 2 - WARMUP
    with store.write() as session:
        context = CheckInContext.load(session)
    scans = [make_token(context.secret, code, version) for code, version in people]
    pairs = list(zip(scans[0::2], scans[1::2], strict=False))[: repeats + WARMUP]
    say(f"timing {repeats} check-ins each way on PostgreSQL at {at.isoformat()} …")
    actor = bench_clerk(store)
    staff_id = actor.staff_id
    assert staff_id is not None
    try:
        ours, floor, recorded = time_pairs(
            store, actor, pairs, at, context,
            lambda scan: _raw_check_in(raw, context.secret, scan, at, staff_id))
    finally:
        raw.close()
    mine, base = summary(ours), summary(floor)
    return {"attendance_rows": rows, "recorded": recorded, "domain": mine, "raw": base,
            "mean_ms": round(statistics.fmean(ours), 3),
            "ratio_p50": round(mine["median_ms"] / base["median_ms"], 2),
            "ratio_p99": round(mine["p99_ms"] / base["p99_ms"], 2)}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bench.common import BUILD_NOW, LEARNERS, stderr
    from frontdesk.store.engine import open_store

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a PostgreSQL URL (postgresql+psycopg://…)")
    parser.add_argument("--repeats", type=int, default=500)
    args = parser.parse_args(argv)
    store = open_store(args.db)
    try:
        with store.read() as session:
            empty = not session.execute(text("SELECT 1 FROM learner LIMIT 1")).first()
        if empty:
            from frontdesk.demo.school import build_demo

            stderr(f"building a school of {LEARNERS:,} learners in {args.db} …")
            build_demo(store, learners=LEARNERS, now=BUILD_NOW, seed=2026)
        found = run_pg(store, args.repeats, say=stderr)
    finally:
        store.dispose()
    print(json.dumps(found, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
