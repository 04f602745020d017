"""resolver indexes: parties by name key, mandates covering the resolver's probes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:02:00.000000

The selection screen pages mandators by ``lower(name)`` compared by code point (``mandate_resolver.sql.
name_key``): binary in SQLite, ``COLLATE "C"`` in PostgreSQL, so the database orders exactly as the chain
merges. The first index below is that expression, then the identifier as tie-break, so a page is a keyset
range scan, and a search by the start of a name is a range of the same index.

The second covers "a signed mandate of these types, held by this mandatee, from this mandator, valid today"
(``mandate_resolver.ssm.rules.signed_and_current``), so counting a firm's mandators and probing each party
of a page for a mandate read the index alone.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            'CREATE INDEX ix_parties_name_key ON parties ((lower(name) COLLATE "C"), scheme COLLATE "C", '
            'identifier COLLATE "C")'
        )
    else:
        op.create_index("ix_parties_name_key", "parties", [sa.text("lower(name)"), "scheme", "identifier"])
    op.create_index(
        "ix_mandates_reach",
        "mandates",
        ["mandatee_id", "state", "mandate_type_id", "mandator_id", "valid_from", "valid_until"],
    )


def downgrade() -> None:
    op.drop_index("ix_mandates_reach", table_name="mandates")
    op.drop_index("ix_parties_name_key", table_name="parties")
