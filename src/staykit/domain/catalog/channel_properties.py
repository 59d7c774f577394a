"""Properties and rooms as the Channel API (Beds24 API V2) reads them.

A Beds24 property is a staykit Property; its rooms are the property's active unit types
(a marketplace listing is a property with one room), `qty` the unit type's active units,
its units the units themselves, its prices 1..16 the unit type's active rates by slot.
Everything is named by `int_id`, never by UUID.

Who sees what: the caller passes the businesses its account covers (already narrowed by
the one tenancy rule); every statement is scoped by them, so ids of other businesses, or
unknown ids, simply match nothing. What is listed: active properties, active unit types
of active properties, active units, and active rates of active rate plans (the same rules
as `catalog.inventory`).

Orders are by integer id (properties, rooms, units by name then id, rates by slot), so
offset pages never overlap or skip. Each read takes a fixed number of statements whatever
the number of rows: one for the page, one for its rooms (with their unit counts), one for
their units, one for their rates and, when asked, one for guest types and one for texts.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog import pricing
from staykit.domain.catalog.models import (
    GuestType,
    ListingLocaleText,
    Property,
    Rate,
    RatePlan,
    Unit,
    UnitType,
)
from staykit.domain.tenancy.int_ids import business_int_id

# The language staykit assumes for a unit type's own title, description and house rules:
# it does not record which language a host wrote them in. A locale text in this language
# takes their place.
BASE_LANGUAGE = "en"

Rows: TypeAlias = Select[*tuple[Any, ...]]  # a statement of several columns


@dataclass(frozen=True, slots=True)
class Includes:
    """What a read adds to the plain property or room (the `include*` flags)."""

    texts_of_property: bool = False
    texts_of_rooms: bool = False
    languages: frozenset[str] | None = None  # None: every language staykit has
    price_rules: bool = False
    offers: bool = False
    all_rooms: bool = False  # every room of a property found through a room filter


@dataclass(frozen=True, slots=True)
class RoomText:
    language: str
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class PropertyText:
    language: str
    house_rules: str


@dataclass(frozen=True, slots=True)
class ChannelUnit:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class PriceRule:
    """One rate of a room: `slot` is its Beds24 price number (price1..price16)."""

    slot: int
    name: str
    is_default: bool
    base_price: Decimal
    base_occupancy: int  # the base price is for up to this many guests
    max_guests: int
    extra_adult: Decimal | None  # per night, per guest beyond the base occupancy
    extra_child: Decimal | None


@dataclass(frozen=True, slots=True)
class ChannelRoom:
    id: int
    property_id: int
    name: str
    listing_type: str  # staykit's property type of the unit type (apartment, house, ...)
    qty: int  # active units
    max_guests: int
    min_stay: int
    max_stay: int | None
    cleaning_fee: Decimal
    city_tax_percent: Decimal
    instant_booking: bool
    currency: str
    units: list[ChannelUnit]
    rates: list[PriceRule]  # by slot; the default rate is slot 1
    texts: list[RoomText] | None  # None: not asked for

    @property
    def rack_rate(self) -> Decimal | None:
        """The default rate's base price (None for a room without a default rate)."""
        return next((r.base_price for r in self.rates if r.is_default), None)


@dataclass(frozen=True, slots=True)
class ChannelProperty:
    id: int
    owner_id: int  # the business's int_id
    name: str
    currency: str
    address: str
    city: str | None
    country: str | None
    latitude: float
    longitude: float
    check_in_time: time
    check_out_time: time
    listing_types: list[str]  # the distinct property types of its active unit types
    rooms: list[ChannelRoom]
    texts: list[PropertyText] | None = field(default=None)  # None: not asked for


# --- statements -----------------------------------------------------------------------------


def _active_rooms(business_ids: Collection[uuid.UUID]) -> Rows:
    unit_count = (
        select(func.count())
        .where(Unit.unit_type_id == UnitType.id, Unit.is_active)
        .correlate(UnitType)
        .scalar_subquery()
    )
    return (
        select(
            UnitType.id.label("uuid"),
            UnitType.int_id,
            Property.int_id.label("property_int_id"),
            UnitType.property_id,
            UnitType.title,
            UnitType.description,
            UnitType.property_type,
            UnitType.max_guests,
            UnitType.base_occupancy,
            UnitType.min_stay,
            UnitType.max_stay,
            UnitType.cleaning_fee,
            UnitType.city_tax_percent,
            UnitType.approval_type,
            UnitType.currency,
            unit_count.label("qty"),
        )
        .join(Property, Property.id == UnitType.property_id)
        .where(
            UnitType.business_id.in_(business_ids),
            UnitType.is_active,
            Property.is_active,
        )
    )


