"""Listings: creating one makes its Property, UnitType, one Unit and the default rate in
one transaction; updates keep those in step. Visibility and ownership rules live here."""

from __future__ import annotations

import uuid
from datetime import time
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.actor import Actor
from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.auth import policy
from staykit.domain.catalog import tenancy
from staykit.domain.catalog.models import Amenity, Property, Rate, RatePlan, Unit, UnitType
from staykit.domain.catalog.schemas import CreateListing, UpdateListing

DEFAULT_TIME_ZONE = "UTC"


async def check_amenities(session: AsyncSession, ids: list[uuid.UUID] | None) -> None:
    if not ids:
        return
    found = set(
        (
            await session.scalars(select(Amenity.id).where(Amenity.id.in_(ids), Amenity.is_active))
        ).all()
    )
    for index, amenity_id in enumerate(ids):
        if amenity_id not in found:
            raise InvalidInput(
                f"amenityIds[{index}]: no amenity with id {amenity_id}.",
                code="amenityIdsIsInvalid",
                field=f"amenityIds[{index}]",
            )


def check_amounts(currency: str, **amounts: Decimal | None) -> None:
    for field, amount in amounts.items():
        if amount is not None and not money.fits(amount, currency):
            raise InvalidInput(
                f"{field} has more decimals than {currency} allows ({money.exponent(currency)}).",
                code=f"{field}IsInvalid",
                field=field,
            )


def _times(policies: dict[str, Any] | None) -> tuple[time, time]:
    def parse(key: str, default: time) -> time:
        raw = (policies or {}).get(key)
        if raw is None:
            return default
        try:
            return time.fromisoformat(str(raw))
        except ValueError:
            raise InvalidInput(
                f"bookingPolicies.{key} must be a time like 15:00.",
                code="bookingPoliciesIsInvalid",
                field=f"bookingPolicies.{key}",
            ) from None

    return parse("checkInTime", time(15, 0)), parse("checkOutTime", time(11, 0))


async def create_listing(
    session: AsyncSession, actor: Actor | None, data: CreateListing
) -> UnitType:
    me = policy.require_login(actor)
    check_amounts(data.currency, pricePerNight=data.price_per_night, cleaningFee=data.cleaning_fee)
    await check_amenities(session, data.amenity_ids)
    check_in, check_out = _times(data.booking_policies)
    business = await tenancy.ensure_business(session, me)
    prop = Property(
        business_id=business.id,
        name=data.title,
        address=data.address,
        city=data.location.city,
        country=data.location.country.upper() if data.location.country else None,
        latitude=data.location.lat,
        longitude=data.location.lng,
        time_zone=data.time_zone or DEFAULT_TIME_ZONE,
        currency=data.currency,
        check_in_time=check_in,
        check_out_time=check_out,
    )
    prop.owner_id = me.user_id
    session.add(prop)
    await session.flush()
    listing = UnitType(
        business_id=business.id,
        property_id=prop.id,
        host_id=me.user_id,
        title=data.title,
        description=data.description,
        property_type=data.property_type,
        photos=list(data.photos or []),
        main_photo=data.main_photo or (data.photos[0] if data.photos else None),
        amenity_ids=list(data.amenity_ids or []),
        price_per_night=data.price_per_night,
        currency=data.currency,
        min_stay=data.min_stay or 1,
        max_stay=data.max_stay,
        approval_type=data.approval_type,
        booking_policies=data.booking_policies,
        cancellation_policy=_dump(data.cancellation_policy),
        seasonal_pricing=_dump(data.seasonal_pricing),
        languages_supported=list(data.languages_supported or []),
        house_rules=data.house_rules,
        is_published=data.is_published,
        city_tax_percent=data.city_tax_percent or Decimal(0),
        max_guests=data.max_guests or max(2, data.base_occupancy or 2),
        base_occupancy=data.base_occupancy or min(2, data.max_guests or 2),
        cleaning_fee=data.cleaning_fee or Decimal(0),
    )
    listing.owner_id = me.user_id
    session.add(listing)
    await session.flush()
    unit = Unit(
        business_id=business.id, property_id=prop.id, unit_type_id=listing.id, name=data.title
    )
    unit.owner_id = me.user_id
    plan = RatePlan(business_id=business.id, name="Standard")
    plan.owner_id = me.user_id
    session.add_all([unit, plan])
    await session.flush()
    rate = Rate(
        business_id=business.id,
        rate_plan_id=plan.id,
        unit_type_id=listing.id,
        name="Standard",
        slot=1,
        is_default=True,
        base_price=data.price_per_night,
        allow_updates=True,
    )
    rate.owner_id = me.user_id
    session.add(rate)
    await session.flush()
    return listing


def _dump(value: Any) -> dict[str, Any] | None:
    return None if value is None else value.model_dump(mode="json", by_alias=True)


