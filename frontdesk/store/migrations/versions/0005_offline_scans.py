"""offline scans: an attendance row uploaded from a desk's outbox names its scan

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-04 23:55:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offline_id', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_attendance_offline_id'), ['offline_id'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_offline_id'))
        batch_op.drop_column('offline_id')
