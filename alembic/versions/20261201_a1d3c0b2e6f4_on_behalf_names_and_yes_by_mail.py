"""the name a poster typed for a caregiver; handoffs that wait for a yes by mail

Revision ID: a1d3c0b2e6f4
Revises: 797f3df6ee2e
Create Date: 2026-12-01 09:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = 'a1d3c0b2e6f4'
down_revision: str | None = '797f3df6ee2e'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('handoff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject_id', sa.Integer(), nullable=True))

    with op.batch_alter_table('helprequest', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('caregiver_name', sqlmodel.sql.sqltypes.AutoString(length=60), server_default='', nullable=False)
        )
    with op.batch_alter_table('helprequest', schema=None) as batch_op:  # '' only for rows made before
        batch_op.alter_column('caregiver_name', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('helprequest', schema=None) as batch_op:
        batch_op.drop_column('caregiver_name')

    with op.batch_alter_table('handoff', schema=None) as batch_op:
        batch_op.drop_column('subject_id')
