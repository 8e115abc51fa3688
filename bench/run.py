"""FrontDesk's benchmarks over a synthetic 100,000-learner school, as one table.

    python bench/run.py                      # every benchmark
    python bench/run.py --only roster,checkin --repeats 100
    python bench/run.py --json results.json  # the numbers as JSON too
    python bench/run.py --scale 10k,100k,1m  # how each cost grows (bench/scale.py)
    python bench/run.py --scale 100k --db postgresql+psycopg://user@host/db

Each benchmark gets a private copy of the cached school (bench/.cache), so
one's writes never skew another. Timings are medians and p95/p99 in ms;
figures such as ratios against raw sqlite3 are listed below the timings.
A benchmark measures; it never fails a build.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import school, scratch_copy

# name: (module, writes to its store, default repeats: a 500-page certificate
# batch is seconds, a check-in is a millisecond)
BENCHES = {
    "roster": ("bench.roster_bench", False, 20),
    "checkin": ("bench.checkin_bench", True, 500),
    "checkin_gui": ("bench.checkin_gui_bench", True, 200),
    "fees": ("bench.fees_bench", True, 300),
    "certificates": ("bench.certificates_bench", True, 3),
    "reports": ("bench.reports_bench", True, 5),
    "import": ("bench.import_bench", True, 1),
    "startup": ("bench.startup_bench", False, 8),  # starts of each; each on its own copy
}
TIMING_KEYS = ("median_ms", "p50_ms")


def _timings(prefix: str, value: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(value, dict):
        if any(k in value for k in TIMING_KEYS):
            yield prefix, value
            return
        for key, inner in value.items():
            yield from _timings(f"{prefix}.{key}" if prefix else key, inner)


def _figures(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        if any(k in value for k in TIMING_KEYS):
            return
        for key, inner in value.items():
            yield from _figures(f"{prefix}.{key}" if prefix else key, inner)
    elif not isinstance(value, list):
        yield prefix, value


def table(results: dict[str, Any]) -> str:
    lines = [f"{'measure':58} {'n':>6} {'median':>9} {'p95':>9} {'p99':>9}  (ms)"]
    for name, numbers in _timings("", results):
        median = numbers.get("median_ms", numbers.get("p50_ms"))
        lines.append(f"{name:58} {numbers.get('n', ''):>6} {median:>9} "
                     f"{numbers.get('p95_ms', ''):>9} {numbers.get('p99_ms', ''):>9}")
    lines.append("")
    lines += [f"{name:58} {value}" for name, value in _figures("", results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated: " + ",".join(BENCHES))
    parser.add_argument("--repeats", type=int,
                        help="repeats for every chosen benchmark (default: each its own)")
    parser.add_argument("--json", help="also write the numbers to this file")
    parser.add_argument("--scale", help="school sizes, e.g. 10k,100k,1m: one table per "
                        "measure with size across the top (reads, page, checkin)")
    parser.add_argument("--db", help="with --scale: a PostgreSQL URL; each size is built "
                        "once in its own database beside it (bench_<db>_100k …)")
    args = parser.parse_args(argv)
    if args.scale or args.db:
        from bench.scale import run_scale, size_of, tables

        sizes = [size_of(s) for s in (args.scale or "100k").split(",")]
        measures = args.only.split(",") if args.only else ["reads", "page", "checkin"]
        found = run_scale(sizes, args.db, args.repeats or 20, measures,
                          lambda m: print(m, file=sys.stderr, flush=True))
        print(tables(found, args.db))
        if args.json:
            Path(args.json).write_text(json.dumps(found, indent=2, ensure_ascii=False,
                                                  default=str), encoding="utf-8")
        return 0
    chosen = args.only.split(",") if args.only else list(BENCHES)
    base = school()
    results: dict[str, Any] = {}
    for name in chosen:
        module_name, writes, repeats = BENCHES[name]
        module = importlib.import_module(module_name)
        path = base
        if writes:
            copy = scratch_copy(base, name)
            path = copy.sqlite_path or base
            copy.dispose()
        print(f"… {name}", file=sys.stderr, flush=True)
        start = time.perf_counter()
        results[name] = module.run(path, args.repeats or repeats)
        results[name]["bench_seconds"] = round(time.perf_counter() - start, 1)
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
