"""The Channel API's inventory reads (Beds24 API V2 /inventory): rooms (unit types) night by
night, which units are booked, what a stay costs on each rate, and the rates' fixed prices.

Nothing here has rules of its own: every figure comes from the read that already answers
it elsewhere, so the Channel API says what the Cloud API, the quote engine and the booking
engine say.

- numAvail / availability: the unit type's sellable units of the night, exactly the Cloud
  API type calendar's `available` (calendars.type_calendar: free units, none on a stop-sell
  date, at most the availability cap).
- price1..price16: the effective nightly price of the rate in slot 1..16, as the quote
  engine prices that night (nightly_rates.nightly_rates).
- minStay / maxStay: the default rate's values of the night, which fall back to the unit
  type's; a unit type without a default rate gives its own.
- override: stop-sell -> blackout; else the default rate's closed to arrival and closed to
  departure -> noCheckIn, noCheckOut, both -> noCheckInOrCheckOut; else none.
- offers: one per rate (offerId = its slot), priced by quote.assess_stay with the inputs
  quote_stay would read, so an offer's price is the quote's total for the same stay.
- unit bookings: each unit's reservations per night (calendars.unit_calendar's Reserved).

A room is an active unit type of the businesses asked for, ordered by its integer id (the
Channel API names rooms, properties and units by int_id). Each read takes a page of rooms
(`rooms`) and costs a fixed few queries whatever the number of rooms and nights.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import calendars, nightly_rates
from staykit.domain.catalog.availability import CalendarDay
from staykit.domain.catalog.dates import check_stay_ends, property_today, stay_window
from staykit.domain.catalog.models import (
    GuestType,
    InventoryDay,
    Property,
    Rate,
    RateDay,
    Unit,
    UnitType,
)
from staykit.domain.catalog.quote import RateTerms, assess_stay
from staykit.domain.tenancy import service as tenancy

# The longest date range one read covers (a year, a leap day included): a calendar of 100
# rooms is then at most 36,600 nights, whatever the caller asks.
MAX_DAYS = 366
SLOTS = 16  # price1..price16

Override = Literal["none", "blackout", "noCheckIn", "noCheckOut", "noCheckInOrCheckOut"]


@dataclass(frozen=True, slots=True)
class Room:
    """A unit type as the Channel API names it."""

    unit_type_id: uuid.UUID
    business_id: uuid.UUID
    room_id: int
    property_id: int
    name: str
    qty: int  # its active units
    time_zone: str
    min_stay: int
    max_stay: int | None
    property_uuid: uuid.UUID | None = None  # the property's own id (events name it)


async def rooms(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    *,
    room_ids: Sequence[int] | None = None,
    property_ids: Sequence[int] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[Room]:
    """The active unit types of these businesses (or of the room and property ids named;
    an id of another business matches nothing), by int_id, from `offset`, at most `limit`.
    One query."""
    if not business_ids:
        return []
    qty = (
        select(func.count())
        .where(Unit.unit_type_id == UnitType.id, Unit.is_active)
        .correlate(UnitType)
        .scalar_subquery()
    )
    stmt = (
        select(
            UnitType.id,
            UnitType.business_id,
            UnitType.int_id,
            Property.int_id.label("property_int_id"),
            UnitType.property_id,
            UnitType.title,
            qty.label("qty"),
            Property.time_zone,
            UnitType.min_stay,
            UnitType.max_stay,
        )
        .join(Property, Property.id == UnitType.property_id)
        .where(
            UnitType.business_id.in_(business_ids),
            tenancy.readable_condition(UnitType.business_id, principal),
            UnitType.is_active,
        )
        .order_by(UnitType.int_id)
        .offset(offset)
    )
    if room_ids is not None:
        stmt = stmt.where(UnitType.int_id.in_(room_ids))
    if property_ids is not None:
        stmt = stmt.where(Property.int_id.in_(property_ids))
    if limit is not None:
        stmt = stmt.limit(limit)
    return [
        Room(
            unit_type_id=row.id,
            business_id=row.business_id,
            room_id=row.int_id,
            property_id=row.property_int_id,
            name=row.title,
            qty=row.qty,
            time_zone=row.time_zone,
            min_stay=row.min_stay,
            max_stay=row.max_stay,
            property_uuid=row.property_id,
        )
        for row in await session.execute(stmt)
    ]


def _by_business(page: Sequence[Room]) -> dict[uuid.UUID, list[uuid.UUID]]:
    grouped: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for room in page:
        grouped[room.business_id].append(room.unit_type_id)
    return grouped


async def _sellable(
    session: AsyncSession, principal: Principal, page: Sequence[Room], start: date, days: int
) -> dict[uuid.UUID, list[int]]:
    """{unit type: sellable units per night from `start`}: the Cloud API's type calendar
    (`available`), one query per business of the page."""
    found: dict[uuid.UUID, list[int]] = {}
    for business_id, type_ids in _by_business(page).items():
        for cal in await calendars.type_calendar(
            session, principal, business_id, start, days, unit_type_ids=type_ids
        ):
            found[cal.unit_type_id] = cal.available
    return found


# --- the calendar ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarNight:
    """One room's values on one date."""

    night: date
    num_avail: int
    min_stay: int
    max_stay: int | None
    override: Override
    prices: tuple[Decimal | None, ...]  # slot 1..16; None: no rate in that slot


