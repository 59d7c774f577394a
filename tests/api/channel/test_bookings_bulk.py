"""POST /v2/bookings with many new bookings: planned together in memory and written in a few
statements (domain/booking/bulk.py), yet answered exactly as the booking engine answers them
one by one, in request order, never double-booked, falling back to one by one when the
database refuses the batch."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.errors import DomainError
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.models import InvoiceItem, Reservation, UnitAssignment
from tests.api.channel.test_bookings_write import WRITE, post, read, stay
from tests.factories import actor_of, days_from, iso_days_from
from tests.pms import Pms, build_pms

day = iso_days_from()
date_of = days_from()
ALL = ("all:bookings", "all:bookings-personal", "all:bookings-financial", "all:inventory")


async def test_stays_of_one_request_compete_for_the_units_in_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    three = [stay(pms, 20, 3, apiReference=f"q-{k}") for k in range(3)]  # the queen has 2 units
    answers = await post(client, headers, three)
    assert [a["success"] for a in answers] == [True, True, False]
    assert answers[2]["errors"][0]["field"] == "arrival"
    assert day(20) in answers[2]["errors"][0]["message"]
    units = {a["new"]["unitId"] for a in answers[:2]}
    assert len(units) == 2  # one guest per unit, never both on one
    booked = [await read(client, headers, a["new"]["id"]) for a in answers[:2]]
    assert [b["apiReference"] for b in booked] == ["q-0", "q-1"]


async def test_a_change_between_new_bookings_takes_effect_in_request_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    cabin = {"roomId": pms.cabin.int_id, "numAdult": 1}
    [first] = await post(client, headers, [{**cabin, "arrival": day(20), "departure": day(22)}])
    answers = await post(
        client,
        headers,
        [
            {**cabin, "arrival": day(20), "departure": day(22)},  # taken: refused
            {"id": first["new"]["id"], "arrival": day(30), "departure": day(32)},  # frees them
            {**cabin, "arrival": day(20), "departure": day(22)},  # now free: booked
            {**cabin, "arrival": day(31), "departure": day(33)},  # the moved stay's night
        ],
    )
    assert [a["success"] for a in answers] == [False, True, True, False]
    assert day(31) in answers[3]["errors"][0]["message"]


async def _engine_answer(db: AsyncSession, pms: Pms, item: dict[str, Any]) -> Any:
    """What create_reservation itself makes of an item: (total, invoice lines) or the error."""
    try:
        async with db.begin_nested():
            booked = await create_reservation(
                db,
                actor_of(pms.host),
                NewReservation(
                    unit_type_id=pms.queen.id,
                    arrival=date_of(item["_start"]),
                    departure=date_of(item["_start"] + item["_nights"]),
                    adults=item["numAdult"],
                    source="channel_api",
                ),
            )
    except DomainError as exc:
        return ("refused", exc.field, exc.message)
    lines = await db.execute(
        select(InvoiceItem.code, InvoiceItem.amount)
        .where(InvoiceItem.reservation_id == booked.reservation.id)
        .order_by(InvoiceItem.code)
    )
    return (booked.reservation.total, sorted((c, a) for c, a in lines))


async def test_planned_bookings_are_priced_and_refused_as_the_engine_does(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers(*ALL)
    r = await client.post(
        "/v2/inventory/rooms/calendar",
        json=[
            {
                "roomId": pms.queen.int_id,
                "calendar": [
                    {"from": day(40), "to": day(41), "price1": 150},
                    {"from": day(44), "to": day(44), "minStay": 4},
                    {"from": day(47), "to": day(47), "override": "noCheckIn"},
                    {"from": day(50), "to": day(51), "numAvail": 0},
                ],
            }
        ],
        headers=headers,
    )
    assert r.status_code == 201 and all(x["success"] for x in r.json()), r.text
    assert pms.queen.base_occupancy < pms.queen.max_guests
    cases = [
        (39, 3, 2),  # crosses the priced days
        (42, 2, pms.queen.base_occupancy + 1),  # extra guests above the base occupancy
        (44, 2, 2),  # breaks the arrival date's minimum stay
        (47, 2, 2),  # no check-in that day
        (49, 3, 2),  # stop-sold nights
        (53, 1, pms.queen.max_guests + 1),  # too many guests
    ]
    items = [
        {
            "roomId": pms.queen.int_id,
            "arrival": day(s),
            "departure": day(s + n),
            "numAdult": g,
            "_start": s,
            "_nights": n,
        }
        for s, n, g in cases
    ]
    answers = await post(
        client, headers, [{k: v for k, v in i.items() if k[0] != "_"} for i in items]
    )
    planned = []
    for answer in answers:
        if not answer["success"]:
            planned.append(("refused", answer["errors"][0]["message"]))
            continue
        booked = await db.get(Reservation, await _id_of(db, answer["new"]["id"]))
        assert booked is not None
        lines = await db.execute(
            select(InvoiceItem.code, InvoiceItem.amount)
            .where(InvoiceItem.reservation_id == booked.id)
            .order_by(InvoiceItem.code)
        )
        planned.append((booked.total, sorted((c, a) for c, a in lines)))
    # Free the nights again, then let the engine book the same stays one by one.
    r = await client.request(
        "DELETE",
        "/v2/bookings",
        params={"id": [a["new"]["id"] for a in answers if a["success"]]},
        headers=headers,
    )
    assert r.status_code == 201 and all(x["success"] for x in r.json()), r.text
    engine = [await _engine_answer(db, pms, item) for item in items]
    assert [p[0] for p in planned].count("refused") == 4
    for mine, theirs in zip(planned, engine, strict=True):
        if mine[0] == "refused":
            assert theirs[0] == "refused" and theirs[2] == mine[1]
        else:
            assert mine == theirs


async def _id_of(db: AsyncSession, int_id: int) -> Any:
    return await db.scalar(select(Reservation.id).where(Reservation.int_id == int_id))


async def test_a_large_request_books_every_free_stay_once(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    headers = await pms.headers(*WRITE)
    # 3 queen stays a night (2 units: the third refused) and 1 cabin stay, 60 nights over.
    body = []
    for k in range(60):
        body += [stay(pms, 20 + k, 1) for _ in range(3)]
        body.append({"roomId": pms.cabin.int_id, "arrival": day(20 + k), "departure": day(21 + k)})
    answers = await post(client, headers, body)
    assert len(answers) == 240
    for k in range(60):
        assert [a["success"] for a in answers[4 * k : 4 * k + 4]] == [True, True, False, True]
    taken = await db.execute(
        text(
            "SELECT o.unit_id, o.arrival, count(*) FROM occupancies o "
            "WHERE o.active AND o.unit_type_id IN (:q, :c) GROUP BY 1, 2 HAVING count(*) > 1"
        ),
        {"q": pms.queen.id, "c": pms.cabin.id},
    )
    assert taken.all() == []
    count = await db.scalar(
        select(func.count()).select_from(UnitAssignment).where(UnitAssignment.is_active)
    )
    assert count == 180


async def test_a_thousand_bookings_are_answered_each_in_request_order(
    client: httpx.AsyncClient, pms: Pms
) -> None:
    """1,000 new bookings in one request, back to back over 500 nights of both rooms; every
    100th names no room of the account, every 100th (shifted) is priced wrong by the client:
    those items fail, each answer stands in its item's place with its own dates."""
    headers = await pms.headers(*WRITE)
    rooms = (pms.queen.int_id, pms.cabin.int_id)
    body: list[dict[str, Any]] = []
    for k in range(1000):
        start = 20 + k // 2
        item: dict[str, Any] = {
            "roomId": 999_999_999 if k % 100 == 99 else rooms[k % 2],
            "arrival": day(start),
            "departure": day(start + 1),
            "numAdult": 1,
            "apiReference": f"bulk-{k}",
        }
        if k % 100 == 50:
            item["price"] = 1  # staykit's price is higher
        body.append(item)
    answers = await post(client, headers, body)
    assert len(answers) == 1000
    for k, answer in enumerate(answers):
        if k % 100 == 99:
            assert answer["errors"][0]["field"] == "roomId", (k, answer)
        elif k % 100 == 50:
            assert answer["errors"][0]["field"] == "price", (k, answer)
        else:
            assert answer["success"], (k, answer)
            new = answer["new"]
            assert (new["roomId"], new["arrival"]) == (body[k]["roomId"], body[k]["arrival"])
    # apiReference kept in order too: the 500th item's booking is the one named bulk-500.
    r = await client.get("/v2/bookings", params={"apiReference": "bulk-500"}, headers=headers)
    [found] = r.json()["data"]
    assert found["id"] == answers[500]["new"]["id"]


