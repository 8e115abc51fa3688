"""clean stored names, late entries on attendance, refused scans without personal data

Names stored before names were cleaned lose control, bidirectional and
invisible characters (one audit event per changed name). Attendance gains
``late_entry_reason``. Refused foreign and certificate codes in the scan log
keep only a keyed fingerprint (a certificate's code holds its holder's name).

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-04 23:40:00
"""

import datetime as dt
import hashlib
import hmac
import json

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None

_NAME_TABLES = (  # table, name column, audit action, entity
    ("learner", "name", "learner.name_cleaned", "learner"),
    ("instructor", "name", "instructor.name_cleaned", "instructor"),
    ("staff", "display_name", "staff.name_cleaned", "staff"),
)


def upgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('late_entry_reason', sa.String(length=200), nullable=True))
    bind = op.get_bind()
    now = dt.datetime.now(dt.UTC)
    for table, column, action, entity in _NAME_TABLES:
        _clean_names(bind, table, column, action, entity, now)
    _fingerprint_scans(bind)


def downgrade() -> None:
    # Cleaned names and fingerprints stay as they are: the old values were
    # the defect, and the audit trail keeps each name as it was.
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_column('late_entry_reason')


_INSERT_EVENT = sa.text(
    "INSERT INTO audit_event (at, staff_id, desk, action, entity, entity_id, learner_id, "
    "before, after) VALUES (:at, NULL, '', :action, :entity, :id, :learner_id, :before, :after)"
).bindparams(sa.bindparam("at", type_=sa.DateTime(timezone=True)))


def _clean_names(bind, table: str, column: str, action: str, entity: str,
                 now: dt.datetime) -> None:
    from frontdesk.text import pinyin_keys, scrub_name

    rows = bind.execute(sa.text(f"SELECT id, {column} FROM {table} ORDER BY id")).all()
    for row_id, name in rows:
        clean = scrub_name(name or "") or "—"
        if clean == name:
            continue
        values = {"id": row_id, "name": clean}
        if table == "learner":
            values["pinyin"], values["initials"] = pinyin_keys(clean)
            bind.execute(sa.text("UPDATE learner SET name = :name, pinyin = :pinyin, "
                                 "initials = :initials WHERE id = :id"), values)
        else:
            bind.execute(sa.text(f"UPDATE {table} SET {column} = :name WHERE id = :id"), values)
        bind.execute(_INSERT_EVENT, {
                "at": now, "action": action, "entity": entity, "id": row_id,
                "learner_id": row_id if table == "learner" else None,
                "before": json.dumps({"name": name}, ensure_ascii=False),
                "after": json.dumps({"name": clean, "reason": "invisible_characters"},
                                    ensure_ascii=False)})


def _fingerprint_scans(bind) -> None:
    """As frontdesk.checkin.scan.fingerprint at this revision (kept here, frozen)."""
    secret_hex = bind.execute(
        sa.text("SELECT value FROM setting WHERE key = 'card_secret'")).scalar()
    secret = bytes.fromhex(secret_hex) if secret_hex else b""
    rows = bind.execute(sa.text(
        "SELECT id, raw FROM scan_log WHERE outcome LIKE 'not_our_code%' "
        "OR outcome = 'certificate'")).all()
    for row_id, raw in rows:
        text = raw or ""
        if "…#" in text:
            continue
        head = text[:2] if text[:2].isascii() and text[:2].isalnum() else ""
        digest = hmac.new(secret, b"scan-log\n" + text.encode("utf-8", "replace"),
                          hashlib.sha256).hexdigest()[:12]
        bind.execute(sa.text("UPDATE scan_log SET raw = :raw WHERE id = :id"),
                     {"id": row_id, "raw": f"{head}…#{digest}/{len(text)}"})
