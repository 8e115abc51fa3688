"""The foundation at school scale: search, the roster window, import, start-up.

At 100,000 learners:
- search per keystroke: the domain query beside the same SQL through raw
  sqlite3 in the same run (target p95 ≤ 16 ms and ≤ 1.5× raw), and
  in the roster window (model reset + paint);
- opening the roster window (target ≤ 500 ms);
- importing 10,000 rows, preview and commit (target ≤ 5 s);
- (start-up and idle memory have their own bench: bench/startup_bench.py).

    python bench/roster_bench.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUILD_NOW, school, scratch_copy, summary, timed
from frontdesk.roster.search import search_learners, search_query
from frontdesk.store.engine import open_store

# What a clerk types, key by key: pinyin, initials, Chinese, phone digits.
TYPING = ["w", "wa", "wan", "wang", "wangx", "wx", "z", "zh", "zhan", "王", "王小", "小明",
          "欧阳", "古丽·买", "1", "13", "138", "1381", "5678", "05678", "l", "li", "lix"]
HERE = Path(__file__).resolve().parent


def _raw_sql(engine: Any, query: str) -> tuple[str, list[Any]]:
    from sqlalchemy.dialects import sqlite

    statement = search_query(query, "sqlite")
    assert statement is not None
    compiled = statement.compile(dialect=sqlite.dialect())
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    return str(compiled), params


def bench_search(path: Path, repeats: int) -> dict[str, Any]:
    store = open_store(path)
    raw = sqlite3.connect(path)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeats):
        for query in TYPING:
            sql, params = _raw_sql(store.engine, query)
            theirs.append(timed(lambda s=sql, p=params: raw.execute(s, p).fetchall()))
            with store.read() as session:
                ours.append(timed(lambda q=query, s=session: search_learners(s, q)))
    raw.close()
    store.dispose()
    mine, base = summary(ours), summary(theirs)
    return {
        "search_query": mine,
        "search_raw_sqlite3": base,
        "search_ratio_median": round(mine["median_ms"] / max(base["median_ms"], 1e-6), 2),
        "search_ratio_p95": round(mine["p95_ms"] / max(base["p95_ms"], 1e-6), 2),
        "search_targets": "p95 ≤ 16 ms and ≤ 1.5× raw sqlite3 (issue 16)",
        "search_target_met": mine["p95_ms"] <= 16 and mine["p95_ms"] <= 1.5 * base["p95_ms"],
    }


def bench_window(path: Path, repeats: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.kit.context import DeskContext
    from ui.roster.page import RosterPage
    from ui.shell.app import make_app

    app = make_app()
    store = open_store(path)
    ctx = DeskContext(store, clock=lambda: BUILD_NOW)
    opens: list[float] = []
    keys: list[float] = []
    for _ in range(max(3, repeats // 2)):
        start = time.perf_counter()
        page = RosterPage(ctx)
        page.resize(1200, 760)
        page.show()
        app.processEvents()
        page.table.viewport().repaint()
        opens.append((time.perf_counter() - start) * 1000)
        for query in TYPING:
            def key(q: str = query, p: RosterPage = page) -> None:
                p.model.set_query(q)
                p.table.viewport().repaint()

            keys.append(timed(key))
        page.close()
        page.deleteLater()
        app.processEvents()
    store.dispose()
    return {"roster_open": summary(opens), "search_keystroke_in_window": summary(keys)}


def _import_file(folder: Path, rows: int, course_codes: list[str]) -> Path:
    rng = random.Random(10)
    path = folder / "报名表.csv"
    lines = ["姓名,手机号码,性别,职业,报名课程"]
    surnames, given = "王李张刘陈杨黄赵吴周徐孙", "伟芳娜敏静丽强磊洋勇艳杰涛明超霞"
    for i in range(rows):
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        phone = f"199{i:08d}"
        course = rng.choice(course_codes) if i % 2 else ""
        lines.append(f"{name},{phone},{rng.choice('男女')},电商,{course}")
    path.write_text("\n".join(lines), encoding="utf-8-sig")
    return path


def bench_import(path: Path, rows: int = 10_000) -> dict[str, Any]:
    from frontdesk.roster.importer import commit_import, preview_import
    from frontdesk.staff.actor import Actor

    store = scratch_copy(path, "import")
    with store.read() as session:
        codes = [c for (c,) in session.execute(
            __import__("sqlalchemy").text("SELECT code FROM course LIMIT 40"))]
    with tempfile.TemporaryDirectory() as folder:
        source = _import_file(Path(folder), rows, codes)
        start = time.perf_counter()
        with store.read() as session:
            preview = preview_import(session, source)
        preview_s = time.perf_counter() - start
        accepted = [r.row for r in preview.rows if r.accepted]
        start = time.perf_counter()
        with store.write() as session:
            result = commit_import(session, preview, accepted, Actor(desk="bench"), BUILD_NOW, 30)
        commit_s = time.perf_counter() - start
    store.dispose()
    return {"import_rows": rows, "import_accepted": len(accepted),
            "import_learners_added": result.learners_added,
            "import_preview_s": round(preview_s, 2), "import_commit_s": round(commit_s, 2),
            "import_total_s": round(preview_s + commit_s, 2)}


def run(store_path_or_none: str | Path | None, repeats: int = 20) -> dict[str, Any]:
    path = Path(store_path_or_none) if store_path_or_none else school()
    result: dict[str, Any] = {}
    result.update(bench_search(path, repeats))
    result.update(bench_window(path, repeats))
    result.update(bench_import(path))
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", help="a store to measure (default: the cached 100k school)")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.store, args.repeats), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
