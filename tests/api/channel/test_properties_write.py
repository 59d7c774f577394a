"""POST /v2/properties, DELETE /v2/properties and DELETE /v2/properties/rooms: properties,
rooms (unit types made as the catalog makes listings) and units created, changed and
deleted item by item, never away from a stay; the booking webhook stored and checked
without ever repeating its URL; scopes write:/delete:properties; other businesses' ids are
that item's error."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Property, Rate, Unit, UnitType
from staykit.domain.catalog.webhooks import PropertyWebhook
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.api.channel.test_properties import int_ids
from tests.api.cloud.bookings import book_as_guest, book_direct
from tests.factories import days_from, make_user
from tests.pms import Pms

PROPERTIES = "/v2/properties"
ROOMS = "/v2/properties/rooms"


async def post(
    client: httpx.AsyncClient, pms: Pms, items: list[Any], *scopes: str
) -> list[dict[str, Any]]:
    headers = await pms.headers(*(scopes or ("write:properties",)))
    r = await client.post(PROPERTIES, headers=headers, json=items)
    assert r.status_code == 201, r.text
    body: list[dict[str, Any]] = r.json()
    assert len(body) == len(items)
    contracts.assert_conforms("multiplePostResponse", body)
    return body


async def read_property(client: httpx.AsyncClient, pms: Pms, property_id: int) -> dict[str, Any]:
    r = await client.get(
        PROPERTIES,
        params={"id": property_id, "includePriceRules": "true"},
        headers=await pms.headers("read:properties"),
    )
    assert r.status_code == 200, r.text
    [found] = r.json()["data"]
    return dict(found)


async def test_a_new_property_with_rooms_is_created_as_the_catalog_creates_listings(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    item = {
        "name": "Harbour House",
        "propertyType": "apartment",
        "currency": "EUR",
        "address": "1 Quay St",
        "city": "Cork",
        "country": "IE",
        "latitude": 51.9,
        "longitude": -8.47,
        "checkInStart": "14:00",
        "roomTypes": [
            {"name": "Double", "qty": 3, "maxPeople": 2, "minStay": 2, "rackRate": 95.5},
            {"name": "Suite", "qty": 1, "maxAdult": 2, "maxChildren": 2, "rackRate": 180},
        ],
    }
    [result] = await post(client, pms, [item])
    assert result["success"] is True, result
    new = result["new"]
    double, suite = new["roomTypes"]
    assert len(double["units"]) == 3 and len(suite["units"]) == 1

    found = await read_property(client, pms, new["id"])
    assert found["name"] == "Harbour House" and found["currency"] == "EUR"
    assert found["country"] == "IE" and found["checkInStart"] == "14:00"
    rooms = {r["id"]: r for r in found["roomTypes"]}
    assert rooms[double["id"]]["qty"] == 3
    assert rooms[double["id"]]["minStay"] == 2
    assert rooms[double["id"]]["rackRate"] == 95.5
    assert rooms[double["id"]]["priceRules"][0]["id"] == 1
    assert rooms[suite["id"]]["maxPeople"] == 4  # maxAdult + maxChildren
    assert any(w["field"] == "roomTypes[1].maxAdult" for w in result["warnings"])

    # As a listing: the account's business, unpublished, a default rate at rackRate.
    room = await db.scalar(select(UnitType).where(UnitType.int_id == double["id"]))
    assert room is not None and room.business_id == pms.business_id
    assert room.is_published is False and room.property_type == "apartment"
    rate = await db.scalar(select(Rate).where(Rate.unit_type_id == room.id, Rate.is_default))
    assert rate is not None and rate.base_price == Decimal("95.5") and rate.slot == 1


async def test_an_invalid_room_does_not_sink_its_property_nor_its_neighbours(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    items = [
        {
            "name": "Two rooms",
            "currency": "USD",
            "roomTypes": [{"name": "Good", "qty": 1}, {"name": "Bad", "qty": 0}],
        },
        {"name": "No currency"},
        {"name": "Fine", "currency": "USD"},
    ]
    first, second, third = await post(client, pms, items)
    assert first["success"] is False
    assert first["errors"] == [
        {"action": "new", "field": "roomTypes[1].qty", "message": first["errors"][0]["message"]}
    ]
    assert len(first["new"]["roomTypes"]) == 1
    found = await read_property(client, pms, first["new"]["id"])
    assert [r["name"] for r in found["roomTypes"]] == ["Good"]
    assert second["success"] is False and second["errors"][0]["field"] == "currency"
    assert "new" not in second
    assert third["success"] is True and third["new"]["id"]


async def test_a_nul_character_in_a_text_is_that_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    """Found by the contract fuzzer: PostgreSQL text cannot hold NUL, and the database's
    refusal made the whole request a 400 ("A value is out of range or malformed")."""
    ids = await int_ids(db, pms)
    results = await post(
        client,
        pms,
        [
            {"name": "Nul", "currency": "USD", "address": "1 Lake\x00Road"},
            {"id": ids["property"], "roomTypes": [{"name": "Attic\x00", "qty": 1}]},
            {"name": "Fine", "currency": "USD"},
        ],
    )
    assert [r["success"] for r in results] == [False, False, True]
    assert [r["errors"][0]["field"] for r in results[:2]] == ["address", "roomTypes[0].name"]


async def test_a_price_beyond_the_catalogs_bound_is_that_rooms_error(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Found by the contract fuzzer: a rackRate of 7e119 reached the currency check, whose
    rounding cannot hold it (a 500); prices are bounded as the catalog's are."""
    rooms = [
        {"name": "Huge", "qty": 1, "rackRate": 7.010278696302023e119},
        {"name": "Dear", "qty": 1, "cleaningFee": 10_000_001},
        {"name": "Top", "qty": 1, "rackRate": 10_000_000},
    ]
    [result] = await post(client, pms, [{"name": "Bounds", "currency": "USD", "roomTypes": rooms}])
    assert result["success"] is False
    fields = [e["field"] for e in result["errors"]]
    assert fields == ["roomTypes[0].rackRate", "roomTypes[1].cleaningFee"], result
    assert all("at most 10000000" in e["message"] for e in result["errors"])
    assert len(result["new"]["roomTypes"]) == 1
    found = await read_property(client, pms, result["new"]["id"])
    assert [(r["name"], r["rackRate"]) for r in found["roomTypes"]] == [("Top", 10_000_000)]