@dataclass(frozen=True, slots=True)
class RoomCalendar:
    room: Room
    nights: list[CalendarNight]


@dataclass(frozen=True, slots=True)
class Range:
    """Consecutive dates [first, last] whose values (as the key compares them) are equal."""

    first: date
    last: date
    values: CalendarNight


def ranges(
    nights: Sequence[CalendarNight], key: Callable[[CalendarNight], Hashable]
) -> list[Range]:
    """Consecutive nights with the same key as one range each, as Beds24 answers."""
    found: list[Range] = []
    for night in nights:
        if found and found[-1].last + timedelta(days=1) == night.night:
            last = found[-1]
            if key(last.values) == key(night):
                found[-1] = Range(last.first, night.night, last.values)
                continue
        found.append(Range(night.night, night.night, night))
    return found


def _override(stop_sell: bool, no_arrival: bool | None, no_departure: bool | None) -> Override:
    if stop_sell:
        return "blackout"
    if no_arrival and no_departure:
        return "noCheckInOrCheckOut"
    if no_arrival:
        return "noCheckIn"
    if no_departure:
        return "noCheckOut"
    return "none"


async def room_calendars(
    session: AsyncSession, principal: Principal, page: Sequence[Room], first: date, last: date
) -> list[RoomCalendar]:
    """Each room of the page, its values on every date of first..last (both included)."""
    if not page or last < first:
        return []
    days = (last - first).days + 1
    sellable = await _sellable(session, principal, page, first, days)
    rates: dict[uuid.UUID, list[nightly_rates.NightlyRate]] = defaultdict(list)
    for business_id, type_ids in _by_business(page).items():
        for rate in await nightly_rates.nightly_rates(
            session, principal, business_id, first, last, unit_type_ids=type_ids
        ):
            rates[rate.unit_type_id].append(rate)
    stopped = {
        (row.unit_type_id, row.date)
        for row in await session.execute(
            select(InventoryDay.unit_type_id, InventoryDay.date).where(
                InventoryDay.unit_type_id.in_([r.unit_type_id for r in page]),
                InventoryDay.is_active,
                InventoryDay.stop_sell,
                InventoryDay.date >= first,
                InventoryDay.date <= last,
            )
        )
    }
    found = []
    for room in page:
        counts = sellable.get(room.unit_type_id, [0] * days)
        its_rates = rates.get(room.unit_type_id, [])
        default = next((r for r in its_rates if r.is_default), None)
        by_slot = {r.slot: r for r in its_rates}
        nights = []
        for k in range(days):
            night = first + timedelta(days=k)
            values = default.nights[k] if default is not None else None
            nights.append(
                CalendarNight(
                    night=night,
                    num_avail=counts[k],
                    min_stay=values.min_stay if values else room.min_stay,
                    max_stay=values.max_stay if values else room.max_stay,
                    override=_override(
                        (room.unit_type_id, night) in stopped,
                        values.closed_to_arrival if values else None,
                        values.closed_to_departure if values else None,
                    ),
                    prices=tuple(
                        by_slot[slot].nights[k].price if slot in by_slot else None
                        for slot in range(1, SLOTS + 1)
                    ),
                )
            )
        found.append(RoomCalendar(room, nights))
    return found


