"""tamper evidence: hash-chained ledger and audit, append-only that holds

Revision ID: 0002
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
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
    for table in APPEND_ONLY:
        _chain_existing_rows(table)
    _create_guards()


def downgrade() -> None:
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
