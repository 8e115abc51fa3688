"""tamper evidence: hash-chained ledger and audit, append-only that holds;
the certificate signing key moved out of the store

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

APPEND_ONLY = ("ledger_entry", "audit_event")


def upgrade() -> None:
    _drop_old_guards()
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
    op.create_table('audit_personal',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('digest', name=op.f('pk_audit_personal'))
    )
    _set_personal_values_apart()
    for table in APPEND_ONLY:
        _chain_existing_rows(table)
    _create_guards()
    op.create_table('signing_key',
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_signing_key'))
    )
    _move_signing_key_out()


def downgrade() -> None:
    # A key file cannot be read without its passphrase: the older release
    # makes itself a new key on its first certificate.
    op.drop_table('signing_key')
    op.drop_table('audit_personal')  # names in older events are not put back
    _drop_guards()
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('personal_digest')
    with op.batch_alter_table('ledger_entry', schema=None) as batch_op:
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
    op.execute("DELETE FROM counter WHERE name LIKE 'chain:%'")
    _create_old_guards()


def _set_personal_values_apart() -> None:
    """Names and phones in older audit events move to audit_personal (erasable)."""
    import json

    from frontdesk.staff.audit import personal_part

    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, \"before\", \"after\" FROM audit_event ORDER BY id")).all()
    for row_id, before, after in rows:
        parsed = [json.loads(v) if v else None for v in (before, after)]
        if not all(p is None or isinstance(p, dict) for p in parsed):
            continue
        new_before, new_after, apart = personal_part(parsed[0], parsed[1])
        if apart is None:
            continue
        dump = lambda v: None if v is None else json.dumps(v, ensure_ascii=False)  # noqa: E731
        bind.execute(sa.text("INSERT INTO audit_personal (digest, data) VALUES (:d, :data)"),
                     {"d": apart[0], "data": apart[1]})
        bind.execute(sa.text(
            "UPDATE audit_event SET \"before\" = :b, \"after\" = :a, personal_digest = :d "
            "WHERE id = :i"), {"b": dump(new_before), "a": dump(new_after), "d": apart[0],
                               "i": row_id})


def _chain_existing_rows(table_name: str) -> None:
    """Seal the rows an older FrontDesk wrote, in id order, and count them."""
    from frontdesk.store.chain import CONTENT, GENESIS, counter_name, row_hash
    from frontdesk.store.models import Base

    bind = op.get_bind()
    table = Base.metadata.tables[table_name]
    columns = [table.c.id, *(table.c[name] for name in CONTENT[table_name])]
    prev, updates = GENESIS, []
    for row in bind.execute(sa.select(*columns).order_by(table.c.id)).mappings():
        digest = row_hash(table_name, prev, row)
        updates.append({"row_id": row["id"], "prev": prev, "digest": digest})
        prev = digest
    if updates:
        bind.execute(
            sa.text(f"UPDATE {table_name} SET prev_hash = :prev, row_hash = :digest "
                    "WHERE id = :row_id"), updates)
    bind.execute(sa.text("INSERT INTO counter (name, value) VALUES (:name, :value)"),
                 {"name": counter_name(table_name), "value": len(updates)})


def _move_signing_key_out() -> None:
    """The private key leaves the store (and so every later backup) for a key file
    in this computer's FrontDesk data folder, unprotected until an administrator
    sets its passphrase on the first certificate (README: "Keys that stay home")."""
    import datetime as dt

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from frontdesk.certificates.keys import key_file, key_id_of, write_unprotected_key_file
    from frontdesk.certificates.signing import pem_of

    bind = op.get_bind()
    value = bind.execute(sa.text(
        "SELECT value FROM setting WHERE key = 'certificate_signing_key'")).scalar()
    if value is None:
        return
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(value))
    key_id = key_id_of(key.public_key())
    path = key_file(key_id)
    if not path.exists():
        write_unprotected_key_file(path, key)
    keys = sa.table('signing_key', sa.column('key_id', sa.String()),
                    sa.column('public_key', sa.Text()),
                    sa.column('created_at', sa.DateTime()))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(keys, [{"key_id": key_id, "public_key": pem_of(key.public_key()),
                           "created_at": now}])
    bind.execute(sa.text("DELETE FROM setting WHERE key = 'certificate_signing_key'"))


def _create_guards() -> None:
    """Append-only the store holds to, whatever code talks to it."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
            # INSERT OR REPLACE deletes the row it replaces without firing the
            # DELETE trigger unless recursive_triggers is on: refuse it here too.
            clash = "id = NEW.id"
            if table == "ledger_entry":
                clash += " OR receipt_no = NEW.receipt_no"
            op.execute(
                f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {clash}) "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
    elif dialect == "postgresql":
        for table in APPEND_ONLY:
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only()")
            op.execute(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION frontdesk_append_only()")


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for name in ("no_update", "no_delete", "no_replace"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{name}")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")


def _drop_old_guards() -> None:
    _drop_guards()


def _create_old_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for verb in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        elif dialect == "postgresql":
            op.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION frontdesk_append_only()")
