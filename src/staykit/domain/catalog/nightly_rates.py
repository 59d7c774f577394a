"""Nightly rates: a business's rates night by night, as the quote engine prices them, and
per-date writes of their values (the Cloud API's /rates/nightly).

Reading (`nightly_rates`): every active rate of the business (of an active unit type),
with one entry per date of the range holding the EFFECTIVE values of that date, the ones
quote.py uses, so a stay's quote adds up from them:
- price: the rate's RateDay price, else the last matching seasonal rule, else the rate's
  base price, quantized to the currency (pricing.nightly_price, the engine's own function);
- base_occupancy: the RateDay's, else the unit type's;
- min_stay / max_stay: the RateDay's, else the unit type's (max_stay None: no maximum);
- closed_to_arrival / closed_to_departure: the RateDay's (None: not set on that date);
- extra_guest_charges: {guest type id: amount per night}, per guest type the RateDay's
  charge, else the rate's (as the quote reads them).
Two queries whatever the range and the number of rates: the rates, then their RateDays.

Writing (`apply_nightly_rates`): a list of rates, each with dates and the values to set on
them (price, min_stay, base_occupancy, closed_to_arrival, closed_to_departure; None leaves
the stored value). Entries apply in order, so where a rate's date appears twice the later
entry wins for each value it sets. All or nothing: the first broken rule rejects the whole
command, naming the item and entry (`2.data.0.date`, in the command's own layout):
- a rate that is not the business's, not active or not readable by the principal: 404 on
  `N.rate_id`, the same answer for each (never which); a rate the principal may read but
  not change (the calendar's rule, calendar.managed_listing_ids: a staff member's token):
  403; a rate with allow_updates false: 400
  `rateDoesNotAllowUpdates` on `N.rate_id`;
- a date outside the date rule's write window where the property is (dates.py: yesterday
  to 3 years ahead): 400 `dateOutOfRange` with the first and last date allowed as facts;
- a price below 0, above MAX_PRICE or with more decimals than the currency has; a minimum
  stay outside 1..MAX_MIN_STAY; a base occupancy outside 1..the unit type's max guests;
- more than MAX_ENTRIES entries in all, or none.
The writes are set-based: one upsert of every rate-date's merged values, and for the
DEFAULT rates (whose RateDays are the marketplace calendar's price and minimum stay) one
upsert of the unit types' calendar entries (InventoryDay, calendar_bulk's), so the
marketplace calendar, quotes and search read the new values at once. The catalog keeps no
change log for calendar values: what a write leaves is the RateDays' `updated_at` and the
calendar entries' `owner_id` (created) and `updated_at`, as the marketplace's calendar
writes do.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import calendar, pricing
from staykit.domain.catalog.calendar_bulk import ensure_inventory_days
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.dates import MAX_NIGHTS, DateWindow, property_today, write_window
from staykit.domain.catalog.models import Property, Rate, RateDay, RatePlan, UnitType
from staykit.domain.tenancy import service as tenancy

MAX_ENTRIES = 10_000  # dates in one write, over all its rates
MAX_MIN_STAY = MAX_NIGHTS  # a stay's longest (dates.py), as the catalog's minStay
MAX_PRICE = Decimal(10_000_000)  # as the catalog's listing prices

# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RateNight:
    """One date of a rate, with the values the quote engine uses for it."""

    date: date
    price: Decimal
    base_occupancy: int
    min_stay: int
    max_stay: int | None
    closed_to_arrival: bool | None
    closed_to_departure: bool | None
    extra_guest_charges: dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class NightlyRate:
    rate_id: uuid.UUID
    rate_name: str
    slot: int  # the Channel API's price1..price16
    rate_plan_id: uuid.UUID
    rate_plan_name: str
    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    currency: str
    is_default: bool
    allow_updates: bool
    first: date
    last: date
    nights: list[RateNight]


def guest_charges(raw: Any) -> dict[str, Decimal]:
    """{guest type id: amount} of a stored charges document, unreadable amounts left out
    (the quote skips them the same way)."""
    if not isinstance(raw, dict):
        return {}
    out = {}
    for key, value in raw.items():
        amount = pricing.as_decimal(value)
        if amount is not None:
            out[str(key)] = amount
    return out


def _rates_statement(principal: Principal, business_id: uuid.UUID) -> Any:
    """The business's active rates of active unit types that the principal may read."""
    return (
        select(
            Rate.id,
            Rate.name,
            Rate.slot,
            Rate.rate_plan_id,
            RatePlan.name.label("rate_plan_name"),
            Rate.unit_type_id,
            Rate.is_default,
            Rate.allow_updates,
            Rate.base_price,
            Rate.extra_guest_charges,
            UnitType.property_id,
            UnitType.currency,
            UnitType.seasonal_pricing,
            UnitType.base_occupancy,
            UnitType.min_stay,
            UnitType.max_stay,
            UnitType.max_guests,
        )
        .join(RatePlan, RatePlan.id == Rate.rate_plan_id)
        .join(UnitType, UnitType.id == Rate.unit_type_id)
        .where(
            Rate.business_id == business_id,
            tenancy.readable_condition(Rate.business_id, principal),
            Rate.is_active,
            UnitType.is_active,
        )
    )


