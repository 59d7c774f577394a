"""POST /v2/inventory/fixedPrices: fixed prices created, changed and deleted as a room's
rates, in the shape GET /inventory/fixedPrices reads them (a POST then a GET round-trips);
what staykit cannot keep is the item's error or warning, naming the field; each item
stands alone; other businesses' ids are not found; scope write:inventory."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import Rate
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.factories import days_from
from tests.pms import Pms

FIXED = "/v2/inventory/fixedPrices"
CALENDAR = "/v2/inventory/rooms/calendar"


async def post(client: httpx.AsyncClient, pms: Pms, items: Any) -> list[dict[str, Any]]:
    r = await client.post(FIXED, json=items, headers=await pms.headers("write:inventory"))
    assert r.status_code == 201, r.text
    body: list[dict[str, Any]] = r.json()
    assert len(body) == len(items)
    contracts.assert_conforms("multiplePostResponse", body)
    return body


async def read(client: httpx.AsyncClient, pms: Pms, **params: Any) -> dict[int, dict[str, Any]]:
    r = await client.get(FIXED, params=params, headers=await pms.headers("read:inventory"))
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    contracts.assert_conforms("fixedPrice", data)
    return {item["id"]: item for item in data}


def fields(result: dict[str, Any], kind: str = "errors") -> list[str]:
    return [issue["field"] for issue in result.get(kind, [])]


async def other_rate(db: AsyncSession, pms: Pms) -> Rate:
    return (await db.scalars(select(Rate).where(Rate.unit_type_id == pms.other_listing.id))).one()


# --- round trips -----------------------------------------------------------------------------


async def test_a_new_fixed_price_is_a_new_rate_of_the_room_in_its_first_free_offer(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    [result] = await post(
        client,
        pms,
        [
            {
                "roomId": pms.queen.int_id,
                "name": "Non refundable",
                "roomPrice": 99.5,
                "extraPersonPrice": 12,
            }
        ],
    )
    assert result["success"] is True, result
    new = result["new"]
    assert new["roomId"] == pms.queen.int_id and new["offerId"] == 4  # 1..3 are taken

    found = await read(client, pms, id=new["id"])
    assert found[new["id"]] == {
        "id": new["id"],
        "roomId": pms.queen.int_id,
        "propertyId": pms.property.int_id,
        "offerId": 4,
        "name": "Non refundable",
        "minNights": 1,
        "strategy": "default",
        "allowMultiplier": False,
        "pricesPerNights": 1,
        "roomPrice": 99.5,
        "roomPriceEnable": True,
        "roomPriceGuests": 2,
        "extraPersonPrice": 12,
        "extraPersonPriceEnable": True,
    }
    # The calendar prices the new offer from its base price.
    night = days_from()(30).isoformat()
    r = await client.get(
        CALENDAR,
        params={
            "roomId": pms.queen.int_id,
            "startDate": night,
            "endDate": night,
            "includePrices": "true",
        },
        headers=await pms.headers("read:inventory"),
    )
    assert r.json()["data"][0]["calendar"][0]["price4"] == 99.5


async def test_every_fixed_price_read_posts_back_unchanged(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    before = await read(client, pms)
    writable = [item for item in before.values() if item["id"] != pms.weekly.int_id]
    results = await post(client, pms, writable)
    for result in results:
        assert result == {
            "success": True,
            "info": [{"action": "modify", "field": "", "message": "Nothing changed."}],
        }, result
    assert await read(client, pms) == before


async def test_a_change_reads_back_and_keeps_what_it_does_not_name(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    [result] = await post(
        client,
        pms,
        [
            {
                "id": pms.breakfast.int_id,
                "name": "Bed and breakfast",
                "roomPrice": 162.25,
                "extraPersonPriceEnable": False,
                "offerId": 5,
            }
        ],
    )
    assert result == {
        "success": True,
        "modified": {
            "id": pms.breakfast.int_id,
            "offerId": 5,
            "name": "Bed and breakfast",
            "roomPrice": 162.25,
            "extraPersonPrice": None,
        },
    }
    item = (await read(client, pms, id=pms.breakfast.int_id))[pms.breakfast.int_id]
    assert item["name"] == "Bed and breakfast" and item["roomPrice"] == 162.25
    assert item["offerId"] == 5 and "extraPersonPrice" not in item
    await db.refresh(pms.breakfast)
    # Only the adult charge went: the child's stays as it was.
    assert pms.breakfast.extra_guest_charges == {str(pms.child.id): "5.00"}
    assert pms.breakfast.base_price == Decimal("162.25")


async def test_an_item_with_only_its_id_deletes_the_rate_and_frees_its_offer(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            {"id": pms.breakfast.int_id},
            {"roomId": pms.queen.int_id, "offerId": 2, "roomPrice": 140, "name": "Half board"},
        ],
    )
    assert results[0] == {
        "success": True,
        "modified": {"id": pms.breakfast.int_id, "deleted": True},
    }
    assert results[1]["success"] is True and results[1]["new"]["offerId"] == 2
    found = await read(client, pms, roomId=pms.queen.int_id)
    assert pms.breakfast.int_id not in found
    assert {item["offerId"]: item["name"] for item in found.values()} == {
        1: "Rack",
        2: "Half board",
        3: "Weekly",
    }
    await db.refresh(pms.breakfast)
    assert pms.breakfast.is_active is False  # soft: reservations keep their rate


# --- refusals --------------------------------------------------------------------------------


async def test_the_default_rate_is_never_deleted_and_a_locked_rate_never_changed(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            {"id": pms.queen_rate.int_id},
            {"id": pms.weekly.int_id, "roomPrice": 1},
            {"id": pms.weekly.int_id},
            {"id": pms.queen_rate.int_id, "offerId": 6},
        ],
    )
    assert [r["success"] for r in results] == [False] * 4
    assert [fields(r) for r in results] == [["id"], ["id"], ["id"], ["offerId"]]
    assert results[0]["errors"][0]["action"] == "delete"
    found = await read(client, pms, roomId=pms.queen.int_id)
    assert found[pms.weekly.int_id]["roomPrice"] == 700
    assert found[pms.queen_rate.int_id]["offerId"] == 1


def _queen(pms: Pms, **values: Any) -> dict[str, Any]:
    return {"roomId": pms.queen.int_id, "roomPrice": 100, **values}


REFUSALS: list[tuple[str, dict[str, Any]]] = [
    ("roomPrice", {"roomPrice": None}),
    ("roomPrice", {"roomPrice": -1}),
    ("roomPrice", {"roomPrice": 10.123}),  # USD has 2 decimals
    ("roomPrice", {"roomPrice": "100"}),
    ("extraPersonPrice", {"extraPersonPrice": -5}),
    ("offerId", {"offerId": 1}),  # the default rate's
    ("offerId", {"offerId": 17}),
    ("name", {"name": ""}),
    ("name", {"name": "Non\x00refundable"}),  # was a 400 for the request (the database's)
    ("propertyId", {"propertyId": 999_999_999}),
    ("roomPriceGuests", {"roomPriceGuests": 3}),  # the queen's base occupancy is 2
    ("minNights", {"minNights": 3}),  # stricter than the room's 1
    ("maxNights", {"maxNights": 14}),  # the room has no maximum
    ("firstNight", {"firstNight": "2030-01-01"}),
    ("minAdvance", {"minAdvance": 2}),
    ("pricesPerNights", {"pricesPerNights": 7}),
    ("roomPriceEnable", {"roomPriceEnable": False}),
    ("1PersonPrice", {"1PersonPrice": 80}),
    ("checkInDays", {"checkInDays": {"sat": True, "sun": False}}),
    ("strategy", {"strategy": "cheapest"}),
]


@pytest.mark.parametrize(("field", "values"), REFUSALS, ids=[f for f, _ in REFUSALS])
async def test_what_staykit_cannot_keep_is_the_items_error_naming_the_field(
    client: httpx.AsyncClient, pms: Pms, field: str, values: dict[str, Any]
) -> None:
    before = await read(client, pms)
    results = await post(
        client,
        pms,
        [_queen(pms, **values), {"id": pms.breakfast.int_id, "roomPrice": 155, **values}],
    )
    for result in results:
        assert result["success"] is False and fields(result) == [field], result
        assert "new" not in result and "modified" not in result
    assert await read(client, pms) == before


async def test_a_room_wide_value_the_room_already_has_is_accepted(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    [result] = await post(
        client,
        pms,
        [
            _queen(
                pms,
                roomPriceGuests=2,
                minNights=0,
                pricesPerNights=1,
                minAdvance=0,
                checkOutDays={"mon": True},
            )
        ],
    )
    assert result["success"] is True and "warnings" not in result, result


async def test_stay_limits_looser_than_the_rooms_are_warnings_stricter_ones_errors(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    pms.cabin.min_stay, pms.cabin.max_stay = 3, 10
    await db.commit()
    cabin = {"roomId": pms.cabin.int_id, "roomPrice": 220}
    results = await post(
        client,
        pms,
        [
            {**cabin, "minNights": 2, "maxNights": 14},
            {**cabin, "minNights": 4},
            {**cabin, "maxNights": 7},
            {**cabin, "minNights": 3, "maxNights": 10},
        ],
    )
    assert [r["success"] for r in results] == [True, False, False, True]
    assert fields(results[0], "warnings") == ["minNights", "maxNights"]
    assert fields(results[1]) == ["minNights"] and fields(results[2]) == ["maxNights"]
    assert "warnings" not in results[3]
    found = await read(client, pms, id=results[0]["new"]["id"])
    assert found[results[0]["new"]["id"]]["minNights"] == 3  # the room's, as GET shows it


async def test_what_changes_nothing_for_a_guest_is_a_warning_and_the_item_is_written(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    [result] = await post(
        client,
        pms,
        [
            _queen(
                pms,
                strategy="noOtherPrices",
                allowMultiplier=True,
                extraChildPrice=5,
                discounts=[{"index": 1, "nights": 7, "percent": 10}],
                colour="red",
            )
        ],
    )
    assert result["success"] is True and result["new"]["offerId"] == 4
    assert fields(result, "warnings") == [
        "strategy",
        "allowMultiplier",
        "extraChildPrice",
        "discounts",
        "colour",
    ]
    assert all(w["action"] == "new" for w in result["warnings"])


async def test_an_invalid_item_does_not_sink_its_neighbours(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            _queen(pms, name="First"),
            {"roomId": pms.queen.int_id},  # no roomPrice
            "not an object",
            {"id": pms.breakfast.int_id, "roomId": pms.cabin.int_id},  # cannot move
            {"roomId": pms.cabin.int_id, "roomPrice": 250, "name": "Second"},
        ],
    )
    assert [r["success"] for r in results] == [True, False, False, False, True]
    assert fields(results[1]) == ["roomPrice"] and fields(results[3]) == ["roomId"]
    assert results[4]["new"]["offerId"] == 2
    names = {item["name"] for item in (await read(client, pms)).values()}
    assert {"First", "Second"} <= names


async def test_a_value_of_the_wrong_type_is_that_items_error_naming_its_field(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """The body is typed (FixedPriceWrite) but read item by item: a wrong type is the
    item's error, never a 400 for the request, and the other items are written."""
    results = await post(
        client,
        pms,
        [
            _queen(pms, minNights="3"),
            _queen(pms, checkInDays="weekends"),
            _queen(pms, **{"1PersonPrice": "80"}),
            {"id": pms.breakfast.int_id, "roomPrice": True},
            {"id": str(pms.breakfast.int_id), "name": "Half board"},  # digits are an id
        ],
    )
    assert [fields(r) for r in results[:4]] == [
        ["minNights"],
        ["checkInDays"],
        ["1PersonPrice"],
        ["roomPrice"],
    ]
    assert [r["errors"][0]["action"] for r in results[:4]] == ["new", "new", "new", "modify"]
    assert results[4]["success"] is True
    assert results[4]["modified"] == {"id": pms.breakfast.int_id, "name": "Half board"}


