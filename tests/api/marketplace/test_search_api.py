"""Listing search over HTTP (GET /propertycatalog-api/v1/listings, listListings): the
envelope and paging, the search parameters, who sees unpublished listings, 400s naming the
parameter, and a constant number of SQL statements whatever the page holds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from staykit.domain.catalog.listings import default_rate
from staykit.domain.catalog.models import Amenity, ListingLocaleText, Occupancy, RateDay, Unit
from staykit.domain.catalog.quote import quote_stay
from tests.factories import (
    Person,
    assert_error,
    iso_days_from,
    make_listing,
    make_logged_in,
    make_user,
)

LISTINGS = "/propertycatalog-api/v1/listings"
LISBON = (38.7223, -9.1393)


day = iso_days_from()  # from today (UTC)


async def search(client: httpx.AsyncClient, params: Any = (), **kwargs: Any) -> dict[str, Any]:
    r = await client.get(LISTINGS, params=params, **kwargs)
    assert r.status_code == 200, r.text
    return dict(r.json())


def titles(body: dict[str, Any]) -> set[str]:
    return {item["title"] for item in body["listings"]}


async def test_anonymous_search_answers_the_list_envelope_with_paging_and_joins(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi = Amenity(name="Wifi", icon_url="https://cdn.example/wifi.svg")
    db.add(wifi)
    await db.flush()
    listing = await make_listing(db, host, title="Sunny flat", amenityIds=[str(wifi.id)])
    db.add(
        ListingLocaleText(
            listing_id=listing.id,
            language_code="pt",
            localized_title="Apartamento soalheiro",
            localized_description="Dois quartos.",
        )
    )
    await db.commit()
    body = await search(client)
    assert body["status"] == "OK" and body["dataName"] == "listings" and body["action"] == "list"
    assert body["paging"] == {
        "pageNumber": 1,
        "pageRowCount": 25,
        "totalRowCount": 1,
        "pageCount": 1,
    }
    [item] = body["listings"]
    assert item["id"] == str(listing.id) and item["title"] == "Sunny flat"
    assert item["hostId"] == host.id and item["pricePerNight"] == 100.0
    assert item["location"] == {"lat": 38.7223, "lng": -9.1393, "city": "Lisbon", "country": "PT"}
    assert item["propertyType"] == "apartment" and item["propertyType_idx"] == 0
    assert item["amenities"] == [
        {"id": str(wifi.id), "iconUrl": "https://cdn.example/wifi.svg", "name": "Wifi"}
    ]
    assert item["locales"][0]["localizedTitle"] == "Apartamento soalheiro"
    assert "distanceKm" not in item and "quote" not in item
    # getJoins=false leaves the associations out
    plain = await search(client, {"getJoins": "false"})
    assert "amenities" not in plain["listings"][0]


async def test_distance_and_the_stay_quote_are_added_when_asked(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    lat, lng = LISBON
    listing = await make_listing(db, host, title="Priced", cleaningFee="30.00", cityTaxPercent="5")
    rate = await default_rate(db, listing.id)
    db.add(RateDay(rate_id=rate.id, date=date.fromisoformat(day(32)), price=Decimal("150.00")))
    await db.commit()
    body = await search(
        client,
        {
            "lat": str(lat + 0.09),
            "lng": str(lng),
            "radiusKm": "11",
            "checkIn": day(31),
            "checkOut": day(34),
            "guestCount": "2",
        },
    )
    [item] = body["listings"]
    assert item["distanceKm"] == pytest.approx(10.019, abs=0.001)
    quote = await quote_stay(
        db, listing, date.fromisoformat(day(31)), date.fromisoformat(day(34)), 2
    )
    # 100 + 150 + 100 = 350, + 30 cleaning, + 5% of 350 = 17.50
    assert quote.total == Decimal("397.50")
    assert item["quote"] == {
        "checkIn": day(31),
        "checkOut": day(34),
        "nights": 3,
        "subtotal": 350.0,
        "total": 397.5,
        "currency": "EUR",
    }


async def test_unpublished_listings_show_only_to_their_host_by_host_id_and_to_admins(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await make_listing(db, host, title="Public")
    await make_listing(db, host, title="Draft", isPublished=False)
    other = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    own = {"hostId": host.id}
    assert titles(await search(client)) == {"Public"}
    assert titles(await search(client, own)) == {"Public"}
    assert titles(await search(client, own, headers=other.headers)) == {"Public"}
    assert titles(await search(client, headers=host.headers)) == {"Public"}
    assert titles(await search(client, own, headers=host.headers)) == {"Public", "Draft"}
    assert titles(await search(client, headers=admin.headers)) == {"Public", "Draft"}
    narrowed = {"isPublished": "false"}
    assert titles(await search(client, narrowed, headers=admin.headers)) == {"Draft"}
    assert titles(await search(client, narrowed)) == set()


async def test_admins_list_deleted_listings_with_is_active_false(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await make_listing(db, host, title="Live")
    gone = await make_listing(db, host, title="Gone")
    gone.is_active = False
    await db.commit()
    admin = await make_logged_in(client, db, role="admin")
    inactive = {"isActive": "false"}
    assert titles(await search(client, inactive, headers=admin.headers)) == {"Gone"}
    # Not an admin: the parameter changes nothing.
    assert titles(await search(client, inactive, headers=host.headers)) == {"Live"}
    r = await client.get(LISTINGS, params={"isActive": "maybe"}, headers=admin.headers)
    assert_error(r, 400, field="isActive")


async def test_search_parameters_over_http(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    wifi, pool = Amenity(name="Wifi"), Amenity(name="Pool")
    db.add_all([wifi, pool])
    await db.flush()
    both = [str(wifi.id), str(pool.id)]
    await make_listing(db, host, title="Bright apartment", pricePerNight="80.00", amenityIds=both)
    await make_listing(
        db,
        host,
        title="Garden villa",
        propertyType="villa",
        pricePerNight="250.00",
        amenityIds=[str(wifi.id)],
        maxGuests=8,
    )
    blocked = await make_listing(db, host, title="Blocked loft", propertyType="loft")
    unit = await db.scalar(select(Unit).where(Unit.unit_type_id == blocked.id))
    assert unit is not None
    db.add(
        Occupancy(
            business_id=blocked.business_id,
            unit_id=unit.id,
            unit_type_id=blocked.id,
            arrival=date.fromisoformat(day(31)),
            departure=date.fromisoformat(day(33)),
            kind="block",
            ref=uuid.uuid4(),
        )
    )
    await db.commit()
    assert titles(await search(client, {"q": "apartmnt"})) == {"Bright apartment"}
    assert titles(await search(client, {"propertyType": "villa"})) == {"Garden villa"}
    assert titles(await search(client, {"guestCount": "5"})) == {"Garden villa"}
    assert titles(await search(client, {"minPrice": "100.01"})) == {"Garden villa"}
    assert titles(await search(client, {"maxPrice": "90"})) == {"Bright apartment"}
    assert titles(await search(client, {"pricePerNight": "$btw-50-99"})) == {"Bright apartment"}
    assert titles(await search(client, {"amenityIds": ",".join(both)})) == {"Bright apartment"}
    assert titles(await search(client, [("amenityIds", a) for a in both])) == {"Bright apartment"}
    assert titles(await search(client, {"checkIn": day(32), "checkOut": day(35)})) == {
        "Bright apartment",
        "Garden villa",
    }
    assert titles(await search(client, {"checkIn": day(33), "checkOut": day(35)})) == {
        "Bright apartment",
        "Garden villa",
        "Blocked loft",
    }
    ordered = await search(client, {"sort": "-price"})
    assert [i["title"] for i in ordered["listings"]] == [
        "Garden villa",
        "Blocked loft",
        "Bright apartment",
    ]


async def test_pages_carry_the_total_row_count(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    for n in range(7):
        await make_listing(db, host, title=f"Flat {n}")
    first = await search(client, {"pageRowCount": "3"})
    assert len(first["listings"]) == 3
    assert first["paging"] == {
        "pageNumber": 1,
        "pageRowCount": 3,
        "totalRowCount": 7,
        "pageCount": 3,
    }
    last = await search(client, {"pageRowCount": "3", "pageNumber": "3"})
    assert len(last["listings"]) == 1 and last["paging"]["totalRowCount"] == 7
    beyond = await search(client, {"pageRowCount": "3", "pageNumber": "9"})
    assert beyond["listings"] == [] and beyond["paging"]["totalRowCount"] == 7
    every = await search(client, {"pageNumber": "0"})
    assert len(every["listings"]) == 7 and every["paging"]["pageRowCount"] == 7
    seen = [
        i["id"]
        for p in (1, 2, 3)
        for i in (await search(client, {"pageRowCount": "3", "pageNumber": str(p)}))["listings"]
    ]
    assert len(set(seen)) == 7


BAD = [
    ({"checkIn": day(10), "checkOut": day(10)}, "checkOut"),
    ({"checkIn": day(10), "checkOut": day(8)}, "checkOut"),
    ({"checkIn": day(10), "checkOut": day(400)}, "checkOut"),
    ({"checkIn": day(10)}, "checkOut"),
    ({"checkIn": "10/03/2030", "checkOut": day(12)}, "checkIn"),
    ({"lat": "38.7"}, "lng"),
    ({"lng": "-9.1"}, "lat"),
    ({"lat": "-90.01", "lng": "0"}, "lat"),
    ({"lat": "0", "lng": "181"}, "lng"),
    ({"lat": "0", "lng": "abc"}, "lng"),
    ({"radiusKm": "10"}, "lat"),
    ({"lat": "0", "lng": "0", "radiusKm": "0"}, "radiusKm"),
    ({"lat": "0", "lng": "0", "radiusKm": "501"}, "radiusKm"),
    ({"guestCount": "0"}, "guestCount"),
    ({"guestCount": "1.5"}, "guestCount"),
    ({"minPrice": "-10"}, "minPrice"),
    ({"maxPrice": "-1"}, "maxPrice"),
    ({"minPrice": "300", "maxPrice": "200"}, "minPrice"),
    ({"sort": "best"}, "sort"),
    ({"sort": "distance"}, "sort"),
    ({"amenityIds": "not-an-id"}, "amenityIds"),
    ({"q": "y" * 201}, "q"),
    ({"hostId": "123"}, "hostId"),
    ({"propertyType": "castle"}, "propertyType"),
    ({"pricePerNight": "$lt-cheap"}, "pricePerNight"),
    ({"isPublished": "yes"}, "isPublished"),
    ({"pageRowCount": "0"}, "pageRowCount"),
    ({"pageNumber": "-1"}, "pageNumber"),
]


@pytest.mark.parametrize(("params", "field"), BAD)
async def test_bad_search_input_is_a_400_naming_the_parameter(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    r = await client.get(LISTINGS, params=params)
    body = assert_error(r, 400, field=field)
    assert str(body["message"]).startswith("errMsg_")


@contextmanager
def statements_on(engine: AsyncEngine) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_a_page_costs_the_same_statements_for_one_listing_or_twenty_five(
    client: httpx.AsyncClient, db: AsyncSession, engine: AsyncEngine
) -> None:
    host = await make_user(db)
    wifi = Amenity(name="Wifi")
    db.add(wifi)
    await db.commit()
    params = {
        "q": "flat",
        "lat": str(LISBON[0]),
        "lng": str(LISBON[1]),
        "radiusKm": "25",
        "checkIn": day(31),
        "checkOut": day(36),
        "guestCount": "2",
        "minPrice": "0",
        "maxPrice": "5000",
        "amenityIds": str(wifi.id),
        "sort": "price",
    }
    counts = []
    made = 0
    for wanted in (1, 30):
        for _ in range(wanted - made):
            await make_listing(db, host, title="Sunny flat", amenityIds=[str(wifi.id)])
        made = wanted
        with statements_on(engine) as seen:
            body = await search(client, params)
        assert body["paging"]["totalRowCount"] == wanted
        assert len(body["listings"]) == min(wanted, 25)
        searches = [s for s in seen if "FROM unit_types JOIN properties" in s]
        assert len(searches) == 1, seen
        counts.append(len(seen))
    # The search, then one query per join kind (amenities, locales), and the
    # harness's savepoints: a small constant, the same for 1 or 25 listings.
    assert counts[0] == counts[1] <= 6, counts