async def room_availability(
    session: AsyncSession, principal: Principal, page: Sequence[Room], first: date, last: date
) -> list[tuple[Room, list[bool]]]:
    """Each room of the page: per date of first..last, whether a unit can be sold that night
    (the type calendar's available > 0). A false date may still be a departure date."""
    if not page or last < first:
        return []
    days = (last - first).days + 1
    sellable = await _sellable(session, principal, page, first, days)
    return [
        (room, [count > 0 for count in sellable.get(room.unit_type_id, [0] * days)])
        for room in page
    ]


# --- unit bookings ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UnitNights:
    unit_id: int
    booked: list[int]  # reservations on the unit per night (0 or 1: no unit is sold twice)


async def unit_bookings(
    session: AsyncSession, principal: Principal, page: Sequence[Room], first: date, last: date
) -> list[tuple[Room, list[UnitNights]]]:
    """Each room of the page with its active units (by name, then id), the reservations on
    each per date of first..last. Blocks are not bookings. Every staykit reservation night
    has its unit, so nothing is ever unassigned."""
    if not page or last < first:
        return []
    days = (last - first).days + 1
    per_type: dict[uuid.UUID, list[calendars.UnitCalendar]] = defaultdict(list)
    for business_id, type_ids in _by_business(page).items():
        for cal in await calendars.unit_calendar(
            session, principal, business_id, first, days, unit_type_ids=type_ids
        ):
            per_type[cal.unit_type_id].append(cal)
    ids = {
        row.id: row.int_id
        for row in await session.execute(
            select(Unit.id, Unit.int_id).where(
                Unit.unit_type_id.in_([r.unit_type_id for r in page])
            )
        )
    }
    return [
        (
            room,
            [
                UnitNights(
                    ids[cal.unit_id],
                    [1 if status == calendars.RESERVED else 0 for status in cal.statuses],
                )
                for cal in per_type.get(room.unit_type_id, [])
            ],
        )
        for room in page
    ]


# --- offers ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Offer:
    offer_id: int  # the rate's slot
    name: str
    price: Decimal  # the quote's total for the stay
    currency: str
    units_available: int  # the fewest sellable units over the stay's nights


async def room_offers(
    session: AsyncSession,
    principal: Principal,
    page: Sequence[Room],
    arrival: date,
    departure: date,
    guests: int,
    *,
    offer_ids: Collection[int] | None = None,
) -> list[tuple[Room, list[Offer]]]:
    """Each room of the page with one offer per active rate (of the slots named) on which
    the stay [arrival, departure) for `guests` can be booked, priced by the quote engine.
    A departure beyond the date rule's horizon where the property is: DateOutOfRange (400),
    as for a quote. Stays of 1 to 365 nights (the caller checks)."""
    if not page:
        return []
    nights = (departure - arrival).days
    type_ids = [r.unit_type_id for r in page]
    for room in page:
        check_stay_ends(stay_window(property_today(room.time_zone)), departure)
    unit_types = {
        t.id: t for t in await session.scalars(select(UnitType).where(UnitType.id.in_(type_ids)))
    }
    stmt = (
        select(Rate)
        .where(Rate.unit_type_id.in_(type_ids), Rate.is_active)
        .order_by(Rate.unit_type_id, Rate.slot)
    )
    if offer_ids is not None:
        stmt = stmt.where(Rate.slot.in_(offer_ids))
    rates = list(await session.scalars(stmt))
    day_rows: dict[tuple[uuid.UUID, date], Any] = {
        (row.rate_id, row.date): row
        for row in await session.scalars(
            select(RateDay).where(
                RateDay.rate_id.in_([r.id for r in rates]),
                RateDay.date >= arrival,
                RateDay.date <= departure,
            )
        )
    }
    # quote.py's adult guest type: the business's first active one.
    adults: dict[uuid.UUID, uuid.UUID] = {}
    for row in await session.execute(
        select(GuestType.business_id, GuestType.id)
        .where(
            GuestType.business_id.in_({r.business_id for r in page}),
            GuestType.code == "adult",
            GuestType.is_active,
        )
        .order_by(GuestType.created_at)
    ):
        adults.setdefault(row.business_id, row.id)
    sellable = await _sellable(session, principal, page, arrival, nights)

    found = []
    for room in page:
        unit_type = unit_types[room.unit_type_id]
        counts = sellable.get(room.unit_type_id, [0] * nights)
        today = property_today(room.time_zone)
        offers = []
        for rate in (r for r in rates if r.unit_type_id == room.unit_type_id):
            days = {}
            for k in range(nights + 1):
                night = arrival + timedelta(days=k)
                day = day_rows.get((rate.id, night))
                # As quote_stay's calendar row: the night's sellable units (the departure
                # date's are not part of the stay) and the rate's own RateDay values.
                days[night] = CalendarDay(
                    night=night,
                    free=counts[k] if k < nights else 0,
                    stop_sell=False,
                    cap=None,
                    price=day.price if day else None,
                    min_stay=day.min_stay if day else None,
                    max_stay=day.max_stay if day else None,
                    base_occupancy=day.base_occupancy if day else None,
                    extra_guest_charges=day.extra_guest_charges if day else None,
                    closed_to_arrival=day.closed_to_arrival if day else None,
                    closed_to_departure=day.closed_to_departure if day else None,
                )
            terms = RateTerms(
                rate.id,
                rate.base_price,
                rate.is_default,
                rate.extra_guest_charges,
                rate.rate_plan_id,
            )
            quote = assess_stay(
                unit_type,
                terms,
                arrival,
                departure,
                guests,
                days,
                adult_id=adults.get(room.business_id),
                today=today,
            )
            if quote.bookable:
                offers.append(Offer(rate.slot, rate.name, quote.total, quote.currency, min(counts)))
        found.append((room, offers))
    return found


