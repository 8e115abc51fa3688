"""Issuing, printing and revoking completion certificates.

An enrollment has at most one live certificate: its serial (SB-2026-0045)
comes from a per-year counter in the same transaction, so serials are unique
and gap-free, and asking again hands back the one already issued. A revoked
certificate (issued in error, say with the name misspelled) stays on record
and verifies as revoked; while the rule is still met, the enrollment can be
issued a replacement with a new serial. The store's partial unique index
keeps two desks from making two live ones. Printing only counts; the paper
is drawn by ``frontdesk.documents.certificate`` from the
:class:`CertificateContent` values made here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import (
    CertificateInfo,
    EligibilityRow,
    certificate_info,
    clean_reason,
    eligibility,
    live_certificate,
)
from frontdesk.certificates.selection import needs_new_serial, rows_to_print
from frontdesk.certificates.signing import signing_key
from frontdesk.certificates.verification import CertificateClaim, encode
from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.settings import load_settings
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import Certificate, Counter, Course, Enrollment, Instructor, Lesson

# Returns the characters of a text no bundled font can draw ('' when none);
# the caller passes ``frontdesk.documents.fonts.missing_characters``.
GlyphCheck = Callable[[str], str]


@dataclass(frozen=True)
class IssuedCertificate:
    certificate_id: int
    enrollment_id: int
    learner_id: int
    serial: str
    issued_at: dt.datetime
    learner_name: str
    course_title: str
    print_count: int
    exception_reason: str | None
    newly_issued: bool  # False when it had been issued before


@dataclass(frozen=True)
class CertificateContent:
    """Everything printed on one certificate; plain values, safe to hand to a worker thread."""

    certificate_id: int
    serial: str
    learner_name: str
    course_title: str
    hours: int
    start_date: dt.date | None
    end_date: dt.date | None
    instructor_name: str
    issued_on: dt.date  # the school's local date
    verification_code: str  # the signed code (see verification.py)
    verification_address: str = ""  # the school's verification page, if it has one

    @property
    def qr_text(self) -> str:
        """What the QR carries: ADDRESS#CODE, or the bare code without an address."""
        if self.verification_address:
            return f"{self.verification_address}#{self.verification_code}"
        return self.verification_code


@dataclass(frozen=True)
class _Serials:
    """Where new serials come from: the school's prefix and the local year."""

    prefix: str
    year: int


def check_printable(texts: Sequence[str], unprintable: GlyphCheck | None) -> None:
    if unprintable is None:
        return
    for text in texts:
        missing = unprintable(text)
        if missing:
            raise DomainError("certificate_missing_glyph", text=text, characters=missing)


