"""OpenID Provider: clients, grants, authorization codes, tokens, subjects, assertion replay cache

Revision ID: 0030
Revises: 0010
Create Date: 2026-11-22 11:24:48.572845
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "oidc_assertion_jtis",
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("jti", sa.String(length=255), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("client_id", "jti", name=op.f("pk_oidc_assertion_jtis")),
    )
    with op.batch_alter_table("oidc_assertion_jtis", schema=None) as batch_op:
        batch_op.create_index("ix_oidc_assertion_jtis_expires", ["expires_at"], unique=False)

    op.create_table(
        "oidc_clients",
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("auth_method", sa.String(length=32), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=True),
        sa.Column("redirect_uris", sa.JSON(), nullable=False),
        sa.Column("post_logout_redirect_uris", sa.JSON(), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("grant_types", sa.JSON(), nullable=False),
        sa.Column("id_token_signed_response_alg", sa.String(length=8), nullable=False),
        sa.Column("subject_type", sa.String(length=8), nullable=False),
        sa.Column("pairwise_salt", sa.String(length=64), nullable=False),
        sa.Column("backchannel_logout_uri", sa.String(length=2000), nullable=True),
        sa.Column("frontchannel_logout_uri", sa.String(length=2000), nullable=True),
        sa.Column("jwks_uri", sa.String(length=2000), nullable=True),
        sa.Column("jwks", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["applications.client_id"],
            name=op.f("fk_oidc_clients_client_id_applications"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_oidc_clients")),
    )
    op.create_table(
        "oidc_subjects",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_oidc_subjects_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_oidc_subjects")),
        sa.UniqueConstraint("subject", name=op.f("uq_oidc_subjects_subject")),
    )
    op.create_table(
        "oidc_grants",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("sid", sa.String(length=43), nullable=False),
        sa.Column("scope", sa.String(length=1000), nullable=False),
        sa.Column("nonce", sa.String(length=512), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("auth_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["oidc_clients.client_id"],
            name=op.f("fk_oidc_grants_client_id_oidc_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sso_sessions.id"],
            name=op.f("fk_oidc_grants_session_id_sso_sessions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_oidc_grants_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oidc_grants")),
    )
    with op.batch_alter_table("oidc_grants", schema=None) as batch_op:
        batch_op.create_index("ix_oidc_grants_session", ["session_id"], unique=False)

    op.create_table(
        "oidc_authorization_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("grant_id", sa.String(length=43), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("redirect_uri", sa.String(length=2000), nullable=False),
        sa.Column("code_challenge", sa.String(length=128), nullable=False),
        sa.Column("code_challenge_method", sa.String(length=8), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["oidc_grants.id"],
            name=op.f("fk_oidc_authorization_codes_grant_id_oidc_grants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_oidc_authorization_codes")),
    )
    with op.batch_alter_table("oidc_authorization_codes", schema=None) as batch_op:
        batch_op.create_index("ix_oidc_authorization_codes_expires", ["expires_at"], unique=False)

    op.create_table(
        "oidc_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("grant_id", sa.String(length=43), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("scope", sa.String(length=1000), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["grant_id"], ["oidc_grants.id"], name=op.f("fk_oidc_tokens_grant_id_oidc_grants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_oidc_tokens")),
    )
    with op.batch_alter_table("oidc_tokens", schema=None) as batch_op:
        batch_op.create_index("ix_oidc_tokens_expires", ["expires_at"], unique=False)
        batch_op.create_index("ix_oidc_tokens_grant", ["grant_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("oidc_tokens", schema=None) as batch_op:
        batch_op.drop_index("ix_oidc_tokens_grant")
        batch_op.drop_index("ix_oidc_tokens_expires")

    op.drop_table("oidc_tokens")
    with op.batch_alter_table("oidc_authorization_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_oidc_authorization_codes_expires")

    op.drop_table("oidc_authorization_codes")
    with op.batch_alter_table("oidc_grants", schema=None) as batch_op:
        batch_op.drop_index("ix_oidc_grants_session")

    op.drop_table("oidc_grants")
    op.drop_table("oidc_subjects")
    op.drop_table("oidc_clients")
    with op.batch_alter_table("oidc_assertion_jtis", schema=None) as batch_op:
        batch_op.drop_index("ix_oidc_assertion_jtis_expires")

    op.drop_table("oidc_assertion_jtis")
