"""`rates.updated` and `availability.updated`: the domain events of calendar writes, so that
webhooks (and any other consumer) can tell partners that prices, restrictions or
availability changed.

Every write path that changes a unit type's rates or availability (the Cloud API's
nightly rates, the Channel API's calendar and fixed prices, the marketplace's calendar
entries and ranges, availability blocks, iCal imports) collects what it changed in one
`CalendarChanges` and records it in the write's own transaction, with the write's
principal: ONE event (or one pair) per unit type per write, never one per night, all in
one INSERT (events.recorder.record_many).

An event's aggregate is the unit type (aggregate_type "unit_type"); its payload:
    {"unitTypeId", "propertyId", "from", "to", "fields", "rateIds"}
- from / to: the first and last date changed (inclusive; property-local dates), or both
  null when the change has no dates (a rate's base price: every date without its own);
- fields: what changed, sorted, in these words: price, minStay, maxStay, baseOccupancy,
  closedToArrival, closedToDeparture, extraGuestCharges, rate (a rate created or deleted),
  name (a rate's name) for `rates.updated`; closed (stop-sell), numAvail (availability
  cap), blocks (a block or an imported event added or removed) for `availability.updated`;
- rateIds: the rates whose values changed (sorted; empty for availability only).
A write touching both kinds records both types as one change sharing that payload.

What a write SET is recorded, not a difference with what was stored: writing the same
values again records the event again (telling would cost a read of every date before each
bulk write). A write refused (any error) records nothing: it happens in the same
transaction, rolled back with it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.recorder import Change, record_many

RATES_UPDATED = "rates.updated"
AVAILABILITY_UPDATED = "availability.updated"

# Stored columns -> the events' field words.
FIELD_OF = {
    "price": "price",
    "price_override": "price",
    "min_stay": "minStay",
    "max_stay": "maxStay",
    "base_occupancy": "baseOccupancy",
    "closed_to_arrival": "closedToArrival",
    "closed_to_departure": "closedToDeparture",
    "extra_guest_charges": "extraGuestCharges",
    "base_price": "price",
    "stop_sell": "closed",
    "available": "closed",
    "availability_cap": "numAvail",
}
AVAILABILITY_FIELDS = frozenset({"closed", "numAvail", "blocks"})


def field_words(columns: Iterable[str]) -> set[str]:
    """The events' words for stored columns (or already words: kept as they are)."""
    return {FIELD_OF.get(c, c) for c in columns}


@dataclass(slots=True)
class _Touched:
    business_id: uuid.UUID | None
    property_id: uuid.UUID | None
    first: date | None = None
    last: date | None = None
    undated: bool = False
    fields: set[str] = field(default_factory=set)
    rate_ids: set[uuid.UUID] = field(default_factory=set)


class CalendarChanges:
    """What one write changed, per unit type; `record` writes the events."""

    def __init__(self) -> None:
        self._by_type: dict[uuid.UUID, _Touched] = {}

    def __bool__(self) -> bool:
        return any(t.fields for t in self._by_type.values())

    def add(
        self,
        unit_type_id: uuid.UUID,
        fields: Iterable[str],
        dates: Iterable[date] | None,
        *,
        rate_id: uuid.UUID | None = None,
        rate_ids: Iterable[uuid.UUID] = (),
        business_id: uuid.UUID | None = None,
        property_id: uuid.UUID | None = None,
    ) -> None:
        """`fields` (columns or words) changed on `dates` of the unit type (None: a change
        with no dates); `rate_id` / `rate_ids`: the rates whose values they are."""
        words = field_words(fields)
        if not words:
            return
        touched = self._by_type.get(unit_type_id)
        if touched is None:
            touched = self._by_type[unit_type_id] = _Touched(business_id, property_id)
        touched.business_id = touched.business_id or business_id
        touched.property_id = touched.property_id or property_id
        touched.fields |= words
        if words - AVAILABILITY_FIELDS:
            touched.rate_ids.update(rate_ids)
            if rate_id is not None:
                touched.rate_ids.add(rate_id)
        if dates is None:
            touched.undated = True
            return
        days = list(dates)
        if days:
            low, high = min(days), max(days)
            touched.first = low if touched.first is None else min(touched.first, low)
            touched.last = high if touched.last is None else max(touched.last, high)

    def add_range(
        self,
        unit_type_id: uuid.UUID,
        fields: Iterable[str],
        first: date,
        last: date,
        **ids: Any,
    ) -> None:
        """`add` for the inclusive range first..last."""
        self.add(unit_type_id, fields, (first, last), **ids)

    async def record(self, session: AsyncSession, principal: Principal | None) -> None:
        """The events, one change per unit type, in one INSERT (nothing when nothing
        changed). Unit types added without their business or property are read in one
        query."""
        touched = {k: t for k, t in self._by_type.items() if t.fields}
        if not touched:
            return
        missing = [k for k, t in touched.items() if t.business_id is None or t.property_id is None]
        if missing:
            for row in await session.execute(
                select(UnitType.id, UnitType.business_id, UnitType.property_id).where(
                    UnitType.id.in_(missing)
                )
            ):
                t = touched[row.id]
                t.business_id = t.business_id or row.business_id
                t.property_id = t.property_id or row.property_id
        changes = [_change(k, touched[k]) for k in sorted(touched)]
        await record_many(session, principal, changes)


def _change(unit_type_id: uuid.UUID, t: _Touched) -> Change:
    types = []
    if t.fields - AVAILABILITY_FIELDS:
        types.append(RATES_UPDATED)
    if t.fields & AVAILABILITY_FIELDS:
        types.append(AVAILABILITY_UPDATED)
    dated = not t.undated and t.first is not None and t.last is not None
    payload = {
        "unitTypeId": str(unit_type_id),
        "propertyId": None if t.property_id is None else str(t.property_id),
        "from": t.first.isoformat() if dated and t.first else None,
        "to": t.last.isoformat() if dated and t.last else None,
        "fields": sorted(t.fields),
        "rateIds": sorted(str(r) for r in t.rate_ids),
    }
    return Change("unit_type", unit_type_id, t.business_id, tuple(types), payload)
