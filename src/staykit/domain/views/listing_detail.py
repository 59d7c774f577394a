"""ListingDetailView: a listing page in one request: the listing, where it is, its host
(with the host's rating), photos, amenities, its rating and the next nights it can be
booked.

Visibility is the catalog's (visible_listings_condition): published listings for everyone,
anonymous callers too; a host's and their business managers' own unpublished ones; all for
admins. Deleted listings are not in the view. The rating is the reviews package's readable
aggregate (published, approved reviews only). Next free nights come from the search
index's sold-out nights, which the catalog's triggers keep in the writing transaction.

A read is one statement: the host's rating is a join, the amenities and the free nights
correlated subqueries (a page's rows only), so a get is one round trip."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Date, and_, cast, func, literal_column, not_, select, text
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.catalog.listings import visible_listings_condition
from staykit.domain.catalog.models import (
    APPROVAL_TYPES,
    PROPERTY_TYPES,
    Amenity,
    Property,
    UnitType,
)
from staykit.domain.catalog.search_index import SearchListing
from staykit.domain.reviews import aggregates
from staykit.domain.reviews.models import ReviewAggregate
from staykit.domain.views.filtering import Kind, ViewField
from staykit.domain.views.index import IndexView

NAME = "ListingDetailView"
FREE_NIGHTS = 5  # the next free nights shown
FREE_HORIZON = 365  # days looked ahead for them

Host = aliased(User, name="listing_host")
# The listing's own aggregate is joined unaliased: the reviews package's readable
# condition is written over ReviewAggregate itself.
Rating = ReviewAggregate
AVERAGE = func.coalesce(Rating.average_rating, 0)
REVIEWS = func.coalesce(Rating.review_count, 0)

F = ViewField
FIELDS = (
    F("id", Kind.ID, "The listing's id.", UnitType.id),
    F("title", Kind.STRING, "Title.", UnitType.title, sortable=True),
    F("description", Kind.STRING, "Description.", UnitType.description),
    F("propertyType", Kind.ENUM, "Kind of home.", UnitType.property_type, PROPERTY_TYPES),
    F(
        "pricePerNight",
        Kind.DECIMAL,
        "Base nightly price.",
        UnitType.price_per_night,
        sortable=True,
    ),
    F("cleaningFee", Kind.DECIMAL, "Cleaning fee per stay.", UnitType.cleaning_fee),
    F("cityTaxPercent", Kind.DECIMAL, "City tax, % of the nights.", UnitType.city_tax_percent),
    F("currency", Kind.STRING, "ISO 4217 currency of the prices.", UnitType.currency),
    F("minStay", Kind.INT, "Fewest nights.", UnitType.min_stay),
    F("maxStay", Kind.INT, "Most nights.", UnitType.max_stay, nullable=True),
    F("maxGuests", Kind.INT, "Most guests.", UnitType.max_guests, sortable=True),
    F("approvalType", Kind.ENUM, "instant or manual.", UnitType.approval_type, APPROVAL_TYPES),
    F("isPublished", Kind.BOOL, "Shown to guests.", UnitType.is_published),
    F("houseRules", Kind.STRING, "House rules.", UnitType.house_rules, nullable=True),
    F("languagesSupported", Kind.OBJECT, "Languages the host speaks (list)."),
    F("cancellationPolicy", Kind.OBJECT, "The cancellation policy.", nullable=True),
    F("mainPhoto", Kind.STRING, "Main photo URL.", UnitType.main_photo, nullable=True),
    F("photos", Kind.OBJECT, "Photo URLs (list)."),
    F("address", Kind.STRING, "Street address.", Property.address),
    F("city", Kind.STRING, "City.", Property.city, nullable=True, sortable=True),
    F("country", Kind.STRING, "ISO country code.", Property.country, nullable=True),
    F("latitude", Kind.DECIMAL, "Latitude.", Property.latitude),
    F("longitude", Kind.DECIMAL, "Longitude.", Property.longitude),
    F("timeZone", Kind.STRING, "IANA time zone of the stay dates.", Property.time_zone),
    F("checkInTime", Kind.STRING, "Check-in from (HH:MM, local)."),
    F("checkOutTime", Kind.STRING, "Check-out until (HH:MM, local)."),
    F("hostId", Kind.ID, "The host's user id.", UnitType.host_id),
    F("host", Kind.OBJECT, "The host: id, fullname, avatar, bio, averageRating, reviewCount."),
    F("amenities", Kind.OBJECT, "Amenities (list of id, name, iconUrl)."),
    F("averageRating", Kind.DECIMAL, "Average rating (0 when none).", AVERAGE, sortable=True),
    F("reviewCount", Kind.INT, "Published reviews.", REVIEWS, sortable=True),
    F("nextFreeNights", Kind.OBJECT, f"The next {FREE_NIGHTS} nights with a free unit (dates)."),
    F("createdAt", Kind.DATETIME, "Listed at.", UnitType.created_at, sortable=True),
    F("updatedAt", Kind.DATETIME, "Last changed at.", UnitType.updated_at, sortable=True),
)


HostRating = aliased(ReviewAggregate, name="host_rating")


def _amenities() -> Any:
    """The listing's active amenities as a JSON list, in the order of its amenity_ids."""
    slot = func.unnest(UnitType.amenity_ids).table_valued("amenity_id", with_ordinality="n")
    slot = slot.render_derived(name="slot", with_types=False)
    record = func.json_build_object(
        "id", Amenity.id, "name", Amenity.name, "iconUrl", Amenity.icon_url
    )
    return (
        select(func.coalesce(func.json_agg(aggregate_order_by(record, slot.c.n)), text("'[]'")))
        .select_from(slot)
        .join(Amenity, and_(Amenity.id == slot.c.amenity_id, Amenity.is_active))
        .scalar_subquery()
    )


