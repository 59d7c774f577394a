"""Payments wired into bookings: the split written at booking, the payment lifecycle, the
guest's customer record and saved cards at the provider, invoice lines of the ledger, and
payment records as a view of the ledger.

reservations.platform_payment: the platform takes this reservation's money (marketplace
bookings); partner and direct bookings keep theirs in their own invoice items.

reservation_splits: who gets what of the guest's money, written at booking from the quote
(one row per reservation; a price change before any payment writes it again).

reservation_payments (the marketplace's Sys_reservationPayment): one row per payment
attempt (a payment intent at the provider), its provider status and staykit's own.
payment_customers, payment_methods (Sys_paymentCustomer, Sys_paymentMethod): a user's
customer at the provider and the cards saved to it (brand, last 4, expiry: never a
number).

invoice_items.ledger_entry_id: the invoice line of a guest payment or refund recorded in
the ledger, written by the one function that writes ledger rows, in the same
transaction; a trigger keeps such a line's money fields as the ledger wrote them.

payment_records: a VIEW of the ledger (a payment, a refund, a host payout per row), so a
payment record can neither be changed nor disagree with the ledger.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

STATUS_LITERALS = "'started', 'requiresAction', 'processing', 'succeeded', 'failed', 'canceled'"

LEDGER_LINES_KEPT = """
CREATE FUNCTION invoice_items_ledger_lines_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.ledger_entry_id IS NOT NULL THEN
            RAISE EXCEPTION 'invoice item % is the ledger''s: it cannot be deleted', OLD.id
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.ledger_entry_id IS DISTINCT FROM OLD.ledger_entry_id
       OR (OLD.ledger_entry_id IS NOT NULL AND (
            NEW.kind, NEW.amount, NEW.qty, NEW.currency, NEW.reservation_id, NEW.is_active,
            NEW.description, NEW.vat_rate
        ) IS DISTINCT FROM (
            OLD.kind, OLD.amount, OLD.qty, OLD.currency, OLD.reservation_id, OLD.is_active,
            OLD.description, OLD.vat_rate
        )) THEN
        RAISE EXCEPTION 'invoice item % is the ledger''s: its money cannot change', OLD.id
            USING ERRCODE = 'restrict_violation',
                  HINT = 'Record a refund or an adjustment in the ledger instead.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER invoice_items_ledger_lines_kept BEFORE UPDATE OR DELETE ON invoice_items
    FOR EACH ROW EXECUTE FUNCTION invoice_items_ledger_lines_kept();
"""

# One row per money movement the marketplace calls a payment record: a guest payment
# (paid), a refund (refunded) or a host payout (paid, with the platform fee kept).
PAYMENT_RECORDS = """
CREATE VIEW payment_records AS
SELECT
    e.id,
    true AS is_active,
    1 AS record_version,
    e.created_at,
    e.created_at AS updated_at,
    r.guest_id AS owner_id,
    e.reservation_id,
    r.host_id,
    r.business_id,
    CASE e.kind WHEN 'guest_payment' THEN 'payment' WHEN 'refund' THEN 'refund'
        ELSE 'payout' END AS movement,
    CASE e.kind WHEN 'refund' THEN 'refunded' ELSE 'paid' END AS payment_status,
    e.provider,
    e.provider_ref,
    CASE e.kind WHEN 'guest_payment' THEN e.provider_ref WHEN 'refund' THEN pay.provider_ref
        END AS payment_intent_id,
    rp.charge_id AS stripe_charge_id,
    e.currency,
    CASE WHEN e.kind = 'guest_payment' THEN e.amount ELSE 0 END AS amount_paid,
    CASE WHEN e.kind = 'refund' THEN e.amount ELSE 0 END AS refund_amount,
    CASE e.kind WHEN 'host_payout' THEN e.amount WHEN 'guest_payment' THEN s.host_payout
        ELSE 0 END AS payout_amount_host,
    CASE e.kind WHEN 'host_payout' THEN COALESCE(fee.amount, 0)
        WHEN 'guest_payment' THEN s.platform_fee ELSE 0 END AS platform_fee,
    CASE WHEN e.kind = 'guest_payment' THEN s.city_tax ELSE 0 END AS city_tax,
    e.created_at AS payment_date
FROM ledger_entries e
JOIN reservations r ON r.id = e.reservation_id
LEFT JOIN ledger_entries pay ON pay.id = e.related_entry_id
LEFT JOIN reservation_splits s ON s.reservation_id = e.reservation_id
LEFT JOIN reservation_payments rp
    ON e.kind IN ('guest_payment', 'refund')
    AND rp.provider = COALESCE(pay.provider, e.provider)
    AND rp.payment_id = COALESCE(pay.provider_ref, e.provider_ref)
LEFT JOIN ledger_entries fee
    ON e.kind = 'host_payout' AND fee.reservation_id = e.reservation_id
    AND fee.kind = 'platform_fee'
