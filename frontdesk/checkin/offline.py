"""A door desk that keeps checking in when the store's server goes away.

A desk on a PostgreSQL store keeps two small SQLite files of its own in its
data folder:

* the **snapshot**: what check-in needs for the next 24 hours — those
  lessons, the enrollments of their courses, the learners' codes, names and
  card versions, who is already checked in, the card secret and the
  check-in settings. It is refreshed every minute while the store answers
  and replaced whole (written beside, then renamed), so a crash never
  leaves half of one;
* the **outbox**: every scan recorded while the store could not be reached,
  under an id the desk makes, with the scan's own time, written with
  ``synchronous=FULL`` before the clerk sees the answer.

Offline, a scan is verified locally (signature and card version) and
answered with the usual outcomes from the snapshot and the outbox. When the
store answers again the outbox uploads in order through the same check-in
as a live scan (:func:`frontdesk.checkin.scan.check_in`), marked with its
offline id: the store refuses a second row for one id, so a retry or a
crash mid-upload never records a scan twice. A learner who came through
another door meanwhile keeps one row, the earlier. Outcomes the store sees
differently (a card replaced, a seat given away during the outage) come
back as differences for the clerk; none is dropped.

Payments, enrollments, certificates and staff changes need the store: the
windows refuse them offline (``needs_server``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.checkin.attendance import live_row, status_for, void_row
from frontdesk.checkin.resolve import LessonRef
from frontdesk.checkin.scan import (
    CheckInContext,
    CheckInResult,
    OfflineMark,
    Outcome,
    check_in,
)
from frontdesk.checkin.tokens import ParsedToken, TokenProblem, normalise_scan, parse_token
from frontdesk.settings import load_settings, school_secret
from frontdesk.staff import audit
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Attendance, Course, Enrollment, Learner, Lesson
from frontdesk.vocab import ARRIVED, SEATED, AttendanceStatus, CheckInMethod, EnrollmentStatus

AHEAD = dt.timedelta(hours=24)
BEHIND = dt.timedelta(hours=12)  # lessons still running (none is longer)
REFRESH_EVERY = dt.timedelta(minutes=1)

_SNAPSHOT_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE lesson (id INTEGER PRIMARY KEY, course_id INTEGER NOT NULL, course_title TEXT NOT NULL,
                     room TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL);
CREATE TABLE enrollment (id INTEGER PRIMARY KEY, learner_id INTEGER NOT NULL,
                         course_id INTEGER NOT NULL, status TEXT NOT NULL);
CREATE INDEX enrollment_learner ON enrollment (learner_id);
CREATE TABLE learner (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                      card_version INTEGER NOT NULL, card_replaced_at TEXT);
CREATE TABLE arrived (lesson_id INTEGER NOT NULL, learner_id INTEGER NOT NULL, at TEXT NOT NULL,
                      PRIMARY KEY (lesson_id, learner_id));
"""

_OUTBOX_SCHEMA = """
CREATE TABLE IF NOT EXISTS scan (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    scan TEXT NOT NULL,
    at TEXT NOT NULL,
    lesson_id INTEGER NOT NULL,
    learner_id INTEGER NOT NULL,
    desk TEXT NOT NULL,
    staff_id INTEGER,
    uploaded_at TEXT,
    outcome TEXT
);
"""


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat()


def _time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


# The snapshot ------------------------------------------------------------------------


