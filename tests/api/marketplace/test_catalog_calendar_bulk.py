"""Bulk calendar ranges over HTTP (PUT /v1/listings/{id}/calendar, a staykit addition):
all or nothing, later ranges win, every date gets its entry, the quote sees the values, and
bodies over the limits are a 400 naming the item."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.catalog.models import InventoryDay, UnitType
from tests.api.marketplace.test_catalog_calendar import create, rate_day
from tests.factories import Person, assert_error, iso_days_from

LISTINGS = "/propertycatalog-api/v1/listings"
# Calendar writes cover yesterday to 3 years ahead (domain/catalog/dates.py): every date
# is built from an anchor well inside that window, so the tests never age. Even the
# oversized bodies stay inside it (their last date is BASE + 732 days, under 3 years),
# so only the size can be what they are refused for.
BASE = utcnow().date() + timedelta(days=120)
on = iso_days_from(BASE)  # on(n): BASE + n days, ISO


def url(listing: UnitType) -> str:
    return f"{LISTINGS}/{listing.id}/calendar"


async def entries(db: AsyncSession, listing: UnitType) -> int:
    return int(
        await db.scalar(
            select(func.count())
            .select_from(InventoryDay)
            .where(InventoryDay.unit_type_id == listing.id, InventoryDay.is_active)
        )
        or 0
    )


async def test_ranges_set_prices_stays_and_availability_and_the_quote_sees_them(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    body = {
        "ranges": [
            {"from": on(0), "to": on(6), "priceOverride": 150, "minStay": 2},
            {"from": on(4), "to": on(5), "isAvailable": False},
            {"from": on(6), "to": on(6), "priceOverride": 99.5},
        ]
    }
    r = await client.put(url(listing), json=body, headers=host.headers)
    assert r.status_code == 200, r.text
    assert r.json()["dataName"] == "listingCalendars" and r.json()["action"] == "update"
    got = r.json()["listingCalendars"]
    assert [e["date"] for e in got] == [on(d) for d in range(7)]
    assert [e["priceOverride"] for e in got] == [150.0] * 6 + [99.5]
    assert [e["isAvailable"] for e in got] == [True] * 4 + [False, False, True]
    assert all(e["minStay"] == 2 for e in got)
    q = await client.get(
        f"{LISTINGS}/{listing.id}/quote",
        params={"checkIn": on(0), "checkOut": on(2), "guestCount": 2},
    )
    assert q.json()["quote"]["subtotal"] == 300.0
    closed = await client.get(
        f"{LISTINGS}/{listing.id}/quote",
        params={"checkIn": on(3), "checkOut": on(6), "guestCount": 2},
    )
    rules = {v["rule"] for v in closed.json()["quote"]["violations"]}
    assert rules == {"unavailable"}

    # An existing entry is updated, not duplicated; null clears an override.
    again = await client.put(
        url(listing),
        json={"ranges": [{"from": on(6), "to": on(7), "priceOverride": None}]},
        headers=host.headers,
    )
    assert again.status_code == 200, again.text
    assert [e["priceOverride"] for e in again.json()["listingCalendars"]] == [None, None]
    assert await entries(db, listing) == 8
    assert await rate_day(db, listing.id, on(6)) is not None  # minStay 2 is kept
    assert await rate_day(db, listing.id, on(7)) is None


async def test_an_entry_made_one_by_one_is_updated_by_a_range(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    one = await create(client, host, listing, date=on(30), priceOverride=80)
    r = await client.put(
        url(listing),
        json={"ranges": [{"from": on(30), "to": on(31), "isAvailable": False}]},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    first = r.json()["listingCalendars"][0]
    assert first["id"] == one["id"] and first["priceOverride"] == 80.0
    assert first["isAvailable"] is False


@pytest.mark.parametrize(
    ("ranges", "field"),
    [
        ([{"from": on(1), "to": on(0)}], "ranges.0.to"),
        ([{"from": on(0), "to": on(366)}], "ranges.0.to"),  # 367 dates,
        ([{"from": "2020-01-01", "to": "2020-01-02"}], "ranges.0.from"),
        (
            [{"from": on(0), "to": on(1), "priceOverride": -1}],
            "ranges.0.priceOverride",
        ),
        (
            [
                {"from": on(0), "to": on(0)},
                {"from": on(0), "to": on(1), "minStay": 0},
            ],
            "ranges.1.minStay",
        ),
        ([{"from": on(0), "to": on(1), "isAvailable": None}], "ranges.0.isAvailable"),
        ([{"from": on(0), "to": on(1), "colour": "red"}], "ranges.0.colour"),
        ([{"from": on(0)}], "ranges.0.to"),
        ([{"from": "June", "to": on(1)}], "ranges.0.from"),
        ([], "ranges"),
        ([{"from": on(0), "to": on(0)}] * 101, "ranges"),
        (
            # 365 + 366 + 2 = 733 distinct dates, each range within its own limit
            [
                {"from": on(0), "to": on(364)},
                {"from": on(365), "to": on(730)},
                {"from": on(731), "to": on(732)},
            ],
            "ranges",
        ),
    ],
)
async def test_bad_or_oversized_bodies_are_refused_naming_the_item_and_nothing_is_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    listing: UnitType,
    ranges: list[dict[str, Any]],
    field: str,
) -> None:
    r = await client.put(url(listing), json={"ranges": ranges}, headers=host.headers)
    assert_error(r, 400, field=field)
    assert await entries(db, listing) == 0


async def test_jpy_prices_must_be_whole(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    from tests.factories import make_listing

    yen = await make_listing(db, host, currency="JPY", pricePerNight="10000")
    r = await client.put(
        url(yen),
        json={"ranges": [{"from": on(0), "to": on(1), "priceOverride": 10.5}]},
        headers=host.headers,
    )
    assert_error(r, 400, field="ranges.0.priceOverride")


async def test_only_the_host_or_an_admin_writes_ranges(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    body = {"ranges": [{"from": on(0), "to": on(0), "isAvailable": False}]}
    assert_error(await client.put(url(listing), json=body), 401)
    assert_error(await client.put(url(listing), json=body, headers=other.headers), 403)
    unknown = f"{LISTINGS}/0190f0c2-0000-7000-8000-000000000000/calendar"
    assert_error(await client.put(unknown, json=body, headers=host.headers), 404, field="listingId")
    assert await entries(db, listing) == 0
    r = await client.put(url(listing), json=body, headers=admin.headers)
    assert r.status_code == 200, r.text


async def test_a_whole_year_is_one_request(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    # 99 one-date ranges, then one range over the rest: 365 dates in 100 ranges.
    body = {
        "ranges": [{"from": on(i), "to": on(i), "priceOverride": 100 + i % 7} for i in range(99)]
        + [{"from": on(99), "to": on(364), "minStay": 3}]
    }
    r = await client.put(url(listing), json=body, headers=host.headers)
    assert r.status_code == 200, r.text
    assert len(r.json()["listingCalendars"]) == 365
    assert await entries(db, listing) == 365
