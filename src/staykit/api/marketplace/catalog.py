"""The propertyCatalog service under /propertycatalog-api (spec §4): listings, listing
calendars, locale texts and the amenity dictionary. Search (GET /v1/listings) and quotes
live in catalog_search.py and catalog_quote.py; both shape listings with `listing_json`
and `listing_joins` from here. Routes parse, call one domain function, and shape."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from pydantic import Field as Prop

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.catalog_schemas import (
    BulkCalendar,
    CreateListing,
    CreateListingAmenity,
    CreateListingCalendar,
    CreateListingLocaleText,
    UpdateListing,
    UpdateListingAmenity,
    UpdateListingCalendar,
    UpdateListingLocaleText,
)
from staykit.api.marketplace.context import Context, Ctx, limited
from staykit.api.marketplace.envelope import (
    RECORD_FIELDS,
    Field,
    jsonable,
    money_json,
    number,
    numbers_in,
    respond,
)
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import (
    Resource,
    columns_filters,
    get_joins,
    mount,
    read_parameters,
)
from staykit.api.marketplace.responses import (
    DELETE,
    READ,
    WRITE,
    Record,
    described,
    envelope,
)
from staykit.api.marketplace.responses import Access as A
from staykit.api.ratelimit import RouteClass
from staykit.domain.booking import repository, statuses
from staykit.domain.catalog import (
    amenities,
    calendar,
    calendar_bulk,
    listings,
    locales,
    search_index,
)
from staykit.domain.catalog.models import (
    APPROVAL_TYPES,
    PROPERTY_TYPES,
    Amenity,
    InventoryDay,
    ListingLocaleText,
    Property,
    UnitType,
)
from staykit.domain.ical import export

router = APIRouter()
ListingId = Annotated[uuid.UUID, Path(description="The listing's id")]

# --- listings -------------------------------------------------------------------------------


class Location(BaseModel):
    lat: float
    lng: float
    city: str | None
    country: str | None


class ListingAmenityJoin(BaseModel):
    id: uuid.UUID
    iconUrl: str | None
    name: str


class ListingLocaleJoin(BaseModel):
    languageCode: str
    localizedTitle: str
    localizedDescription: str


class ListingReservationJoin(BaseModel):
    id: uuid.UUID
    checkIn: date
    checkOut: date
    bookingStatus: str
    guestCount: int
    guestId: uuid.UUID | None


_JOINED = "With getJoins=true (default)."


class Listing(Record):
    """A Listing (spec §4.1) as `listing_json` writes it, with its joins."""

    title: str
    amenityIds: list[uuid.UUID]
    hostId: uuid.UUID
    mainPhoto: str | None
    photos: list[str]
    address: str
    pricePerNight: float
    description: str
    propertyType: str
    propertyType_idx: int | None
    location: Location
    maxStay: int | None
    minStay: int
    currency: str
    seasonalPricing: Any
    approvalType: str
    approvalType_idx: int | None
    bookingPolicies: Any
    cancellationPolicy: Any
    languagesSupported: list[str]
    houseRules: str | None
    isPublished: bool
    cityTaxPercent: float
    timeZone: str
    maxGuests: int
    baseOccupancy: int
    cleaningFee: float
    iCalExportUrl: str | None = Prop(
        default=None,
        description="The listing's iCal feed (every occupied night), for its host, its "
        "business's owners and managers and admins; null for everyone else.",
    )
    averageRating: float = Prop(
        description="The average of its published, approved reviews' ratings (0 without any)."
    )
    reviewCount: int = Prop(description="How many published, approved reviews it has.")
    amenities: list[ListingAmenityJoin] | None = Prop(default=None, description=_JOINED)
    locales: list[ListingLocaleJoin] | None = Prop(default=None, description=_JOINED)
    rezervations: list[ListingReservationJoin] | None = Prop(
        default=None, description="getListing with getJoins=true: current and upcoming stays."
    )


LISTING = envelope("listing", Listing)


def listing_json(
    listing: UnitType,
    prop: Property,
    ical_export_url: str | None = None,
    rating: tuple[Decimal, int] = (Decimal(0), 0),
) -> dict[str, Any]:
    """A Listing (spec §4.1) with staykit's additions, without joins: the one place the
    marketplace shapes a listing (get, create, update, delete, search). `ical_export_url`
    is given only to those who manage the listing (`feed_urls`); `rating` is its average
    rating and review count (published, approved reviews)."""
    currency = listing.currency
    out: dict[str, Any] = {
        "id": str(listing.id),
        "title": listing.title,
        "amenityIds": [str(a) for a in listing.amenity_ids or []],
        "hostId": str(listing.host_id),
        "mainPhoto": listing.main_photo,
        "photos": list(listing.photos or []),
        "address": prop.address,
        "pricePerNight": money_json(listing.price_per_night, currency),
        "description": listing.description,
        "propertyType": listing.property_type,
        "propertyType_idx": _index(PROPERTY_TYPES, listing.property_type),
        "location": {
            "lat": prop.latitude,
            "lng": prop.longitude,
            "city": prop.city,
            "country": prop.country,
        },
        "maxStay": listing.max_stay,
        "minStay": listing.min_stay,
        "currency": currency,
        "seasonalPricing": numbers_in(
            listing.seasonal_pricing, ("pricePerNight", "adjustmentPercent")
        ),
        "approvalType": listing.approval_type,
        "approvalType_idx": _index(APPROVAL_TYPES, listing.approval_type),
        "bookingPolicies": listing.booking_policies,
        "cancellationPolicy": numbers_in(listing.cancellation_policy, ("refundPercent",)),
        "languagesSupported": list(listing.languages_supported or []),
        "houseRules": listing.house_rules,
        "isPublished": listing.is_published,
        "cityTaxPercent": number(listing.city_tax_percent),
        # staykit additions a PMS (and the quote) needs
        "timeZone": prop.time_zone,
        "maxGuests": listing.max_guests,
        "baseOccupancy": listing.base_occupancy,
        "cleaningFee": money_json(listing.cleaning_fee, currency),
        "iCalExportUrl": ical_export_url,
        "averageRating": number(rating[0]),
        "reviewCount": rating[1],
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(listing, f.attr))
    return out


async def feed_urls(ctx: Ctx, listing_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The iCal feed URL of each listing the caller manages (one query for a page)."""
    return await export.listing_feed_urls(
        ctx.session, ctx.actor, set(listing_ids), ctx.settings.public_base_url
    )


