"""createMessageThread, getMessageThread, listMessageThreads, updateMessageThread and
deleteMessageThread (spec §3.2): who opens a thread about what, one open thread per
context, the server's fields, closing, reopening and archiving."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging.models import MessageThread
from tests.api.marketplace.messaging import THREADS, open_thread, send, talk, thread_of
from tests.api.marketplace.test_reservations_api import member
from tests.factories import Person, assert_error, make_listing, make_logged_in

SPEC_FIELDS = {
    "id",
    "messageCount",
    "isOpen",
    "guestId",
    "lastMessageAt",
    "listingId",
    "hostId",
    "reservationId",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}


async def threads_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(MessageThread)) or 0)


async def test_a_guest_opens_an_inquiry_about_a_published_listing(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    r = await client.post(
        THREADS,
        json={"guestId": guest.id, "hostId": host.id, "listingId": str(listing.id)},
        headers=guest.headers,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["dataName"], body["action"], body["statusCode"]) == (
        "messageThread",
        "create",
        201,
    )
    thread = body["messageThread"]
    assert set(thread) == SPEC_FIELDS
    assert (thread["guestId"], thread["hostId"], thread["listingId"]) == (
        guest.id,
        host.id,
        str(listing.id),
    )
    assert thread["reservationId"] is None
    assert (thread["messageCount"], thread["isOpen"], thread["lastMessageAt"]) == (0, True, None)
    assert thread["_owner"] == guest.id


async def test_a_second_open_thread_for_one_context_is_409_naming_the_first(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    first = await open_thread(client, guest, guest, host, listingId=str(listing.id))
    before = await threads_count(db)
    r = await client.post(
        THREADS,
        json={"guestId": guest.id, "hostId": host.id, "listingId": str(listing.id)},
        headers=guest.headers,
    )
    body = assert_error(r, 409, field="listingId", message="errMsg_messageThreadAlreadyOpen")
    assert body["facts"] == {"threadId": first["id"]}
    assert await threads_count(db) == before
    # Once closed, the context takes a new thread.
    r = await client.patch(
        f"{THREADS}/{first['id']}", json={"isOpen": False}, headers=guest.headers
    )
    assert r.status_code == 200 and r.json()["messageThread"]["isOpen"] is False
    second = await open_thread(client, guest, guest, host, listingId=str(listing.id))
    assert second["id"] != first["id"]
    # ... and the first cannot be reopened beside it.
    r = await client.patch(f"{THREADS}/{first['id']}", json={"isOpen": True}, headers=host.headers)
    assert_error(r, 409, field="isOpen", message="errMsg_messageThreadAlreadyOpen")


async def test_a_reservation_thread_is_opened_by_its_guest_or_host_and_named_by_the_stay(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    assert conv.thread["reservationId"] == conv.reservation["id"]
    assert conv.thread["listingId"] == str(listing.id)
    # The host's side may open one for another stay; a manager of the business too.
    other_stay = await talk(client, guest, host, listing, first=10)
    r = await client.post(
        THREADS,
        json={
            "guestId": guest.id,
            "hostId": host.id,
            "reservationId": other_stay.reservation["id"],
        },
        headers=host.headers,
    )
    assert_error(r, 409, field="reservationId")
    manager = await member(client, db, listing, "manager")
    from tests.api.marketplace.test_reservations_api import book

    third = await book(client, guest, listing, 20)
    made = await open_thread(client, manager, guest, host, reservationId=third["id"])
    assert made["_owner"] == manager.id


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"hostId": "0190a000-0000-7000-8000-000000000000"}, "hostId", "errMsg_hostIdDoesNotMatch"),
        ({"guestId": "host"}, "guestId", "errMsg_guestIdIsTheHost"),
        ({"listingId": None}, "listingId", "errMsg_listingIdIsRequired"),
        ({"messageCount": 3}, "messageCount", "errMsg_messageCountIsSetByTheServer"),
        ({"isOpen": False}, "isOpen", "errMsg_isOpenIsSetByTheServer"),
        ({"messageCount": "0"}, "messageCount", None),
        ({"lastMessageAt": "yesterday"}, "lastMessageAt", None),
        ({"guestId": "not-an-id"}, "guestId", "errMsg_guestIdIsNotAValidID"),
        ({"colour": "red"}, "colour", "errMsg_colourIsNotAllowed"),
    ],
)
async def test_bad_thread_bodies_are_400_naming_the_field_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    listing: UnitType,
    body: dict[str, object],
    field: str,
    message: str | None,
) -> None:
    people = {"guest": guest.id, "host": host.id}
    sent: dict[str, object] = {"guestId": guest.id, "hostId": host.id, "listingId": str(listing.id)}
    for key, value in body.items():
        sent[key] = people.get(str(value), value) if isinstance(value, str) else value
    if sent.get("listingId") is None:
        sent.pop("listingId")
    before = await threads_count(db)
    r = await client.post(THREADS, json=sent, headers=guest.headers)
    assert_error(r, 400, field=field, message=message)
    assert "requestId" in r.json()
    assert await threads_count(db) == before


async def test_server_fields_that_agree_are_accepted_and_instants_ignored(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    thread = await open_thread(
        client,
        guest,
        guest,
        host,
        listingId=str(listing.id),
        messageCount=0,
        isOpen=True,
        lastMessageAt="2020-01-01T00:00:00Z",
    )
    assert thread["lastMessageAt"] is None and thread["messageCount"] == 0


async def test_inquiries_come_from_guests_about_listings_they_can_see(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    r = await client.post(
        THREADS,
        json={"guestId": guest.id, "hostId": host.id, "listingId": str(listing.id)},
        headers=host.headers,
    )
    assert_error(r, 403, field="guestId", message="errMsg_notAParticipant")
    hidden = await make_listing(db, host, isPublished=False)
    r = await client.post(
        THREADS,
        json={"guestId": guest.id, "hostId": host.id, "listingId": str(hidden.id)},
        headers=guest.headers,
    )
    assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")
    r = await client.post(
        THREADS,
        json={"guestId": host.id, "hostId": host.id, "listingId": str(listing.id)},
        headers=host.headers,
    )
    assert_error(r, 400, field="guestId")


async def test_lists_show_own_threads_newest_message_first_with_listing_and_stay(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    inquiry = await open_thread(client, guest, guest, host, listingId=str(listing.id))
    conv = await talk(client, guest, host, listing)
    await send(client, guest, inquiry["id"], "Is the balcony sunny?")
    stranger = await make_logged_in(client, db)
    r = await client.get(THREADS, headers=guest.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["dataName"] == "messageThreads" and body["paging"]["totalRowCount"] == 2
    rows = body["messageThreads"]
    assert [t["id"] for t in rows] == [inquiry["id"], conv.thread_id]
    stay = rows[1]
    assert stay["listingDets"][0]["title"] == listing.title
    assert stay["listingDets"][0]["location"]["city"] == "Lisbon"
    assert stay["rezDets"] == [
        {
            "bookingStatus": "confirmed",
            "bookingStatus_idx": 1,
            "checkIn": conv.reservation["checkIn"],
            "checkOut": conv.reservation["checkOut"],
        }
    ]
    assert rows[0]["rezDets"] == []
    r = await client.get(
        THREADS, headers=host.headers, params={"reservationId": conv.reservation["id"]}
    )
    assert [t["id"] for t in r.json()["messageThreads"]] == [conv.thread_id]
    r = await client.get(THREADS, headers=stranger.headers)
    assert r.json()["messageThreads"] == []
    r = await client.get(THREADS, headers=admin.headers, params={"getJoins": "false"})
    assert {conv.thread_id, inquiry["id"]} <= {t["id"] for t in r.json()["messageThreads"]}
    assert "listingDets" not in r.json()["messageThreads"][0]
    r = await client.get(THREADS, headers=guest.headers, params={"isOpen": "maybe"})
    assert_error(r, 400, field="isOpen")


async def test_closing_archiving_and_the_fields_that_do_not_change(
    client: httpx.AsyncClient, guest: Person, host: Person, admin: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    url = f"{THREADS}/{conv.thread_id}"
    r = await client.patch(url, json={"messageCount": 7}, headers=host.headers)
    assert_error(r, 400, field="messageCount", message="errMsg_messageCountIsReadOnly")
    r = await client.patch(url, json={"reservationId": str(listing.id)}, headers=host.headers)
    assert_error(r, 400, field="reservationId")
    r = await client.patch(url, json={}, headers=host.headers)
    assert_error(r, 400, field="body")
    r = await client.patch(
        url,
        json={"isOpen": False, "messageCount": 0, "reservationId": conv.reservation["id"]},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    closed = r.json()["messageThread"]
    assert closed["isOpen"] is False and closed["recordVersion"] == conv.thread["recordVersion"] + 1
    r = await client.post(
        "/messaging-api/v1/messages",
        json={"threadId": conv.thread_id, "content": "Hello?"},
        headers=guest.headers,
    )
    assert_error(r, 409, field="threadId", message="errMsg_messageThreadIsClosed")
    r = await client.delete(url, headers=guest.headers)
    assert r.status_code == 200, r.text
    assert r.json()["messageThread"]["isActive"] is False
    assert_error(await client.get(url, headers=guest.headers), 404, field="messageThreadId")
    assert_error(await client.delete(url, headers=guest.headers), 404)
    # Admins still read it, for audit.
    assert (await thread_of(client, admin, conv.thread_id))["isActive"] is False
