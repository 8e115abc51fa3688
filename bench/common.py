"""Shared pieces of the benchmarks: the 100,000-learner school, timing, summaries."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from frontdesk.store.engine import Store, open_store

CACHE = Path(__file__).resolve().parent / ".cache"
LEARNERS = 100_000
# A Tuesday, 19:05 in Shenzhen: the evening rush.
BUILD_NOW = dt.datetime(2026, 12, 1, 11, 5, tzinfo=dt.UTC)


def school(learners: int = LEARNERS, say: Callable[[str], None] = print) -> Path:
    """A cached demo school of ``learners`` (built once; bulk inserts, the name
    indexes filled after: about 30 s at 100,000, a few minutes at 1,000,000)."""
    path = CACHE / f"school-{learners}.sqlite3"
    if not path.exists():
        from frontdesk.demo.school import build_demo

        CACHE.mkdir(exist_ok=True)
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        say(f"building a demo school of {learners:,} learners (once) …")
        start = time.perf_counter()
        store = open_store(partial)
        with _name_indexes_built_after(store):
            build_demo(store, learners=learners, now=BUILD_NOW, seed=2026)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.dispose()
        partial.rename(path)
        say(f"built in {time.perf_counter() - start:.0f} s")
    return path


_INSERT_TRIGGERS = ("learner_fts_ai", "learner_key_ai")


@contextlib.contextmanager
def _name_indexes_built_after(store: Store) -> Iterator[None]:
    """Fill the name indexes (FTS5 trigram, short search keys) once after a
    bulk load instead of a trigger per learner: five times faster at a
    million. The triggers are put back exactly as the migrations made them."""
    with store.engine.begin() as conn:
        saved = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join(repr(n) for n in _INSERT_TRIGGERS)})").all()
        for name, _sql in saved:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        keys = _migration("0006_search_keys")
        with store.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO learner_fts(learner_fts) VALUES ('rebuild')")
            conn.exec_driver_sql("DELETE FROM learner_key")
            conn.exec_driver_sql("INSERT OR IGNORE INTO learner_key (key, learner_id) "
                                 + keys._keys("l", "learner l, "))
            for _name, sql in saved:
                conn.exec_driver_sql(sql)


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
