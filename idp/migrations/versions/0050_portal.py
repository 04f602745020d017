"""portal entries: the party a login acts for in the mandate portal

Revision ID: 0050
Revises: 0010
Create Date: 2026-11-22 14:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0050"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_entries",
        sa.Column("session_id", sa.String(length=64), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("chosen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(["party_id"], ["parties.id"], name=op.f("fk_portal_entries_party_id_parties")),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sso_sessions.id"],
            name=op.f("fk_portal_entries_session_id_sso_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_portal_entries")),
    )


def downgrade() -> None:
    op.drop_table("portal_entries")
