"""search_listings: one page of the listings a search finds, and how many it finds, from
one SQL statement (see the package's description)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.domain.access.principal import Principal
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.catalog.search.params import SearchParams, validate
from staykit.domain.catalog.search.query import build_query, page_values, paged_query


@dataclass
class SearchHit:
    """One listing found, with what the search computed for it."""

    listing: UnitType
    property: Property
    distance_km: float | None = None
    nights: int | None = None
    subtotal: Decimal | None = None
    total: Decimal | None = None
    relevance: float | None = None
    average_rating: Decimal = Decimal(0)
    review_count: int = 0


async def search_listings(
    session: AsyncSession, actor: Principal | None, params: SearchParams
) -> tuple[list[SearchHit], int]:
    """One page of listings matching the search and how many match in all.

    One SQL statement: the page with a window count. A second (a plain count) runs only
    when the page is past the last row."""
    validate(params)
    template, values = build_query(actor, params)
    limit = params.max_rows if params.page_number == 0 else params.page_row_count
    offset = 0 if params.page_number == 0 else (params.page_number - 1) * params.page_row_count
    paged = paged_query(template)
    rows = (await session.execute(paged, {**values, **page_values(limit, offset)})).all()
    if not rows:
        if offset == 0:
            return [], 0
        counted = select(func.count()).select_from(template.stmt.subquery())
        return [], int(await session.scalar(counted, values) or 0)
    names = set(template.names)
    hits = []
    for row in rows:
        found = row._mapping
        hit = SearchHit(
            listing=row[0],
            property=row[1],
            average_rating=Decimal(found["average_rating"]),
            review_count=int(found["review_count"]),
        )
        if "earth" in names or "distance_km" in names:
            hit.distance_km = float(found["distance_km"])
        if "relevance" in names:
            hit.relevance = float(found["relevance"])
        if "total" in names:
            currency = hit.listing.currency
            hit.nights = params.nights
            hit.subtotal = money.quantize(Decimal(found["subtotal"]), currency)
            hit.total = money.quantize(Decimal(found["total"]), currency)
        hits.append(hit)
    return hits, int(rows[0][-1])
