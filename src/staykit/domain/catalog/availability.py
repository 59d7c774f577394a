"""How many units of a unit type can still be sold on each night, in one SQL query.

A night's count is the number of active units of the type with no active Occupancy
(reservation or block) covering that night, then limited by the unit type's InventoryDay
for the date: stop-sell makes it 0, an availability cap lowers it to the cap.

The same query can also bring a rate's RateDay of every date along (the quote engine's
calendar read: one round trip for inventory, occupancy and rate values together).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession

# One row per date of [start, start + days). Occupancies are read through the type's active
# units (so a unit taken out of service counts neither way); the overlap test is the
# exclusion constraint's own expression, so its GiST index (unit_id, daterange) WHERE active
# can answer it however long a unit's history grows. The constraint allows one active
# occupancy per unit and night; the DISTINCT keeps the count right even so.
# {ctes}, {columns}, {joins} and {rate_id} let the quote engine read its other inputs in
# the same round trip (see calendar_sql).
_CALENDAR_TEMPLATE = """
    WITH nights AS (
        SELECT CAST(:start AS date) + g.i AS night
        -- (SELECT ...) hides the count from the planner, so a custom plan estimates the
        -- same as the generic one and PostgreSQL keeps the prepared statement's generic
        -- plan instead of planning again on each call (about 0.6 ms, half a quote).
        FROM generate_series(0, (SELECT CAST(:days AS integer)) - 1) AS g(i)
    ),
    units_of_type AS (
        SELECT id FROM units WHERE unit_type_id = :unit_type_id AND is_active
    ),
    taken AS (
        SELECT n.night, count(DISTINCT o.unit_id) AS units,
               -- which ones: the booking engine allocates from the same read
               array_agg(DISTINCT o.unit_id) AS busy_units
        FROM occupancies o
        JOIN nights n ON n.night >= o.arrival AND n.night < o.departure
        WHERE o.unit_id IN (SELECT id FROM units_of_type)
          AND o.active
          AND daterange(o.arrival, o.departure, '[)')
              && daterange(CAST(:start AS date), CAST(:start AS date) + CAST(:days AS integer))
        GROUP BY n.night
    ){ctes}
    SELECT n.night,
           (SELECT count(*) FROM units_of_type) - COALESCE(t.units, 0) AS free,
           COALESCE(inv.stop_sell, false) AS stop_sell,
           inv.availability_cap AS cap,
           d.price, d.min_stay, d.max_stay, d.base_occupancy, d.extra_guest_charges,
           d.closed_to_arrival, d.closed_to_departure{columns}
    FROM nights n{joins}
    LEFT JOIN taken t ON t.night = n.night
    LEFT JOIN inventory_days inv
           ON inv.unit_type_id = :unit_type_id AND inv.date = n.night AND inv.is_active
          -- the range again (here and below), so whatever the plan the index reads only
          -- these dates, never the whole table
          AND inv.date >= CAST(:start AS date)
          AND inv.date < CAST(:start AS date) + CAST(:days AS integer)
    LEFT JOIN rate_days d
           ON d.rate_id = {rate_id} AND d.date = n.night
          AND d.date >= CAST(:start AS date)
          AND d.date < CAST(:start AS date) + CAST(:days AS integer)
    ORDER BY n.night
"""


def calendar_sql(
    *, ctes: str = "", columns: str = "", joins: str = "", rate_id: str = "CAST(:rate_id AS uuid)"
) -> TextClause:
    """The calendar query with more CTEs, columns and joins (trusted SQL fragments written
    in code, never input), and the expression naming the rate whose days are joined: a
    parameter or a scalar subquery, so that it is one value the index can look up."""
    return text(_CALENDAR_TEMPLATE.format(ctes=ctes, columns=columns, joins=joins, rate_id=rate_id))


# Parameters: unit_type_id, start, days, rate_id (NULL joins no RateDay).
CALENDAR_SQL = calendar_sql()


@dataclass(frozen=True, slots=True)
class CalendarDay:
    """One date: units not occupied, the InventoryDay's stop-sell and cap, and the rate's
    RateDay values (None where the rate's default applies)."""

    night: date
    free: int
    stop_sell: bool
    cap: int | None
    price: Decimal | None = None
    min_stay: int | None = None
    max_stay: int | None = None
    base_occupancy: int | None = None
    extra_guest_charges: dict[str, Any] | None = None
    closed_to_arrival: bool | None = None
    closed_to_departure: bool | None = None

    @classmethod
    def from_row(cls, row: Row[Any]) -> CalendarDay:
        m = row._mapping
        return cls(
            night=m["night"],
            free=int(m["free"]),
            stop_sell=m["stop_sell"],
            cap=m["cap"],
            price=m["price"],
            min_stay=m["min_stay"],
            max_stay=m["max_stay"],
            base_occupancy=m["base_occupancy"],
            extra_guest_charges=m["extra_guest_charges"],
            closed_to_arrival=m["closed_to_arrival"],
            closed_to_departure=m["closed_to_departure"],
        )

    @property
    def sellable(self) -> int:
        return sellable_count(self.free, self.stop_sell, self.cap)


def sellable_count(free: int, stop_sell: bool, cap: int | None) -> int:
    """The units of a type that can be sold on a night: none on a stop-sell date, else the
    free units, at most the availability cap. The one rule, for the booking engine and for
    every calendar that reports availability (catalog/calendars.py)."""
    if stop_sell:
        return 0
    count = free if cap is None else min(free, cap)
    return max(0, count)


def lock_key(unit_type_id: uuid.UUID) -> str:
    """The text whose hash names a unit type's advisory lock (see `lock_unit_types`)."""
    return f"unit_type:{unit_type_id}"


# The same lock taken inside another query, on a unit_types row: `'unit_type:' || id`
# is lock_key's text (PostgreSQL prints a uuid as Python's str() does).
LOCK_UNIT_TYPE_SQL = "pg_advisory_xact_lock(hashtextextended('unit_type:' || {id}::text, 0))"


async def lock_unit_types(session: AsyncSession, unit_type_ids: Iterable[uuid.UUID]) -> None:
    """Serialise the writers of these unit types' occupancy (bookings, blocks) until the
    transaction ends: a transaction-scoped advisory lock per unit type, taken in sorted
    order so that two writers can never deadlock. Every writer takes it BEFORE touching
    occupancy rows, so whatever else locks per unit type afterwards (the search index's
    triggers) is always reached in the same order, and a booking's availability read
    (free units, stop-sell, caps) cannot change before its write."""
    for unit_type_id in sorted(set(unit_type_ids)):
        await session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": lock_key(unit_type_id)},
        )


async def calendar(
    session: AsyncSession,
    unit_type_id: uuid.UUID,
    start: date,
    days: int,
    rate_id: uuid.UUID | None = None,
) -> list[CalendarDay]:
    """The `days` dates from `start`, in order, in one query."""
    if days <= 0:
        return []
    rows = await session.execute(
        CALENDAR_SQL,
        {"unit_type_id": unit_type_id, "start": start, "days": days, "rate_id": rate_id},
    )
    return [CalendarDay.from_row(row) for row in rows]


async def sellable_units(
    session: AsyncSession, unit_type_id: uuid.UUID, start: date, end: date
) -> dict[date, int]:
    """{night: units that can be sold} for every night in [start, end)."""
    return {
        day.night: day.sellable
        for day in await calendar(session, unit_type_id, start, (end - start).days)
    }
