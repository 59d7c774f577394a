"""propertyCatalog service: the quote of a stay,
GET /propertycatalog-api/v1/listings/{listingId}/quote?checkIn&checkOut&guestCount.

Public for published listings; unpublished or deleted ones are 404 to all but their host
and admins. The pricing and the rules live in staykit.domain.catalog.quote (docs/quote.md).
"""

# No `from __future__ import annotations` (see resource.py).

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from staykit.api.marketplace.context import Context, limited
from staykit.api.marketplace.envelope import money_json, respond
from staykit.api.marketplace.responses import READ, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.api.ratelimit import RouteClass
from staykit.core.errors import InvalidInput
from staykit.domain.catalog.listings import visible_listing
from staykit.domain.catalog.quote import Quote, check_stay_dates, quote_stay

router = APIRouter()

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MAX_GUEST_COUNT = 100

ListingId = Annotated[uuid.UUID, Path(description="The listing's id")]
StayDate = Annotated[str, Query(pattern=DATE_PATTERN, max_length=10, description="YYYY-MM-DD")]
GuestCount = Annotated[int, Query(ge=1, le=MAX_GUEST_COUNT, description="Guests (adults)")]


def _date(value: str, name: str) -> date:
    # The pattern admits 2026-02-30; the calendar does not.
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"{name} must be a calendar date like 2026-07-01.",
            code=f"{name}IsInvalid",
            field=name,
        ) from None


class NightPrice(BaseModel):
    date: date
    price: float


class Violation(BaseModel):
    """A rule the stay breaks (minStay, closedToArrival, ...), on a date when it has one."""

    rule: str
    date: date | None
    message: str


class StayQuote(BaseModel):
    """The price of a stay, night by night, and every rule it breaks."""

    listingId: uuid.UUID
    checkIn: date
    checkOut: date
    guestCount: int
    currency: str
    nights: list[NightPrice]
    subtotal: float
    extraGuestCharges: float
    cleaningFee: float
    cityTax: float
    total: float
    bookable: bool
    violations: list[Violation]


def quote_json(listing_id: uuid.UUID, quote: Quote) -> dict[str, Any]:
    cur = quote.currency
    return {
        "listingId": str(listing_id),
        "checkIn": quote.arrival.isoformat(),
        "checkOut": quote.departure.isoformat(),
        "guestCount": quote.guests,
        "currency": cur,
        "nights": [
            {"date": night.isoformat(), "price": money_json(price, cur)}
            for night, price in quote.nights
        ],
        "subtotal": money_json(quote.subtotal, cur),
        "extraGuestCharges": money_json(quote.extra_guest_charges, cur),
        "cleaningFee": money_json(quote.cleaning_fee, cur),
        "cityTax": money_json(quote.city_tax, cur),
        "total": money_json(quote.total, cur),
        "bookable": quote.bookable,
        "violations": [
            {"rule": v.rule, "date": v.date.isoformat() if v.date else None, "message": v.message}
            for v in quote.violations
        ],
    }


@router.get(
    "/v1/listings/{listingId}/quote",
    tags=["listings"],
    summary="quoteListing",
    dependencies=[limited(RouteClass.QUOTE)],
    **described(A.OPTIONAL, *READ, 429, model=envelope("quote", StayQuote)),
)
async def quote_listing(
    ctx: Context,
    listingId: ListingId,
    checkIn: StayDate,
    checkOut: StayDate,
    guestCount: GuestCount,
) -> JSONResponse:
    """The price of a stay and every rule it breaks. A stay that breaks rules (past
    arrival, minimum stay, a closed night...) is still 200 with `bookable: false`; only
    malformed input is a 400."""
    arrival, departure = _date(checkIn, "checkIn"), _date(checkOut, "checkOut")
    check_stay_dates(arrival, departure)
    # A public route: a stale or bad token quotes as a guest rather than failing.
    listing = await visible_listing(ctx.session, ctx.actor, listingId)
    quote = await quote_stay(ctx.session, listing, arrival, departure, guestCount)
    return respond(ctx, "quote", quote_json(listing.id, quote), action="get")