def _index(values: tuple[str, ...], value: str) -> int | None:
    return values.index(value) if value in values else None


async def listing_joins(ctx: Ctx, rows: list[UnitType], shaped: list[dict[str, Any]]) -> None:
    """Add the joins of spec §4.2 to shaped listings, in two queries for any number:
    `amenities` [{id, iconUrl, name}] in amenityIds order (deleted amenities left out) and
    `locales` [{languageCode, localizedTitle, localizedDescription}]. Reviews and
    reservations join here once those services exist."""
    found = await amenities.by_ids(ctx.session, (a for r in rows for a in r.amenity_ids or []))
    texts = await locales.for_listings(ctx.session, (r.id for r in rows))
    for row, out in zip(rows, shaped, strict=True):
        out["amenities"] = [
            {"id": str(a.id), "iconUrl": a.icon_url, "name": a.name}
            for a in (found.get(i) for i in row.amenity_ids or [])
            if a is not None
        ]
        out["locales"] = [
            {
                "languageCode": t.language_code,
                "localizedTitle": t.localized_title,
                "localizedDescription": t.localized_description,
            }
            for t in texts.get(row.id, [])
        ]


async def _listing(ctx: Ctx, listing: UnitType) -> dict[str, Any]:
    prop = await ctx.session.get(Property, listing.property_id)
    assert prop is not None  # a listing is created with its property
    urls = await feed_urls(ctx, [listing.id])
    rating = (await search_index.ratings(ctx.session, [listing.id])).get(listing.id)
    return listing_json(listing, prop, urls.get(listing.id), rating or (Decimal(0), 0))


