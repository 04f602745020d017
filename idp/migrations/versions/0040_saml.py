"""saml service providers and replay cache

Revision ID: 0040
Revises: 0010
Create Date: 2026-11-22 11:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saml_service_providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=1024), nullable=False),
        sa.Column("metadata_xml", sa.Text(), nullable=False),
        sa.Column("metadata_url", sa.String(length=2048), nullable=False),
        sa.Column("name_id_formats", sa.JSON(), nullable=False),
        sa.Column("attribute_profile", sa.String(length=32), nullable=False),
        sa.Column("encrypt_assertions", sa.Boolean(), nullable=False),
        sa.Column("allow_idp_initiated", sa.Boolean(), nullable=False),
        sa.Column("require_signed_requests", sa.Boolean(), nullable=False),
        sa.Column("name_id_secret", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saml_service_providers")),
        sa.UniqueConstraint("entity_id", name=op.f("uq_saml_service_providers_entity_id")),
    )
    op.create_table(
        "saml_seen_requests",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("issuer", sa.String(length=1024), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saml_seen_requests")),
    )
    with op.batch_alter_table("saml_seen_requests", schema=None) as batch_op:
        batch_op.create_index("ix_saml_seen_requests_expires", ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("saml_seen_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_saml_seen_requests_expires")
    op.drop_table("saml_seen_requests")
    op.drop_table("saml_service_providers")
