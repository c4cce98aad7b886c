"""articles, refreshes and per-source refresh results

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "refreshes",
        sa.Column("id", sa.Integer(), nullable=False),
        _when("started_at"),
        _when("finished_at", nullable=True),
        sa.Column("source_ids", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "status IN ('running', 'ok', 'partial', 'failed')", name=op.f("ck_refreshes_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refreshes")),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_source", sa.String(length=16), nullable=False),
        _when("published", nullable=True),
        _when("sort_at"),
        _when("first_seen"),
        _when("last_seen"),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("probabilities", sa.JSON(), nullable=False),
        sa.Column("model_version", sa.String(length=64), nullable=False),
        sa.Column("refresh_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "text_source IN ('page', 'summary')", name=op.f("ck_articles_text_source")
        ),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_articles_confidence")
        ),
        sa.ForeignKeyConstraint(
            ["refresh_id"],
            ["refreshes.id"],
            name=op.f("fk_articles_refresh_id_refreshes"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    op.create_index("ix_articles_label_sort_at", "articles", ["label", "sort_at"])
    op.create_index("ix_articles_sort_at_id", "articles", ["sort_at", "id"])
    op.create_index("ix_articles_source_sort_at", "articles", ["source_id", "sort_at"])
    op.create_table(
        "refresh_sources",
        sa.Column("refresh_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("duration_s", sa.Float(), nullable=False),
        _when("finished_at"),
        sa.ForeignKeyConstraint(
            ["refresh_id"],
            ["refreshes.id"],
            name=op.f("fk_refresh_sources_refresh_id_refreshes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("refresh_id", "source_id", name=op.f("pk_refresh_sources")),
    )
    op.create_index(
        "ix_refresh_sources_source_finished", "refresh_sources", ["source_id", "finished_at"]
    )


def downgrade() -> None:
    op.drop_table("refresh_sources")
    op.drop_table("articles")
    op.drop_table("refreshes")
