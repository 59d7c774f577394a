"""Helpers of the messaging API tests: routes, a conversation (a guest's reservation of a
host's listing and its thread opened over HTTP) and senders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.test_reservations_api import book, book_unpaid
from tests.factories import Person

API = "/messaging-api"
THREADS = f"{API}/v1/messagethreads"
MESSAGES = f"{API}/v1/messages"
THREAD_MESSAGES = f"{API}/v1/threadmessages"
GOT_THREAD_MESSAGES = f"{API}/v1/gotthreadmessages"
REPORTS = f"{API}/v1/messagereports"


@dataclass
class Talk:
    """A reservation's thread between its guest and its host."""

    guest: Person
    host: Person
    listing: UnitType
    reservation: dict[str, Any]
    thread: dict[str, Any]

    @property
    def thread_id(self) -> str:
        return str(self.thread["id"])


async def open_thread(
    client: httpx.AsyncClient, by: Person, guest: Person, host: Person, **context: Any
) -> dict[str, Any]:
    body = {"guestId": guest.id, "hostId": host.id, **context}
    r = await client.post(THREADS, json=body, headers=by.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["messageThread"])


async def talk(
    client: httpx.AsyncClient,
    guest: Person,
    host: Person,
    listing: UnitType,
    *,
    confirmed: bool = True,
    first: int = 0,
) -> Talk:
    """The guest books (paid and confirmed, or an unpaid request) and opens its thread."""
    made = await (book if confirmed else book_unpaid)(client, guest, listing, first)
    thread = await open_thread(client, guest, guest, host, reservationId=made["id"])
    return Talk(guest, host, listing, made, thread)


async def send(
    client: httpx.AsyncClient, by: Person, thread_id: str, content: str, **fields: Any
) -> dict[str, Any]:
    r = await client.post(
        MESSAGES, json={"threadId": thread_id, "content": content, **fields}, headers=by.headers
    )
    assert r.status_code == 201, r.text
    return dict(r.json()["message"])


async def thread_of(client: httpx.AsyncClient, by: Person, thread_id: str) -> dict[str, Any]:
    r = await client.get(f"{THREADS}/{thread_id}", headers=by.headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["messageThread"])


async def listed(client: httpx.AsyncClient, by: Person, thread_id: str) -> list[dict[str, Any]]:
    r = await client.get(f"{THREAD_MESSAGES}/{thread_id}", headers=by.headers)
    assert r.status_code == 200, r.text
    return list(r.json()["messages"])
