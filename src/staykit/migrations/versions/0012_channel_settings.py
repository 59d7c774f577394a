"""Channel settings: iCal export and import settings per property and room, as JSONB rows
(one per property, room or none, and channel), for the Channel API's /channels/settings.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_settings",
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
        sa.Column("unit_type_id", sa.Uuid(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("settings", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.CheckConstraint(
            "channel IN ('iCalExport', 'iCalImport')", name=op.f("ck_channel_settings_channel")
        ),
        sa.CheckConstraint(
            "jsonb_typeof(settings) = 'object'", name=op.f("ck_channel_settings_settings_object")
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_channel_settings_business_id_businesses"),
        ),
        sa.ForeignKeyConstraint(
            ["property_id"],
            ["properties.id"],
            name=op.f("fk_channel_settings_property_id_properties"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_type_id"],
            ["unit_types.id"],
            name=op.f("fk_channel_settings_unit_type_id_unit_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_settings")),
    )
    op.create_index(op.f("ix_channel_settings_business_id"), "channel_settings", ["business_id"])
    op.create_index(op.f("ix_channel_settings_unit_type_id"), "channel_settings", ["unit_type_id"])
    op.create_index(
        "uq_channel_settings_target",
        "channel_settings",
        ["property_id", "unit_type_id", "channel"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )


def downgrade() -> None:
    op.drop_table("channel_settings")
