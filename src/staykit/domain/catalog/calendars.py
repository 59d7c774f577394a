"""A business's availability calendars over a date range: the unit types' metrics per night
(available, reserved, blocked), each unit's status per night, and the availability blocks.

The figures are the booking engine's, night by night (availability.py):

- reserved: units of the type occupied by an active reservation that night;
- available: `sellable_count` of the night (free units, none on a stop-sell date, at most
  the availability cap): exactly what a quote, a search and a booking can sell;
- blocked: the rest, unitCount - available - reserved: units closed by a block, and free
  units that stop-sell or the cap keep from being sold. The three add up to unitCount.

A unit's status: Reserved or Blocked from its own occupancy (a reservation or a block);
a free unit is Available, unless the night is stop-sell (Blocked) or the cap leaves only
some free units sellable: then the first `sellable` free units in the calendar's unit
order are Available and the others Blocked. Counting the statuses of a type's units on a
date gives exactly the type's metrics for that date.

Both calendars are ONE statement, whatever the number of unit types and nights: the
business's active unit types and their active units, each unit's occupancies that overlap
the range (found by the exclusion constraint's own expression, so its GiST index on
(unit, daterange) answers per unit) as night numbers [first, stop), and the inventory days
of the range, aggregated into one row per unit type. The nights are then counted here in
one pass per type (a difference array: +1 at `first`, -1 at `stop`, running sums), which
is what a generate_series of dates x unit types would compute in SQL, measured at several
times the cost for a year of 50 unit types. The exclusion constraint allows one active
occupancy per unit and night, so counting stays counts units.

Unit types and units are listed when active, ordered by the unit type's name, then its
id; a type's units by name, then id. Filters naming another business's ids match nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog.availability import sellable_count
from staykit.domain.tenancy import service as tenancy

# A unit's status on a date. Plain strings, not an Enum: a year of statuses for every
# unit is serialised as is, and JSON encoders take the slow path for Enum members.
UnitStatus = Literal["Available", "Reserved", "Blocked"]
AVAILABLE: UnitStatus = "Available"
RESERVED: UnitStatus = "Reserved"
BLOCKED: UnitStatus = "Blocked"


@dataclass(frozen=True, slots=True)
class TypeCalendar:
    """One unit type over the range: per night, in date order, the three counts."""

    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    unit_count: int
    available: list[int]
    reserved: list[int]
    blocked: list[int]


@dataclass(frozen=True, slots=True)
class UnitCalendar:
    """One unit over the range: its status per night, in date order."""

    unit_id: uuid.UUID
    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    statuses: list[UnitStatus]


@dataclass(frozen=True, slots=True)
class BlockItem:
    """An availability block as the calendars report it; [arrival, departure) nights."""

    id: uuid.UUID
    unit_id: uuid.UUID
    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    arrival: date
    departure: date
    kind: str  # owner_stay | maintenance | imported
    note: str | None
    created_at: datetime
    updated_at: datetime


# Parameters: business_id, start, days, type_ids and unit_ids (uuid[], NULL: all;
# unit_ids keeps the types of those units, with ALL their units, as a cap is shared among
# them). Night numbers count from `start` (0) to `start + days` (the range's end, excluded).
# One row per unit type, by name then id: its active units' ids in calendar order, its
# stays (parallel arrays: the unit's place in unit_ids, first, stop, reserved) and its
# inventory days (parallel arrays: night number, stop-sell, cap). NULL arrays: none.
CALENDAR_SQL = text(
    """
    WITH span AS (
        SELECT daterange(CAST(:start AS date), CAST(:start AS date) + CAST(:days AS integer))
               AS dates
    ),
    types AS (
        SELECT ut.id, ut.property_id, ut.title
        FROM unit_types ut
        WHERE ut.business_id = :business_id
          AND ut.is_active
          AND (CAST(:type_ids AS uuid[]) IS NULL OR ut.id = ANY(CAST(:type_ids AS uuid[])))
          AND (CAST(:unit_ids AS uuid[]) IS NULL OR ut.id IN (
                SELECT unit_type_id FROM units WHERE id = ANY(CAST(:unit_ids AS uuid[]))))
    ),
    -- k: the unit's place in its type, by name then id (the calendar's unit order).
    type_units AS MATERIALIZED (
        SELECT u.id, u.unit_type_id,
               row_number() OVER (PARTITION BY u.unit_type_id ORDER BY u.name, u.id) - 1 AS k
        FROM units u
        JOIN types t ON t.id = u.unit_type_id
        WHERE u.is_active AND u.business_id = :business_id
    ),
    -- Each unit's stays that overlap the range, as night numbers [first, stop): the
    -- exclusion constraint's own expression, so its GiST index on (unit, daterange) WHERE
    -- active answers per unit (OFFSET 0 keeps the lateral per unit: joined flat, the
    -- planner may scan the whole range of every business's occupancies instead). Then one
    -- row per type of parallel arrays: unit place, first, stop, reserved.
    -- MATERIALIZED, as type_units: computed once. The prepared statement's generic plan
    -- cannot know how many types the optional filters keep (it guesses one) and would
    -- otherwise recompute them per unit type (measured: 20x slower).
    stays AS MATERIALIZED (
        SELECT tu.unit_type_id,
               array_agg(tu.k) AS units,
               array_agg(o.first) AS firsts,
               array_agg(o.stop) AS stops,
               array_agg(o.reserved) AS reserved
        FROM type_units tu
        CROSS JOIN LATERAL (
            SELECT GREATEST(o.arrival, CAST(:start AS date)) - CAST(:start AS date) AS first,
                   LEAST(o.departure, CAST(:start AS date) + CAST(:days AS integer))
                       - CAST(:start AS date) AS stop,
                   o.kind = 'reservation' AS reserved
            FROM occupancies o
            WHERE o.unit_id = tu.id
              AND o.active
              AND daterange(o.arrival, o.departure, '[)') && (SELECT dates FROM span)
            OFFSET 0
        ) o
        GROUP BY tu.unit_type_id
    )
    SELECT t.id, t.property_id,
           ARRAY(SELECT tu.id FROM type_units tu WHERE tu.unit_type_id = t.id ORDER BY tu.k)
               AS unit_ids,
           s.units, s.firsts, s.stops, s.reserved,
           inv.nights, inv.stop_sell, inv.caps
    FROM types t
    LEFT JOIN stays s ON s.unit_type_id = t.id
    LEFT JOIN LATERAL (
        SELECT array_agg(d.date - CAST(:start AS date)) AS nights,
               array_agg(d.stop_sell) AS stop_sell,
               array_agg(d.availability_cap) AS caps
        FROM inventory_days d
        WHERE d.unit_type_id = t.id
          AND d.is_active
          AND d.date >= CAST(:start AS date)
          AND d.date < CAST(:start AS date) + CAST(:days AS integer)
    ) inv ON true
    ORDER BY t.title, t.id
    """
)


@dataclass(frozen=True, slots=True)
class _TypeNights:
    """One unit type's nights, counted: its units in calendar order, their stays (the
    unit's place, first, stop, reserved) and per night the free and reserved units and
    what the booking engine can sell."""

    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    unit_ids: list[uuid.UUID]
    stays: list[tuple[int, int, int, bool]]
    free: list[int]
    reserved: list[int]
    sellable: list[int]


def _count_nights(row: Any, days: int) -> _TypeNights:
    unit_type_id, property_id, unit_ids, places, firsts, stops, reserved_flags = row[:7]
    inv_nights, inv_stop_sell, inv_caps = row[7:]
    stays = list(zip(places or (), firsts or (), stops or (), reserved_flags or (), strict=True))
    occupied = [0] * (days + 1)
    reserved = [0] * (days + 1)
    for _place, first, stop, is_reserved in stays:
        occupied[first] += 1
        occupied[stop] -= 1
        if is_reserved:
            reserved[first] += 1
            reserved[stop] -= 1
    count = len(unit_ids)
    free = list(map(count.__sub__, accumulate(occupied[:days])))
    # sellable_count of every night: a night without an inventory day is (free, no
    # stop-sell, no cap), so the rule is asked once per distinct free count, and again for
    # each night that has one.
    plain = {f: sellable_count(f, False, None) for f in set(free)}
    sellable = list(map(plain.__getitem__, free))
    for night, stopped, limit in zip(
        inv_nights or (), inv_stop_sell or (), inv_caps or (), strict=True
    ):
        sellable[night] = sellable_count(free[night], stopped, limit)
    return _TypeNights(
        unit_type_id=unit_type_id,
        property_id=property_id,
        unit_ids=list(unit_ids),
        stays=stays,
        free=free,
        reserved=list(accumulate(reserved[:days])),
        sellable=sellable,
    )


async def _calendar_nights(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    start: date,
    days: int,
    unit_type_ids: Sequence[uuid.UUID] | None,
    unit_ids: Sequence[uuid.UUID] | None,
) -> list[_TypeNights]:
    if days <= 0 or _none_asked(unit_type_ids) or _none_asked(unit_ids):
        return []
    if not await _readable(session, principal, business_id):
        return []
    rows = await session.execute(
        CALENDAR_SQL,
        {
            "business_id": business_id,
            "start": start,
            "days": days,
            "type_ids": _ids(unit_type_ids),
            "unit_ids": _ids(unit_ids),
        },
    )
    return [_count_nights(row, days) for row in rows]


def _none_asked(values: Sequence[uuid.UUID] | None) -> bool:
    return values is not None and len(values) == 0


def _ids(values: Sequence[uuid.UUID] | None) -> list[uuid.UUID] | None:
    return None if values is None else list(dict.fromkeys(values))


async def _readable(session: AsyncSession, principal: Principal, business_id: uuid.UUID) -> bool:
    # The one tenancy rule: a token's user must still belong to the business it names.
    return await tenancy.can_read(session, principal, business_id)


async def type_calendar(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    start: date,
    days: int,
    unit_type_ids: Sequence[uuid.UUID] | None = None,
) -> list[TypeCalendar]:
    """Each active unit type of the business (or of those named), night by night for the
    `days` dates from `start`."""
    calendars = []
    for nights in await _calendar_nights(
        session, principal, business_id, start, days, unit_type_ids, None
    ):
        count = len(nights.unit_ids)
        calendars.append(
            TypeCalendar(
                unit_type_id=nights.unit_type_id,
                property_id=nights.property_id,
                unit_count=count,
                available=nights.sellable,
                reserved=nights.reserved,
                blocked=[
                    count - a - r for a, r in zip(nights.sellable, nights.reserved, strict=True)
                ],
            )
        )
    return calendars


async def unit_calendar(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    start: date,
    days: int,
    unit_type_ids: Sequence[uuid.UUID] | None = None,
    unit_ids: Sequence[uuid.UUID] | None = None,
) -> list[UnitCalendar]:
    """Each active unit of the business (or of the unit types and units named), its status
    night by night for the `days` dates from `start`."""
    wanted = None if unit_ids is None else frozenset(unit_ids)
    calendars: list[UnitCalendar] = []
    for nights in await _calendar_nights(
        session, principal, business_id, start, days, unit_type_ids, unit_ids
    ):
        statuses = _statuses(days, len(nights.unit_ids), nights.stays)
        # The nights where fewer units can be sold than are free (stop-sell, a cap): the
        # free units beyond the sellable count, in unit order, are Blocked. Computed over
        # every unit of the type, whichever units were asked for.
        for night, (free, sellable) in enumerate(zip(nights.free, nights.sellable, strict=True)):
            if sellable >= free:
                continue
            seen = 0
            for unit in statuses:
                if unit[night] == AVAILABLE:
                    seen += 1
                    if seen > sellable:
                        unit[night] = BLOCKED
        calendars.extend(
            UnitCalendar(unit_id, nights.unit_type_id, nights.property_id, unit)
            for unit_id, unit in zip(nights.unit_ids, statuses, strict=True)
            if wanted is None or unit_id in wanted
        )
    return calendars


def _statuses(
    days: int, units: int, stays: list[tuple[int, int, int, bool]]
) -> list[list[UnitStatus]]:
    """Each unit's statuses from its own stays: Available where it has none."""
    statuses = [[AVAILABLE] * days for _ in range(units)]
    for place, first, stop, reserved in stays:
        statuses[place][first:stop] = [RESERVED if reserved else BLOCKED] * (stop - first)
    return statuses


# The business's active blocks on active units of active unit types that overlap the
# range, oldest arrival first; the total beside every row (the page's Link headers).
_BLOCKS_SQL = text(
    """
    SELECT b.id, b.unit_id, b.unit_type_id, u.property_id, b.arrival, b.departure, b.kind,
           b.note, b.created_at, b.updated_at, count(*) OVER () AS total
    FROM availability_blocks b
    JOIN units u ON u.id = b.unit_id AND u.is_active
    JOIN unit_types ut ON ut.id = b.unit_type_id AND ut.is_active
    WHERE b.business_id = :business_id
      AND b.is_active
      AND b.arrival < :end
      AND b.departure > :start
    ORDER BY b.arrival, b.id
    OFFSET :skip
    LIMIT :limit
    """
)

_BLOCKS_COUNT_SQL = text(
    """
    SELECT count(*)
    FROM availability_blocks b
    JOIN units u ON u.id = b.unit_id AND u.is_active
    JOIN unit_types ut ON ut.id = b.unit_type_id AND ut.is_active
    WHERE b.business_id = :business_id
      AND b.is_active
      AND b.arrival < :end
      AND b.departure > :start
    """
)


async def blocks_by_date(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    start: date,
    end: date,
    *,
    skip: int,
    limit: int,
) -> tuple[list[BlockItem], int]:
    """The page (`skip`, `limit`) of the business's blocks with a night in [start, end),
    and how many there are in all."""
    if not await _readable(session, principal, business_id):
        return [], 0
    params: dict[str, Any] = {
        "business_id": business_id,
        "start": start,
        "end": end,
        "skip": skip,
        "limit": limit,
    }
    rows = (await session.execute(_BLOCKS_SQL, params)).all()
    if rows:
        total = int(rows[0].total)
    elif skip == 0:
        total = 0
    else:  # a page past the end: the total still names the last page
        total = int(await session.scalar(_BLOCKS_COUNT_SQL, params) or 0)
    return [BlockItem(*row[:10]) for row in rows], total
