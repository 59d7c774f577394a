"""A tenant's inventory as integrations read it: the business, its properties, unit types,
units, rates and guest types, for the Cloud API's /inventory routes.

Every function takes (session, principal, business_id): the business the request acts on
and the caller narrowed to it. The caller must still be able to read that business by the
one tenancy rule (a partner token outlives its user's membership only on paper), else
`TenantNotReadable`; past that gate every statement is scoped by `business_id`, so no row
of another business is ever read.

What is listed: active rows whose parents are active too. A unit or unit type of a closed
(soft-deleted) property, a unit or rate of a deleted unit type (deleting a marketplace
listing only deactivates the unit type), and a rate of a deleted rate plan are not
inventory any more.

The business row has no time zone, currency or address of its own: they are those of its
oldest active property (by creation, then id), and `currencies` lists every currency its
active properties sell in. A business without an active property has none of them.

Orders (deterministic, so offset pages never overlap or skip): properties by name, unit
types by title, units by name, rates by name, guest types by name, each then by id. A unit
type's `unit_ids` follow the unit order; its `rate_ids` follow the rates' slots (slot 1,
the default rate, first).

`inventory` answers everything in a fixed number of statements (six, whatever the number
of rows); the list functions take `skip`/`limit` (limit None: every row) and answer a
`Page` with the total, in one statement (two when a page past the end is asked for).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from typing import Any, Generic, TypeAlias, TypeVar

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.catalog import pricing
from staykit.domain.catalog.models import GuestType, Property, Rate, RatePlan, Unit, UnitType
from staykit.domain.tenancy import service as tenancy

T = TypeVar("T")
Rows: TypeAlias = Select[*tuple[Any, ...]]  # a statement of several columns

# Every rate staykit has is priced night by night (a price per date, seasonal rules, the
# base price): rezStream's "Daily" season type. Long-term or extended rates do not exist.
DAILY = "Daily"


@dataclass(frozen=True, slots=True)
class Location:
    address: str
    city: str | None
    country: str | None
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class BusinessInfo:
    id: uuid.UUID
    name: str
    time_zone: str | None  # the oldest active property's; None without a property
    currency: str | None  # likewise
    currencies: list[str]  # of every active property, sorted
    location: Location | None  # the oldest active property's


@dataclass(frozen=True, slots=True)
class PropertyInfo:
    id: uuid.UUID
    name: str
    location: Location
    time_zone: str
    currency: str
    check_in_time: time
    check_out_time: time
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class UnitInfo:
    id: uuid.UUID
    name: str
    unit_type_id: uuid.UUID
    property_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class UnitTypeInfo:
    """A unit type; `id` is also its marketplace listing's id."""

    id: uuid.UUID
    name: str
    property_id: uuid.UUID
    description: str
    max_occupancy: int
    base_occupancy: int
    minimum_nights: int
    maximum_nights: int | None
    currency: str
    is_published: bool
    unit_ids: list[uuid.UUID]
    rate_ids: list[uuid.UUID]


@dataclass(frozen=True, slots=True)
class RateInfo:
    id: uuid.UUID
    name: str
    rate_plan_id: uuid.UUID
    rate_plan_name: str
    unit_type_id: uuid.UUID
    slot: int
    is_default: bool
    allow_updates: bool
    season_type: str
    base_price: Decimal
    currency: str  # the unit type's
    extra_guest_charges: dict[str, Decimal] | None  # {guestTypeId: per night}; None: none


@dataclass(frozen=True, slots=True)
class GuestTypeInfo:
    id: uuid.UUID
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    total: int  # rows in all pages


@dataclass(frozen=True, slots=True)
class Inventory:
    business: BusinessInfo
    properties: list[PropertyInfo]
    units: list[UnitInfo]
    unit_types: list[UnitTypeInfo]
    guest_types: list[GuestTypeInfo]
    rates: list[RateInfo]


# --- the gate -------------------------------------------------------------------------------