def take_snapshot(session: Session, path: Path, now: dt.datetime) -> int:
    """Write what check-in needs for the next 24 hours to ``path`` (replaced whole).

    Returns the number of lessons in it. Reads only; the card secret comes
    with it, so the file lives in the desk's own data folder.
    """
    settings = load_settings(session)
    secret = school_secret(session)
    lessons = session.execute(
        select(Lesson.id, Lesson.course_id, Course.title, Lesson.room, Lesson.starts_at,
               Lesson.ends_at)
        .join(Course, Course.id == Lesson.course_id)
        .where(Lesson.starts_at < now + AHEAD, Lesson.ends_at > now - BEHIND,
               Lesson.cancelled.is_(False))
    ).all()
    course_ids = sorted({row[1] for row in lessons})
    lesson_ids = [row[0] for row in lessons]
    enrollments = session.execute(
        select(Enrollment.id, Enrollment.learner_id, Enrollment.course_id, Enrollment.status)
        .where(Enrollment.course_id.in_(course_ids))
    ).all() if course_ids else []
    learner_ids = sorted({row[1] for row in enrollments})
    learners = session.execute(
        select(Learner.id, Learner.code, Learner.name, Learner.card_version,
               Learner.card_replaced_at)
        .where(Learner.id.in_(learner_ids), Learner.anonymised_at.is_(None))
    ).all() if learner_ids else []
    arrived = session.execute(
        select(Attendance.lesson_id, Attendance.learner_id, Attendance.at)
        .where(Attendance.lesson_id.in_(lesson_ids), Attendance.voided_at.is_(None),
               Attendance.status.in_(ARRIVED))
    ).all() if lesson_ids else []
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(partial)) as db:
        db.executescript(_SNAPSHOT_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("taken_at", _iso(now)), ("secret", secret.hex()),
            ("opens_min", str(settings.checkin_opens_min)),
            ("late_after_min", str(settings.late_after_min)), ("timezone", settings.timezone)])
        db.executemany("INSERT INTO lesson VALUES (?, ?, ?, ?, ?, ?)", [
            (r[0], r[1], r[2], r[3] or "", _iso(r[4]), _iso(r[5])) for r in lessons])
        db.executemany("INSERT INTO enrollment VALUES (?, ?, ?, ?)", [
            (r[0], r[1], r[2], EnrollmentStatus(r[3]).value) for r in enrollments])
        db.executemany("INSERT INTO learner VALUES (?, ?, ?, ?, ?)", [
            (r[0], r[1], r[2], r[3], _iso(r[4]) if r[4] else None) for r in learners])
        db.executemany("INSERT OR IGNORE INTO arrived VALUES (?, ?, ?)", [
            (r[0], r[1], _iso(r[2])) for r in arrived])
        db.commit()
        db.execute("PRAGMA synchronous=FULL")
    os.replace(partial, path)
    return len(lessons)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A snapshot file opened for reading (one connection, kept while it is used)."""

    path: Path
    taken_at: dt.datetime
    context: CheckInContext
    db: sqlite3.Connection

    @classmethod
    def open(cls, path: Path) -> Snapshot | None:
        """The snapshot at ``path``, or None when there is none (or it cannot be read)."""
        if not path.is_file():
            return None
        db = _read_only(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.DatabaseError:
            db.close()
            return None
        context = CheckInContext(
            secret=bytes.fromhex(meta["secret"]),
            opens=dt.timedelta(minutes=int(meta["opens_min"])),
            late_after=dt.timedelta(minutes=int(meta["late_after_min"])),
            tz=zoneinfo.ZoneInfo(meta["timezone"]))
        return cls(path, _time(meta["taken_at"]), context, db)

    def close(self) -> None:
        self.db.close()

    def age(self, now: dt.datetime) -> dt.timedelta:
        return now - self.taken_at

    def learner(self, code: str) -> tuple[int, str, str, int, dt.datetime | None] | None:
        row = self.db.execute("SELECT id, code, name, card_version, card_replaced_at "
                              "FROM learner WHERE code = ?", (code,)).fetchone()
        if row is None:
            return None
        return row[0], row[1], row[2], row[3], _time(row[4]) if row[4] else None

    def open_lessons(self, learner_id: int, at: dt.datetime
                     ) -> list[tuple[LessonRef, int, EnrollmentStatus]]:
        """The learner's lessons open at ``at``: (lesson, enrollment id, status)."""
        opens = self.context.opens
        rows = self.db.execute(
            "SELECT l.id, l.course_id, l.course_title, l.room, l.starts_at, l.ends_at, "
            "e.id, e.status FROM enrollment e JOIN lesson l ON l.course_id = e.course_id "
            "WHERE e.learner_id = ? ORDER BY l.starts_at, l.id", (learner_id,)).fetchall()
        found = []
        for row in rows:
            ref = LessonRef(row[0], row[1], row[2], row[3], _time(row[4]), _time(row[5]))
            if ref.starts_at - opens <= at <= ref.ends_at:
                found.append((ref, row[6], EnrollmentStatus(row[7])))
        return found

    def arrived_at(self, lesson_id: int, learner_id: int) -> dt.datetime | None:
        row = self.db.execute("SELECT at FROM arrived WHERE lesson_id = ? AND learner_id = ?",
                              (lesson_id, learner_id)).fetchone()
        return _time(row[0]) if row else None


def remember_arrival(path: Path, lesson_id: int, learner_id: int, at: dt.datetime) -> None:
    """Note in the snapshot a check-in this desk just made online, so that a
    scan after the server goes away (before the next refresh) reads "already"."""
    if not path.is_file():
        return
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA synchronous=OFF")  # a cache: the store has the row
        db.execute("INSERT OR IGNORE INTO arrived VALUES (?, ?, ?)",
                   (lesson_id, learner_id, _iso(at)))
        db.commit()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


