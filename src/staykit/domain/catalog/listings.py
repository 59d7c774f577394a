"""Listings: creating one makes its Property, UnitType, one Unit and the default rate in
one transaction; updates keep those in step. Visibility and ownership rules live here."""

from __future__ import annotations

import uuid
from datetime import time
from decimal import Decimal
from typing import Any

from pydantic.alias_generators import to_camel, to_snake
from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Forbidden, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog import photos
from staykit.domain.catalog.commands import ListingChanges, Location, NewListing
from staykit.domain.catalog.errors import ListingNotFound, RateNotFound
from staykit.domain.catalog.models import (
    Amenity,
    Property,
    Rate,
    RatePlan,
    Unit,
    UnitType,
)
from staykit.domain.catalog.pricing import as_decimal
from staykit.domain.localization import service as localization
from staykit.domain.tenancy import service as tenancy

DEFAULT_TIME_ZONE = "UTC"


async def check_amenities(session: AsyncSession, ids: list[uuid.UUID] | None) -> None:
    if not ids:
        return
    seen: dict[uuid.UUID, int] = {}
    for index, amenity_id in enumerate(ids):
        if amenity_id in seen:
            raise InvalidInput(
                f"amenityIds[{index}] repeats amenityIds[{seen[amenity_id]}].",
                code="amenityIdsIsInvalid",
                field=f"amenity_ids[{index}]",
            )
        seen[amenity_id] = index
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
                field=f"amenity_ids[{index}]",
            )


def check_amounts(currency: str, **amounts: Decimal | None) -> None:
    for field, amount in amounts.items():
        if amount is not None and not money.fits(amount, currency):
            raise InvalidInput(
                f"{field} has more decimals than {currency} allows ({money.exponent(currency)}).",
                code=f"{to_camel(field)}IsInvalid",
                field=field,
            )


def check_seasonal_amounts(currency: str, pricing: dict[str, Any] | None) -> None:
    """Every rule's pricePerNight of a seasonal pricing document fits the currency."""
    for index, rule in enumerate((pricing or {}).get("rules") or []):
        price = as_decimal(rule.get("pricePerNight")) if isinstance(rule, dict) else None
        if price is not None and not money.fits(price, currency):
            field = f"seasonal_pricing.rules[{index}].price_per_night"
            raise InvalidInput(
                f"{field} has more decimals than {currency} allows ({money.exponent(currency)}).",
                code="seasonalPricingIsInvalid",
                field=field,
            )


def check_limits(
    sent: set[str], *, min_stay: int, max_stay: int | None, max_guests: int, base_occupancy: int
) -> None:
    """maxStay >= minStay and baseOccupancy <= maxGuests, naming the field the client sent
    when the other one is the stored value."""
    if max_stay is not None and max_stay < min_stay:
        field = "min_stay" if "min_stay" in sent and "max_stay" not in sent else "max_stay"
        raise InvalidInput(
            f"maxStay ({max_stay}) must not be below minStay ({min_stay}).",
            code=f"{to_camel(field)}IsInvalid",
            field=field,
        )
    if base_occupancy > max_guests:
        field = (
            "max_guests"
            if "max_guests" in sent and "base_occupancy" not in sent
            else "base_occupancy"
        )
        raise InvalidInput(
            f"baseOccupancy ({base_occupancy}) must not exceed maxGuests ({max_guests}).",
            code=f"{to_camel(field)}IsInvalid",
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
                field=f"booking_policies.{to_snake(key)}",
            ) from None

    return parse("checkInTime", time(15, 0)), parse("checkOutTime", time(11, 0))


async def create_listing(
    session: AsyncSession, actor: Principal | None, data: NewListing
) -> UnitType:
    me = policy.require_login(actor)
    await localization.require_currency(session, data.currency)
    check_amounts(
        data.currency, price_per_night=data.price_per_night, cleaning_fee=data.cleaning_fee
    )
    check_seasonal_amounts(data.currency, data.seasonal_pricing)
    await check_amenities(session, data.amenity_ids)
    check_in, check_out = _times(data.booking_policies)
    max_guests = data.max_guests or max(2, data.base_occupancy or 2)
    base_occupancy = data.base_occupancy or min(2, max_guests)
    check_limits(
        set(data.provided),
        min_stay=data.min_stay or 1,
        max_stay=data.max_stay,
        max_guests=max_guests,
        base_occupancy=base_occupancy,
    )
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
        cancellation_policy=data.cancellation_policy,
        seasonal_pricing=data.seasonal_pricing,
        languages_supported=list(data.languages_supported or []),
        house_rules=data.house_rules,
        is_published=data.is_published,
        city_tax_percent=data.city_tax_percent or Decimal(0),
        max_guests=max_guests,
        base_occupancy=base_occupancy,
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


async def get_listing(session: AsyncSession, listing_id: uuid.UUID) -> UnitType:
    listing = await session.get(UnitType, listing_id)
    if listing is None or not listing.is_active:
        raise ListingNotFound(listing_id)
    return listing


async def is_host_or_admin(
    session: AsyncSession, actor: Principal | None, listing: UnitType
) -> bool:
    if actor is None:
        return False
    if actor.is_admin or actor.user_id == listing.host_id:
        return True
    return await tenancy.can_manage(session, actor, listing.business_id)


