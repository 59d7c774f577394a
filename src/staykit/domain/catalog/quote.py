"""The quote engine: what a stay costs on a rate, and every rule it breaks.

`quote_stay(session, unit_type, arrival, departure, guests, rate=None)` prices the nights
[arrival, departure) of a unit type on `rate` (the default rate when None) and checks the
stay against the calendar. All amounts are Decimal in the unit type's currency, quantized
to its minor units (half-even); nothing is ever float.

Amounts
- nights: [(date, price)] for each night; the price of a night is the rate's RateDay price
  for that date, else the last matching seasonal rule, else the rate's base price (see
  pricing.py).
- subtotal: the sum of the nightly prices.
- extra_guest_charges: for each night, the guests above that night's base occupancy
  (RateDay.base_occupancy, else the unit type's) times that night's per-guest charge. The
  charge is read from RateDay.extra_guest_charges, else Rate.extra_guest_charges, both
  {guestTypeId: amount per night}, for the business's "adult" GuestType: a marketplace
  guest count counts adults. No adult guest type, or no charge for it, means 0.
- cleaning_fee: the unit type's cleaning fee, once per stay.
- city_tax: city_tax_percent of (subtotal + extra_guest_charges).
- total: subtotal + extra_guest_charges + cleaning_fee + city_tax.

Violations: (rule, date or None, message), one for EVERY broken rule, not just the first.
`bookable` is true when there are none. Rule names are camelCase, like every code. A
departure beyond the date rule's horizon (dates.py: 3 years ahead, property-local) is
not a rule broken but a 400 (DateOutOfRange): such a stay cannot even be priced.
- departureNotAfterArrival (departure): the stay has no night. Nothing else that needs
  nights is checked and every amount is 0.
- stayTooLong (None): more than 365 nights. The stay is not priced and its nights are
  not checked for availability (amounts are 0); the other rules are still checked.
- arrivalInPast (arrival): arrival is before today in the PROPERTY's time zone. Stay
  dates are calendar dates there and are never converted through time zones; only "now"
  is turned into the property's local date. Arriving today is allowed.
- tooManyGuests (None): guests above the unit type's max_guests.
- minStay / maxStay (arrival): the stay length against the limits of the ARRIVAL date
  (the rate's RateDay of the arrival date, else the unit type's min_stay / max_stay).
  Later dates' limits do not apply to a stay arriving earlier.
- closedToArrival (arrival) and closedToDeparture (departure): the rate's RateDay of
  that date says so.
- unavailable (night), one per night: no unit of the type is free that night, the night
  is stop-sold, or its availability cap is 0 (see availability.py).

Everything is loaded in ONE query whatever the stay's length (never one per night): the
calendar of [arrival, departure] (occupancy, inventory and the rate's days: the query
behind availability.sellable_units) with the property's time zone, the default rate and
the adult guest type on every row. A stay over 365 nights reads only its arrival date
that way, plus its departure date's rate values in a second query.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import Row, TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import pricing
from staykit.domain.catalog.availability import CalendarDay, calendar_sql
from staykit.domain.catalog.dates import (
    MAX_NIGHTS,
    check_stay_dates,
    check_stay_ends,
    property_today,
    stay_window,
)
from staykit.domain.catalog.errors import RateNotFound
from staykit.domain.catalog.models import Rate, UnitType

# check_stay_dates and property_today are the date rule's (dates.py), re-exported here for
# the callers that quote.
__all__ = [
    "MAX_NIGHTS",
    "Quote",
    "RateTerms",
    "Violation",
    "assess_stay",
    "check_stay_dates",
    "property_today",
    "quote_stay",
    "quote_with_units",
]

ADULT = "adult"
ZERO = Decimal(0)

# Everything a quote reads, in one round trip: the calendar of the dates (availability.py)
# plus, on every row, the property's time zone, the unit type's default rate (at most one
# is active, uq_rates_default) and the business's first adult guest type. :rate_id names
# the rate whose days are read; NULL means the default rate.
QUOTE_CTES = """,
    terms AS (
        SELECT p.time_zone,
               (SELECT g.id FROM guest_types g
                 WHERE g.business_id = :business_id AND g.code = 'adult' AND g.is_active
                 ORDER BY g.created_at LIMIT 1) AS adult_id,
               r.id AS default_rate_id, r.rate_plan_id, r.base_price, r.is_default,
               r.extra_guest_charges AS rate_extra_guest_charges
        FROM properties p
        LEFT JOIN rates r ON r.unit_type_id = :unit_type_id AND r.is_default AND r.is_active
        WHERE p.id = :property_id
    )"""
QUOTE_COLUMNS = """,
           terms.time_zone, terms.adult_id, terms.default_rate_id, terms.rate_plan_id,
           terms.base_price,
           terms.is_default, terms.rate_extra_guest_charges"""
QUOTE_RATE_ID = "(SELECT COALESCE(CAST(:rate_id AS uuid), terms.default_rate_id) FROM terms)"
QUOTE_SQL = calendar_sql(
    ctes=QUOTE_CTES,
    columns=QUOTE_COLUMNS,
    joins="\n    CROSS JOIN terms",
    rate_id=QUOTE_RATE_ID,
)
# The booking engine's read: the quote's, plus the active units of the type (in id order)
# and, on each night, those taken, so allocation chooses from the same snapshot without a
# query of its own (quote_with_units).
UNITS_COLUMNS = """,
           t.busy_units,
           (SELECT array_agg(id ORDER BY id) FROM units_of_type) AS type_units"""
BOOKING_QUOTE_SQL = calendar_sql(
    ctes=QUOTE_CTES,
    columns=f"{QUOTE_COLUMNS}{UNITS_COLUMNS}",
    joins="\n    CROSS JOIN terms",
    rate_id=QUOTE_RATE_ID,
)
# A stay too long to price still has its departure date checked (closed to departure).
DEPARTURE_DAY_SQL = text(
    """
    SELECT date AS night, min_stay, max_stay, closed_to_arrival, closed_to_departure
    FROM rate_days WHERE rate_id = :rate_id AND date = :departure
    """
)


class Violation(NamedTuple):
    rule: str
    date: date | None
    message: str


@dataclass
class Quote:
    unit_type_id: uuid.UUID
    rate_id: uuid.UUID
    arrival: date
    departure: date
    guests: int
    currency: str
    nights: list[tuple[date, Decimal]]
    subtotal: Decimal
    extra_guest_charges: Decimal
    cleaning_fee: Decimal
    city_tax: Decimal
    total: Decimal
    violations: list[Violation] = field(default_factory=list)
    rate_plan_id: uuid.UUID | None = None  # the rate's plan (unit assignments record it)

    @property
    def bookable(self) -> bool:
        return not self.violations


@dataclass(frozen=True, slots=True)
class RateTerms:
    """The rate columns a quote reads, from a Rate given by the caller or the query."""

    id: uuid.UUID
    base_price: Decimal
    is_default: bool
    extra_guest_charges: dict[str, Any] | None
    rate_plan_id: uuid.UUID | None = None


def _charge(charges: dict[str, Any] | None, guest_type_id: str) -> Decimal | None:
    if not charges:
        return None
    return pricing.as_decimal(charges.get(guest_type_id))


async def quote_stay(
    session: AsyncSession,
    unit_type: UnitType,
    arrival: date,
    departure: date,
    guests: int,
    rate: Rate | None = None,
    *,
    today: date | None = None,
) -> Quote:
    """Price the stay and list every rule it breaks (see the module docstring).

    `today` overrides the property's local date (for callers that already know it).
    """
    quote, _ = await _quote(session, QUOTE_SQL, unit_type, arrival, departure, guests, rate, today)
    return quote


async def quote_with_units(
    session: AsyncSession,
    unit_type: UnitType,
    arrival: date,
    departure: date,
    guests: int,
    rate: Rate | None = None,
) -> tuple[Quote, dict[uuid.UUID, set[date]]]:
    """quote_stay, plus the nights of the stay each active unit of the type is taken on
    ({unit id: nights}, in unit id order: allocation.choose_pieces's input), from the same
    query. Complete for a priced stay only (a stay too long to price reads one date)."""
    quote, rows = await _quote(
        session, BOOKING_QUOTE_SQL, unit_type, arrival, departure, guests, rate, None
    )
    busy: dict[uuid.UUID, set[date]] = {unit: set() for unit in rows[0].type_units or ()}
    for row in rows:
        for unit in row.busy_units or ():
            busy[unit].add(row.night)
    return quote, busy


async def _quote(
    session: AsyncSession,
    sql: TextClause,
    unit_type: UnitType,
    arrival: date,
    departure: date,
    guests: int,
    rate: Rate | None,
    today: date | None,
) -> tuple[Quote, Sequence[Row[Any]]]:
    if guests < 1:
        raise InvalidInput(
            "A stay needs at least one guest.", code="guestsIsInvalid", field="guests"
        )
    if rate is not None and rate.unit_type_id != unit_type.id:
        raise InvalidInput(
            "The rate belongs to another unit type.", code="rateIsInvalid", field="rate_id"
        )
    nights_count = (departure - arrival).days
    priced = 0 < nights_count <= MAX_NIGHTS
    # Priced stays read every night and the departure date (closed to departure); others
    # only the arrival date, for the terms (and the departure date separately below).
    rows = (
        await session.execute(
            sql,
            {
                "unit_type_id": unit_type.id,
                "business_id": unit_type.business_id,
                "property_id": unit_type.property_id,
                "start": arrival,
                "days": nights_count + 1 if priced else 1,
                "rate_id": rate.id if rate is not None else None,
            },
        )
    ).all()
    context = rows[0]  # a foreign key: every unit type has its property
    if rate is not None:
        terms = RateTerms(
            rate.id, rate.base_price, rate.is_default, rate.extra_guest_charges, rate.rate_plan_id
        )
    elif context.default_rate_id is None:
        raise RateNotFound(unit_type.id)
    else:
        terms = RateTerms(
            context.default_rate_id,
            context.base_price,
            context.is_default,
            context.rate_extra_guest_charges,
            context.rate_plan_id,
        )
    if today is None:
        today = property_today(context.time_zone)
    check_stay_ends(stay_window(today), departure)
    days: dict[date, Any] = {row.night: CalendarDay.from_row(row) for row in rows}
    if nights_count > MAX_NIGHTS:
        departure_day = await session.execute(
            DEPARTURE_DAY_SQL, {"rate_id": terms.id, "departure": departure}
        )
        days.update({row.night: row for row in departure_day})
    quote = assess_stay(
        unit_type, terms, arrival, departure, guests, days, adult_id=context.adult_id, today=today
    )
    return quote, rows


def assess_stay(
    unit_type: UnitType,
    terms: RateTerms,
    arrival: date,
    departure: date,
    guests: int,
    days: Mapping[date, Any],
    *,
    adult_id: uuid.UUID | None,
    today: date,
) -> Quote:
    """The quote of a stay from its inputs, already read: `days` holds, for each night of
    the stay and its departure date (or only its arrival and departure dates for a stay
    too long to price), the sellable count and the rate's own RateDay values (CalendarDay
    shapes). quote_stay reads them for one stay; a caller quoting many rooms and rates at
    once (the Channel API's offers) reads them in a fixed few queries and asks here."""
    nights_count = (departure - arrival).days
    priced = 0 < nights_count <= MAX_NIGHTS
    currency = unit_type.currency
    violations: list[Violation] = []
    if nights_count <= 0:
        violations.append(
            Violation(
                "departureNotAfterArrival",
                departure,
                f"Departure {departure} must be after arrival {arrival}.",
            )
        )
    elif nights_count > MAX_NIGHTS:
        violations.append(
            Violation(
                "stayTooLong",
                None,
                f"The stay has {nights_count} nights; at most {MAX_NIGHTS} can be booked.",
            )
        )
    if arrival < today:
        violations.append(
            Violation(
                "arrivalInPast",
                arrival,
                f"Arrival {arrival} is in the past (today is {today} where the property is).",
            )
        )
    if guests > unit_type.max_guests:
        violations.append(
            Violation(
                "tooManyGuests",
                None,
                f"{guests} guests exceed the maximum of {unit_type.max_guests}.",
            )
        )
    if nights_count <= 0:
        return _unpriced(unit_type, terms, arrival, departure, guests, violations)

    on_arrival = days.get(arrival)
    min_stay = (on_arrival.min_stay if on_arrival else None) or unit_type.min_stay
    max_stay = (on_arrival.max_stay if on_arrival else None) or unit_type.max_stay
    if nights_count < min_stay:
        violations.append(
            Violation(
                "minStay",
                arrival,
                f"Stays arriving on {arrival} need at least {min_stay} nights "
                f"(this one has {nights_count}).",
            )
        )
    if max_stay is not None and nights_count > max_stay:
        violations.append(
            Violation(
                "maxStay",
                arrival,
                f"Stays arriving on {arrival} may last at most {max_stay} nights "
                f"(this one has {nights_count}).",
            )
        )
    if on_arrival is not None and on_arrival.closed_to_arrival:
        violations.append(
            Violation("closedToArrival", arrival, f"Arrivals are closed on {arrival}.")
        )
    on_departure = days.get(departure)
    if on_departure is not None and on_departure.closed_to_departure:
        violations.append(
            Violation("closedToDeparture", departure, f"Departures are closed on {departure}.")
        )
    if not priced:
        return _unpriced(unit_type, terms, arrival, departure, guests, violations)

    stay = [arrival + timedelta(days=i) for i in range(nights_count)]
    for night in stay:
        day = days[night]
        if day.sellable > 0:
            continue
        if day.stop_sell:
            why = "sales are stopped"
        elif day.cap is not None and day.cap <= 0:
            why = "the availability cap is 0"
        else:
            why = "every unit is taken"
        violations.append(
            Violation("unavailable", night, f"No unit can be sold on {night}: {why}.")
        )

    nights = pricing.nightly_prices(
        stay,
        base_price=terms.base_price,
        currency=currency,
        seasonal_pricing=unit_type.seasonal_pricing,
        day_prices={night: days[night].price for night in stay},
        default_rate=terms.is_default,
    )
    subtotal = sum((price for _, price in nights), ZERO)
    extras = _extra_guest_charges(unit_type, terms, stay, days, guests, adult_id)
    cleaning_fee = money.quantize(unit_type.cleaning_fee or ZERO, currency)
    city_tax = money.quantize(
        (subtotal + extras) * (unit_type.city_tax_percent or ZERO) / 100, currency
    )
    return Quote(
        unit_type_id=unit_type.id,
        rate_id=terms.id,
        arrival=arrival,
        departure=departure,
        guests=guests,
        currency=currency,
        nights=nights,
        subtotal=money.quantize(subtotal, currency),
        extra_guest_charges=extras,
        cleaning_fee=cleaning_fee,
        city_tax=city_tax,
        total=money.quantize(subtotal + extras + cleaning_fee + city_tax, currency),
        violations=violations,
        rate_plan_id=terms.rate_plan_id,
    )


def _extra_guest_charges(
    unit_type: UnitType,
    rate: RateTerms,
    stay: list[date],
    days: Mapping[date, Any],
    guests: int,
    adult_id: uuid.UUID | None,
) -> Decimal:
    """Guests above each night's base occupancy times that night's adult charge."""
    total = ZERO
    if adult_id is not None:
        key = str(adult_id)
        for night in stay:
            day = days[night]
            extra = guests - (day.base_occupancy or unit_type.base_occupancy)
            if extra <= 0:
                continue
            # Per guest type: a date that sets charges for other types keeps the rate's
            # charge for this one.
            charge = _charge(day.extra_guest_charges, key)
            if charge is None:
                charge = _charge(rate.extra_guest_charges, key)
            if charge is not None and charge > 0:
                total += extra * charge
    return money.quantize(total, unit_type.currency)


def _unpriced(
    unit_type: UnitType,
    rate: RateTerms,
    arrival: date,
    departure: date,
    guests: int,
    violations: list[Violation],
) -> Quote:
    zero = money.quantize(ZERO, unit_type.currency)
    return Quote(
        unit_type_id=unit_type.id,
        rate_id=rate.id,
        rate_plan_id=rate.rate_plan_id,
        arrival=arrival,
        departure=departure,
        guests=guests,
        currency=unit_type.currency,
        nights=[],
        subtotal=zero,
        extra_guest_charges=zero,
        cleaning_fee=zero,
        city_tax=zero,
        total=zero,
        violations=violations,
    )
