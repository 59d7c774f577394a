"""Listing search under /propertycatalog-api: GET /v1/listings (listListings, spec §4.2)
with the spec's filters plus text, radius, dates, guests, prices, amenities and sorting.

The rules live in staykit.domain.catalog.search and the query string's reading in
catalog_search_params; this route parses the paging, calls them, and shapes each listing
(plus `distanceKm` and the stay's `quote` when asked for)."""

# No `from __future__ import annotations` (see resource.py).

from dataclasses import replace
from datetime import date
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic import Field as Prop

from staykit.api.deps import ReplicaSession
from staykit.api.marketplace.catalog import Listing, feed_urls, listing_joins, listing_json
from staykit.api.marketplace.catalog_search_params import FILTERS, parse_search_params
from staykit.api.marketplace.context import Context, limited
from staykit.api.marketplace.envelope import Paging, money_json, respond
from staykit.api.marketplace.resource import Resource, list_parameters, list_params
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described, envelope
from staykit.api.ratelimit import RouteClass
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import search
from staykit.domain.catalog.models import UnitType
from staykit.domain.records import Records

router = APIRouter()

# Only for the OpenAPI description of the filters (list_parameters reads `filters`).
_DESCRIBED = Resource(
    name="listing",
    plural="listings",
    records=Records(UnitType, "listing"),
    id_param="listingId",
    fields=(),
    filters=FILTERS,
)


def _param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_NUMBER = {"type": "string", "maxLength": 30, "pattern": r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"}
_DATE = {"type": "string", "format": "date"}
SEARCH_PARAMETERS = [
    _param("q", {"type": "string", "maxLength": 200}, "Words, typo-tolerant (title, text, city)."),
    _param("lat", _NUMBER, "Latitude of the search centre (-90..90), with lng."),
    _param("lng", _NUMBER, "Longitude of the search centre (-180..180), with lat."),
    _param("radiusKm", _NUMBER, "Only listings within this distance (0 < r <= 500)."),
    _param("checkIn", _DATE, "Arrival date; with checkOut, only listings bookable then."),
    _param("checkOut", _DATE, "Departure date (after checkIn, at most 365 nights)."),
    _param("guestCount", {"type": "integer", "minimum": 1, "maximum": 1000}, "Guests."),
    _param("minPrice", _NUMBER, "Nightly price, or the stay's quoted total with dates."),
    _param("maxPrice", _NUMBER, "Nightly price, or the stay's quoted total with dates."),
    {
        **_param(
            "amenityIds",
            {"type": "array", "items": {"type": "string", "format": "uuid"}, "maxItems": 50},
            "Listings with ALL of these amenities (repeat or comma-separate).",
        ),
        "style": "form",
        "explode": True,
    },
    _param(
        "sort",
        {"type": "string", "enum": list(search.SORTS)},
        "newest (default), relevance (default with q), price, -price, distance, rating "
        "(best average rating first).",
    ),
]


class HitQuote(BaseModel):
    checkIn: date | None
    checkOut: date | None
    nights: int | None
    subtotal: float | None
    total: float | None
    currency: str


class ListingHit(Listing):
    """A listing found by search; `distanceKm` with lat/lng, `quote` with dates."""

    distanceKm: float | None = Prop(default=None, description="With lat and lng.")
    quote: HitQuote | None = Prop(default=None, description="With checkIn and checkOut.")


def _distance(km: float) -> float:
    return round(km, 3)


@router.get(
    "/v1/listings",
    tags=["listings"],
    summary="listListings",
    name="listListings",
    dependencies=[limited(RouteClass.SEARCH)],
    **described(
        A.OPTIONAL,
        400,
        429,
        model=envelope("listings", ListingHit, "page"),
        parameters=list_parameters(_DESCRIBED) + SEARCH_PARAMETERS,
    ),
)
async def list_listings(ctx: Context, replica: ReplicaSession) -> JSONResponse:
    # The search and the page's joins read the replica when there is one (a listing
    # changed a moment ago may show its old self); the actor was checked on the primary.
    ctx = replace(ctx, session=replica)
    paging = list_params(ctx)
    include_inactive = None
    raw_active = ctx.request.query_params.get("isActive", "")
    if ctx.actor is not None and ctx.actor.is_admin and raw_active:
        # As the resource layer: admins list deleted listings with isActive=false.
        if raw_active.lower() not in ("true", "false"):
            raise InvalidInput(
                "isActive must be true or false.", code="isActiveIsInvalid", field="isActive"
            )
        include_inactive = raw_active.lower() == "true"
    params = parse_search_params(
        list(ctx.request.query_params.multi_items()),
        page_number=paging.page_number,
        page_row_count=paging.page_row_count,
        max_rows=ctx.settings.max_page_rows,
        include_inactive=include_inactive,
    )
    hits, total = await search.search_listings(ctx.session, ctx.actor, params)
    urls = await feed_urls(ctx, (h.listing.id for h in hits))
    shaped = []
    for hit in hits:
        item = listing_json(
            hit.listing,
            hit.property,
            urls.get(hit.listing.id),
            (hit.average_rating, hit.review_count),
        )
        if hit.distance_km is not None:
            item["distanceKm"] = _distance(hit.distance_km)
        if hit.total is not None:
            item["quote"] = {
                "checkIn": params.check_in.isoformat() if params.check_in else None,
                "checkOut": params.check_out.isoformat() if params.check_out else None,
                "nights": hit.nights,
                "subtotal": money_json(hit.subtotal, hit.listing.currency),
                "total": money_json(hit.total, hit.listing.currency),
                "currency": hit.listing.currency,
            }
        shaped.append(item)
    if paging.get_joins and hits:
        # amenities and locales: a fixed number of queries for the whole page
        await listing_joins(ctx, [h.listing for h in hits], shaped)
    page_rows = (
        paging.page_row_count if paging.page_number else min(total, ctx.settings.max_page_rows)
    )
    return respond(
        ctx,
        "listings",
        shaped,
        action="list",
        paging=Paging(paging.page_number, page_rows, total),
    )
