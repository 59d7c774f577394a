"""Channel API POST /inventory/rooms/calendar: per-day calendar values written through the
catalog's writers, read back at once by the calendar, quotes and search.

The `pms` account: queen (2 units; rates: slot 1 default 120, slot 2 breakfast 150, slot 3
weekly that does not allow updates), cabin (1 unit, its default rate in slot 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog import search_index
from staykit.domain.catalog.models import InventoryDay, RateDay
from staykit.domain.catalog.quote import quote_stay
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.factories import days_from
from tests.pms import Pms

CALENDAR = "/v2/inventory/rooms/calendar"
day = days_from()
ALL = {
    "includeNumAvail": "true",
    "includeMinStay": "true",
    "includeMaxStay": "true",
    "includeOverride": "true",
    "includePrices": "true",
}


def span(first: int, last: int | None = None) -> dict[str, str]:
    return {
        "from": day(first).isoformat(),
        "to": day(last if last is not None else first).isoformat(),
    }


async def post(
    client: httpx.AsyncClient, pms: Pms, body: Any, *scopes: str
) -> list[dict[str, Any]]:
    headers = await pms.headers(*(scopes or ("write:inventory",)))
    r = await client.post(CALENDAR, json=body, headers=headers)
    assert r.status_code == 201, r.text
    results = list(r.json())
    assert len(results) == len(body)
    contracts.assert_conforms("multiplePostResponse", results)
    return results


async def read(
    client: httpx.AsyncClient, pms: Pms, room_id: int, first: int, last: int
) -> list[dict[str, Any]]:
    """The room's calendar, one entry per date (ranges spread out)."""
    r = await client.get(
        CALENDAR,
        params={
            **ALL,
            "roomId": room_id,
            "startDate": day(first).isoformat(),
            "endDate": day(last).isoformat(),
        },
        headers=await pms.headers("read:inventory"),
    )
    assert r.status_code == 200, r.text
    [room] = r.json()["data"]
    nights = []
    for entry in room["calendar"]:
        dates = (date.fromisoformat(entry["to"]) - date.fromisoformat(entry["from"])).days + 1
        values = {key: v for key, v in entry.items() if key not in ("from", "to")}
        nights += [values] * dates
    assert len(nights) == last - first + 1
    return nights


