"""Webhooks end to end through a real worker and a real loopback receiver: signed bodies
verified with standardwebhooks, scopes shaping the payload, secret rotation, retries on
a moved clock, 410 and exhaustion disabling with an email, order per entity, a receiver
down then up."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from standardwebhooks import WebhookVerificationError

from staykit.core.clock import FrozenClock, utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.webhooks import service, tasks
from staykit.domain.webhooks.models import WebhookSubscription
from tests.factories import frozen_clock, partner_principal
from tests.jobs.webhook_world import World, count, make_world, work
from tests.mail import SmtpServer, body_of
from tests.webhook_receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
async def world(committed_factory: async_sessionmaker[AsyncSession]) -> World:
    return await make_world(committed_factory)


async def sweep_and_work(world: World, database_url: str) -> None:
    """What the periodic sweeper does, then the worker."""
    async with unit_of_work(world.factory) as s:
        await tasks.sweep(s, utcnow())
    await work(database_url)


async def test_a_booking_reaches_the_subscription_signed_with_its_secret(
    world: World, receiver: Receiver, database_url: str, engine: AsyncEngine
) -> None:
    created = await world.subscribe(receiver.url(), ["reservation.*"])
    assert created.secret.startswith("whsec_")
    reservation_id = await world.book(0)
    assert receiver.received == []  # nothing before a worker runs

    await work(database_url)

    got = await receiver.wait_for(2)
    assert [r.json["type"] for r in got] == ["reservation.created", "reservation.confirmed"]
    for r in got:
        payload = r.verify(created.secret)  # raises unless the signature is right
        assert payload["data"]["id"] == str(reservation_id)
        assert payload["data"]["object"] == "reservation"
        # A first-party creator is unrestricted: the entity, money and all.
        assert payload["data"]["reservation"]["total"] == "200.00"
        assert payload["data"]["reservation"]["guestId"] == world.guest.id
    with pytest.raises(WebhookVerificationError):
        got[0].verify("whsec_" + "A" * 43)
    assert len({r.id for r in got}) == 2
    failed = await count(
        engine, "SELECT count(*) FROM procrastinate_jobs WHERE status <> 'succeeded'"
    )
    assert failed == 0
    assert (
        await count(engine, "SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'")
        == 2
    )
    assert await count(engine, "SELECT count(*) FROM webhook_attempts WHERE status_code = 200") == 2


async def test_the_creators_scopes_decide_what_the_payload_carries(
    world: World, receiver: Receiver, database_url: str
) -> None:
    thin = await world.subscribe(
        receiver.url("/thin"),
        ["reservation.created"],
        partner_principal(world.host, scopes=["read:accounts"]),
    )
    plain = await world.subscribe(
        receiver.url("/plain"),
        ["reservation.created"],
        partner_principal(world.host, scopes=["read:bookings"]),
    )
    await world.book(0)
    await work(database_url)
    got = await receiver.wait_for(2)
    by_secret = {}
    for r in got:
        for sub in (thin, plain):
            try:
                by_secret[sub.subscription.id] = r.verify(sub.secret)
            except WebhookVerificationError:
                pass
    thin_data = by_secret[thin.subscription.id]["data"]
    assert "reservation" not in thin_data  # ids, type, timestamp, version only
    assert {"id", "object", "businessId", "version", "propertyId", "eventId"} <= set(thin_data)
    entity = by_secret[plain.subscription.id]["data"]["reservation"]
    assert entity["arrival"] and "total" not in entity and "guestId" not in entity


async def test_a_rotated_secret_signs_beside_the_old_one_until_the_grace_period_ends(
    world: World, receiver: Receiver, database_url: str
) -> None:
    first = await world.subscribe(receiver.url(), ["reservation.created"])
    settings = get_runtime().settings
    async with unit_of_work(world.factory) as s:
        rotated = await service.rotate_secret(
            s, world.host_principal, world.business_id, first.subscription.id, settings
        )
    await world.book(0)
    await work(database_url)
    [during] = await receiver.wait_for(1)
    assert len(during.headers["webhook-signature"].split(" ")) == 2
    during.verify(first.secret)
    during.verify(rotated.secret)

    # Rotated again 25 hours ago: the grace period (24 h) of the secret before it is over.
    with frozen_clock(utcnow() - timedelta(hours=25)):
        async with unit_of_work(world.factory) as s:
            third = await service.rotate_secret(
                s, world.host_principal, world.business_id, first.subscription.id, settings
            )
    await world.book(1)
    await work(database_url)
    after = (await receiver.wait_for(2))[1]
    assert len(after.headers["webhook-signature"].split(" ")) == 1
    after.verify(third.secret)
    with pytest.raises(WebhookVerificationError):
        after.verify(rotated.secret)


async def test_failures_are_retried_with_backoff_and_each_attempt_is_logged(
    world: World, receiver: Receiver, database_url: str, frozen: FrozenClock
) -> None:
    receiver.status = lambda n: 500 if n <= 2 else 204
    created = await world.subscribe(receiver.url(), ["reservation.created"])
    await world.book(0)
    await work(database_url)
    [row] = await world.deliveries()
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == frozen.at + timedelta(seconds=10)  # the first delay

    await sweep_and_work(world, database_url)  # not due yet: nothing sent
    assert len(receiver.received) == 1
    frozen.advance(seconds=10)
    await sweep_and_work(world, database_url)
    [row] = await world.deliveries()
    assert (row.status, row.attempts) == ("pending", 2)
    assert row.next_attempt_at == frozen.at + timedelta(seconds=60)  # the second delay
    frozen.advance(seconds=60)
    await sweep_and_work(world, database_url)
    [row] = await world.deliveries()
    assert row.status == "delivered"
    # Three tries of one delivery: one webhook-id; a deduplicating receiver keeps one.
    assert len(receiver.received) == 3 and len(receiver.unique) == 1
    async with world.factory() as s:
        page = await service.recent_attempts(
            s, world.host_principal, world.business_id, created.subscription.id
        )
    assert page.total == 3
    assert [a.status_code for a in page.items] == [204, 500, 500]  # newest first
    assert all(a.delivery_id == row.id and a.duration_ms >= 0 for a in page.items)
    assert '"ok": false' in (page.items[1].response_excerpt or "")


async def test_a_410_disables_the_subscription_at_once_and_mails_its_creator(
    world: World, receiver: Receiver, database_url: str, mail_via_smtp: SmtpServer
) -> None:
    receiver.status = 410
    created = await world.subscribe(receiver.url(), ["reservation.*"])
    await world.book(0)
    await work(database_url)
    async with world.factory() as s:
        sub = await s.get_one(WebhookSubscription, created.subscription.id)
    assert (sub.is_active, sub.disabled_reason) == (False, "gone")
    assert len(receiver.received) == 1  # the confirmed event is not sent to a gone URL
    statuses = sorted(d.status for d in await world.deliveries())
    assert statuses == ["failed", "pending"]
    [mail] = [m for m in mail_via_smtp.messages if "Webhook disabled" in m["Subject"]]
    assert mail["To"] == world.host.email
    assert "410" in body_of(mail) and "/hook" not in body_of(mail)  # the host only


async def test_a_delivery_failing_every_retry_disables_the_subscription_and_mails_its_creator(
    world: World,
    receiver: Receiver,
    database_url: str,
    frozen: FrozenClock,
    mail_via_smtp: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(get_runtime().settings, "webhook_retry_delays_seconds", [10, 20])
    receiver.status = 503
    created = await world.subscribe(receiver.url(), ["reservation.created"])
    await world.book(0)
    await work(database_url)
    for step in (10, 20):
        frozen.advance(seconds=step)
        await sweep_and_work(world, database_url)
    [row] = await world.deliveries()
    assert (row.status, row.attempts) == ("failed", 3)
    async with world.factory() as s:
        sub = await s.get_one(WebhookSubscription, created.subscription.id)
    assert (sub.is_active, sub.disabled_reason) == (False, "failing")
    assert sub.consecutive_failures == 3
    [mail] = [m for m in mail_via_smtp.messages if "Webhook disabled" in m["Subject"]]
    assert mail["To"] == world.host.email and "127.0.0.1" in mail["Subject"]
    # Disabled: a new event is queued but not sent.
    await world.book(1)
    await work(database_url)
    assert len(receiver.received) == 3


async def test_each_entity_arrives_in_order_under_a_concurrent_worker(
    world: World, receiver: Receiver, database_url: str
) -> None:
    receiver.delay = 0.01
    await world.subscribe(receiver.url(), ["reservation.*"])
    booked = [await world.book(n) for n in range(8)]
    for reservation_id in booked:
        await world.cancel(reservation_id)
    await work(database_url, concurrency=4)
    got = await receiver.wait_for(24)
    assert len(got) == 24
    per_entity: dict[str, list[str]] = {}
    for r in got:
        per_entity.setdefault(r.json["data"]["id"], []).append(r.json["type"])
    assert set(per_entity) == {str(b) for b in booked}
    for types in per_entity.values():
        assert types == ["reservation.created", "reservation.confirmed", "reservation.cancelled"]


async def test_a_receiver_down_for_a_while_gets_everything_in_order_once_it_is_up(
    world: World, database_url: str, frozen: FrozenClock
) -> None:
    receiver = Receiver().start()
    port = receiver.port
    receiver.stop()  # down: connections refused
    created = await world.subscribe(receiver.url(), ["reservation.*"])
    booked = [await world.book(n) for n in range(3)]
    await world.cancel(booked[0])
    await work(database_url)
    rows = await world.deliveries()
    assert len(rows) == 7 and all(r.status == "pending" for r in rows)
    async with world.factory() as s:
        page = await service.recent_attempts(
            s, world.host_principal, world.business_id, created.subscription.id
        )
    # Only each entity's first event was tried: the rest wait behind it.
    assert page.total == 3
    assert all(a.status_code is None and "could not reach" in (a.error or "") for a in page.items)

    up = Receiver(port).start()
    try:
        frozen.advance(seconds=10)
        await sweep_and_work(world, database_url)
        got = await up.wait_for(7)
        assert len(got) == 7
        first = [r.json["type"] for r in got if r.json["data"]["id"] == str(booked[0])]
        assert first == ["reservation.created", "reservation.confirmed", "reservation.cancelled"]
        for r in got:
            r.verify(created.secret)
    finally:
        up.stop()