# --- fixed prices ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FixedPrice:
    """A rate's standing terms as a Beds24 fixed price: its base price for the room for up
    to the base occupancy, the adult charge above it, the unit type's stay limits. Per-date
    values (RateDays, seasonal rules) are not fixed prices: the calendar's price1..16 show
    their effect night by night."""

    id: int  # the rate's int_id
    room_id: int
    property_id: int
    offer_id: int  # the rate's slot
    name: str
    room_price: Decimal
    room_price_guests: int
    extra_person_price: Decimal | None
    min_nights: int
    max_nights: int | None


async def fixed_prices(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    *,
    ids: Sequence[int] | None = None,
    room_ids: Sequence[int] | None = None,
    property_ids: Sequence[int] | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[FixedPrice]:
    """The active rates of active unit types of these businesses (or those named), by the
    rate's int_id. Two queries (the rates, then the businesses' adult guest types)."""
    if not business_ids:
        return []
    stmt = (
        select(
            Rate.int_id,
            Rate.slot,
            Rate.name,
            Rate.base_price,
            Rate.extra_guest_charges,
            Rate.business_id,
            UnitType.int_id.label("room_id"),
            UnitType.base_occupancy,
            UnitType.min_stay,
            UnitType.max_stay,
            UnitType.currency,
            Property.int_id.label("property_id"),
        )
        .join(UnitType, UnitType.id == Rate.unit_type_id)
        .join(Property, Property.id == UnitType.property_id)
        .where(
            Rate.business_id.in_(business_ids),
            tenancy.readable_condition(Rate.business_id, principal),
            Rate.is_active,
            UnitType.is_active,
        )
        .order_by(Rate.int_id)
        .offset(offset)
    )
    if ids is not None:
        stmt = stmt.where(Rate.int_id.in_(ids))
    if room_ids is not None:
        stmt = stmt.where(UnitType.int_id.in_(room_ids))
    if property_ids is not None:
        stmt = stmt.where(Property.int_id.in_(property_ids))
    if limit is not None:
        stmt = stmt.limit(limit)
    rows = (await session.execute(stmt)).all()
    adults: dict[uuid.UUID, str] = {}
    if rows:
        for row in await session.execute(
            select(GuestType.business_id, GuestType.id)
            .where(
                GuestType.business_id.in_({r.business_id for r in rows}),
                GuestType.code == "adult",
                GuestType.is_active,
            )
            .order_by(GuestType.created_at)
        ):
            adults.setdefault(row.business_id, str(row.id))
    found = []
    for row in rows:
        charges = nightly_rates.guest_charges(row.extra_guest_charges)
        adult = adults.get(row.business_id)
        found.append(
            FixedPrice(
                id=row.int_id,
                room_id=row.room_id,
                property_id=row.property_id,
                offer_id=row.slot,
                name=row.name,
                room_price=money.quantize(row.base_price, row.currency),
                room_price_guests=row.base_occupancy,
                extra_person_price=charges.get(adult) if adult else None,
                min_nights=row.min_stay,
                max_nights=row.max_stay,
            )
        )
    return found
