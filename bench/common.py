"""Shared pieces of the benchmarks: the 100,000-learner school, timing, summaries."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from frontdesk.store.engine import Store, open_store

CACHE = Path(__file__).resolve().parent / ".cache"
LEARNERS = 100_000
# A Tuesday, 19:05 in Shenzhen: the evening rush.
BUILD_NOW = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)


def school(learners: int = LEARNERS, say: Callable[[str], None] = print) -> Path:
    """A cached demo school of ``learners``, built once (:func:`build_fast`):
    here about 35 s at 100,000 and 3 1/4 minutes of CPU at 1,000,000 (14
    minutes of wall time on the shared machine, twelve engineers on two cores)."""
    path = CACHE / f"school-{learners}.sqlite3"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        partial = path.with_suffix(".building")
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        say(f"building a demo school of {learners:,} learners (once) …")
        start = time.perf_counter()
        build_fast(partial, learners, say)
        partial.rename(path)
        say(f"built in {time.perf_counter() - start:.0f} s")
    return path


# Triggers that fire once per inserted row: during a bulk load their work is
# done once afterwards instead (the search indexes rebuilt, the attendance
# counts recounted), five to ten times faster at a million learners.
_INSERT_TRIGGERS = ("learner_fts_ai", "learner_key_ai", "attendance_counts_ai",
                    "enrollment_counts_ai")
_LOADED = ("learner", "enrollment", "lesson", "attendance", "ledger_entry")


def build_fast(path: Path, learners: int, say: Callable[[str], None] = print) -> None:
    """The demo school built in a new store at ``path`` as fast as SQLite
    goes: no journal, no syncing, the big tables' indexes and per-row
    triggers put back (exactly as the migrations made them) after the load."""
    import sqlite3

    from sqlalchemy import create_engine, event

    from frontdesk.demo.school import build_demo

    open_store(path).dispose()  # migrated, empty
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = DELETE")
    held = raw.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        f"(type = 'trigger' AND name IN ({', '.join(repr(n) for n in _INSERT_TRIGGERS)})) OR "
        f"(type = 'index' AND tbl_name IN ({', '.join(repr(t) for t in _LOADED)})))").fetchall()
    for kind, name, _sql in held:
        raw.execute(f"DROP {kind.upper()} {name}")
    raw.close()

    engine = create_engine(f"sqlite:///{path}")

    @event.listens_for(engine, "connect")
    def _fast(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144",
                       "temp_store = MEMORY", "locking_mode = EXCLUSIVE"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    from frontdesk.store import chain
    from frontdesk.store.engine import Store

    chain.install()
    start = time.perf_counter()
    build_demo(Store(f"sqlite:///{path}", engine), learners=learners, now=BUILD_NOW, seed=2026,
               progress=lambda m: say(f"  {m} ({time.perf_counter() - start:.0f} s)"))
    with engine.begin() as conn:
        say(f"  indexes, search keys, attendance counts ({time.perf_counter() - start:.0f} s)")
        for _kind, _name, sql in sorted(held, key=lambda h: h[0] != "index"):
            conn.exec_driver_sql(sql)
        after_bulk_load(conn)
    engine.dispose()
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.close()


def build_fast_pg(url: str, learners: int, say: Callable[[str], None] = print) -> None:
    """The demo school built in the empty PostgreSQL database at ``url``:
    rows sent by COPY (:mod:`frontdesk.demo.bulk`) with the triggers off for
    the session (session_replication_role = replica: the foreign keys and
    the attendance counts), the big tables' own indexes made after the load,
    the counts recounted once, then VACUUM ANALYZE."""
    from sqlalchemy import create_engine, event

    from frontdesk.demo.school import build_demo
    from frontdesk.store import chain
    from frontdesk.store.engine import Store

    open_store(url).dispose()  # migrated, empty
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _fast(dbapi_connection: Any, _record: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '512MB'")
        dbapi_connection.commit()

    tables = ", ".join(repr(t) for t in _LOADED)
    with engine.begin() as conn:
        held = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            f"AND tablename IN ({tables}) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint)").all()
        for name, _sql in held:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    chain.install()
    start = time.perf_counter()
    build_demo(Store(url, engine), learners=learners, now=BUILD_NOW, seed=2026,
               progress=lambda m: say(f"  {m} ({time.perf_counter() - start:.0f} s)"))
    with engine.begin() as conn:
        say(f"  indexes, attendance counts ({time.perf_counter() - start:.0f} s)")
        for _name, sql in held:
            conn.exec_driver_sql(sql)
        after_bulk_load(conn)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")
    engine.dispose()


def after_bulk_load(conn: Any) -> None:
    """What the per-row triggers would have done, done once for every row:
    the name indexes (FTS5 trigram, short search keys) and the attendance
    counts each enrollment keeps."""
    counts = _migration("0006_attendance_counts")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("ANALYZE")  # the planner learns the tables' new sizes
    conn.exec_driver_sql(counts.recount_sql(dialect=conn.dialect.name))
    if conn.dialect.name != "sqlite":
        return
    keys = _migration("0005_search_keys")
    conn.exec_driver_sql("INSERT INTO learner_fts(learner_fts) VALUES ('rebuild')")
    conn.exec_driver_sql("DELETE FROM learner_key")
    conn.exec_driver_sql("INSERT OR IGNORE INTO learner_key (key, learner_id) "
                         + keys._keys("l", "learner l, "))


def _migration(name: str) -> Any:
    import importlib.util

    folder = Path(__file__).resolve().parent.parent / "frontdesk/store/migrations/versions"
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", folder / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bench_store(path: Path | None, name: str, say: Callable[[str], None] = print) -> Store:
    """The store a writing benchmark works on: a private copy of the cached
    school, or the store at ``path`` with a demo school built in it if empty."""
    if path is None:
        return scratch_copy(school(LEARNERS, say), name)
    from sqlalchemy import func, select

    from frontdesk.store.models import Learner

    store = open_store(path)
    with store.read() as s:
        empty = s.scalar(select(func.count()).select_from(Learner)) == 0
    if empty:
        from frontdesk.demo.school import build_demo

        say(f"building a demo school of {LEARNERS:,} learners in {path} …")
        build_demo(store, learners=LEARNERS, now=BUILD_NOW, seed=2026)
    return store


def scratch_copy(path: Path, name: str) -> Store:
    """A private copy of a cached school, for benchmarks that write."""
    target = CACHE / f"scratch-{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(path, target)
    return open_store(target)


def summary(times_ms: list[float]) -> dict[str, float]:
    ordered = sorted(times_ms)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(pct(95), 3),
        "p99_ms": round(pct(99), 3),
        "max_ms": round(ordered[-1], 3),
    }


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def stderr(message: str) -> None:
    """Progress for a person watching; the numbers go to stdout."""
    print(message, file=sys.stderr, flush=True)


def main(run: Callable[..., dict[str, Any]], doc: str | None, *, repeats: int, store_help: str,
         ok: str = "meets_targets", argv: list[str] | None = None) -> int:
    """A benchmark's command line: ``--store`` and ``--repeats``, the result as
    JSON on stdout, exit status 1 when the result's ``ok`` key is false."""
    parser = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    parser.add_argument("--store", help=store_help)
    parser.add_argument("--repeats", type=int, default=repeats)
    args = parser.parse_args(argv)
    result = run(args.store, args.repeats, say=stderr)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result[ok] else 1
