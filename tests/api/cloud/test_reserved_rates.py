"""Cloud API reserved rates: /rates/reserved/byDate and /rates/reserved/updated, the
reservations as pricing. Never a person, a guest id or notes, whatever the scopes; money
needs read:bookings-financial."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.cloud.bookings import (
    ALL,
    LEAD,
    NOTES,
    SECOND,
    SINCE,
    THIRD,
    book_as_guest,
    book_direct,
    book_elsewhere,
    committed_world,
    ids_in,
    links,
    make_group,
    run_feed_race,
)
from tests.factories import days_from, make_user
from tests.pms import Pms

day = days_from()
KEYS = {
    "id",
    "version",
    "status",
    "madeAt",
    "updatedAt",
    "arrival",
    "departure",
    "ingestionSource",
    "currency",
    "unitAssignments",
}
ASSIGNMENT_KEYS = {
    "id",
    "arrival",
    "departure",
    "nights",
    "unitId",
    "unitTypeId",
    "propertyId",
    "rateId",
    "ratePlanId",
    "occupancyCount",
}
MONEY = {"rentalRevenue", "rentalTax", "rentalFee"}


async def test_reserved_rates_by_date_have_the_seeds_shape_with_money(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    r = await client.get(
        f"/cloudapi/rates/reserved/byDate?from={day(10)}&to={day(13)}",
        headers=await pms.headers("read:bookings", "read:bookings-financial"),
    )
    assert r.status_code == 200, r.text
    [body] = r.json()
    assert set(body) == KEYS
    assert (body["id"], body["status"], body["ingestionSource"], body["currency"]) == (
        str(group.reservation.id),
        "Reserved",
        "PMS",
        "USD",
    )
    assert body["version"] == group.reservation.record_version
    queen, cabin = body["unitAssignments"]
    assert set(queen) == set(cabin) == ASSIGNMENT_KEYS | MONEY
    assert queen["id"] == str(group.queen.id)
    assert (queen["nights"], queen["rentalRevenue"], queen["rateId"]) == (
        4,
        480,
        str(pms.queen_rate.id),
    )
    assert (cabin["arrival"], cabin["departure"], cabin["nights"]) == (
        day(11).isoformat(),
        day(13).isoformat(),
        2,
    )
    assert (cabin["rentalRevenue"], cabin["rentalTax"], cabin["rentalFee"]) == (400, 28, 16.5)
    assert cabin["ratePlanId"] == str(pms.cabin_rate.rate_plan_id)


async def test_reserved_rates_without_financial_scope_have_no_money(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    await make_group(db, pms)
    r = await client.get(
        f"/cloudapi/rates/reserved/byDate?from={day(10)}&to={day(13)}",
        headers=await pms.headers("read:bookings", "read:bookings-personal"),
    )
    [body] = r.json()
    assert set(body) == KEYS
    assert all(set(a) == ASSIGNMENT_KEYS for a in body["unitAssignments"])


async def test_reserved_rates_never_carry_people_guest_ids_or_notes_even_with_every_scope(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    group = await make_group(db, pms)
    guest = await make_user(db, fullname="Grace Hopper", mobile="+1 612 555 0142")
    market = await book_as_guest(db, pms, guest, day(20), day(22))
    headers = await pms.headers(*ALL)
    personal = {
        str(guest.user.id),
        guest.email,
        "Grace Hopper",
        "+1 612 555 0142",
        NOTES,
        *(str(p.id) for p in (group.lead, group.second, group.third)),
        *(v for m in (LEAD, SECOND, THIRD) for v in vars(m).values() if v),
    }
    byd = await client.get(
        f"/cloudapi/rates/reserved/byDate?from={day(0)}&to={day(30)}", headers=headers
    )
    upd = await client.get(f"/cloudapi/rates/reserved/updated?from={SINCE}", headers=headers)
    for r in (byd, upd):
        assert r.status_code == 200, r.text
        assert {b["id"] for b in r.json()} == {str(group.reservation.id), str(market.id)}
        strings = ids_in(r.json())
        assert not strings & personal
        assert not {"people", "personIds", "guestId", "notes", "invoices"} & strings


async def test_reserved_rates_pages_link_like_reservations(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    made = [await book_direct(db, pms, day(2 * k + 1), day(2 * k + 2)) for k in range(3)]
    headers = await pms.headers("read:bookings")
    r = await client.get(
        f"/cloudapi/rates/reserved/byDate?from={day(0)}&to={day(10)}&limit=2", headers=headers
    )
    assert [b["id"] for b in r.json()] == [str(made[0].id), str(made[1].id)]
    assert {k: v["skip"] for k, v in links(r).items()} == {"first": "0", "next": "2", "last": "2"}
    feed = await client.get(
        f"/cloudapi/rates/reserved/updated?from={SINCE}&limit=2", headers=headers
    )
    rels = links(feed)
    assert rels["next"]["afterId"] == feed.json()[-1]["id"]
    assert rels["next"]["limit"] == "2"


async def test_reserved_rates_never_list_another_tenants(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    ours = await book_direct(db, pms, day(5), day(7))
    await book_elsewhere(db, pms, day(5), day(7))
    r = await client.get(
        f"/cloudapi/rates/reserved/byDate?from={day(0)}&to={day(30)}",
        headers=await pms.headers(*ALL),
    )
    assert [b["id"] for b in r.json()] == [str(ours.id)]


async def test_reserved_rates_feed_sees_every_change_made_while_paging(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    host, ids, headers = await committed_world(committed_factory)
    await run_feed_race(
        committed_client, committed_factory, headers, "/cloudapi/rates/reserved/updated", host, ids
    )
