"""Idempotency-Key on createMessage (POST /messaging-api/v1/messages): a retried send gets
the first answer and sends nothing more; the same key with another body is a 409 naming
the header; keys are per user; concurrent sends under one key make one message. The
mechanism is staykit.api.idempotency's, the same as createReservation's."""

from __future__ import annotations

import asyncio
import uuid

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.catalog.models import UnitType
from staykit.domain.idempotency.models import IdempotencyKey
from staykit.domain.messaging.models import Message, MessageThread
from tests.api.marketplace.messaging import MESSAGES, listed, talk, thread_of
from tests.factories import Person, assert_error, make_listing, make_logged_in

KEY = "send-5b1c-0001"


def keyed(person: Person, key: str = KEY) -> dict[str, str]:
    return {**person.headers, "Idempotency-Key": key}


async def messages_in(db: AsyncSession, thread_id: str) -> int:
    return int(
        await db.scalar(
            select(func.count())
            .select_from(Message)
            .where(Message.thread_id == uuid.UUID(thread_id))
        )
        or 0
    )


async def test_a_retried_send_returns_the_same_message_and_sends_nothing_more(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    body = {"threadId": conv.thread_id, "content": "We arrive at six."}
    first = await client.post(MESSAGES, json=body, headers=keyed(guest))
    again = await client.post(MESSAGES, json=body, headers=keyed(guest))

    assert (first.status_code, again.status_code) == (201, 201), first.text
    assert "Idempotent-Replayed" not in first.headers
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert again.json()["message"]["id"] == first.json()["message"]["id"]
    assert await messages_in(db, conv.thread_id) == 1
    assert (await thread_of(client, guest, conv.thread_id))["messageCount"] == 1
    assert [m["id"] for m in await listed(client, host, conv.thread_id)] == [
        first.json()["message"]["id"]
    ]


async def test_sends_without_a_key_each_send_a_message(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    body = {"threadId": conv.thread_id, "content": "Hello"}
    for _ in range(2):
        r = await client.post(MESSAGES, json=body, headers=guest.headers)
        assert r.status_code == 201, r.text
    assert await messages_in(db, conv.thread_id) == 2
    assert await db.scalar(select(func.count()).select_from(IdempotencyKey)) == 0


async def test_the_same_key_with_another_body_is_refused_naming_the_header(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    r = await client.post(
        MESSAGES, json={"threadId": conv.thread_id, "content": "first"}, headers=keyed(guest)
    )
    assert r.status_code == 201, r.text
    r = await client.post(
        MESSAGES, json={"threadId": conv.thread_id, "content": "second"}, headers=keyed(guest)
    )
    body = assert_error(r, 409, field="Idempotency-Key")
    assert body["message"] == "errMsg_idempotencyKeyReused"
    assert "another request" in str(body["detail"])
    assert await messages_in(db, conv.thread_id) == 1


async def test_another_users_same_key_is_their_own(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    body = {"threadId": conv.thread_id, "content": "Same words, same key"}
    mine = await client.post(MESSAGES, json=body, headers=keyed(guest))
    theirs = await client.post(MESSAGES, json=body, headers=keyed(host))

    assert (mine.status_code, theirs.status_code) == (201, 201), theirs.text
    assert "Idempotent-Replayed" not in theirs.headers
    assert mine.json()["message"]["id"] != theirs.json()["message"]["id"]
    assert theirs.json()["message"]["senderId"] == host.id
    assert await messages_in(db, conv.thread_id) == 2


async def test_a_refused_send_is_replayed_as_the_same_refusal(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    r = await client.patch(
        f"/messaging-api/v1/messagethreads/{conv.thread_id}",
        json={"isOpen": False},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    body = {"threadId": conv.thread_id, "content": "Are you there?"}
    first = await client.post(MESSAGES, json=body, headers=keyed(guest))
    assert_error(first, 409)
    r = await client.patch(
        f"/messaging-api/v1/messagethreads/{conv.thread_id}",
        json={"isOpen": True},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    again = await client.post(MESSAGES, json=body, headers=keyed(guest))
    assert again.status_code == 409 and again.headers["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert await messages_in(db, conv.thread_id) == 0


async def test_a_malformed_key_is_a_400_naming_the_header_and_nothing_is_sent(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    conv = await talk(client, guest, host, listing)
    r = await client.post(
        MESSAGES,
        json={"threadId": conv.thread_id, "content": "Hi"},
        headers={**guest.headers, "Idempotency-Key": "x" * 256},
    )
    body = assert_error(r, 400, field="Idempotency-Key")
    assert body["message"] == "errMsg_idempotencyKeyIsInvalid"
    assert await messages_in(db, conv.thread_id) == 0


async def test_concurrent_sends_under_one_key_make_one_message(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
    conv = await talk(client, guest, host, listing)
    body = {"threadId": conv.thread_id, "content": "Sent once, whatever the retries"}

    answers = await asyncio.gather(
        *(client.post(MESSAGES, json=body, headers=keyed(guest)) for _ in range(5))
    )

    ran = [r for r in answers if r.status_code == 201 and "Idempotent-Replayed" not in r.headers]
    assert len(ran) == 1, [(r.status_code, r.text[:200]) for r in answers]
    for r in answers:
        if r is ran[0]:
            continue
        if r.status_code == 409:
            assert assert_error(r, 409, field="Idempotency-Key")["message"] == (
                "errMsg_idempotencyKeyInProgress"
            )
        else:
            assert r.status_code == 201 and r.headers["Idempotent-Replayed"] == "true"
            assert r.content == ran[0].content
    async with committed_factory() as db:
        assert await messages_in(db, conv.thread_id) == 1
        count = await db.scalar(
            select(MessageThread.message_count).where(MessageThread.id == uuid.UUID(conv.thread_id))
        )
        assert count == 1


async def test_the_messaging_document_shows_the_header_on_create_message_only(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/messaging-api/openapi.json")
    assert r.status_code == 200, r.text
    with_header = [
        (path, method)
        for path, operations in r.json()["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "Idempotency-Key" for p in operation.get("parameters", []))
    ]
    assert with_header == [("/v1/messages", "post")]
