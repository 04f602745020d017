"""saml service providers: when the assertion is signed besides the response

Revision ID: 0041
Revises: 0040
Create Date: 2026-11-22 14:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SPs registered before this column got a signed assertion in every response: they keep it ("always");
    # new registrations default to "metadata" (the ORM's default), so the server default is dropped again.
    with op.batch_alter_table("saml_service_providers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sign_assertions", sa.String(length=16), nullable=False, server_default="always"))
    with op.batch_alter_table("saml_service_providers", schema=None) as batch_op:
        batch_op.alter_column("sign_assertions", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("saml_service_providers", schema=None) as batch_op:
        batch_op.drop_column("sign_assertions")
