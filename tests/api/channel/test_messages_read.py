"""GET /v2/bookings/messages: every filter, other businesses' ids matching nothing, newest
first across pages by the cursor (also when a page of large attachments stops early), and
bad parameters."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking import changes
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.messaging import channel_views
from tests.api.channel.helpers import assert_channel_error
from tests.api.cloud.bookings import book_direct, book_elsewhere
from tests.factories import actor_of, days_from, frozen_clock
from tests.messages import PATH, PNG, b64, conversation, listed, post, say
from tests.pms import Pms

day = days_from()
READ = ("read:bookings-personal",)
WRITE = ("read:bookings-personal", "write:bookings-personal")


@pytest.fixture
async def booking(db: AsyncSession, pms: Pms) -> Reservation:
    return await book_direct(db, pms, day(20), day(23))


async def test_other_business_ids_in_filters_match_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    elsewhere = await book_elsewhere(db, pms, day(20), day(22))
    # A system message: one the host's side would mark read, were it this business's.
    theirs = await say(db, None, elsewhere, "Their message", source="system")
    await say(db, actor_of(pms.host), booking, "Ours")
    headers = await pms.headers(*READ)
    assert [m["message"] for m in await listed(client, headers)] == ["Ours"]
    for params in (
        {"id": theirs.int_id},
        {"bookingId": elsewhere.int_id},
        {"masterId": elsewhere.int_id},
        {"propertyId": await int_id_of_property(db, elsewhere)},
        {"roomId": await int_id_of_room(db, elsewhere)},
    ):
        assert await listed(client, headers, **params) == [], params
    [result] = await post(client, await pms.headers(*WRITE), [{"id": theirs.int_id, "read": True}])
    assert result["success"] is False and result["errors"][0]["field"] == "id"
    r = await client.patch(
        PATH,
        params={"messageId": theirs.int_id},
        json={"read": True},
        headers=await pms.headers(*WRITE),
    )
    assert r.status_code == 200 and r.json()["count"] == 0
    await db.refresh(theirs)
    assert theirs.read_at is None


async def int_id_of_property(db: AsyncSession, r: Reservation) -> int:
    return int(await db.scalar(select(Property.int_id).where(Property.id == r.property_id)) or 0)


async def int_id_of_room(db: AsyncSession, r: Reservation) -> int:
    return int(await db.scalar(select(UnitType.int_id).where(UnitType.id == r.unit_type_id)) or 0)


async def test_every_filter_selects_its_messages(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    host = actor_of(pms.host)
    talk = await conversation(db, pms)  # queen: guest, host (read: no), note
    master = await book_direct(db, pms, day(40), day(42), cabin=False)
    member = await book_direct(db, pms, day(44), day(46), cabin=False)
    await changes.set_master(db, host, member.id, master.id)
    await db.commit()
    with frozen_clock(utcnow() - timedelta(days=10)):
        old = await say(db, host, booking, "Booked, thank you")
    cabin = await say(db, host, booking, "Check-in is at 3pm")
    to_master = await say(db, host, master, "For the whole group")
    to_member = await say(db, host, member, "For the second room")
    ids = {
        "old": old.int_id,
        "cabin": cabin.int_id,
        "master": to_master.int_id,
        "member": to_member.int_id,
        "asked": talk.asked.int_id,
        "replied": talk.replied.int_id,
        "noted": talk.noted.int_id,
    }
    name = {v: k for k, v in ids.items()}
    headers = await pms.headers(*READ)

    async def names(**params: Any) -> list[str]:
        return [name[m["id"]] for m in await listed(client, headers, **params)]

    everything = await names()
    assert everything[-1] == "old" and set(everything) == set(ids)  # newest first
    assert set(await names(id=[ids["cabin"], ids["noted"]])) == {"cabin", "noted"}
    assert set(await names(id=f"{ids['cabin']},{ids['noted']}")) == {"cabin", "noted"}
    assert await names(bookingId=booking.int_id) == ["cabin", "old"]
    assert set(await names(masterId=master.int_id)) == {"master", "member"}
    assert set(await names(roomId=pms.cabin.int_id)) == {"cabin", "old"}
    assert set(await names(roomId=pms.queen.int_id)) == set(ids) - {"cabin", "old"}
    assert set(await names(propertyId=pms.property.int_id)) == set(ids)
    assert set(await names(maxAge=5)) == set(ids) - {"old"}
    assert set(await names(maxAge=11)) == set(ids)
    assert await names(source="guest") == ["asked"]
    assert await names(source="internalNote") == ["noted"]
    assert await names(source="system") == []
    assert set(await names(source="host")) == {"old", "cabin", "master", "member", "replied"}
    assert await names(filter="read") == ["noted"]
    assert set(await names(filter="unread")) == set(ids) - {"noted"}
    assert await names(roomId=pms.queen.int_id, source="guest", filter="unread") == ["asked"]
    assert await names(bookingId=booking.int_id, source="guest") == []


async def test_pages_follow_the_cursor_newest_first_without_repeats(
    client: httpx.AsyncClient, pms: Pms, booking: Reservation
) -> None:
    headers = await pms.headers(*WRITE)
    sent = await post(
        client, headers, [{"bookingId": booking.int_id, "message": f"#{k}"} for k in range(205)]
    )
    assert all(r["success"] for r in sent)
    r = await client.get(PATH, headers=headers)
    first = r.json()
    assert first["count"] == 100 and first["pages"]["nextPageExists"] is True
    link = first["pages"]["nextPageLink"]
    assert parse_qs(urlsplit(link).query)["page"] == ["2"]
    by_number = await listed(client, headers, page=2)
    # A message sent while paging is newer than the cursor: it does not shift the pages.
    await post(client, headers, [{"bookingId": booking.int_id, "message": "late"}])
    seen = [m["message"] for m in first["data"]]
    pages = 1
    while link:
        r = await client.get(link, headers=headers)
        body = r.json()
        if pages == 1:
            assert [m["id"] for m in body["data"]] == [m["id"] for m in by_number]
        seen += [m["message"] for m in body["data"]]
        link = body["pages"]["nextPageLink"]
        assert body["pages"]["nextPageExists"] is (link is not None)
        pages += 1
    assert pages == 3 and len(seen) == 205 and len(set(seen)) == 205
    assert seen == [f"#{k}" for k in reversed(range(205))]


async def test_a_page_of_large_attachments_stops_early_and_its_cursor_goes_on(
    client: httpx.AsyncClient,
    pms: Pms,
    booking: Reservation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(channel_views, "PAGE_BYTES", len(PNG) * 2)
    headers = await pms.headers(*WRITE)
    with_file = {"attachment": b64(PNG), "attachmentMimeType": "image/png"}
    await post(
        client,
        headers,
        [{"bookingId": booking.int_id, "message": f"#{k}", **with_file} for k in range(5)],
    )
    r = await client.get(PATH, headers=headers)
    pages = [r.json()["data"]]
    while r.json()["pages"]["nextPageLink"]:
        r = await client.get(r.json()["pages"]["nextPageLink"], headers=headers)
        pages.append(r.json()["data"])
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [m["message"] for p in pages for m in p] == [f"#{k}" for k in reversed(range(5))]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"maxAge": 0}, "maxAge"),
        ({"maxAge": 1000}, "maxAge"),
        ({"filter": "new"}, "filter"),
        ({"source": "owner"}, "source"),
        ({"id": "abc"}, "id"),
        ({"bookingId": "-3"}, "bookingId"),
        ({"masterId": "1.5"}, "masterId"),
        ({"after": "not-a-cursor"}, "after"),
        ({"page": 0}, "page"),
    ],
)
async def test_bad_parameters_are_400_naming_them(
    client: httpx.AsyncClient, pms: Pms, params: dict[str, Any], field: str
) -> None:
    r = await client.get(PATH, params=params, headers=await pms.headers(*READ))
    assert_channel_error(r, 400, field=field)
