"""500 certificates for one course into one PDF, beside ReportLab alone.

Each repeat times the desk's whole batch on a fresh copy of the store, as
the window and the CLI run it: eligibility and the signed contents with
the serials foreseen (a short write), drawing the PDF beside its place
outside any transaction, then issuing the 500 serials and counting the
prints (a short write) and moving the file into place. In the same run,
the same 500 pages are drawn again from the contents already in memory,
with no database: the ratio says what the store, the rules and the
signatures add over ReportLab drawing the pages. The QR path cache is
emptied before every timed drawing, so neither side reuses the other's.

    python bench/certificates_bench.py [--store PATH] [--repeats N]

``run(store_path_or_none, repeats)`` is the entry point for bench/run.py.
Targets (issue 5): ratio aim ≤ 1.5×, whole batch ≤ 5 s.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select

from bench.common import BUILD_NOW as NOW
from bench.common import main
from frontdesk.certificates.design import style_for
from frontdesk.certificates.issue import (
    CertificateContent,
)
from frontdesk.demo.school import FOREIGN, GIVEN, MINORITY, RARE, SURNAMES
from frontdesk.documents import certificate as pdf
from frontdesk.documents import fonts
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store, open_store
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson
from frontdesk.text import pinyin_keys
from frontdesk.vocab import AttendanceStatus, CheckInMethod, EnrollmentStatus, FeeTier

COURSE_CODE = "BENCH500"
LEARNERS = 500
LESSONS = 8
TARGET_RATIO, TARGET_SECONDS = 1.5, 5.0
ACTOR = Actor(desk="bench")


def _names(n: int) -> list[str]:
    """Names as a school has them: mostly two or three characters, some rare or long."""
    rng = random.Random(2026)
    names = []
    for i in range(n):
        if i % 50 == 7:
            names.append(rng.choice(MINORITY + FOREIGN))
        elif i % 50 == 11:
            names.append(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(RARE))
        else:
            names.append(rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))))
    return names


def _add_course(store: Store, say: Any) -> None:
    """A free course with 500 learners who attended all 8 lessons (Core inserts)."""
    say(f"adding course {COURSE_CODE} with {LEARNERS} learners …")
    with store.write() as s:
        course_id = s.execute(insert(Course).returning(Course.id), [{
            "code": COURSE_CODE, "title": "AI+短视频拍摄与剪辑（周末班）", "category": "AI+短视频",
            "fee_tier": FeeTier.FREE, "market_price_fen": 0, "capacity": LEARNERS,
            "total_hours": 24, "completion_threshold_pct": 80, "excused_counts": False,
            "start_date": dt.date(2026, 10, 10), "end_date": dt.date(2026, 11, 29),
            "room": "A101", "description": "", "created_at": NOW}]).scalar_one()
        lessons = [NOW - dt.timedelta(days=7 * (w + 1)) for w in range(LESSONS)]
        lesson_ids = list(s.scalars(insert(Lesson).returning(Lesson.id), [
            {"course_id": course_id, "starts_at": t, "ends_at": t + dt.timedelta(hours=3),
             "room": "", "topic": "", "cancelled": False, "closed_at": None} for t in lessons]))
        learner_rows = []
        for i, name in enumerate(_names(LEARNERS)):
            full, initials = pinyin_keys(name)
            learner_rows.append({
                "code": f"B{i:06d}", "name": name, "phone": None, "phone_tail": None,
                "pinyin": full, "initials": initials, "card_version": 1,
                "created_at": NOW, "updated_at": NOW})
        learner_ids = list(s.scalars(insert(Learner).returning(Learner.id), learner_rows))
        s.execute(insert(Enrollment), [
            {"learner_id": lid, "course_id": course_id, "status": EnrollmentStatus.ENROLLED,
             "fee_due_fen": 0, "market_price_fen": 0, "created_at": NOW, "enrolled_at": NOW}
            for lid in learner_ids])
        s.execute(insert(Attendance), [
            {"lesson_id": lesson_id, "learner_id": lid, "enrollment_id": None,
             "status": AttendanceStatus.PRESENT, "method": CheckInMethod.SCANNER,
             "at": NOW, "recorded_at": NOW, "desk": "bench"}
            for lesson_id in lesson_ids for lid in learner_ids])


def _prepare(path: Path, say: Any) -> int:
    store = open_store(path)
    try:
        with store.read() as s:
            course_id = s.scalar(select(Course.id).where(Course.code == COURSE_CODE))
        if course_id is None:
            _add_course(store, say)
            with store.read() as s:
                course_id = s.scalar(select(Course.id).where(Course.code == COURSE_CODE))
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.dispose()
    assert course_id is not None
    return course_id


def _whole_batch(path: Path, course_id: int, out: Path) -> tuple[float, float, list[Any]]:
    """The desk's batch: prepare and sign (a short write), draw beside the file outside any
    transaction, issue and count the prints (a short write), move the file into place."""
    from frontdesk.certificates.handout import CertificateBatch, hand_out
    from frontdesk.documents.certificate_staging import Staged, stage_certificates

    store = open_store(path, upgrade=False)
    try:
        pdf._qr_path.cache_clear()
        with store.write() as s:
            signer = _signer(s)
            style = style_for(s)
        drawing: dict[str, Any] = {}

        def draw(batch: CertificateBatch) -> Staged:
            begun = time.perf_counter()
            staged = stage_certificates(out, batch.contents, style, per_learner=False)
            drawing["s"] = time.perf_counter() - begun
            drawing["items"] = list(batch.contents)
            return staged

        start = time.perf_counter()
        _, staged = hand_out(store, course_id, None, ACTOR, lambda: NOW, draw, signer,
                             discard=Staged.discard, unprintable=fonts.missing_characters)
        staged.publish()
        end = time.perf_counter()
    finally:
        store.dispose()
    return end - start, end - start - drawing["s"], [drawing["items"], style]


def _pages_alone(items: list[CertificateContent], style: Any, out: Path) -> float:
    pdf._qr_path.cache_clear()
    start = time.perf_counter()
    pdf.render_certificates(out, items, style)
    return time.perf_counter() - start


def run(store_path_or_none: str | Path | None, repeats: int = 3,
        say: Any = None) -> dict[str, Any]:
    """Time ``repeats`` whole batches and as many ReportLab-only drawings of the same pages."""
    say = say or (lambda _m: None)
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-") as tmp:
        work = Path(tmp)
        source = Path(store_path_or_none) if store_path_or_none else work / "school.sqlite3"
        course_id = _prepare(source, say)
        fonts.register_base_font()  # once per process, as in the app
        whole, in_store, alone = [], [], []
        for repeat in range(repeats + 1):  # the first round warms imports and caches
            copy = work / f"copy-{repeat}.sqlite3"
            shutil.copyfile(source, copy)
            total, store_part, (items, style) = _whole_batch(copy, course_id, work / "a.pdf")
            drawn = _pages_alone(items, style, work / "b.pdf")
            copy.unlink()
            if repeat:
                whole.append(total)
                in_store.append(store_part)
                alone.append(drawn)
                say(f"round {repeat}: batch {total:.2f} s, pages alone {drawn:.2f} s")
        size = (work / "a.pdf").stat().st_size
    batch_s, pages_s = statistics.median(whole), statistics.median(alone)
    return {
        "benchmark": "certificates", "pages": len(items), "repeats": repeats,
        "batch_s": round(batch_s, 3), "store_and_signing_s": round(statistics.median(in_store), 3),
        "reportlab_alone_s": round(pages_s, 3), "ratio": round(batch_s / pages_s, 2),
        # Best rounds: on a busy machine the least disturbed pair says most.
        "batch_best_s": round(min(whole), 3), "reportlab_alone_best_s": round(min(alone), 3),
        "ratio_best": round(min(whole) / min(alone), 2),
        "pages_per_s": round(len(items) / batch_s, 1), "pdf_bytes": size,
        "targets": {"ratio": TARGET_RATIO, "batch_s": TARGET_SECONDS},
        "meets_targets": batch_s <= TARGET_SECONDS and batch_s / pages_s <= TARGET_RATIO,
    }


def _signer(session):  # type: ignore[no-untyped-def]
    """The bench school's signing key (made, then opened, with the bench's passphrase)."""
    import datetime as dt

    from frontdesk.certificates.keys import unlock
    from frontdesk.staff.actor import Actor
    from frontdesk.vocab import StaffRole

    return unlock(session, "bench passphrase", Actor(desk="bench", role=StaffRole.ADMIN),
                  dt.datetime.now(dt.UTC))


if __name__ == "__main__":
    sys.exit(main(run, __doc__, repeats=3, store_help=f"a store to add course {COURSE_CODE} to "
                  "(once) and copy for each round; default: a fresh temporary store"))
