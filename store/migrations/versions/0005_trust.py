"""who made each correction (a token id or a salted hash of the client address)

Revision ID: 0005_trust
Revises: 0004_stories
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_trust"
down_revision: str | Sequence[str] | None = "0004_stories"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Corrections stored before this revision have no client: they count as one unknown one.
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("client", sa.String(length=64), nullable=True))
        batch.create_index("ix_corrections_client", ["client"])


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_index("ix_corrections_client")
        batch.drop_column("client")
