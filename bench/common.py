"""Shared pieces of the benchmarks: the 100,000-learner school, timing, summaries."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

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
        from frontdesk.domain.demo import build_demo

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
