"""Check-in on PostgreSQL: the domain call beside raw psycopg doing the same work.

The same as :mod:`bench.checkin_bench` does on SQLite, each scan timed whole:
verify the token, resolve the open lesson, insert the attendance row and its
audit event, commit. The raw side is psycopg with hand-written SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from typing import Any

from bench.checkin_bench import _RAW_BALANCE, _RAW_OPEN, WARMUP
from bench.common import summary
from frontdesk.checkin.scan import RECORDED, CheckInContext, check_in
from frontdesk.checkin.tokens import ParsedToken, make_token, parse_token
from frontdesk.staff.actor import Actor
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


def _raw_check_in(conn: Any, secret: bytes, scan: str, at: dt.datetime) -> bool:
    parsed = parse_token(secret, scan)
    if not isinstance(parsed, ParsedToken):
        return False
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT id, card_version FROM learner WHERE code = %s AND "
                    "anonymised_at IS NULL", (parsed.code,))
        learner = cur.fetchone()
        if learner is None or learner[1] != parsed.card_version:
            return False
        cur.execute(_pg(_RAW_OPEN), (learner[0], at - dt.timedelta(hours=12),
                                     at + dt.timedelta(minutes=45), at))
        open_rows = cur.fetchall()
        if len(open_rows) != 1 or open_rows[0][5] is not None:
            return False
        lesson_id, starts, enrollment_id, _status, fee, _live = open_rows[0]
        late = at > starts + dt.timedelta(minutes=10)
        status = "late" if late else "present"
        cur.execute(
            "INSERT INTO attendance (lesson_id, learner_id, enrollment_id, status, method, at, "
            "recorded_at, desk) VALUES (%s, %s, %s, %s, 'scanner', %s, %s, 'raw') RETURNING id",
            (lesson_id, learner[0], enrollment_id, status, at, at))
        attendance_id = cur.fetchone()[0]
        cur.execute(
            "INSERT INTO audit_event (at, staff_id, desk, action, entity, entity_id, "
            "learner_id, before, after) VALUES (%s, NULL, 'raw', 'attendance.checkin', "
            "'attendance', %s, %s, NULL, %s)",
            (at, attendance_id, learner[0], json.dumps(
                {"lesson_id": lesson_id, "status": status, "method": "scanner"})))
        if fee > 0:
            cur.execute(_pg(_RAW_BALANCE), (enrollment_id,))
            cur.fetchone()
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
    actor = Actor(desk="bench")
    ours: list[float] = []
    floor: list[float] = []
    recorded = 0
    for i, (orm_scan, raw_scan) in enumerate(pairs):
        start = time.perf_counter()
        with store.write() as session:
            result = check_in(session, orm_scan, at, actor, context=context)
        middle = time.perf_counter()
        ok = _raw_check_in(raw, context.secret, raw_scan, at)
        end = time.perf_counter()
        if i >= WARMUP:
            ours.append((middle - start) * 1000)
            floor.append((end - middle) * 1000)
            recorded += result.outcome in RECORDED and ok
    raw.close()
    mine, base = summary(ours), summary(floor)
    return {"attendance_rows": rows, "recorded": recorded, "domain": mine, "raw": base,
            "mean_ms": round(statistics.fmean(ours), 3),
            "ratio_p50": round(mine["median_ms"] / base["median_ms"], 2)}
