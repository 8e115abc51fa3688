"""Who has earned a completion certificate, and why not when the answer is no.

The one rule, used by the certificates window, the command line, issuing
and the funder report: an enrollment qualifies once the course is complete
(its last planned lesson over, or marked finished by an admin: see
:mod:`frontdesk.certificates.completion`), when it was not withdrawn, the
learner attended (present or late; excused too when the course says so) at
least the course's threshold of the lessons held (cancelled ones do not
count), rounded up, and the fee is settled (paid or waived). While the course
runs, each row says where the learner stands against the lessons planned
("8 of 9 so far, 16 planned; needs 13"). An admin's exception (an early
completer, a learner who moves away) overrides the course still running,
attendance and fee, never a withdrawal: it is the only way to issue before
the end.

Exceptions granted before a certificate exists are kept as audit events
(``certificate.exception`` / ``certificate.exception_cleared``), the latest
one per enrollment winning; issuing copies the reason onto the certificate.

An enrollment has at most one live certificate (the store's partial unique
index says so); a revoked one stays on record beside its replacement. A row
shows the live certificate, else the latest revoked one, so the desk sees
"revoked" and can issue a replacement while the rule is still met.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from frontdesk.certificates.completion import CourseProgress, course_progress
from frontdesk.errors import DomainError
from frontdesk.fees.balances import balances
from frontdesk.money import format_fen
from frontdesk.roster.course_lookup import get_course
from frontdesk.roster.enrollment import get_enrollment
from frontdesk.staff import audit, roles
from frontdesk.staff.actor import Actor
from frontdesk.store.models import (
    Attendance,
    AuditEvent,
    Certificate,
    Course,
    Enrollment,
    Learner,
    Lesson,
)
from frontdesk.vocab import AttendanceStatus, EnrollmentStatus

# Enrollments the certificates window lists; the waiting list never sat in class.
LISTED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, EnrollmentStatus.WITHDRAWN)
EXCEPTION_GRANTED = "certificate.exception"
EXCEPTION_CLEARED = "certificate.exception_cleared"
MAX_REASON = 200


class ReasonCode:
    """Why an enrollment has not (yet) earned a certificate."""

    ATTENDANCE_SHORT = "attendance_short"  # attended, held, needs
    FEE_DUE = "fee_due"  # balance_fen
    WITHDRAWN = "withdrawn"
    NO_LESSONS_HELD = "no_lessons_held"
    # The course is still running (attended, held, planned, needs over the planned):
    IN_PROGRESS = "in_progress"  # can still reach the threshold
    OUT_OF_REACH = "out_of_reach"  # cannot, even attending every lesson left

    RUNNING = (IN_PROGRESS, OUT_OF_REACH)


@dataclass(frozen=True)
class Reason:
    """One reason, as a code with its values (never a sentence)."""

    code: str
    values: dict[str, int] = field(default_factory=dict)

    @property
    def message_key(self) -> str:
        """Key of this reason's words in ``frontdesk.messages.MESSAGES``."""
        return f"eligibility_{self.code}"

    def message_values(self) -> dict[str, object]:
        """The values for the words, with the amount also as ``amount`` (¥300.00)."""
        values: dict[str, object] = dict(self.values)
        if "balance_fen" in self.values:
            values["amount"] = format_fen(self.values["balance_fen"])
        return values


@dataclass(frozen=True)
class CertificateInfo:
    certificate_id: int
    serial: str
    issued_at: dt.datetime
    print_count: int
    revoked_at: dt.datetime | None
    revoke_reason: str | None
    exception_reason: str | None
    # As printed and signed at issue (the learner's record may change later).
    learner_name: str = ""
    course_title: str = ""

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class EligibilityState:
    """What the certificates window shows in its status column."""

    ISSUED = "issued"
    REVOKED = "revoked"
    ELIGIBLE = "eligible"
    NOT_YET = "not_yet"


@dataclass(frozen=True)
class EligibilityRow:
    enrollment_id: int
    learner_id: int
    learner_code: str
    learner_name: str
    status: EnrollmentStatus
    attended: int  # present or late (plus excused when the course counts them)
    excused: int
    held: int
    needs: int  # over the lessons held once complete; over those planned while it runs
    balance_fen: int
    reasons: tuple[Reason, ...]  # empty when the rule is met
    exception_reason: str | None  # an admin's exception, if any
    certificate: CertificateInfo | None
    planned: int = 0  # lessons planned, not cancelled
    course_complete: bool = True

    @property
    def early(self) -> bool:
        """Issued or issuable only by an exception, before the course is complete."""
        return not self.course_complete

    @property
    def eligible(self) -> bool:
        """Meets the rule, or an admin made an exception (never when withdrawn)."""
        if self.status is EnrollmentStatus.WITHDRAWN:
            return False
        return not self.reasons or self.exception_reason is not None

    @property
    def issued(self) -> bool:
        return self.certificate is not None

    @property
    def replaceable(self) -> bool:
        """Its certificate was revoked and it may be issued a new one (a new serial)."""
        return self.certificate is not None and self.certificate.revoked and self.eligible

    @property
    def state(self) -> str:
        if self.certificate is not None:
            return EligibilityState.REVOKED if self.certificate.revoked else EligibilityState.ISSUED
        return EligibilityState.ELIGIBLE if self.eligible else EligibilityState.NOT_YET


