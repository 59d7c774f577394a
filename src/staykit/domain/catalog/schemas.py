"""Request bodies of the property catalog (spec §4), and the shapes of the objects the seed
leaves open: location, seasonalPricing, cancellationPolicy, bookingPolicies."""

from __future__ import annotations

import functools
import uuid
import zoneinfo
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from staykit.core import money
from staykit.core.schemas import Input, LanguageCode, LongText, Name, Url

PropertyType = Literal["apartment", "house", "villa", "room", "condo", "loft", "studio", "other"]
ApprovalType = Literal["instant", "manual"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Price = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), max_digits=13, decimal_places=3)]


class Location(Input):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)
    city: str | None = Field(default=None, max_length=120)
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")


class SeasonalRule(Input):
    """Nights from `startDate` to `endDate` (both included), optionally only on some
    weekdays, cost `pricePerNight`, or the base price adjusted by `adjustmentPercent`."""

    name: str | None = Field(default=None, max_length=100)
    start_date: date
    end_date: date
    weekdays: list[Weekday] | None = None
    price_per_night: Price | None = None
    adjustment_percent: Decimal | None = Field(default=None, ge=-100, le=1000, decimal_places=2)

    @model_validator(mode="after")
    def _one_price(self) -> SeasonalRule:
        if self.end_date < self.start_date:
            raise ValueError("endDate must not be before startDate")
        if (self.price_per_night is None) == (self.adjustment_percent is None):
            raise ValueError("give exactly one of pricePerNight and adjustmentPercent")
        return self


class SeasonalPricing(Input):
    """Later rules win where rules overlap."""

    rules: list[SeasonalRule] = Field(default_factory=list, max_length=100)


class CancellationTier(Input):
    days_before_arrival: int = Field(ge=0, le=730)
    refund_percent: Decimal = Field(ge=0, le=100, decimal_places=2)


class CancellationPolicy(Input):
    """Refund by how many days before arrival the stay is cancelled: the tier with the
    largest `daysBeforeArrival` not exceeding the notice given applies."""

    name: str | None = Field(default=None, max_length=100)
    tiers: list[CancellationTier] = Field(min_length=1, max_length=20)

    @field_validator("tiers")
    @classmethod
    def _distinct(cls, tiers: list[CancellationTier]) -> list[CancellationTier]:
        days = [t.days_before_arrival for t in tiers]
        if len(set(days)) != len(days):
            raise ValueError("each daysBeforeArrival may appear once")
        return sorted(tiers, key=lambda t: t.days_before_arrival, reverse=True)


@functools.cache
def time_zones() -> frozenset[str]:
    """The IANA zones this machine knows (read from disk once: ~20 ms a read)."""
    return frozenset(zoneinfo.available_timezones())


def _valid_tz(value: str | None) -> str | None:
    if value is not None and value not in time_zones():
        raise ValueError(f"{value!r} is not an IANA time zone (e.g. Europe/Lisbon)")
    return value


def _valid_currency(value: str) -> str:
    if not money.is_currency(value):
        raise ValueError(f"{value!r} is not a supported ISO 4217 currency code")
    return value


class ListingFields(Input):
    title: Name | None = None
    amenity_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)
    main_photo: Url | None = None
    photos: list[Url] | None = Field(default=None, max_length=50)
    address: str | None = Field(default=None, min_length=1, max_length=500)
    price_per_night: Price | None = None
    description: LongText | None = None
    property_type: PropertyType | None = None
    location: Location | None = None
    max_stay: int | None = Field(default=None, ge=1, le=365)
    min_stay: int | None = Field(default=None, ge=1, le=365)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    seasonal_pricing: SeasonalPricing | None = None
    approval_type: ApprovalType | None = None
    booking_policies: dict[str, Any] | None = None
    cancellation_policy: CancellationPolicy | None = None
    languages_supported: list[LanguageCode] | None = Field(default=None, max_length=30)
    house_rules: LongText | None = None
    is_published: bool | None = None
    city_tax_percent: Decimal | None = Field(default=None, ge=0, le=100, decimal_places=2)
    # staykit additions a PMS needs
    time_zone: str | None = Field(default=None, max_length=64)
    max_guests: int | None = Field(default=None, ge=1, le=100)
    base_occupancy: int | None = Field(default=None, ge=1, le=100)
    cleaning_fee: Price | None = None

    @field_validator("time_zone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        return _valid_tz(v)

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str | None) -> str | None:
        return _valid_currency(v) if v is not None else v

    @field_validator("booking_policies")
    @classmethod
    def _small_object(cls, v: dict[str, Any] | None) -> dict[str, Any] | None:
        if v is not None and len(str(v)) > 10_000:
            raise ValueError("must be at most 10,000 characters of JSON")
        return v


class CreateListing(ListingFields):
    title: Name
    address: str = Field(min_length=1, max_length=500)
    price_per_night: Price
    description: LongText
    property_type: PropertyType
    location: Location
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    approval_type: ApprovalType
    is_published: bool


class UpdateListing(ListingFields):
    """Every Listing field but hostId, all optional (spec §4.2 updateListing)."""
