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

Every calendar is ONE statement, whatever the number of unit types and nights: the dates
(generate_series) times the business's active unit types, the occupancies of their active
units joined by date-range overlap (the exclusion constraint's expression, so its GiST
index answers per unit), and the inventory days of the range. PostgreSQL aggregates each
unit type's nights into arrays, so the answer is one row per unit type.

Unit types and units are listed when active, ordered by the unit type's name, then its
id; a type's units by name, then id. Filters naming another business's ids match nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog.availability import sellable_count
from staykit.domain.tenancy import service as tenancy


class UnitStatus(StrEnum):
    AVAILABLE = "Available"
    RESERVED = "Reserved"
    BLOCKED = "Blocked"


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


# The per-type calendar. Parameters: business_id, start, days, type_ids and unit_ids
# (uuid[], NULL: all; unit_ids keeps the types of those units, with ALL their units, as
# the cap is shared among them). {unit_ctes} and {unit_columns} add each unit's nights for the unit calendar.
# (SELECT :days) hides the count from the planner, as availability.py's query does, so the
# prepared statement keeps its generic plan.
_TEMPLATE = """
    WITH nights AS (
        SELECT CAST(:start AS date) + g.i AS night
        FROM generate_series(0, (SELECT CAST(:days AS integer)) - 1) AS g(i)
    ),
    span AS (
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
    type_units AS (
        SELECT u.id, u.unit_type_id, u.name
        FROM units u
        JOIN types t ON t.id = u.unit_type_id
        WHERE u.is_active AND u.business_id = :business_id
    ),
    -- (unit, night) for every occupied night of the range; one row per pair even should
    -- two active occupancies ever overlap (the exclusion constraint forbids it).
    occupied AS (
        SELECT tu.id AS unit_id, tu.unit_type_id, n.night,
               bool_or(o.kind = 'reservation') AS reserved
        FROM type_units tu
        JOIN occupancies o
          ON o.unit_id = tu.id
         AND o.active
         AND daterange(o.arrival, o.departure, '[)') && (SELECT dates FROM span)
        JOIN nights n ON n.night >= o.arrival AND n.night < o.departure
        GROUP BY tu.id, tu.unit_type_id, n.night
    ),
    taken AS (
        SELECT unit_type_id, night, count(*) AS units, count(*) FILTER (WHERE reserved)
               AS reserved
        FROM occupied
        GROUP BY unit_type_id, night
    ),
    counts AS (
        SELECT unit_type_id, count(*) AS units FROM type_units GROUP BY unit_type_id
    ),
    inventory AS (
        SELECT i.unit_type_id, i.date, i.stop_sell, i.availability_cap
        FROM inventory_days i
        JOIN types t ON t.id = i.unit_type_id
        WHERE i.is_active
          AND i.date >= CAST(:start AS date)
          AND i.date < CAST(:start AS date) + CAST(:days AS integer)
    ),
    type_nights AS (
        SELECT t.id, t.property_id, t.title, COALESCE(c.units, 0) AS unit_count,
               array_agg(COALESCE(c.units, 0) - COALESCE(k.units, 0) ORDER BY n.night) AS free,
               array_agg(COALESCE(k.reserved, 0) ORDER BY n.night) AS reserved,
               array_agg(COALESCE(i.stop_sell, false) ORDER BY n.night) AS stop_sell,
               array_agg(i.availability_cap ORDER BY n.night) AS cap
        FROM types t
        CROSS JOIN nights n
        LEFT JOIN counts c ON c.unit_type_id = t.id
        LEFT JOIN taken k ON k.unit_type_id = t.id AND k.night = n.night
        LEFT JOIN inventory i ON i.unit_type_id = t.id AND i.date = n.night
        GROUP BY t.id, t.property_id, t.title, c.units
    ){unit_ctes}
    SELECT tn.id, tn.property_id, tn.unit_count, tn.free, tn.reserved, tn.stop_sell,
           tn.cap{unit_columns}
    FROM type_nights tn{unit_joins}
    ORDER BY tn.title, tn.id
"""

