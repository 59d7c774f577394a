"""Request bodies of the property catalog (spec §4), and the shapes of the objects the seed
leaves open: location, seasonalPricing, cancellationPolicy, bookingPolicies. Each body
builds the domain's command (`to_command`, staykit.domain.catalog.commands)."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
import zoneinfo
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from staykit.core import money
from staykit.core.errors import InvalidInput
from staykit.core.schemas import ISO_DATE, Input, LanguageCode, LongText, Name, Url
from staykit.domain.catalog import commands

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

    def _values(self) -> dict[str, Any]:
        """The fields the client sent, as the domain's command takes them."""
        out: dict[str, Any] = {}
        for key in self.model_fields_set:
            value = getattr(self, key)
            if key == "location" and value is not None:
                value = commands.Location(value.lat, value.lng, value.city, value.country)
            elif key in ("seasonal_pricing", "cancellation_policy") and value is not None:
                # stored as the document the quote engine and refunds read
                value = value.model_dump(mode="json", by_alias=True)
            out[key] = value
        return out


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

    def to_command(self) -> commands.NewListing:
        return commands.NewListing(**self._values(), provided=frozenset(self.model_fields_set))


class UpdateListing(ListingFields):
    """Every Listing field but hostId, all optional (spec §4.2 updateListing)."""

    def to_command(self) -> commands.ListingChanges:
        return commands.ListingChanges(**self._values(), provided=frozenset(self.model_fields_set))


# --- listing calendars ------------------------------------------------------------------------


def iso_date(value: Any) -> Any:
    # Pydantic would also take a Unix timestamp or "2026-07-01T00:00"; the contract is a date.
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


def _not_null(field: str) -> InvalidInput:
    return InvalidInput(
        f"{field} may be left out but not set to null.", code=f"{field}IsInvalid", field=field
    )


class CalendarFields(Input):
    """What a calendar entry may change (spec §4.2 updateListingCalendar). date and
    listingId are fixed once the entry exists: sending them is a 400."""

    price_override: Price | None = None
    min_stay: int | None = Field(default=None, ge=1, le=365)
    booked_by: uuid.UUID | None = None
    i_cal_url: Url | None = None
    external_calendar_ids: str | None = Field(default=None, max_length=2048)
    is_available: bool | None = None

    def values(self) -> commands.CalendarValues:
        sent = self.model_fields_set
        if "is_available" in sent and self.is_available is None:
            raise _not_null("isAvailable")
        names = {"i_cal_url": "ical_url", "is_available": "available"}
        return commands.CalendarValues(
            price_override=self.price_override,
            min_stay=self.min_stay,
            available=self.is_available,
            booked_by=self.booked_by,
            ical_url=self.i_cal_url,
            external_calendar_ids=self.external_calendar_ids,
            provided=frozenset(names.get(k, k) for k in sent),
        )

    def to_command(self) -> Any:
        return self.values()


class CreateListingCalendar(CalendarFields):
    listing_id: uuid.UUID
    date: dt.date
    is_available: bool

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return iso_date(value)

    def to_command(self) -> commands.NewCalendarDay:
        return commands.NewCalendarDay(self.listing_id, self.date, self.values())


class UpdateListingCalendar(CalendarFields):
    def to_command(self) -> commands.CalendarValues:
        return self.values()


class CalendarRange(Input):
    from_: dt.date = Field(alias="from")
    to: dt.date
    price_override: Price | None = None
    min_stay: int | None = Field(default=None, ge=1, le=365)
    is_available: bool | None = None

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        return iso_date(value)


class BulkCalendar(Input):
    """PUT /v1/listings/{listingId}/calendar: at most 100 ranges."""

    ranges: list[CalendarRange] = Field(min_length=1, max_length=100)

    def to_command(self) -> commands.CalendarRanges:
        out = []
        for k, item in enumerate(self.ranges):
            sent = item.model_fields_set
            if "is_available" in sent and item.is_available is None:
                raise InvalidInput(
                    f"ranges.{k}: isAvailable may not be null.",
                    code="calendarRangeIsInvalid",
                    field=f"ranges.{k}.isAvailable",
                )
            values = commands.CalendarValues(
                price_override=item.price_override,
                min_stay=item.min_stay,
                available=item.is_available,
                provided=frozenset(
                    "available" if k == "is_available" else k
                    for k in sent & {"price_override", "min_stay", "is_available"}
                ),
            )
            out.append(commands.CalendarRange(item.from_, item.to, values))
        return commands.CalendarRanges(out)


# --- locale texts and amenities ------------------------------------------------------------


class CreateListingLocaleText(Input):
    listing_id: uuid.UUID
    language_code: LanguageCode
    localized_title: Name
    localized_description: LongText = Field(min_length=1)

    def to_command(self) -> commands.NewLocaleText:
        return commands.NewLocaleText(
            self.listing_id, self.language_code, self.localized_title, self.localized_description
        )


class UpdateListingLocaleText(Input):
    """listingId and languageCode are fixed once created: sending them is a 400."""

    localized_title: Name | None = None
    localized_description: LongText | None = Field(default=None, min_length=1)

    def to_command(self) -> commands.LocaleTextChanges:
        # null for either is refused by the domain (the columns are NOT NULL)
        return commands.LocaleTextChanges(
            self.localized_title, self.localized_description, frozenset(self.model_fields_set)
        )


class CreateListingAmenity(Input):
    name: str = Field(min_length=1, max_length=100)
    icon_url: Url | None = None

    def to_command(self) -> commands.NewAmenity:
        return commands.NewAmenity(self.name, self.icon_url)


class UpdateListingAmenity(Input):
    """Only the icon changes; `name` is refused (400) like any unknown field."""

    icon_url: Url | None = None

    def to_command(self) -> commands.AmenityChanges:
        return commands.AmenityChanges(self.icon_url, frozenset(self.model_fields_set))
