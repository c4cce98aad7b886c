"""newspaper labels on articles (section, section_label), language, coverage; corrections

Revision ID: 0002_labels
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_labels"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("section", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("section_label", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("coverage", sa.Float(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_articles_coverage"), "coverage >= 0 AND coverage <= 1"
        )
        batch.create_index("ix_articles_section_label", ["section_label"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("model_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_corrections_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index("ix_corrections_article_id", "corrections", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_corrections_article_id", table_name="corrections")
    op.drop_table("corrections")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_section_label")
        batch.drop_constraint(op.f("ck_articles_coverage"), type_="check")
        batch.drop_column("coverage")
        batch.drop_column("language")
        batch.drop_column("section_label")
        batch.drop_column("section")
