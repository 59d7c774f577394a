"""GDPR requests and export archives.

gdpr_actions: a person's export, delete (erase) or consent request (spec §7 GdprAction).
Compliance records: a trigger refuses DELETE of a row (UPDATE stays allowed: a compliance
admin sets the status).

gdpr_exports: the archive an export request built (a zip, bytea), until its link expires.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)

NO_DELETE = """
CREATE FUNCTION gdpr_actions_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'gdpr_actions rows are compliance records: DELETE of row % refused', OLD.id
        USING ERRCODE = 'restrict_violation',
              HINT = 'Set the request''s status instead.';
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "gdpr_actions",
        sa.Column("id", UUID, primary_key=True),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("record_version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("owner_id", UUID, nullable=True),
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", name="fk_gdpr_actions_user_id_users"),
            nullable=False,
        ),
        sa.Column("action_type", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("requested_at", TS, nullable=False),
        sa.Column("processed_at", TS, nullable=True),
        sa.Column("failure_reason", sa.String(500), nullable=True),
        sa.CheckConstraint(
            "action_type IN ('export', 'delete', 'consent')", name="ck_gdpr_actions_action_type"
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'complete', 'failed')", name="ck_gdpr_actions_status"
        ),
        sa.CheckConstraint(
            "(status = 'pending') = (processed_at IS NULL)", name="ck_gdpr_actions_processed"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_gdpr_actions"),
    )
    op.create_index("ix_gdpr_actions_user", "gdpr_actions", ["user_id", "requested_at"])
    op.create_index("ix_gdpr_actions_requested_at", "gdpr_actions", ["requested_at", "id"])
    op.execute(NO_DELETE)
    op.execute(
        "CREATE TRIGGER gdpr_actions_kept BEFORE DELETE ON gdpr_actions "
        "FOR EACH ROW EXECUTE FUNCTION gdpr_actions_kept()"
    )
    op.create_table(
        "gdpr_exports",
        sa.Column(
            "action_id",
            UUID,
            sa.ForeignKey("gdpr_actions.id", name="fk_gdpr_exports_action_id_gdpr_actions"),
            nullable=False,
        ),
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", name="fk_gdpr_exports_user_id_users"),
            nullable=False,
        ),
        sa.Column("built_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("archive", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("action_id", name="pk_gdpr_exports"),
    )
    op.create_index("ix_gdpr_exports_user_id", "gdpr_exports", ["user_id"])
    op.create_index("ix_gdpr_exports_expires_at", "gdpr_exports", ["expires_at"])


def downgrade() -> None:
    op.drop_table("gdpr_exports")
    op.execute("DROP TRIGGER gdpr_actions_kept ON gdpr_actions")
    op.execute("DROP FUNCTION gdpr_actions_kept()")
    op.drop_table("gdpr_actions")
