"""Unknown query parameters are a 400 naming the parameter and listing the route's known
ones (as unknown body fields are), on search, on generated list and get routes and on
hand-written ones; every documented parameter is still taken."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Amenity
from tests.factories import Person, assert_error, iso_days_from, make_listing

LISTINGS = "/propertycatalog-api/v1/listings"
AMENITIES = "/propertycatalog-api/v1/listingamenities"

day = iso_days_from()


async def test_search_with_an_unknown_parameter_is_400_naming_it_and_the_known_ones(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await make_listing(db, host, title="Harbour view")
    r = await client.get(LISTINGS, params={"city": "Lisbon", "requestId": "probe-1"})
    body = assert_error(r, 400, field="city", message="errMsg_cityIsNotAllowed")
    assert body["requestId"] == "probe-1"
    detail = str(body["detail"])
    assert detail.startswith("city is not a parameter of listListings; known: ")
    known = detail.removeprefix("city is not a parameter of listListings; known: ").rstrip(".")
    names = known.split(", ")
    assert names == sorted(names)
    for name in ("amenityIds", "checkIn", "guestCount", "pageNumber", "q", "title", "isActive"):
        assert name in names
    assert body["facts"] == {"known": names}


async def test_search_still_takes_every_documented_parameter(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    await make_listing(db, host, title="Harbour view")
    params = {
        "q": "harbour",
        "pageNumber": "1",
        "pageRowCount": "10",
        "getJoins": "false",
        "excludeCQRS": "false",
        "caching": "false",
        "cacheTTL": "60",
        "requestId": "r-1",
        "title": "harbour",
        "currency": "EUR",
        "sort": "relevance",
        "access_token": "",
    }
    r = await client.get(LISTINGS, params=params)
    assert r.status_code == 200, r.text


async def test_a_typo_on_a_generated_list_route_is_400(client: httpx.AsyncClient) -> None:
    r = await client.get(AMENITIES, params={"pageNumbr": "2"})
    body = assert_error(r, 400, field="pageNumbr", message="errMsg_pageNumbrIsNotAllowed")
    assert "pageNumbr is not a parameter of listListingAmenities; known: " in str(body["detail"])
    assert "pageNumber" in str(body["detail"])
    # the spelled-right one is fine
    r = await client.get(AMENITIES, params={"pageNumber": "2", "pageRowCount": "5"})
    assert r.status_code == 200, r.text


async def test_a_get_route_with_an_unknown_parameter_is_400(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    wifi = Amenity(name="Wifi", icon_url="https://cdn.example/wifi.svg")
    db.add(wifi)
    await db.flush()
    r = await client.get(f"{AMENITIES}/{wifi.id}", params={"getJoins": "false", "caching": "1"})
    assert r.status_code == 200, r.text
    r = await client.get(f"{AMENITIES}/{wifi.id}", params={"pageNumber": "1"})
    body = assert_error(r, 400, field="pageNumber")
    assert "known: access_token, caching, excludeCQRS, getJoins, requestId." in str(body["detail"])


async def test_a_snake_case_or_domain_word_name_is_named_as_sent(
    client: httpx.AsyncClient,
) -> None:
    # Named as sent, never renamed like a domain field (arrival -> checkIn).
    r = await client.get(LISTINGS, params={"arrival": "2030-01-01"})
    assert_error(r, 400, field="arrival", message="errMsg_arrivalIsNotAllowed")
    r = await client.get(LISTINGS, params={"page_number": "1"})
    assert_error(r, 400, field="page_number", message="errMsg_page_numberIsNotAllowed")


async def test_a_name_that_is_not_a_name_is_not_repeated(client: httpx.AsyncClient) -> None:
    secret = "<script>x</script>"
    r = await client.get(LISTINGS, params={secret: "1"})
    body = assert_error(r, 400, field="query")
    assert secret not in r.text
    assert "its name is not shown" in str(body["detail"])


async def test_a_hand_written_route_takes_its_declared_query_parameters(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Harbour view")
    quote = f"/propertycatalog-api/v1/listings/{listing.id}/quote"
    stay = {"checkIn": day(10), "checkOut": day(12), "guestCount": "2", "requestId": "q"}
    r = await client.get(quote, params=stay)
    assert r.status_code == 200, r.text
    r = await client.get(quote, params={**stay, "guests": "2"})
    body = assert_error(r, 400, field="guests")
    assert "guests is not a parameter of quoteListing; known: " in str(body["detail"])
    assert "guestCount" in str(body["detail"])
    r = await client.get(f"{LISTINGS}/{uuid.uuid4()}", params={"x": "1"})
    assert_error(r, 400, field="x")
