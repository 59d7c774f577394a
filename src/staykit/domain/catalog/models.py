"""The catalog: properties, unit types (= marketplace listings), units,
rates and their per-date values, per-date inventory, occupancy and availability blocks.

One model serves three APIs: a marketplace Listing is a UnitType (same id); rezStream sees
unit types, units and rate plans; Beds24 sees rooms (unit types with qty) and price1..16.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ARRAY,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Text,
    Time,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, IntegerId, Record

Money = Numeric(14, 3)
PROPERTY_TYPES = ("apartment", "house", "villa", "room", "condo", "loft", "studio", "other")
APPROVAL_TYPES = ("instant", "manual")
BLOCK_KINDS = ("owner_stay", "maintenance", "imported")
# The secret in a unit type's or unit's iCal export URL (staykit.domain.ical.export): 256
# random bits as 64 hex digits. Rows inserted outside the ORM get one from the database
# (two random UUIDs, 244 random bits).
ICAL_TOKEN_SQL = "replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')"


def new_ical_token() -> str:
    return secrets.token_hex(32)


class Property(IntegerId, Record, Base):
    __tablename__ = "properties"
    __table_args__ = (
        CheckConstraint(
            "latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180", name="geo"
        ),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency"),
        Index(
            "ix_properties_earth", text("ll_to_earth(latitude, longitude)"), postgresql_using="gist"
        ),
        Index(
            "ix_properties_city_trgm",
            "city",
            postgresql_using="gin",
            postgresql_ops={"city": "gin_trgm_ops"},
        ),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(120), default=None)
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    time_zone: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    check_in_time: Mapped[time] = mapped_column(Time, default=time(15, 0))
    check_out_time: Mapped[time] = mapped_column(Time, default=time(11, 0))


class UnitType(IntegerId, Record, Base):
    """What guests book. The marketplace calls it a Listing (same id)."""

    __tablename__ = "unit_types"
    __table_args__ = (
        CheckConstraint(
            "min_stay >= 1 AND (max_stay IS NULL OR max_stay >= min_stay)", name="stay"
        ),
        CheckConstraint(
            "max_guests >= 1 AND base_occupancy >= 1 AND base_occupancy <= max_guests",
            name="guests",
        ),
        CheckConstraint("price_per_night >= 0 AND cleaning_fee >= 0", name="prices"),
        CheckConstraint("city_tax_percent >= 0 AND city_tax_percent <= 100", name="city_tax"),
        Index(
            "ix_unit_types_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index(
            "ix_unit_types_description_trgm",
            "description",
            postgresql_using="gin",
            postgresql_ops={"description": "gin_trgm_ops"},
        ),
        Index("ix_unit_types_amenities", "amenity_ids", postgresql_using="gin"),
        Index("ix_unit_types_searchable", "is_published", "is_active"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"), index=True)
    host_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    property_type: Mapped[str] = mapped_column(String(20), index=True)
    photos: Mapped[list[str]] = mapped_column(ARRAY(String(2048)), default=list)
    main_photo: Mapped[str | None] = mapped_column(String(2048), default=None)
    amenity_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(UUID(as_uuid=True)), default=list)
    price_per_night: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str] = mapped_column(String(3))
    min_stay: Mapped[int] = mapped_column(default=1)
    max_stay: Mapped[int | None] = mapped_column(default=None)
    approval_type: Mapped[str] = mapped_column(String(10), default="instant")
    booking_policies: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    cancellation_policy: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    seasonal_pricing: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    languages_supported: Mapped[list[str]] = mapped_column(ARRAY(String(20)), default=list)
    house_rules: Mapped[str | None] = mapped_column(Text, default=None)
    is_published: Mapped[bool] = mapped_column(default=False)
    city_tax_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    max_guests: Mapped[int] = mapped_column(SmallInteger, default=2)
    base_occupancy: Mapped[int] = mapped_column(SmallInteger, default=2)
    cleaning_fee: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    ical_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_ical_token, server_default=text(ICAL_TOKEN_SQL)
    )


class Unit(IntegerId, Record, Base):
    """A physical room or home. Availability is per unit per night."""

    __tablename__ = "units"

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    ical_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_ical_token, server_default=text(ICAL_TOKEN_SQL)
    )


class Amenity(Record, Base):
    __tablename__ = "amenities"
    __table_args__ = (
        Index(
            "uq_amenities_name_active",
            text("lower(name)"),
            unique=True,
            postgresql_where=text("is_active"),
        ),
    )

    name: Mapped[str] = mapped_column(String(100))
    icon_url: Mapped[str | None] = mapped_column(String(2048), default=None)


class ListingLocaleText(Record, Base):
    __tablename__ = "listing_locale_texts"
    __table_args__ = (
        Index(
            "uq_listing_locale_texts_active",
            "listing_id",
            text("lower(language_code)"),
            unique=True,
            postgresql_where=text("is_active"),
        ),
    )

    listing_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    language_code: Mapped[str] = mapped_column(String(20))
    localized_title: Mapped[str] = mapped_column(String(200))
    localized_description: Mapped[str] = mapped_column(Text)


class RatePlan(Record, Base):
    __tablename__ = "rate_plans"

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))


class Rate(IntegerId, Record, Base):
    """A price list for one unit type. Slot 1 is the default (Channel API price1..price16)."""

    __tablename__ = "rates"
    __table_args__ = (
        Index(
            "uq_rates_slot", "unit_type_id", "slot", unique=True, postgresql_where=text("is_active")
        ),
        Index(
            "uq_rates_default",
            "unit_type_id",
            unique=True,
            postgresql_where=text("is_active AND is_default"),
        ),
        CheckConstraint("slot BETWEEN 1 AND 16", name="slot"),
        CheckConstraint("base_price >= 0", name="base_price"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    rate_plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rate_plans.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    slot: Mapped[int] = mapped_column(SmallInteger)
    is_default: Mapped[bool] = mapped_column(default=False)
    base_price: Mapped[Decimal] = mapped_column(Money)
    allow_updates: Mapped[bool] = mapped_column(default=True)
    # {guestTypeId: amount per night} for guests beyond the base occupancy
    extra_guest_charges: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)


class GuestType(Record, Base):
    __tablename__ = "guest_types"

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))  # adult, child, infant...
    name: Mapped[str] = mapped_column(String(100))


class RateDay(Base):
    """What differs from a rate's defaults on one date. A date with no row uses the defaults."""

    __tablename__ = "rate_days"
    __table_args__ = (
        CheckConstraint("price IS NULL OR price >= 0", name="price"),
        CheckConstraint("min_stay IS NULL OR min_stay >= 1", name="min_stay"),
        CheckConstraint("max_stay IS NULL OR max_stay >= 1", name="max_stay"),
    )

    rate_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("rates.id"), primary_key=True)
    date: Mapped[date] = mapped_column(Date, primary_key=True)
    price: Mapped[Decimal | None] = mapped_column(Money, default=None)
    min_stay: Mapped[int | None] = mapped_column(default=None)
    max_stay: Mapped[int | None] = mapped_column(default=None)
    base_occupancy: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    extra_guest_charges: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    closed_to_arrival: Mapped[bool | None] = mapped_column(default=None)
    closed_to_departure: Mapped[bool | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class InventoryDay(Record, Base):
    """Per-date inventory of a unit type: stop-sell and an availability cap.

    It is also the marketplace's ListingCalendar entry (same id): the entry's price and
    minimum stay live in the default rate's RateDay for that date.
    """

    __tablename__ = "inventory_days"
    __table_args__ = (
        Index(
            "uq_inventory_days_active",
            "unit_type_id",
            "date",
            unique=True,
            postgresql_where=text("is_active"),
        ),
        CheckConstraint("availability_cap IS NULL OR availability_cap >= 0", name="cap"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"))
    date: Mapped[date] = mapped_column(Date)
    stop_sell: Mapped[bool] = mapped_column(default=False)
    availability_cap: Mapped[int | None] = mapped_column(default=None)
    booked_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    ical_url: Mapped[str | None] = mapped_column(String(2048), default=None)
    external_calendar_ids: Mapped[str | None] = mapped_column(String(2048), default=None)


class Occupancy(Base):
    """One unit taken for [arrival, departure). The exclusion constraint makes a double
    booking impossible, whatever writes the row."""

    __tablename__ = "occupancies"
    __table_args__ = (
        CheckConstraint("departure > arrival", name="dates"),
        CheckConstraint("kind IN ('reservation', 'block')", name="kind"),
        ExcludeConstraint(
            ("unit_id", "="),
            (text("daterange(arrival, departure, '[)')"), "&&"),
            name="ex_occupancies_no_overlap",
            using="gist",
            where=text("active"),
        ),
        Index("ix_occupancies_unit_dates", "unit_id", "arrival", "departure"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"))
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    arrival: Mapped[date] = mapped_column(Date)
    departure: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[uuid.UUID] = mapped_column(index=True)  # the block or reservation
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AvailabilityBlock(Record, Base):
    """A unit closed for an owner stay, maintenance, or an imported calendar event."""

    __tablename__ = "availability_blocks"
    __table_args__ = (
        CheckConstraint("departure > arrival", name="dates"),
        CheckConstraint("kind IN ('owner_stay', 'maintenance', 'imported')", name="kind"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    unit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("units.id"), index=True)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    arrival: Mapped[date] = mapped_column(Date)
    departure: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(500), default=None)
    external_uid: Mapped[str | None] = mapped_column(String(500), default=None)


class ListingPhoto(Record, Base):
    """An uploaded listing photo: the listing's and its business's (not a user's, as
    avatars are). Served publicly by its access key; the listing's `photos` hold that
    address. The bytes are in the file store (docs/storage.md); file_data only for photos
    moved by migration 0031 from the avatar files (readers fall back to it)."""

    __tablename__ = "listing_photos"

    # None until the listing exists (a photo sent with the new-listing form).
    business_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("businesses.id"), index=True, default=None
    )
    unit_type_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_types.id"), index=True, default=None
    )
    file_name: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str] = mapped_column(String(100))
    file_size: Mapped[int]
    access_key: Mapped[str] = mapped_column(String(12), unique=True)
    storage_key: Mapped[str | None] = mapped_column(String(512), default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