async def nightly_rates(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    first: date,
    last: date,
    *,
    rate_ids: Sequence[uuid.UUID] | None = None,
    unit_type_ids: Sequence[uuid.UUID] | None = None,
) -> list[NightlyRate]:
    """Every rate of the business (or those named), with its values on each date of
    first..last (both included); see the module docstring. Ordered by unit type (as
    created), then rate slot."""
    stmt = _rates_statement(principal, business_id).order_by(
        UnitType.created_at, UnitType.id, Rate.slot, Rate.id
    )
    if rate_ids:
        stmt = stmt.where(Rate.id.in_(rate_ids))
    if unit_type_ids:
        stmt = stmt.where(Rate.unit_type_id.in_(unit_type_ids))
    rates = (await session.execute(stmt)).all()
    if not rates:
        return []
    rows = await session.execute(
        select(
            RateDay.rate_id,
            RateDay.date,
            RateDay.price,
            RateDay.min_stay,
            RateDay.max_stay,
            RateDay.base_occupancy,
            RateDay.extra_guest_charges,
            RateDay.closed_to_arrival,
            RateDay.closed_to_departure,
        ).where(
            RateDay.rate_id.in_([r.id for r in rates]),
            RateDay.date >= first,
            RateDay.date <= last,
        )
    )
    days = {(row.rate_id, row.date): row for row in rows}
    dates = [first + timedelta(days=k) for k in range((last - first).days + 1)]
    return [_nightly_rate(rate, dates, days) for rate in rates]


def _nightly_rate(
    rate: Row[Any], dates: list[date], days: dict[tuple[uuid.UUID, date], Row[Any]]
) -> NightlyRate:
    rules = pricing.parse_rules(rate.seasonal_pricing)
    rate_charges = guest_charges(rate.extra_guest_charges)
    nights = []
    for night in dates:
        day = days.get((rate.id, night))
        price = pricing.nightly_price(
            night,
            base_price=rate.base_price,
            currency=rate.currency,
            rules=rules,
            day_price=day.price if day is not None else None,
            default_rate=rate.is_default,
        )
        if day is None:
            nights.append(
                RateNight(
                    night,
                    price,
                    rate.base_occupancy,
                    rate.min_stay,
                    rate.max_stay,
                    None,
                    None,
                    rate_charges,
                )
            )
            continue
        # As quote.py: a value the date leaves NULL (or 0) falls back to the unit type's.
        nights.append(
            RateNight(
                night,
                price,
                day.base_occupancy or rate.base_occupancy,
                day.min_stay or rate.min_stay,
                day.max_stay or rate.max_stay,
                day.closed_to_arrival,
                day.closed_to_departure,
                {**rate_charges, **guest_charges(day.extra_guest_charges)},
            )
        )
    return NightlyRate(
        rate_id=rate.id,
        rate_name=rate.name,
        slot=rate.slot,
        rate_plan_id=rate.rate_plan_id,
        rate_plan_name=rate.rate_plan_name,
        unit_type_id=rate.unit_type_id,
        property_id=rate.property_id,
        currency=rate.currency,
        is_default=rate.is_default,
        allow_updates=rate.allow_updates,
        first=dates[0],
        last=dates[-1],
        nights=nights,
    )


