"""GET and POST /cloudapi/rates/nightly on the PMS-shaped tenant: the values a quote uses,
date by date, for every rate; per-date writes, all or nothing, that the marketplace
calendar, quotes and search see at once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.dates import property_today, write_window
from staykit.domain.catalog.models import InventoryDay, Rate, RateDay
from staykit.domain.catalog.quote import quote_stay
from tests.api.cloud.conftest import Pms
from tests.factories import add_member, days_from, frozen_clock, make_user, partner_token

URL = "/cloudapi/rates/nightly"
LISTINGS = "/propertycatalog-api/v1/listings"
CALENDARS = "/propertycatalog-api/v1/listingcalendars"
# Dates well inside the write window (yesterday to 3 years ahead where the property is)
# whatever the hour: the tests never age.
day = days_from()


def iso(n: int) -> str:
    return day(n).isoformat()


async def read(client: httpx.AsyncClient, pms: Pms, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(URL, params=params, headers=await pms.headers("read:inventory"))
    assert r.status_code == 200, r.text
    return list(r.json())


async def post(client: httpx.AsyncClient, pms: Pms, body: Any) -> httpx.Response:
    return await client.post(URL, json=body, headers=await pms.headers("write:inventory"))


def by_rate(rates: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["rateId"]: r for r in rates}


async def rate_day(db: AsyncSession, rate: Rate, on: date) -> RateDay | None:
    return await db.scalar(
        select(RateDay)
        .where(RateDay.rate_id == rate.id, RateDay.date == on)
        .execution_options(populate_existing=True)
    )


async def rate_days(db: AsyncSession, pms: Pms) -> int:
    rates = [pms.queen_rate.id, pms.breakfast.id, pms.weekly.id, pms.cabin_rate.id]
    return int(
        await db.scalar(select(func.count()).select_from(RateDay).where(RateDay.rate_id.in_(rates)))
        or 0
    )


@pytest.fixture
async def priced(db: AsyncSession, pms: Pms) -> Pms:
    """The pms world with a calendar worth reading, from day 30 on: the queen's default
    rate has a RateDay on day 31 (price, minimum stay, closed to arrival) and the queen two
    seasonal rules (a fixed price on days 32-33, then +10% on days 33-34: the later rule
    wins on day 33); the breakfast rate a RateDay on day 34 (base occupancy 1, its own
    adult charge)."""
    pms.queen.seasonal_pricing = {
        "rules": [
            {"startDate": iso(32), "endDate": iso(33), "pricePerNight": "200"},
            {"startDate": iso(33), "endDate": iso(34), "adjustmentPercent": "10"},
        ]
    }
    db.add_all(
        [
            RateDay(
                rate_id=pms.queen_rate.id,
                date=day(31),
                price=Decimal("99.50"),
                min_stay=3,
                closed_to_arrival=True,
            ),
            RateDay(
                rate_id=pms.breakfast.id,
                date=day(34),
                base_occupancy=1,
                extra_guest_charges={str(pms.adult.id): "20.00"},
            ),
        ]
    )
    await db.commit()
    return pms


# --- GET -----------------------------------------------------------------------------------


async def test_every_active_rate_has_one_entry_per_date_with_the_effective_values(
    client: httpx.AsyncClient, priced: Pms
) -> None:
    pms = priced
    rates = await read(client, pms, **{"from": iso(30), "to": iso(35)})
    assert [r["rateId"] for r in rates] == [
        str(r.id) for r in (pms.queen_rate, pms.breakfast, pms.weekly, pms.cabin_rate)
    ]
    queen = rates[0]
    assert queen == {
        "rateId": str(pms.queen_rate.id),
        "rateName": "Rack",
        "ratePlanId": str(pms.queen_rate.rate_plan_id),
        "ratePlanName": queen["ratePlanName"],
        "unitTypeId": str(pms.queen.id),
        "propertyId": str(pms.property.id),
        "currency": "USD",
        "defaultRate": True,
        "seasonType": "Daily",
        "startDate": iso(30),
        "endDate": iso(35),
        "allowUpdates": True,
        "data": [
            {"date": iso(30), "price": 120, "baseOccupancy": 2},
            {
                "date": iso(31),
                "price": 99.5,
                "baseOccupancy": 2,
                "minimumNights": 3,
                "closedToArrival": True,
            },
            {"date": iso(32), "price": 200, "baseOccupancy": 2},  # the fixed seasonal price
            {"date": iso(33), "price": 132, "baseOccupancy": 2},  # the later rule: +10%
            {"date": iso(34), "price": 132, "baseOccupancy": 2},
            {"date": iso(35), "price": 120, "baseOccupancy": 2},
        ],
    }
    breakfast = rates[1]
    charges = {str(pms.adult.id): 15, str(pms.child.id): 5}
    assert breakfast["defaultRate"] is False and breakfast["ratePlanName"] == "Packages"
    # Other rates follow percent rules only, on their own base price.
    assert [d["price"] for d in breakfast["data"]] == [150, 150, 150, 165, 165, 150]
    assert breakfast["data"][0] == {
        "date": iso(30),
        "price": 150,
        "baseOccupancy": 2,
        "extraGuestCharges": charges,
    }
    # The date's own adult charge, the rate's child charge (per guest type, as quotes read).
    assert breakfast["data"][4] == {
        "date": iso(34),
        "price": 165,
        "baseOccupancy": 1,
        "extraGuestCharges": {str(pms.adult.id): 20, str(pms.child.id): 5},
    }
    weekly, cabin = rates[2], rates[3]
    assert weekly["allowUpdates"] is False and weekly["rateName"] == "Weekly"
    assert [d["price"] for d in weekly["data"]] == [700, 700, 700, 770, 770, 700]
    assert cabin["unitTypeId"] == str(pms.cabin.id) and cabin["defaultRate"] is True
    assert cabin["data"][0] == {"date": iso(30), "price": 200, "baseOccupancy": 4}
