"""Personal data: anonymising a learner, retention, follow-up consent, export records.

Anonymising erases what identifies a person (name, phone, its search keys,
gender, occupation, notes, the notes of follow-up calls, consent) and keeps
what the accounts and the funder's figures need: the learner row with its
card code (now named "已匿名-<code>"), enrollments, attendance, the ledger
and outcome kinds. Anonymised learners drop out of search, check-in, the
duplicate check and exports, which all skip ``anonymised_at``.

A certificate keeps its own copy of the name. That copy is what was printed
and what the certificate's QR code signs: verification compares the two, so
erasing it would turn a genuine certificate into a "forged" one, and would
not take the name off the paper the learner holds. The learner keeps the
right to show their certificate; an admin revokes it if they want it dead.

The audit trail is append-only in the store, so names and phones written
into audit events' before/after before the anonymisation stay there.

Learners still holding a place (enrolled or waiting) on a course that has
lessons to come are refused: withdraw them first, so refunds and the
waiting list are dealt with on purpose, not as a side effect.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from frontdesk.errors import DomainError
from frontdesk.settings import load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import (
    Attendance,
    Certificate,
    Course,
    Enrollment,
    Learner,
    LedgerEntry,
    Lesson,
    Outcome,
    ScanLog,
)
from frontdesk.vocab import EnrollmentStatus

ANONYMOUS = "已匿名"
MIN_YEARS = 1
MAX_YEARS = 100
_CHUNK = 400  # ids per IN (...)
_KIND = re.compile(r"^[a-z][a-z_]{0,23}$")
_HOLDING = (EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)


@dataclass(frozen=True)
class AnonymisedLearner:
    learner_id: int
    code: str
    name: str  # what the roster shows now


@dataclass(frozen=True)
class RetentionCandidate:
    """A learner retention would anonymise, with their last sign of life."""

    learner_id: int
    code: str
    name: str
    last_activity_at: dt.datetime


@dataclass(frozen=True)
class ConsentState:
    learner_id: int
    consent: bool
    at: dt.datetime | None  # when it was last given or withdrawn


def anonymised_name(code: str) -> str:
    return f"{ANONYMOUS}-{code}"


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _erase(session: Session, learner_ids: Sequence[int], now: dt.datetime) -> None:
    """Erase the personal fields of these learners (Core: retention may be thousands)."""
    for chunk in _chunks(learner_ids):
        session.execute(
            update(Learner).where(Learner.id.in_(chunk), Learner.anonymised_at.is_(None))
            .values(name=literal(ANONYMOUS + "-") + Learner.code, phone=None, phone_tail=None,
                    pinyin="", initials="", gender="", occupation="", note="",
                    followup_consent=False, followup_consent_at=None,
                    anonymised_at=now, updated_at=now)
            .execution_options(synchronize_session="fetch"))
        session.execute(update(Outcome).where(Outcome.learner_id.in_(chunk)).values(note="")
                        .execution_options(synchronize_session="fetch"))
        # Refused scans of their card (an old card, a waiting-list scan) keep
        # the token and the link to them: both go, the count of scans stays.
        session.execute(update(ScanLog).where(ScanLog.learner_id.in_(chunk))
                        .values(raw="", learner_id=None)
                        .execution_options(synchronize_session="fetch"))


def _local_today(session: Session, now: dt.datetime) -> dt.date:
    return now.astimezone(load_settings(session).tz()).date()


def _course_open(now: dt.datetime, today: dt.date) -> ColumnElement[bool]:
    """The course has a lesson to come, or no lessons yet and has not ended."""
    lessons = select(Lesson.id).where(Lesson.course_id == Course.id)
    to_come = lessons.where(Lesson.ends_at > now, Lesson.cancelled.is_(False))
    return or_(exists(to_come), and_(not_(exists(lessons)),
                                     or_(Course.end_date.is_(None), Course.end_date >= today)))


def _holds_open_place(now: dt.datetime, today: dt.date) -> ColumnElement[bool]:
    """The enrollment holds a place (enrolled or waiting) on a course still running.

    For a query over Enrollment joined to its Course."""
    return and_(Enrollment.status.in_(_HOLDING), _course_open(now, today))


def anonymise_learner(
    session: Session, learner_id: int, actor: Actor, now: dt.datetime
) -> AnonymisedLearner:
    """Erase a learner's personal data at their request (admin); see the module notes.

    Refuses an unknown learner, one already anonymised
    (``learner_already_anonymised``) and one still on a running course
    (``learner_has_open_enrollment`` with the course titles).
    """
    roles.require(actor, roles.Action.ANONYMISE)
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    if learner.anonymised_at is not None:
        raise DomainError("learner_already_anonymised", code=learner.code)
    titles = list(session.scalars(
        select(Course.title).join(Enrollment, Enrollment.course_id == Course.id)
        .where(Enrollment.learner_id == learner_id,
               _holds_open_place(now, _local_today(session, now)))))
    if titles:
        raise DomainError("learner_has_open_enrollment", learner_name=learner.name,
                          courses="、".join(titles))
    code = learner.code
    _erase(session, [learner_id], now)
    audit.record(session, actor, "learner.anonymise", now, entity="learner",
                 entity_id=learner_id, learner_id=learner_id,
                 after={"code": code, "reason": "request"})
    return AnonymisedLearner(learner_id, code, anonymised_name(code))


# Retention -------------------------------------------------------------------

def _check_years(years: int) -> int:
    if isinstance(years, bool) or not isinstance(years, int) or not (
            MIN_YEARS <= years <= MAX_YEARS):
        raise DomainError("retention_years_invalid", min=MIN_YEARS, max=MAX_YEARS)
    return years


def retention_cutoff(session: Session, years: int, now: dt.datetime) -> dt.datetime:
    """The moment ``years`` calendar years before ``now`` in the school's zone."""
    tz = load_settings(session).tz()
    local = now.astimezone(tz)
    try:
        then = local.replace(year=local.year - _check_years(years))
    except ValueError:  # 29 February
        then = local.replace(year=local.year - years, day=28)
    return then.astimezone(dt.UTC)


