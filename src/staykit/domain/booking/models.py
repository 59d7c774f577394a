"""The booking engine's records: reservations, their unit assignments, people, invoice and
info items. (The domain events every change writes are staykit.domain.events's.)

A Reservation holds one or more UnitAssignments (a unit of a unit type on a rate for its
own [arrival, departure)); each active assignment owns one Occupancy row (catalog), and
the exclusion constraint on occupancies is what makes a double booking impossible.

`updated_at` of a reservation is the DATABASE's transaction time (now()), not the
application clock: the change feed (feed.py) orders by it and must compare it with the
start times of transactions still running.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from staykit.core.clock import utcnow
from staykit.core.models import Base, IntegerId, Record

Money = Numeric(14, 3)

STATUSES = (
    "inquiry",
    "request",
    "new",
    "confirmed",
    "black",
    "completed",
    "cancelled",
    "declined",
    "expired",
)
# Statuses whose unit assignments hold their nights (an active Occupancy each).
HOLDING = ("request", "new", "confirmed", "black", "completed")
DISPUTE_STATUSES = ("none", "requested", "active", "resolved")
PAYMENT_CONFIRMATIONS = ("pending", "processing", "paid", "canceled")
SOURCES = ("marketplace", "direct", "channel_api", "cloud_api", "ical")
INVOICE_KINDS = ("charge", "payment", "refund")


class Reservation(IntegerId, Record, Base):
    __tablename__ = "reservations"
    __table_args__ = (
        CheckConstraint("departure > arrival", name="dates"),
        CheckConstraint(
            "status IN ('inquiry', 'request', 'new', 'confirmed', 'black', 'completed', "
            "'cancelled', 'declined', 'expired')",
            name="status",
        ),
        CheckConstraint("adults >= 1 AND children >= 0", name="guests"),
        # The change feed: (updated_at, id) keyset, per business and overall.
        Index("ix_reservations_feed", "updated_at", "id"),
        Index("ix_reservations_business_feed", "business_id", "updated_at", "id"),
        Index("ix_reservations_unit_type_arrival", "unit_type_id", "arrival"),
        # Stays by date (the Cloud API's byDate, the Channel API's default "not departed
        # yet" and its arrival/departure filters): departure > first skips the history.
        Index("ix_reservations_business_departure", "business_id", "departure"),
        Index(
            "ix_reservations_request_expiry",
            "expires_at",
            postgresql_where=text("status = 'request'"),
        ),
        # The payments settlement job: platform stays that ended, by departure.
        Index(
            "ix_reservations_platform_settlement",
            "departure",
            postgresql_where=text(
                "platform_payment AND status IN ('completed', 'cancelled', 'declined', 'expired')"
            ),
        ),
        Index(
            "uq_reservations_external_ref",
            "business_id",
            "source",
            "external_ref",
            unique=True,
            postgresql_where=text("external_ref IS NOT NULL"),
        ),
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # eager_defaults: the database-set updated_at comes back with the INSERT/UPDATE.
        return {"version_id_col": cls.record_version, "eager_defaults": True}

    # Both from the database's clock (the transaction's start), so updatedAt never comes
    # before createdAt; madeAt keeps the application clock (request expiry runs on it).
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"))
    host_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    guest_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), index=True, default=None
    )
    status: Mapped[str] = mapped_column(String(12))
    approval_type: Mapped[str] = mapped_column(String(10))
    arrival: Mapped[date] = mapped_column(Date)
    departure: Mapped[date] = mapped_column(Date)
    adults: Mapped[int] = mapped_column(SmallInteger)
    children: Mapped[int] = mapped_column(SmallInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal] = mapped_column(Money)
    extra_guest_charges: Mapped[Decimal] = mapped_column(Money)
    cleaning_fee: Mapped[Decimal] = mapped_column(Money)
    city_tax: Mapped[Decimal] = mapped_column(Money)
    total: Mapped[Decimal] = mapped_column(Money)
    nightly_prices: Mapped[list[Any]] = mapped_column(JSONB)  # [[date, "price"], ...]
    refund_amount: Mapped[Decimal | None] = mapped_column(Money, default=None)
    booking_policies_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    cancellation_policy_snapshot: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    source: Mapped[str] = mapped_column(String(20), default="marketplace")
    external_ref: Mapped[str | None] = mapped_column(String(200), default=None)
    api_source_id: Mapped[int | None] = mapped_column(default=None)
    master_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reservations.id"), index=True, default=None
    )
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    dispute_status: Mapped[str] = mapped_column(String(10), default="none")
    payment_confirmation: Mapped[str] = mapped_column(String(10), default="pending")
    ical_export_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    ical_import_source: Mapped[str | None] = mapped_column(String(2048), default=None)
    made_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(default=None)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_by: Mapped[str | None] = mapped_column(String(10), default=None)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)
    # The platform takes this reservation's money (a marketplace booking): its payments,
    # refunds and payout are the payments ledger's, and its invoice lines of them too.
    # Partner and direct bookings keep their money in their own invoice items.
    platform_payment: Mapped[bool] = mapped_column(default=False, server_default=text("false"))


class UnitAssignment(Record, Base):
    """One unit of the stay: its own dates, rate, occupancy count and revenue split."""

    __tablename__ = "unit_assignments"
    __table_args__ = (CheckConstraint("departure > arrival", name="dates"),)

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"))
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"))
    rate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rates.id"))
    rate_plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rate_plans.id"))
    arrival: Mapped[date] = mapped_column(Date)
    departure: Mapped[date] = mapped_column(Date)
    occupancy_count: Mapped[int] = mapped_column(SmallInteger)
    rental_revenue: Mapped[Decimal] = mapped_column(Money)
    rental_tax: Mapped[Decimal] = mapped_column(Money)
    rental_fee: Mapped[Decimal] = mapped_column(Money)


class ReservationGuest(Record, Base):
    """A person of the group. Any of the contact fields may be missing; mobile and phone
    are separate (a person may have either, both, or different numbers)."""

    __tablename__ = "reservation_guests"

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    unit_assignment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_assignments.id"), default=None
    )
    is_primary: Mapped[bool] = mapped_column(default=False)
    first_name: Mapped[str | None] = mapped_column(String(100), default=None)
    last_name: Mapped[str | None] = mapped_column(String(100), default=None)
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    phone: Mapped[str | None] = mapped_column(String(40), default=None)
    mobile: Mapped[str | None] = mapped_column(String(40), default=None)


class InvoiceItem(IntegerId, Record, Base):
    """A charge, payment or refund line. qty may be negative (a correction)."""

    __tablename__ = "invoice_items"
    __table_args__ = (CheckConstraint("kind IN ('charge', 'payment', 'refund')", name="kind"),)

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    unit_assignment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_assignments.id"), default=None
    )
    guest_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reservation_guests.id"), default=None
    )
    kind: Mapped[str] = mapped_column(String(10))
    code: Mapped[str | None] = mapped_column(String(40), default=None)
    description: Mapped[str] = mapped_column(String(250))
    qty: Mapped[Decimal] = mapped_column(Numeric(12, 3), default=Decimal(1))
    amount: Mapped[Decimal] = mapped_column(Money)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3))
    # The ledger row (staykit.domain.payments) this line shows: a guest payment or refund
    # the platform recorded. Written with that row, never changed (a trigger keeps its
    # money fields; migration 0018). The foreign key is the database's only: the booking
    # models do not import the payments models.
    ledger_entry_id: Mapped[uuid.UUID | None] = mapped_column(default=None)


class InfoItem(IntegerId, Record, Base):
    __tablename__ = "info_items"

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    code: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(String(1000))
