"""sessions and pending logins

Revision ID: 0010
Revises: 0001
Create Date: 2026-11-22 11:20:51.768796
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sso_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("sid", sa.String(length=43), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("authenticated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acr", sa.String(length=64), nullable=False),
        sa.Column("amr", sa.JSON(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sso_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_sessions")),
        sa.UniqueConstraint("sid", name=op.f("uq_sso_sessions_sid")),
    )
    with op.batch_alter_table("sso_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_sso_sessions_user", ["user_id"], unique=False)

    op.create_table(
        "pending_logins",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column("browser_binding", sa.String(length=64), nullable=False),
        sa.Column("protocol", sa.String(length=8), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("resume_endpoint", sa.String(length=64), nullable=False),
        sa.Column("protocol_request", sa.JSON(), nullable=False),
        sa.Column("force_authn", sa.Boolean(), nullable=False),
        sa.Column("passive", sa.Boolean(), nullable=False),
        sa.Column("select_account", sa.Boolean(), nullable=False),
        sa.Column("max_age_s", sa.Integer(), nullable=True),
        sa.Column("acr_values", sa.JSON(), nullable=False),
        sa.Column("login_hint", sa.String(length=2048), nullable=False),
        sa.Column("ui_locales", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("selection_key", sa.String(length=200), nullable=False),
        sa.Column("selection", sa.JSON(), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=False),
        sa.Column("error_description", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sso_sessions.id"],
            name=op.f("fk_pending_logins_session_id_sso_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pending_logins_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_logins")),
    )
    with op.batch_alter_table("pending_logins", schema=None) as batch_op:
        batch_op.create_index("ix_pending_logins_expires", ["expires_at"], unique=False)

    op.create_table(
        "sso_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("protocol", sa.String(length=8), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("selection_key", sa.String(length=200), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sso_sessions.id"],
            name=op.f("fk_sso_participants_session_id_sso_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sso_participants")),
        sa.UniqueConstraint("session_id", "protocol", "client_id", name="uq_sso_participants_client"),
    )


def downgrade() -> None:
    op.drop_table("sso_participants")
    with op.batch_alter_table("pending_logins", schema=None) as batch_op:
        batch_op.drop_index("ix_pending_logins_expires")

    op.drop_table("pending_logins")
    with op.batch_alter_table("sso_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_sso_sessions_user")

    op.drop_table("sso_sessions")
