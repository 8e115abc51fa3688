"""Importing sign-up files at and beyond a school's scale, time and memory.

On the 100,000-learner school:
- a 问卷星-shaped export (metadata columns, submission times, multiple-choice
  answers) of 10,000 and of 200,000 rows: preview and commit times, and the
  peak memory (resident set) of the process doing them (target < 300 MB);
- a 1,000,000-row CSV and a 1,000,000-empty-row .xlsx: how long until each is
  refused (target: a few seconds).

Each import runs in a fresh process on a fresh copy of the school, so one's
memory never counts against another's.

    python bench/import_bench.py [--store PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BUILD_NOW, school

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 200_000)
HUGE = 1_000_000
MEMORY_TARGET_MB = 300
HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的姓名：",
          "2、您的手机号码：", "3、您的性别：", "4、您的职业：", "5、您想报名的课程：",
          "6、紧急联系人电话："]


def signup_csv(path: Path, rows: int, titles: list[str]) -> Path:
    """A 问卷星 export of ``rows`` answers: names, phones, one or two courses."""
    rng = random.Random(17)
    surnames, given = "王李张刘陈杨黄赵吴周徐孙", "伟芳娜敏静丽强磊洋勇艳杰涛明超霞"
    jobs = ["会计", "电商运营", "牙医", "珠宝设计师", "工艺师", "财务", "待业"]
    start = dt.datetime(2026, 11, 20, 9, 0, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for i in range(rows):
            when = start + dt.timedelta(seconds=i * 3)
            courses = "┋".join(rng.sample(titles, rng.choice((1, 1, 2))))
            name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
            f.write(f"{i + 1},{when:%Y/%m/%d %H:%M:%S},{rng.randint(30, 300)}秒,微信,N/A,"
                    f"113.87.1.9(广东-深圳),{name},199{i:08d},{rng.choice('男女')},"
                    f"{rng.choice(jobs)},{courses},13800000000\r\n")
    return path


def empty_rows_xlsx(path: Path, rows: int) -> Path:
    """A workbook whose sheet holds a header and ``rows`` formatted, empty rows,
    as a careless template leaves it (written directly: openpyxl takes minutes)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
            '.worksheet+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="' + rel + '/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'))
        z.writestr("xl/workbook.xml", (
            f'<?xml version="1.0"?><workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        z.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="' + rel + '/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'))
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet xmlns="{ns}"><sheetData>'
                        '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'
                        .encode())
            for start in range(2, rows + 2, 10_000):
                sheet.write("".join(f'<row r="{n}"><c r="A{n}" s="1"/></row>'
                                    for n in range(start, min(start + 10_000, rows + 2)))
                            .encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def child(store_path: str, file: str) -> dict[str, Any]:
    """In a fresh process: preview, then commit, with times and peak memory."""
    from frontdesk.roster.importer import commit_import, preview_import
    from frontdesk.staff.actor import Actor
    from frontdesk.store.engine import open_store

    store = open_store(Path(store_path))
    result: dict[str, Any] = {"rss_before_mb": _peak_mb()}
    start = time.perf_counter()
    with store.read() as session:
        preview = preview_import(session, file)
    result["preview_s"] = round(time.perf_counter() - start, 2)
    result["peak_rss_after_preview_mb"] = _peak_mb()
    result["accepted"] = len(preview.accepted_rows)
    result["waiting"] = sum(1 for r in preview.rows if r.accepted and r.waitlisted)
    start = time.perf_counter()
    with store.write() as session:
        done = commit_import(session, preview, preview.accepted_rows, Actor(desk="bench"),
                             BUILD_NOW, 30)
    result["commit_s"] = round(time.perf_counter() - start, 2)
    result["peak_rss_after_commit_mb"] = _peak_mb()
    result["learners_added"] = done.learners_added
    result["enrollments_added"] = done.enrollments_added
    store.dispose()
    return result


def refusal(store_path: str, file: str) -> dict[str, Any]:
    """In a fresh process: how long a file far beyond scale takes to refuse."""
    from frontdesk.errors import DomainError
    from frontdesk.roster.importer import preview_import
    from frontdesk.store.engine import open_store

    store = open_store(Path(store_path))
    start = time.perf_counter()
    code, details = "accepted", {}
    try:
        with store.read() as session:
            preview_import(session, file)
    except DomainError as error:
        code, details = error.code, dict(error.details)
    store.dispose()
    return {"refused_s": round(time.perf_counter() - start, 2), "code": code, **details,
            "peak_rss_mb": _peak_mb()}


def _in_child(mode: str, store: Path, file: Path) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, "--child", mode, str(store), str(file)],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"the {mode} child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(store_path_or_none: str | Path | None, repeats: int = 1) -> dict[str, Any]:
    from sqlalchemy import select

    from frontdesk.store.engine import open_store
    from frontdesk.store.models import Course

    base = Path(store_path_or_none) if store_path_or_none else school()
    store = open_store(base)
    with store.read() as session:
        titles = list(session.scalars(select(Course.title).limit(40)))
    store.dispose()
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="frontdesk-import-") as folder:
        here = Path(folder)
        for rows in SIZES:
            copy = here / f"school-{rows}.sqlite3"
            shutil.copyfile(base, copy)
            source = signup_csv(here / f"问卷星-{rows}.csv", rows, titles)
            measured = _in_child("import", copy, source)
            measured["file_mb"] = round(source.stat().st_size / 2**20, 1)
            result[f"import_{rows}"] = measured
            copy.unlink()
        huge_csv = signup_csv(here / "huge.csv", HUGE, titles)
        result["refuse_1m_rows_csv"] = _in_child("refuse", base, huge_csv)
        result["refuse_1m_rows_csv"]["file_mb"] = round(huge_csv.stat().st_size / 2**20, 1)
        empty = empty_rows_xlsx(here / "empty.xlsx", HUGE)
        result["refuse_1m_empty_rows_xlsx"] = _in_child("refuse", base, empty)
        result["refuse_1m_empty_rows_xlsx"]["file_kb"] = round(empty.stat().st_size / 1024)
    peaks = [result[f"import_{n}"]["peak_rss_after_commit_mb"] for n in SIZES]
    result["memory_target_met"] = max(peaks) < MEMORY_TARGET_MB
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--store", help="a store to import into (default: the cached school)")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "STORE", "FILE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, store, file = args.child
        print(json.dumps(child(store, file) if mode == "import" else refusal(store, file)))
        return 0
    print(json.dumps(run(args.store), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