WHERE e.kind IN ('guest_payment', 'refund', 'host_payout')
"""


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
    ]


def upgrade() -> None:
    op.add_column(
        "reservations",
        sa.Column(
            "platform_payment", sa.Boolean(), server_default=sa.text("false"), nullable=False
        ),
    )
    # The payout job: completed or cancelled platform stays, by departure.
    op.create_index(
        "ix_reservations_platform_settlement",
        "reservations",
        ["departure"],
        postgresql_where=sa.text(
            "platform_payment AND status IN ('completed', 'cancelled', 'declined', 'expired')"
        ),
    )

    op.create_table(
        "reservation_splits",
        sa.Column("reservation_id", sa.UUID(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("stay_price", sa.Numeric(14, 3), nullable=False),
        sa.Column("guest_service_fee", sa.Numeric(14, 3), nullable=False),
        sa.Column("host_fee", sa.Numeric(14, 3), nullable=False),
        sa.Column("city_tax", sa.Numeric(14, 3), nullable=False),
        sa.Column("guest_total", sa.Numeric(14, 3), nullable=False),
        sa.Column("platform_fee", sa.Numeric(14, 3), nullable=False),
        sa.Column("host_payout", sa.Numeric(14, 3), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "stay_price >= 0 AND guest_service_fee >= 0 AND host_fee >= 0 AND city_tax >= 0 "
            "AND host_payout >= 0",
            name=op.f("ck_reservation_splits_not_negative"),
        ),
        sa.CheckConstraint(
            "guest_total = stay_price + guest_service_fee + city_tax "
            "AND platform_fee = guest_service_fee + host_fee "
            "AND guest_total = platform_fee + host_payout",
            name=op.f("ck_reservation_splits_adds_up"),
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["reservations.id"],
            name=op.f("fk_reservation_splits_reservation_id_reservations"),
        ),
        sa.PrimaryKeyConstraint("reservation_id", name=op.f("pk_reservation_splits")),
    )

    op.create_table(
        "reservation_payments",
        *_record_columns(),
        sa.Column("reservation_id", sa.UUID(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("payment_id", sa.String(length=255), nullable=False),
        sa.Column("payment_status", sa.String(length=40), nullable=False),
        sa.Column("status_literal", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(14, 3), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("payment_method", sa.String(length=255), nullable=True),
        sa.Column("charge_id", sa.String(length=255), nullable=True),
        sa.Column("failure_code", sa.String(length=100), nullable=True),
        sa.Column("redirect_url", sa.String(length=2048), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            f"status_literal IN ({STATUS_LITERALS})",
            name=op.f("ck_reservation_payments_status_literal"),
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_reservation_payments_amount")),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["reservations.id"],
            name=op.f("fk_reservation_payments_reservation_id_reservations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reservation_payments")),
    )
    op.create_index(
        "uq_reservation_payments_provider_payment",
        "reservation_payments",
        ["provider", "payment_id"],
        unique=True,
    )
    op.create_index(
        "uq_reservation_payments_attempt",
        "reservation_payments",
        ["reservation_id", "attempt"],
        unique=True,
    )
    op.create_index(op.f("ix_reservation_payments_owner_id"), "reservation_payments", ["owner_id"])
    # The job refreshing payments stuck in processing (or waiting for the guest's bank).
    op.create_index(
        "ix_reservation_payments_unsettled",
        "reservation_payments",
        ["checked_at"],
        postgresql_where=sa.text("status_literal IN ('processing', 'requiresAction')"),
    )

    op.create_table(
        "payment_customers",
        *_record_columns(),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_payment_customers_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_customers")),
    )
    op.create_index(
        "uq_payment_customers_user_platform",
        "payment_customers",
        ["user_id", "platform"],
        unique=True,
    )

    op.create_table(
        "payment_methods",
        *_record_columns(),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("platform", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.String(length=255), nullable=False),
        sa.Column("payment_method_id", sa.String(length=255), nullable=False),
        sa.Column("source_method", sa.String(length=255), nullable=False),
        sa.Column("card_holder_name", sa.String(length=200), nullable=True),
        sa.Column("card_holder_zip", sa.String(length=20), nullable=True),
        sa.Column("card_info", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_payment_methods_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_methods")),
    )
    op.create_index(
        "uq_payment_methods_platform_method",
        "payment_methods",
        ["platform", "payment_method_id"],
        unique=True,
    )
    op.create_index(
        "uq_payment_methods_user_source",
        "payment_methods",
        ["user_id", "platform", "source_method"],
        unique=True,
    )

    op.add_column("invoice_items", sa.Column("ledger_entry_id", sa.UUID(), nullable=True))
    op.create_foreign_key(
        op.f("fk_invoice_items_ledger_entry_id_ledger_entries"),
        "invoice_items",
        "ledger_entries",
        ["ledger_entry_id"],
        ["id"],
    )
    op.create_index(
        "uq_invoice_items_ledger_entry",
        "invoice_items",
        ["ledger_entry_id"],
        unique=True,
        postgresql_where=sa.text("ledger_entry_id IS NOT NULL"),
    )
    op.execute(LEDGER_LINES_KEPT)
    op.execute(PAYMENT_RECORDS)


def downgrade() -> None:
    op.execute("DROP VIEW payment_records")
    op.execute("DROP TRIGGER invoice_items_ledger_lines_kept ON invoice_items")
    op.execute("DROP FUNCTION invoice_items_ledger_lines_kept()")
    op.drop_index("uq_invoice_items_ledger_entry", table_name="invoice_items")
    op.drop_constraint(
        op.f("fk_invoice_items_ledger_entry_id_ledger_entries"), "invoice_items", "foreignkey"
    )
    op.drop_column("invoice_items", "ledger_entry_id")
    op.drop_table("payment_methods")
    op.drop_table("payment_customers")
    op.drop_table("reservation_payments")
    op.drop_table("reservation_splits")
    op.drop_index("ix_reservations_platform_settlement", table_name="reservations")
    op.drop_column("reservations", "platform_payment")
