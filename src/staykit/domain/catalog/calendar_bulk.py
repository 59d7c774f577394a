"""Bulk calendar writes: many dates of one listing in one request, all or nothing
(PUT /propertycatalog-api/v1/listings/{listingId}/calendar, a staykit addition; the
Channel API's calendar ranges use the same function).

A command is a list of date ranges, each with the values to set on every date of the
range: price_override and min_stay (the default rate's per-date values; None clears the
override), available (stop-sell). Later ranges win where ranges overlap. Every date of
every range ends up with a calendar entry (InventoryDay), created when missing, so the
calendar reads back what was written. Values not provided are left as they are.

Limits (each a 400 naming the item): at most MAX_RANGES ranges, each at most
MAX_RANGE_DAYS dates, at most MAX_DATES distinct dates in all; dates within the date
rule's write window (dates.py: yesterday to 3 years ahead where the property is), else a
400 `dateOutOfRange` naming the range's `from` or `to`, with the first and last date
allowed as facts.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.catalog import listings
from staykit.domain.catalog.calendar import RatedDay, drop_empty_rate_days, rated_days
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.commands import CalendarRanges
from staykit.domain.catalog.dates import property_today, write_window
from staykit.domain.catalog.models import InventoryDay, Property, RateDay

MAX_RANGES = 100
MAX_RANGE_DAYS = 366
MAX_DATES = 732


# Arrays, not one bound parameter per value: a statement takes at most 65,535 parameters,
# and a few arrays stay one short statement whatever the number of dates.
_NEW_DAYS = """
    INSERT INTO inventory_days
        (id, business_id, unit_type_id, date, stop_sell, availability_cap, owner_id,
         created_at, updated_at)
    SELECT d.id, CAST(:business_id AS uuid), d.unit_type_id, d.date,
           COALESCE(d.stop_sell, false), d.cap, CAST(:owner_id AS uuid),
           CAST(:now AS timestamptz), CAST(:now AS timestamptz)
    FROM unnest(CAST(:ids AS uuid[]), CAST(:unit_type_ids AS uuid[]), CAST(:dates AS date[]),
                CAST(:stop_sell AS boolean[]), CAST(:caps AS integer[]))
         AS d(id, unit_type_id, date, stop_sell, cap)
    -- in key order, so that two writers of overlapping dates lock rows in the same order
    ORDER BY d.unit_type_id, d.date
    ON CONFLICT (unit_type_id, date) WHERE is_active
"""
# What an existing entry gets, by which values the rows set (stop-sell, cap): one statement
# per combination present, so a value a row does not set is never touched.
_SETS = {
    (True, False): "stop_sell = EXCLUDED.stop_sell",
    (False, True): "availability_cap = EXCLUDED.availability_cap",
    (True, True): "stop_sell = EXCLUDED.stop_sell, availability_cap = EXCLUDED.availability_cap",
}
_STATEMENTS = {
    key: text(
        _NEW_DAYS
        + f"DO UPDATE SET {sets}, updated_at = EXCLUDED.updated_at, "
        + "record_version = inventory_days.record_version + 1"
    )
    for key, sets in _SETS.items()
} | {(False, False): text(_NEW_DAYS + "DO NOTHING")}


async def ensure_inventory_days(
    session: AsyncSession,
    business_id: uuid.UUID,
    days: Mapping[tuple[uuid.UUID, dt.date], bool | None],
    *,
    owner_id: uuid.UUID | None,
    now: dt.datetime,
    caps: Mapping[tuple[uuid.UUID, dt.date], int | None] | None = None,
) -> None:
    """An active calendar entry (InventoryDay) for every (unit type, date) of `days` (and
    of `caps`), whose value is the stop-sell to set (None: leave it). `caps` holds the
    availability caps to set (a key present with None removes the cap; a key absent leaves
    it). A missing entry is created, open for sale and uncapped unless the values say
    otherwise; an existing one gets the values given and is otherwise left as it is. The
    unit types are the business's. At most four statements whatever the number of dates."""
    caps = caps or {}
    groups: dict[tuple[bool, bool], list[tuple[tuple[uuid.UUID, dt.date], Any, Any]]] = {}
    for key in {**days, **caps}:
        stop = days.get(key)
        groups.setdefault((stop is not None, key in caps), []).append((key, stop, caps.get(key)))
    for kind, rows in groups.items():
        await session.execute(
            _STATEMENTS[kind],
            {
                "business_id": business_id,
                "owner_id": owner_id,
                "now": now,
                "ids": [uuid7() for _ in rows],
                "unit_type_ids": [unit_type_id for (unit_type_id, _), _, _ in rows],
                "dates": [day for (_, day), _, _ in rows],
                "stop_sell": [stop for _, stop, _ in rows],
                "caps": [cap for _, _, cap in rows],
            },
        )


