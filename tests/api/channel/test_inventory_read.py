"""Channel API /inventory reads: calendar, availability, unit bookings, offers, fixed prices.

The scene (the `pms` account, dates D+10 .. D+16, D = today):
- queen (Queen 1, Queen 2): a reservation on Queen 1 for the nights D+10, D+11; a
  maintenance block on Queen 2 for D+11, D+12; stop-sell on D+14; a cap of 1 on D+15; the
  default rate closed to arrival on D+13 with a minimum stay of 3 and a price of 99.
- cabin (Cabin): a reservation for D+13, D+14.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.channel import inventory, listing
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog import calendars
from staykit.domain.catalog.blocks import create_block
from staykit.domain.catalog.models import RateDay
from staykit.domain.catalog.quote import quote_stay
from tests import contracts
from tests.api.channel.helpers import assert_channel_error
from tests.factories import actor_of, days_from, inventory_day
from tests.pms import Pms

CALENDAR = "/v2/inventory/rooms/calendar"
AVAILABILITY = "/v2/inventory/rooms/availability"
UNIT_BOOKINGS = "/v2/inventory/rooms/unitBookings"
OFFERS = "/v2/inventory/rooms/offers"
FIXED = "/v2/inventory/fixedPrices"

day = days_from()


@dataclass
class Scene:
    pms: Pms
    headers: dict[str, str]

    def span(self, first: int = 10, last: int = 16) -> dict[str, str]:
        return {"startDate": day(first).isoformat(), "endDate": day(last).isoformat()}


@pytest.fixture
async def scene(db: AsyncSession, pms: Pms) -> Scene:
    host = actor_of(pms.host)
    queen_1, queen_2 = pms.queen_units
    await create_reservation(
        db,
        host,
        NewReservation(
            pms.queen.id, day(10), day(12), adults=1, unit_id=queen_1.id, source="cloud"
        ),
    )
    await create_block(db, host, queen_2.id, day(11), day(13), "maintenance")
    await inventory_day(db, pms.queen, day(14), stop_sell=True)
    await inventory_day(db, pms.queen, day(15), availability_cap=1)
    db.add(
        RateDay(
            rate_id=pms.queen_rate.id,
            date=day(13),
            price=Decimal(99),
            min_stay=3,
            closed_to_arrival=True,
        )
    )
    await create_reservation(
        db, host, NewReservation(pms.cabin.id, day(13), day(15), adults=2, source="cloud")
    )
    await db.commit()
    return Scene(pms, await pms.headers("read:inventory"))


def ok(r: httpx.Response, type_: str) -> list[dict[str, Any]]:
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["success"] is True and body["type"] == type_
    assert body["count"] == len(body["data"])
    return list(body["data"])


def by_room(data: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {item["roomId"]: item for item in data}


def contract_schema(name: str) -> dict[str, Any]:
    return dict(contracts.beds24()["components"]["schemas"][name])


# --- calendar --------------------------------------------------------------------------------


async def test_calendar_num_avail_is_the_cloud_type_calendars_available(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    pms = scene.pms
    r = await client.get(
        CALENDAR, params={**scene.span(), "includeNumAvail": "true"}, headers=scene.headers
    )
    rooms = by_room(ok(r, "calendar"))
    assert set(rooms) == {pms.queen.int_id, pms.cabin.int_id}
    cloud = await calendars.type_calendar(db, actor_of(pms.host), pms.business_id, day(10), 7)
    int_ids = {pms.queen.id: pms.queen.int_id, pms.cabin.id: pms.cabin.int_id}
    assert len(cloud) == 2
    for cal in cloud:
        nightly = []
        for entry in rooms[int_ids[cal.unit_type_id]]["calendar"]:
            first, last = date.fromisoformat(entry["from"]), date.fromisoformat(entry["to"])
            nightly += [entry["numAvail"]] * ((last - first).days + 1)
        assert nightly == cal.available
    # consecutive equal dates are one range, as Beds24 answers
    queen = rooms[pms.queen.int_id]["calendar"]
    assert [(e["from"], e["to"], e["numAvail"]) for e in queen] == [
        (day(10).isoformat(), day(10).isoformat(), 1),
        (day(11).isoformat(), day(11).isoformat(), 0),
        (day(12).isoformat(), day(12).isoformat(), 1),
        (day(13).isoformat(), day(13).isoformat(), 2),
        (day(14).isoformat(), day(14).isoformat(), 0),
        (day(15).isoformat(), day(15).isoformat(), 1),
        (day(16).isoformat(), day(16).isoformat(), 2),
    ]
    assert rooms[pms.queen.int_id]["propertyId"] == pms.property.int_id


async def test_calendar_prices_stays_and_overrides_are_what_quotes_use(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    pms = scene.pms
    r = await client.get(
        CALENDAR,
        params={
            **scene.span(12, 14),
            "roomId": pms.queen.int_id,
            "includePrices": "true",
            "includeMinStay": "true",
            "includeOverride": "true",
        },
        headers=scene.headers,
    )
    [room] = ok(r, "calendar")
    assert room["calendar"] == [
        {
            "from": day(12).isoformat(),
            "to": day(12).isoformat(),
            "minStay": 1,
            "override": "none",
            "price1": 120,
            "price2": 150,
            "price3": 700,
        },
        {
            "from": day(13).isoformat(),
            "to": day(13).isoformat(),
            "minStay": 3,
            "override": "noCheckIn",
            "price1": 99,
            "price2": 150,
            "price3": 700,
        },
        {
            "from": day(14).isoformat(),
            "to": day(14).isoformat(),
            "minStay": 1,
            "override": "blackout",
            "price1": 120,
            "price2": 150,
            "price3": 700,
        },
    ]
    # the prices add up to the quote of a stay on each rate (one guest: no extras)
    for slot, rate in ((1, pms.queen_rate), (2, pms.breakfast)):
        quote = await quote_stay(db, pms.queen, day(12), day(15), 1, rate)
        assert quote.subtotal == sum(Decimal(str(e[f"price{slot}"])) for e in room["calendar"])


async def test_calendar_include_flags_choose_the_fields_and_none_gives_empty_ranges(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    params = {**scene.span(), "roomId": scene.pms.cabin.int_id}
    [room] = ok(await client.get(CALENDAR, params=params, headers=scene.headers), "calendar")
    assert room["calendar"] == []
    [room] = ok(
        await client.get(
            CALENDAR,
            params={
                **params,
                "includeMaxStay": "true",
                "includeMultiplier": "true",
                "includeChannels": "true",
                "includeLinkedPrices": "true",
            },
            headers=scene.headers,
        ),
        "calendar",
    )
    # nothing differs between the dates: one range; no maximum stay: no maxStay
    assert room["calendar"] == [
        {
            "from": day(10).isoformat(),
            "to": day(16).isoformat(),
            "multiplier": 1,
            "channels": {},
        }
    ]
    allowed = set(contract_schema("calendar")["properties"]["calendar"]["items"]["properties"])
    assert set(room["calendar"][0]) <= allowed


async def test_calendar_needs_its_dates_and_a_bounded_range(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    r = await client.get(CALENDAR, params={"endDate": day(3).isoformat()}, headers=scene.headers)
    assert_channel_error(r, 400, field="startDate")
    r = await client.get(CALENDAR, params=scene.span(16, 10), headers=scene.headers)
    assert_channel_error(r, 400, field="endDate")
    too_long = {"startDate": day(0).isoformat(), "endDate": day(366).isoformat()}
    r = await client.get(CALENDAR, params=too_long, headers=scene.headers)
    assert_channel_error(r, 400, field="endDate")
    year = {"startDate": day(0).isoformat(), "endDate": day(365).isoformat()}
    assert (await client.get(CALENDAR, params=year, headers=scene.headers)).status_code == 200
    r = await client.get(CALENDAR, params={**scene.span(), "roomId": "x"}, headers=scene.headers)
    assert_channel_error(r, 400)


# --- availability ----------------------------------------------------------------------------


async def test_availability_is_true_where_a_unit_can_be_sold(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    pms = scene.pms
    rooms = by_room(
        ok(
            await client.get(AVAILABILITY, params=scene.span(), headers=scene.headers),
            "availability",
        )
    )
    queen = rooms[pms.queen.int_id]
    assert queen["name"] == pms.queen.title
    assert queen["availability"] == {
        day(10).isoformat(): True,
        day(11).isoformat(): False,
        day(12).isoformat(): True,
        day(13).isoformat(): True,
        day(14).isoformat(): False,
        day(15).isoformat(): True,
        day(16).isoformat(): True,
    }
    cabin = rooms[pms.cabin.int_id]["availability"]
    assert [cabin[day(n).isoformat()] for n in range(10, 17)] == [
        True, True, True, False, False, True, True,
    ]  # fmt: skip
    assert set(queen) <= set(contract_schema("availability")["properties"])


async def test_availability_defaults_to_one_date_and_filters_by_property(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    pms = scene.pms
    data = ok(
        await client.get(
            AVAILABILITY,
            params={"propertyId": pms.property.int_id, "startDate": day(10).isoformat()},
            headers=scene.headers,
        ),
        "availability",
    )
    assert len(data) == 2
    assert all(list(item["availability"]) == [day(10).isoformat()] for item in data)


# --- unit bookings ---------------------------------------------------------------------------


async def test_unit_bookings_count_each_units_reservations_not_blocks(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    pms = scene.pms
    queen_1, queen_2 = pms.queen_units
    [room] = ok(
        await client.get(
            UNIT_BOOKINGS,
            params={**scene.span(10, 12), "roomId": pms.queen.int_id},
            headers=scene.headers,
        ),
        "unitBookings",
    )
    assert room["qty"] == 2 and room["propertyId"] == pms.property.int_id
    one, two = str(queen_1.int_id), str(queen_2.int_id)
    assert room["unitBookings"] == {
        day(10).isoformat(): {one: 1, two: 0, "unassigned": 0},
        day(11).isoformat(): {one: 1, two: 0, "unassigned": 0},
        day(12).isoformat(): {one: 0, two: 0, "unassigned": 0},
    }


# --- offers ----------------------------------------------------------------------------------


async def test_each_offer_is_the_quote_of_the_stay_on_that_rate(
    client: httpx.AsyncClient, db: AsyncSession, scene: Scene
) -> None:
    pms = scene.pms
    stay = {"arrival": day(15).isoformat(), "departure": day(18).isoformat()}
    r = await client.get(
        OFFERS, params={**stay, "numAdults": 2, "numChildren": 1}, headers=scene.headers
    )
    rooms = by_room(ok(r, "offer"))
    queen = rooms[pms.queen.int_id]["offers"]
    assert [o["offerId"] for o in queen] == [1, 2, 3]
    for offer, rate in zip(queen, (pms.queen_rate, pms.breakfast, pms.weekly), strict=True):
        quote = await quote_stay(db, pms.queen, day(15), day(18), 3, rate)
        assert quote.bookable
        assert Decimal(str(offer["price"])) == quote.total
        assert offer["offerName"] == rate.name
        assert offer["unitsAvailable"] == 1  # the cap of 1 on D+15
    # the breakfast rate charges the third guest: the offers differ by more than the base
    assert Decimal(str(queen[1]["price"])) > Decimal(450)
    [cabin_offer] = rooms[pms.cabin.int_id]["offers"]
    assert (
        Decimal(str(cabin_offer["price"]))
        == (await quote_stay(db, pms.cabin, day(15), day(18), 3, pms.cabin_rate)).total
    )
    assert set(queen[0]) <= set(contract_schema("offerResponse")["properties"])


async def test_offers_leave_out_rates_the_stay_cannot_be_booked_on(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    pms = scene.pms
    # D+13 is closed to arrival with a minimum stay of 3 on the default rate only
    r = await client.get(
        OFFERS,
        params={"arrival": day(13).isoformat(), "departure": day(14).isoformat(), "numAdults": 1},
        headers=scene.headers,
    )
    rooms = by_room(ok(r, "offer"))
    assert [o["offerId"] for o in rooms[pms.queen.int_id]["offers"]] == [2, 3]
    assert rooms[pms.cabin.int_id]["offers"] == []  # taken
    r = await client.get(
        OFFERS,
        params={
            "arrival": day(20).isoformat(),
            "departure": day(21).isoformat(),
            "numAdults": 9,
            "offerId": [2],
        },
        headers=scene.headers,
    )
    assert all(item["offers"] == [] for item in ok(r, "offer"))
    r = await client.get(
        OFFERS,
        params={
            "arrival": day(20).isoformat(),
            "departure": day(21).isoformat(),
            "numAdults": 1,
            "offerId": [2],
        },
        headers=scene.headers,
    )
    assert [o["offerId"] for o in by_room(ok(r, "offer"))[pms.queen.int_id]["offers"]] == [2]


async def test_offers_need_a_stay_and_adults(client: httpx.AsyncClient, scene: Scene) -> None:
    stay = {"arrival": day(15).isoformat(), "departure": day(18).isoformat()}
    r = await client.get(OFFERS, params=stay, headers=scene.headers)
    assert_channel_error(r, 400, field="numAdults")
    r = await client.get(OFFERS, params={**stay, "numAdults": 0}, headers=scene.headers)
    assert_channel_error(r, 400, field="numAdults")
    backwards = {"arrival": day(18).isoformat(), "departure": day(15).isoformat()}
    r = await client.get(OFFERS, params={**backwards, "numAdults": 1}, headers=scene.headers)
    assert_channel_error(r, 400, field="departure")
    r = await client.get(
        OFFERS, params={"departure": day(18).isoformat(), "numAdults": 1}, headers=scene.headers
    )
    assert_channel_error(r, 400, field="arrival")


# --- fixed prices ----------------------------------------------------------------------------


async def test_fixed_prices_are_the_rates_standing_terms(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    pms = scene.pms
    data = ok(await client.get(FIXED, headers=scene.headers), "fixedPrice")
    found = {item["id"]: item for item in data}
    assert set(found) == {
        pms.queen_rate.int_id,
        pms.breakfast.int_id,
        pms.weekly.int_id,
        pms.cabin_rate.int_id,
    }
    assert [item["id"] for item in data] == sorted(found)
    breakfast = found[pms.breakfast.int_id]
    assert breakfast == {
        "id": pms.breakfast.int_id,
        "roomId": pms.queen.int_id,
        "propertyId": pms.property.int_id,
        "offerId": 2,
        "name": "Breakfast included",
        "minNights": 1,
        "strategy": "default",
        "allowMultiplier": False,
        "pricesPerNights": 1,
        "roomPrice": 150,
        "roomPriceEnable": True,
        "roomPriceGuests": 2,
        "extraPersonPrice": 15,
        "extraPersonPriceEnable": True,
    }
    assert set(breakfast) <= set(contract_schema("fixedPrice")["properties"])
    only = ok(
        await client.get(FIXED, params={"roomId": pms.cabin.int_id}, headers=scene.headers),
        "fixedPrice",
    )
    assert [item["id"] for item in only] == [pms.cabin_rate.int_id]
    only = ok(
        await client.get(FIXED, params={"id": pms.weekly.int_id}, headers=scene.headers),
        "fixedPrice",
    )
    assert [item["offerId"] for item in only] == [3]


# --- scope, tenancy, paging ------------------------------------------------------------------

READS = [
    (CALENDAR, {"includeNumAvail": "true"}),
    (AVAILABILITY, {}),
    (UNIT_BOOKINGS, {}),
    (OFFERS, {"arrival": "D15", "departure": "D17", "numAdults": "1"}),
    (FIXED, {}),
]


def _params(scene: Scene, extra: dict[str, str]) -> dict[str, str]:
    values = {k: day(int(v[1:])).isoformat() if v.startswith("D") else v for k, v in extra.items()}
    return {**scene.span(), **values}


@pytest.mark.parametrize(("path", "extra"), READS)
async def test_inventory_reads_need_read_inventory(
    client: httpx.AsyncClient, scene: Scene, path: str, extra: dict[str, str]
) -> None:
    headers = await scene.pms.headers("read:bookings")
    r = await client.get(path, params=_params(scene, extra), headers=headers)
    body = assert_channel_error(r, 403)
    assert "read:inventory" in str(body["error"])


@pytest.mark.parametrize(("path", "extra"), READS)
async def test_another_accounts_ids_match_nothing(
    client: httpx.AsyncClient, scene: Scene, path: str, extra: dict[str, str]
) -> None:
    other = scene.pms.other_listing
    for param in ("roomId", "propertyId"):
        value = other.int_id if param == "roomId" else 10**12
        r = await client.get(
            path, params={**_params(scene, extra), param: value}, headers=scene.headers
        )
        assert r.status_code == 200, r.text
        assert r.json()["data"] == [] and r.json()["count"] == 0


@pytest.mark.parametrize(("path", "extra"), READS)
async def test_pages_follow_next_page_link(
    client: httpx.AsyncClient,
    scene: Scene,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    extra: dict[str, str],
) -> None:
    monkeypatch.setattr(listing, "PAGE_SIZE", 1)
    monkeypatch.setattr(inventory, "PAGE_SIZE", 1)
    r = await client.get(path, params=_params(scene, extra), headers=scene.headers)
    assert r.status_code == 200, r.text
    seen = list(r.json()["data"])
    assert len(seen) == 1 and r.json()["pages"]["nextPageExists"] is True
    link = r.json()["pages"]["nextPageLink"]
    while link:
        r = await client.get(link, headers=scene.headers)
        assert r.status_code == 200, r.text
        seen += r.json()["data"]
        link = r.json()["pages"]["nextPageLink"]
    expected = 4 if path == FIXED else 2
    assert len(seen) == expected
    key = "id" if path == FIXED else "roomId"
    assert len({item[key] for item in seen}) == expected


def test_the_routes_declare_the_documents_tags_and_scope() -> None:
    paths = {route.path: route for route in inventory.router.routes}  # type: ignore[attr-defined]
    for path in (
        "/inventory/rooms/calendar",
        "/inventory/rooms/availability",
        "/inventory/rooms/unitBookings",
        "/inventory/rooms/offers",
        "/inventory/fixedPrices",
    ):
        assert paths[path].tags == ["Inventory"]
