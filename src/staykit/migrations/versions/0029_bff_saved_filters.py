"""BFF saved filters.

bff_saved_filters: a user's named filter (conditions as the list route takes them) of one
BFF index; names unique per user and index. The views themselves are plain queries over
the source tables (no projection tables): the indexes they need already exist.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "bff_saved_filters",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("record_version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("owner_id", UUID, nullable=True),
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", name="fk_bff_saved_filters_user_id_users"),
            nullable=False,
        ),
        sa.Column("index_name", sa.String(40), nullable=False),
        sa.Column("filter_name", sa.String(100), nullable=False),
        sa.Column("conditions", postgresql.JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bff_saved_filters"),
        sa.UniqueConstraint(
            "user_id", "index_name", "filter_name", name="uq_bff_saved_filters_name"
        ),
    )
    op.create_index(
        "ix_bff_saved_filters_user_index",
        "bff_saved_filters",
        ["user_id", "index_name", "created_at"],
    )


def downgrade() -> None:
    op.drop_table("bff_saved_filters")
