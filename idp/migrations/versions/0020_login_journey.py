"""login journey: failed-login counters and per-application login demands

Revision ID: 0020
Revises: 0010
Create Date: 2026-11-22 11:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_counters",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_counters")),
    )
    op.create_table(
        "application_login_policies",
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("min_acr", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_application_login_policies")),
    )


def downgrade() -> None:
    op.drop_table("application_login_policies")
    op.drop_table("login_counters")
