"""story membership (each article's story: the id of its first article); newspapers' names

Revision ID: 0004_stories
Revises: 0003_service
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_stories"
down_revision: str | Sequence[str] | None = "0003_service"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Articles stored before this revision stay unassigned (NULL); the next stored articles
    # assign the unassigned ones of their time window along with themselves.
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer(), nullable=True))
        batch.create_index("ix_articles_story_id", ["story_id"])
    op.create_table(
        "newspapers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_newspapers")),
    )


def downgrade() -> None:
    op.drop_table("newspapers")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_story_id")
        batch.drop_column("story_id")