# --- writing -----------------------------------------------------------------------------

# The values a write may set on a rate's date: RateDay columns.
FACETS = ("price", "min_stay", "base_occupancy", "closed_to_arrival", "closed_to_departure")


@dataclass(frozen=True, slots=True)
class NightChange:
    """The values to set on one date of a rate; None leaves the stored value."""

    date: date
    price: Decimal | None = None
    min_stay: int | None = None
    base_occupancy: int | None = None
    closed_to_arrival: bool | None = None
    closed_to_departure: bool | None = None


@dataclass(frozen=True, slots=True)
class RateChanges:
    rate_id: uuid.UUID
    nights: Sequence[NightChange] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Applied:
    """What a write did: entries applied, distinct rates named, distinct rate-dates written
    (a date whose entries all leave every value alone is not written)."""

    entries: int
    rates: int
    dates: int


def _bad(where: str, message: str, code: str) -> InvalidInput:
    return InvalidInput(f"{where}: {message}", code=code, field=where)


def check_price(where: str, price: Decimal, currency: str) -> None:
    """A nightly price: 0 to MAX_PRICE with at most the currency's decimals, else a 400
    `priceIsInvalid` naming `where`."""
    if not price.is_finite() or not 0 <= price <= MAX_PRICE:
        raise _bad(where, f"a price is 0 to {MAX_PRICE}.", "priceIsInvalid")
    if not money.fits(price, currency):
        raise _bad(
            where,
            f"{currency} has {money.exponent(currency)} decimals; the price has more.",
            "priceIsInvalid",
        )


def _check_night(where: str, night: NightChange, rate: Row[Any], window: DateWindow) -> None:
    """One entry's values against the rules (the module docstring)."""
    window.check(f"{where}.date", night.date)
    if night.price is not None:
        check_price(f"{where}.price", night.price, rate.currency)
    if night.min_stay is not None and not 1 <= night.min_stay <= MAX_MIN_STAY:
        raise _bad(
            f"{where}.min_stay",
            f"a minimum stay is 1 to {MAX_MIN_STAY} nights.",
            "minStayIsInvalid",
        )
    occupancy = night.base_occupancy
    if occupancy is not None and not 1 <= occupancy <= rate.max_guests:
        raise _bad(
            f"{where}.base_occupancy",
            f"the base occupancy is 1 to the unit type's maximum of {rate.max_guests} guests.",
            "baseOccupancyIsInvalid",
        )


async def _writable_rates(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    rate_ids: set[uuid.UUID],
) -> tuple[dict[uuid.UUID, Row[Any]], set[uuid.UUID]]:
    """The named rates the principal may read, with their property's time zone, and the
    unit types among theirs that the principal may change (the calendar's rule: their
    listing's host, the business's owners and managers). Two queries."""
    stmt = (
        _rates_statement(principal, business_id)
        .add_columns(Property.time_zone)
        .join(Property, Property.id == UnitType.property_id)
        .where(Rate.id.in_(rate_ids))
    )
    rates = {row.id: row for row in await session.execute(stmt)}
    managed = await calendar.managed_listing_ids(
        session, principal, {row.unit_type_id for row in rates.values()}
    )
    return rates, managed


