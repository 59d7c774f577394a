"""The payments ledger and the provider's webhook events.

ledger_entries: one row per money movement of a reservation (charge, payment, refund,
fee, payout, city tax, adjustment), positive amounts whose kind says the direction (only
an adjustment is signed), a unique idempotency key per operation, and who acted. Rows
are immutable: a trigger refuses UPDATE and DELETE (TRUNCATE, an owner's maintenance
statement, is not a row change and stays possible). A second trigger refuses a row whose
business or currency differs from its reservation's, so a reservation's figures add up
in one currency. Indexes make a reservation's and a business's balance index-only scans.

payment_events: the provider's webhook events taken in, unique per (provider, event_id):
the INSERT ... ON CONFLICT DO NOTHING that wins the row processes the event.

Revision ID: 0016
Revises: 0014 (the messages branch adds 0015; on merge this revises 0015)
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

IMMUTABLE = """
CREATE FUNCTION ledger_entries_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are immutable: % of ledger entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'restrict_violation',
              HINT = 'Correct a ledger entry by recording another one.';
END
$$;
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_immutable();
"""

SAME_AS_RESERVATION = """
CREATE FUNCTION ledger_entries_match_reservation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r_business uuid;
    r_currency varchar(3);
BEGIN
    SELECT business_id, currency INTO r_business, r_currency
    FROM reservations WHERE id = NEW.reservation_id;
    -- A missing reservation is the foreign key's to refuse.
    IF FOUND AND (r_business <> NEW.business_id OR r_currency <> NEW.currency) THEN
        RAISE EXCEPTION 'ledger entry for reservation % must be in its business % and '
            'currency %', NEW.reservation_id, r_business, r_currency
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER ledger_entries_match_reservation BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_match_reservation();
"""


def upgrade() -> None:
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(14, 3), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("reservation_id", sa.UUID(), nullable=False),
        sa.Column("business_id", sa.UUID(), nullable=False),
        sa.Column("related_entry_id", sa.UUID(), nullable=True),
        sa.Column("provider", sa.String(length=20), nullable=True),
        sa.Column("provider_ref", sa.String(length=255), nullable=True),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("memo", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.UUID(), nullable=True),
        sa.Column("credential", sa.String(length=20), nullable=False),
        sa.Column("client_id", sa.String(length=100), nullable=True),
        sa.Column("token_id", sa.UUID(), nullable=True),
        sa.Column("surface", sa.String(length=20), nullable=True),
        sa.CheckConstraint(
            "kind IN ('guest_charge', 'city_tax', 'adjustment', 'guest_payment', 'refund', "
            "'platform_fee', 'host_payout')",
            name=op.f("ck_ledger_entries_kind"),
        ),
        sa.CheckConstraint(
            "amount > 0 OR (kind = 'adjustment' AND amount <> 0)",
            name=op.f("ck_ledger_entries_amount_direction"),
        ),
        sa.CheckConstraint(
            "(provider IS NULL) = (provider_ref IS NULL)",
            name=op.f("ck_ledger_entries_provider_pair"),
        ),
        sa.ForeignKeyConstraint(
            ["business_id"],
            ["businesses.id"],
            name=op.f("fk_ledger_entries_business_id_businesses"),
        ),
        sa.ForeignKeyConstraint(
            ["related_entry_id"],
            ["ledger_entries.id"],
            name=op.f("fk_ledger_entries_related_entry_id_ledger_entries"),
        ),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["reservations.id"],
            name=op.f("fk_ledger_entries_reservation_id_reservations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_ledger_entries_idempotency_key")),
    )
    op.create_index(
        "ix_ledger_entries_reservation",
        "ledger_entries",
        ["reservation_id", "kind"],
        postgresql_include=["amount"],
    )
    op.create_index(
        "ix_ledger_entries_business",
        "ledger_entries",
        ["business_id", "currency", "kind"],
        postgresql_include=["amount"],
    )
    op.create_index(
        op.f("ix_ledger_entries_related_entry_id"), "ledger_entries", ["related_entry_id"]
    )
    op.create_index(
        "uq_ledger_entries_provider_movement",
        "ledger_entries",
        ["provider", "kind", "provider_ref"],
        unique=True,
        postgresql_where=sa.text("kind IN ('guest_payment', 'host_payout')"),
    )
    op.execute(IMMUTABLE)
    op.execute(SAME_AS_RESERVATION)

    op.create_table(
        "payment_events",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("event_id", sa.String(length=255), nullable=False),
        sa.Column("type", sa.String(length=100), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_payment_events")),
    )
    op.create_index(
        "uq_payment_events_provider_event",
        "payment_events",
        ["provider", "event_id"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("uq_payment_events_provider_event", table_name="payment_events")
    op.drop_table("payment_events")
    op.execute("DROP TRIGGER ledger_entries_match_reservation ON ledger_entries")
    op.execute("DROP TRIGGER ledger_entries_immutable ON ledger_entries")
    op.drop_table("ledger_entries")
    op.execute("DROP FUNCTION ledger_entries_match_reservation()")
    op.execute("DROP FUNCTION ledger_entries_immutable()")
