"""The guest's way to a stay: the home page with the search form, the results (`/s`), and
a listing's page (`/rooms/{listingId}`) with its photos, description, amenities, house
rules, cancellation policy, reviews, availability calendar and a live quote.

The search is the catalog's (`search_listings`: typo-tolerant words, dates, guests,
prices, amenities, sorting) and the quote the catalog's (`quote_stay`): the pages only
read the query string into their commands and show the answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession
from staykit.api.ratelimit import RouteClass
from staykit.api.site.common import parse_uuid, signed_in, site_page
from staykit.api.site.errors import not_found
from staykit.api.web.limits import page_limited
from staykit.core.errors import DomainError, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.catalog import amenities, availability
from staykit.domain.catalog.dates import property_today
from staykit.domain.catalog.listings import visible_listing
from staykit.domain.catalog.models import Amenity, Property, UnitType
from staykit.domain.catalog.quote import Quote, check_stay_dates, quote_stay
from staykit.domain.catalog.search import SORTS, SearchParams, search_listings
from staykit.domain.reviews.access import shown_condition
from staykit.domain.reviews.models import Review

search = APIRouter(include_in_schema=False)

PAGE_ROWS = 20
CALENDAR_DAYS = 62
REVIEWS_SHOWN = 10
MAX_GUESTS = 100
SORT_WORDS = {
    "relevance": "Best match",
    "newest": "Newest",
    "price": "Price: low to high",
    "-price": "Price: high to low",
    "rating": "Best rated",
}


@dataclass
class Query:
    """The search form as sent, to fill the form again and to read into a search."""

    where: str = ""
    check_in: str = ""
    check_out: str = ""
    guests: str = ""
    min_price: str = ""
    max_price: str = ""
    amenities: tuple[str, ...] = ()
    sort: str = ""
    page: int = 1

    @classmethod
    def of(cls, request: Request) -> Query:
        q = request.query_params
        try:
            number = max(1, min(int(q.get("page") or 1), 1000))
        except ValueError:
            number = 1
        return cls(
            where=(q.get("where") or "").strip()[:200],
            check_in=q.get("checkIn") or "",
            check_out=q.get("checkOut") or "",
            guests=q.get("guests") or "",
            min_price=q.get("minPrice") or "",
            max_price=q.get("maxPrice") or "",
            amenities=tuple(a for a in q.getlist("amenity") if a)[:50],
            sort=q.get("sort") or "",
            page=number,
        )

    def stay_args(self) -> str:
        """The stay's part of a listing link: the dates and guests searched for."""
        parts = [
            f"{k}={v}"
            for k, v in (
                ("checkIn", self.check_in),
                ("checkOut", self.check_out),
                ("guests", self.guests),
            )
            if v
        ]
        return ("?" + "&".join(parts)) if parts else ""


def _date(value: str, field: str, words: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            f"The {words} must be a date like 2026-07-01.", code=f"{field}IsInvalid", field=field
        ) from None


def _guests(value: str) -> int | None:
    if not value:
        return None
    try:
        guests = int(value)
    except ValueError:
        guests = 0
    if not 1 <= guests <= MAX_GUESTS:
        raise InvalidInput(
            f"Guests must be a whole number from 1 to {MAX_GUESTS}.",
            code="guestsIsInvalid",
            field="guests",
        )
    return guests


def _price(value: str, field: str) -> Decimal | None:
    if not value:
        return None
    try:
        price = Decimal(value)
    except InvalidOperation:
        price = Decimal(-1)
    if not price.is_finite() or price < 0 or price > Decimal("1000000000"):
        raise InvalidInput(
            "A price must be a number of at least 0.", code=f"{field}IsInvalid", field=field
        )
    return price


def params_of(query: Query) -> SearchParams:
    """The search the form asks for; InvalidInput naming the form's field when it is bad."""
    ids: list[uuid.UUID] = []
    for raw in query.amenities:
        found = parse_uuid(raw)
        if found is None:
            raise InvalidInput(
                "Pick amenities from the list.", code="amenityIsInvalid", field="amenity"
            )
        ids.append(found)
    if query.sort and query.sort not in SORTS:
        raise InvalidInput("Pick a sort order from the list.", code="sortIsInvalid", field="sort")
    return SearchParams(
        q=query.where or None,
        check_in=_date(query.check_in, "checkIn", "check-in date"),
        check_out=_date(query.check_out, "checkOut", "check-out date"),
        guest_count=_guests(query.guests),
        min_price=_price(query.min_price, "minPrice"),
        max_price=_price(query.max_price, "maxPrice"),
        amenity_ids=tuple(ids),
        sort=query.sort or None,
        page_number=query.page,
        page_row_count=PAGE_ROWS,
    )


async def amenity_choices(session: AsyncSession) -> list[Amenity]:
    return list(
        await session.scalars(select(Amenity).where(Amenity.is_active).order_by(Amenity.name))
    )


def photo_of(listing: UnitType) -> str | None:
    return listing.main_photo or (listing.photos[0] if listing.photos else None)


