"""50 senders write to one thread at once, each in its own transaction: the thread counts
exactly 50 (the counter moves by one UPDATE per message, never read-modify-write), and
the thread's messages list all 50 in the order of their sentAt. One user's sends at once
never pass the send rate."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.config import Settings
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


async def test_concurrent_sends_of_one_user_never_pass_the_send_rate(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> None:
    """The rate is counted in each send's INSERT, after the sender's lock: ten sends at
    once with a rate of four make exactly four messages and six 429s."""
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
    conv = await talk(client, guest, host, listing)
    saved = settings.message_send_limit, settings.message_send_window_seconds
    settings.message_send_limit, settings.message_send_window_seconds = 4, 3600
    try:
        answers = await asyncio.gather(
            *(
                client.post(
                    MESSAGES,
                    json={"threadId": conv.thread_id, "content": f"message {n}"},
                    headers=guest.headers,
                )
                for n in range(10)
            )
        )
    finally:
        settings.message_send_limit, settings.message_send_window_seconds = saved
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [201] * 4 + [429] * 6, [r.text[:120] for r in answers]
    for r in answers:
        if r.status_code == 429:
            assert int(r.headers["Retry-After"]) >= 1
    thread = await thread_of(client, guest, conv.thread_id)
    assert thread["messageCount"] == 4
