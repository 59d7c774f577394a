"""50 senders write to one thread at once, each in its own transaction: the thread counts
exactly 50 (the counter moves by one UPDATE per message, never read-modify-write), and
the thread's messages list all 50 in the order of their sentAt."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.marketplace.messaging import MESSAGES, talk, thread_of
from tests.api.marketplace.test_reservations_api import member
from tests.factories import make_listing, make_logged_in

SENDERS = 50


async def test_fifty_concurrent_senders_lose_no_count_and_list_in_sent_order(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
        managers = [await member(client, db, listing, "manager") for _ in range(SENDERS - 2)]
    conv = await talk(client, guest, host, listing)
    senders = [guest, host, *managers]
    assert len(senders) == SENDERS

    async def say(n: int) -> httpx.Response:
        return await client.post(
            MESSAGES,
            json={"threadId": conv.thread_id, "content": f"message {n}"},
            headers=senders[n].headers,
        )

    answers = await asyncio.gather(*(say(n) for n in range(SENDERS)))
    assert [r.status_code for r in answers] == [201] * SENDERS, [
        r.text for r in answers if r.status_code != 201
    ][:3]
    thread = await thread_of(client, guest, conv.thread_id)
    assert thread["messageCount"] == SENDERS
    sent_at = sorted(r.json()["message"]["sentAt"] for r in answers)
    assert thread["lastMessageAt"] == sent_at[-1]
    r = await client.get(
        f"/messaging-api/v1/threadmessages/{conv.thread_id}",
        headers=host.headers,
        params={"pageRowCount": 100},
    )
    rows = r.json()["messages"]
    assert len(rows) == SENDERS
    assert [m["sentAt"] for m in rows] == sent_at
    assert {m["content"] for m in rows} == {f"message {n}" for n in range(SENDERS)}
    assert len({m["senderId"] for m in rows}) == SENDERS
