"""createMessage, getMessage, updateMessage, deleteMessage, getThreadMessages and
gotthreadMessages (spec §3.2): sending counts the message in its thread, messages list
oldest first with their sender, edits and flags by the sender or an admin, the soft
delete kept for audit; the marketplace and the Channel API share the conversation."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging.models import Message
from tests.api.marketplace.messaging import (
    GOT_THREAD_MESSAGES,
    MESSAGES,
    THREAD_MESSAGES,
    listed,
    send,
    talk,
    thread_of,
)
from tests.factories import Person, assert_error, partner_token

SPEC_FIELDS = {
    "id",
    "threadId",
    "content",
    "senderId",
    "sentAt",
    "messageType",
    "messageType_idx",
    "mediaUrl",
    "isModerated",
    "isFlagged",
    "flaggedBy",
    "flagReason",
    "isRead",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}
STAYKIT_FIELDS = {"source", "isMasked", "originalContent"}
CHANNEL = "/v2/bookings/messages"


async def messages_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(Message)) or 0)


async def test_sending_sets_the_server_fields_and_counts_the_message_in_its_thread(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    r = await client.post(
        MESSAGES,
        json={
            "threadId": conv.thread_id,
            "content": "We land at 18:00, is late check-in fine?",
            "messageType": "text",
            "senderId": guest.id,
            "sentAt": "2001-01-01T00:00:00Z",
            "isModerated": False,
            "isFlagged": False,
        },
        headers=guest.headers,
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("message", "create")
    message = body["message"]
    assert set(message) == SPEC_FIELDS | STAYKIT_FIELDS
    assert (message["senderId"], message["_owner"], message["source"]) == (
        guest.id,
        guest.id,
        "guest",
    )
    assert (message["messageType"], message["messageType_idx"]) == ("text", 0)
    assert not message["sentAt"].startswith("2001")
    assert (message["isRead"], message["isFlagged"], message["isMasked"]) == (False, False, False)
    thread = await thread_of(client, host, conv.thread_id)
    assert thread["messageCount"] == 1 and thread["lastMessageAt"] == message["sentAt"]
    reply = await send(client, host, conv.thread_id, "Yes, the key box code comes by message.")
    assert reply["source"] == "host"
    thread = await thread_of(client, guest, conv.thread_id)
    assert thread["messageCount"] == 2 and thread["lastMessageAt"] == reply["sentAt"]


async def test_thread_messages_are_oldest_first_with_their_senders_and_the_thread(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    sent = [
        await send(client, guest, conv.thread_id, "one"),
        await send(client, host, conv.thread_id, "two"),
        await send(client, guest, conv.thread_id, "three"),
    ]
    r = await client.get(f"{THREAD_MESSAGES}/{conv.thread_id}", headers=host.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [m["content"] for m in body["messages"]] == ["one", "two", "three"]
    assert [m["sentAt"] for m in body["messages"]] == sorted(m["sentAt"] for m in sent)
    assert body["messages"][1]["sender"] == {
        "id": host.id,
        "fullname": host.user.fullname,
        "avatar": None,
    }
    assert body["paging"]["totalRowCount"] == 3
    assert body["thread"]["listingId"] == str(listing.id)
    assert body["listing"]["title"] == listing.title and body["amenities"] == {}
    r = await client.get(
        f"{GOT_THREAD_MESSAGES}/{conv.thread_id}",
        headers=guest.headers,
        params={"pageRowCount": 2, "pageNumber": 2},
    )
    got = r.json()
    assert [m["content"] for m in got["messages"]] == ["three"] and "thread" not in got
    r = await client.get(f"{MESSAGES}/{sent[0]['id']}", headers=host.headers)
    assert r.json()["message"]["sender"]["fullname"] == guest.user.fullname
    unknown = uuid.uuid4()
    assert_error(
        await client.get(f"{THREAD_MESSAGES}/{unknown}", headers=guest.headers),
        404,
        field="threadId",
    )


@pytest.mark.parametrize(
    ("fields", "status", "field", "message"),
    [
        ({"content": ""}, 400, "content", "errMsg_contentIsRequired"),
        ({"content": "   "}, 400, "content", "errMsg_contentIsRequired"),
        ({"content": 12}, 400, "content", None),
        ({"content": "x" * 5001}, 400, "content", None),
        ({"content": "x" * 20_001}, 400, "content", None),
        ({"messageType": "system"}, 403, "messageType", "errMsg_messageTypeIsNotAllowed"),
        ({"messageType": "video"}, 400, "messageType", None),
        ({"messageType": "media"}, 400, "mediaUrl", "errMsg_mediaUrlIsRequired"),
        ({"messageType": "media", "mediaUrl": "javascript:alert(1)"}, 400, "mediaUrl", None),
        ({"mediaUrl": "https://example.test/a.png"}, 400, "mediaUrl", None),
        ({"senderId": "other"}, 400, "senderId", "errMsg_senderIdIsSetByTheServer"),
        ({"isFlagged": True}, 400, "isFlagged", None),
        ({"isModerated": True}, 400, "isModerated", None),
        ({"flaggedBy": "guest"}, 400, "flaggedBy", None),
        ({"threadId": "unknown"}, 404, "threadId", "errMsg_messageThreadNotFound"),
        ({"threadId": "nope"}, 400, "threadId", None),
    ],
)
async def test_bad_messages_are_refused_naming_the_field_and_nothing_is_written(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    listing: UnitType,
    fields: dict[str, Any],
    status: int,
    field: str,
    message: str | None,
) -> None:
    conv = await talk(client, guest, host, listing)
    words = {"other": host.id, "guest": guest.id, "unknown": str(uuid.uuid4())}
    body: dict[str, Any] = {"threadId": conv.thread_id, "content": "Hello"}
    body.update({k: words.get(v, v) if isinstance(v, str) else v for k, v in fields.items()})
    before = await messages_count(db)
    r = await client.post(MESSAGES, json=body, headers=guest.headers)
    assert_error(r, status, field=field, message=message)
    assert await messages_count(db) == before
    assert (await thread_of(client, guest, conv.thread_id))["messageCount"] == 0


async def test_a_media_message_keeps_its_url(
    client: httpx.AsyncClient, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    sent = await send(
        client,
        host,
        conv.thread_id,
        "The way to the door",
        messageType="media",
        mediaUrl="https://cdn.example.test/door.jpg",
    )
    assert (sent["messageType"], sent["messageType_idx"]) == ("media", 1)
    assert sent["mediaUrl"] == "https://cdn.example.test/door.jpg"


async def test_edits_are_the_senders_or_an_admins_and_read_marks_the_recipients(
    client: httpx.AsyncClient, guest: Person, host: Person, admin: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    sent = await send(client, guest, conv.thread_id, "Teh door code?")
    url = f"{MESSAGES}/{sent['id']}"
    r = await client.patch(url, json={"content": "The door code?"}, headers=host.headers)
    assert_error(r, 403, field="content", message="errMsg_notTheSender")
    r = await client.patch(url, json={"content": "The door code?"}, headers=guest.headers)
    assert r.status_code == 200, r.text
    assert r.json()["message"]["content"] == "The door code?"
    r = await client.patch(url, json={"isRead": True}, headers=guest.headers)
    assert_error(r, 403, field="isRead", message="errMsg_notTheRecipient")
    r = await client.patch(url, json={"isRead": True}, headers=host.headers)
    assert r.status_code == 200 and r.json()["message"]["isRead"] is True
    r = await client.patch(url, json={"isModerated": True}, headers=guest.headers)
    assert_error(r, 403, field="isModerated")
    r = await client.patch(
        url,
        json={"isFlagged": True, "flagReason": "spam", "isModerated": True},
        headers=admin.headers,
    )
    flagged = r.json()["message"]
    assert (flagged["isFlagged"], flagged["flaggedBy"], flagged["flagReason"]) == (
        True,
        admin.id,
        "spam",
    )
    assert flagged["isModerated"] is True
    r = await client.patch(url, json={"isFlagged": True}, headers=host.headers)
    assert_error(r, 403, field="isFlagged")
    r = await client.patch(url, json={"isFlagged": False}, headers=guest.headers)
    retracted = r.json()["message"]
    assert (retracted["isFlagged"], retracted["flaggedBy"], retracted["flagReason"]) == (
        False,
        None,
        None,
    )
    r = await client.patch(
        url, json={"flaggedBy": host.id, "isFlagged": True}, headers=guest.headers
    )
    assert_error(r, 400, field="flaggedBy")
    r = await client.patch(url, json={"content": None}, headers=guest.headers)
    assert_error(r, 400, field="content")
    r = await client.patch(url, json={"threadId": conv.thread_id}, headers=guest.headers)
    assert_error(r, 400, field="threadId")
    r = await client.patch(url, json={}, headers=guest.headers)
    assert_error(r, 400, field="body")


async def test_a_deleted_message_is_hidden_from_everyone_but_kept_for_audit(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    conv = await talk(client, guest, host, listing)
    sent = await send(client, guest, conv.thread_id, "Oops, wrong thread")
    url = f"{MESSAGES}/{sent['id']}"
    assert_error(await client.delete(url, headers=host.headers), 403)
    r = await client.delete(url, headers=guest.headers)
    assert r.status_code == 200, r.text
    assert r.json()["message"]["isActive"] is False
    for person in (guest, host, admin):
        assert await listed(client, person, conv.thread_id) == []
        assert_error(await client.get(url, headers=person.headers), 404, field="messageId")
    row = await db.get(Message, uuid.UUID(sent["id"]))
    assert row is not None and row.content == "Oops, wrong thread" and row.hidden_at is not None
    assert row.hidden_by == guest.user.id


async def test_the_marketplace_and_the_channel_api_share_the_reservations_conversation(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    booking = await db.get(Reservation, uuid.UUID(conv.reservation["id"]))
    assert booking is not None
    token = await partner_token(
        db,
        host,
        [listing.business_id],
        scopes=("read:bookings-personal", "write:bookings-personal"),
    )
    partner = {"token": token.value}
    asked = await send(client, guest, conv.thread_id, "Is there parking?")
    r = await client.get(CHANNEL, params={"bookingId": booking.int_id}, headers=partner)
    assert r.status_code == 200, r.text
    [seen] = r.json()["data"]
    assert (seen["message"], seen["source"], seen["bookingId"]) == (
        "Is there parking?",
        "guest",
        booking.int_id,
    )
    r = await client.post(
        CHANNEL,
        json=[{"bookingId": booking.int_id, "message": "Yes, behind the house."}],
        headers=partner,
    )
    assert r.status_code == 201 and r.json()[0]["success"] is True, r.text
    rows = await listed(client, guest, conv.thread_id)
    assert [(m["content"], m["source"]) for m in rows] == [
        ("Is there parking?", "guest"),
        ("Yes, behind the house.", "host"),
    ]
    assert rows[0]["id"] == asked["id"]
    assert (await thread_of(client, guest, conv.thread_id))["messageCount"] == 2
    # The guest's read mark through the marketplace is the Channel API's read flag.
    r = await client.patch(
        f"{MESSAGES}/{rows[1]['id']}", json={"isRead": True}, headers=guest.headers
    )
    assert r.status_code == 200, r.text
    r = await client.post(CHANNEL, json=[{"id": seen["id"], "read": True}], headers=partner)
    assert r.json()[0]["success"] is True
    assert (await listed(client, host, conv.thread_id))[0]["isRead"] is True