def _free_nights(start: date) -> Any:
    """The listing's next FREE_NIGHTS free nights from `start`: nights not in its search
    row's sold-out nights, within FREE_HORIZON days (NULL without a search row)."""
    night = (
        func.generate_series(
            start, start + timedelta(days=FREE_HORIZON), literal_column("interval '1 day'")
        )
        .table_valued("d")
        .render_derived(name="night", with_types=False)
    )
    day = cast(night.c.d, Date)
    nights = (
        select(day)
        .select_from(night)
        .where(not_(SearchListing.sold_out.op("@>", is_comparison=True)(day)))
        .order_by(day)
        .limit(FREE_NIGHTS)
    )
    return (
        select(func.array(nights.scalar_subquery()))
        .where(SearchListing.unit_type_id == UnitType.id)
        .scalar_subquery()
    )


def query(actor: Principal | None) -> Any:  # a Select of the view's entities
    """One statement for a page of listings and everything the records show: the host's
    rating, the amenities and the next free nights are joined or correlated subqueries
    (PostgreSQL evaluates the subqueries after ORDER BY/LIMIT, only for the page's rows)."""
    # Nights are dates in the listing's time zone; "from today" is today in UTC, which
    # at most shows yesterday's night as free for a few hours west of UTC.
    today = utcnow().date()
    return (
        select(
            UnitType,
            Property,
            Host,
            AVERAGE.label("average"),
            REVIEWS.label("reviews"),
            func.coalesce(HostRating.average_rating, 0).label("host_average"),
            func.coalesce(HostRating.review_count, 0).label("host_reviews"),
            _amenities().label("amenity_list"),
            _free_nights(today).label("free_nights"),
        )
        .join(Property, Property.id == UnitType.property_id)
        .join(Host, Host.id == UnitType.host_id)
        .outerjoin(
            Rating,
            and_(
                Rating.reviewee_type == "listing",
                Rating.reviewee_id == UnitType.id,
                aggregates.readable_condition(),
            ),
        )
        .outerjoin(
            HostRating,
            and_(
                HostRating.reviewee_type == "host",
                HostRating.reviewee_id == UnitType.host_id,
                aggregates.readable_condition(HostRating),
            ),
        )
        .where(UnitType.is_active, visible_listings_condition(actor))
    )


def _hhmm(value: Any) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


async def shape(
    session: AsyncSession, _actor: Principal | None, rows: Sequence[Any]
) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        listing, prop, host, average, reviews = row[:5]
        out.append(
            {
                "id": listing.id,
                "title": listing.title,
                "description": listing.description,
                "propertyType": listing.property_type,
                "pricePerNight": listing.price_per_night,
                "cleaningFee": listing.cleaning_fee,
                "cityTaxPercent": listing.city_tax_percent,
                "currency": listing.currency,
                "minStay": listing.min_stay,
                "maxStay": listing.max_stay,
                "maxGuests": listing.max_guests,
                "approvalType": listing.approval_type,
                "isPublished": listing.is_published,
                "houseRules": listing.house_rules,
                "languagesSupported": list(listing.languages_supported or []),
                "cancellationPolicy": listing.cancellation_policy,
                "mainPhoto": listing.main_photo,
                "photos": list(listing.photos or []),
                "address": prop.address,
                "city": prop.city,
                "country": prop.country,
                "latitude": prop.latitude,
                "longitude": prop.longitude,
                "timeZone": prop.time_zone,
                "checkInTime": _hhmm(prop.check_in_time),
                "checkOutTime": _hhmm(prop.check_out_time),
                "hostId": host.id,
                "host": {
                    "id": host.id,
                    "fullname": host.fullname,
                    "avatar": host.avatar,
                    "bio": host.bio,
                    "averageRating": row.host_average,
                    "reviewCount": row.host_reviews,
                },
                "amenities": [
                    {"id": uuid.UUID(a["id"]), "name": a["name"], "iconUrl": a["iconUrl"]}
                    for a in row.amenity_list
                ],
                "averageRating": average,
                "reviewCount": reviews,
                "nextFreeNights": list(row.free_nights or []),
                "createdAt": listing.created_at,
                "updatedAt": listing.updated_at,
            }
        )
    return out


VIEW = IndexView(
    name=NAME,
    description="A listing with its host, photos, amenities, rating and next free nights.",
    fields=FIELDS,
    query=query,
    shape=shape,
    id_column=UnitType.id,
    default_sort="createdAt",
    search=(UnitType.title, UnitType.description, Property.city),
    search_description="q: every word in the title, description or city (any case).",
    login_required=False,
)
