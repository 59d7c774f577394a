"""The payments domain's records: the ledger (one immutable row per money movement), the
payment provider's webhook events already taken in, the split written at booking, the
payment attempts, customers and saved cards (the marketplace's Sys_ objects), and the
payment records, a view of the ledger.

Ledger amounts are POSITIVE, and the kind says which way the money went: a refund is its
own kind, not a negative payment, so a cash row's sign could only ever be wrong. The one
exception is `adjustment`, a correction of what the guest owes, which may go either way
and so carries its sign (never zero). The database refuses anything else (CHECK), refuses
UPDATE and DELETE of a row (a trigger: a mistake is corrected by a new row, never by
editing history), and refuses a row whose currency or business is not its
reservation's (a trigger on INSERT), so a reservation's figures always add up in one
currency. See migration 0016.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    String,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, Record

# The reservations' money type: 3 decimals hold every currency staykit accepts.
Money = Numeric(14, 3)

# What each kind records, and which figure of a balance it counts in (ledger.py):
ENTRY_KINDS = (
    "guest_charge",  # charged: what the guest is asked to pay for the stay and the guest fee
    "city_tax",  # charged: the city tax part of it, on its own row for tax reporting
    "adjustment",  # charged: a signed correction of what the guest owes
    "guest_payment",  # paid: money taken from the guest by the provider
    "refund",  # refunded: money returned to the guest by the provider
    "platform_fee",  # fee: what the platform keeps (guest service fee + host fee)
    "host_payout",  # payout: money sent to the host
)
# Kinds that record money the provider moved: at most one row per provider object.
PROVIDER_MOVEMENTS = ("guest_payment", "host_payout")


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('guest_charge', 'city_tax', 'adjustment', 'guest_payment', 'refund', "
            "'platform_fee', 'host_payout')",
            name="kind",
        ),
        CheckConstraint(
            "amount > 0 OR (kind = 'adjustment' AND amount <> 0)", name="amount_direction"
        ),
        CheckConstraint("(provider IS NULL) = (provider_ref IS NULL)", name="provider_pair"),
        # A reservation's balance and a host's (business's) balance, each one index-only
        # scan: the figures are sums of amount by kind.
        Index(
            "ix_ledger_entries_reservation",
            "reservation_id",
            "kind",
            postgresql_include=["amount"],
        ),
        Index(
            "ix_ledger_entries_business",
            "business_id",
            "currency",
            "kind",
            postgresql_include=["amount"],
        ),
        # The same payment or payout at the provider is recorded once, whichever path
        # (the call's answer, a webhook, a refresh) records it first.
        Index(
            "uq_ledger_entries_provider_movement",
            "provider",
            "kind",
            "provider_ref",
            unique=True,
            postgresql_where=text("kind IN ('guest_payment', 'host_payout')"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"))
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    # The payment a refund returns money of (its remaining refundable amount is per payment).
    related_entry_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ledger_entries.id"), default=None, index=True
    )
    # Who moved the money ("stripe", "offline", "fake_payouts") and its object's id there.
    provider: Mapped[str | None] = mapped_column(String(20), default=None)
    provider_ref: Mapped[str | None] = mapped_column(String(255), default=None)
    # Derived from the operation ("reservation:<id>:payout", "refund:<payment>:<n>"): a
    # retried operation finds its row instead of writing a second one.
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    memo: Mapped[str | None] = mapped_column(String(500), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who acted and how (as pretix logs user= and auth=): the user (None: the platform
    # itself, a webhook or a job), the credential kind, the partner client and the
    # credential's own id, and the API surface.
    actor_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    credential: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[str | None] = mapped_column(String(100), default=None)
    token_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    surface: Mapped[str | None] = mapped_column(String(20), default=None)


class PaymentEvent(Base):
    """A provider's webhook event, stored when it is first taken in: the payment inbox.
    Its (provider, event_id) is unique: the INSERT that wins the row defers the event's
    processing job in the same transaction; a delivery of the same event again inserts
    nothing and changes nothing. A worker processes it (`processed_at`, `outcome`); a
    failed attempt leaves it waiting, with `attempts` and `last_error` (migration 0022)."""

    __tablename__ = "payment_events"
    __table_args__ = (
        Index("uq_payment_events_provider_event", "provider", "event_id", unique=True),
        Index(
            "ix_payment_events_unprocessed", "seq", postgresql_where=text("processed_at IS NULL")
        ),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    processed_at: Mapped[datetime | None] = mapped_column(default=None)
    outcome: Mapped[str | None] = mapped_column(String(40), default=None)
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)


class PaymentCheckout(Base):
    """A hosted checkout page made for a booking (the Channel API's POST /channels/stripe
    createStripeSession): which provider session, for how much, and the provider customer
    the booker's card is saved on (GET /channels/stripe/paymentMethods reads that
    customer's cards). Insert-only, like the ledger (a trigger refuses UPDATE and DELETE):
    the session's state lives at the provider, and its payment reaches the ledger through
    the payment's own webhook."""

    __tablename__ = "payment_checkouts"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount"),
        Index("uq_payment_checkouts_provider_session", "provider", "session_id", unique=True),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    provider: Mapped[str] = mapped_column(String(20))
    session_id: Mapped[str] = mapped_column(String(255))
    customer_id: Mapped[str | None] = mapped_column(String(255), default=None)
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    success_url: Mapped[str] = mapped_column(String(2048))
    cancel_url: Mapped[str] = mapped_column(String(2048))
    # keys.checkout_key: a retried request finds its checkout instead of making another.
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who asked, as the ledger records it.
    actor_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    credential: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[str | None] = mapped_column(String(100), default=None)
    token_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    surface: Mapped[str | None] = mapped_column(String(20), default=None)