def required_lessons(held: int, threshold_pct: int) -> int:
    """Lessons to attend: ``threshold_pct`` of ``held``, rounded up (80% of 8 is 7)."""
    return (held * threshold_pct + 99) // 100


def eligibility(
    session: Session, course_id: int, at: dt.datetime, *,
    enrollment_ids: list[int] | None = None,
) -> list[EligibilityRow]:
    """Every enrolled (or withdrawn) learner of a course with their standing at ``at``.

    Lessons held are the course's lessons not cancelled that started at or
    before ``at``. Rows come in pinyin order of the learner's name.
    ``enrollment_ids`` narrows the list to those enrollments of the course.
    """
    course = get_course(session, course_id)
    query = (
        select(Enrollment.id, Enrollment.learner_id, Learner.code, Learner.name, Enrollment.status)
        .join(Learner, Learner.id == Enrollment.learner_id)
        .where(Enrollment.course_id == course_id, Enrollment.status.in_(LISTED))
        .order_by(Learner.pinyin, Learner.name, Enrollment.id)
    )
    if enrollment_ids is not None:
        query = query.where(Enrollment.id.in_(enrollment_ids))
    people = session.execute(query).all()
    ids = [row[0] for row in people]
    progress = course_progress(session, course_id, at)
    held = progress.held
    counts = _attendance_counts(session, course_id, at)
    owed = balances(session, ids)
    exceptions = exception_reasons(session, ids)
    certificates = certificate_infos(session, ids)
    needs = required_lessons(held if progress.complete else progress.planned,
                             course.completion_threshold_pct)
    rows = []
    for eid, learner_id, code, name, status in people:
        by_status = counts.get(learner_id, {})
        attended = counted(by_status, course)
        # balances() answers for every enrollment asked for; a missing one is
        # never taken as owing nothing.
        balance_fen = owed[eid].balance_fen
        reasons = _reasons(status, attended, progress, needs, balance_fen)
        info = certificates.get(eid)
        # A live certificate keeps the reason it was issued with; otherwise the
        # standing exception decides (also whether a revoked one may be replaced).
        reason = info.exception_reason if info and not info.revoked else exceptions.get(eid)
        rows.append(EligibilityRow(
            eid, learner_id, code, name, status, attended,
            by_status.get(AttendanceStatus.EXCUSED, 0), held, needs, balance_fen, reasons,
            reason, info, progress.planned, progress.complete,
        ))
    return rows


def _reasons(status: EnrollmentStatus, attended: int, progress: CourseProgress, needs: int,
             balance_fen: int) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    held = progress.held
    if status is EnrollmentStatus.WITHDRAWN:
        reasons.append(Reason(ReasonCode.WITHDRAWN))
    if not progress.complete and held > 0:
        reachable = attended + progress.remaining >= needs
        reasons.append(Reason(ReasonCode.IN_PROGRESS if reachable else ReasonCode.OUT_OF_REACH,
                              {"attended": attended, "held": held,
                               "planned": progress.planned, "needs": needs}))
    elif held == 0:
        reasons.append(Reason(ReasonCode.NO_LESSONS_HELD))
    elif attended < needs:
        reasons.append(Reason(ReasonCode.ATTENDANCE_SHORT,
                              {"attended": attended, "held": held, "needs": needs}))
    if balance_fen > 0:
        reasons.append(Reason(ReasonCode.FEE_DUE, {"balance_fen": balance_fen}))
    return tuple(reasons)


def counted(by_status: dict[AttendanceStatus, int], course: Course) -> int:
    """Lessons that count towards the threshold: present and late, and
    excused too when the course says so."""
    attended = by_status.get(AttendanceStatus.PRESENT, 0) + by_status.get(AttendanceStatus.LATE, 0)
    if course.excused_counts:
        attended += by_status.get(AttendanceStatus.EXCUSED, 0)
    return attended


def _held_filter(course_id: int, at: dt.datetime) -> ColumnElement[bool]:
    return and_(Lesson.course_id == course_id, Lesson.starts_at <= at,
                Lesson.cancelled.is_(False))


