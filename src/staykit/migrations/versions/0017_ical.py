"""iCal export and import: a feed secret on every unit type and unit, what each feed last
served (Last-Modified), import sources with their state, the events they read and the
blocks holding those events' nights.

The tokens are filled for existing rows by the column default (two random UUIDs, as
hex); the application writes its own (secrets.token_hex) for new rows.

Revision ID: 0017
Revises: 0014 (0015 and 0016 are written on other branches; the merge re-chains them)
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

TOKEN_SQL = "replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')"


def _record_columns() -> list[sa.Column[object]]:
    return [
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
    ]


def upgrade() -> None:
    for table in ("unit_types", "units"):
        # A volatile default: PostgreSQL evaluates it for each existing row.
        op.add_column(
            table,
            sa.Column(
                "ical_token",
                sa.String(length=64),
                server_default=sa.text(TOKEN_SQL),
                nullable=False,
            ),
        )
        op.create_unique_constraint(op.f(f"uq_{table}_ical_token"), table, ["ical_token"])

    op.create_table(
        "ical_export_states",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("unit_type_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("variant", sa.String(length=20), nullable=False),
        sa.Column("etag", sa.String(length=80), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_type_id"],
            ["unit_types.id"],
            name=op.f("fk_ical_export_states_unit_type_id_unit_types"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_ical_export_states_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ical_export_states")),
    )
    op.create_index(
        "uq_ical_export_states_feed",
        "ical_export_states",
        ["unit_type_id", "unit_id", "variant"],
        unique=True,
        postgresql_nulls_not_distinct=True,
    )

    op.create_table(
        "ical_import_sources",
        *_record_columns(),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("property_id", sa.Uuid(), nullable=False),
        sa.Column("unit_type_id", sa.Uuid(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("slot", sa.SmallInteger(), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("mode", sa.String(length=60), nullable=False),
        sa.Column("ignore_containing", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("consecutive_empty", sa.SmallInteger(), nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("last_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_fetch_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("events_held", sa.Integer(), nullable=False),
        sa.Column("nights_held_back", sa.Integer(), nullable=False),
        sa.CheckConstraint("slot BETWEEN 1 AND 3", name=op.f("ck_ical_import_sources_slot")),
        sa.CheckConstraint(
            "status IN ('pending', 'ok', 'failed', 'empty')",
            name=op.f("ck_ical_import_sources_status"),
        ),
        sa.CheckConstraint(
            "consecutive_empty >= 0 AND consecutive_failures >= 0 AND events_held >= 0 "
            "AND nights_held_back >= 0",
            name=op.f("ck_ical_import_sources_counts"),
        ),
        sa.CheckConstraint("url ~ '^https?://'", name=op.f("ck_ical_import_sources_url")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_ical_import_sources_business_id_businesses"),
        ),
        sa.ForeignKeyConstraint(
            ["property_id"],
            ["properties.id"],
            name=op.f("fk_ical_import_sources_property_id_properties"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_type_id"],
            ["unit_types.id"],
            name=op.f("fk_ical_import_sources_unit_type_id_unit_types"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_ical_import_sources_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ical_import_sources")),
    )
    op.create_index(
        op.f("ix_ical_import_sources_business_id"), "ical_import_sources", ["business_id"]
    )
    op.create_index(
        op.f("ix_ical_import_sources_unit_type_id"), "ical_import_sources", ["unit_type_id"]
    )
    op.create_index(
        "uq_ical_import_sources_slot",
        "ical_import_sources",
        ["unit_type_id", "unit_id", "slot"],
        unique=True,
        postgresql_nulls_not_distinct=True,
        postgresql_where=sa.text("is_active"),
    )
    op.create_index(
        "ix_ical_import_sources_due",
        "ical_import_sources",
        ["next_fetch_at"],
        postgresql_where=sa.text("is_active"),
    )

    op.create_table(
        "ical_import_events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("source_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=600), nullable=False),
        sa.Column("uid", sa.String(length=500), nullable=False),
        sa.Column("arrival", sa.Date(), nullable=False),
        sa.Column("departure", sa.Date(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=True),
        sa.Column("nights_held_back", sa.Integer(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("departure > arrival", name=op.f("ck_ical_import_events_dates")),
        sa.CheckConstraint("nights_held_back >= 0", name=op.f("ck_ical_import_events_held_back")),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_ical_import_events_business_id_businesses"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["ical_import_sources.id"],
            name=op.f("fk_ical_import_events_source_id_ical_import_sources"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ical_import_events")),
    )
    op.create_index(
        op.f("ix_ical_import_events_business_id"), "ical_import_events", ["business_id"]
    )
    op.create_index(
        "uq_ical_import_events_key", "ical_import_events", ["source_id", "key"], unique=True
    )

    op.create_table(
        "ical_imported_blocks",
        sa.Column("block_id", sa.Uuid(), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["availability_blocks.id"],
            name=op.f("fk_ical_imported_blocks_block_id_availability_blocks"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["ical_import_events.id"],
            name=op.f("fk_ical_imported_blocks_event_id_ical_import_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("block_id", name=op.f("pk_ical_imported_blocks")),
    )
    op.create_index(op.f("ix_ical_imported_blocks_event_id"), "ical_imported_blocks", ["event_id"])


def downgrade() -> None:
    op.drop_table("ical_imported_blocks")
    op.drop_table("ical_import_events")
    op.drop_table("ical_import_sources")
    op.drop_table("ical_export_states")
    for table in ("units", "unit_types"):
        op.drop_constraint(op.f(f"uq_{table}_ical_token"), table, type_="unique")
        op.drop_column(table, "ical_token")
