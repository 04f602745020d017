"""portal jobs: uploaded CSV files of new mandates, their dry run and their creation

Revision ID: 0051
Revises: 0050
Create Date: 2026-11-22 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0051"
down_revision = "0050"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_jobs",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("problems", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["parties.id"], name=op.f("fk_portal_jobs_party_id_parties"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["session_id"], ["sso_sessions.id"], name=op.f("fk_portal_jobs_session_id_sso_sessions"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_portal_jobs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_portal_jobs")),
    )
    with op.batch_alter_table("portal_jobs", schema=None) as batch_op:
        batch_op.create_index("ix_portal_jobs_session", ["session_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("portal_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_portal_jobs_session")
    op.drop_table("portal_jobs")
