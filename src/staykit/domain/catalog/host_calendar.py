"""A listing's month as its host reads it: per night the price a guest pays (the per-date
override, else the seasonal rule, else the base price), the minimum stay in force, and
whether the night is open, closed by the host (stop-sell or a block) or booked. One
calendar query (availability.py) plus one read of the nights' occupancies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog import availability, listings, pricing
from staykit.domain.catalog.models import Occupancy, UnitType

OPEN = "open"
CLOSED = "closed"  # the host closed it: stop-sell on the calendar, or a block on the unit
BOOKED = "booked"


@dataclass(frozen=True, slots=True)
class HostNight:
    night: date
    price: Decimal
    price_overridden: bool
    min_stay: int
    state: str  # OPEN, CLOSED or BOOKED


async def month_nights(
    session: AsyncSession, actor: Principal | None, listing_id: uuid.UUID, first: date, days: int
) -> tuple[UnitType, list[HostNight]]:
    """The listing (one its actor manages: 404/403 otherwise, as every catalog write) and
    its nights [first, first + days)."""
    listing = await listings.managed_listing(session, actor, listing_id)
    rate = await listings.default_rate(session, listing.id)
    rows = await availability.calendar(session, listing.id, first, days, rate_id=rate.id)
    end = first + timedelta(days=days)
    taken = (
        await session.execute(
            select(Occupancy.arrival, Occupancy.departure, Occupancy.kind).where(
                Occupancy.unit_type_id == listing.id,
                Occupancy.active,
                Occupancy.arrival < end,
                Occupancy.departure > first,
            )
        )
    ).all()
    kinds: dict[date, set[str]] = {}
    for arrival, departure, kind in taken:
        night = max(arrival, first)
        while night < min(departure, end):
            kinds.setdefault(night, set()).add(kind)
            night += timedelta(days=1)
    rules = pricing.parse_rules(listing.seasonal_pricing)
    nights = []
    for row in rows:
        on = kinds.get(row.night, set())
        if "reservation" in on and row.sellable == 0:
            state = BOOKED
        elif row.sellable == 0:
            state = CLOSED
        else:
            state = OPEN
        nights.append(
            HostNight(
                night=row.night,
                price=pricing.nightly_price(
                    row.night,
                    base_price=listing.price_per_night,
                    currency=listing.currency,
                    rules=rules,
                    day_price=row.price,
                ),
                price_overridden=row.price is not None,
                min_stay=row.min_stay or listing.min_stay,
                state=state,
            )
        )
    return listing, nights
