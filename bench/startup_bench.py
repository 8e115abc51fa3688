"""Start-up and idle memory at 100,000 learners, against a bare PySide6 window
measured in the same run (starts taken in turns, so a busy machine weighs on both).

- first paint: process start → the first window painted (FrontDesk: its main
  window's frame and page list, before the store is opened); target ≤ 3×;
- ready: process start → the store open, the main window shown and the
  dashboard's figures on screen (a bare window: its first paint);
- idle memory: resident memory 1.5 s after ready; target ≤ 2.5×.

The day's first start also takes the start-up backup (once ready): it is run
once before the measured starts and shown on its own line.

With FRONTDESK_FROZEN=path/to/FrontDesk/frontdesk (packaging/build_linux.sh)
the frozen program is started in the same turns, its figures read from the
log it writes.

    python bench/startup_bench.py [--repeats N]   (or: python bench/run.py --only startup)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import school, summary

HERE = Path(__file__).resolve().parent
FIRST_PAINT_TARGET = 3.0  # × a bare window
IDLE_MEMORY_TARGET = 2.5


def _child(mode: str, path: Path, home: Path) -> dict[str, float]:
    env = _env(home)
    # A desk runs FrontDesk installed (pip compiles its bytecode) or frozen (bytecode
    # inside): a checkout under PYTHONDONTWRITEBYTECODE would compile every module
    # from source at each start (about 0.5 s here), which no desk pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, str(HERE / "startup_child.py"), mode, str(path)],
                          env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"the {mode} start failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env(home: Path) -> dict[str, str]:
    shutil.rmtree(home, ignore_errors=True)  # each start a desk's first of the day
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home / "data"),
                XDG_CONFIG_HOME=str(home / "config"))


def _frozen_child(program: str, path: Path, home: Path) -> dict[str, float]:
    """One start of the frozen program; its log says when it painted, was ready, and its memory."""
    env = _env(home) | {"FRONTDESK_QUIT_AFTER_S": "1.5"}
    done = subprocess.run([program, "--db", str(path), "--lang", "zh_CN"], env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"the frozen start failed:\n{done.stderr[-3000:]}")
    log = (home / "data" / "FrontDesk" / "logs" / "frontdesk.log").read_text(encoding="utf-8")
    shown = re.search(r"windows shown (\d+) ms", log)
    ready = re.search(r"ready (\d+) ms", log)
    rss = re.search(r"resident memory ([\d.]+) MB", log)
    if shown is None or ready is None or rss is None:
        raise RuntimeError(f"the frozen program's log has no start-up figures:\n{log}")
    return {"paint_ms": float(shown[1]), "ready_ms": float(ready[1]), "rss_mb": float(rss[1])}


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _figures(name: str, runs: list[dict[str, float]]) -> dict[str, Any]:
    return {f"{name}.first_paint": summary([r["paint_ms"] for r in runs]),
            f"{name}.ready": summary([r["ready_ms"] for r in runs])}


def run(store_path_or_none: str | Path | None, repeats: int = 8) -> dict[str, Any]:
    """Each start a fresh process on a private copy of the school (the app backs
    its store up when it starts; those copies go with it)."""
    path = Path(store_path_or_none) if store_path_or_none else school()
    runs: dict[str, list[dict[str, float]]] = {"bare_window": [], "frontdesk": [], "frozen": []}
    program = os.environ.get("FRONTDESK_FROZEN")
    with tempfile.TemporaryDirectory(prefix="frontdesk-start-") as folder:
        copy = Path(folder) / "school.sqlite3"
        shutil.copyfile(path, copy)
        home = Path(folder) / "home"
        # The day's first start also backs the store up (after it is ready); the
        # starts measured are a desk's ordinary ones, after that one.
        first_of_day = _child("frontdesk", copy, home)
        for _ in range(max(3, repeats)):
            runs["bare_window"].append(_child("minimal", copy, home))
            runs["frontdesk"].append(_child("frontdesk", copy, home))
            if program:
                runs["frozen"].append(_frozen_child(program, copy, home))
    bare, ours = runs["bare_window"], runs["frontdesk"]
    result: dict[str, Any] = {}
    for name, found in runs.items():
        if found:
            result.update(_figures(name, found))
    paint = _median(ours, "paint_ms") / _median(bare, "paint_ms")
    memory = _median(ours, "rss_mb") / _median(bare, "rss_mb")
    result |= {
        "first_paint_ratio": f"{paint:.2f}× a bare window (target ≤ {FIRST_PAINT_TARGET}×)",
        "ready_ratio": f"{_median(ours, 'ready_ms') / _median(bare, 'ready_ms'):.2f}× "
                       "a bare window's first paint (no target)",
        "idle_rss_bare_window_mb": round(_median(bare, "rss_mb"), 1),
        "idle_rss_frontdesk_mb": round(_median(ours, "rss_mb"), 1),
        "idle_rss_ratio": f"{memory:.2f}× a bare window (target ≤ {IDLE_MEMORY_TARGET}×)",
        "idle_rss_frontdesk_max_mb": round(max(r["rss_mb"] for r in ours), 1),
        "first_start_of_the_day": (f"first paint {first_of_day['paint_ms']:.0f} ms, ready "
                                   f"{first_of_day['ready_ms']:.0f} ms, "
                                   f"{first_of_day['rss_mb']:.1f} MB while it backs up"),
    }
    if runs["frozen"]:
        frozen = runs["frozen"]
        frozen_paint = _median(frozen, "paint_ms") / _median(bare, "paint_ms")
        result |= {
            "frozen_first_paint_ratio": f"{frozen_paint:.2f}× a bare window",
            "idle_rss_frozen_mb": round(_median(frozen, "rss_mb"), 1),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="a store to measure (default: the cached 100k school)")
    parser.add_argument("--repeats", type=int, default=8, help="starts of each (default 8)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.store, args.repeats), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