def _attendance_counts(
    session: Session, course_id: int, at: dt.datetime
) -> dict[int, dict[AttendanceStatus, int]]:
    # By learner, not enrollment: bulk-imported attendance may carry no
    # enrollment id. The store allows one live row per learner and lesson.
    rows = session.execute(
        select(Attendance.learner_id, Attendance.status, func.count(Attendance.id))
        .join(Lesson, Lesson.id == Attendance.lesson_id)
        .where(_held_filter(course_id, at), Attendance.voided_at.is_(None))
        .group_by(Attendance.learner_id, Attendance.status)
    )
    counts: dict[int, dict[AttendanceStatus, int]] = {}
    for learner_id, status, n in rows:
        counts.setdefault(learner_id, {})[status] = n
    return counts


def certificate_infos(session: Session, enrollment_ids: list[int]) -> dict[int, CertificateInfo]:
    """The certificate of each enrollment that has one: the live one, else the latest revoked."""
    if not enrollment_ids:
        return {}
    found = session.scalars(
        select(Certificate).where(Certificate.enrollment_id.in_(enrollment_ids))
        .order_by(Certificate.id)
    )
    chosen: dict[int, Certificate] = {}
    for c in found:
        held = chosen.get(c.enrollment_id)
        if held is None or held.revoked_at is not None:
            chosen[c.enrollment_id] = c
    return {eid: certificate_info(c) for eid, c in chosen.items()}


def certificate_info(c: Certificate) -> CertificateInfo:
    """A certificate's record as plain values."""
    return CertificateInfo(c.id, c.serial, c.issued_at, c.print_count, c.revoked_at,
                           c.revoke_reason, c.exception_reason, c.learner_name, c.course_title)


def live_certificate(session: Session, enrollment_id: int) -> Certificate | None:
    """The enrollment's certificate that is not revoked, if any (there is at most one)."""
    return session.scalars(
        select(Certificate).where(Certificate.enrollment_id == enrollment_id,
                                  Certificate.revoked_at.is_(None))
    ).first()


def exception_reasons(session: Session, enrollment_ids: list[int]) -> dict[int, str]:
    """Standing exceptions (granted and not cleared), by enrollment."""
    if not enrollment_ids:
        return {}
    events = session.execute(
        select(AuditEvent.entity_id, AuditEvent.action, AuditEvent.after)
        .where(AuditEvent.action.in_((EXCEPTION_GRANTED, EXCEPTION_CLEARED)),
               AuditEvent.entity == "enrollment", AuditEvent.entity_id.in_(enrollment_ids))
        .order_by(AuditEvent.id)
    )
    standing: dict[int, str] = {}
    for eid, action, after in events:
        assert eid is not None
        if action == EXCEPTION_CLEARED:
            standing.pop(eid, None)
        else:
            standing[eid] = str(json.loads(after or "{}").get("reason", ""))
    return standing


def clean_reason(reason: str) -> str:
    """A reason as recorded: spaces folded; refuses an empty or overlong one."""
    text = " ".join((reason or "").split())
    if not text:
        raise DomainError("certificate_reason_required")
    if len(text) > MAX_REASON:
        raise DomainError("certificate_reason_too_long", max=MAX_REASON)
    return text


def grant_exception(
    session: Session, enrollment_id: int, reason: str, actor: Actor, now: dt.datetime
) -> None:
    """Let an enrollment earn its certificate despite attendance or fee (admin).

    The reason is recorded (audit trail, then the certificate's record), never
    printed. A withdrawn enrollment cannot be excepted. Granting again replaces
    the reason; on an issued (live) certificate it updates the certificate's
    record. After a revocation it lets a replacement be issued.
    """
    roles.require(actor, roles.Action.CERTIFICATE_EXCEPTION)
    text = clean_reason(reason)
    enrollment = get_enrollment(session, enrollment_id)
    if enrollment.status is EnrollmentStatus.WITHDRAWN:
        raise DomainError("certificate_exception_withdrawn")
    if enrollment.status is EnrollmentStatus.WAITLISTED:
        raise DomainError("certificate_exception_waitlisted")
    certificate = live_certificate(session, enrollment_id)
    if certificate is not None:
        certificate.exception_reason = text
    audit.record(session, actor, EXCEPTION_GRANTED, now, entity="enrollment",
                 entity_id=enrollment_id, learner_id=enrollment.learner_id,
                 after={"reason": text})
    session.flush()


def clear_exception(
    session: Session, enrollment_id: int, actor: Actor, now: dt.datetime
) -> None:
    """Withdraw an exception granted by mistake, while no live certificate rests on it (admin).

    After a revocation, clearing it keeps a replacement from being issued.
    """
    roles.require(actor, roles.Action.CERTIFICATE_EXCEPTION)
    enrollment = get_enrollment(session, enrollment_id)
    if enrollment_id not in exception_reasons(session, [enrollment_id]):
        raise DomainError("certificate_no_exception")
    if live_certificate(session, enrollment_id) is not None:
        raise DomainError("certificate_already_issued")
    audit.record(session, actor, EXCEPTION_CLEARED, now, entity="enrollment",
                 entity_id=enrollment_id, learner_id=enrollment.learner_id)
    session.flush()