# The outbox ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutboxScan:
    seq: int
    id: str
    scan: str
    at: dt.datetime
    lesson_id: int
    learner_id: int
    desk: str
    staff_id: int | None


class Outbox:
    """The desk's scans waiting for the store, in the order they were made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit: each scan is its own transaction, on disk (FULL) before
        # the clerk hears the answer. The connection stays open for the desk.
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.executescript(_OUTBOX_SCHEMA)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        yield self._conn

    def close(self) -> None:
        self._conn.close()

    def add(self, scan: str, at: dt.datetime, lesson_id: int, learner_id: int,
            actor: Actor) -> str:
        """Keep one scan (on disk before this returns); its id, unique in the world."""
        scan_id = uuid.uuid4().hex
        with self._db() as db:
            db.execute("INSERT INTO scan (id, scan, at, lesson_id, learner_id, desk, staff_id) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (scan_id, scan, _iso(at), lesson_id, learner_id, actor.desk,
                        actor.staff_id))
        return scan_id

    def pending(self) -> list[OutboxScan]:
        with self._db() as db:
            rows = db.execute("SELECT seq, id, scan, at, lesson_id, learner_id, desk, staff_id "
                              "FROM scan WHERE uploaded_at IS NULL ORDER BY seq").fetchall()
        return [OutboxScan(r[0], r[1], r[2], _time(r[3]), r[4], r[5], r[6], r[7]) for r in rows]

    def count(self) -> int:
        with self._db() as db:
            return int(db.execute(
                "SELECT count(*) FROM scan WHERE uploaded_at IS NULL").fetchone()[0])

    def waiting_at(self, lesson_id: int, learner_id: int) -> dt.datetime | None:
        """When a scan still waiting checked this learner in to this lesson."""
        with self._db() as db:
            row = db.execute("SELECT min(at) FROM scan WHERE lesson_id = ? AND learner_id = ? "
                             "AND (uploaded_at IS NULL OR outcome IN ('checked_in', 'late', "
                             "'fee_due'))", (lesson_id, learner_id)).fetchone()
        return _time(row[0]) if row and row[0] else None

    def mark_uploaded(self, scan_id: str, outcome: str, now: dt.datetime) -> None:
        with self._db() as db:
            db.execute("UPDATE scan SET uploaded_at = ?, outcome = ? WHERE id = ?",
                       (_iso(now), outcome, scan_id))


# Answering a scan from the snapshot ----------------------------------------------------


def offline_scan(snapshot: Snapshot, outbox: Outbox, scan_text: str, at: dt.datetime,
                 actor: Actor, *, desk_lesson_id: int | None = None,
                 choose_lesson_id: int | None = None) -> CheckInResult:
    """Answer a scan without the store: the usual outcomes, ``offline`` set.

    A check-in is kept in the outbox (on disk) before this returns. Fees are
    not known offline: a learner who owes is told so after the upload.
    """
    ctx = snapshot.context
    scan = normalise_scan(scan_text)[:64]
    base = {"scan": scan, "method": CheckInMethod.SCANNER, "offline": True}
    parsed = parse_token(ctx.secret, scan_text)
    if not isinstance(parsed, ParsedToken):
        certificate = parsed is TokenProblem.CERTIFICATE
        outcome = Outcome.CERTIFICATE if certificate else Outcome.NOT_OUR_CODE
        return CheckInResult(outcome, problem=parsed, **base)  # type: ignore[arg-type]
    holder = snapshot.learner(parsed.code)
    if holder is None:
        # Not on any course in the next 24 hours (or unknown): nothing to check in to.
        return CheckInResult(Outcome.NO_LESSON_NOW, learner_code=parsed.code,
                             card_version=parsed.card_version, **base)  # type: ignore[arg-type]
    learner_id, code, name, version, replaced_at = holder
    who = {"learner_id": learner_id, "learner_name": name, "learner_code": code, **base}
    if parsed.card_version > version:
        return CheckInResult(Outcome.UNKNOWN_LEARNER, card_version=parsed.card_version,
                             **who)  # type: ignore[arg-type]
    if parsed.card_version < version:
        return CheckInResult(Outcome.CARD_REPLACED, replaced_at=replaced_at,
                             replaced_on=replaced_at.astimezone(ctx.tz).date()
                             if replaced_at else None,
                             card_version=parsed.card_version, **who)  # type: ignore[arg-type]
    found = snapshot.open_lessons(learner_id, at)
    if desk_lesson_id is not None:
        found = [f for f in found if f[0].lesson_id == desk_lesson_id]
    seated = [f for f in found if f[2] in SEATED]
    if not seated:
        waiting = [f for f in found if f[2] is EnrollmentStatus.WAITLISTED]
        if waiting:
            return CheckInResult(Outcome.WAITLISTED, lesson=waiting[0][0],
                                 enrollment_id=waiting[0][1], **who)  # type: ignore[arg-type]
        return CheckInResult(Outcome.NO_LESSON_NOW, **who)  # type: ignore[arg-type]
    first: dict[int, dt.datetime] = {}
    for ref, _, _ in seated:
        came = _earliest(snapshot.arrived_at(ref.lesson_id, learner_id),
                         outbox.waiting_at(ref.lesson_id, learner_id))
        if came is not None:
            first[ref.lesson_id] = came
    chosen = [f for f in seated if f[0].lesson_id == choose_lesson_id]
    pending = chosen or [f for f in seated if f[0].lesson_id not in first]
    if not pending:
        ref, enrollment_id, _ = seated[0]
        return CheckInResult(Outcome.ALREADY_CHECKED_IN, lesson=ref, at=first[ref.lesson_id],
                             enrollment_id=enrollment_id, **who)  # type: ignore[arg-type]
    if len(pending) > 1:
        return CheckInResult(Outcome.CHOOSE_LESSON, candidates=tuple(f[0] for f in pending),
                             **who)  # type: ignore[arg-type]
    ref, enrollment_id, _ = pending[0]
    if ref.lesson_id in first:
        return CheckInResult(Outcome.ALREADY_CHECKED_IN, lesson=ref, at=first[ref.lesson_id],
                             enrollment_id=enrollment_id, **who)  # type: ignore[arg-type]
    status = status_for(ref.starts_at, at, ctx.late_after)
    outbox.add(scan, at, ref.lesson_id, learner_id, actor)
    late = status is AttendanceStatus.LATE
    minutes = int((at - ref.starts_at).total_seconds() // 60) if late else 0
    return CheckInResult(Outcome.LATE if late else Outcome.CHECKED_IN, lesson=ref, status=status,
                         at=at, minutes_late=minutes, enrollment_id=enrollment_id,
                         **who)  # type: ignore[arg-type]


def _earliest(*times: dt.datetime | None) -> dt.datetime | None:
    known = [t for t in times if t is not None]
    return min(known) if known else None


# Uploading ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Upload:
    """What the store made of one offline scan."""

    scan: OutboxScan
    result: CheckInResult | None  # None: the store refused it (``refusal``)
    refusal: str | None = None  # a DomainError code, e.g. late_entry_needs_admin

    @property
    def differs(self) -> bool:
        """The store's answer is not what the clerk was told: list it for them."""
        if self.result is None:
            return True
        return not self.result.recorded and self.result.outcome is not Outcome.ALREADY_CHECKED_IN

    @property
    def outcome(self) -> str:
        return self.refusal or (self.result.outcome.value if self.result else "")


