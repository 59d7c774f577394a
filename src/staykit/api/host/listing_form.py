"""The listing form: what a host types, read into the catalog's commands, with a message
per field a person can act on ("Price per night must be a number, such as 85.50").

Numbers and choices are checked here (they are the form's words); the catalog's rules
(currencies, amounts that fit the currency, stay limits, amenities) stay in the domain,
whose errors the page shows next to the field they name."""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from starlette.datastructures import FormData

from staykit.core import money
from staykit.domain.catalog.commands import ListingChanges, Location, NewListing
from staykit.domain.catalog.models import APPROVAL_TYPES, PROPERTY_TYPES

MAX_PRICE = Decimal("10000000")

# Cancellation policies a host picks by name: the tiers refunds read (booking/lifecycle).
POLICIES: dict[str, dict[str, Any] | None] = {
    "none": None,
    "flexible": {
        "name": "flexible",
        "tiers": [
            {"daysBeforeArrival": 1, "refundPercent": 100},
            {"daysBeforeArrival": 0, "refundPercent": 0},
        ],
    },
    "moderate": {
        "name": "moderate",
        "tiers": [
            {"daysBeforeArrival": 5, "refundPercent": 100},
            {"daysBeforeArrival": 0, "refundPercent": 50},
        ],
    },
    "strict": {
        "name": "strict",
        "tiers": [
            {"daysBeforeArrival": 14, "refundPercent": 50},
            {"daysBeforeArrival": 0, "refundPercent": 0},
        ],
    },
}
CUSTOM = "custom"
POLICY_WORDS = {
    "none": "No policy: a guest who cancels gets everything back",
    "flexible": "Flexible: full refund up to 1 day before arrival",
    "moderate": "Moderate: full refund up to 5 days before, half after",
    "strict": "Strict: half back up to 14 days before, nothing after",
}

# The form's field names: the domain's words, so domain errors land on their field.
FIELDS = (
    "title",
    "description",
    "property_type",
    "address",
    "city",
    "country",
    "lat",
    "lng",
    "time_zone",
    "currency",
    "price_per_night",
    "cleaning_fee",
    "min_stay",
    "max_stay",
    "max_guests",
    "approval_type",
    "house_rules",
    "cancellation_policy",
)


