"""`rates.updated` and `availability.updated` (domain/catalog/calendar_events.py): every
calendar write path records one event per unit type per write (never one per night), with
the range of dates, the fields and the rates it changed, in the write's transaction and
with the caller as the actor; a refused write records nothing.

Paths: the Cloud API's POST /rates/nightly, the Channel API's POST
/inventory/rooms/calendar and /inventory/fixedPrices, the marketplace's calendar entries
(POST, PATCH, DELETE /listingcalendars) and ranges (PUT /listings/{id}/calendar), and
availability blocks (created and deleted through the domain). iCal imports:
tests/jobs/test_ical_import_events.py."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Credential
from staykit.domain.catalog.blocks import create_block, delete_block
from staykit.domain.catalog.errors import NightsUnavailable
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from tests.factories import Person, actor_of, days_from, login
from tests.pms import Pms, build_pms

day = days_from()
RATES, AVAILABILITY = "rates.updated", "availability.updated"


def iso(n: int) -> str:
    return day(n).isoformat()


async def calendar_events(db: AsyncSession) -> list[DomainEvent]:
    """Every unit type event, in the order recorded."""
    rows = await db.scalars(
        select(DomainEvent)
        .where(DomainEvent.aggregate_type == "unit_type")
        .order_by(DomainEvent.seq)
        .execution_options(populate_existing=True)
    )
    return list(rows)


def summary(events: list[DomainEvent]) -> list[tuple[str, uuid.UUID, dict[str, Any]]]:
    return [(e.type, e.aggregate_id, e.payload) for e in events]


def payload(
    unit_type: UnitType,
    first: date | None,
    last: date | None,
    fields: list[str],
    rate_ids: list[uuid.UUID] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    return {
        "unitTypeId": str(unit_type.id),
        "propertyId": str(unit_type.property_id),
        "from": None if first is None else first.isoformat(),
        "to": None if last is None else last.isoformat(),
        "fields": sorted(fields),
        "rateIds": sorted(str(r) for r in rate_ids),
    }


@pytest.fixture
async def cloud(db: AsyncSession) -> Pms:
    return await build_pms(db)


@pytest.fixture
async def channel(db: AsyncSession) -> Pms:
    return await build_pms(db, channel=True)


# --- the Cloud API ---------------------------------------------------------------------------


async def test_cloud_nightly_rates_record_one_event_per_unit_type_with_the_caller(
    client: httpx.AsyncClient, db: AsyncSession, cloud: Pms
) -> None:
    pms = cloud
    body = [
        {
            "rateId": str(pms.queen_rate.id),
            "data": [
                {"date": iso(40), "price": 130},
                {"date": iso(41), "price": 130, "minimumNights": 2},
            ],
        },
        {"rateId": str(pms.breakfast.id), "data": [{"date": iso(45), "closedToArrival": True}]},
        {"rateId": str(pms.cabin_rate.id), "data": [{"date": iso(50), "price": 210}]},
    ]
    r = await client.post(
        "/cloudapi/rates/nightly", json=body, headers=await pms.headers("write:inventory")
    )
    assert r.status_code == 200, r.text

    events = await calendar_events(db)
    queen = payload(
        pms.queen,
        day(40),
        day(45),
        ["price", "minStay", "closedToArrival"],
        [pms.queen_rate.id, pms.breakfast.id],
    )
    cabin = payload(pms.cabin, day(50), day(50), ["price"], [pms.cabin_rate.id])
    assert sorted(summary(events), key=lambda e: str(e[1])) == sorted(
        [(RATES, pms.queen.id, queen), (RATES, pms.cabin.id, cabin)], key=lambda e: str(e[1])
    )
    for event in events:
        assert event.business_id == pms.business_id
        assert (event.actor_id, event.credential, event.surface) == (
            pms.host.user.id,
            Credential.TENANT_TOKEN.value,
            "cloud",
        )


async def test_a_refused_cloud_write_records_nothing(
    client: httpx.AsyncClient, db: AsyncSession, cloud: Pms
) -> None:
    pms = cloud
    body = [
        {"rateId": str(pms.queen_rate.id), "data": [{"date": iso(40), "price": 130}]},
        {"rateId": str(pms.weekly.id), "data": [{"date": iso(40), "price": 500}]},  # no updates
    ]
    r = await client.post(
        "/cloudapi/rates/nightly", json=body, headers=await pms.headers("write:inventory")
    )
    assert r.status_code == 400, r.text
    assert await calendar_events(db) == []


# --- the Channel API -------------------------------------------------------------------------


async def test_channel_calendar_records_rates_and_availability_in_one_change_per_room(
    client: httpx.AsyncClient, db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    body = [
        {
            "roomId": pms.queen.int_id,
            "calendar": [
                {"from": iso(20), "to": iso(22), "price1": 99.5, "price2": 180, "minStay": 2},
                {"from": iso(25), "to": iso(25), "override": "blackout", "numAvail": 1},
            ],
        },
        {"roomId": pms.cabin.int_id, "calendar": [{"from": iso(30), "to": iso(31), "numAvail": 0}]},
        # refused: slot 3 does not allow updates; nothing of this item is written
        {"roomId": pms.queen.int_id, "calendar": [{"from": iso(60), "to": iso(61), "price3": 1}]},
    ]
    r = await client.post(
        "/v2/inventory/rooms/calendar", json=body, headers=await pms.headers("write:inventory")
    )
    assert r.status_code == 201, r.text
    assert [x["success"] for x in r.json()] == [True, True, False]

    events = await calendar_events(db)
    queen = payload(
        pms.queen,
        day(20),
        day(25),
        [
            "price",
            "minStay",
            "closed",
            "numAvail",
            # blackout also removes the default rate's closed to arrival / departure
            "closedToArrival",
            "closedToDeparture",
        ],
        [pms.queen_rate.id, pms.breakfast.id],
    )
    cabin = payload(pms.cabin, day(30), day(31), ["numAvail"])
    by_type = {e.aggregate_id: e for e in events if e.type == AVAILABILITY}
    assert sorted((e.type, str(e.aggregate_id)) for e in events) == sorted(
        [
            (RATES, str(pms.queen.id)),
            (AVAILABILITY, str(pms.queen.id)),
            (AVAILABILITY, str(pms.cabin.id)),
        ]
    )
    assert by_type[pms.queen.id].payload == queen
    assert by_type[pms.cabin.id].payload == cabin
    # the queen's two types are one change: the same payload, one job
    [rates] = [e for e in events if e.type == RATES]
    assert rates.payload == queen
    assert {e.credential for e in events} == {Credential.CHANNEL_TOKEN.value}
    assert {e.surface for e in events} == {"channel"}
    assert {e.actor_id for e in events} == {pms.host.user.id}


async def test_a_channel_calendar_write_of_a_thousand_nights_is_one_event(
    client: httpx.AsyncClient, db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    ranges = [{"from": iso(n), "to": iso(n), "price1": 100 + n % 7} for n in range(1, 1001)]
    r = await client.post(
        "/v2/inventory/rooms/calendar",
        json=[{"roomId": pms.cabin.int_id, "calendar": ranges}],
        headers=await pms.headers("write:inventory"),
    )
    assert r.status_code == 201 and r.json()[0]["success"] is True, r.text
    [event] = await calendar_events(db)
    assert event.type == RATES
    assert event.payload == payload(pms.cabin, day(1), day(1000), ["price"], [pms.cabin_rate.id])


async def test_channel_fixed_prices_record_rates_updated_without_dates(
    client: httpx.AsyncClient, db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    headers = await pms.headers("write:inventory")
    r = await client.post(
        "/v2/inventory/fixedPrices",
        json=[
            {"roomId": pms.cabin.int_id, "name": "Non refundable", "roomPrice": 180},
            {"id": pms.queen_rate.int_id, "roomPrice": 125},
            {"id": pms.breakfast.int_id, "roomPrice": 150},  # its price already: no change
            {"id": pms.weekly.int_id, "roomPrice": 1},  # refused: no updates
        ],
        headers=headers,
    )
    assert r.status_code == 201, r.text
    assert [x["success"] for x in r.json()] == [True, True, True, False]
    new_rate = r.json()[0]["new"]["id"]

    events = await calendar_events(db)
    assert [e.type for e in events] == [RATES, RATES]
    by_type = {e.aggregate_id: e.payload for e in events}
    cabin = by_type[pms.cabin.id]
    assert cabin["fields"] == ["rate"] and cabin["from"] is None and cabin["to"] is None
    [rate_id] = cabin["rateIds"]
    assert by_type[pms.queen.id] == payload(pms.queen, None, None, ["price"], [pms.queen_rate.id])

    # Deleting the new rate is a change of the cabin's rates too.
    r = await client.post("/v2/inventory/fixedPrices", json=[{"id": new_rate}], headers=headers)
    assert r.status_code == 201 and r.json()[0]["success"] is True, r.text
    last = (await calendar_events(db))[-1]
    assert (last.type, last.aggregate_id, last.payload["fields"], last.payload["rateIds"]) == (
        RATES,
        pms.cabin.id,
        ["rate"],
        [rate_id],
    )


# --- the marketplace -------------------------------------------------------------------------


async def test_marketplace_ranges_record_one_event_with_both_types(
    client: httpx.AsyncClient, db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    session = await pms_host_session(client, db, pms)
    body = {
        "ranges": [
            {"from": iso(10), "to": iso(16), "priceOverride": 150, "minStay": 2},
            {"from": iso(14), "to": iso(18), "isAvailable": False},
        ]
    }
    r = await client.put(
        f"/propertycatalog-api/v1/listings/{pms.queen.id}/calendar", json=body, headers=session
    )
    assert r.status_code == 200, r.text
    events = await calendar_events(db)
    expected = payload(
        pms.queen, day(10), day(18), ["price", "minStay", "closed"], [pms.queen_rate.id]
    )
    assert summary(events) == [
        (RATES, pms.queen.id, expected),
        (AVAILABILITY, pms.queen.id, expected),
    ]
    assert {(e.credential, e.surface) for e in events} == {
        (Credential.SESSION.value, "marketplace")
    }

    # A refused range (a date outside the write window) records nothing more.
    far = (utcnow().date() + timedelta(days=365 * 4)).isoformat()
    r = await client.put(
        f"/propertycatalog-api/v1/listings/{pms.queen.id}/calendar",
        json={"ranges": [{"from": iso(10), "to": far, "priceOverride": 1}]},
        headers=session,
    )
    assert r.status_code == 400, r.text
    assert len(await calendar_events(db)) == 2


async def test_marketplace_calendar_entries_record_what_they_set(
    client: httpx.AsyncClient, db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    session = await pms_host_session(client, db, pms)
    url = "/propertycatalog-api/v1/listingcalendars"
    # an entry that sets nothing of rates or availability (open, no overrides): no event
    r = await client.post(
        url,
        json={"listingId": str(pms.queen.id), "date": iso(7), "isAvailable": True},
        headers=session,
    )
    assert r.status_code == 201, r.text
    assert await calendar_events(db) == []
    r = await client.post(
        url,
        json={"listingId": str(pms.queen.id), "date": iso(8), "isAvailable": False,
              "priceOverride": 140},
        headers=session,
    )  # fmt: skip
    assert r.status_code == 201, r.text
    entry_id = r.json()["listingCalendar"]["id"]
    r = await client.patch(f"{url}/{entry_id}", json={"minStay": 3}, headers=session)
    assert r.status_code == 200, r.text
    r = await client.delete(f"{url}/{entry_id}", headers=session)
    assert r.status_code in (200, 204), r.text

    one_day = {"first": day(8), "last": day(8), "rate_ids": [pms.queen_rate.id]}
    assert [(e.type, e.payload) for e in await calendar_events(db)] == [
        (RATES, payload(pms.queen, **one_day, fields=["price", "closed"])),  # type: ignore[arg-type]
        (AVAILABILITY, payload(pms.queen, **one_day, fields=["price", "closed"])),  # type: ignore[arg-type]
        (RATES, payload(pms.queen, **one_day, fields=["minStay"])),  # type: ignore[arg-type]
        (RATES, payload(pms.queen, **one_day, fields=["price", "minStay", "closed"])),  # type: ignore[arg-type]
        (AVAILABILITY, payload(pms.queen, **one_day, fields=["price", "minStay", "closed"])),  # type: ignore[arg-type]
    ]


async def pms_host_session(client: httpx.AsyncClient, db: AsyncSession, pms: Pms) -> dict[str, str]:
    person: Person = await login(client, pms.host)
    return person.headers


# --- blocks ----------------------------------------------------------------------------------


async def test_a_block_created_and_deleted_records_availability_for_its_nights(
    db: AsyncSession, channel: Pms
) -> None:
    pms = channel
    actor = actor_of(pms.host)
    block = await create_block(db, actor, pms.cabin_unit.id, day(20), day(23), "owner_stay")
    await delete_block(db, actor, block.id)
    nights = payload(pms.cabin, day(20), day(22), ["blocks"])
    events = await calendar_events(db)
    assert summary(events) == [
        (AVAILABILITY, pms.cabin.id, nights),
        (AVAILABILITY, pms.cabin.id, nights),
    ]
    assert {e.actor_id for e in events} == {pms.host.user.id}


async def test_a_refused_block_records_nothing(db: AsyncSession, channel: Pms) -> None:
    pms = channel
    actor = actor_of(pms.host)
    await create_block(db, actor, pms.cabin_unit.id, day(20), day(23), "owner_stay")
    with pytest.raises(NightsUnavailable):
        await create_block(db, actor, pms.cabin_unit.id, day(21), day(22), "owner_stay")
    assert len(await calendar_events(db)) == 1
