"""Disputes, admin dispute actions, the audit log, and the Channel API's checkouts.

disputes: a reservation's dispute, raised by its guest or host, decided by an admin; one
open dispute per reservation (a partial unique index over pending and reviewing ones),
a decided one has its decision time, a refund only on a resolved one and with its
amount, one under review has its admin.

admin_dispute_actions: each admin decision on a dispute, and notes admins add.

audit_logs: who did what to which object, by which credential, with a before/after
summary and when.

payment_checkouts: the hosted checkout pages made for bookings (POST /v2/channels/stripe),
unique per provider session and per operation's idempotency key.

admin_dispute_actions, audit_logs and payment_checkouts are append-only: one trigger
function refuses UPDATE and DELETE of their rows, as the ledger's does (TRUNCATE, an
owner's maintenance statement, is not a row change and stays possible).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

APPEND_ONLY_TABLES = ("admin_dispute_actions", "audit_logs", "payment_checkouts")

APPEND_ONLY = """
CREATE FUNCTION append_only_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: % of row % refused', TG_TABLE_NAME, TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation',
              HINT = 'Record what changed as a new row.';
END
$$;
"""


def _record() -> list[sa.Column[object]]:
    """The columns every record has (staykit.core.models.Record)."""
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


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _who() -> list[sa.Column[object]]:
    """Who acted, as the ledger records it."""
    return [
        sa.Column("credential", sa.String(length=20), nullable=False),
        sa.Column("client_id", sa.String(length=100), nullable=True),
        sa.Column("token_id", sa.Uuid(), nullable=True),
        sa.Column("surface", sa.String(length=20), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "disputes",
        *_record(),
        sa.Column("reservation_id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("raised_by", sa.Uuid(), nullable=False),
        sa.Column("raised_as", sa.String(length=5), nullable=False),
        sa.Column("admin_id", sa.Uuid(), nullable=True),
        sa.Column("issue_type", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("related_payment_id", sa.Uuid(), nullable=True),
        sa.Column("resolution_status", sa.String(length=10), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("refund_approved", sa.Boolean(), nullable=False),
        sa.Column("refund_amount", sa.Numeric(14, 3), nullable=True),
        sa.Column("refund_entry_id", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "resolution_status IN ('pending', 'reviewing', 'resolved', 'rejected')",
            name=op.f("ck_disputes_resolution_status"),
        ),
        sa.CheckConstraint("raised_as IN ('guest', 'host')", name=op.f("ck_disputes_raised_as")),
        sa.CheckConstraint(
            "(resolution_status IN ('resolved', 'rejected')) = (resolved_at IS NOT NULL)",
            name=op.f("ck_disputes_decided_at"),
        ),
        sa.CheckConstraint(
            "resolution_status = 'pending' OR admin_id IS NOT NULL",
            name=op.f("ck_disputes_admin"),
        ),
        sa.CheckConstraint(
            "refund_approved = (refund_amount IS NOT NULL) "
            "AND (NOT refund_approved OR resolution_status = 'resolved') "
            "AND (refund_amount IS NULL OR refund_amount > 0) "
            "AND (refund_entry_id IS NULL OR refund_approved)",
            name=op.f("ck_disputes_refund"),
        ),
        _fk("disputes", "reservation_id", "reservations"),
        _fk("disputes", "business_id", "businesses"),
        _fk("disputes", "raised_by", "users"),
        _fk("disputes", "admin_id", "users"),
        sa.ForeignKeyConstraint(
            ["related_payment_id"],
            ["ledger_entries.id"],
            name=op.f("fk_disputes_related_payment_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["refund_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_disputes_refund_entry_id_ledger_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
    )
    op.create_index(op.f("ix_disputes_reservation_id"), "disputes", ["reservation_id"])
    op.create_index(op.f("ix_disputes_business_id"), "disputes", ["business_id"])
    op.create_index(op.f("ix_disputes_raised_by"), "disputes", ["raised_by"])
    op.create_index(op.f("ix_disputes_admin_id"), "disputes", ["admin_id"])
    op.create_index("ix_disputes_created", "disputes", ["created_at", "id"])
    op.create_index(
        "uq_disputes_open_reservation",
        "disputes",
        ["reservation_id"],
        unique=True,
        postgresql_where=sa.text("resolution_status IN ('pending', 'reviewing') AND is_active"),
    )

    op.create_table(
        "admin_dispute_actions",
        *_record(),
        sa.Column("dispute_id", sa.Uuid(), nullable=False),
        sa.Column("admin_id", sa.Uuid(), nullable=False),
        sa.Column("action_taken", sa.String(length=50), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=500), nullable=True),
        sa.Column("action_date", sa.DateTime(timezone=True), nullable=False),
        _fk("admin_dispute_actions", "dispute_id", "disputes"),
        _fk("admin_dispute_actions", "admin_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_dispute_actions")),
    )
    op.create_index(
        "ix_admin_dispute_actions_dispute", "admin_dispute_actions", ["dispute_id", "action_date"]
    )
    op.create_index(
        op.f("ix_admin_dispute_actions_admin_id"), "admin_dispute_actions", ["admin_id"]
    )

    op.create_table(
        "audit_logs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("performed_by", sa.Uuid(), nullable=True),
        *_who(),
        sa.Column("ip_address", sa.String(length=45), nullable=True),
        sa.Column("action_type", sa.String(length=100), nullable=False),
        sa.Column("action_object", sa.String(length=50), nullable=False),
        sa.Column("object_id", sa.Uuid(), nullable=True),
        sa.Column("details", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_logs")),
    )
    op.create_index(
        "ix_audit_logs_object", "audit_logs", ["action_object", "object_id", "occurred_at"]
    )
    op.create_index("ix_audit_logs_performed_by", "audit_logs", ["performed_by", "occurred_at"])
    op.create_index("ix_audit_logs_occurred_at", "audit_logs", ["occurred_at", "id"])

    op.create_table(
        "payment_checkouts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reservation_id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("session_id", sa.String(length=255), nullable=False),
        sa.Column("customer_id", sa.String(length=255), nullable=True),
        sa.Column("amount", sa.Numeric(14, 3), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("success_url", sa.String(length=2048), nullable=False),
        sa.Column("cancel_url", sa.String(length=2048), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        *_who(),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_checkouts_amount")),
        _fk("payment_checkouts", "reservation_id", "reservations"),
        _fk("payment_checkouts", "business_id", "businesses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_checkouts")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_payment_checkouts_idempotency_key")),
    )
    op.create_index(
        op.f("ix_payment_checkouts_reservation_id"), "payment_checkouts", ["reservation_id"]
    )
    op.create_index(
        "uq_payment_checkouts_provider_session",
        "payment_checkouts",
        ["provider", "session_id"],
        unique=True,
    )

    op.execute(APPEND_ONLY)
    for table in APPEND_ONLY_TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION append_only_rows()"
        )


def downgrade() -> None:
    for table in APPEND_ONLY_TABLES:
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
    op.execute("DROP FUNCTION append_only_rows()")
    op.drop_table("payment_checkouts")
    op.drop_table("audit_logs")
    op.drop_table("admin_dispute_actions")
    op.drop_table("disputes")
