"""refresh state (queued/running/done/failed, progress, heartbeat), per-paper locks, schedule

Revision ID: 0003_service
Revises: 0002_labels
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_service"
down_revision: str | Sequence[str] | None = "0002_labels"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("refreshes") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=16), server_default="done", nullable=False)
        )
        batch.add_column(
            sa.Column("trigger", sa.String(length=16), server_default="user", nullable=False)
        )
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("done", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("total", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
        batch.create_check_constraint("state", "state IN ('queued', 'running', 'done', 'failed')")
        batch.create_index("ix_refreshes_state", ["state"])
    # Refreshes left "running" by the old code died with their job process.
    op.execute(
        "UPDATE refreshes SET state = 'failed', status = 'failed', "
        "error = 'interrupted before the upgrade' WHERE status = 'running'"
    )
    op.execute("UPDATE refreshes SET state = 'failed' WHERE status = 'failed'")
    op.create_table(
        "refresh_locks",
        sa.Column("source_id", sa.String(length=64), nullable=False),
        sa.Column("refresh_id", sa.Integer(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["refresh_id"],
            ["refreshes.id"],
            name=op.f("fk_refresh_locks_refresh_id_refreshes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("source_id", name=op.f("pk_refresh_locks")),
    )
    op.create_table(
        "scheduled_jobs",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduled_jobs")),
    )


def downgrade() -> None:
    op.drop_table("scheduled_jobs")
    op.drop_table("refresh_locks")
    with op.batch_alter_table("refreshes") as batch:
        batch.drop_index("ix_refreshes_state")
        batch.drop_constraint(op.f("ck_refreshes_state"), type_="check")
        for column in ("error", "total", "done", "heartbeat_at", "trigger", "state"):
            batch.drop_column(column)