@router.post(
    "/v1/listings",
    tags=["listings"],
    summary="createListing",
    status_code=201,
    **described(A.LOGIN, 400, 404, 409, 413, model=LISTING),
)
async def create_listing(ctx: Context, body: CreateListing) -> JSONResponse:
    """Create a listing; the host is the caller. Its property, one unit and the default
    rate are created with it."""
    listing = await listings.create_listing(ctx.session, ctx.user(), body.to_command())
    return respond(ctx, "listing", await _listing(ctx, listing), action="create")


@router.get(
    "/v1/listings/{listingId}",
    tags=["listings"],
    summary="getListing",
    dependencies=[limited(RouteClass.LISTING)],
    **described(A.OPTIONAL, *READ, 429, model=LISTING, parameters=read_parameters()),
)
async def get_listing(ctx: Context, listingId: ListingId) -> JSONResponse:
    """Public for published listings; unpublished or deleted ones only for their host and
    admins. Joins amenities, locales and `rezervations` (the spec's spelling: the
    listing's current and upcoming reservations the caller may see; none for anonymous
    callers) unless getJoins=false."""
    joins = get_joins(ctx)
    listing = await listings.visible_listing(
        ctx.session, ctx.actor, listingId, include_deleted=True
    )
    shaped = await _listing(ctx, listing)
    if joins:
        await listing_joins(ctx, [listing], [shaped])
        shaped["rezervations"] = [
            {
                "id": str(r.id),
                "checkIn": r.arrival.isoformat(),
                "checkOut": r.departure.isoformat(),
                "bookingStatus": statuses.MARKETPLACE[r.status],
                "guestCount": r.adults + r.children,
                "guestId": None if r.guest_id is None else str(r.guest_id),
            }
            for r in await repository.upcoming_for_listing(ctx.session, ctx.actor, listing.id)
        ]
    return respond(ctx, "listing", shaped, action="get")


@router.patch(
    "/v1/listings/{listingId}",
    tags=["listings"],
    summary="updateListing",
    **described(A.LOGIN, *WRITE, model=LISTING),
)
async def update_listing(ctx: Context, listingId: ListingId, body: UpdateListing) -> JSONResponse:
    command = body.to_command()
    listing = await listings.update_listing(ctx.session, ctx.user(), listingId, command)
    return respond(ctx, "listing", await _listing(ctx, listing), action="update")


@router.delete(
    "/v1/listings/{listingId}",
    tags=["listings"],
    summary="deleteListing",
    **described(A.LOGIN, *DELETE, model=LISTING),
)
async def delete_listing(ctx: Context, listingId: ListingId) -> JSONResponse:
    listing = await listings.delete_listing(ctx.session, ctx.user(), ctx.settings, listingId)
    return respond(ctx, "listing", await _listing(ctx, listing), action="delete")


# --- listing calendars ---------------------------------------------------------------------


class ListingCalendar(Record):
    """A listing calendar entry (spec §4.1): one date of a listing."""

    priceOverride: float | None
    date: date
    minStay: int | None
    listingId: uuid.UUID
    bookedBy: uuid.UUID | None
    iCalUrl: str | None
    externalCalendarIds: str | None
    isAvailable: bool


CALENDAR = envelope("listingCalendar", ListingCalendar)


