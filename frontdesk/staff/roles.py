"""Who may do what: the one permission matrix of the desk's roles.

The three roles are nested: a cashier may do all a desk may, an admin all a
cashier may. Each action names the least role that may do it. Domain
operations that a role may not do call :func:`require` first, so a desk
account calling the refund service is refused in the domain, whatever the
window shows; the windows ask :func:`allowed` to hide what a role may not do.

``Actor.role is None`` means the school has no staff accounts yet (a fresh
store before the first admin is made): everything is allowed, as before
sign-in existed. Once staff exist the windows always pass the signed-in role.

Why import is an admin's: one import adds hundreds of learners and
enrollments (with their fees due) from a file made outside FrontDesk, in
one transaction nobody can take back row by row; and the file is itself a
list of people's phone numbers. A cashier's trust is money, not the roster.
"""

from __future__ import annotations

import enum

from frontdesk.errors import DomainError
from frontdesk.staff.actor import Actor
from frontdesk.vocab import StaffRole


class Action(enum.StrEnum):
    """Something a role may or may not do (the audit trail's words, where one fits)."""

    # desk, and so everyone
    CHECK_IN = "checkin"  # check-in, voids, excused, closing a lesson
    ROSTER_VIEW = "roster.view"  # look learners up, phones masked
    LEARNER_EDIT = "learner.edit"  # add and edit learners, replace cards
    ENROLLMENT_EDIT = "enrollment.edit"  # enroll, withdraw, the waiting list
    PAYMENT = "ledger.payment"  # take a payment, reprint its receipt
    CERTIFICATE_ISSUE = "certificate.issue"  # issue and print what the rule says is earned
    FOLLOWUP = "followup.record"  # outcome follow-up calls
    CONSENT = "learner.consent"  # record or withdraw follow-up consent
    EXPORT_MASKED = "export.masked"  # workbooks with masked phones
    REPORTS_VIEW = "reports.view"  # the school's figures, attendance, call lists
    # cashier
    REFUND = "ledger.refund"
    WAIVER = "ledger.waiver"
    ADJUSTMENT = "ledger.adjust"
    CASHUP = "cashup.close"
    # admin
    COURSE_EDIT = "course.edit"  # courses, lessons, the timetable
    INSTRUCTOR_EDIT = "instructor.edit"
    IMPORT = "import.commit"
    SETTINGS = "settings.edit"
    STAFF = "staff.manage"  # add, reset, disable, enable staff
    CERTIFICATE_EXCEPTION = "certificate.exception"
    CERTIFICATE_REVOKE = "certificate.revoke"
    COURSE_FINISH = "course.finish"  # mark a course finished early, for its certificates
    EXPORT_FULL = "export.full_phone"  # exports with full phone numbers
    AUDIT_VIEW = "audit.view"  # the audit trail and its export
    ANONYMISE = "learner.anonymise"
    RETENTION = "privacy.retention"
    LATE_ENTRY_OLD = "attendance.late_entry_old"  # check-ins for lessons past the desk's days


_RANK = {StaffRole.DESK: 0, StaffRole.CASHIER: 1, StaffRole.ADMIN: 2}

_DESK_ACTIONS = (
    Action.CHECK_IN, Action.ROSTER_VIEW, Action.LEARNER_EDIT, Action.ENROLLMENT_EDIT,
    Action.PAYMENT, Action.CERTIFICATE_ISSUE, Action.FOLLOWUP, Action.CONSENT,
    Action.EXPORT_MASKED, Action.REPORTS_VIEW,
)
_CASHIER_ACTIONS = (Action.REFUND, Action.WAIVER, Action.ADJUSTMENT, Action.CASHUP)

LEAST_ROLE: dict[Action, StaffRole] = {
    action: StaffRole.DESK if action in _DESK_ACTIONS
    else StaffRole.CASHIER if action in _CASHIER_ACTIONS
    else StaffRole.ADMIN
    for action in Action
}
"""The matrix: the least role that may do each action."""


def allowed(role: StaffRole | None, action: Action | str) -> bool:
    """May ``role`` do ``action``? ``None`` (no staff accounts yet) may do everything.

    An unknown action name is a programming mistake and raises ValueError.
    """
    needed = LEAST_ROLE[Action(action)]
    return role is None or _RANK[role] >= _RANK[needed]


def require(actor: Actor, action: Action | str) -> None:
    """Refuse with ``role_forbidden`` unless the actor's role allows it (details:
    ``action``, the actor's ``role`` and ``needed``, the least role that may)."""
    if not allowed(actor.role, action):
        assert actor.role is not None
        raise DomainError("role_forbidden", action=Action(action).value, role=actor.role.value,
                          needed=least_role(action).value)


def allowed_actions(role: StaffRole | None) -> frozenset[Action]:
    """Everything ``role`` may do, for the windows to enable."""
    return frozenset(a for a in Action if allowed(role, a))


def least_role(action: Action | str) -> StaffRole:
    """The least role that may do ``action`` (for a window's "needs a cashier")."""
    return LEAST_ROLE[Action(action)]
