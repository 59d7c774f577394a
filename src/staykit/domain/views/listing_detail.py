"""ListingDetailView: a listing page in one request: the listing, where it is, its host
(with the host's rating), photos, amenities, its rating and the next nights it can be
booked.

Visibility is the catalog's (visible_listings_condition): published listings for everyone,
anonymous callers too; a host's and their business managers' own unpublished ones; all for
admins. Deleted listings are not in the view. The rating is the reviews package's readable
aggregate (published, approved reviews only). Next free nights come from the search
index's sold-out nights, which the catalog's triggers keep in the writing transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.catalog import amenities
from staykit.domain.catalog.listings import visible_listings_condition
from staykit.domain.catalog.models import APPROVAL_TYPES, PROPERTY_TYPES, Property, UnitType
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


def query(actor: Principal | None) -> Any:  # a Select of the view's entities
    return (
        select(UnitType, Property, Host, AVERAGE.label("average"), REVIEWS.label("reviews"))
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
        .where(UnitType.is_active, visible_listings_condition(actor))
    )


async def _host_ratings(
    session: AsyncSession, host_ids: set[uuid.UUID]
) -> dict[uuid.UUID, tuple[Any, int]]:
    if not host_ids:
        return {}
    rows = await session.execute(
        select(
            ReviewAggregate.reviewee_id,
            ReviewAggregate.average_rating,
            ReviewAggregate.review_count,
        ).where(
            ReviewAggregate.reviewee_type == "host",
            ReviewAggregate.reviewee_id.in_(host_ids),
            aggregates.readable_condition(),
        )
    )
    return {rid: (avg, count) for rid, avg, count in rows}


_FREE_SQL = text(
    """
    SELECT s.unit_type_id,
           ARRAY(SELECT d::date
                 FROM generate_series(CAST(:start AS date), CAST(:start AS date) + :days, '1 day') d
                 WHERE NOT (s.sold_out @> d::date)
                 ORDER BY d
                 LIMIT :n) AS nights
    FROM search_listings s
    WHERE s.unit_type_id = ANY(:ids)
    """
)


async def free_nights(
    session: AsyncSession, ids: Sequence[uuid.UUID], start: date
) -> dict[uuid.UUID, list[date]]:
    """{listing id: its next free nights from `start`}, in one query."""
    if not ids:
        return {}
    rows = await session.execute(
        _FREE_SQL, {"start": start, "days": FREE_HORIZON, "n": FREE_NIGHTS, "ids": list(ids)}
    )
    return {uid: list(nights) for uid, nights in rows}


def _hhmm(value: Any) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


async def shape(
    session: AsyncSession, _actor: Principal | None, rows: Sequence[Any]
) -> list[dict[str, Any]]:
    listings = [row[0] for row in rows]
    amenity_ids = {a for listing in listings for a in listing.amenity_ids}
    found = await amenities.by_ids(session, amenity_ids)
    hosts = await _host_ratings(session, {listing.host_id for listing in listings})
    # Nights are dates in the listing's time zone; "from today" is today in UTC, which
    # at most shows yesterday's night as free for a few hours west of UTC.
    nights = await free_nights(session, [x.id for x in listings], utcnow().date())
    out = []
    for listing, prop, host, average, reviews in rows:
        host_avg, host_count = hosts.get(host.id, (0, 0))
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
                    "averageRating": host_avg,
                    "reviewCount": host_count,
                },
                "amenities": [
                    {"id": a.id, "name": a.name, "iconUrl": a.icon_url}
                    for a in (found.get(i) for i in listing.amenity_ids)
                    if a is not None
                ],
                "averageRating": average,
                "reviewCount": reviews,
                "nextFreeNights": nights.get(listing.id, []),
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
