"""The payments domain's records: the ledger (one immutable row per money movement) and the
payment provider's webhook events already taken in.

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
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base

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
    """A provider's webhook event, stored when it is first taken in. Its (provider,
    event_id) is unique: the INSERT that wins the row processes the event, in the same
    transaction; a delivery of the same event again inserts nothing and changes nothing."""

    __tablename__ = "payment_events"
    __table_args__ = (
        Index("uq_payment_events_provider_event", "provider", "event_id", unique=True),
    )

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)


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
