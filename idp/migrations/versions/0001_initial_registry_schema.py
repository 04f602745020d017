"""initial registry schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 11:14:08.271906
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("protocol", sa.String(length=8), nullable=False),
        sa.Column("legal_representatives", sa.Boolean(), nullable=False),
        sa.Column("allow_citizen", sa.Boolean(), nullable=False),
        sa.Column("allow_employee", sa.Boolean(), nullable=False),
        sa.Column("claim_profile", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("client_id", name=op.f("uq_applications_client_id")),
    )
    op.create_table(
        "mandate_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("mandator_person", sa.Boolean(), nullable=False),
        sa.Column("mandator_organisation", sa.Boolean(), nullable=False),
        sa.Column("mandatee_person", sa.Boolean(), nullable=False),
        sa.Column("mandatee_organisation", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate_types")),
        sa.UniqueConstraint("code", name=op.f("uq_mandate_types_code")),
        sa.UniqueConstraint("number", name=op.f("uq_mandate_types_number")),
    )
    op.create_table(
        "parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("person", "organisation", name="partykind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("scheme", sa.String(length=24), nullable=False),
        sa.Column("identifier", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("given_name", sa.String(length=100), nullable=True),
        sa.Column("family_name", sa.String(length=100), nullable=True),
        sa.Column("target_group", sa.String(length=8), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("postal_code", sa.String(length=16), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parties")),
        sa.UniqueConstraint("scheme", "identifier", name="uq_parties_scheme_identifier"),
    )
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.create_index("ix_parties_name_id", ["name", "id"], unique=False)

    op.create_table(
        "application_mandate_types",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("mandate_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_mandate_types_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mandate_type_id"],
            ["mandate_types.id"],
            name=op.f("fk_application_mandate_types_mandate_type_id_mandate_types"),
        ),
        sa.PrimaryKeyConstraint("application_id", "mandate_type_id", name=op.f("pk_application_mandate_types")),
    )
    op.create_table(
        "legal_representatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("function", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name=op.f("ck_legal_representatives_dates")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["parties.id"], name=op.f("fk_legal_representatives_organisation_id_parties")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["parties.id"], name=op.f("fk_legal_representatives_person_id_parties")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_representatives")),
    )
    with op.batch_alter_table("legal_representatives", schema=None) as batch_op:
        batch_op.create_index("ix_legal_representatives_organisation", ["organisation_id"], unique=False)
        batch_op.create_index("ix_legal_representatives_person", ["person_id", "organisation_id"], unique=False)

    op.create_table(
        "mandate_type_texts",
        sa.Column("mandate_type_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("creation_text", sa.Text(), nullable=False),
        sa.Column("stop_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mandate_type_id"],
            ["mandate_types.id"],
            name=op.f("fk_mandate_type_texts_mandate_type_id_mandate_types"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("mandate_type_id", "language", name=op.f("pk_mandate_type_texts")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("preferred_language", sa.String(length=2), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["parties.id"], name=op.f("fk_users_person_id_parties")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("person_id", name=op.f("uq_users_person_id")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["actor_user_id"], ["users.id"], name=op.f("fk_audit_log_actor_user_id_users")),
        sa.ForeignKeyConstraint(["subject_user_id"], ["users.id"], name=op.f("fk_audit_log_subject_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_at", ["at"], unique=False)
        batch_op.create_index("ix_audit_log_subject", ["subject_user_id", "at"], unique=False)

    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("secret", sa.String(length=512), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_credentials_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credentials")),
    )
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.create_index("ix_credentials_user_kind", ["user_id", "kind"], unique=False)

    op.create_table(
        "local_administrators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "valid_until IS NULL OR valid_until >= valid_from", name=op.f("ck_local_administrators_dates")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["parties.id"], name=op.f("fk_local_administrators_organisation_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_local_administrators_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_local_administrators")),
    )
    with op.batch_alter_table("local_administrators", schema=None) as batch_op:
        batch_op.create_index("ix_local_administrators_organisation", ["organisation_id"], unique=False)
        batch_op.create_index("ix_local_administrators_user", ["user_id"], unique=False)

    op.create_table(
        "mandates",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mandate_type_id", sa.Integer(), nullable=False),
        sa.Column("mandator_id", sa.Integer(), nullable=False),
        sa.Column("mandatee_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "awaiting_signature",
                "signed",
                "refused",
                "stopped",
                name="mandatestate",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("initiator", sa.String(length=8), nullable=False),
        sa.Column("mandator_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mandator_signed_by", sa.Integer(), nullable=True),
        sa.Column("mandatee_signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mandatee_signed_by", sa.Integer(), nullable=True),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("stopped_by", sa.Integer(), nullable=True),
        sa.Column("pending_mandatee_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("mandator_id <> mandatee_id", name=op.f("ck_mandates_distinct_parties")),
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name=op.f("ck_mandates_dates")),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_mandates_created_by_users")),
        sa.ForeignKeyConstraint(
            ["mandate_type_id"], ["mandate_types.id"], name=op.f("fk_mandates_mandate_type_id_mandate_types")
        ),
        sa.ForeignKeyConstraint(["mandatee_id"], ["parties.id"], name=op.f("fk_mandates_mandatee_id_parties")),
        sa.ForeignKeyConstraint(
            ["mandatee_signed_by"], ["users.id"], name=op.f("fk_mandates_mandatee_signed_by_users")
        ),
        sa.ForeignKeyConstraint(["mandator_id"], ["parties.id"], name=op.f("fk_mandates_mandator_id_parties")),
        sa.ForeignKeyConstraint(
            ["mandator_signed_by"], ["users.id"], name=op.f("fk_mandates_mandator_signed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["pending_mandatee_id"], ["parties.id"], name=op.f("fk_mandates_pending_mandatee_id_parties")
        ),
        sa.ForeignKeyConstraint(["stopped_by"], ["users.id"], name=op.f("fk_mandates_stopped_by_users")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_mandates")),
        sa.UniqueConstraint("id", name=op.f("uq_mandates_id")),
    )
    with op.batch_alter_table("mandates", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mandates_mandatee_state_type",
            ["mandatee_id", "state", "mandate_type_id", "mandator_id"],
            unique=False,
        )
        batch_op.create_index("ix_mandates_mandator_state", ["mandator_id", "state"], unique=False)
        batch_op.create_index("ix_mandates_pending_mandatee", ["pending_mandatee_id"], unique=False)
        batch_op.create_index("ix_mandates_reference", ["reference"], unique=False)

    op.create_table(
        "user_rights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "right",
            sa.Enum(
                "ssm_mandaatbeheerder",
                "ssm_mandaatuitvoerder",
                name="rightkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("granted_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name=op.f("ck_user_rights_dates")),
        sa.ForeignKeyConstraint(
            ["granted_by_user_id"], ["users.id"], name=op.f("fk_user_rights_granted_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["parties.id"], name=op.f("fk_user_rights_organisation_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_rights_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_rights")),
    )
    with op.batch_alter_table("user_rights", schema=None) as batch_op:
        batch_op.create_index("ix_user_rights_organisation", ["organisation_id", "right"], unique=False)
        batch_op.create_index("ix_user_rights_user_right", ["user_id", "right", "organisation_id"], unique=False)

    op.create_table(
        "user_roles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_roles_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "role", name=op.f("pk_user_roles")),
    )
    op.create_table(
        "work_relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name=op.f("ck_work_relations_dates")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["parties.id"], name=op.f("fk_work_relations_organisation_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_work_relations_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_relations")),
    )
    with op.batch_alter_table("work_relations", schema=None) as batch_op:
        batch_op.create_index("ix_work_relations_organisation", ["organisation_id"], unique=False)
        batch_op.create_index("ix_work_relations_user", ["user_id", "valid_from"], unique=False)

    op.create_table(
        "mandate_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mandate_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("acting_for_id", sa.Integer(), nullable=True),
        sa.Column("acting_for_name", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acting_for_id"], ["parties.id"], name=op.f("fk_mandate_events_acting_for_id_parties")
        ),
        sa.ForeignKeyConstraint(["actor_user_id"], ["users.id"], name=op.f("fk_mandate_events_actor_user_id_users")),
        sa.ForeignKeyConstraint(["mandate_id"], ["mandates.id"], name=op.f("fk_mandate_events_mandate_id_mandates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mandate_events")),
    )
    with op.batch_alter_table("mandate_events", schema=None) as batch_op:
        batch_op.create_index("ix_mandate_events_mandate", ["mandate_id", "id"], unique=False)

    op.create_table(
        "user_right_mandate_types",
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("mandate_type_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mandate_type_id"],
            ["mandate_types.id"],
            name=op.f("fk_user_right_mandate_types_mandate_type_id_mandate_types"),
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["user_rights.id"],
            name=op.f("fk_user_right_mandate_types_right_id_user_rights"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("right_id", "mandate_type_id", name=op.f("pk_user_right_mandate_types")),
    )
    with op.batch_alter_table("user_right_mandate_types", schema=None) as batch_op:
        batch_op.create_index("ix_user_right_mandate_types_type", ["mandate_type_id"], unique=False)

    op.create_table(
        "user_right_mandators",
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("mandator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mandator_id"], ["parties.id"], name=op.f("fk_user_right_mandators_mandator_id_parties")
        ),
        sa.ForeignKeyConstraint(
            ["right_id"],
            ["user_rights.id"],
            name=op.f("fk_user_right_mandators_right_id_user_rights"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("right_id", "mandator_id", name=op.f("pk_user_right_mandators")),
    )


def downgrade() -> None:
    op.drop_table("user_right_mandators")
    with op.batch_alter_table("user_right_mandate_types", schema=None) as batch_op:
        batch_op.drop_index("ix_user_right_mandate_types_type")

    op.drop_table("user_right_mandate_types")
    with op.batch_alter_table("mandate_events", schema=None) as batch_op:
        batch_op.drop_index("ix_mandate_events_mandate")

    op.drop_table("mandate_events")
    with op.batch_alter_table("work_relations", schema=None) as batch_op:
        batch_op.drop_index("ix_work_relations_user")
        batch_op.drop_index("ix_work_relations_organisation")

    op.drop_table("work_relations")
    op.drop_table("user_roles")
    with op.batch_alter_table("user_rights", schema=None) as batch_op:
        batch_op.drop_index("ix_user_rights_user_right")
        batch_op.drop_index("ix_user_rights_organisation")

    op.drop_table("user_rights")
    with op.batch_alter_table("mandates", schema=None) as batch_op:
        batch_op.drop_index("ix_mandates_reference")
        batch_op.drop_index("ix_mandates_pending_mandatee")
        batch_op.drop_index("ix_mandates_mandator_state")
        batch_op.drop_index("ix_mandates_mandatee_state_type")

    op.drop_table("mandates")
    with op.batch_alter_table("local_administrators", schema=None) as batch_op:
        batch_op.drop_index("ix_local_administrators_user")
        batch_op.drop_index("ix_local_administrators_organisation")

    op.drop_table("local_administrators")
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.drop_index("ix_credentials_user_kind")

    op.drop_table("credentials")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_subject")
        batch_op.drop_index("ix_audit_log_at")

    op.drop_table("audit_log")
    op.drop_table("users")
    op.drop_table("mandate_type_texts")
    with op.batch_alter_table("legal_representatives", schema=None) as batch_op:
        batch_op.drop_index("ix_legal_representatives_person")
        batch_op.drop_index("ix_legal_representatives_organisation")

    op.drop_table("legal_representatives")
    op.drop_table("application_mandate_types")
    with op.batch_alter_table("parties", schema=None) as batch_op:
        batch_op.drop_index("ix_parties_name_id")

    op.drop_table("parties")
    op.drop_table("mandate_types")
    op.drop_table("applications")
