"""The search index: one row per unit type with what listing search reads of it, kept exact
by PostgreSQL triggers (migration 0004), so that no writer has to know about it.

A row holds the listing's filter and price columns, its property's earth point and time
zone, its default rate, and `sold_out`: the nights (a datemultirange) on which no unit of
the type can be sold, by the rules of availability.py (no active unit free, stop-sell, or an
availability cap of 0). Search reads this one compact row per candidate instead of the unit
type, its property, its rate, its units and their occupancies, and tests the stay's nights
against `sold_out` with one range operator.

How it stays exact:
- every source row change (unit types, properties, rates, units, occupancies, inventory
  days) runs `search_refresh(unit_type, listing?, nights)`, which recomputes FROM THE
  SOURCE ROWS what that change can affect: the listing columns (view
  `search_listing_source`) and/or the sold-out nights of the change's own dates (function
  `search_sold_out_nights`), never counts up and down;
- before recomputing it takes the row's lock, so two writers of one unit type go one after
  the other; each PL/pgSQL statement takes a new snapshot (READ COMMITTED), so the second
  recomputes with what the first committed (REPEATABLE READ writers get a serialization
  failure and retry instead);
- triggers are immediate: a search later in the same transaction sees its own changes.
TRUNCATE fires no row trigger: truncate unit_types (which cascades here) or rebuild.

`stale_rows` recomputes every row from its sources and lists the ones that differ (for
tests and for checking a database by hand); `rebuild` rewrites them all.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Index, Numeric, SmallInteger, String, select, text, update
from sqlalchemy.dialects.postgresql import DATEMULTIRANGE, JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import UserDefinedType

from staykit.core.models import Base

Money = Numeric(14, 3)


class Earth(UserDefinedType[Any]):
    """earthdistance's `earth` (a point cube): what ll_to_earth(latitude, longitude) gives."""

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "earth"


class SearchListing(Base):
    """A unit type as search sees it. Written only by the database's triggers."""

    __tablename__ = "search_listings"
    __table_args__ = (Index("ix_search_listings_earth", "earth", postgresql_using="gist"),)

    unit_type_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("unit_types.id", ondelete="CASCADE"), primary_key=True
    )
    business_id: Mapped[uuid.UUID | None]
    host_id: Mapped[uuid.UUID | None]
    earth: Mapped[Any] = mapped_column(Earth(), nullable=True)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    is_active: Mapped[bool | None]
    is_published: Mapped[bool | None]
    max_guests: Mapped[int | None] = mapped_column(SmallInteger)
    base_occupancy: Mapped[int | None] = mapped_column(SmallInteger)
    min_stay: Mapped[int | None]
    max_stay: Mapped[int | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    price_per_night: Mapped[Decimal | None] = mapped_column(Money)
    cleaning_fee: Mapped[Decimal | None] = mapped_column(Money)
    city_tax_percent: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))
    seasonal_pricing: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    created_at: Mapped[datetime | None]
    rate_id: Mapped[uuid.UUID | None]
    base_price: Mapped[Decimal | None] = mapped_column(Money)
    extra_guest_charges: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    # Nights with no sellable unit. Never NULL: '{}' when every night can be sold.
    sold_out: Mapped[Any] = mapped_column(DATEMULTIRANGE, server_default=text("'{}'"))
    # The listing's rating (published, approved reviews): written by the reviews domain
    # (set_rating) in the transaction of each publish, moderation and delete, not by the
    # triggers, which never touch these two columns.
    average_rating: Mapped[Decimal] = mapped_column(Numeric(3, 2), server_default=text("0"))
    review_count: Mapped[int] = mapped_column(server_default=text("0"))


# Every row recomputed from its sources, compared with the stored one (columns in order).
_STALE_SQL = text(
    """
    WITH fresh AS (
        SELECT v.*, search_sold_out_nights(v.unit_type_id, '(,)') AS sold_out
        FROM search_listing_source v
    )
    SELECT coalesce(s.unit_type_id, f.unit_type_id) AS unit_type_id
    FROM search_listings s
    FULL JOIN fresh f ON f.unit_type_id = s.unit_type_id
    WHERE (s.unit_type_id, s.business_id, s.host_id, s.earth, s.time_zone,
           s.is_active, s.is_published, s.max_guests, s.base_occupancy, s.min_stay,
           s.max_stay, s.currency, s.price_per_night, s.cleaning_fee, s.city_tax_percent,
           s.seasonal_pricing, s.created_at, s.rate_id, s.base_price,
           s.extra_guest_charges, s.sold_out)
          IS DISTINCT FROM
          (f.unit_type_id, f.business_id, f.host_id, f.earth, f.time_zone,
           f.is_active, f.is_published, f.max_guests, f.base_occupancy, f.min_stay,
           f.max_stay, f.currency, f.price_per_night, f.cleaning_fee, f.city_tax_percent,
           f.seasonal_pricing, f.created_at, f.rate_id, f.base_price,
           f.extra_guest_charges, f.sold_out)
    ORDER BY 1
    """
)

_REBUILD_SQL = text(
    "SELECT count(*) FROM unit_types t, LATERAL search_refresh(t.id, true, '(,)') AS done"
)


async def set_rating(
    session: AsyncSession, unit_type_id: uuid.UUID, average: Decimal, count: int
) -> None:
    """Store a listing's rating on its search row (the reviews domain's recount)."""
    await session.execute(
        update(SearchListing)
        .where(SearchListing.unit_type_id == unit_type_id)
        .values(average_rating=average, review_count=count)
    )


async def ratings(
    session: AsyncSession, unit_type_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[Decimal, int]]:
    """{listing id: (average rating, review count)} of the listings, in one query."""
    ids = list(set(unit_type_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(
            SearchListing.unit_type_id, SearchListing.average_rating, SearchListing.review_count
        ).where(SearchListing.unit_type_id.in_(ids))
    )
    return {uid: (avg, count) for uid, avg, count in rows}


async def stale_rows(session: AsyncSession) -> list[uuid.UUID]:
    """Unit types whose search row differs from what its sources say now (or is missing,
    or has no unit type left). Empty when the index is exact. Reads every row: for tests
    and checks, not for requests."""
    return list((await session.scalars(_STALE_SQL)).all())


async def rebuild(session: AsyncSession) -> int:
    """Recompute every unit type's row from its sources (after a TRUNCATE of a source
    table, or a bulk load with triggers disabled). Returns the number of unit types."""
    return int(await session.scalar(_REBUILD_SQL) or 0)
