"""Add audit_records.confirm_outcome: what became of a confirm preview (sent / cancelled / expired)

Confirm records written before this revision cannot say whether they were sent; they are marked
'unknown' so that the digest does not count them as sent, nor as never answered.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_records') as batch:
        batch.add_column(sa.Column('confirm_outcome', sa.String(length=10), nullable=True))
    op.execute("UPDATE audit_records SET confirm_outcome = 'unknown' WHERE action = 'confirm'")


def downgrade() -> None:
    with op.batch_alter_table('audit_records') as batch:
        batch.drop_column('confirm_outcome')
