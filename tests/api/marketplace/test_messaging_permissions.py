"""The messaging service's permission matrix: every route (the 15 of spec §3.2 and the
default routes that read the caller) against the thread's guest, its host, another guest
(with a stay of their own elsewhere), another host (with a listing of their own), an
admin and an anonymous caller. Each cell is the status the route answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.messaging import (
    API,
    GOT_THREAD_MESSAGES,
    MESSAGES,
    REPORTS,
    THREAD_MESSAGES,
    THREADS,
    send,
    talk,
)
from tests.api.marketplace.test_reservations_api import book, book_unpaid
from tests.factories import Person, make_listing, make_logged_in

ACTORS = ("guest", "host", "other_guest", "other_host", "admin", "anonymous")


@dataclass
class World:
    people: dict[str, Person]
    thread_id: str
    guest_message: str  # sent by the guest
    host_message: str  # sent by the host
    report: str  # the host's report of the guest's message
    spare_stay: str  # the guest's second stay, with no thread yet


@pytest.fixture
async def world(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> World:
    conv = await talk(client, guest, host, listing)
    spare = await book_unpaid(client, guest, listing, 10)
    other_guest = await make_logged_in(client, db)
    other_host = await make_logged_in(client, db)
    elsewhere = await make_listing(db, other_host)
    await book(client, other_guest, elsewhere)
    g = await send(client, guest, conv.thread_id, "Hi!")
    h = await send(client, host, conv.thread_id, "Welcome!")
    r = await client.post(
        REPORTS, json={"messageId": g["id"], "reportReason": "spam"}, headers=host.headers
    )
    assert r.status_code == 201, r.text
    people = {
        "guest": guest,
        "host": host,
        "other_guest": other_guest,
        "other_host": other_host,
        "admin": admin,
    }
    return World(
        people, conv.thread_id, g["id"], h["id"], r.json()["messageReport"]["id"], spare["id"]
    )


Call = Callable[[httpx.AsyncClient, World, dict[str, str]], Awaitable[httpx.Response]]


def _get(url: Callable[[World], str], **params: Any) -> Call:
    async def call(c: httpx.AsyncClient, w: World, h: dict[str, str]) -> httpx.Response:
        return await c.get(url(w), headers=h, params=params)

    return call


def _write(
    method: str, url: Callable[[World], str], body: Callable[[World], Any] | None = None
) -> Call:
    async def call(c: httpx.AsyncClient, w: World, h: dict[str, str]) -> httpx.Response:
        return await c.request(method, url(w), headers=h, json=body(w) if body else None)

    return call


def _new_thread(w: World) -> dict[str, str]:
    return {
        "guestId": w.people["guest"].id,
        "hostId": w.people["host"].id,
        "reservationId": w.spare_stay,
    }


# route -> (call, {actor: status}); every actor is listed.
MATRIX: dict[str, tuple[Call, dict[str, int]]] = {
    "createMessageThread": (
        _write("POST", lambda w: THREADS, _new_thread),
        {
            "guest": 201,
            "host": 201,
            "other_guest": 404,
            "other_host": 404,
            "admin": 403,
            "anonymous": 401,
        },
    ),
    "getMessageThread": (
        _get(lambda w: f"{THREADS}/{w.thread_id}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "listMessageThreads": (
        _get(lambda w: THREADS),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 200,
            "other_host": 200,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "updateMessageThread": (
        _write("PATCH", lambda w: f"{THREADS}/{w.thread_id}", lambda w: {"isOpen": False}),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "deleteMessageThread": (
        _write("DELETE", lambda w: f"{THREADS}/{w.thread_id}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "createMessage": (
        _write("POST", lambda w: MESSAGES, lambda w: {"threadId": w.thread_id, "content": "Hello"}),
        {
            "guest": 201,
            "host": 201,
            "other_guest": 404,
            "other_host": 404,
            "admin": 403,
            "anonymous": 401,
        },
    ),
    "getMessage": (
        _get(lambda w: f"{MESSAGES}/{w.guest_message}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "updateMessage": (
        _write(
            "PATCH", lambda w: f"{MESSAGES}/{w.guest_message}", lambda w: {"content": "Hi again"}
        ),
        {
            "guest": 200,
            "host": 403,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "deleteMessage": (
        _write("DELETE", lambda w: f"{MESSAGES}/{w.host_message}"),
        {
            "guest": 403,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "getThreadMessages": (
        _get(lambda w: f"{THREAD_MESSAGES}/{w.thread_id}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "gotthreadMessages": (
        _get(lambda w: f"{GOT_THREAD_MESSAGES}/{w.thread_id}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "listMessageReports": (
        _get(lambda w: REPORTS),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 200,
            "other_host": 200,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "createMessageReport": (
        _write(
            "POST",
            lambda w: REPORTS,
            lambda w: {"messageId": w.host_message, "reportReason": "rude"},
        ),
        {
            "guest": 201,
            "host": 400,
            "other_guest": 404,
            "other_host": 404,
            "admin": 403,
            "anonymous": 401,
        },
    ),
    "getMessageReport": (
        _get(lambda w: f"{REPORTS}/{w.report}"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "updateMessageReport": (
        _write(
            "PATCH", lambda w: f"{REPORTS}/{w.report}", lambda w: {"moderationStatus": "reviewed"}
        ),
        {
            "guest": 403,
            "host": 403,
            "other_guest": 404,
            "other_host": 404,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "currentuser": (
        _get(lambda w: f"{API}/currentuser"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 200,
            "other_host": 200,
            "admin": 200,
            "anonymous": 401,
        },
    ),
    "permissions": (
        _get(lambda w: f"{API}/permissions"),
        {
            "guest": 200,
            "host": 200,
            "other_guest": 200,
            "other_host": 200,
            "admin": 200,
            "anonymous": 401,
        },
    ),
}

# What a list shows each actor: (route, data name) -> {actor: rows}.
LISTS: dict[str, tuple[str, dict[str, int]]] = {
    "listMessageThreads": (
        "messageThreads",
        {"guest": 1, "host": 1, "other_guest": 0, "other_host": 0},
    ),
    "listMessageReports": (
        "messageReports",
        {"guest": 1, "host": 1, "other_guest": 0, "other_host": 0},
    ),
}


def test_the_matrix_covers_every_route_and_actor() -> None:
    assert len([n for n in MATRIX if n not in ("currentuser", "permissions")]) == 15
    assert all(set(cells) == set(ACTORS) for _, cells in MATRIX.values())


@pytest.mark.parametrize("actor", ACTORS)
async def test_each_route_answers_each_actor_its_status(
    client: httpx.AsyncClient, db_conn: AsyncConnection, world: World, actor: str
) -> None:
    """One world per actor; each route runs inside a savepoint rolled back after it, so
    every route meets the same world (a deleted thread does not hide it from the next)."""
    person = world.people.get(actor)
    headers = person.headers if person else {}
    wrong = []
    for route, (call, cells) in MATRIX.items():
        savepoint = await db_conn.begin_nested()
        try:
            r = await call(client, world, headers)
        finally:
            await savepoint.rollback()
        if r.status_code != cells[actor]:
            wrong.append(f"{route} as {actor}: {r.status_code}, expected {cells[actor]}: {r.text}")
            continue
        if r.status_code >= 400 and "requestId" not in r.json() and r.json().get("status") != "ERR":
            wrong.append(f"{route} as {actor}: an error body without its requestId: {r.text}")
        if route in LISTS and actor in LISTS[route][1]:
            name, rows = LISTS[route]
            if len(r.json()[name]) != rows[actor]:
                wrong.append(f"{route} as {actor}: {len(r.json()[name])} rows, not {rows[actor]}")
    assert not wrong, "\n".join(wrong)