# Each unit's nights as one character per night: '.' free, 'R' reserved, 'B' blocked;
# a type's units in calendar order (name, id).
_UNIT_CTES = """,
    unit_nights AS (
        SELECT tu.unit_type_id, tu.id, tu.name,
               string_agg(CASE WHEN o.unit_id IS NULL THEN '.'
                               WHEN o.reserved THEN 'R' ELSE 'B' END, '' ORDER BY n.night)
               AS nights
        FROM type_units tu
        CROSS JOIN nights n
        LEFT JOIN occupied o ON o.unit_id = tu.id AND o.night = n.night
        GROUP BY tu.unit_type_id, tu.id, tu.name
    ),
    type_unit_nights AS (
        SELECT unit_type_id,
               array_agg(id ORDER BY name, id) AS unit_ids,
               array_agg(nights ORDER BY name, id) AS unit_nights
        FROM unit_nights
        GROUP BY unit_type_id
    )"""
_UNIT_COLUMNS = ", tun.unit_ids, tun.unit_nights"
_UNIT_JOINS = "\n    JOIN type_unit_nights tun ON tun.unit_type_id = tn.id"

TYPE_CALENDAR_SQL = text(_TEMPLATE.format(unit_ctes="", unit_columns="", unit_joins=""))
UNIT_CALENDAR_SQL = text(
    _TEMPLATE.format(unit_ctes=_UNIT_CTES, unit_columns=_UNIT_COLUMNS, unit_joins=_UNIT_JOINS)
)

_STATUS_OF_NIGHT = {".": UnitStatus.AVAILABLE, "R": UnitStatus.RESERVED, "B": UnitStatus.BLOCKED}


def _none_asked(values: Sequence[uuid.UUID] | None) -> bool:
    return values is not None and len(values) == 0


def _ids(values: Sequence[uuid.UUID] | None) -> list[uuid.UUID] | None:
    return None if values is None else list(dict.fromkeys(values))


async def _readable(session: AsyncSession, principal: Principal, business_id: uuid.UUID) -> bool:
    # The one tenancy rule: a token's user must still belong to the business it names.
    return await tenancy.can_read(session, principal, business_id)


def _sellable(free: list[int], stop_sell: list[bool], cap: list[int | None]) -> list[int]:
    return [sellable_count(f, s, c) for f, s, c in zip(free, stop_sell, cap, strict=True)]


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
    if days <= 0 or _none_asked(unit_type_ids):
        return []
    if not await _readable(session, principal, business_id):
        return []
    rows = await session.execute(
        TYPE_CALENDAR_SQL,
        {
            "business_id": business_id,
            "start": start,
            "days": days,
            "type_ids": _ids(unit_type_ids),
            "unit_ids": None,
        },
    )
    calendars = []
    for row in rows:
        unit_type_id, property_id, unit_count, free, reserved, stop_sell, cap = row
        available = _sellable(free, stop_sell, cap)
        calendars.append(
            TypeCalendar(
                unit_type_id=unit_type_id,
                property_id=property_id,
                unit_count=unit_count,
                available=available,
                reserved=reserved,
                blocked=[unit_count - a - r for a, r in zip(available, reserved, strict=True)],
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
    if days <= 0 or _none_asked(unit_type_ids) or _none_asked(unit_ids):
        return []
    if not await _readable(session, principal, business_id):
        return []
    rows = await session.execute(
        UNIT_CALENDAR_SQL,
        {
            "business_id": business_id,
            "start": start,
            "days": days,
            "type_ids": _ids(unit_type_ids),
            "unit_ids": _ids(unit_ids),
        },
    )
    wanted = None if unit_ids is None else frozenset(unit_ids)
    calendars: list[UnitCalendar] = []
    for row in rows:
        unit_type_id, property_id, _count, free, _reserved, stop_sell, cap, ids, nights = row
        if wanted is not None and wanted.isdisjoint(ids):
            continue
        statuses = [[_STATUS_OF_NIGHT[c] for c in unit] for unit in nights]
        # The nights where fewer units can be sold than are free (stop-sell, a cap): the
        # free units beyond the sellable count, in unit order, are Blocked. Computed over
        # every unit of the type, whichever units were asked for.
        for night, (f, sellable) in enumerate(
            zip(free, _sellable(free, stop_sell, cap), strict=True)
        ):
            if sellable >= f:
                continue
            seen = 0
            for unit in statuses:
                if unit[night] is UnitStatus.AVAILABLE:
                    seen += 1
                    if seen > sellable:
                        unit[night] = UnitStatus.BLOCKED
        calendars.extend(
            UnitCalendar(unit_id, unit_type_id, property_id, unit)
            for unit_id, unit in zip(ids, statuses, strict=True)
            if wanted is None or unit_id in wanted
        )
    return calendars


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
