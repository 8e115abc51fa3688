"""Handing out a batch of certificates: a serial is spent only when the paper is made.

Three steps, so a preview, a cancelled dialog or a failed render spends nothing:

1. :func:`prepare_batch` (a short transaction; it writes only the school's
   signing key, once ever) decides what prints (:func:`rows_to_print`) and
   gives each certificate still to issue the serial it will take if no other
   desk issues first. The contents are complete: the batch is drawn outside
   any transaction, as a preview or as files beside their destination.
2. :func:`commit_batch` (a short write), once the PDF is saved or printing is
   confirmed: the counter must still be where it was and every learner must
   still qualify; it issues with exactly the serials drawn, audits, and counts
   one print of each certificate. When another desk took serials meanwhile
   it raises :class:`SerialsTaken` (rolling back): prepare and draw again.
3. The caller moves the drawn files into place (or paints the printer).

:func:`hand_out` is that loop for saved files, used by the CLI and the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.certificates.eligibility import EligibilityRow, eligibility
from frontdesk.certificates.issue import (
    CertificateContent,
    ContentMaker,
    GlyphCheck,
    IssuedCertificate,
    check_printable,
    existing_certificate,
    record_issued,
    record_print,
    reserve_serials,
)
from frontdesk.certificates.selection import needs_new_serial, rows_to_print
from frontdesk.errors import DomainError
from frontdesk.roster.course_lookup import get_course
from frontdesk.settings import load_settings
from frontdesk.staff.actor import Actor
from frontdesk.store.engine import Store
from frontdesk.store.models import Certificate, Counter

T = TypeVar("T")
ATTEMPTS = 3  # draws before giving up when other desks keep issuing


class SerialsTaken(Exception):
    """Another desk issued certificates since the batch was drawn: draw it again."""


@dataclass(frozen=True)
class CertificateBatch:
    """What one batch prints, in the course list's order, ready to draw."""

    course_id: int
    at: dt.datetime  # the issue time printed on new certificates
    prefix: str
    year: int
    counter_seen: int  # the serial counter when the batch was drawn
    rows: tuple[EligibilityRow, ...]
    contents: tuple[CertificateContent, ...]  # one per row

    @property
    def new(self) -> tuple[EligibilityRow, ...]:
        """Rows that will get a new serial when the batch is committed."""
        return tuple(r for r in self.rows if needs_new_serial(r))


def _counter_name(year: int) -> str:
    return f"certificate:{year}"


def prepare_batch(
    session: Session, course_id: int, enrollment_ids: Sequence[int] | None, now: dt.datetime,
    *, unprintable: GlyphCheck | None = None,
) -> CertificateBatch:
    """What a batch prints, with the serials new certificates will take; spends nothing.

    Refuses (DomainError) as issuing would: a learner who has not earned one,
    a course still running, a name no font can draw.
    """
    course = get_course(session, course_id)
    ids = None if enrollment_ids is None else list(enrollment_ids)
    rows = rows_to_print(eligibility(session, course_id, now, enrollment_ids=ids), enrollment_ids)
    fresh = [r for r in rows if needs_new_serial(r)]
    check_printable([course.title, *(r.learner_name for r in fresh)], unprintable)
    settings = load_settings(session)
    year = now.astimezone(settings.tz()).year
    seen = session.scalar(select(Counter.value).where(Counter.name == _counter_name(year))) or 0
    make = ContentMaker(session, [r.enrollment_id for r in rows])
    contents, n = [], seen
    for row in rows:
        info = row.certificate
        if needs_new_serial(row) or info is None:
            n += 1
            serial = f"{settings.certificate_prefix}-{year}-{n:04d}"
            contents.append(make(0, row.enrollment_id, serial, row.learner_name, course.title, now))
        else:
            contents.append(make(info.certificate_id, row.enrollment_id, info.serial,
                                 info.learner_name, info.course_title, info.issued_at))
    return CertificateBatch(course_id, now, settings.certificate_prefix, year, seen, tuple(rows),
                            tuple(contents))


def commit_batch(session: Session, batch: CertificateBatch, actor: Actor,
                 now: dt.datetime) -> list[IssuedCertificate]:
    """Issue the batch as drawn and count one print of each; call when the paper is made.

    Raises SerialsTaken when the counter moved or a learner's record changed
    since the batch was drawn, DomainError when a learner no longer qualifies
    or a certificate was revoked meanwhile.
    """
    new = batch.new
    serials = reserve_serials(session, batch.prefix, batch.year, len(new))
    drawn = [c.serial for r, c in zip(batch.rows, batch.contents, strict=True)
             if needs_new_serial(r)]
    if serials != drawn:
        raise SerialsTaken
    current = {r.enrollment_id: r for r in eligibility(
        session, batch.course_id, batch.at, enrollment_ids=[r.enrollment_id for r in batch.rows])}
    rows_to_print(list(current.values()), [r.enrollment_id for r in new])  # still earned?
    for row in batch.rows:
        now_row = current.get(row.enrollment_id)
        if now_row is None:
            raise DomainError("enrollment_not_found", enrollment_id=row.enrollment_id)
        if needs_new_serial(now_row) != needs_new_serial(row) or \
                now_row.learner_name != row.learner_name:
            raise SerialsTaken
    made = _insert(session, batch, new, serials, actor, now)
    issued = [made[r.enrollment_id] if needs_new_serial(r)
              else existing_certificate(r, r.certificate) for r in batch.rows]
    record_print(session, [c.certificate_id for c in issued], actor, now)
    return issued


def _insert(session: Session, batch: CertificateBatch, rows: Sequence[EligibilityRow],
            serials: list[str], actor: Actor, now: dt.datetime) -> dict[int, IssuedCertificate]:
    if not rows:
        return {}
    title = batch.contents[0].course_title
    certificates = [
        Certificate(enrollment_id=row.enrollment_id, serial=serial, issued_at=batch.at,
                    issued_by=actor.staff_id, print_count=0,
                    exception_reason=row.exception_reason,
                    learner_name=row.learner_name, course_title=title)
        for row, serial in zip(rows, serials, strict=True)
    ]
    try:
        with session.begin_nested():
            session.add_all(certificates)
            session.flush()
    except IntegrityError as error:  # another desk issued one of these: draw again
        raise SerialsTaken from error
    return {row.enrollment_id: record_issued(session, row, c, actor, now)
            for row, c in zip(rows, certificates, strict=True)}


def hand_out(
    store: Store, course_id: int, enrollment_ids: Sequence[int] | None, actor: Actor,
    clock: Callable[[], dt.datetime], draw: Callable[[CertificateBatch], T],
    *, discard: Callable[[T], object] = lambda _drawn: None,
    unprintable: GlyphCheck | None = None,
) -> tuple[list[IssuedCertificate], T]:
    """Prepare, draw (outside any transaction), then commit; again if serials were taken.

    ``draw`` renders the batch somewhere not yet visible (the caller moves it
    into place after); if it raises, nothing was spent. ``discard`` removes a
    drawing that was not committed. Refused with ``certificate_busy`` when
    other desks kept issuing through every attempt.
    """
    for _ in range(ATTEMPTS):
        with store.write() as session:
            batch = prepare_batch(session, course_id, enrollment_ids, clock(),
                                  unprintable=unprintable)
        drawn = draw(batch)
        try:
            with store.write() as session:
                return commit_batch(session, batch, actor, clock()), drawn
        except SerialsTaken:
            discard(drawn)
        except BaseException:
            discard(drawn)
            raise
    raise DomainError("certificate_busy")
