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
    """A cached demo school of ``learners`` (built once, ~25 s at 100,000)."""
    path = CACHE / f"school-{learners}.sqlite3"
    if not path.exists():
        from frontdesk.demo.school import build_demo

        CACHE.mkdir(exist_ok=True)
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        say(f"building a demo school of {learners:,} learners (once) …")
        store = open_store(partial)
        build_demo(store, learners=learners, now=BUILD_NOW, seed=2026)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        store.dispose()
        partial.rename(path)
    return path


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
