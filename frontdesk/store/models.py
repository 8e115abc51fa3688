"""The school's data as typed SQLAlchemy 2 models.

Every table of the domain is here from the first migration on, so later
features fill in behaviour without reshaping the store. Money is integer fen,
times are timezone-aware UTC.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from frontdesk.vocab import (
    AttendanceStatus,
    CheckInMethod,
    EnrollmentStatus,
    FeeTier,
    LedgerKind,
    OutcomeKind,
    PaymentMethod,
    StaffRole,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC and always hands back aware UTC values.

    SQLite keeps no zone; without this, a naive value would come back and be
    compared with an aware one somewhere far from here.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: object
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(cls: type[enum.Enum]) -> Enum:
    # Store the value (a short stable word), as a CHECK-free VARCHAR, so adding
    # a member later needs no ALTER TYPE on PostgreSQL.
    return Enum(
        cls,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        create_constraint=False,
        length=16,
    )


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Instructor(Base):
    __tablename__ = "instructor"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(64), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class Learner(Base):
    __tablename__ = "learner"
    id: Mapped[int] = mapped_column(primary_key=True)
    # Public code printed on the learner card (e.g. "L7K2Q9"); never reused.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    # Reversed phone digits: "last digits of the phone" becomes a prefix query.
    phone_tail: Mapped[str | None] = mapped_column(String(20), index=True)
    pinyin: Mapped[str] = mapped_column(String(160), default="", index=True)
    initials: Mapped[str] = mapped_column(String(64), default="", index=True)
    gender: Mapped[str] = mapped_column(String(8), default="")
    occupation: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    card_version: Mapped[int] = mapped_column(Integer, default=1)
    card_replaced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    followup_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    followup_consent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_learner_name_phone", "name", "phone"),)


class Course(Base):
    __tablename__ = "course"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    title: Mapped[str] = mapped_column(String(128))
    category: Mapped[str] = mapped_column(String(64), default="")
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("instructor.id"), index=True)
    fee_tier: Mapped[FeeTier] = mapped_column(_enum(FeeTier))
    market_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    capacity: Mapped[int] = mapped_column(Integer)
    total_hours: Mapped[int] = mapped_column(Integer, default=0)
    completion_threshold_pct: Mapped[int] = mapped_column(Integer, default=80)
    excused_counts: Mapped[bool] = mapped_column(Boolean, default=False)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    room: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    instructor: Mapped[Instructor | None] = relationship(lazy="raise")


class Lesson(Base):
    __tablename__ = "lesson"
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"))
    starts_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    room: Mapped[str] = mapped_column(String(64), default="")
    topic: Mapped[str] = mapped_column(String(128), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_lesson_course_start", "course_id", "starts_at"),)


class Enrollment(Base):
    __tablename__ = "enrollment"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    status: Mapped[EnrollmentStatus] = mapped_column(_enum(EnrollmentStatus))
    # Fixed when the enrollment is made: a later price change never rewrites it.
    fee_due_fen: Mapped[int] = mapped_column(Integer, default=0)
    market_price_fen: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    # Waiting-list order: the earliest waitlisted_at moves up first.
    waitlisted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(16), default="desk")
    # Lessons of the course the learner came to (present or late) and was
    # excused from: live attendance rows of lessons not cancelled, whenever
    # they start. Kept by triggers in the store (migration 0006) on every
    # write of attendance, lessons and enrollments; never written by code.
    arrived_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    excused_count: Mapped[int] = mapped_column(Integer, server_default=text("0"))

    __table_args__ = (
        UniqueConstraint("learner_id", "course_id", name="uq_enrollment_learner_course"),
        Index("ix_enrollment_course_status", "course_id", "status"),
        # The waiting lists of the whole school (the dashboard) without
        # reading every enrollment.
        Index("ix_enrollment_status_course", "status", "course_id"),
    )


class Attendance(Base):
    __tablename__ = "attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    enrollment_id: Mapped[int | None] = mapped_column(ForeignKey("enrollment.id"))
    status: Mapped[AttendanceStatus] = mapped_column(_enum(AttendanceStatus))
    method: Mapped[CheckInMethod] = mapped_column(_enum(CheckInMethod))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    desk: Mapped[str] = mapped_column(String(32), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    voided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    void_reason: Mapped[str | None] = mapped_column(String(200))
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Entered after its lesson was over (a paper sheet typed in, a desk that
    # was down): why, in the desk's words or a LateEntryReason value. Who is
    # staff_id and desk; when, recorded_at. None for a check-in on time.
    late_entry_reason: Mapped[str | None] = mapped_column(String(200))
    # Scanned while the desk could not reach the store, uploaded later: the
    # desk's own id of the scan (unique, so an upload retried never records
    # twice); ``at`` is the scan's time, ``recorded_at`` the upload's.
    offline_id: Mapped[str | None] = mapped_column(String(40), unique=True, index=True)

    __table_args__ = (
        # One live attendance per learner per lesson, decided by the store.
        Index(
            "uq_attendance_live",
            "lesson_id",
            "learner_id",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
            postgresql_where=text("voided_at IS NULL"),
        ),
    )


class ScanLog(Base):
    """Every refused scan, for the desk's own statistics."""

    __tablename__ = "scan_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    desk: Mapped[str] = mapped_column(String(32), default="")
    raw: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(32))
    learner_id: Mapped[int | None] = mapped_column(ForeignKey("learner.id"))


