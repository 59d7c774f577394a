"""Property webhooks: each property's booking webhook setting (version, url, additional
data, custom header) for the Channel API's property `webhooks`; delivery reads them later.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "property_webhooks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("property_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.String(length=30), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("additional_data", sa.String(length=20), nullable=False),
        sa.Column("custom_header", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "version IN ('one', 'twoNoPersonalData', 'twoWithPersonalData')",
            name=op.f("ck_property_webhooks_version"),
        ),
        sa.CheckConstraint(
            "additional_data IN ('none')", name=op.f("ck_property_webhooks_additional_data")
        ),
        sa.CheckConstraint("url ~ '^https?://'", name=op.f("ck_property_webhooks_url")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_property_webhooks_business_id_businesses"),
        ),
        sa.ForeignKeyConstraint(
            ["property_id"],
            ["properties.id"],
            name=op.f("fk_property_webhooks_property_id_properties"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_property_webhooks")),
    )
    op.create_index(op.f("ix_property_webhooks_business_id"), "property_webhooks", ["business_id"])
    op.create_index(
        "uq_property_webhooks_property",
        "property_webhooks",
        ["property_id"],
        unique=True,
        postgresql_where=sa.text("is_active"),
    )


def downgrade() -> None:
    op.drop_table("property_webhooks")
