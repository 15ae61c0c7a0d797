"""Add audit_records.files: kind, size and findings of attached files (no names, no content)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_records') as batch:
        batch.add_column(sa.Column('files', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('audit_records') as batch:
        batch.drop_column('files')