async def test_property_and_room_fields_are_modified_and_rooms_added(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    item = {
        "id": ids["property"],
        "name": "Lakeside Inn",
        "roomTypes": [
            {"id": ids["queen"], "name": "Queen deluxe", "rackRate": 130, "maxStay": 14},
            {"name": "Attic", "qty": 2, "rackRate": 80},
        ],
    }
    [result] = await post(client, pms, [item])
    assert result["success"] is True, result
    assert result["modified"]["name"] == "Lakeside Inn"
    [queen] = result["modified"]["roomTypes"]
    assert queen == {"id": ids["queen"], "name": "Queen deluxe", "rackRate": 130, "maxStay": 14}
    [attic] = result["new"]["roomTypes"]
    found = await read_property(client, pms, ids["property"])
    rooms = {r["id"]: r for r in found["roomTypes"]}
    assert found["name"] == "Lakeside Inn"
    assert rooms[ids["queen"]]["rackRate"] == 130 and rooms[ids["queen"]]["maxStay"] == 14
    assert rooms[attic["id"]]["qty"] == 2


async def test_units_are_renamed_added_and_deleted_as_sub_items(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    units = [
        {"id": ids["Queen 1"], "name": "Unit A"},
        {"id": ids["Queen 2"]},
        {"name": "Queen 3"},
    ]
    item = {"id": ids["property"], "roomTypes": [{"id": ids["queen"], "units": units}]}
    [result] = await post(client, pms, [item])
    assert result["success"] is True, result
    found = await read_property(client, pms, ids["property"])
    [queen] = [r for r in found["roomTypes"] if r["id"] == ids["queen"]]
    assert sorted(u["name"] for u in queen["units"]) == ["Queen 3", "Unit A"]
    assert queen["qty"] == 2


async def test_raising_qty_adds_units_and_lowering_it_spares_units_with_stays(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    day = days_from()
    guest = await make_user(db)
    await book_as_guest(db, pms, guest, day(5), day(8))
    await book_as_guest(db, pms, guest, day(5), day(8))  # both queen units taken
    await db.commit()

    room = {"id": ids["queen"], "qty": 1}
    [refused] = await post(client, pms, [{"id": ids["property"], "roomTypes": [room]}])
    assert refused["success"] is False
    [error] = refused["errors"]
    assert error["field"] == "roomTypes[0].qty" and "Queen" in error["message"]
    assert (await read_property(client, pms, ids["property"]))["roomTypes"][0]["qty"] == 2

    room = {"id": ids["queen"], "qty": 4}
    [raised] = await post(client, pms, [{"id": ids["property"], "roomTypes": [room]}])
    assert raised["success"] is True and raised["modified"]["roomTypes"] == [room]
    # Back down to 2: the two new units hold nothing and go; the booked ones stay.
    room = {"id": ids["queen"], "qty": 2}
    [lowered] = await post(client, pms, [{"id": ids["property"], "roomTypes": [room]}])
    assert lowered["success"] is True, lowered
    active = (
        await db.scalars(select(Unit.name).where(Unit.unit_type_id == pms.queen.id, Unit.is_active))
    ).all()
    assert sorted(active) == ["Queen 1", "Queen 2"]


async def test_the_webhook_is_stored_checked_and_never_repeated(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    secret_url = "https://hooks.example.com/staykit/s3cr3t-path"
    hook = {
        "version": "twoWithPersonalData",
        "url": secret_url,
        "customHeader": "Authorization: Bearer hush-hush",
    }
    [stored] = await post(client, pms, [{"id": ids["property"], "webhooks": hook}])
    assert stored["success"] is True, stored
    assert "s3cr3t" not in str(stored) and "hush-hush" not in str(stored)
    row = await db.scalar(
        select(PropertyWebhook).where(
            PropertyWebhook.property_id == pms.property.id, PropertyWebhook.is_active
        )
    )
    assert row is not None and row.url == secret_url and row.version == "twoWithPersonalData"

    for url in (
        "ftp://hooks.example.com/x",
        "https://user:pw@hooks.example.com/x",
        "http://127.0.0.1/x",
        "http://10.1.2.3/x",
        "http://localhost:8000/x",
    ):
        [refused] = await post(client, pms, [{"id": ids["property"], "webhooks": {"url": url}}])
        assert refused["success"] is False
        assert refused["errors"][0]["field"] == "webhooks.url"
        assert url not in str(refused) and "pw@" not in str(refused)
    [card] = await post(
        client,
        pms,
        [{"id": ids["property"], "name": "Kept", "webhooks": {"additionalData": "CVC"}}],
    )
    assert card["success"] is False and card["errors"][0]["field"] == "webhooks.additionalData"
    assert card["modified"]["name"] == "Kept"  # the property itself still changed
    await db.refresh(row)
    assert row.url == secret_url

    [removed] = await post(client, pms, [{"id": ids["property"], "webhooks": {"url": ""}}])
    assert removed["success"] is True
    await db.refresh(row)
    assert row.is_active is False


async def test_another_business_property_or_an_unknown_id_is_that_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    items = [
        {"id": ids["other_property"], "name": "Taken over"},
        {"id": 999_999_999, "name": "Nowhere"},
        {"id": ids["property"], "roomTypes": [{"id": ids["other_room"], "name": "Mine now"}]},
    ]
    results = await post(client, pms, items)
    assert [r["success"] for r in results] == [False, False, False]
    assert results[2]["errors"][0]["field"] == "roomTypes[0].id"
    other = await db.scalar(select(Property).where(Property.int_id == ids["other_property"]))
    assert other is not None and other.name != "Taken over"
    room = await db.scalar(select(UnitType).where(UnitType.int_id == ids["other_room"]))
    assert room is not None and room.title != "Mine now"


async def test_post_needs_write_properties_and_a_body_array(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        PROPERTIES, headers=await pms.headers("read:properties"), json=[{"name": "x"}]
    )
    body = assert_channel_error(r, 403)
    assert "write:properties" in str(body["error"])
    r = await client.post(PROPERTIES, headers=await pms.headers("write:properties"), json={})
    assert r.status_code in (400, 422)


async def test_delete_property_soft_deletes_it_and_refuses_one_with_stays(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    day = days_from()
    await book_direct(db, pms, day(3), day(5))
    await db.commit()
    [spare] = await post(client, pms, [{"name": "Spare", "currency": "USD"}])
    spare_id = spare["new"]["id"]

    headers = await pms.headers("delete:properties")
    r = await client.delete(
        PROPERTIES,
        params=[("id", ids["property"]), ("id", spare_id), ("id", ids["other_property"])],
        headers=headers,
    )
    assert r.status_code == 201, r.text
    busy, deleted, other = r.json()
    assert busy["success"] is False and "Cabin" in busy["errors"][0]["message"]
    assert deleted["success"] is True
    assert other["success"] is False
    gone = await db.scalar(select(Property).where(Property.int_id == spare_id))
    assert gone is not None
    await db.refresh(gone)
    assert gone.is_active is False
    r = await client.get(
        PROPERTIES, params={"id": spare_id}, headers=await pms.headers("read:properties")
    )
    assert r.json()["data"] == []

    r = await client.delete(
        PROPERTIES, params={"id": spare_id}, headers=await pms.headers("write:properties")
    )
    assert "delete:properties" in str(assert_channel_error(r, 403)["error"])
    r = await client.delete(PROPERTIES, params={"id": "abc"}, headers=headers)
    assert_channel_error(r, 400, field="id")


async def test_delete_rooms_needs_write_and_refuses_a_room_with_stays(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ids = await int_ids(db, pms)
    day = days_from()
    await book_direct(db, pms, day(3), day(5))  # the cabin
    await db.commit()
    headers = await pms.headers("write:properties")
    r = await client.delete(
        ROOMS,
        params=[("id", ids["cabin"]), ("id", ids["queen"]), ("id", ids["other_room"])],
        headers=headers,
    )
    assert r.status_code == 201, r.text
    cabin, queen, other = r.json()
    assert cabin["success"] is False and cabin["errors"][0]["field"] == "id"
    assert "Cabin" in cabin["errors"][0]["message"]
    assert queen["success"] is True
    assert other["success"] is False
    found = await read_property(client, pms, ids["property"])
    assert [room["id"] for room in found["roomTypes"]] == [ids["cabin"]]

    r = await client.delete(
        ROOMS, params={"id": ids["cabin"]}, headers=await pms.headers("read:properties")
    )
    assert_channel_error(r, 403)
    r = await client.delete(ROOMS, headers=headers)
    assert_channel_error(r, 400, field="id")


async def test_more_than_10000_items_is_a_400_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    items = [{"name": "Flood", "currency": "USD"}] * 10_001
    r = await client.post(PROPERTIES, headers=await pms.headers("write:properties"), json=items)
    assert_channel_error(r, 400, field="body")
    assert await db.scalar(select(Property.id).where(Property.name == "Flood")) is None


async def test_ids_no_row_can_have_are_that_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    """Found by the contract fuzzer: an id beyond a BIGINT reached the database, which
    refused it, and the whole request was a 400 ("A value is out of range")."""
    ids = await int_ids(db, pms)
    huge = 2**70
    results = await post(
        client,
        pms,
        [
            {"id": huge, "name": "Nowhere"},
            {"id": ids["property"], "roomTypes": [{"id": huge, "name": "Nowhere"}]},
            {
                "id": ids["property"],
                "roomTypes": [{"id": ids["queen"], "units": [{"id": huge, "name": "Nowhere"}]}],
            },
            {"id": ids["property"], "name": "Lakeside Inn"},
        ],
    )
    assert [r["success"] for r in results] == [False, False, False, True]
    assert [r["errors"][0]["field"] for r in results[:3]] == [
        "id",
        "roomTypes[0].id",
        "roomTypes[0].units[0].id",
    ]


async def test_a_delete_answers_each_integer_id_even_one_that_names_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    """The document types the ids as integers: a negative id, or one beyond any id, is that
    id's "not found" (it was the whole request's 400, and beyond a BIGINT the database's);
    an id that is not an integer is still a 400."""
    ids = await int_ids(db, pms)
    named = [-5, 2**70, 0]
    headers = await pms.headers("write:properties", "delete:properties")
    for path, deletable in ((ROOMS, ids["queen"]), (PROPERTIES, ids["property"])):
        r = await client.delete(
            path, params=[("id", n) for n in [*named, deletable]], headers=headers
        )
        assert r.status_code == 201, r.text
        results = r.json()
        contracts.assert_conforms("multiplePostResponse", results)
        assert [r["success"] for r in results] == [False, False, False, True]
        assert all(r["errors"][0]["field"] == "id" for r in results[:3])
        r = await client.delete(path, params={"id": "1.5"}, headers=headers)
        assert_channel_error(r, 400, field="id")