async def test_values_written_read_back_in_the_calendar_quotes_and_search(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    [result] = await post(
        client,
        pms,
        [
            {
                "roomId": pms.queen.int_id,
                "calendar": [
                    {
                        **span(20, 22),
                        "price1": 99.5,
                        "price2": 180,
                        "minStay": 2,
                        "maxStay": 7,
                        "numAvail": 1,
                    },
                    {**span(23), "override": "blackout"},
                ],
            }
        ],
    )
    assert result["success"] is True and "errors" not in result and "warnings" not in result
    assert result["modified"]["roomId"] == pms.queen.int_id
    nights = await read(client, pms, pms.queen.int_id, 20, 24)
    for night in nights[:3]:
        assert night == {
            "numAvail": 1,
            "minStay": 2,
            "maxStay": 7,
            "override": "none",
            "price1": 99.5,
            "price2": 180,
            "price3": 700,
        }
    assert nights[3]["override"] == "blackout" and nights[3]["numAvail"] == 0
    assert nights[4]["override"] == "none" and nights[4]["numAvail"] == 2
    # a quote prices the nights the same way at once
    quote = await quote_stay(db, pms.queen, day(20), day(22), 1, pms.queen_rate)
    assert quote.subtotal == Decimal("199.0")
    quote = await quote_stay(db, pms.queen, day(20), day(22), 1, pms.breakfast)
    assert quote.subtotal == Decimal(360)
    # every date written has its calendar entry; the search index is exact
    entries = (
        await db.scalars(
            select(InventoryDay).where(
                InventoryDay.unit_type_id == pms.queen.id, InventoryDay.is_active
            )
        )
    ).all()
    assert sorted(e.date for e in entries) == [day(n) for n in range(20, 24)]
    assert await search_index.stale_rows(db) == []


async def test_null_removes_a_value_and_the_defaults_apply_again(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    room = pms.queen.int_id
    await post(
        client,
        pms,
        [
            {
                "roomId": room,
                "calendar": [
                    {**span(20, 21), "price1": 50, "minStay": 3, "numAvail": 0},
                    {**span(22), "override": "noCheckIn"},
                ],
            }
        ],
    )
    assert [n["numAvail"] for n in await read(client, pms, room, 20, 22)] == [0, 0, 2]
    await post(
        client,
        pms,
        [
            {
                "roomId": room,
                "calendar": [
                    {**span(20, 21), "price1": None, "minStay": None, "numAvail": None},
                    {**span(22), "override": None},
                ],
            }
        ],
    )
    nights = await read(client, pms, room, 20, 22)
    assert all(
        n["price1"] == 120 and n["minStay"] == 1 and n["numAvail"] == 2 and n["override"] == "none"
        for n in nights
    ), nights
    # nothing left to say: the rate-day rows are gone
    rows = (await db.scalars(select(RateDay).where(RateDay.rate_id == pms.queen_rate.id))).all()
    assert rows == []
    assert await search_index.stale_rows(db) == []


async def test_ranges_apply_in_order_and_overrides_map_to_stop_sell_and_closures(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    room = pms.queen.int_id
    await post(
        client,
        pms,
        [
            {
                "roomId": room,
                "calendar": [
                    {**span(30, 35), "price1": 100, "override": "blackout"},
                    {**span(32, 33), "price1": 110},
                    {**span(31), "override": "noCheckIn"},
                    {**span(32), "override": "noCheckOut"},
                    {**span(33), "override": "noCheckInOrCheckOut"},
                    {**span(34), "override": "none"},
                ],
            }
        ],
    )
    nights = await read(client, pms, room, 30, 35)
    assert [n["price1"] for n in nights] == [100, 100, 110, 110, 100, 100]
    assert [n["override"] for n in nights] == [
        "blackout",
        "noCheckIn",
        "noCheckOut",
        "noCheckInOrCheckOut",
        "none",
        "blackout",
    ]


async def test_an_invalid_item_is_written_not_at_all_and_does_not_sink_its_neighbours(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            {"roomId": pms.queen.int_id, "calendar": [{**span(40), "price1": 77}]},
            {
                "roomId": pms.cabin.int_id,
                "calendar": [{**span(40), "price1": 55}, {**span(41), "price5": 10}],
            },
            {"roomId": pms.other_listing.int_id, "calendar": [{**span(40), "price1": 1}]},
            {"roomId": 999_999_999, "calendar": [{**span(40), "price1": 1}]},
            {"roomId": pms.queen.int_id, "calendar": [{**span(40), "price3": 1}]},
            {"roomId": pms.queen.int_id, "calendar": [{"from": "soon", "to": "later"}]},
            "not an object",
        ],
    )
    assert [r["success"] for r in results] == [True, False, False, False, False, False, False]
    assert results[1]["errors"] == [
        {
            "action": "modify",
            "field": "calendar.1.price5",
            "message": "the room has no rate in slot 5.",
        }
    ]
    assert results[2]["errors"][0]["field"] == "roomId"
    assert results[2]["errors"][0]["message"] == "not found"
    assert results[3]["errors"][0]["message"] == "not found"
    assert results[4]["errors"][0]["field"] == "calendar.0.price3"  # weekly: no updates
    assert {e["field"] for e in results[5]["errors"]} == {"calendar.0.from", "calendar.0.to"}
    assert results[6]["errors"]
    assert (await read(client, pms, pms.queen.int_id, 40, 40))[0]["price1"] == 77
    # the cabin's valid range was not written either: its item is atomic
    assert (await read(client, pms, pms.cabin.int_id, 40, 40))[0]["price1"] == 200
    other = (
        await db.scalars(
            select(InventoryDay).where(InventoryDay.unit_type_id == pms.other_listing.id)
        )
    ).all()
    assert other == []


async def test_dates_outside_the_write_window_are_the_items_error(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            {"roomId": pms.queen.int_id, "calendar": [{**span(-5, -3), "minStay": 2}]},
            {"roomId": pms.queen.int_id, "calendar": [{**span(5, 4000), "minStay": 2}]},
            {"roomId": pms.queen.int_id, "calendar": [{**span(6, 5), "minStay": 2}]},
            {"roomId": pms.queen.int_id, "calendar": [{**span(-1), "minStay": 2}]},
        ],
    )
    assert [r["success"] for r in results] == [False, False, False, True]
    assert [e["field"] for e in results[0]["errors"]] == ["calendar.0.from", "calendar.0.to"]
    assert [e["field"] for e in results[1]["errors"]] == ["calendar.0.to"]
    assert [e["field"] for e in results[2]["errors"]] == ["calendar.0.to"]


async def test_a_range_no_property_can_write_is_its_items_error_not_the_requests(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Found by the contract fuzzer: a range over millennia counted its million dates
    against the request's limit of room-dates, a 400 for the whole request."""
    results = await post(
        client,
        pms,
        [
            {"roomId": pms.queen.int_id, "calendar": [{"from": "0001-01-01", "to": "9999-12-31"}]},
            {"roomId": pms.cabin.int_id, "calendar": [{**span(30), "price1": 210}]},
        ],
    )
    assert [r["success"] for r in results] == [False, True]
    assert [e["field"] for e in results[0]["errors"]] == ["calendar.0.from", "calendar.0.to"]
    assert (await read(client, pms, pms.cabin.int_id, 30, 30))[0]["price1"] == 210


async def test_more_than_100000_room_dates_within_the_window_is_a_400(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    item = {"roomId": pms.queen.int_id, "calendar": [{**span(0, 1000), "price1": 1}]}
    r = await client.post(CALENDAR, json=[item] * 100, headers=await pms.headers("write:inventory"))
    assert_channel_error(r, 400, field="calendar")
    assert (await db.scalars(select(RateDay))).all() == []


async def test_room_ids_no_room_can_have_are_that_items_not_found(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """Found by the contract fuzzer: a roomId beyond a BIGINT reached the database, which
    refused it (a 400 for the whole request)."""
    results = await post(
        client,
        pms,
        [
            {"roomId": 2**70, "calendar": [{**span(30), "price1": 1}]},
            {"roomId": -3, "calendar": [{**span(30), "price1": 1}]},
            {"roomId": pms.cabin.int_id, "calendar": [{**span(30), "price1": 220}]},
        ],
    )
    assert [r["success"] for r in results] == [False, False, True]
    assert [r["errors"][0]["message"] for r in results[:2]] == ["not found", "not found"]


async def test_num_avail_is_a_cap_and_unsupported_values_are_warnings(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    results = await post(
        client,
        pms,
        [
            {
                "roomId": pms.queen.int_id,
                "calendar": [
                    {
                        **span(50),
                        "numAvail": 5,
                        "multiplier": 1.5,
                        "channels": {"airbnb": {"maxBookings": 4}},
                        "override": "exception",
                        "colour": "red",
                    }
                ],
            },
            {"roomId": pms.cabin.int_id, "calendar": [{**span(50), "numAvail": -1}]},
            {"roomId": pms.cabin.int_id, "calendar": [{**span(50), "minStay": 0}]},
        ],
    )
    assert results[0]["success"] is True
    assert {w["field"] for w in results[0]["warnings"]} == {
        "calendar.0.numAvail",
        "calendar.0.multiplier",
        "calendar.0.channels",
        "calendar.0.override",
        "calendar.0.colour",
    }
    assert [r["success"] for r in results[1:]] == [False, False]
    assert results[1]["errors"][0]["field"] == "calendar.0.numAvail"
    assert results[2]["errors"][0]["field"] == "calendar.0.minStay"
    assert (await read(client, pms, pms.queen.int_id, 50, 50))[0]["numAvail"] == 2


async def test_writing_needs_the_write_inventory_scope(client: httpx.AsyncClient, pms: Pms) -> None:
    body = [{"roomId": pms.queen.int_id, "calendar": [{**span(20), "price1": 1}]}]
    r = await client.post(CALENDAR, json=body, headers=await pms.headers("read:inventory"))
    body_ = assert_channel_error(r, 403)
    assert "write:inventory" in str(body_["error"])


async def test_more_than_ten_thousand_items_is_a_400_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    item = {"roomId": pms.queen.int_id, "calendar": [{**span(20), "price1": 1}]}
    r = await client.post(
        CALENDAR, json=[item] * 10_001, headers=await pms.headers("write:inventory")
    )
    assert_channel_error(r, 400, field="body")
    assert (await db.scalars(select(RateDay))).all() == []


@pytest.mark.parametrize("body", [{"roomId": 1}, "text"])
async def test_a_body_that_is_not_an_array_is_a_400(
    client: httpx.AsyncClient, pms: Pms, body: Any
) -> None:
    r = await client.post(CALENDAR, json=body, headers=await pms.headers("write:inventory"))
    assert r.status_code == 400, r.text


async def test_the_openapi_document_types_the_body_with_beds24_field_names(
    client: httpx.AsyncClient,
) -> None:
    doc = (await client.get("/v2/openapi.json")).json()
    body = doc["paths"]["/inventory/rooms/calendar"]["post"]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    assert schema["type"] == "array"
    assert schema["items"] == {"$ref": "#/components/schemas/RoomCalendarWrite"}
    schemas = doc["components"]["schemas"]
    assert schemas["RoomCalendarWrite"]["required"] == ["roomId", "calendar"]
    ranges = schemas["CalendarRangeWrite"]
    assert {"from", "to", "numAvail", "minStay", "override", "price1", "price16"} <= set(
        ranges["properties"]
    )


async def test_items_for_the_same_room_apply_in_request_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    room = pms.cabin.int_id
    await post(
        client,
        pms,
        [
            {"roomId": room, "calendar": [{**span(60, 61), "price1": 300, "numAvail": 0}]},
            {"roomId": room, "calendar": [{**span(61), "price1": 310, "numAvail": None}]},
        ],
    )
    nights = await read(client, pms, room, 60, 61)
    assert [(n["price1"], n["numAvail"]) for n in nights] == [(300, 0), (310, 1)]


async def test_ten_thousand_items_are_answered_each_in_request_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """The document's largest request: 10,000 day-ranges over both rooms and 1,000 dates
    (each date five times: the last write wins), every 500th for a room of no one's (that
    item's error, its neighbours written), each answer in its place."""
    rooms = (pms.queen.int_id, pms.cabin.int_id)
    body: list[dict[str, Any]] = []
    for k in range(10_000):
        room = 999_999_999 if k % 500 == 499 else rooms[k % 2]
        price = 100 + k % 400
        body.append({"roomId": room, "calendar": [{**span(20 + (k // 2) % 1000), "price1": price}]})
    results = await post(client, pms, body)
    for k, result in enumerate(results):
        bad = k % 500 == 499
        assert result["success"] is not bad, (k, result)
        if not bad:
            assert result["modified"]["roomId"] == body[k]["roomId"], (k, result)
    nights = await read(client, pms, pms.cabin.int_id, 20, 60)
    # The cabin's date 20 + i was last written by item 2 * (i + 4000) + 1.
    assert [n["price1"] for n in nights] == [100 + (2 * i + 1) % 400 for i in range(41)]
