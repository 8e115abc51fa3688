"""How each desk cost grows with the school: one table per measure, size across the top.

    python bench/run.py --scale 10k,100k,1m            # SQLite, cached schools
    python bench/run.py --scale 100k --db postgresql+psycopg://user@host/db

Each measure is timed through FrontDesk beside the floor: the same SQL sent
straight through the driver (sqlite3 or psycopg) in the same run, so a ratio
means something on a busy machine. The floor of a read is the statements the
domain call sent, replayed through the driver; the floor of a check-in is
the same work written by hand (verify, resolve, insert, audit, commit).
On PostgreSQL each size's school is built once, in a database of its own
beside the one ``--db`` names (``--db …/mine`` builds ``bench_mine_100k``),
rows sent by COPY (bench.common.build_fast_pg).
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUILD_NOW, build_fast_pg, school, scratch_copy, summary, timed
from frontdesk.store.engine import Store, open_store

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
# measure: (what is compared, target as text)
TARGETS = {
    "search_keystroke": "p95 ≤ 16 ms, ≤ 1.5× raw (100k)",
    "scan_painted": "p99 ≤ 16 ms, a burst of 200 loses none (100k)",
    "checkin": "p50 ≤ 3× raw (1M attendance rows)",
    "at_risk_school": "≤ 300 ms (100k)",
    "dashboard_first_figures": "≤ 300 ms painted (100k)",
    "tonight_refresh": "≤ 30 ms (100k)",
    "term_figures": "off the GUI thread",
}
TYPING = ["w", "wa", "wan", "wang", "wangx", "wx", "z", "zh", "zhan", "王", "王小", "小明",
          "欧阳", "古丽·买", "1", "13", "138", "1381", "5678", "05678", "l", "li", "lix"]


def size_of(text: str) -> int:
    text = text.strip().lower()
    if text in SIZES:
        return SIZES[text]
    match = re.fullmatch(r"(\d+)([km]?)", text)
    if not match:
        raise SystemExit(f"not a size: {text!r} (10k, 100k, 1m or a number)")
    return int(match[1]) * {"": 1, "k": 1000, "m": 1_000_000}[match[2]]


def label(size: int) -> str:
    return next((k for k, v in SIZES.items() if v == size), f"{size:,}")


class Recorder:
    """The statements a domain call sends, with their parameters as sent."""

    def __init__(self, store: Store) -> None:
        from sqlalchemy import event

        self.sent: list[tuple[str, Any]] = []
        self.on = False
        event.listen(store.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any,
              _many: bool) -> None:
        if self.on:
            self.sent.append((statement, parameters))

    def record(self, fn: Callable[[], object]) -> list[tuple[str, Any]]:
        self.sent, self.on = [], True
        try:
            fn()
        finally:
            self.on = False
        return [(s, p) for s, p in self.sent
                if s.lstrip().upper().startswith(("SELECT", "WITH"))]


def replay(raw: Any, statements: list[tuple[str, Any]]) -> None:
    cursor = raw.cursor()
    for statement, parameters in statements:
        cursor.execute(statement, parameters)
        cursor.fetchall()
    cursor.close()


def _pair(ours: list[float], floor: list[float]) -> dict[str, Any]:
    mine, base = summary(ours), summary(floor)
    return {"ours": mine, "raw": base,
            "ratio_p50": round(mine["median_ms"] / max(base["median_ms"], 1e-6), 2),
            "ratio_p95": round(mine["p95_ms"] / max(base["p95_ms"], 1e-6), 2)}


def _read_pair(store: Store, raw: Any, recorder: Recorder, fn: Callable[[Any], object],
               repeats: int) -> dict[str, Any]:
    """``fn(session)`` timed, beside its own statements replayed through the driver."""
    ours: list[float] = []
    floor: list[float] = []
    for _ in range(repeats):
        with store.read() as session:
            ours.append(timed(lambda s=session: fn(s)))
        with store.read() as session:
            sent = recorder.record(lambda s=session: fn(s))
        floor.append(timed(lambda x=sent: replay(raw, x)))
        raw.rollback()
    return _pair(ours, floor)


def measure_reads(store: Store, repeats: int) -> dict[str, Any]:
    from zoneinfo import ZoneInfo

    from frontdesk.reports.at_risk import at_risk
    from frontdesk.reports.dashboard import current_term, tonight_summary
    from frontdesk.reports.term import term_figures
    from frontdesk.roster.search import search_learners

    tz = ZoneInfo("Asia/Shanghai")
    recorder = Recorder(store)
    raw = store.engine.raw_connection()
    try:
        ours: list[float] = []
        floor: list[float] = []
        for _ in range(max(3, repeats)):
            for query in TYPING:
                with store.read() as session:
                    ours.append(timed(lambda s=session, q=query: search_learners(s, q)))
                with store.read() as session:
                    sent = recorder.record(lambda s=session, q=query: search_learners(s, q))
                floor.append(timed(lambda x=sent: replay(raw, x)))
                raw.rollback()
        result: dict[str, Any] = {"search_keystroke": _pair(ours, floor)}
        few = max(3, repeats // 4)
        result["at_risk_school"] = _read_pair(
            store, raw, recorder, lambda s: at_risk(s, BUILD_NOW), few)
        result["tonight_refresh"] = _read_pair(
            store, raw, recorder, lambda s: tonight_summary(s, BUILD_NOW, tz), repeats)

        def term(s: Any) -> object:
            return term_figures(s, current_term(s, BUILD_NOW, tz), BUILD_NOW, tz)

        result["term_figures"] = _read_pair(store, raw, recorder, term, few)
    finally:
        raw.close()
    return result


def measure_page(store: Store, repeats: int) -> dict[str, Any]:
    """The dashboard page's first figures painted, in this process (Qt offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.dashboard_bench import run as dashboard

    url = store.engine.url
    path: Any = url.database if url.get_backend_name() == "sqlite" else url.render_as_string(
        hide_password=False)
    found = dashboard(path, repeats)
    return {"dashboard_first_figures": {"ours": found["first_figures_painted"]},
            "dashboard_tonight_painted": {"ours": found["tonight_refresh_painted"]},
            "dashboard_charts_painted": {"ours": found["term_charts_painted"]}}


