"""What callers of the booking engine hand it and get back (Person, NewReservation,
StayChange, Booked) and its limits and invoice line codes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.catalog.quote import Quote

REQUEST_TTL = timedelta(hours=24)
MAX_GUESTS = 100
MAX_PEOPLE = 50
MAX_NOTES = 5000
ACCOMMODATION, EXTRA_GUESTS, CLEANING, CITY_TAX, REFUND = (
    "accommodation",
    "extraGuests",
    "cleaningFee",
    "cityTax",
    "refund",
)
# What a partner may ask a new reservation to be (marketplace bookings never choose).
STATUSES_ON_CREATE = ("request", "new", "confirmed", "black", "inquiry")


@dataclass
class Person:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None


@dataclass
class NewReservation:
    """What a caller asks for. Prices are never taken from here: `claimed_total`,
    `claimed_host_id`, `claimed_currency` and `claimed_approval_type` are what the client
    believes, checked against the server's own figures (a mismatch is a 400 naming the
    field)."""

    unit_type_id: uuid.UUID
    arrival: date
    departure: date
    adults: int
    children: int = 0
    rate_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    people: list[Person] = field(default_factory=list)
    notes: str | None = None
    source: str = "marketplace"
    external_ref: str | None = None
    api_source_id: int | None = None
    master_id: uuid.UUID | None = None
    status: str | None = None  # partner APIs: request, new, confirmed, black, inquiry
    claimed_total: Decimal | None = None
    claimed_host_id: uuid.UUID | None = None
    claimed_currency: str | None = None
    claimed_approval_type: str | None = None
    ical_import_source: str | None = None
    # The platform takes the payment (a marketplace booking through the payments flow):
    # the reservation holds its nights this long unpaid, as a request (bookingStatus
    # pending) that the payment confirms (instant listings) or hands to the host (manual).
    payment_hold: timedelta | None = None


@dataclass
class Booked:
    reservation: Reservation
    assignments: list[UnitAssignment]
    quote: Quote | None = None


@dataclass
class StayChange:
    arrival: date | None = None
    departure: date | None = None
    adults: int | None = None
    children: int | None = None
    unit_id: uuid.UUID | None = None
    expected_version: int | None = None