def calendar_json(entry: calendar.RatedDay) -> dict[str, Any]:
    """A ListingCalendar (spec §4.1). bookedBy, iCalUrl and externalCalendarIds are the
    owner's bookkeeping: null unless the caller manages the listing (or is an admin)."""
    day = entry.day
    mine = entry.managed
    out: dict[str, Any] = {
        "id": str(day.id),
        "priceOverride": money_json(entry.price, entry.currency),
        "date": day.date.isoformat(),
        "minStay": entry.min_stay,
        "listingId": str(day.unit_type_id),
        "bookedBy": jsonable(day.booked_by) if mine else None,
        "iCalUrl": day.ical_url if mine else None,
        "externalCalendarIds": day.external_calendar_ids if mine else None,
        "isAvailable": not day.stop_sell,
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(day, f.attr))
    return out


async def _calendar_rows(ctx: Ctx, days: list[InventoryDay]) -> list[dict[str, Any]]:
    """priceOverride and minStay are read back from the default rate's calendar."""
    return [calendar_json(e) for e in await calendar.rated_days(ctx.session, ctx.actor, days)]


# Entries of the listings the caller may see, listed by date.
calendar_resource = Resource(
    name="listingCalendar",
    plural="listingCalendars",
    records=calendar.CALENDAR,
    id_param="listingCalendarId",
    filters={
        "date": flt.FilterSpec("date", InventoryDay.date, Kind.DATE),
        "listingId": flt.FilterSpec("listingId", InventoryDay.unit_type_id, Kind.ID),
    },
    create_schema=CreateListingCalendar,
    update_schema=UpdateListingCalendar,
    shape_rows=_calendar_rows,
)
mount(router, calendar_resource, "/v1/listingcalendars", record=ListingCalendar)


@router.put(
    "/v1/listings/{listingId}/calendar",
    tags=["listingCalendars"],
    summary="setListingCalendarRanges",
    **described(A.LOGIN, *WRITE, model=envelope("listingCalendars", ListingCalendar, "many")),
)
async def set_listing_calendar_ranges(
    ctx: Context, listingId: ListingId, body: BulkCalendar
) -> JSONResponse:
    """staykit addition: set priceOverride, minStay and isAvailable over date ranges in one
    all-or-nothing request (at most 100 ranges of up to 366 dates, 732 dates in all). Later
    ranges win where they overlap; every date written gets its calendar entry, returned by
    date."""
    written = await calendar_bulk.apply_ranges(
        ctx.session, ctx.user(), listingId, body.to_command()
    )
    return respond(ctx, "listingCalendars", [calendar_json(e) for e in written], action="update")


# --- locale texts ----------------------------------------------------------------------------

LOCALE_FIELDS = (
    Field("localizedDescription", "localized_description"),
    Field("localizedTitle", "localized_title"),
    Field("listingId", "listing_id"),
    Field("languageCode", "language_code"),
)

locale_texts_resource = Resource(
    name="listingLocaleText",
    plural="listingLocaleTexts",
    records=locales.TEXTS,
    id_param="listingLocaleTextId",
    fields=LOCALE_FIELDS,
    filters=columns_filters(
        ListingLocaleText,
        {"listingId": ("listing_id", Kind.ID), "languageCode": ("language_code", Kind.STRING)},
    ),
    create_schema=CreateListingLocaleText,
    update_schema=UpdateListingLocaleText,
)
mount(router, locale_texts_resource, "/v1/listinglocaletexts")


# --- amenities ---------------------------------------------------------------------------------

# Reads are public: hosts pick from the dictionary and guests filter by it; admins write.
amenities_resource = Resource(
    name="listingAmenity",
    plural="listingAmenities",
    records=amenities.AMENITIES,
    id_param="listingAmenityId",
    fields=(Field("iconUrl", "icon_url"), Field("name", "name")),
    filters=columns_filters(Amenity, {"name": ("name", Kind.STRING)}),
    create_schema=CreateListingAmenity,
    update_schema=UpdateListingAmenity,
)
mount(router, amenities_resource, "/v1/listingamenities")


__all__ = ["feed_urls", "listing_joins", "listing_json", "router"]