def measure_scan_painted(store: Store, repeats: int) -> dict[str, Any]:
    """A scan typed into the check-in window, to its outcome painted, and a
    burst queued at once (SQLite: bench/checkin_gui_bench.py on this copy)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.checkin_gui_bench import run as window

    found = window(store.sqlite_path, repeats)
    return {"scan_painted": {"ours": found["scan_to_outcome"],
                             "burst": f"{found['burst_answered']}/{found['burst_scans']}"}}


def measure_checkin(store: Store, repeats: int, say: Callable[[str], None]) -> dict[str, Any]:
    if store.engine.url.get_backend_name() == "sqlite":
        from bench.checkin_bench import run as checkin

        path = store.sqlite_path
        assert path is not None
        found = checkin(path, repeats, say=say)
        found["raw"] = found["raw_sqlite3"]
        for side in ("domain", "raw"):
            found[side]["median_ms"] = found[side]["p50_ms"]
    else:
        from bench.checkin_pg import run_pg

        found = run_pg(store, repeats, say=say)
    return {"checkin": {"ours": found["domain"], "raw": found["raw"],
                        "ratio_p50": found["ratio_p50"],
                        "ratio_p95": round(found["domain"]["p95_ms"]
                                           / max(found["raw"]["p95_ms"], 1e-6), 2),
                        "attendance_rows": found["attendance_rows"]}}


def pg_school(url: str, size: int, say: Callable[[str], None]) -> Store:
    """The school of ``size`` in its own database beside ``url``'s (built once)."""
    from sqlalchemy import create_engine, func, select, text
    from sqlalchemy.engine import make_url

    from frontdesk.store.models import Learner

    base = make_url(url)
    # bench_<the --db database>_<size>: two people benchmarking on one server
    # never share (or upgrade) each other's school
    name = f"bench_{base.database}_{label(size)}".replace(",", "")
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    store = open_store(base.set(database=name).render_as_string(hide_password=False))
    with store.read() as session:
        empty = session.scalar(select(func.count()).select_from(Learner)) == 0
    if empty:
        say(f"building a school of {size:,} learners in PostgreSQL database {name} …")
        start = time.perf_counter()
        build_fast_pg(store.url, size, say)
        say(f"built in {time.perf_counter() - start:.0f} s")
    return store