def _activity() -> Select[tuple[int, dt.datetime]]:
    """Every (learner id, moment) that shows the learner was with the school."""
    enrollment_times = [select(Enrollment.learner_id, column) for column in
                        (Enrollment.created_at, Enrollment.enrolled_at, Enrollment.withdrawn_at)]
    parts = union_all(
        select(Learner.id, Learner.created_at), select(Learner.id, Learner.updated_at),
        *enrollment_times,
        select(Attendance.learner_id, Attendance.at),
        select(LedgerEntry.learner_id, LedgerEntry.at),
        select(Outcome.learner_id, Outcome.recorded_at),
        select(Enrollment.learner_id, Certificate.issued_at)
        .join(Certificate, Certificate.enrollment_id == Enrollment.id),
    ).subquery()
    learner_id, at = parts.c
    return select(learner_id.label("learner_id"), func.max(at).label("last")).group_by(
        learner_id)


def retention_preview(session: Session, years: int, now: dt.datetime) -> list[RetentionCandidate]:
    """Learners with no activity for ``years`` years, oldest first: what retention would erase.

    Activity is being added or edited, an enrollment, withdrawal, check-in,
    ledger entry, follow-up call or certificate. Learners still on a running
    course are left out, as :func:`anonymise_learner` would refuse them.
    """
    cutoff = retention_cutoff(session, years, now)
    last = _activity().subquery()
    holding = (select(Enrollment.learner_id).join(Course, Course.id == Enrollment.course_id)
               .where(_holds_open_place(now, _local_today(session, now))))
    rows = session.execute(
        select(Learner.id, Learner.code, Learner.name, last.c.last)
        .join(last, last.c.learner_id == Learner.id)
        .where(Learner.anonymised_at.is_(None), last.c.last < cutoff,
               Learner.id.not_in(holding))
        .order_by(last.c.last, Learner.code))
    return [RetentionCandidate(*row) for row in rows]


def apply_retention(session: Session, years: int, actor: Actor, now: dt.datetime) -> int:
    """Anonymise every learner :func:`retention_preview` lists now (admin); returns how many.

    The list is worked out again here, in the write transaction, so a learner
    who came back since the preview is spared.
    """
    roles.require(actor, roles.Action.RETENTION)
    candidates = retention_preview(session, years, now)
    ids = [c.learner_id for c in candidates]
    _erase(session, ids, now)
    audit.record_many(session, actor, now, (
        audit.Event("learner.anonymise", "learner", c.learner_id, c.learner_id,
                    after={"code": c.code, "reason": "retention", "years": years})
        for c in candidates))
    audit.record(session, actor, "privacy.retention", now, after={
        "years": years, "cutoff": retention_cutoff(session, years, now).isoformat(),
        "count": len(ids)})
    return len(ids)


# Consent and exports -----------------------------------------------------------

def set_followup_consent(
    session: Session, learner_id: int, consent: bool, actor: Actor, now: dt.datetime
) -> ConsentState:
    """Record that a learner gave (True) or withdrew (False) consent to follow-up calls.

    The date of the change is kept on the learner and in the audit trail.
    The same answer again changes nothing and writes nothing.
    """
    roles.require(actor, roles.Action.CONSENT)
    learner = session.get(Learner, learner_id)
    if learner is None or learner.anonymised_at is not None:
        raise DomainError("learner_not_found", learner_id=learner_id)
    if learner.followup_consent is consent:
        return ConsentState(learner_id, consent, learner.followup_consent_at)
    learner.followup_consent = consent
    learner.followup_consent_at = now
    learner.updated_at = now
    audit.record(session, actor, "learner.consent", now, entity="learner",
                 entity_id=learner_id, learner_id=learner_id,
                 before={"consent": not consent}, after={"consent": consent})
    return ConsentState(learner_id, consent, now)


def check_export(actor: Actor, *, full_phone: bool) -> None:
    """Refuse (``role_forbidden``) an export this role may not make; call it before writing."""
    roles.require(actor, roles.Action.EXPORT_FULL if full_phone else roles.Action.EXPORT_MASKED)


def audit_export(
    session: Session, actor: Actor, now: dt.datetime, kind: str, rows: int, full_phone: bool,
    *, file_name: str = "",
) -> None:
    """Record an export of personal data (action ``export.<kind>``), in a write session.

    Exports read in a read session; the caller records the finished export
    with this call in a write transaction of its own. ``kind`` is a short
    word such as ``roster``, ``course_roster`` or ``audit``.
    """
    check_export(actor, full_phone=full_phone)
    if not _KIND.match(kind):
        raise ValueError(f"export kind must be a short lower-case word, not {kind!r}")
    audit.record(session, actor, f"export.{kind}", now, entity="export", after={
        "rows": rows, "full_phone": full_phone, "file": file_name[-120:]})