def _bad(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, code="calendarRangeIsInvalid", field=field)


def plan(command: CalendarRanges, today: dt.date) -> dict[dt.date, dict[str, Any]]:
    """{date: {column: value}} of everything the command sets, later ranges winning."""
    window = write_window(today)
    dates: dict[dt.date, dict[str, Any]] = {}
    if not 1 <= len(command.ranges) <= MAX_RANGES:
        raise _bad("ranges", f"Give 1 to {MAX_RANGES} ranges.")
    for k, item in enumerate(command.ranges):
        where = f"ranges.{k}"
        if item.last < item.first:
            raise _bad(f"{where}.to", f"{where}: to must not be before from.")
        days = (item.last - item.first).days + 1
        if days > MAX_RANGE_DAYS:
            raise _bad(f"{where}.to", f"{where}: a range may cover at most {MAX_RANGE_DAYS} dates.")
        window.check(f"{where}.from", item.first)
        window.check(f"{where}.to", item.last)
        sent = item.values.changed()
        values: dict[str, Any] = {}
        if "price_override" in sent:
            values["price"] = sent["price_override"]
        if "min_stay" in sent:
            values["min_stay"] = sent["min_stay"]
        if "available" in sent:
            if sent["available"] is None:
                raise _bad(f"{where}.available", f"{where}: available may not be cleared.")
            values["stop_sell"] = not sent["available"]
        for i in range(days):
            dates.setdefault(item.first + dt.timedelta(days=i), {}).update(values)
        if len(dates) > MAX_DATES:
            raise _bad("ranges", f"A request may set at most {MAX_DATES} dates.")
    return dates


async def apply_ranges(
    session: AsyncSession, actor: Principal | None, listing_id: uuid.UUID, command: CalendarRanges
) -> list[RatedDay]:
    """Write the ranges (set-based: a handful of statements whatever the number of dates)
    and return the entries of every date written, by date."""
    listing = await listings.managed_listing(session, actor, listing_id)
    assert actor is not None
    for k, item in enumerate(command.ranges):
        try:
            listings.check_amounts(listing.currency, price_override=item.values.price_override)
        except InvalidInput as exc:
            raise _bad(f"ranges.{k}.price_override", f"ranges.{k}: {exc.message}") from None
    prop = await session.get(Property, listing.property_id)
    assert prop is not None
    dates = plan(command, property_today(prop.time_zone))
    now = utcnow()

    # 1. One InventoryDay per date: created when missing; stop-sell set where sent.
    await ensure_inventory_days(
        session,
        listing.business_id,
        {(listing.id, day): values.get("stop_sell") for day, values in dates.items()},
        owner_id=actor.user_id,
        now=now,
    )

    # 2. The default rate's per-date values, grouped by which columns are sent.
    rate = await listings.default_rate(session, listing.id)
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for day, values in sorted(dates.items()):
        cols: tuple[str, ...] = tuple(c for c in ("price", "min_stay") if c in values)
        if cols:
            groups.setdefault(cols, []).append(
                {"rate_id": rate.id, "date": day, "updated_at": now, **{c: values[c] for c in cols}}
            )
    for cols, rows in groups.items():
        stmt = insert(RateDay).values(rows)
        set_: dict[str, Any] = {c: getattr(stmt.excluded, c) for c in cols}
        set_["updated_at"] = now
        await session.execute(
            stmt.on_conflict_do_update(index_elements=[RateDay.rate_id, RateDay.date], set_=set_)
        )
    # Overrides cleared with null leave rows with nothing left to say: drop them.
    if groups:
        await drop_empty_rate_days(session, rate.id, list(dates))
    changed = CalendarChanges()
    changed.add(
        listing.id,
        {column for values in dates.values() for column in values},
        [day for day, values in dates.items() if values],
        rate_id=rate.id,
        business_id=listing.business_id,
        property_id=listing.property_id,
    )
    await changed.record(session, actor)
    days = list(
        await session.scalars(
            select(InventoryDay)
            .where(
                InventoryDay.unit_type_id == listing.id,
                InventoryDay.is_active,
                InventoryDay.date.in_(list(dates)),
            )
            .order_by(InventoryDay.date)
            .execution_options(populate_existing=True)
        )
    )
    return await rated_days(session, actor, days)
