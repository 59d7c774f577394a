"""Creating a listing makes its property, unit type, one unit and default rate together."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Property, Rate, Unit
from staykit.domain.tenancy.models import Business, BusinessMember
from tests.factories import make_listing, make_user


async def test_first_listing_creates_the_hosts_business_and_one_of_each(db: AsyncSession) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    prop = await db.get(Property, listing.property_id)
    assert prop is not None and prop.time_zone == "Europe/Lisbon" and prop.currency == "EUR"
    assert prop.latitude == pytest.approx(38.7223)
    units = (await db.scalars(select(Unit).where(Unit.unit_type_id == listing.id))).all()
    assert len(units) == 1
    rate = await db.scalar(select(Rate).where(Rate.unit_type_id == listing.id))
    assert (
        rate is not None
        and rate.is_default
        and rate.slot == 1
        and rate.base_price == Decimal("100.00")
    )
    member = await db.scalar(select(BusinessMember).where(BusinessMember.user_id == host.user.id))
    assert (
        member is not None and member.role == "owner" and member.business_id == listing.business_id
    )


async def test_a_second_listing_reuses_the_business(db: AsyncSession) -> None:
    host = await make_user(db)
    first = await make_listing(db, host)
    second = await make_listing(db, host, title="Second place")
    assert first.business_id == second.business_id
    assert (
        await db.scalar(
            select(func.count()).select_from(Business).where(Business.id == first.business_id)
        )
        == 1
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("currency", "XYZ"),
        ("timeZone", "Mars/Olympus"),
        ("location", {"lat": 91, "lng": 0}),
        ("location", {"lat": 0, "lng": 181}),
        ("pricePerNight", "-1"),
        (
            "seasonalPricing",
            {"rules": [{"startDate": "2026-07-10", "endDate": "2026-07-01", "pricePerNight": 1}]},
        ),
        ("cancellationPolicy", {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 101}]}),
    ],
)
async def test_invalid_listing_fields_are_refused(
    db: AsyncSession, field: str, value: object
) -> None:
    host = await make_user(db)
    with pytest.raises(ValidationError) as caught:
        await make_listing(db, host, **{field: value})
    assert any(err["loc"][0] == field for err in caught.value.errors())
