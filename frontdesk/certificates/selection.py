"""Which certificates a batch prints: the one definition the windows and the CLI share.

Built on :func:`frontdesk.certificates.eligibility.eligibility` rows: a batch
for everyone prints the live certificates again and issues the missing ones
to those who earned one; chosen learners who cannot have one refuse the
whole batch with the reason as a code and its values.
"""

from __future__ import annotations

from collections.abc import Sequence

from frontdesk.certificates.eligibility import EligibilityRow, EligibilityState, ReasonCode
from frontdesk.errors import DomainError
from frontdesk.vocab import EnrollmentStatus

PRINTABLE = (EligibilityState.ELIGIBLE, EligibilityState.ISSUED)
"""States whose certificate a batch for "everyone" prints (issuing what is still missing)."""


def issuable(row: EligibilityRow) -> bool:
    """Issue and print can act on it: earned, issued (a reprint) or revoked and replaceable."""
    return row.state in PRINTABLE or row.replaceable


def needs_new_serial(row: EligibilityRow) -> bool:
    """No live certificate: none yet, or only a revoked one."""
    return row.certificate is None or row.certificate.revoked


def rows_to_print(
    rows: list[EligibilityRow], enrollment_ids: Sequence[int] | None
) -> list[EligibilityRow]:
    """Which certificates a batch prints: the one definition for the windows and the CLI.

    ``None`` is everyone who earned one: live certificates are printed again
    and missing ones issued; revoked certificates are left alone (a
    replacement is issued only for an enrollment chosen by name, so a class
    batch never undoes an admin's revocation unasked). Chosen enrollments
    that cannot have one refuse the whole batch, with the reason as a code
    and its values; so does "everyone" on a course still running when no one
    has a certificate or an exception.
    """
    if enrollment_ids is None:
        chosen = [r for r in rows if r.state in PRINTABLE]
        if not chosen and rows and not rows[0].course_complete:
            raise DomainError("certificate_course_running", held=rows[0].held,
                              planned=rows[0].planned)
        return chosen
    by_id = {r.enrollment_id: r for r in rows}
    for eid in enrollment_ids:
        row = by_id.get(eid)
        if row is None:
            raise DomainError("enrollment_not_found", enrollment_id=eid)
        if needs_new_serial(row) and not row.eligible:
            raise _refusal(row)
    wanted = set(enrollment_ids)
    return [r for r in rows if r.enrollment_id in wanted]


def _refusal(row: EligibilityRow) -> DomainError:
    running = next((r for r in row.reasons if r.code in ReasonCode.RUNNING), None)
    if running is not None and row.status is not EnrollmentStatus.WITHDRAWN:
        return DomainError("certificate_learner_running", learner_name=row.learner_name,
                           **running.values)
    return DomainError("certificate_not_eligible", learner_name=row.learner_name,
                       reasons=", ".join(r.code for r in row.reasons))


def earned_count(rows: list[EligibilityRow]) -> int:
    """Learners who have earned a certificate (or hold a live one)."""
    return sum(1 for r in rows if r.state in PRINTABLE)