async def _units_of(
    session: AsyncSession, unit_type_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ChannelUnit]]:
    rows = await session.execute(
        select(Unit.unit_type_id, Unit.int_id, Unit.name)
        .where(Unit.unit_type_id.in_(unit_type_ids), Unit.is_active)
        .order_by(Unit.name, Unit.int_id)
    )
    found: dict[uuid.UUID, list[ChannelUnit]] = {}
    for row in rows:
        found.setdefault(row.unit_type_id, []).append(ChannelUnit(row.int_id, row.name))
    return found


async def _guest_type_codes(
    session: AsyncSession, business_ids: Collection[uuid.UUID]
) -> dict[str, str]:
    """{guest type id: code} of the businesses' active guest types."""
    rows = await session.execute(
        select(GuestType.id, GuestType.code).where(
            GuestType.business_id.in_(business_ids), GuestType.is_active
        )
    )
    return {str(row.id): row.code.lower() for row in rows}


def _extra(charges: dict[str, Any] | None, codes: dict[str, str], code: str) -> Decimal | None:
    for guest_type_id, raw in (charges or {}).items():
        if codes.get(str(guest_type_id)) == code:
            return pricing.as_decimal(raw)
    return None


async def _rates_of(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    unit_types: dict[uuid.UUID, Any],
    *,
    with_charges: bool,
) -> dict[uuid.UUID, list[PriceRule]]:
    rows = await session.execute(
        select(
            Rate.unit_type_id,
            Rate.slot,
            Rate.name,
            Rate.is_default,
            Rate.base_price,
            Rate.extra_guest_charges,
        )
        .join(RatePlan, RatePlan.id == Rate.rate_plan_id)
        .where(Rate.unit_type_id.in_(list(unit_types)), Rate.is_active, RatePlan.is_active)
        .order_by(Rate.unit_type_id, Rate.slot)
    )
    codes = await _guest_type_codes(session, business_ids) if with_charges else {}
    found: dict[uuid.UUID, list[PriceRule]] = {}
    for row in rows:
        room = unit_types[row.unit_type_id]
        charges = row.extra_guest_charges if with_charges else None
        found.setdefault(row.unit_type_id, []).append(
            PriceRule(
                slot=row.slot,
                name=row.name,
                is_default=row.is_default,
                base_price=row.base_price,
                base_occupancy=room.base_occupancy,
                max_guests=room.max_guests,
                extra_adult=_extra(charges, codes, "adult"),
                extra_child=_extra(charges, codes, "child"),
            )
        )
    return found


def wire_language(code: str) -> str:
    """A staykit language code (BCP 47, any case: "pt-BR", "zh-Hant") as Beds24 writes
    it: the primary subtag, with traditional Chinese as "zt"."""
    parts = code.lower().replace("_", "-").split("-")
    if parts[0] == "zh" and any(p in ("hant", "tw", "hk", "mo") for p in parts[1:]):
        return "zt"
    return parts[0]


def _wanted(language: str, includes: Includes) -> bool:
    return includes.languages is None or language in includes.languages


async def _texts_of(
    session: AsyncSession, rooms: Sequence[Any], includes: Includes
) -> dict[uuid.UUID, list[RoomText]]:
    """Each room's texts by language: its own title and description as BASE_LANGUAGE, and
    its locale texts (one wins over the base text of its language; of two locale texts
    that Beds24 spells alike, "pt-BR" and "pt-PT", the first by code)."""
    rows = await session.execute(
        select(
            ListingLocaleText.listing_id,
            ListingLocaleText.language_code,
            ListingLocaleText.localized_title,
            ListingLocaleText.localized_description,
        )
        .where(
            ListingLocaleText.listing_id.in_([r.uuid for r in rooms]),
            ListingLocaleText.is_active,
        )
        .order_by(ListingLocaleText.listing_id, ListingLocaleText.language_code)
    )
    by_room: dict[uuid.UUID, dict[str, RoomText]] = {}
    for row in rows:
        language = wire_language(row.language_code)
        texts = by_room.setdefault(row.listing_id, {})
        if language not in texts:
            texts[language] = RoomText(language, row.localized_title, row.localized_description)
    found: dict[uuid.UUID, list[RoomText]] = {}
    for room in rooms:
        texts = by_room.get(room.uuid, {})
        texts.setdefault(BASE_LANGUAGE, RoomText(BASE_LANGUAGE, room.title, room.description))
        found[room.uuid] = [
            texts[language] for language in sorted(texts) if _wanted(language, includes)
        ]
    return found


async def _rooms(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    stmt: Rows,
    includes: Includes,
) -> list[ChannelRoom]:
    """The rooms `stmt` selects (rows of `_active_rooms`), each with its units and rates."""
    rows = list(await session.execute(stmt))
    if not rows:
        return []
    by_id = {row.uuid: row for row in rows}
    units = await _units_of(session, list(by_id))
    rates = await _rates_of(session, business_ids, by_id, with_charges=includes.price_rules)
    texts = await _texts_of(session, rows, includes) if includes.texts_of_rooms else None
    return [
        ChannelRoom(
            id=row.int_id,
            property_id=row.property_int_id,
            name=row.title,
            listing_type=row.property_type,
            qty=row.qty,
            max_guests=row.max_guests,
            min_stay=row.min_stay,
            max_stay=row.max_stay,
            cleaning_fee=row.cleaning_fee,
            city_tax_percent=row.city_tax_percent,
            instant_booking=row.approval_type == "instant",
            currency=row.currency,
            units=units.get(row.uuid, []),
            rates=rates.get(row.uuid, []),
            texts=None if texts is None else texts.get(row.uuid, []),
        )
        for row in rows
    ]