async def get_listing(session: AsyncSession, listing_id: uuid.UUID) -> UnitType:
    listing = await session.get(UnitType, listing_id)
    if listing is None or not listing.is_active:
        raise NotFound(
            f"No listing with id {listing_id}.", code="listingNotFound", field="listingId"
        )
    return listing


async def is_host_or_admin(session: AsyncSession, actor: Actor | None, listing: UnitType) -> bool:
    if actor is None:
        return False
    if actor.is_admin or actor.user_id == listing.host_id:
        return True
    return await tenancy.can_manage(session, actor, listing.business_id)


async def visible_listing(
    session: AsyncSession, actor: Actor | None, listing_id: uuid.UUID
) -> UnitType:
    """Unpublished or deleted listings are invisible (404) to all but their host and admins."""
    listing = await session.get(UnitType, listing_id)
    if listing is None or not listing.is_active:
        raise NotFound(
            f"No listing with id {listing_id}.", code="listingNotFound", field="listingId"
        )
    if not listing.is_published and not await is_host_or_admin(session, actor, listing):
        raise NotFound(
            f"No listing with id {listing_id}.", code="listingNotFound", field="listingId"
        )
    return listing


async def managed_listing(
    session: AsyncSession, actor: Actor | None, listing_id: uuid.UUID
) -> UnitType:
    """A listing the actor may change: its host, its business's owners/managers, or an admin.
    Others get 404 for unpublished listings and 403 for published ones."""
    me = policy.require_login(actor)
    listing = await visible_listing(session, me, listing_id)
    if not await is_host_or_admin(session, me, listing):
        raise Forbidden("Only the listing's host or an admin may change it.", code="notYourListing")
    return listing


async def update_listing(
    session: AsyncSession, actor: Actor | None, listing_id: uuid.UUID, data: UpdateListing
) -> UnitType:
    listing = await managed_listing(session, actor, listing_id)
    values = data.provided()
    currency = values.get("currency") or listing.currency
    check_amounts(currency, pricePerNight=data.price_per_night, cleaningFee=data.cleaning_fee)
    if "amenity_ids" in values:
        await check_amenities(session, data.amenity_ids)
    min_stay = values.get("min_stay", listing.min_stay)
    max_stay = values.get("max_stay", listing.max_stay)
    if max_stay is not None and min_stay is not None and max_stay < min_stay:
        raise InvalidInput(
            "maxStay must not be below minStay.", code="maxStayIsInvalid", field="maxStay"
        )
    guests = values.get("max_guests", listing.max_guests)
    base = values.get("base_occupancy", listing.base_occupancy)
    if base > guests:
        raise InvalidInput(
            "baseOccupancy must not exceed maxGuests.",
            code="baseOccupancyIsInvalid",
            field="baseOccupancy",
        )
    for key in (
        "title",
        "description",
        "property_type",
        "address",
        "price_per_night",
        "location",
        "currency",
    ):
        if key in values and values[key] is None:
            raise InvalidInput(
                f"{key} may be left out but not set to null.", code=f"{key}IsInvalid", field=key
            )
    prop = await session.get(Property, listing.property_id)
    assert prop is not None
    for key, value in values.items():
        if key == "location":
            loc = data.location
            assert loc is not None
            prop.latitude, prop.longitude = loc.lat, loc.lng
            prop.city = loc.city
            prop.country = loc.country.upper() if loc.country else None
        elif key == "address":
            prop.address = value
        elif key == "time_zone":
            prop.time_zone = value or DEFAULT_TIME_ZONE
        elif key == "currency":
            prop.currency = value
            listing.currency = value
        elif key in ("seasonal_pricing", "cancellation_policy"):
            setattr(listing, key, _dump(getattr(data, key)))
        elif key == "booking_policies":
            prop.check_in_time, prop.check_out_time = _times(value)
            listing.booking_policies = value
        elif key in ("photos", "amenity_ids", "languages_supported"):
            setattr(listing, key, list(value or []))
        else:
            setattr(listing, key, value)
    if "price_per_night" in values:
        rate = await default_rate(session, listing.id)
        rate.base_price = values["price_per_night"]
    listing.updated_at = prop.updated_at = utcnow()
    await session.flush()
    return listing


async def delete_listing(
    session: AsyncSession, actor: Actor | None, listing_id: uuid.UUID
) -> UnitType:
    listing = await managed_listing(session, actor, listing_id)
    listing.is_active = False
    listing.is_published = False
    listing.updated_at = utcnow()
    await session.flush()
    return listing


async def default_rate(session: AsyncSession, unit_type_id: uuid.UUID) -> Rate:
    rate = await session.scalar(
        select(Rate).where(Rate.unit_type_id == unit_type_id, Rate.is_default, Rate.is_active)
    )
    if rate is None:
        raise NotFound("The listing has no default rate.", code="rateNotFound", field="listingId")
    return rate


async def unit_count(session: AsyncSession, unit_type_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(Unit)
            .where(Unit.unit_type_id == unit_type_id, Unit.is_active)
        )
        or 0
    )
