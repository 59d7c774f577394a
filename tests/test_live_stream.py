"""The live stream (GET /notification-api/stream, Server-Sent Events) against real servers:
`staykit serve` subprocesses over the test database.

- A stream that disconnects and comes back with Last-Event-ID gets everything sent
  meanwhile, in order, once, and then live events again; a new message in the user's
  conversation arrives on the same stream.
- Two servers on one database: what is sent through one reaches a stream open on the
  other (PostgreSQL LISTEN/NOTIFY), and Ctrl-C ends the open stream and the server.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.messaging.service import NewMessage, send
from tests.factories import Person, actor_of, make_listing, make_user
from tests.sse import EventReader, login, serve

STREAM = "/notification-api/stream"
FAST = {"STAYKIT_LIVE_HEARTBEAT_SECONDS": "1"}


async def notify(base: str, admin_token: str, person: Person, title: str) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        r = await http.post(
            "/notification-api/notifications",
            json={"notification": {"recipients": [str(person.user.id)], "title": title}},
            headers={"Authorization": f"Bearer {admin_token}"},
        )
        assert r.status_code == 201, r.text


async def test_a_stream_resumes_after_last_event_id_without_losing_anything(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        admin = await make_user(db, role="admin")
        guest = await make_user(db, fullname="Gina Guest")
        host = await make_user(db)
        listing = await make_listing(db, host)
    async with serve(database_url, **FAST) as (base, _):
        admin_token = await login(base, admin.email, admin.password)
        token = await login(base, guest.email, guest.password)
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            async with http.stream("GET", STREAM, headers=headers) as r:
                assert r.status_code == 200
                assert r.headers["content-type"].startswith("text/event-stream")
                events = EventReader(r)
                ready = await events.next()
                assert (ready.event, ready.id) == ("ready", 0)
                await notify(base, admin_token, guest, "one")
                one = await events.until("notification")
                assert (one.id, one.data["title"]) == (1, "one")
            # Away: three more happen, one of them a host's message in the guest's thread.
            await notify(base, admin_token, guest, "two")
            async with unit_of_work(committed_factory) as session:
                day = utcnow().date() + timedelta(days=90)
                booked = await create_reservation(
                    session,
                    actor_of(guest),
                    NewReservation(listing.id, day, day + timedelta(days=2), 1),
                )
            async with unit_of_work(committed_factory) as session:
                message = await send(
                    session,
                    actor_of(host),
                    NewMessage(booked.reservation.id, "Welcome!", source="host"),
                )
            await notify(base, admin_token, guest, "three")
            await asyncio.sleep(3)  # the server's worker acts on the booking and message

            async with http.stream(
                "GET", STREAM, headers={**headers, "Last-Event-ID": str(one.id)}
            ) as r:
                events = EventReader(r)
                ready = await events.next()
                assert (ready.event, ready.id) == ("ready", 1)
                # What happened while away (the notices two and three, the booking's
                # notice, the host's message and its notice, and the system messages the
                # booking wrote in the reservation's thread), then "four", sent live now.
                await notify(base, admin_token, guest, "four")
                got = [await events.next()]
                while got[-1].data.get("title") != "four" and len(got) < 15:
                    got.append(await events.next())
                # Each number once, in order, from 2 on, "four" last.
                assert [e.id for e in got] == list(range(2, 2 + len(got)))
                kinds = [(e.event, e.data.get("title") or e.data.get("id")) for e in got]
                assert kinds[-1] == ("notification", "four")
                system = [e for e in got if e.event == "message" and e.data["source"] == "system"]
                assert len(got) == 6 + len(system)
                assert ("notification", "two") in kinds and ("notification", "three") in kinds
                assert ("message", str(message.id)) in kinds
                assert kinds.index(("notification", "two")) < kinds.index(("notification", "three"))
                assert ("notification", "Booking confirmed: " + listing.title) in kinds
                assert ("notification", "New message from " + host.user.fullname) in kinds
                last = got[-1].id
                await asyncio.sleep(1.5)
                await notify(base, admin_token, guest, "five")
                five = await events.next()
                assert five.id == last + 1 and events.heartbeats >= 1

            # Without Last-Event-ID a stream starts from now, and `ready` says where.
            async with http.stream("GET", STREAM, params={"access_token": token}) as r:
                ready = await EventReader(r).next()
                assert (ready.event, ready.id) == ("ready", five.id)


async def test_what_one_server_sends_reaches_a_stream_on_the_other(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        admin = await make_user(db, role="admin")
        guest = await make_user(db)
    async with serve(database_url, **FAST) as (one, _), serve(database_url, **FAST) as (two, proc):
        admin_token = await login(one, admin.email, admin.password)
        token = await login(two, guest.email, guest.password)
        async with (
            httpx.AsyncClient(base_url=two, timeout=30) as http,
            http.stream("GET", STREAM, headers={"Authorization": f"Bearer {token}"}) as r,
        ):
            events = EventReader(r)
            assert (await events.next()).event == "ready"
            started = asyncio.get_running_loop().time()
            await notify(one, admin_token, guest, "across")  # through the other server
            got = await events.until("notification", within=10)
            assert got.data["title"] == "across" and got.id == 1
            assert asyncio.get_running_loop().time() - started < 5
            # Ctrl-C on the server holding the stream: the stream ends, the server exits.
            proc.send_signal(signal.SIGINT)
            try:
                while True:
                    await events.next(within=20)
            except (EOFError, httpx.RemoteProtocolError):
                pass
        assert await asyncio.wait_for(proc.wait(), 20) in (0, 128 + signal.SIGINT, -signal.SIGINT)