@cache
def time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@dataclass
class ListingForm:
    """What the form was sent with (as typed, to show again) and the errors by field."""

    values: dict[str, str] = field(default_factory=dict)
    amenity_ids: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, form: FormData) -> ListingForm:
        values = {}
        for name in FIELDS:
            raw = form.get(name)
            values[name] = raw.strip() if isinstance(raw, str) else ""
        amenities = [v for v in form.getlist("amenity_ids") if isinstance(v, str)]
        return cls(values, amenities)

    # --- field readers: each records its error and answers None when the value is bad ---

    def _text(self, name: str, label: str, limit: int, *, required: bool) -> str | None:
        value = self.values.get(name, "")
        if not value and required:
            self.errors[name] = f"{label} is required."
            return None
        if len(value) > limit:
            self.errors[name] = f"{label} is at most {limit} characters (this is {len(value)})."
            return None
        return value

    def _amount(self, name: str, label: str, *, required: bool) -> Decimal | None:
        raw = self.values.get(name, "")
        if not raw:
            if required:
                self.errors[name] = f"{label} is required."
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0 or value > MAX_PRICE:
            self.errors[name] = f"{label} must be an amount from 0 to 10000000, such as 85.50."
            return None
        return value

    def _whole(self, name: str, label: str, low: int, high: int) -> int | None:
        raw = self.values.get(name, "")
        if not raw:
            return None
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.errors[name] = f"{label} must be a whole number from {low} to {high}."
            return None
        return int(raw)

    def _degrees(self, name: str, label: str, bound: float) -> float | None:
        raw = self.values.get(name, "")
        try:
            value = float(raw)
        except ValueError:
            value = float("nan")
        if not -bound <= value <= bound:
            self.errors[name] = f"{label} must be a number from -{bound:g} to {bound:g}."
            return None
        return value

    def _choice(self, name: str, label: str, choices: tuple[str, ...]) -> str | None:
        value = self.values.get(name, "")
        if value not in choices:
            self.errors[name] = f"Choose a {label.lower()} from the list."
            return None
        return value

    # --- the whole form ---

    def _fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self._text("title", "Title", 200, required=True),
            "description": self._text("description", "Description", 20_000, required=True),
            "property_type": self._choice("property_type", "Property type", PROPERTY_TYPES),
            "address": self._text("address", "Address", 500, required=True),
            "price_per_night": self._amount("price_per_night", "Price per night", required=True),
            "cleaning_fee": self._amount("cleaning_fee", "Cleaning fee", required=False),
            "min_stay": self._whole("min_stay", "Minimum stay", 1, 365),
            "max_stay": self._whole("max_stay", "Maximum stay", 1, 365),
            "max_guests": self._whole("max_guests", "Guests", 1, 100),
            "approval_type": self._choice("approval_type", "Booking approval", APPROVAL_TYPES),
            "house_rules": self._text("house_rules", "House rules", 20_000, required=False),
        }
        currency = self.values.get("currency", "").upper()
        if not money.is_currency(currency):
            self.errors["currency"] = "Currency must be a 3-letter code, such as EUR or USD."
        out["currency"] = currency
        zone = self.values.get("time_zone", "")
        if zone and zone not in time_zones():
            self.errors["time_zone"] = "Time zone must be a place's zone, such as Europe/Lisbon."
        out["time_zone"] = zone or None
        policy = self.values.get("cancellation_policy", "") or "none"
        if policy != CUSTOM:  # CUSTOM: the policy set through the API stays as it is
            if policy not in POLICIES:
                self.errors["cancellation_policy"] = "Choose a cancellation policy from the list."
            out["cancellation_policy"] = POLICIES.get(policy)
        lat = self._degrees("lat", "Latitude", 90)
        lng = self._degrees("lng", "Longitude", 180)
        city = self._text("city", "City", 200, required=False)
        country = self.values.get("country", "").upper()
        if country and (len(country) != 2 or not country.isalpha()):
            self.errors["country"] = "Country must be a 2-letter code, such as PT."
        if lat is not None and lng is not None:
            out["location"] = Location(lat, lng, city or None, country or None)
        ids = []
        for raw in self.amenity_ids:
            try:
                ids.append(uuid.UUID(raw))
            except ValueError:
                self.errors["amenity_ids"] = "Choose amenities from the list."
        out["amenity_ids"] = ids
        # Left empty: the listing's own rule applies (min 1 night, no maximum, 2 guests).
        return {k: v for k, v in out.items() if v is not None or k == "cancellation_policy"}

    def new_listing(self, *, photos: list[str]) -> NewListing | None:
        """The command, or None when a field is wrong (see `errors`)."""
        values = self._fields()
        if self.errors:
            return None
        provided = frozenset(values) - {"title", "address", "price_per_night"}
        return NewListing(
            **values,
            is_published=False,
            photos=photos or None,
            provided=provided | ({"photos"} if photos else set()),
        )

    def changes(self) -> ListingChanges | None:
        values = self._fields()
        if self.errors:
            return None
        # Emptied optional fields go back to the listing's rule.
        for name in ("max_stay", "house_rules"):
            values.setdefault(name, None)
        return ListingChanges(**values, provided=frozenset(values))


def form_of(listing: Any, prop: Any) -> ListingForm:
    """The form filled with a listing as it is (for the edit page)."""
    policy = "none" if listing.cancellation_policy is None else CUSTOM
    for name, doc in POLICIES.items():
        if doc is not None and listing.cancellation_policy == doc:
            policy = name
    values = {
        "title": listing.title,
        "description": listing.description,
        "property_type": listing.property_type,
        "address": prop.address,
        "city": prop.city or "",
        "country": prop.country or "",
        "lat": f"{prop.latitude:g}",
        "lng": f"{prop.longitude:g}",
        "time_zone": prop.time_zone,
        "currency": listing.currency,
        "price_per_night": money.quantize(
            listing.price_per_night, listing.currency
        ).to_eng_string(),
        "cleaning_fee": money.quantize(listing.cleaning_fee, listing.currency).to_eng_string(),
        "min_stay": str(listing.min_stay),
        "max_stay": str(listing.max_stay or ""),
        "max_guests": str(listing.max_guests),
        "approval_type": listing.approval_type,
        "house_rules": listing.house_rules or "",
        "cancellation_policy": policy,
    }
    return ListingForm(values, [str(a) for a in listing.amenity_ids])