# --- the reads ------------------------------------------------------------------------------


async def properties(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    *,
    ids: Sequence[int] | None = None,
    room_ids: Sequence[int] | None = None,
    includes: Includes = Includes(),
    offset: int = 0,
    limit: int = 100,
) -> list[ChannelProperty]:
    """Active properties of the businesses, by id: only those of `ids` when given, only
    those holding one of `room_ids` when given. Each with its rooms: all of them, or
    only the rooms of `room_ids` unless `includes.all_rooms`."""
    if not business_ids or ids == [] or room_ids == []:
        return []
    listing_types = (
        select(func.array_agg(func.distinct(UnitType.property_type)))
        .where(UnitType.property_id == Property.id, UnitType.is_active)
        .correlate(Property)
        .scalar_subquery()
    )
    columns: list[Any] = [
        Property.id.label("uuid"),
        Property.int_id,
        business_int_id(Property.business_id).label("owner_int_id"),
        Property.name,
        Property.currency,
        Property.address,
        Property.city,
        Property.country,
        Property.latitude,
        Property.longitude,
        Property.check_in_time,
        Property.check_out_time,
        listing_types.label("listing_types"),
    ]
    if includes.texts_of_property:
        house_rules = (
            select(func.array_agg(func.distinct(UnitType.house_rules)))
            .where(
                UnitType.property_id == Property.id,
                UnitType.is_active,
                func.length(func.trim(UnitType.house_rules)) > 0,
            )
            .correlate(Property)
            .scalar_subquery()
        )
        columns.append(house_rules.label("house_rules"))
    stmt = select(*columns).where(Property.business_id.in_(business_ids), Property.is_active)
    if ids is not None:
        stmt = stmt.where(Property.int_id.in_(ids))
    if room_ids is not None:
        holding = (
            select(UnitType.property_id)
            .where(
                UnitType.int_id.in_(room_ids),
                UnitType.business_id.in_(business_ids),
                UnitType.is_active,
            )
            .scalar_subquery()
        )
        stmt = stmt.where(Property.id.in_(holding))
    rows = list(await session.execute(stmt.order_by(Property.int_id).offset(offset).limit(limit)))
    if not rows:
        return []
    rooms_stmt = _active_rooms(business_ids).where(
        UnitType.property_id.in_([row.uuid for row in rows])
    )
    if room_ids is not None and not includes.all_rooms:
        rooms_stmt = rooms_stmt.where(UnitType.int_id.in_(room_ids))
    rooms = await _rooms(session, business_ids, rooms_stmt.order_by(UnitType.int_id), includes)
    rooms_of: dict[int, list[ChannelRoom]] = {}
    for room in rooms:
        rooms_of.setdefault(room.property_id, []).append(room)
    return [
        ChannelProperty(
            id=row.int_id,
            owner_id=row.owner_int_id,
            name=row.name,
            currency=row.currency,
            address=row.address,
            city=row.city,
            country=row.country,
            latitude=row.latitude,
            longitude=row.longitude,
            check_in_time=row.check_in_time,
            check_out_time=row.check_out_time,
            listing_types=sorted(row.listing_types or []),
            rooms=rooms_of.get(row.int_id, []),
            texts=_property_texts(row, includes) if includes.texts_of_property else None,
        )
        for row in rows
    ]


def _property_texts(row: Any, includes: Includes) -> list[PropertyText]:
    """staykit keeps house rules per unit type: they are the property's when its rooms
    agree on them (one text among those that have any)."""
    rules = [r for r in (row.house_rules or []) if r]
    if len(rules) != 1 or not _wanted(BASE_LANGUAGE, includes):
        return []
    return [PropertyText(BASE_LANGUAGE, rules[0])]


async def rooms(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    *,
    ids: Sequence[int] | None = None,
    property_ids: Sequence[int] | None = None,
    includes: Includes = Includes(),
    offset: int = 0,
    limit: int = 100,
) -> list[ChannelRoom]:
    """Active rooms of the businesses' active properties, by id: only those of `ids` and
    of the properties of `property_ids` when given."""
    if not business_ids or ids == [] or property_ids == []:
        return []
    stmt = _active_rooms(business_ids)
    if ids is not None:
        stmt = stmt.where(UnitType.int_id.in_(ids))
    if property_ids is not None:
        stmt = stmt.where(Property.int_id.in_(property_ids))
    stmt = stmt.order_by(UnitType.int_id).offset(offset).limit(limit)
    return await _rooms(session, business_ids, stmt, includes)