def upload_scan(session: Session, entry: OutboxScan, actor: Actor,
                now: dt.datetime) -> CheckInResult:
    """Record one offline scan in the store, exactly once, keeping the earlier arrival.

    A scan already uploaded (a retry, or a crash before the outbox heard back)
    is found by its id and recorded no second time. A learner checked in at
    another door after this scan's time gets this earlier row instead; one
    checked in earlier keeps theirs, and this scan reads "already checked in".
    """
    uploaded = session.execute(
        select(Attendance.id, Attendance.at, Attendance.status)
        .where(Attendance.offline_id == entry.id)).first()
    if uploaded is not None:
        return CheckInResult(Outcome.ALREADY_CHECKED_IN, scan=entry.scan,
                             learner_id=entry.learner_id, attendance_id=uploaded[0],
                             at=uploaded[1], status=uploaded[2], offline=True)
    # The row names the desk and the staff member who scanned, not the uploader.
    scanner = Actor(desk=entry.desk, staff_id=entry.staff_id, role=actor.role, name=actor.name)
    later = live_row(session, entry.lesson_id, entry.learner_id)
    if later is not None and later.status in ARRIVED and later.at > entry.at:
        void_row(session, later.attendance_id, "earlier_scan_uploaded", scanner, now)
        audit.record_now(session, scanner, now, audit.Event(
            "attendance.void", "attendance", later.attendance_id, entry.learner_id,
            before={"at": later.at.isoformat()},
            after={"reason": "earlier_scan_uploaded", "offline_id": entry.id}))
    return check_in(session, entry.scan, entry.at, scanner, desk_lesson_id=entry.lesson_id,
                    offline=OfflineMark(entry.id, now))


__all__ = ["Outbox", "OutboxScan", "Snapshot", "Upload", "offline_scan", "remember_arrival",
           "take_snapshot", "upload_scan"]
