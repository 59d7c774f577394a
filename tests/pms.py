"""A PMS-shaped tenant for the partner API tests, built through the domain where it can be.

`pms`: a business ("Lakeside B&B", America/Chicago, USD) whose one property holds two unit
types: `queen` (a marketplace listing with 2 units: "Queen 1", "Queen 2") and `cabin`
(1 unit, "Cabin"). Rates: the queen's default rate (slot 1, allow updates), a second
queen rate "Breakfast included" (slot 2, another rate plan, extra guest charges per guest
type) and a queen "Weekly" rate that does not allow updates (slot 3); the cabin's default
rate. Guest types: adult and child. `other`: another host's business with one listing,
for the cross-tenant rules. `headers(*scopes)` makes a token for the pms business: a
Cloud API tenant token as `Authorization: Bearer` (`build_pms(db)`), or a Channel API
token in the `token` header (`build_pms(db, channel=True)`; the business's credit limit is
raised so tests are never stopped by credits).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import GuestType, Property, Rate, RatePlan, Unit, UnitType
from staykit.domain.tenancy.models import Business
from tests.factories import Person, make_listing, make_user, partner_token

Headers = dict[str, str]


@dataclass
class Pms:
    host: Person
    business_id: uuid.UUID
    property: Property
    queen: UnitType
    queen_units: list[Unit]
    cabin: UnitType
    cabin_unit: Unit
    queen_rate: Rate  # default, slot 1
    breakfast: Rate  # slot 2, its own plan, extra guest charges
    weekly: Rate  # slot 3, allow_updates False
    cabin_rate: Rate
    adult: GuestType
    child: GuestType
    other_business_id: uuid.UUID
    other_listing: UnitType
    headers: Callable[..., Awaitable[Headers]]


async def _default_rate(db: AsyncSession, unit_type: UnitType) -> Rate:
    return (
        await db.scalars(select(Rate).where(Rate.unit_type_id == unit_type.id, Rate.is_default))
    ).one()


async def build_pms(db: AsyncSession, *, channel: bool = False) -> Pms:
    host = await make_user(db, fullname="Lake Host")
    queen = await make_listing(
        db,
        host,
        title="Queen room",
        currency="USD",
        timeZone="America/Chicago",
        pricePerNight=120,
        location={"lat": 44.97, "lng": -93.26, "city": "Minneapolis", "country": "US"},
        maxGuests=4,
        baseOccupancy=2,
    )
    prop = await db.get_one(Property, queen.property_id)
    prop.name = "Lakeside B&B"
    [first_unit] = (await db.scalars(select(Unit).where(Unit.unit_type_id == queen.id))).all()
    first_unit.name = "Queen 1"
    second = Unit(
        business_id=queen.business_id,
        property_id=prop.id,
        unit_type_id=queen.id,
        name="Queen 2",
    )
    cabin = UnitType(
        business_id=queen.business_id,
        property_id=prop.id,
        host_id=host.user.id,
        title="Cabin",
        description="A cabin by the lake.",
        property_type="house",
        price_per_night=Decimal(200),
        currency="USD",
        is_published=True,
        max_guests=6,
        base_occupancy=4,
    )
    db.add_all([second, cabin])
    await db.flush()
    cabin_unit = Unit(
        business_id=queen.business_id, property_id=prop.id, unit_type_id=cabin.id, name="Cabin"
    )
    cabin_plan = RatePlan(business_id=queen.business_id, name="Standard")
    packages = RatePlan(business_id=queen.business_id, name="Packages")
    db.add_all([cabin_unit, cabin_plan, packages])
    await db.flush()
    adult = GuestType(business_id=queen.business_id, code="adult", name="Adult")
    child = GuestType(business_id=queen.business_id, code="child", name="Child")
    db.add_all([adult, child])
    await db.flush()
    queen_rate = await _default_rate(db, queen)
    queen_rate.name = "Rack"
    breakfast = Rate(
        business_id=queen.business_id,
        rate_plan_id=packages.id,
        unit_type_id=queen.id,
        name="Breakfast included",
        slot=2,
        base_price=Decimal(150),
        extra_guest_charges={str(adult.id): "15.00", str(child.id): "5.00"},
    )
    weekly = Rate(
        business_id=queen.business_id,
        rate_plan_id=packages.id,
        unit_type_id=queen.id,
        name="Weekly",
        slot=3,
        base_price=Decimal(700),
        allow_updates=False,
    )
    cabin_rate = Rate(
        business_id=queen.business_id,
        rate_plan_id=cabin_plan.id,
        unit_type_id=cabin.id,
        name="Standard",
        slot=1,
        is_default=True,
        base_price=Decimal(200),
    )
    db.add_all([breakfast, weekly, cabin_rate])
    await db.commit()

    other_host = await make_user(db, fullname="Other Host")
    other_listing = await make_listing(db, other_host, title="Elsewhere flat")

    if channel:
        business = await db.get_one(Business, queen.business_id)
        business.credit_limit = 1_000_000
        await db.commit()

    async def headers(*scopes: str, ttl: timedelta = timedelta(hours=1)) -> Headers:
        made = await partner_token(
            db,
            host,
            [queen.business_id],
            kind="channel" if channel else "tenant",
            scopes=scopes or ("read:properties",),
            ttl=ttl,
        )
        if channel:
            return {"token": made.value}
        return {"Authorization": f"Bearer {made.value}"}

    return Pms(
        host=host,
        business_id=queen.business_id,
        property=prop,
        queen=queen,
        queen_units=[first_unit, second],
        cabin=cabin,
        cabin_unit=cabin_unit,
        queen_rate=queen_rate,
        breakfast=breakfast,
        weekly=weekly,
        cabin_rate=cabin_rate,
        adult=adult,
        child=child,
        other_business_id=other_listing.business_id,
        other_listing=other_listing,
        headers=headers,
    )
