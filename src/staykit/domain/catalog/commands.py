"""What callers hand the catalog, in domain words: a new listing and its changes, calendar
values (one date or many ranges), locale texts and amenities. Each API builds these from
its own request bodies (the marketplace: api/marketplace/catalog_schemas.py).

Partial updates: a changes command carries `provided`, the names of the fields the
caller gave; a field not provided is left as it is, a provided None clears it (where the
column may be cleared: the services refuse clearing the others).

Seasonal pricing and cancellation policies travel as the documents stored on the listing
(`{"rules": [{"startDate", "endDate", "weekdays"?, "pricePerNight" | "adjustmentPercent"}]}`
and `{"name"?, "tiers": [{"daysBeforeArrival", "refundPercent"}]}`, read by the quote
engine and refunds), already checked for shape by the caller's parsing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any


def _changed(command: Any) -> dict[str, Any]:
    return {f.name: getattr(command, f.name) for f in fields(command) if f.name in command.provided}


@dataclass(frozen=True)
class Location:
    lat: float
    lng: float
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2


@dataclass(frozen=True)
class NewListing:
    """A listing (unit type) with its property, one unit and the default rate."""

    title: str
    address: str
    price_per_night: Decimal
    description: str
    property_type: str
    location: Location
    currency: str
    approval_type: str
    is_published: bool
    amenity_ids: list[uuid.UUID] | None = None
    main_photo: str | None = None
    photos: list[str] | None = None
    max_stay: int | None = None
    min_stay: int | None = None
    seasonal_pricing: dict[str, Any] | None = None
    booking_policies: dict[str, Any] | None = None
    cancellation_policy: dict[str, Any] | None = None
    languages_supported: list[str] | None = None
    house_rules: str | None = None
    city_tax_percent: Decimal | None = None
    time_zone: str | None = None
    max_guests: int | None = None
    base_occupancy: int | None = None
    cleaning_fee: Decimal | None = None
    provided: frozenset[str] = frozenset()  # the optional fields the caller gave


@dataclass(frozen=True)
class ListingChanges:
    """Any listing field but its host; only the `provided` ones change."""

    title: str | None = None
    address: str | None = None
    price_per_night: Decimal | None = None
    description: str | None = None
    property_type: str | None = None
    location: Location | None = None
    currency: str | None = None
    approval_type: str | None = None
    is_published: bool | None = None
    amenity_ids: list[uuid.UUID] | None = None
    main_photo: str | None = None
    photos: list[str] | None = None
    max_stay: int | None = None
    min_stay: int | None = None
    seasonal_pricing: dict[str, Any] | None = None
    booking_policies: dict[str, Any] | None = None
    cancellation_policy: dict[str, Any] | None = None
    languages_supported: list[str] | None = None
    house_rules: str | None = None
    city_tax_percent: Decimal | None = None
    time_zone: str | None = None
    max_guests: int | None = None
    base_occupancy: int | None = None
    cleaning_fee: Decimal | None = None
    provided: frozenset[str] = frozenset()

    def changed(self) -> dict[str, Any]:
        """{field: value} of the provided fields."""
        return _changed(self)


@dataclass(frozen=True)
class CalendarValues:
    """What one date of a listing's calendar says: its price and minimum stay (the
    default rate's per-date values; None clears the override), whether it is available
    (stop-sell), and the owner's bookkeeping (who booked it, the iCal feed, external
    calendar ids). Only the `provided` ones are written."""

    price_override: Decimal | None = None
    min_stay: int | None = None
    available: bool | None = None
    booked_by: uuid.UUID | None = None
    ical_url: str | None = None
    external_calendar_ids: str | None = None
    provided: frozenset[str] = frozenset()

    def changed(self) -> dict[str, Any]:
        return _changed(self)


@dataclass(frozen=True)
class NewCalendarDay:
    listing_id: uuid.UUID
    date: dt.date
    values: CalendarValues


@dataclass(frozen=True)
class CalendarRange:
    """Every date from `first` to `last` (both included) gets `values`."""

    first: dt.date
    last: dt.date
    values: CalendarValues


@dataclass(frozen=True)
class CalendarRanges:
    """Many ranges of one listing, all or nothing; later ranges win where they overlap."""

    ranges: list[CalendarRange] = field(default_factory=list)


@dataclass(frozen=True)
class NewLocaleText:
    listing_id: uuid.UUID
    language_code: str
    localized_title: str
    localized_description: str


@dataclass(frozen=True)
class LocaleTextChanges:
    localized_title: str | None = None
    localized_description: str | None = None
    provided: frozenset[str] = frozenset()

    def changed(self) -> dict[str, Any]:
        return _changed(self)


@dataclass(frozen=True)
class NewAmenity:
    name: str
    icon_url: str | None = None


@dataclass(frozen=True)
class AmenityChanges:
    icon_url: str | None = None
    provided: frozenset[str] = frozenset()
