"""Notifications end to end with a real worker: domain events notify the right people on
the channels they chose, a push reaches a (loopback) push service as a valid encrypted
Web Push request signed with the server's VAPID key, a rolled-back change notifies
nobody, and reservation emails are sent once."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from py_vapid import Vapid02
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.alerts import devices, inbox
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.messaging.service import NewMessage, send
from staykit.domain.notifications import push
from staykit.domain.notifications.models import (
    LiveEvent,
    Notification,
    OutboundMessage,
    PushDevice,
)
from tests.factories import actor_of, make_listing, make_user
from tests.jobs.test_booking_mail import count, drain
from tests.push_service import Browser, PushService, unb64url

ARRIVAL = utcnow().date() + timedelta(days=150)
DEPARTURE = ARRIVAL + timedelta(days=2)


@pytest.fixture
def push_service() -> Iterator[PushService]:
    service = PushService().start()
    try:
        yield service
    finally:
        service.stop()


def claims_of(authorization: str) -> dict[str, object]:
    token = authorization.split("t=", 1)[1].split(",", 1)[0]
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


async def test_a_push_is_a_valid_encrypted_web_push_request(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    push_service: PushService,
) -> None:
    browser, lost = Browser(), Browser()
    async with committed_factory() as db:
        person = await make_user(db)
    async with unit_of_work(committed_factory) as session:
        settings = get_runtime().settings
        for path, who in (("/sub/one", browser), ("/gone/two", lost)):
            keys = who.keys()
            await devices.register(
                session,
                actor_of(person),
                devices.NewDevice(push_service.origin + path, keys["p256dh"], keys["auth"]),
                settings,
            )
        await inbox.send(
            session,
            None,
            inbox.NewNotification(
                [person.user.id], "Checkout at 11", "Leave the keys inside.", channels=("push",)
            ),
            max_recipients=10,
        )
    assert push_service.received == []  # only when the worker runs
    await drain(database_url)

    by_path = {p.path: p for p in push_service.received}
    assert set(by_path) == {"/sub/one", "/gone/two"}
    request = by_path["/sub/one"]
    assert request.headers["content-encoding"] == "aes128gcm"
    assert int(request.headers["ttl"]) > 0
    assert browser.decrypt(request.body) == {
        "title": "Checkout at 11",
        "body": "Leave the keys inside.",
        "event": "announcement",
        "data": {},
    }
    with pytest.raises(Exception):  # encrypted to that browser only
        lost.decrypt(request.body)
    authorization = request.headers["authorization"]
    assert authorization.startswith("vapid ")
    assert Vapid02.verify(authorization)  # signed by the key in `k`...
    key = authorization.split("k=", 1)[1]
    assert key == push.vapid_public_key(settings)  # ...which is the server's VAPID key
    assert len(unb64url(key)) == 65
    claims = claims_of(authorization)
    assert claims["aud"] == push_service.origin and claims["sub"] == settings.vapid_subject
    async with committed_factory() as db:
        rows = {d.endpoint.rsplit("/", 2)[-2]: d for d in await db.scalars(select(PushDevice))}
        assert rows["sub"].is_active and rows["sub"].last_pushed_at is not None
        assert not rows["gone"].is_active and "410" in (rows["gone"].retired_reason or "")
        assert await db.scalar(select(Notification.id)) is None  # push only: no in-app row


async def test_a_rolled_back_notice_notifies_nobody(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    push_service: PushService,
) -> None:
    class Abort(Exception):
        pass

    browser = Browser()
    async with committed_factory() as db:
        person = await make_user(db)
    async with unit_of_work(committed_factory) as session:
        keys = browser.keys()
        await devices.register(
            session,
            actor_of(person),
            devices.NewDevice(push_service.origin + "/sub/x", keys["p256dh"], keys["auth"]),
            get_runtime().settings,
        )
    with pytest.raises(Abort):
        async with unit_of_work(committed_factory) as session:
            await inbox.send(
                session,
                None,
                inbox.NewNotification(
                    [person.user.id], "Never", channels=("inApp", "email", "push")
                ),
                max_recipients=10,
            )
            raise Abort
    assert await count(engine, "SELECT count(*) FROM procrastinate_jobs") == 0
    await drain(database_url)
    for table in ("notifications", "live_events", "outbound_messages"):
        assert await count(engine, f"SELECT count(*) FROM {table}") == 0, table
    assert push_service.received == []


async def test_booking_and_messages_notify_each_side_once(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str, engine: AsyncEngine
) -> None:
    async with committed_factory() as db:
        host = await make_user(db, fullname="Hana Host")
        guest = await make_user(db, fullname="Gil Guest")
        listing = await make_listing(db, host, title="Harbour view")
    async with unit_of_work(committed_factory) as session:
        booked = await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, ARRIVAL, DEPARTURE, 2)
        )
    reservation_id = booked.reservation.id
    await drain(database_url)
    async with unit_of_work(committed_factory) as session:
        await send(
            session, actor_of(guest), NewMessage(reservation_id, "Late check-in?", source="guest")
        )
    async with unit_of_work(committed_factory) as session:
        await send(
            session, actor_of(host), NewMessage(reservation_id, "Code 1234", source="internal_note")
        )
    await drain(database_url)

    async with committed_factory() as db:
        notes = {
            (n.user_id, n.event, n.title)
            for n in await db.scalars(select(Notification).order_by(Notification.seq))
        }
        assert notes == {
            (guest.user.id, "reservation.confirmed", "Booking confirmed: Harbour view"),
            (host.user.id, "reservation.confirmed", "New booking: Harbour view"),
            (host.user.id, "message.received", "New message from Gil Guest"),
        }
        # The reservation mails once each (booking.mails), not again from the consumer.
        mails = [(m.recipient, m.purpose) for m in await db.scalars(select(OutboundMessage))]
        assert sorted(mails) == sorted(
            [
                (guest.email, "reservation.confirmed.guest"),
                (host.email, "reservation.confirmed.host"),
            ]
        )
        events = [
            (e.user_id, e.seq, e.kind, e.payload.get("source"))
            for e in await db.scalars(select(LiveEvent).order_by(LiveEvent.user_id, LiveEvent.seq))
        ]
    guest_events = [e[1:] for e in events if e[0] == guest.user.id]
    host_events = [e[1:] for e in events if e[0] == host.user.id]
    # Numbered 1, 2, ... per user; the internal note reaches the host's stream only. The
    # booking's system message in the reservation's thread (messaging's consumer) reaches
    # both streams, with no notification.
    for seen in (guest_events, host_events):
        assert [seq for seq, _, _ in seen] == list(range(1, len(seen) + 1))
    system = [e for e in guest_events if e[1:] == ("message", "system")]
    assert len(system) >= 1
    assert len([e for e in host_events if e[1:] == ("message", "system")]) == len(system)
    assert [e[1:] for e in guest_events if e[2] != "system"] == [
        ("notification", None),
        ("message", "guest"),
    ]
    assert [e[1:] for e in host_events if e[2] != "system"] == [
        ("notification", None),
        ("message", "guest"),
        ("notification", None),
        ("message", "internal_note"),
    ]
    failed = await count(
        engine, "SELECT count(*) FROM procrastinate_jobs WHERE status <> 'succeeded'"
    )
    assert failed == 0


async def test_turning_email_off_stops_the_reservation_mail(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    from staykit.domain.notifications import preferences

    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        listing = await make_listing(db, host)
    async with unit_of_work(committed_factory) as session:
        await preferences.update(session, guest.user.id, {"reservation.confirmed": ["inApp"]})
    async with unit_of_work(committed_factory) as session:
        await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, ARRIVAL, DEPARTURE, 2)
        )
    await drain(database_url)
    async with committed_factory() as db:
        recipients = list(await db.scalars(select(OutboundMessage.recipient)))
        assert recipients == [host.email]
        assert await db.scalar(
            select(Notification.title).where(Notification.user_id == guest.user.id)
        )