class ReservationSplit(Base):
    """Who gets what of a reservation's money (split.py), written at booking from the
    quote; written again only when the price changes before anything is paid."""

    __tablename__ = "reservation_splits"
    __table_args__ = (
        CheckConstraint(
            "stay_price >= 0 AND guest_service_fee >= 0 AND host_fee >= 0 AND city_tax >= 0 "
            "AND host_payout >= 0",
            name="not_negative",
        ),
        CheckConstraint(
            "guest_total = stay_price + guest_service_fee + city_tax "
            "AND platform_fee = guest_service_fee + host_fee "
            "AND guest_total = platform_fee + host_payout",
            name="adds_up",
        ),
    )

    reservation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reservations.id"), primary_key=True
    )
    currency: Mapped[str] = mapped_column(String(3))
    stay_price: Mapped[Decimal] = mapped_column(Money)
    guest_service_fee: Mapped[Decimal] = mapped_column(Money)
    host_fee: Mapped[Decimal] = mapped_column(Money)
    city_tax: Mapped[Decimal] = mapped_column(Money)
    guest_total: Mapped[Decimal] = mapped_column(Money)
    platform_fee: Mapped[Decimal] = mapped_column(Money)
    host_payout: Mapped[Decimal] = mapped_column(Money)
    written_at: Mapped[datetime] = mapped_column(default=utcnow)


# staykit's own word for where a payment attempt is (the marketplace's statusLiteral);
# paymentStatus beside it is the provider's.
STATUS_LITERALS = ("started", "requiresAction", "processing", "succeeded", "failed", "canceled")
# Attempts a job must look at again: the provider has not said how they end.
UNSETTLED = ("processing", "requiresAction")