async def _readable(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> tenancy.Tenant:
    """The business, when the tenancy rule lets the principal read it (one statement)."""
    if principal.may_act_for(business_id):
        for tenant in await tenancy.tenants_of(session, principal):
            if tenant.id == business_id:
                return tenant
    raise tenancy.TenantNotReadable()


# --- statements -----------------------------------------------------------------------------


def _properties_stmt(business_id: uuid.UUID) -> Rows:
    return select(
        Property.id,
        Property.name,
        Property.address,
        Property.city,
        Property.country,
        Property.latitude,
        Property.longitude,
        Property.time_zone,
        Property.currency,
        Property.check_in_time,
        Property.check_out_time,
        Property.created_at,
        Property.updated_at,
    ).where(Property.business_id == business_id, Property.is_active)


def _property(row: Row[Any]) -> PropertyInfo:
    return PropertyInfo(
        id=row.id,
        name=row.name,
        location=Location(row.address, row.city, row.country, row.latitude, row.longitude),
        time_zone=row.time_zone,
        currency=row.currency,
        check_in_time=row.check_in_time,
        check_out_time=row.check_out_time,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _units_stmt(business_id: uuid.UUID) -> Rows:
    return (
        select(Unit.id, Unit.name, Unit.unit_type_id, Unit.property_id)
        .join(UnitType, UnitType.id == Unit.unit_type_id)
        .join(Property, Property.id == Unit.property_id)
        .where(
            Unit.business_id == business_id,
            Unit.is_active,
            UnitType.is_active,
            Property.is_active,
        )
    )


def _unit(row: Row[Any]) -> UnitInfo:
    return UnitInfo(row.id, row.name, row.unit_type_id, row.property_id)


_UNIT_TYPE_COLUMNS = (
    UnitType.id,
    UnitType.title,
    UnitType.property_id,
    UnitType.description,
    UnitType.max_guests,
    UnitType.base_occupancy,
    UnitType.min_stay,
    UnitType.max_stay,
    UnitType.currency,
    UnitType.is_published,
)


def _unit_types_stmt(business_id: uuid.UUID, *, with_members: bool) -> Rows:
    columns: list[Any] = list(_UNIT_TYPE_COLUMNS)
    if with_members:
        # Each unit type's own units and rates, by the same rules as the unit and rate
        # lists: correlated ARRAY subqueries on the unit_type_id indexes, one statement.
        unit_ids = (
            select(Unit.id)
            .where(Unit.unit_type_id == UnitType.id, Unit.is_active)
            .order_by(Unit.name, Unit.id)
            .correlate(UnitType)
        )
        rate_ids = (
            select(Rate.id)
            .join(RatePlan, RatePlan.id == Rate.rate_plan_id)
            .where(Rate.unit_type_id == UnitType.id, Rate.is_active, RatePlan.is_active)
            .order_by(Rate.slot, Rate.id)
            .correlate(UnitType)
        )
        columns += [
            func.array(unit_ids.scalar_subquery()).label("unit_ids"),
            func.array(rate_ids.scalar_subquery()).label("rate_ids"),
        ]
    return (
        select(*columns)
        .join(Property, Property.id == UnitType.property_id)
        .where(UnitType.business_id == business_id, UnitType.is_active, Property.is_active)
    )


def _unit_type(
    row: Row[Any], unit_ids: list[uuid.UUID] | None = None, rate_ids: list[uuid.UUID] | None = None
) -> UnitTypeInfo:
    return UnitTypeInfo(
        id=row.id,
        name=row.title,
        property_id=row.property_id,
        description=row.description,
        max_occupancy=row.max_guests,
        base_occupancy=row.base_occupancy,
        minimum_nights=row.min_stay,
        maximum_nights=row.max_stay,
        currency=row.currency,
        is_published=row.is_published,
        unit_ids=list(row.unit_ids if unit_ids is None else unit_ids),
        rate_ids=list(row.rate_ids if rate_ids is None else rate_ids),
    )


def _rates_stmt(business_id: uuid.UUID) -> Rows:
    return (
        select(
            Rate.id,
            Rate.name,
            Rate.rate_plan_id,
            RatePlan.name.label("rate_plan_name"),
            Rate.unit_type_id,
            Rate.slot,
            Rate.is_default,
            Rate.allow_updates,
            Rate.base_price,
            UnitType.currency,
            Rate.extra_guest_charges,
        )
        .join(RatePlan, RatePlan.id == Rate.rate_plan_id)
        .join(UnitType, UnitType.id == Rate.unit_type_id)
        .join(Property, Property.id == UnitType.property_id)
        .where(
            Rate.business_id == business_id,
            Rate.is_active,
            RatePlan.is_active,
            UnitType.is_active,
            Property.is_active,
        )
    )


def _charges(stored: dict[str, Any] | None) -> dict[str, Decimal] | None:
    """The stored {guestTypeId: amount} as Decimals (an unreadable amount, from a hand-edited
    row, is left out as the quote engine leaves it out); None when there is none."""
    charges = {}
    for guest_type_id, raw in (stored or {}).items():
        amount = pricing.as_decimal(raw)
        if amount is not None:
            charges[str(guest_type_id)] = amount
    return charges or None


def _rate(row: Row[Any]) -> RateInfo:
    return RateInfo(
        id=row.id,
        name=row.name,
        rate_plan_id=row.rate_plan_id,
        rate_plan_name=row.rate_plan_name,
        unit_type_id=row.unit_type_id,
        slot=row.slot,
        is_default=row.is_default,
        allow_updates=row.allow_updates,
        season_type=DAILY,
        base_price=row.base_price,
        currency=row.currency,
        extra_guest_charges=_charges(row.extra_guest_charges),
    )


def _guest_types_stmt(business_id: uuid.UUID) -> Rows:
    return select(GuestType.id, GuestType.code, GuestType.name).where(
        GuestType.business_id == business_id, GuestType.is_active
    )


def _guest_type(row: Row[Any]) -> GuestTypeInfo:
    return GuestTypeInfo(row.id, row.code, row.name)


async def _all(session: AsyncSession, stmt: Rows, to: Callable[[Row[Any]], T]) -> list[T]:
    return [to(row) for row in await session.execute(stmt)]


async def _page(
    session: AsyncSession,
    stmt: Rows,
    to: Callable[[Row[Any]], T],
    skip: int,
    limit: int | None,
) -> Page[T]:
    """One page of an ordered statement and the total, in one statement: the total rides on
    every row as a window count. A page past the end has no row to carry it, so only then
    is it counted apart."""
    paged = stmt.add_columns(func.count().over().label("_total")).offset(skip).limit(limit)
    rows = list(await session.execute(paged))
    if rows:
        return Page([to(row) for row in rows], rows[0]._total)
    if skip == 0:
        return Page([], 0)
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return Page([], total or 0)


def _business(tenant: tenancy.Tenant, properties: Sequence[PropertyInfo]) -> BusinessInfo:
    if not properties:
        return BusinessInfo(tenant.id, tenant.name, None, None, [], None)
    oldest = min(properties, key=lambda p: (p.created_at, p.id))
    return BusinessInfo(
        id=tenant.id,
        name=tenant.name,
        time_zone=oldest.time_zone,
        currency=oldest.currency,
        currencies=sorted({p.currency for p in properties}),
        location=oldest.location,
    )


# --- the reads ------------------------------------------------------------------------------


async def business(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> BusinessInfo:
    """The business, with the time zone, currency and location of its oldest active
    property and the currencies of all of them (two statements)."""
    tenant = await _readable(session, principal, business_id)
    base = _properties_stmt(business_id)
    currencies = (
        select(func.array_agg(func.distinct(Property.currency)))
        .where(Property.business_id == business_id, Property.is_active)
        .scalar_subquery()
    )
    row = (
        await session.execute(
            base.add_columns(currencies.label("currencies"))
            .order_by(Property.created_at, Property.id)
            .limit(1)
        )
    ).first()
    if row is None:
        return BusinessInfo(tenant.id, tenant.name, None, None, [], None)
    oldest = _property(row)
    return BusinessInfo(
        id=tenant.id,
        name=tenant.name,
        time_zone=oldest.time_zone,
        currency=oldest.currency,
        currencies=sorted(row.currencies or []),
        location=oldest.location,
    )


async def properties(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    *,
    skip: int = 0,
    limit: int | None = None,
) -> Page[PropertyInfo]:
    await _readable(session, principal, business_id)
    stmt = _properties_stmt(business_id).order_by(Property.name, Property.id)
    return await _page(session, stmt, _property, skip, limit)


async def units(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    *,
    skip: int = 0,
    limit: int | None = None,
) -> Page[UnitInfo]:
    await _readable(session, principal, business_id)
    stmt = _units_stmt(business_id).order_by(Unit.name, Unit.id)
    return await _page(session, stmt, _unit, skip, limit)


async def unit_types(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    *,
    skip: int = 0,
    limit: int | None = None,
) -> Page[UnitTypeInfo]:
    await _readable(session, principal, business_id)
    stmt = _unit_types_stmt(business_id, with_members=True).order_by(UnitType.title, UnitType.id)
    return await _page(session, stmt, _unit_type, skip, limit)


async def rates(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    *,
    skip: int = 0,
    limit: int | None = None,
) -> Page[RateInfo]:
    await _readable(session, principal, business_id)
    stmt = _rates_stmt(business_id).order_by(Rate.name, Rate.id)
    return await _page(session, stmt, _rate, skip, limit)


async def guest_types(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> list[GuestTypeInfo]:
    await _readable(session, principal, business_id)
    stmt = _guest_types_stmt(business_id).order_by(GuestType.name, GuestType.id)
    return await _all(session, stmt, _guest_type)


async def inventory(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> Inventory:
    """Everything, in six statements whatever the number of rows. A unit type's units and
    rates are taken from the unit and rate lists of this same answer (not from a statement
    of their own), so its `unit_ids` and `rate_ids` always name items of the answer."""
    tenant = await _readable(session, principal, business_id)
    props = await _all(
        session, _properties_stmt(business_id).order_by(Property.name, Property.id), _property
    )
    unit_list = await _all(session, _units_stmt(business_id).order_by(Unit.name, Unit.id), _unit)
    type_rows = list(
        await session.execute(
            _unit_types_stmt(business_id, with_members=False).order_by(UnitType.title, UnitType.id)
        )
    )
    rate_list = await _all(session, _rates_stmt(business_id).order_by(Rate.name, Rate.id), _rate)
    guests = await _all(
        session, _guest_types_stmt(business_id).order_by(GuestType.name, GuestType.id), _guest_type
    )
    units_of: dict[uuid.UUID, list[uuid.UUID]] = {}
    for unit in unit_list:
        units_of.setdefault(unit.unit_type_id, []).append(unit.id)
    rates_of: dict[uuid.UUID, list[uuid.UUID]] = {}
    for rate in sorted(rate_list, key=lambda r: (r.slot, r.id)):
        rates_of.setdefault(rate.unit_type_id, []).append(rate.id)
    types = [
        _unit_type(row, units_of.get(row.id, []), rates_of.get(row.id, [])) for row in type_rows
    ]
    return Inventory(
        business=_business(tenant, props),
        properties=props,
        units=unit_list,
        unit_types=types,
        guest_types=guests,
        rates=rate_list,
    )
