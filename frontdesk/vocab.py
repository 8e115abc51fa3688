"""The desk's words as codes: every enum of the store and the status groups.

One module, imported by the store and every desk job alike, so that a
status group ("who holds a seat", "who came") is defined once and the
windows can name a status without importing the ORM.
"""

from __future__ import annotations

import enum


class FeeTier(enum.StrEnum):
    FREE = "free"  # 公益
    INCLUSIVE = "inclusive"  # 普惠


class EnrollmentStatus(enum.StrEnum):
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"


class CheckInMethod(enum.StrEnum):
    SCANNER = "scanner"
    CAMERA = "camera"
    MANUAL = "manual"
    PAPER = "paper"
    DESK = "desk"  # recorded by staff (excused, absent at close)


class LateEntryReason(enum.StrEnum):
    """Why a check-in was entered after its lesson (the usual ones; any words do)."""

    PAPER_SHEET = "paper_sheet"
    DESK_OUTAGE = "desk_outage"


class LedgerKind(enum.StrEnum):
    PAYMENT = "payment"
    REFUND = "refund"
    WAIVER = "waiver"
    ADJUSTMENT = "adjustment"


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"
    BANK = "bank"


class StaffRole(enum.StrEnum):
    DESK = "desk"
    CASHIER = "cashier"
    ADMIN = "admin"


class OutcomeKind(enum.StrEnum):
    JOB = "job"
    BUSINESS = "business"
    STUDY = "study"
    NO_CHANGE = "no_change"
    UNREACHABLE = "unreachable"


SEATED = (EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
"""Enrollments that hold a seat: counted in class lists, capacity and reports."""

OWING = SEATED
"""Enrollments whose fee is due. A wait-listed learner owes nothing until a
seat is theirs: payments and waivers are refused on a waiting-list place,
the outstanding list leaves it out, and every page shows no fee due for it."""

ARRIVED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
"""Attendance marks that mean the learner came."""