def run_scale(sizes: list[int], db: str | None, repeats: int, chosen: list[str],
              say: Callable[[str], None]) -> dict[int, dict[str, Any]]:
    results: dict[int, dict[str, Any]] = {}
    for size in sizes:
        found: dict[str, Any] = {}
        start = time.perf_counter()
        if db:
            store = pg_school(db, size, say)
        else:
            built = time.perf_counter()
            path = school(size, say)
            found["_build_s"] = round(time.perf_counter() - built, 1)
            store = open_store(path)
        try:
            if "reads" in chosen:
                say(f"… reads at {label(size)}")
                found.update(measure_reads(store, repeats))
            if "page" in chosen:
                say(f"… dashboard page at {label(size)}")
                found.update(measure_page(store, repeats))
            if "checkin" in chosen:
                say(f"… check-in at {label(size)}")
                if db:
                    found.update(measure_checkin(store, repeats * 10, say))
                else:
                    copy = scratch_copy(Path(store.engine.url.database or ""), "scale-checkin")
                    try:
                        found.update(measure_checkin(copy, repeats * 10, say))
                        say(f"… check-in window at {label(size)}")
                        found.update(measure_scan_painted(copy, repeats * 10))
                    finally:
                        copy.dispose()
                        for suffix in ("", "-wal", "-shm"):
                            Path(str(copy.sqlite_path) + suffix).unlink(missing_ok=True)
        finally:
            store.dispose()
        found["_seconds"] = round(time.perf_counter() - start, 1)
        results[size] = found
    return results


def tables(results: dict[int, dict[str, Any]], db: str | None) -> str:
    sizes = list(results)
    head = f"{'':26}" + "".join(f"{label(s):>12}" for s in sizes)
    out = [f"FrontDesk at scale on {'PostgreSQL' if db else 'SQLite'} "
           f"(ms; ratio = FrontDesk ÷ the same SQL through the driver, same run)"]
    names = sorted({k for r in results.values() for k in r if not k.startswith("_")},
                   key=lambda k: list(TARGETS).index(k) if k in TARGETS else 99)
    for name in names:
        out += ["", f"{name}  — target: {TARGETS.get(name, 'reported')}", head]
        rows: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
            ("p50", lambda m: m["ours"]["median_ms"]),
            ("p95", lambda m: m["ours"]["p95_ms"]),
            ("p99", lambda m: m["ours"]["p99_ms"]),
            ("raw p50", lambda m: m["raw"]["median_ms"]),
            ("raw p95", lambda m: m["raw"]["p95_ms"]),
            ("raw p99", lambda m: m["raw"]["p99_ms"]),
            ("ratio p50", lambda m: m["ratio_p50"]),
            ("ratio p95", lambda m: m["ratio_p95"]),
            ("attendance rows", lambda m: f"{m['attendance_rows']:,}"),
            ("burst answered", lambda m: m["burst"]),
        ]
        for row, get in rows:
            cells = []
            for size in sizes:
                try:
                    cells.append(f"{get(results[size][name])!s:>12}")
                except (KeyError, TypeError):
                    cells.append(f"{'':>12}")
            if any(c.strip() for c in cells):
                out.append(f"  {row:24}" + "".join(cells))
    if not db:
        out += ["", "school build (s, 0 = cached)" + "".join(
            f"{results[s].get('_build_s', ''):>12}" for s in sizes)]
    out += ["bench wall time (s)".ljust(26) + "".join(
        f"{results[s]['_seconds']:>12}" for s in sizes)]
    return "\n".join(out)


__all__ = ["SIZES", "TARGETS", "run_scale", "size_of", "tables"]