async def test_the_openapi_document_types_the_body_with_beds24_field_names(
    client: httpx.AsyncClient,
) -> None:
    doc = (await client.get("/v2/openapi.json")).json()
    body = doc["paths"]["/inventory/fixedPrices"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    assert schema["items"] == {"$ref": "#/components/schemas/FixedPriceWrite"}
    item = doc["components"]["schemas"]["FixedPriceWrite"]
    assert {"id", "roomId", "roomPrice", "extraPersonPrice", "1PersonPrice", "checkInDays"} <= set(
        item["properties"]
    )
    assert item["additionalProperties"] is True  # the document's other fields: warnings


async def test_the_seventeenth_rate_of_a_room_has_no_offer(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    results = await post(client, pms, [_queen(pms)] * 14)  # slots 4..16 and one more
    assert [r["success"] for r in results] == [True] * 13 + [False]
    assert fields(results[13]) == ["offerId"]
    assert sorted(r["new"]["offerId"] for r in results[:13]) == list(range(4, 17))


# --- tenancy, scope, limits ------------------------------------------------------------------


async def test_another_accounts_ids_are_not_found_and_nothing_changes(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    theirs = await other_rate(db, pms)
    price = theirs.base_price
    results = await post(
        client,
        pms,
        [
            {"id": theirs.int_id, "roomPrice": 1},
            {"id": theirs.int_id},
            {"roomId": pms.other_listing.int_id, "roomPrice": 1},
            {"id": 999_999_999, "roomPrice": 1},
        ],
    )
    assert [fields(r) for r in results] == [["id"], ["id"], ["roomId"], ["id"]]
    assert all("not found" in r["errors"][0]["message"] for r in results)
    await db.refresh(theirs)
    assert theirs.is_active and theirs.base_price == price
    count = await db.scalars(select(Rate).where(Rate.unit_type_id == pms.other_listing.id))
    assert len(count.all()) == 1


async def test_ids_no_row_can_have_are_that_items_not_found(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Beyond a BIGINT the database refuses the value: found by the contract fuzzer as a
    400 for the whole request ("A value is out of range")."""
    results = await post(
        client,
        pms,
        [
            {"id": 2**70, "roomPrice": 1},
            {"roomId": 2**64, "roomPrice": 1},
            {"id": -5},
            _queen(pms, name="Still written"),
        ],
    )
    assert [fields(r) for r in results] == [["id"], ["roomId"], ["id"], []]
    assert all("not found" in r["errors"][0]["message"] for r in results[:3])
    assert results[3]["success"] is True


async def test_writing_fixed_prices_needs_the_write_inventory_scope(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        FIXED,
        json=[{"id": pms.breakfast.int_id, "roomPrice": 1}],
        headers=await pms.headers("read:inventory"),
    )
    body = assert_channel_error(r, 403)
    assert "write:inventory" in str(body["error"])
    assert (await read(client, pms, id=pms.breakfast.int_id))[pms.breakfast.int_id][
        "roomPrice"
    ] == 150


async def test_more_than_ten_thousand_items_is_a_400_and_nothing_is_written(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    r = await client.post(
        FIXED, json=[_queen(pms)] * 10_001, headers=await pms.headers("write:inventory")
    )
    assert_channel_error(r, 400, field="body")
    assert len(await read(client, pms, roomId=pms.queen.int_id)) == 3


async def test_a_body_that_is_not_an_array_is_a_400(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.post(
        FIXED, json={"roomId": pms.queen.int_id}, headers=await pms.headers("write:inventory")
    )
    assert r.status_code == 400, r.text