class ReservationPayment(Record, Base):
    """One payment attempt of a reservation: a payment intent at the provider (the
    marketplace's Sys_reservationPayment). `owner_id` is the guest who pays. The status
    fields are the provider's answer, written only by staykit (never by a client)."""

    __tablename__ = "reservation_payments"
    __table_args__ = (
        CheckConstraint(
            "status_literal IN ('started', 'requiresAction', 'processing', 'succeeded', "
            "'failed', 'canceled')",
            name="status_literal",
        ),
        CheckConstraint("amount > 0", name="amount"),
        Index("uq_reservation_payments_provider_payment", "provider", "payment_id", unique=True),
        Index("uq_reservation_payments_attempt", "reservation_id", "attempt", unique=True),
        Index(
            "ix_reservation_payments_unsettled",
            "checked_at",
            postgresql_where=text("status_literal IN ('processing', 'requiresAction')"),
        ),
    )

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"))
    attempt: Mapped[int] = mapped_column()
    provider: Mapped[str] = mapped_column(String(20))
    payment_id: Mapped[str] = mapped_column(String(255))  # the intent's id at the provider
    payment_status: Mapped[str] = mapped_column(String(40))
    status_literal: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    payment_method: Mapped[str | None] = mapped_column(String(255), default=None)
    charge_id: Mapped[str | None] = mapped_column(String(255), default=None)
    failure_code: Mapped[str | None] = mapped_column(String(100), default=None)
    redirect_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    # When staykit last heard from the provider about it (the refresh job's order).
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_reservation_payments_owner_id", ReservationPayment.owner_id)


class PaymentCustomer(Record, Base):
    """A user as a customer of a payment platform (Sys_paymentCustomer): one per platform."""

    __tablename__ = "payment_customers"
    __table_args__ = (
        Index("uq_payment_customers_user_platform", "user_id", "platform", unique=True),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    platform: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[str] = mapped_column(String(255))


class SavedPaymentMethod(Record, Base):
    """A card saved to a user's customer at the platform (Sys_paymentMethod). `card_info`
    holds what staykit may know of it: brand, last 4 digits, expiry; never a number.
    `source_method` is what the guest paid with (a test token, a Stripe.js id), so the same
    card given again is the same saved method."""

    __tablename__ = "payment_methods"
    __table_args__ = (
        Index("uq_payment_methods_platform_method", "platform", "payment_method_id", unique=True),
        Index(
            "uq_payment_methods_user_source", "user_id", "platform", "source_method", unique=True
        ),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    platform: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[str] = mapped_column(String(255))
    payment_method_id: Mapped[str] = mapped_column(String(255))
    source_method: Mapped[str] = mapped_column(String(255))
    card_holder_name: Mapped[str | None] = mapped_column(String(200), default=None)
    card_holder_zip: Mapped[str | None] = mapped_column(String(20), default=None)
    card_info: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)


class ViewBase(DeclarativeBase):
    """Read-only classes over database VIEWs: their own metadata, so nothing creates,
    empties or migrates them as tables (the migration defines the view)."""

    type_annotation_map = Base.type_annotation_map


class PaymentRecordView(ViewBase):
    """A payment record (the marketplace's PaymentRecord): one row of the payment_records
    VIEW of the ledger per guest payment (paid), refund (refunded) or host payout (paid, with
    the fee kept). Being the ledger's rows, records are immutable and always agree with it."""

    __tablename__ = "payment_records"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    is_active: Mapped[bool] = mapped_column()
    record_version: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    owner_id: Mapped[uuid.UUID | None] = mapped_column()  # the guest
    reservation_id: Mapped[uuid.UUID] = mapped_column()
    host_id: Mapped[uuid.UUID] = mapped_column()
    business_id: Mapped[uuid.UUID] = mapped_column()
    movement: Mapped[str] = mapped_column(String(10))  # payment, refund, payout
    payment_status: Mapped[str] = mapped_column(String(10))
    provider: Mapped[str | None] = mapped_column(String(20))
    provider_ref: Mapped[str | None] = mapped_column(String(255))
    payment_intent_id: Mapped[str | None] = mapped_column(String(255))
    stripe_charge_id: Mapped[str | None] = mapped_column(String(255))
    currency: Mapped[str] = mapped_column(String(3))
    amount_paid: Mapped[Decimal] = mapped_column(Money)
    refund_amount: Mapped[Decimal] = mapped_column(Money)
    payout_amount_host: Mapped[Decimal | None] = mapped_column(Money)
    platform_fee: Mapped[Decimal | None] = mapped_column(Money)
    city_tax: Mapped[Decimal | None] = mapped_column(Money)
    payment_date: Mapped[datetime] = mapped_column()
