"""The BFF's filter language, sorting, paging, count and saved filters over HTTP: valid
filters narrow the list, unknown fields, operators and mistyped values are 400s naming
the field, count agrees with list, and saved filters are per user."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.test_reservations_api import book
from tests.factories import Person, assert_error, make_listing, make_logged_in

BFF = "/bff-service"
LISTINGS = f"{BFF}/ListingDetailView"
RESERVATIONS = f"{BFF}/ReservationDetailView"


async def filtered(
    client: httpx.AsyncClient, url: str, filters: Any, who: Person | None = None, **params: Any
) -> httpx.Response:
    headers = who.headers if who else {}
    return await client.post(
        f"{url}/list", params=params, json={"filters": filters}, headers=headers
    )


def titles(r: httpx.Response) -> list[str]:
    assert r.status_code == 200, r.text
    return [row["title"] for row in r.json()["ListingDetailView"]]


async def three_listings(db: AsyncSession, host: Person) -> list[UnitType]:
    return [
        await make_listing(db, host, title="Alpha loft", pricePerNight="80.00", maxGuests=2),
        await make_listing(db, host, title="Beta house", pricePerNight="150.00", maxGuests=6),
        await make_listing(db, host, title="Gamma villa", pricePerNight="300.00", maxGuests=8),
    ]


async def test_filters_narrow_the_list_and_count_agrees(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await three_listings(db, host)
    mine = {"hostId": host.id}
    cases: list[tuple[dict[str, Any], list[str]]] = [
        ({"pricePerNight": {"gte": 100}}, ["Beta house", "Gamma villa"]),
        ({"pricePerNight": {"between": [50, 200]}, "maxGuests": {"lt": 6}}, ["Alpha loft"]),
        ({"title": "HOUSE"}, ["Beta house"]),
        ({"title": {"startsWith": "gam"}}, ["Gamma villa"]),
        ({"propertyType": ["Apartment"]}, ["Alpha loft", "Beta house", "Gamma villa"]),
        ({"maxStay": None}, ["Alpha loft", "Beta house", "Gamma villa"]),
        ({"isPublished": False}, []),
    ]
    for conditions, expected in cases:
        r = await filtered(
            client, LISTINGS, {**mine, **conditions}, sortBy="title", sortOrder="asc"
        )
        assert titles(r) == expected, conditions
        c = await client.post(f"{LISTINGS}/count", json={"filters": {**mine, **conditions}})
        assert c.status_code == 200, c.text
        assert c.json()["count"] == len(expected) == r.json()["paging"]["totalRowCount"]


async def test_sort_and_paging(client: httpx.AsyncClient, db: AsyncSession, host: Person) -> None:
    await three_listings(db, host)
    mine = {"hostId": host.id}
    r = await filtered(client, LISTINGS, mine, sortBy="pricePerNight", sortOrder="desc")
    assert titles(r) == ["Gamma villa", "Beta house", "Alpha loft"]
    pages = []
    for page in (1, 2, 3):
        r = await filtered(
            client, LISTINGS, mine, sortBy="pricePerNight", sortOrder="asc", page=page, limit=2
        )
        pages.append(titles(r))
        assert r.json()["paging"] == {
            "pageNumber": page,
            "pageRowCount": 2,
            "totalRowCount": 3,
            "pageCount": 2,
        }
    assert pages == [["Alpha loft", "Beta house"], ["Gamma villa"], []]
    r = await client.get(f"{LISTINGS}/list", params={"q": "villa", "sortBy": "title"})
    assert "Gamma villa" in titles(r) and "Alpha loft" not in titles(r)
    c = await client.get(f"{LISTINGS}/count", params={"q": "gamma villa"})
    assert c.json()["count"] == len(titles(r))


async def test_bad_filters_sorts_and_pages_are_400s_naming_the_field(
    client: httpx.AsyncClient, guest: Person
) -> None:
    for filters, field in (
        ({"nope": 1}, "filters.nope"),
        ({"photos": "x"}, "filters.photos"),  # shown, not filterable
        ({"pricePerNight": {"like": 3}}, "filters.pricePerNight"),
        ({"pricePerNight": "cheap"}, "filters.pricePerNight"),
        ({"maxGuests": 2.5}, "filters.maxGuests"),
        ({"maxGuests": True}, "filters.maxGuests"),
        ({"isPublished": "yes"}, "filters.isPublished"),
        ({"hostId": "not-an-id"}, "filters.hostId"),
        ({"propertyType": "castle"}, "filters.propertyType"),
        ({"createdAt": {"gte": "yesterday"}}, "filters.createdAt"),
        ({"createdAt": {"gte": "2026-01-01T00:00:00"}}, "filters.createdAt"),  # no offset
        ({"pricePerNight": {"between": [1]}}, "filters.pricePerNight"),
        ({"title": {"in": []}}, "filters.title"),
    ):
        r = await filtered(client, LISTINGS, filters)
        assert_error(r, 400, field=field)
        r = await client.post(f"{LISTINGS}/count", json={"filters": filters})
        assert_error(r, 400, field=field)
    r = await filtered(client, RESERVATIONS, {"checkIn": {"gte": "2027-02-30"}}, guest)
    assert_error(r, 400, field="filters.checkIn")
    assert_error(await client.post(f"{LISTINGS}/list", json={"filters": []}), 400)
    assert_error(await client.post(f"{LISTINGS}/list", json={}), 400)
    assert_error(
        await client.get(f"{LISTINGS}/list", params={"sortBy": "description"}), 400, field="sortBy"
    )
    assert_error(await client.get(f"{LISTINGS}/list", params={"sortOrder": "up"}), 400)
    assert_error(await client.get(f"{LISTINGS}/list", params={"limit": 1000}), 400)
    assert_error(await client.get(f"{LISTINGS}/list", params={"page": 0}), 400)
    assert_error(await client.get(f"{LISTINGS}/list", params={"color": "red"}), 400)


async def test_reservation_filters_use_the_marketplace_status_words(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    made = await book(client, guest, listing)
    r = await filtered(client, RESERVATIONS, {"bookingStatus": "CONFIRMED"}, guest)
    assert [x["id"] for x in r.json()["ReservationDetailView"]] == [made["id"]]
    r = await filtered(client, RESERVATIONS, {"bookingStatus": {"ne": "confirmed"}}, guest)
    assert r.json()["ReservationDetailView"] == []
    r = await filtered(client, RESERVATIONS, {"checkIn": made["checkIn"], "nights": 2}, guest)
    assert r.json()["paging"]["totalRowCount"] == 1


async def test_the_schema_describes_the_real_fields(
    client: httpx.AsyncClient, guest: Person, listing: UnitType
) -> None:
    for index in ("ReservationDetailView", "chatContext", "ListingDetailView"):
        r = await client.get(f"{BFF}/{index}/schema")
        assert r.status_code == 200, r.text
        schema = r.json()["indexSchema"]
        assert schema["indexName"] == index
        assert schema["staleness"].startswith("none")
        by_name = {f["name"]: f for f in schema["fields"]}
        assert by_name["id"]["filterable"] and by_name["id"]["type"] == "id"
    listing_fields = {
        f["name"] for f in (await client.get(f"{LISTINGS}/schema")).json()["indexSchema"]["fields"]
    }
    record = (await client.get(f"{LISTINGS}/{listing.id}")).json()["ListingDetailView"]
    assert listing_fields == set(record)


async def test_saved_filters_are_validated_listed_and_deleted_by_their_owner_only(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person
) -> None:
    other = await make_logged_in(client, db)
    url = f"{BFF}/ReservationDetailView/filters"
    body = {"filterName": "Upcoming", "conditions": {"bookingStatus": ["confirmed"]}}
    r = await client.post(url, json=body, headers=guest.headers)
    assert r.status_code == 201, r.text
    saved = r.json()["savedFilter"]
    assert (saved["filterName"], saved["conditions"]) == ("Upcoming", body["conditions"])
    assert saved["indexName"] == "ReservationDetailView"
    # the seed's other body shape: `filters`
    r = await client.post(
        url,
        json={"filterName": "Big", "filters": {"totalPrice": {"gte": 500}}},
        headers=guest.headers,
    )
    assert r.status_code == 201, r.text
    assert_error(await client.post(url, json=body, headers=guest.headers), 409)
    bad = {"filterName": "Bad", "conditions": {"nope": 1}}
    assert_error(await client.post(url, json=bad, headers=guest.headers), 400, field="filters.nope")
    both = {"filterName": "Both", "conditions": {}, "filters": {}}
    assert_error(await client.post(url, json=both, headers=guest.headers), 400)
    assert_error(await client.post(url, json={"conditions": {}}, headers=guest.headers), 400)
    assert_error(await client.post(url, json=body), 401)
    mine = (await client.get(url, headers=guest.headers)).json()
    assert [f["filterName"] for f in mine["savedFilters"]] == ["Big", "Upcoming"]
    assert mine["paging"]["totalRowCount"] == 2
    assert (await client.get(url, headers=other.headers)).json()["savedFilters"] == []
    other_index = await client.get(f"{BFF}/chatContext/filters", headers=guest.headers)
    assert other_index.json()["savedFilters"] == []
    assert_error(await client.delete(f"{url}/{saved['id']}", headers=other.headers), 404)
    r = await client.delete(f"{url}/{saved['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    assert_error(await client.delete(f"{url}/{saved['id']}", headers=guest.headers), 404)
    left = (await client.get(url, headers=guest.headers)).json()["savedFilters"]
    assert [f["filterName"] for f in left] == ["Big"]