class LedgerEntry(Base):
    """Append-only money movements; the store refuses UPDATE and DELETE."""

    __tablename__ = "ledger_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollment.id"), index=True)
    kind: Mapped[LedgerKind] = mapped_column(_enum(LedgerKind))
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[PaymentMethod | None] = mapped_column(_enum(PaymentMethod))
    reference: Mapped[str | None] = mapped_column(String(64))
    receipt_no: Mapped[str | None] = mapped_column(String(32), unique=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entry.id"))
    reason: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    business_date: Mapped[dt.date] = mapped_column(Date, index=True)
    desk: Mapped[str] = mapped_column(String(32), default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # The hash chain (frontdesk.store.chain): the row before's hash, and this row's.
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index(
            "uq_ledger_method_reference",
            "method",
            "reference",
            unique=True,
            sqlite_where=text("reference IS NOT NULL"),
            postgresql_where=text("reference IS NOT NULL"),
        ),
    )


class Counter(Base):
    """Gap-free numbering (receipts per year, certificate serials)."""

    __tablename__ = "counter"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)


class CashUp(Base):
    __tablename__ = "cash_up"
    id: Mapped[int] = mapped_column(primary_key=True)
    business_date: Mapped[dt.date] = mapped_column(Date)
    desk: Mapped[str] = mapped_column(String(32), default="")
    expected_cash_fen: Mapped[int] = mapped_column(Integer)
    counted_cash_fen: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))

    __table_args__ = (UniqueConstraint("business_date", "desk", name="uq_cash_up_date_desk"),)


class Certificate(Base):
    __tablename__ = "certificate"
    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollment.id"), index=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    exception_reason: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoke_reason: Mapped[str | None] = mapped_column(String(200))
    # Copies kept so a certificate still verifies after the learner is anonymised.
    learner_name: Mapped[str] = mapped_column(String(64), default="")
    course_title: Mapped[str] = mapped_column(String(128), default="")

    __table_args__ = (
        # One live certificate per enrollment, decided by the store; a revoked one
        # stays beside its replacement, so its serial still verifies as revoked.
        Index(
            "uq_certificate_live",
            "enrollment_id",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[StaffRole] = mapped_column(_enum(StaffRole))
    password_hash: Mapped[str] = mapped_column(String(255))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class SigningKey(Base):
    """A public key the school signs certificates with; the private half is never here."""

    __tablename__ = "signing_key"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)  # PEM
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """Append-only trace of every change that matters."""

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    desk: Mapped[str] = mapped_column(String(32), default="")
    action: Mapped[str] = mapped_column(String(48), index=True)
    entity: Mapped[str] = mapped_column(String(32), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    learner_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    # SHA-256 of the event's personal values, kept apart (and erasable) in audit_personal.
    personal_digest: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    row_hash: Mapped[str | None] = mapped_column(String(64))


class AuditPersonal(Base):
    """Personal values of an audit event, kept apart so anonymising can erase them.

    ``digest`` (SHA-256 of ``data``, which holds a random salt) is what the
    event records, and what the hash chain covers."""

    __tablename__ = "audit_personal"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class Outcome(Base):
    __tablename__ = "outcome"
    id: Mapped[int] = mapped_column(primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id"))
    kind: Mapped[OutcomeKind] = mapped_column(_enum(OutcomeKind))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
