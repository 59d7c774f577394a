"""POST and PATCH /v2/bookings/messages (and what GET reads back): messages sent to bookings,
marked read and unread one by one or by selection, with attachments; scopes (Beds24's
bookings-personal or staykit's messages), tenancy, per-item results, limits and two first
messages at once. Filters and paging: test_messages_read.py."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.booking import lifecycle
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging.models import Message, MessageAttachment, MessageThread
from staykit.domain.tenancy.int_ids import business_int_id
from tests.api.channel.helpers import assert_channel_error, credits_of
from tests.api.cloud.bookings import book_direct, book_elsewhere
from tests.factories import actor_of, days_from
from tests.messages import (
    GIF,
    JPEG,
    PATH,
    PDF,
    PNG,
    b64,
    conversation,
    count_messages,
    listed,
    post,
    say,
)
from tests.pms import Pms, build_pms

day = days_from()
READ = ("read:bookings-personal",)
WRITE = ("read:bookings-personal", "write:bookings-personal")
OWN = ("read:messages", "write:messages")  # staykit's own category


@pytest.fixture
async def booking(db: AsyncSession, pms: Pms) -> Reservation:
    return await book_direct(db, pms, day(20), day(23))


# --- send and list ----------------------------------------------------------------------------


async def test_a_message_posted_to_a_booking_is_listed_with_its_booking_room_and_property(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    headers = await pms.headers(*WRITE)
    [result] = await post(client, headers, [{"bookingId": booking.int_id, "message": "Hello!"}])
    assert result["success"] is True and set(result) == {"success", "new"}
    new_id = result["new"]["id"]
    [message] = await listed(client, headers)
    owner = await db.scalar(select(business_int_id(Reservation.business_id)).limit(1))
    assert message == {
        "id": new_id,
        "bookingId": booking.int_id,
        "roomId": pms.cabin.int_id,
        "propertyId": pms.property.int_id,
        "time": message["time"],
        "read": False,
        "message": "Hello!",
        "source": "host",
        "authorOwnerId": owner,
    }
    assert message["time"].endswith("Z")


async def test_an_internal_note_is_listed_as_internalNote_already_read(
    client: httpx.AsyncClient, pms: Pms, booking: Reservation
) -> None:
    headers = await pms.headers(*WRITE)
    [note] = await post(
        client,
        headers,
        [{"bookingId": booking.int_id, "message": "VIP", "source": "internalNote"}],
    )
    [message] = await listed(client, headers)
    assert message["id"] == note["new"]["id"]
    assert message["source"] == "internalNote" and message["read"] is True


async def test_a_message_to_a_cancelled_booking_is_still_sent(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    await lifecycle.cancel(db, actor_of(pms.host), booking.id)
    await db.commit()
    [result] = await post(
        client,
        await pms.headers(*WRITE),
        [{"bookingId": booking.int_id, "message": "Sorry to see you go."}],
    )
    assert result["success"] is True


async def test_guest_and_system_sources_and_bad_items_are_each_items_error(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    good = {"bookingId": booking.int_id, "message": "Welcome"}
    results = await post(
        client,
        await pms.headers(*WRITE),
        [
            good,
            {"bookingId": booking.int_id, "message": "I am the guest", "source": "guest"},
            {"bookingId": booking.int_id, "message": "From the OTA", "source": "system"},
            {"bookingId": booking.int_id, "message": "   "},
            {"bookingId": booking.int_id},
            {"message": "no booking"},
            {"bookingId": booking.int_id, "message": "x" * 20_001},
            {"bookingId": "twelve", "message": "bad id"},
            {"bookingId": booking.int_id, "message": "nul\x00"},
            "not an object",
            good,
        ],
    )
    assert [r["success"] for r in results] == [True] + [False] * 9 + [True]
    fields = [r["errors"][0].get("field") for r in results[1:-1]]
    assert fields == [
        "source",
        "source",
        "message",
        "message",
        "bookingId",
        "message",
        "bookingId",
        "message",
        None,
    ]
    assert all("new" not in r for r in results[1:-1])
    assert await count_messages(db) == 2


async def test_unknown_fields_are_warned_about_and_echoed_ones_accepted(
    client: httpx.AsyncClient, pms: Pms, booking: Reservation
) -> None:
    [result] = await post(
        client,
        await pms.headers(*WRITE),
        [{"bookingId": booking.int_id, "message": "Hi", "roomId": 1, "colour": "red"}],
    )
    assert result["success"] is True
    [warning] = result["warnings"]
    assert warning["field"] == "colour" and "roomId" not in warning["message"]


# --- tenancy ----------------------------------------------------------------------------------


async def test_another_business_booking_is_that_items_error_and_nothing_is_written(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    elsewhere = await book_elsewhere(db, pms, day(20), day(22))
    results = await post(
        client,
        await pms.headers(*WRITE),
        [
            {"bookingId": elsewhere.int_id, "message": "Not yours"},
            {"bookingId": 2**62, "message": "No such booking"},
        ],
    )
    for result in results:
        assert result["success"] is False
        [error] = result["errors"]
        assert error["field"] == "bookingId" and "in this account" in error["message"]
    assert await count_messages(db) == 0
    assert await db.scalar(select(func.count()).select_from(MessageThread)) == 0


# --- read and unread --------------------------------------------------------------------------


async def test_post_marks_a_guest_message_read_and_unread(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    talk = await conversation(db, pms)
    headers = await pms.headers(*WRITE)
    asked = talk.asked.int_id
    # The host's reply is unread too: by its guest, whose mark it is.
    unread = await listed(client, headers, filter="unread")
    assert [m["id"] for m in unread] == [talk.replied.int_id, asked]
    [waiting] = await listed(client, headers, filter="unread", source="guest")
    assert waiting["id"] == asked
    [first, again] = await post(client, headers, [{"id": asked, "read": True}] * 2)
    assert first == {"success": True, "modified": {"id": asked, "read": True}}
    assert again["success"] is True and "modified" not in again
    assert "already read" in again["info"][0]["message"]
    assert await listed(client, headers, filter="unread", source="guest") == []
    assert asked in {m["id"] for m in await listed(client, headers, filter="read")}
    [back] = await post(client, headers, [{"id": asked, "read": False}])
    assert back["modified"] == {"id": asked, "read": False}
    assert [m["id"] for m in await listed(client, headers, filter="unread", source="guest")] == [
        asked
    ]


async def test_a_host_messages_read_mark_is_its_guests_not_the_partners(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    talk = await conversation(db, pms)
    [result] = await post(
        client, await pms.headers(*WRITE), [{"id": talk.replied.int_id, "read": True}]
    )
    assert result["success"] is False
    [error] = result["errors"]
    assert error["field"] == "read" and "guest" in error["message"]
    await db.refresh(talk.replied)
    assert talk.replied.read_at is None


async def test_an_item_with_an_id_only_marks_and_needs_read(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    talk = await conversation(db, pms)
    asked = talk.asked.int_id
    edit, bare, unknown = await post(
        client,
        await pms.headers(*WRITE),
        [
            {"id": asked, "message": "edited", "read": True},
            {"id": asked},
            {"id": 2**62, "read": True},
        ],
    )
    assert edit["errors"][0]["field"] == "message"
    assert bare["errors"][0]["field"] == "read"
    assert unknown["errors"][0]["field"] == "id"
    await db.refresh(talk.asked)
    assert talk.asked.read_at is None and talk.asked.content == "Is there parking?"


async def test_patch_marks_what_the_hosts_side_receives_in_the_selection(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    talk = await conversation(db, pms)
    await say(db, actor_of(talk.guest), talk.reservation, "And breakfast?", source="guest")
    untouched = await say(db, None, booking, "Payment received", source="system")
    headers = await pms.headers(*WRITE)
    chosen = {"bookingId": talk.reservation.int_id}
    r = await client.patch(PATH, params=chosen, json={"read": True}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True, "type": "message", "count": 2}  # the guest's two
    states = {m["id"]: m["read"] for m in await listed(client, headers, **chosen)}
    assert states[talk.asked.int_id] is True
    assert states[talk.replied.int_id] is False  # the guest's to mark
    assert states[talk.noted.int_id] is True
    again = await client.patch(PATH, params=chosen, json={"read": True}, headers=headers)
    assert again.json()["count"] == 0
    [other] = await listed(client, headers, bookingId=booking.int_id)
    assert other["id"] == untouched.int_id and other["read"] is False
    unread = await client.patch(
        PATH,
        params={"messageId": f"{talk.asked.int_id},{talk.noted.int_id}"},
        json={"read": False},
        headers=headers,
    )
    assert unread.json()["count"] == 2
    unread_now = {m["id"] for m in await listed(client, headers, filter="unread")}
    assert unread_now == {
        talk.asked.int_id,
        talk.noted.int_id,
        talk.replied.int_id,  # never read by its guest
        untouched.int_id,
    }


async def test_patch_without_a_selection_or_with_a_bad_body_is_400_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    talk = await conversation(db, pms)
    headers = await pms.headers(*WRITE)
    r = await client.patch(PATH, json={"read": True}, headers=headers)
    assert_channel_error(r, 400, field="messageId")
    chosen = {"bookingId": talk.reservation.int_id}
    for body, field in (
        ({}, "read"),
        ({"read": "yes"}, "read"),
        ({"read": True, "message": "x"}, "message"),
        ([{"read": True}], "body"),
    ):
        r = await client.patch(PATH, params=chosen, json=body, headers=headers)
        assert_channel_error(r, 400)
        assert field in r.text, r.text
    r = await client.patch(PATH, params={"bookingId": "x"}, json={"read": True}, headers=headers)
    assert_channel_error(r, 400, field="bookingId")
    await db.refresh(talk.asked)
    assert talk.asked.read_at is None


# --- attachments ------------------------------------------------------------------------------


async def test_attachments_of_each_type_are_kept_and_read_back(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    headers = await pms.headers(*WRITE)
    files = {"map.png": PNG, "photo.jpg": JPEG, "anim.gif": GIF, "rules.pdf": PDF}
    types = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "pdf": "application/pdf"}
    results = await post(
        client,
        headers,
        [
            {
                "bookingId": booking.int_id,
                "message": f"See {name}",
                "attachment": b64(content),
                "attachmentName": name,
                "attachmentMimeType": types[name.rsplit(".", 1)[1]],
            }
            for name, content in files.items()
        ],
    )
    assert all(r["success"] for r in results), results
    for message in await listed(client, headers):
        name = message["attachmentName"]
        assert message["message"] == f"See {name}"
        assert base64.b64decode(message["attachment"]) == files[name]
        assert message["attachmentMimeType"] == types[name.rsplit(".", 1)[1]]
    # The bytes are in the file store, the rows only say where (docs/storage.md).
    a = MessageAttachment
    rows = (await db.execute(select(a.storage_key, a.sha256, a.content))).all()
    assert len(rows) == 4
    assert all(r.storage_key and r.sha256 and r.content is None for r in rows), rows
    kinds = set(await db.scalars(select(Message.message_type)))
    assert kinds == {"media"}


async def test_bad_attachments_are_each_items_error_and_nothing_is_kept(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    item = {"bookingId": booking.int_id, "message": "See attached"}
    png = {"attachment": b64(PNG), "attachmentMimeType": "image/png"}
    results = await post(
        client,
        await pms.headers(*WRITE),
        [
            {**item, **png, "attachment": "not base64!"},
            {**item, **png, "attachmentMimeType": "image/jpeg"},  # PNG bytes
            {**item, "attachment": b64(PDF), "attachmentMimeType": "image/png"},
            {**item, **png, "attachmentMimeType": "image/webp"},
            {**item, "attachment": b64(PNG)},
            {**item, **png, "attachment": ""},
            {**item, **png, "attachmentName": "../../etc/passwd"},
            {**item, "attachmentName": "map.png"},
            {**item, **png, "attachment": 42},
        ],
    )
    fields = [r["errors"][0]["field"] for r in results]
    assert fields == [
        "attachment",
        "attachment",
        "attachment",
        "attachmentMimeType",
        "attachmentMimeType",
        "attachment",
        "attachmentName",
        "attachmentName",
        "attachment",
    ]
    assert not any(r["success"] for r in results)
    assert "base64" in results[0]["errors"][0]["message"]
    assert "image/jpeg" in results[1]["errors"][0]["message"]
    assert await count_messages(db) == 0


async def test_an_attachment_over_the_body_limit_is_413_and_nothing_is_kept(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    huge = PNG + bytes(1_000_001 - len(PNG))
    body = [
        {"bookingId": booking.int_id, "message": "Big", "attachmentMimeType": "image/png"}
        | {"attachment": b64(huge)}
    ]
    r = await client.post(PATH, json=body, headers=await pms.headers(*WRITE))
    assert_channel_error(r, 413, field="body")
    assert await count_messages(db) == 0


# --- scopes, credits, limits ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "scopes", "allowed"),
    [
        ("GET", ("read:bookings",), False),
        ("GET", ("write:bookings-personal", "write:messages"), False),
        ("GET", ("read:bookings-personal",), True),
        ("GET", ("read:messages",), True),
        ("GET", ("guest_communication",), True),
        ("POST", ("read:bookings-personal", "read:messages", "all:bookings"), False),
        ("POST", ("write:bookings-personal",), True),
        ("POST", ("write:messages",), True),
        ("PATCH", ("read:bookings-personal", "read:messages"), False),
        ("PATCH", ("write:bookings-personal",), True),
        ("PATCH", ("write:messages",), True),
    ],
)
async def test_either_scope_family_opens_each_route_and_neither_is_403(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    booking: Reservation,
    method: str,
    scopes: tuple[str, ...],
    allowed: bool,
) -> None:
    headers = await pms.headers(*scopes)
    if method == "GET":
        r = await client.get(PATH, headers=headers)
    elif method == "POST":
        r = await client.post(
            PATH, json=[{"bookingId": booking.int_id, "message": "Hi"}], headers=headers
        )
    else:
        r = await client.patch(
            PATH, params={"bookingId": booking.int_id}, json={"read": True}, headers=headers
        )
    if allowed:
        assert r.status_code in (200, 201), r.text
        assert method != "POST" or r.json()[0]["success"] is True
    else:
        body = assert_channel_error(r, 403, field="scope")
        family = "read" if method == "GET" else "write"
        assert f"{family}:bookings-personal or {family}:messages" in str(body["error"])
        assert await count_messages(db) == 0


async def test_each_route_is_metered_like_the_other_writes(
    client: httpx.AsyncClient, pms: Pms, booking: Reservation
) -> None:
    headers = await pms.headers(*WRITE)
    items = [{"bookingId": booking.int_id, "message": f"#{k}"} for k in range(25)]
    r = await client.post(PATH, json=items, headers=headers)
    assert credits_of(r)["cost"] == 4  # 1 + one per started 10 items
    r = await client.get(PATH, headers=headers)
    assert credits_of(r)["cost"] == 1
    r = await client.patch(
        PATH, params={"bookingId": booking.int_id}, json={"read": True}, headers=headers
    )
    assert credits_of(r)["cost"] == 2


async def test_more_than_10000_items_is_400_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    item = {"bookingId": booking.int_id, "message": "x"}
    r = await client.post(PATH, json=[item] * 10_001, headers=await pms.headers(*WRITE))
    assert_channel_error(r, 400, field="body")
    assert await count_messages(db) == 0
    r = await client.post(PATH, json={"not": "an array"}, headers=await pms.headers(*WRITE))
    assert_channel_error(r, 400)


async def test_the_document_lists_either_scope_for_each_route(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/v2/openapi.json")).json()
    ops = doc["paths"]["/bookings/messages"]
    assert ops["get"]["security"] == [
        {"token": ["read:bookings-personal"]},
        {"token": ["read:messages"]},
    ]
    for method in ("post", "patch"):
        assert ops[method]["security"] == [
            {"token": ["write:bookings-personal"]},
            {"token": ["write:messages"]},
        ]
    assert doc["paths"]["/bookings"]["get"]["security"] == [{"token": ["read:bookings"]}]


# --- concurrency ------------------------------------------------------------------------------


@pytest.fixture
async def committed_pms(committed_factory: async_sessionmaker[AsyncSession]) -> Any:
    async with committed_factory() as s:
        pms = await build_pms(s, channel=True)
        yield pms, await book_direct(s, pms, day(20), day(23))


async def test_two_first_messages_at_once_make_one_thread_counting_two(
    committed_client: httpx.AsyncClient,
    committed_pms: Any,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    pms, booking = committed_pms
    headers = await pms.headers(*WRITE)
    answers = await asyncio.gather(
        *(
            committed_client.post(
                PATH, json=[{"bookingId": booking.int_id, "message": f"#{k}"}], headers=headers
            )
            for k in range(2)
        )
    )
    assert [r.status_code for r in answers] == [201, 201]
    assert all(r.json()[0]["success"] for r in answers)
    async with committed_factory() as check:
        [thread] = (await check.scalars(select(MessageThread))).all()
        assert thread.message_count == 2 and thread.reservation_id == booking.id
        assert await check.scalar(select(func.count()).select_from(Message)) == 2


# --- Idempotency-Key --------------------------------------------------------------------------


async def test_a_retried_post_with_its_idempotency_key_sends_nothing_twice(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, booking: Reservation
) -> None:
    headers = {**await pms.headers(*WRITE), "Idempotency-Key": "beds24-send-1"}
    body = [{"bookingId": booking.int_id, "message": "Your code is 4711"}]
    first = await client.post(PATH, json=body, headers=headers)
    again = await client.post(PATH, json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201), first.text
    assert again.headers["Idempotent-Replayed"] == "true" and again.content == first.content
    assert first.json()[0]["success"] is True
    assert await count_messages(db) == 1

    other = await client.post(
        PATH, json=[{"bookingId": booking.int_id, "message": "Another"}], headers=headers
    )
    assert_channel_error(other, 409, field="Idempotency-Key")
    assert await count_messages(db) == 1