def reserve_serials(session: Session, prefix: str, year: int, count: int) -> list[str]:
    """The next ``count`` serials of ``year`` (SB-2026-0045), counted in the caller's transaction.

    The counter row is locked (BEGIN IMMEDIATE on SQLite, FOR UPDATE elsewhere)
    and rolls back with the transaction, so serials never skip a number.
    """
    name = f"certificate:{year}"
    # populate_existing: the locked row's value, even after a savepoint rolled back.
    counter = session.scalars(
        select(Counter).where(Counter.name == name).with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    first = counter.value + 1
    counter.value += count
    return [f"{prefix}-{year}-{n:04d}" for n in range(first, first + count)]


def issue_certificates(
    session: Session, course_id: int, enrollment_ids: Sequence[int] | None,
    actor: Actor, now: dt.datetime, *, unprintable: GlyphCheck | None = None,
) -> list[IssuedCertificate]:
    """Issue certificates for a course; ``None`` means everyone eligible.

    Returns one entry per chosen enrollment in the course list's order,
    including live certificates issued before (never a second live serial).
    An enrollment chosen explicitly whose certificate was revoked gets a
    replacement with a new serial while it is still eligible (or excepted),
    recorded as ``certificate.reissue`` naming the serial it replaces;
    ``None`` leaves revoked ones alone. Explicitly chosen enrollments that are
    not eligible refuse the whole batch. Pass ``unprintable`` (the fonts'
    check) so a name no font can draw is refused before a serial is spent.
    """
    course = get_course(session, course_id)
    rows = rows_to_print(
        eligibility(session, course_id, now, enrollment_ids=_ids(enrollment_ids)), enrollment_ids)
    fresh = [r for r in rows if needs_new_serial(r)]
    check_printable([course.title, *(r.learner_name for r in fresh)], unprintable)
    made = _issue(session, fresh, course, actor, now)
    return [made[r.enrollment_id] if needs_new_serial(r) else existing_certificate(r, r.certificate)
            for r in rows]


def _issue(session: Session, rows: list[EligibilityRow], course: Course, actor: Actor,
           now: dt.datetime) -> dict[int, IssuedCertificate]:
    if not rows:
        return {}
    settings = load_settings(session)
    signing_key(session)  # made now, in this write, so every code verifies later
    serials = _Serials(settings.certificate_prefix, now.astimezone(settings.tz()).year)
    try:
        with session.begin_nested():
            certificates = _insert(session, rows, course, actor, now, serials)
    except IntegrityError:
        # Another desk issued for one of these between our look and our write,
        # and the store kept its one live certificate. Go one by one: each lost
        # race hands back the winner's, and no serial is skipped.
        return {row.enrollment_id: _issue_one(session, row, course, actor, now, serials)
                for row in rows}
    return {row.enrollment_id: record_issued(session, row, c, actor, now)
            for row, c in zip(rows, certificates, strict=True)}


def _insert(session: Session, rows: list[EligibilityRow], course: Course, actor: Actor,
            now: dt.datetime, serials: _Serials) -> list[Certificate]:
    """Add and flush the certificates; call inside a savepoint (the store may refuse one)."""
    numbers = reserve_serials(session, serials.prefix, serials.year, len(rows))
    certificates = [
        Certificate(enrollment_id=row.enrollment_id, serial=serial, issued_at=now,
                    issued_by=actor.staff_id, print_count=0,
                    exception_reason=row.exception_reason,
                    learner_name=row.learner_name, course_title=course.title)
        for row, serial in zip(rows, numbers, strict=True)
    ]
    session.add_all(certificates)
    session.flush()
    return certificates


def _issue_one(session: Session, row: EligibilityRow, course: Course, actor: Actor,
               now: dt.datetime, serials: _Serials) -> IssuedCertificate:
    try:
        with session.begin_nested():
            (certificate,) = _insert(session, [row], course, actor, now, serials)
    except IntegrityError:
        won = live_certificate(session, row.enrollment_id)
        if won is None:  # refused for another reason: not ours to hide
            raise
        return existing_certificate(row, certificate_info(won))
    return record_issued(session, row, certificate, actor, now)


def record_issued(session: Session, row: EligibilityRow, c: Certificate, actor: Actor,
              now: dt.datetime) -> IssuedCertificate:
    """Audit a certificate just issued: a replacement names the serial it replaces."""
    after = {"serial": c.serial, "enrollment_id": row.enrollment_id,
             "exception": c.exception_reason}
    replaced = row.certificate
    if replaced is None:
        audit.record(session, actor, "certificate.issue", now, entity="certificate",
                     entity_id=c.id, learner_id=row.learner_id, after=after)
    else:
        audit.record(session, actor, "certificate.reissue", now, entity="certificate",
                     entity_id=c.id, learner_id=row.learner_id,
                     before={"serial": replaced.serial}, after=after)
    return IssuedCertificate(c.id, row.enrollment_id, row.learner_id, c.serial, now,
                             c.learner_name, c.course_title, 0, c.exception_reason, True)


def _ids(enrollment_ids: Sequence[int] | None) -> list[int] | None:
    return None if enrollment_ids is None else list(enrollment_ids)


def existing_certificate(row: EligibilityRow, info: CertificateInfo | None) -> IssuedCertificate:
    assert info is not None and not info.revoked
    return IssuedCertificate(info.certificate_id, row.enrollment_id, row.learner_id, info.serial,
                             info.issued_at, info.learner_name, info.course_title,
                             info.print_count, info.exception_reason, False)


def _certificates(session: Session, certificate_ids: Sequence[int]) -> dict[int, Certificate]:
    found = {c.id: c for c in session.scalars(
        select(Certificate).where(Certificate.id.in_(list(certificate_ids))))}
    for cid in certificate_ids:
        certificate = found.get(cid)
        if certificate is None:
            raise DomainError("certificate_not_found", certificate_id=cid)
        if certificate.revoked_at is not None:
            raise DomainError("certificate_revoked", serial=certificate.serial,
                              learner_name=certificate.learner_name)
    return found


def record_print(
    session: Session, certificate_ids: Sequence[int], actor: Actor, now: dt.datetime
) -> None:
    """Count one print of each certificate (a reprint keeps its serial).

    Refuses the whole batch when one is unknown or revoked.
    """
    ids = list(dict.fromkeys(certificate_ids))
    if not ids:
        return
    serials = [c.serial for c in _certificates(session, ids).values()]
    session.execute(update(Certificate).where(Certificate.id.in_(ids))
                    .values(print_count=Certificate.print_count + 1)
                    .execution_options(synchronize_session="fetch"))
    audit.record(session, actor, "certificate.print", now, entity="certificate",
                 entity_id=ids[0] if len(ids) == 1 else None,
                 after={"count": len(ids), "serials": serials})


def revoke(
    session: Session, certificate_id: int, reason: str, actor: Actor, now: dt.datetime
) -> CertificateInfo:
    """Revoke a certificate issued in error (admin); it then verifies as revoked.

    The serial stays spent. While the enrollment still meets the rule (or an
    exception stands), it can be issued a replacement with a new serial.
    """
    roles.require(actor, roles.Action.CERTIFICATE_REVOKE)
    text = clean_reason(reason)
    certificate = session.get(Certificate, certificate_id)
    if certificate is None:
        raise DomainError("certificate_not_found", certificate_id=certificate_id)
    if certificate.revoked_at is not None:
        raise DomainError("certificate_already_revoked", serial=certificate.serial)
    certificate.revoked_at = now
    certificate.revoke_reason = text
    enrollment = session.get(Enrollment, certificate.enrollment_id)
    session.flush()
    audit.record(session, actor, "certificate.revoke", now, entity="certificate",
                 entity_id=certificate.id,
                 learner_id=enrollment.learner_id if enrollment else None,
                 after={"serial": certificate.serial, "reason": text})
    return certificate_info(certificate)


def certificate_contents(
    session: Session, certificate_ids: Sequence[int]
) -> list[CertificateContent]:
    """What to print for each certificate, in the order given, with its signed QR code.

    The name and course are the copies kept at issue, so a reprint matches
    its verification code. Refuses unknown and revoked certificates.
    """
    if not certificate_ids:
        return []
    found = _certificates(session, certificate_ids)
    make = ContentMaker(session, [c.enrollment_id for c in found.values()])
    return [make(c.id, c.enrollment_id, c.serial, c.learner_name, c.course_title, c.issued_at)
            for c in (found[cid] for cid in certificate_ids)]


class ContentMaker:
    """Builds what prints on certificates of some enrollments, each with its signed QR code.

    Needs a write session the first time the school signs anything (the key is made then).
    The dates of study are the course's, else its first and last lesson held:
    a course marked finished early ends on its last lesson held, not planned.
    """

    def __init__(self, session: Session, enrollment_ids: Sequence[int]) -> None:
        settings = load_settings(session)
        self.tz = settings.tz()
        self.address = settings.verification_address
        self.key = signing_key(session)
        self.courses = _course_facts(session, list(enrollment_ids))

    def __call__(self, certificate_id: int, enrollment_id: int, serial: str, learner_name: str,
                 course_title: str, issued_at: dt.datetime) -> CertificateContent:
        tz = self.tz
        course, instructor, first, last = self.courses[enrollment_id]
        issued_on = issued_at.astimezone(tz).date()
        claim = CertificateClaim(serial, learner_name, course_title, issued_on)
        return CertificateContent(
            certificate_id, serial, learner_name, course_title, course.total_hours,
            course.start_date or _local_date(first, tz), _end_date(course, last, issued_on, tz),
            instructor, issued_on, encode(claim, self.key), self.address)


def _end_date(course: Course, last: dt.datetime | None, issued_on: dt.date,
              tz: dt.tzinfo) -> dt.date | None:
    """The end of the study period: never after the day it is issued (an early completer)."""
    end = course.end_date or _local_date(last, tz)
    return issued_on if end is not None and end > issued_on else end


def _local_date(value: dt.datetime | None, tz: dt.tzinfo) -> dt.date | None:
    return None if value is None else value.astimezone(tz).date()


_Facts = tuple[Course, str, dt.datetime | None, dt.datetime | None]


def _course_facts(session: Session, enrollment_ids: list[int]) -> dict[int, _Facts]:
    """Course, instructor name and first/last lesson start, by enrollment."""
    rows = session.execute(
        select(Enrollment.id, Course, Instructor.name)
        .join(Course, Course.id == Enrollment.course_id)
        .outerjoin(Instructor, Instructor.id == Course.instructor_id)
        .where(Enrollment.id.in_(enrollment_ids))
    ).all()
    course_ids = {course.id for _, course, _ in rows}
    spans = {cid: (first, last) for cid, first, last in session.execute(
        select(Lesson.course_id, func.min(Lesson.starts_at), func.max(Lesson.starts_at))
        .where(Lesson.course_id.in_(course_ids), Lesson.cancelled.is_(False))
        .group_by(Lesson.course_id))}
    return {eid: (course, name or "", *spans.get(course.id, (None, None)))
            for eid, course, name in rows}