# One statement for every rate-date, whatever their number: arrays (unnest) rather than one
# parameter per value. A NULL value leaves the stored one (COALESCE); rows go in key order
# so that concurrent writers of the same dates lock them in the same order.
_UPSERT_RATE_DAYS = text(
    """
    INSERT INTO rate_days (rate_id, date, price, min_stay, max_stay, base_occupancy,
                           closed_to_arrival, closed_to_departure, updated_at)
    SELECT d.rate_id, d.date, d.price, d.min_stay, d.max_stay, d.base_occupancy,
           d.closed_to_arrival, d.closed_to_departure, CAST(:now AS timestamptz)
    FROM unnest(CAST(:rate_ids AS uuid[]), CAST(:dates AS date[]), CAST(:prices AS numeric[]),
                CAST(:min_stays AS integer[]), CAST(:max_stays AS integer[]),
                CAST(:base_occupancies AS smallint[]),
                CAST(:closed_to_arrival AS boolean[]), CAST(:closed_to_departure AS boolean[]))
         AS d(rate_id, date, price, min_stay, max_stay, base_occupancy, closed_to_arrival,
              closed_to_departure)
    ORDER BY d.rate_id, d.date
    ON CONFLICT (rate_id, date) DO UPDATE SET
        price = COALESCE(EXCLUDED.price, rate_days.price),
        min_stay = COALESCE(EXCLUDED.min_stay, rate_days.min_stay),
        max_stay = COALESCE(EXCLUDED.max_stay, rate_days.max_stay),
        base_occupancy = COALESCE(EXCLUDED.base_occupancy, rate_days.base_occupancy),
        closed_to_arrival = COALESCE(EXCLUDED.closed_to_arrival, rate_days.closed_to_arrival),
        closed_to_departure = COALESCE(EXCLUDED.closed_to_departure,
                                       rate_days.closed_to_departure),
        updated_at = EXCLUDED.updated_at
    """
)
# Values removed (sent as None): set back to NULL, one statement for all rows with any; a
# row left with nothing to say is then deleted (only what differs from a rate's defaults is
# stored), so the dates fall back to the rate's and unit type's values.
_CLEAR_RATE_DAYS = text(
    """
    UPDATE rate_days r SET
        price = CASE WHEN c.price THEN NULL ELSE r.price END,
        min_stay = CASE WHEN c.min_stay THEN NULL ELSE r.min_stay END,
        max_stay = CASE WHEN c.max_stay THEN NULL ELSE r.max_stay END,
        base_occupancy = CASE WHEN c.base_occupancy THEN NULL ELSE r.base_occupancy END,
        closed_to_arrival = CASE WHEN c.closed_to_arrival THEN NULL ELSE r.closed_to_arrival END,
        closed_to_departure = CASE WHEN c.closed_to_departure THEN NULL
                                   ELSE r.closed_to_departure END,
        updated_at = CAST(:now AS timestamptz)
    FROM unnest(CAST(:rate_ids AS uuid[]), CAST(:dates AS date[]), CAST(:price AS boolean[]),
                CAST(:min_stay AS boolean[]), CAST(:max_stay AS boolean[]),
                CAST(:base_occupancy AS boolean[]), CAST(:closed_to_arrival AS boolean[]),
                CAST(:closed_to_departure AS boolean[]))
         AS c(rate_id, date, price, min_stay, max_stay, base_occupancy, closed_to_arrival,
              closed_to_departure)
    WHERE r.rate_id = c.rate_id AND r.date = c.date
    """
)
_DROP_EMPTY_RATE_DAYS = text(
    """
    DELETE FROM rate_days r
    USING unnest(CAST(:rate_ids AS uuid[]), CAST(:dates AS date[])) AS c(rate_id, date)
    WHERE r.rate_id = c.rate_id AND r.date = c.date
      AND r.price IS NULL AND r.min_stay IS NULL AND r.max_stay IS NULL
      AND r.base_occupancy IS NULL AND r.extra_guest_charges IS NULL
      AND r.closed_to_arrival IS NULL AND r.closed_to_departure IS NULL
    """
)
# The values upsert_rate_days writes: RateDay columns.
WRITTEN = (
    "price",
    "min_stay",
    "max_stay",
    "base_occupancy",
    "closed_to_arrival",
    "closed_to_departure",
)