# --- the database refuses the batch: one by one instead ------------------------------------


@pytest.fixture
async def committed_pms(committed_factory: async_sessionmaker[AsyncSession]) -> Any:
    async with committed_factory() as s:
        yield await build_pms(s, channel=True), s


async def test_a_reference_taken_by_a_concurrent_request_fails_only_its_own_item(
    committed_client: httpx.AsyncClient,
    committed_pms: Any,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Another request books the cabin with apiReference "race" and has not committed when
    this one, for the queen, plans the same reference: the batch's INSERT waits, then the
    unique index refuses it; the stays are booked one by one and only "race" fails."""
    pms, _ = committed_pms
    headers = await pms.headers(*WRITE)
    async with committed_factory() as other:
        await create_reservation(
            other,
            actor_of(pms.host),
            NewReservation(
                unit_type_id=pms.cabin.id,
                arrival=date_of(20),
                departure=date_of(22),
                adults=1,
                source="channel_api",
                external_ref="race",
            ),
        )
        await other.flush()
        request = asyncio.create_task(
            committed_client.post(
                "/v2/bookings",
                json=[stay(pms, 20, 2, apiReference="race"), stay(pms, 20, 2)],
                headers=headers,
            )
        )
        try:
            await _until_waiting_on_a_lock(committed_factory, request)
        except BaseException:
            request.cancel()
            raise
        finally:
            await other.commit()
    r = await request
    assert r.status_code == 201, r.text
    first, second = r.json()
    assert first["success"] is False and "conflicts" in first["errors"][0]["message"]
    assert second["success"] is True
    async with committed_factory() as check:
        refs = await check.scalars(
            select(Reservation.external_ref).where(Reservation.business_id == pms.business_id)
        )
        assert sorted(refs, key=lambda ref: ref or "") == [None, "race"]


async def _until_waiting_on_a_lock(
    factory: async_sessionmaker[AsyncSession], request: asyncio.Task[httpx.Response]
) -> None:
    """Until the request waits for the other transaction (its INSERT of the reservations, on
    the unique apiReference index; a busy machine may take seconds to get there).

    Each look is its own transaction: PostgreSQL reads pg_stat_activity once per
    transaction, so polling inside one would never see a connection the request opens
    after the first look."""
    async with factory() as s:
        for _ in range(1200):
            waiting = await s.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0"
                )
            )
            await s.rollback()
            if waiting:
                return
            if request.done():
                raise AssertionError(f"the request ended without waiting: {request.result().text}")
            await asyncio.sleep(0.05)
    raise AssertionError("the request never waited on the other transaction")
