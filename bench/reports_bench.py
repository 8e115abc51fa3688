"""Reports at school scale: the dashboard, the funder report, a course's grid.

At the 100,000-learner demo school topped up to 1,000,000 attendance rows
(a finished earlier term of the same courses, closed, with certificates,
outcomes and a ledger), each measured action is timed whole:

* the dashboard: tonight's lessons, fees taken today, waiting lists and the
  figures of the year (attendance per course and week, enrollments against
  capacity, free vs inclusive, subsidy, outcomes), in one read session;
* the funder report for a year, from the store to PDF bytes (and to .xlsx);
* the learner × lesson attendance grid of a 30-learner, 16-lesson course.

    python bench/reports_bench.py [--store PATH] [--repeats N]

``run(store_path_or_none, repeats)`` is the entry point for bench/run.py.
Without a path it builds (once, cached in bench/.cache) a topped-up copy of
bench/common.py's school; a given store is only read. Targets (issue 7):
dashboard ≤ 1 s, funder report for a year ≤ 3 s, course grid ≤ 100 ms.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select

from bench.common import BUILD_NOW, CACHE, LEARNERS, main, school, scratch_copy, summary
from frontdesk.store.engine import Store, open_store

TARGET_DASHBOARD_MS, TARGET_FUNDER_MS, TARGET_GRID_MS = 1000.0, 3000.0, 100.0
TARGET_AT_RISK_MS = 300.0  # the whole school's call list (issue 16)
ATTENDANCE_ROWS = 1_000_000
TERM_WEEKS = 13  # the earlier term starts this many weeks before the current one
GRID_COURSE = "G0001"


def _prepared_path(say: Any) -> Path:
    """The cached school topped up for reports (built once, under a minute here)."""
    path = CACHE / f"reports-{LEARNERS}.sqlite3"
    if path.exists():
        return path
    store = scratch_copy(school(LEARNERS, say), "reports-build")
    try:
        top_up(store, say)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.dispose()
    built = CACHE / "scratch-reports-build.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(built) + suffix).unlink(missing_ok=True)
    built.rename(path)
    return path


def top_up(store: Store, say: Any, target_rows: int = ATTENDANCE_ROWS) -> None:
    """Add a ledger, an earlier finished term (closed lessons, certificates,
    outcomes) up to ``target_rows`` attendance rows, and a 30 × 16 course."""
    from frontdesk.demo.fees import add_demo_payments
    from frontdesk.settings import load_settings
    from frontdesk.store.models import Attendance, LedgerEntry

    rng = random.Random(7)
    with store.write() as s:
        if not s.scalar(select(func.count()).select_from(LedgerEntry)):
            say("adding a term of payments …")
            add_demo_payments(s, rng, BUILD_NOW, load_settings(s))
        have = s.scalar(select(func.count()).select_from(Attendance)) or 0
        say(f"adding an earlier term: {have:,} attendance rows now, {target_rows:,} wanted …")
        _earlier_term(s, rng, target_rows - have)
        _add_grid_course(s, rng)


def _earlier_term(s: Any, rng: random.Random, wanted: int) -> None:
    from frontdesk.store.models import Course, Enrollment, Lesson
    from frontdesk.vocab import EnrollmentStatus

    shift = dt.timedelta(weeks=TERM_WEEKS)
    courses = s.execute(select(Course).order_by(Course.id)).scalars().all()
    lessons = s.execute(select(Lesson.course_id, Lesson.starts_at, Lesson.ends_at,
                               Lesson.room)).all()
    by_course: dict[int, list[Any]] = {}
    for row in lessons:
        by_course.setdefault(row[0], []).append(row)
    seated: dict[int, list[int]] = {}
    for cid, lid in s.execute(select(Enrollment.course_id, Enrollment.learner_id).where(
            Enrollment.status == EnrollmentStatus.ENROLLED)):
        seated.setdefault(cid, []).append(lid)
    budget = wanted
    for course in courses:
        if budget <= 0:
            break
        people = [(lid + LEARNERS // 2 - 1) % LEARNERS + 1 for lid in seated.get(course.id, [])]
        budget -= _copy_course(s, rng, course, by_course.get(course.id, []), people, shift)


def _copy_course(s: Any, rng: random.Random, course: Any, lessons: list[Any],
                 people: list[int], shift: dt.timedelta) -> int:
    """The course run one term earlier with other learners; returns attendance rows."""
    from frontdesk.store.models import Attendance, Course, Enrollment, Lesson
    from frontdesk.vocab import AttendanceStatus, CheckInMethod, EnrollmentStatus

    cid = s.execute(insert(Course).returning(Course.id), [{
        "code": "P" + course.code[1:], "title": course.title + "（上期）",
        "category": course.category, "instructor_id": course.instructor_id,
        "fee_tier": course.fee_tier, "market_price_fen": course.market_price_fen,
        "capacity": course.capacity, "total_hours": course.total_hours,
        "completion_threshold_pct": 80, "excused_counts": False,
        "start_date": course.start_date - shift, "end_date": course.end_date - shift,
        "room": course.room, "description": "", "created_at": BUILD_NOW - shift}]).scalar_one()
    fee = course.market_price_fen * 30 // 100
    start = BUILD_NOW - shift - dt.timedelta(days=40)
    s.execute(insert(Enrollment), [{
        "learner_id": lid, "course_id": cid, "status": EnrollmentStatus.ENROLLED,
        "fee_due_fen": fee, "market_price_fen": course.market_price_fen, "created_at": start,
        "enrolled_at": start, "source": "import"} for lid in people])
    lesson_ids = list(s.scalars(insert(Lesson).returning(Lesson.id), [{
        "course_id": cid, "starts_at": starts - shift, "ends_at": ends - shift, "room": room,
        "topic": "", "cancelled": False, "closed_at": ends - shift + dt.timedelta(minutes=30)}
        for _c, starts, ends, room in lessons]))
    rows = []
    for lesson_id, (_c, starts, _e, _r) in zip(lesson_ids, lessons, strict=True):
        for lid in people:
            roll = rng.random()
            status = (AttendanceStatus.ABSENT if roll < 0.08 else AttendanceStatus.PRESENT
                      if roll < 0.88 else AttendanceStatus.LATE if roll < 0.96
                      else AttendanceStatus.EXCUSED)
            at = starts - shift + dt.timedelta(minutes=rng.randint(-20, 30))
            rows.append({"lesson_id": lesson_id, "learner_id": lid, "enrollment_id": None,
                         "status": status, "method": CheckInMethod.DESK if status in (
                             AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED)
                         else CheckInMethod.SCANNER, "at": at, "recorded_at": at,
                         "desk": "demo"})
    if rows:
        s.execute(insert(Attendance), rows)
    _certificates_and_outcomes(s, rng, cid, course.title, people, lesson_ids, rows, shift)
    return len(rows)


def _certificates_and_outcomes(s: Any, rng: random.Random, cid: int, title: str,
                               people: list[int], lesson_ids: list[int],
                               rows: list[dict[str, Any]], shift: dt.timedelta) -> None:
    from frontdesk.store.models import Certificate, Enrollment, Learner, Outcome
    from frontdesk.vocab import AttendanceStatus, OutcomeKind

    came: dict[int, int] = {}
    for r in rows:
        if r["status"] in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
            came[r["learner_id"]] = came.get(r["learner_id"], 0) + 1
    needs = (len(lesson_ids) * 80 + 99) // 100
    ids = dict(s.execute(select(Enrollment.learner_id, Enrollment.id).where(
        Enrollment.course_id == cid)).all())
    names = dict(s.execute(select(Learner.id, Learner.name).where(
        Learner.id.in_(people))).all())
    issued = BUILD_NOW - shift + dt.timedelta(weeks=6)
    certs = [{"enrollment_id": ids[lid], "serial": f"SB-P{cid:05d}-{lid:06d}",
              "issued_at": issued, "print_count": 1, "learner_name": names[lid],
              "course_title": title} for lid in people if came.get(lid, 0) >= needs]
    if certs:
        s.execute(insert(Certificate), certs)
    kinds = [OutcomeKind.JOB] * 10 + [OutcomeKind.BUSINESS] * 3 + [OutcomeKind.STUDY] * 12 \
        + [OutcomeKind.NO_CHANGE] * 50 + [OutcomeKind.UNREACHABLE] * 25
    outcomes = [{"learner_id": lid, "course_id": cid, "kind": rng.choice(kinds), "note": "",
                 "recorded_at": issued + dt.timedelta(days=rng.randint(20, 60))}
                for lid in people if rng.random() < 0.4]
    if outcomes:
        s.execute(insert(Outcome), outcomes)


def _add_grid_course(s: Any, rng: random.Random) -> None:
    """A course of 30 learners and 16 lessons, 12 held, for the grid."""
    from frontdesk.store.models import Attendance, Course, Enrollment, Lesson
    from frontdesk.vocab import AttendanceStatus, CheckInMethod, EnrollmentStatus, FeeTier

    cid = s.execute(insert(Course).returning(Course.id), [{
        "code": GRID_COURSE, "title": "AI+短视频拍摄与剪辑（网格班）", "category": "AI+短视频",
        "fee_tier": FeeTier.FREE, "market_price_fen": 0, "capacity": 30, "total_hours": 32,
        "completion_threshold_pct": 80, "excused_counts": False, "room": "A101",
        "description": "", "created_at": BUILD_NOW}]).scalar_one()
    people = rng.sample(range(1, LEARNERS + 1), 30)
    s.execute(insert(Enrollment), [{
        "learner_id": lid, "course_id": cid, "status": EnrollmentStatus.ENROLLED,
        "fee_due_fen": 0, "market_price_fen": 0, "created_at": BUILD_NOW,
        "enrolled_at": BUILD_NOW - dt.timedelta(weeks=7), "source": "desk"} for lid in people])
    first = BUILD_NOW - dt.timedelta(weeks=6, minutes=5)
    starts = [first + dt.timedelta(days=3 * k) for k in range(16)]
    lesson_ids = list(s.scalars(insert(Lesson).returning(Lesson.id), [{
        "course_id": cid, "starts_at": t, "ends_at": t + dt.timedelta(hours=2), "room": "",
        "topic": "", "cancelled": False, "closed_at": None} for t in starts]))
    s.execute(insert(Attendance), [{
        "lesson_id": lesson_id, "learner_id": lid, "enrollment_id": None,
        "status": rng.choice((AttendanceStatus.PRESENT,) * 8 + (AttendanceStatus.LATE,
                                                                  AttendanceStatus.EXCUSED)),
        "method": CheckInMethod.SCANNER, "at": t, "recorded_at": t, "desk": "demo"}
        for lesson_id, t in zip(lesson_ids, starts, strict=True) if t < BUILD_NOW
        for lid in people if rng.random() < 0.9])


# Measuring -----------------------------------------------------------------------


def _timed(fn: Any) -> tuple[float, float, Any]:
    """(wall ms, CPU ms of this process, result): on a shared machine the
    CPU time says what the code costs, the wall time what a desk would wait."""
    import time

    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, result)


def _grid_course_id(store: Store) -> int:
    from frontdesk.store.models import Course, Lesson

    with store.read() as s:
        found = s.scalar(select(Course.id).where(Course.code == GRID_COURSE))
        if found is None:  # another store: its course with the most lessons
            found = s.scalar(select(Lesson.course_id).group_by(Lesson.course_id)
                             .order_by(func.count().desc()).limit(1))
    assert found is not None
    return found


def _measure(store: Store, repeats: int, say: Any) -> dict[str, Any]:
    import zoneinfo

    from frontdesk.documents.report_pdf import funder_pdf
    from frontdesk.documents.report_xlsx import write_funder_xlsx
    from frontdesk.reports.at_risk import at_risk
    from frontdesk.reports.attendance_grid import course_grid
    from frontdesk.reports.dashboard import current_term, dashboard, tonight_summary
    from frontdesk.reports.funder import funder_report
    from frontdesk.reports.term import DateRange

    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    at = BUILD_NOW
    with store.read() as s:
        term = current_term(s, at, tz)
    today = at.astimezone(tz).date()
    year = DateRange(today.replace(year=today.year - 1) + dt.timedelta(days=1), today)
    grid_id = _grid_course_id(store)

    def board(period: DateRange) -> Any:
        with store.read() as s:
            return dashboard(s, at, tz, period)

    def tonight() -> Any:
        with store.read() as s:
            return tonight_summary(s, at, tz)

    def funder_to_pdf() -> bytes:
        with store.read() as s:
            report = funder_report(s, year, at, tz)
        return funder_pdf(report, printed_at=at)

    def funder_to_xlsx() -> int:
        with store.read() as s:
            report = funder_report(s, year, at, tz)
        buffer = io.BytesIO()
        write_funder_xlsx(report, buffer)
        return len(buffer.getvalue())

    def grid() -> Any:
        with store.read() as s:
            return course_grid(s, grid_id, at)

    def risk() -> Any:
        with store.read() as s:
            return at_risk(s, at)

    cases = {"dashboard_term": lambda: board(term), "dashboard_year": lambda: board(year),
             "tonight": tonight, "funder_year_pdf": funder_to_pdf,
             "funder_year_xlsx": funder_to_xlsx, "course_grid": grid, "at_risk_school": risk}
    results: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for name, fn in cases.items():
        _timed(fn)  # warm: imports, fonts, statement caches
        walls, cpus = [], []
        rounds = repeats * (10 if name in ("course_grid", "tonight") else 1)
        for _ in range(rounds):
            wall, cpu, value = _timed(fn)
            walls.append(wall)
            cpus.append(cpu)
        results[name] = {**summary(walls), "cpu_median_ms": round(sorted(cpus)[len(cpus) // 2],
                                                                  1)}
        facts[name] = _fact(name, value)
        say(f"{name}: median {results[name]['median_ms']:.0f} ms wall, "
            f"{results[name]['cpu_median_ms']:.0f} ms CPU — {facts[name]}")
    results["facts"] = facts
    results["ranges"] = {"term": [term.start.isoformat(), term.end.isoformat()],
                         "year": [year.start.isoformat(), year.end.isoformat()]}
    return results


def _fact(name: str, value: Any) -> str:
    if name.startswith("dashboard"):
        t = value.term.totals
        return (f"{t.courses} courses, {t.lessons} lessons, {t.attended:,} attendances, "
                f"{len(value.tonight.lessons)} lessons tonight")
    if name == "funder_year_pdf":
        return f"{len(value):,} PDF bytes"
    if name == "funder_year_xlsx":
        return f"{value:,} xlsx bytes"
    if name == "course_grid":
        return f"{len(value.rows)} learners × {len(value.lessons)} lessons"
    if name == "at_risk_school":
        return f"{len(value):,} learners at risk"
    return f"{len(value.lessons)} lessons tonight"


def run(store_path_or_none: str | Path | None, repeats: int = 5,
        say: Any = None) -> dict[str, Any]:
    """Time the dashboard, the year's funder report and a course grid ``repeats`` times."""
    from frontdesk.store.models import Attendance

    say = say or (lambda _m: None)
    path = Path(store_path_or_none) if store_path_or_none else _prepared_path(say)
    store = open_store(path)
    try:
        with store.read() as s:
            rows = s.scalar(select(func.count()).select_from(Attendance)) or 0
        results = _measure(store, repeats, say)
    finally:
        store.dispose()
    met = (results["dashboard_term"]["median_ms"] <= TARGET_DASHBOARD_MS
           and results["funder_year_pdf"]["median_ms"] <= TARGET_FUNDER_MS
           and results["course_grid"]["median_ms"] <= TARGET_GRID_MS
           and results["at_risk_school"]["median_ms"] <= TARGET_AT_RISK_MS)
    return {"benchmark": "reports", "store": str(path), "attendance_rows": rows,
            "repeats": repeats, **results,
            "targets": {"dashboard_ms": TARGET_DASHBOARD_MS, "funder_year_ms": TARGET_FUNDER_MS,
                        "course_grid_ms": TARGET_GRID_MS, "at_risk_ms": TARGET_AT_RISK_MS},
            "meets_targets": met}


if __name__ == "__main__":
    sys.exit(main(run, __doc__, repeats=5,
                  store_help="a store to read (default: the cached topped-up school)"))