@search.get("/", response_class=HTMLResponse)
async def home(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    return site_page(
        request,
        person,
        "site_home.html",
        query=Query(),
        amenities=await amenity_choices(session),
        sorts=SORT_WORDS,
    )


@search.get("/s", response_class=HTMLResponse, dependencies=[page_limited(RouteClass.SEARCH)])
async def results(request: Request, session: DbSession) -> Response:
    person = await signed_in(request, session)
    query = Query.of(request)
    choices = await amenity_choices(session)
    try:
        params = params_of(query)
        hits, total = await search_listings(session, person, params)
    except InvalidInput as exc:
        return site_page(
            request,
            person,
            "site_results.html",
            400,
            query=query,
            amenities=choices,
            sorts=SORT_WORDS,
            error=exc.message,
            error_field=exc.field,
            hits=[],
            total=0,
            pages=0,
        )
    return site_page(
        request,
        person,
        "site_results.html",
        query=query,
        amenities=choices,
        sorts=SORT_WORDS,
        error=None,
        error_field=None,
        hits=hits,
        total=total,
        pages=(total + PAGE_ROWS - 1) // PAGE_ROWS,
        photo_of=photo_of,
        request_args=lambda number: urlencode(
            [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
            + [("page", str(number))]
        ),
    )


# --- a listing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month:
    title: str
    lead: int  # empty cells before the first day (weeks start on Monday)
    days: list[availability.CalendarDay]


def months_of(days: list[availability.CalendarDay]) -> list[Month]:
    out: list[Month] = []
    for day in days:
        if not out or out[-1].days[0].night.month != day.night.month:
            out.append(Month(day.night.strftime("%B %Y"), day.night.weekday(), []))
        out[-1].days.append(day)
    return out


def policy_words(policy: dict[str, Any] | None) -> list[str]:
    """A cancellation policy's tiers as sentences, the longest notice first."""
    tiers = (policy or {}).get("tiers") if isinstance(policy, dict) else None
    if not tiers:
        return ["Free cancellation: a cancelled booking is refunded in full."]
    lines = []
    for tier in sorted(
        (t for t in tiers if isinstance(t, dict)),
        key=lambda t: -int(t.get("daysBeforeArrival", 0) or 0),
    ):
        days, percent = tier.get("daysBeforeArrival"), tier.get("refundPercent")
        lines.append(f"Cancel at least {days} days before check-in: {percent}% refunded.")
    lines.append("Cancel later than that: no refund.")
    return lines


async def listing_reviews(
    session: AsyncSession, listing_id: uuid.UUID
) -> tuple[list[tuple[Review, str]], Decimal | None, int]:
    """The guests' published reviews of the listing (newest first), its average rating
    and how many there are: the reviews everyone may read (reviews.access)."""
    shown = (
        shown_condition() & (Review.listing_id == listing_id) & (Review.reviewer_role == "guest")
    )
    avg, count = (
        await session.execute(select(func.avg(Review.rating), func.count()).where(shown))
    ).one()
    rows = await session.execute(
        select(Review, User.fullname)
        .join(User, User.id == Review.reviewer_id)
        .where(shown)
        .order_by(Review.submitted_at.desc())
        .limit(REVIEWS_SHOWN)
    )
    return [(r, (name or "A guest").split(" ")[0]) for r, name in rows], avg, int(count or 0)


async def stay_quote(
    session: AsyncSession, listing: UnitType, request: Request
) -> tuple[Quote | None, str | None, dict[str, str]]:
    """The quote for the dates and guests in the query string, or why there is none."""
    q = request.query_params
    asked = {k: q.get(k) or "" for k in ("checkIn", "checkOut", "guests")}
    if not asked["checkIn"] and not asked["checkOut"]:
        return None, None, asked
    try:
        arrival = _date(asked["checkIn"], "checkIn", "check-in date")
        departure = _date(asked["checkOut"], "checkOut", "check-out date")
        if arrival is None or departure is None:
            raise InvalidInput("Choose both a check-in and a check-out date.", field="checkIn")
        check_stay_dates(arrival, departure)
        guests = _guests(asked["guests"]) or 1
        return await quote_stay(session, listing, arrival, departure, guests), None, asked
    except DomainError as exc:
        return None, exc.message, asked


async def listing_context(
    session: AsyncSession, person: Principal | None, listing_id: uuid.UUID
) -> dict[str, Any] | None:
    """What the listing and booking pages show of a listing; None when it is not one the
    person may see (the catalog's rule)."""
    try:
        listing = await visible_listing(session, person, listing_id)
    except NotFound:
        return None
    prop = await session.get(Property, listing.property_id)
    assert prop is not None  # a foreign key
    host = await session.get(User, listing.host_id)
    found = await amenities.by_ids(session, listing.amenity_ids)
    return {
        "listing": listing,
        "property": prop,
        "host_name": (host.fullname if host is not None else None) or "your host",
        "amenity_names": sorted(a.name for a in found.values()),
        "policy": policy_words(listing.cancellation_policy),
        "photos": ([listing.main_photo] if listing.main_photo else [])
        + [p for p in listing.photos if p != listing.main_photo],
    }


def _room_class(request: Request) -> RouteClass:
    """A listing page with stay dates prices the stay: it counts as a quote."""
    q = request.query_params
    return RouteClass.QUOTE if q.get("checkIn") or q.get("checkOut") else RouteClass.LISTING


@search.get(
    "/rooms/{listing_id}", response_class=HTMLResponse, dependencies=[page_limited(_room_class)]
)
async def room(request: Request, session: DbSession, listing_id: str) -> Response:
    person = await signed_in(request, session)
    found = parse_uuid(listing_id)
    context = None if found is None else await listing_context(session, person, found)
    if context is None:
        return not_found(request, person)
    listing: UnitType = context["listing"]
    today = property_today(context["property"].time_zone)
    days = await availability.calendar(session, listing.id, today, CALENDAR_DAYS)
    reviews, rating, review_count = await listing_reviews(session, listing.id)
    quote, quote_error, asked = await stay_quote(session, listing, request)
    return site_page(
        request,
        person,
        "site_room.html",
        **context,
        months=months_of(days),
        reviews=reviews,
        rating=rating,
        review_count=review_count,
        quote=quote,
        quote_error=quote_error,
        asked=asked,
        today=today,
        tomorrow=today + timedelta(days=1),
    )