async def visible_listing(
    session: AsyncSession,
    actor: Principal | None,
    listing_id: uuid.UUID,
    *,
    include_deleted: bool = False,
) -> UnitType:
    """Unpublished or deleted listings are invisible (404) to all but their host and admins.

    Deleted listings are 404 to everyone unless `include_deleted` (getListing shows their
    last state to the host and admins); nothing may be changed or booked on them."""
    listing = await session.get(UnitType, listing_id)
    if listing is None or (not listing.is_active and not include_deleted):
        raise ListingNotFound(listing_id)
    hidden = not listing.is_published or not listing.is_active
    if hidden and not await is_host_or_admin(session, actor, listing):
        raise ListingNotFound(listing_id)
    return listing


def visible_listings_condition(actor: Principal | None) -> ColumnElement[bool]:
    """SQL twin of `visible_listing` for lists: the listing ids (UnitType.id) the actor may
    see. Published and active for everyone; any of their own for hosts and their business's
    owners/managers; all for admins."""
    if actor is not None and actor.is_admin:
        return true()
    public = and_(UnitType.is_published, UnitType.is_active)
    if actor is None:
        return public
    return or_(
        public,
        UnitType.host_id == actor.user_id,
        tenancy.managed_condition(UnitType.business_id, actor),
    )


def managed_listings_condition(actor: Principal) -> ColumnElement[bool]:
    """The active listings the actor manages as a host: those they host and those of the
    businesses they own or manage (admins too: a host page shows one's own, not all)."""
    return and_(
        UnitType.is_active,
        or_(
            UnitType.host_id == actor.user_id,
            tenancy.managed_condition(UnitType.business_id, actor),
        ),
    )


async def managed_listings(session: AsyncSession, actor: Principal) -> list[UnitType]:
    """`managed_listings_condition`'s listings, newest first."""
    rows = await session.scalars(
        select(UnitType)
        .where(managed_listings_condition(actor))
        .order_by(UnitType.created_at.desc(), UnitType.id.desc())
    )
    return list(rows)


async def managed_listing(
    session: AsyncSession, actor: Principal | None, listing_id: uuid.UUID
) -> UnitType:
    """A listing the actor may change: its host, its business's owners/managers, or an admin.
    Others get 404 for unpublished listings and 403 for published ones."""
    me = policy.require_login(actor)
    listing = await visible_listing(session, me, listing_id)
    if not await is_host_or_admin(session, me, listing):
        raise Forbidden("Only the listing's host or an admin may change it.", code="notYourListing")
    return listing


# Fields a client may leave out of an update but not clear: the columns are NOT NULL.
NOT_NULLABLE = (
    "title",
    "description",
    "property_type",
    "address",
    "price_per_night",
    "location",
    "currency",
    "approval_type",
    "is_published",
    "min_stay",
    "city_tax_percent",
    "max_guests",
    "base_occupancy",
    "cleaning_fee",
)


async def update_listing(
    session: AsyncSession, actor: Principal | None, listing_id: uuid.UUID, data: ListingChanges
) -> UnitType:
    listing = await managed_listing(session, actor, listing_id)
    values = data.changed()
    for key in NOT_NULLABLE:
        if key in values and values[key] is None:
            raise InvalidInput(
                f"{to_camel(key)} may be left out but not set to null.",
                code=f"{to_camel(key)}IsInvalid",
                field=key,
            )
    if values.get("currency") is not None and values["currency"] != listing.currency:
        await localization.require_currency(session, values["currency"])
    currency = values.get("currency") or listing.currency
    # A new currency must fit the prices already stored, not only the ones sent.
    check_amounts(
        currency,
        price_per_night=values.get("price_per_night", listing.price_per_night),
        cleaning_fee=values.get("cleaning_fee", listing.cleaning_fee),
    )
    if "seasonal_pricing" in values:
        check_seasonal_amounts(currency, data.seasonal_pricing)
    elif "currency" in values and listing.seasonal_pricing:
        check_seasonal_amounts(currency, listing.seasonal_pricing)
    if "amenity_ids" in values:
        await check_amenities(session, data.amenity_ids)
    check_limits(
        set(values),
        min_stay=values.get("min_stay", listing.min_stay),
        max_stay=values.get("max_stay", listing.max_stay),
        max_guests=values.get("max_guests", listing.max_guests),
        base_occupancy=values.get("base_occupancy", listing.base_occupancy),
    )
    prop = await session.get(Property, listing.property_id)
    assert prop is not None
    for key, value in values.items():
        if key == "location":
            loc: Location = value
            prop.latitude, prop.longitude = loc.lat, loc.lng
            prop.city = loc.city
            prop.country = loc.country.upper() if loc.country else None
        elif key == "address":
            prop.address = value
        elif key == "title":
            listing.title = prop.name = value
        elif key == "time_zone":
            prop.time_zone = value or DEFAULT_TIME_ZONE
        elif key == "currency":
            prop.currency = value
            listing.currency = value
        elif key in ("seasonal_pricing", "cancellation_policy"):
            setattr(listing, key, value)
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
    session: AsyncSession, actor: Principal | None, settings: Settings, listing_id: uuid.UUID
) -> UnitType:
    listing = await managed_listing(session, actor, listing_id)
    await photos.forget_listing(session, settings, listing.id)
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
        raise RateNotFound(unit_type_id)
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