async def upsert_rate_days(
    session: AsyncSession,
    written: Sequence[tuple[tuple[uuid.UUID, date], dict[str, Any]]],
    now: Any,
) -> None:
    """Set per-date values of rates, set-based (one to three statements whatever the
    number of rate-dates). Each row is ((rate id, date), {column: value}) with columns of
    WRITTEN: a column absent is left as stored, a column present with None is removed.
    Rows must be distinct keys; the caller has checked the values and the rates."""
    if not written:
        return
    rows = sorted(written, key=lambda row: row[0])
    await session.execute(
        _UPSERT_RATE_DAYS,
        {
            "now": now,
            "rate_ids": [rate_id for (rate_id, _), _ in rows],
            "dates": [day for (_, day), _ in rows],
            "prices": [v.get("price") for _, v in rows],
            "min_stays": [v.get("min_stay") for _, v in rows],
            "max_stays": [v.get("max_stay") for _, v in rows],
            "base_occupancies": [v.get("base_occupancy") for _, v in rows],
            "closed_to_arrival": [v.get("closed_to_arrival") for _, v in rows],
            "closed_to_departure": [v.get("closed_to_departure") for _, v in rows],
        },
    )
    clearing = [(key, v) for key, v in rows if None in v.values()]
    if not clearing:
        return
    keys = {
        "rate_ids": [rate_id for (rate_id, _), _ in clearing],
        "dates": [day for (_, day), _ in clearing],
    }
    await session.execute(
        _CLEAR_RATE_DAYS,
        {
            "now": now,
            **keys,
            **{c: [c in v and v[c] is None for _, v in clearing] for c in WRITTEN},
        },
    )
    await session.execute(_DROP_EMPTY_RATE_DAYS, keys)


async def apply_nightly_rates(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    changes: Sequence[RateChanges],
) -> Applied:
    """Check every change, then write them all (see the module docstring)."""
    if not changes:
        raise InvalidInput("Send at least one rate with its dates.", code="nothingToApply")
    entries = 0
    for i, item in enumerate(changes):
        if not item.nights:
            raise _bad(f"{i}.data", "give at least one date.", "dataIsInvalid")
        entries += len(item.nights)
        if entries > MAX_ENTRIES:
            # Before any query: an oversized write costs nothing.
            raise InvalidInput(
                f"{i}.data: a write may hold at most {MAX_ENTRIES} dates over all its rates; "
                "send the rest in another request.",
                code="tooManyEntries",
                field=f"{i}.data",
            )

    rates, managed = await _writable_rates(
        session, principal, business_id, {c.rate_id for c in changes}
    )
    windows: dict[str, DateWindow] = {}
    plan: dict[tuple[uuid.UUID, date], dict[str, Any]] = {}
    for i, item in enumerate(changes):
        rate = rates.get(item.rate_id)
        if rate is None:
            raise NotFound(
                f"No rate with id {item.rate_id}.", code="rateNotFound", field=f"{i}.rate_id"
            )
        if rate.unit_type_id not in managed:
            raise Forbidden(
                f"{i}.rate_id: only the unit type's host and the business's owners and managers may change its rates.",
                code="notYourRate",
                field=f"{i}.rate_id",
            )
        if not rate.allow_updates:
            raise _bad(
                f"{i}.rate_id",
                f"rate {rate.id} ({rate.name}) does not allow updates through this API.",
                "rateDoesNotAllowUpdates",
            )
        window = windows.get(rate.time_zone)
        if window is None:
            window = windows[rate.time_zone] = write_window(property_today(rate.time_zone))
        for k, night in enumerate(item.nights):
            _check_night(f"{i}.data.{k}", night, rate, window)
            values = plan.setdefault((rate.id, night.date), {})
            for facet in FACETS:
                value = getattr(night, facet)
                if value is not None:
                    values[facet] = value

    written = sorted((key, values) for key, values in plan.items() if values)
    if written:
        await _write(session, principal, business_id, rates, written)
    return Applied(entries=entries, rates=len({c.rate_id for c in changes}), dates=len(written))


async def _write(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    rates: dict[uuid.UUID, Row[Any]],
    written: list[tuple[tuple[uuid.UUID, date], dict[str, Any]]],
) -> None:
    now = utcnow()
    await upsert_rate_days(session, written, now)
    changed = CalendarChanges()
    for (rate_id, day), values in written:
        rate = rates[rate_id]
        changed.add(
            rate.unit_type_id,
            values,
            (day,),
            rate_id=rate_id,
            business_id=business_id,
            property_id=rate.property_id,
        )
    await changed.record(session, principal)
    # A default rate's RateDay is the marketplace calendar's price and minimum stay: each
    # date written gets its calendar entry, so that calendar reads back what was set here.
    calendar = {
        (rates[rate_id].unit_type_id, day): None
        for (rate_id, day), _ in written
        if rates[rate_id].is_default
    }
    if calendar:
        await ensure_inventory_days(
            session, business_id, calendar, owner_id=principal.user_id, now=now
        )
