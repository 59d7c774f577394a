"""Per-property booking webhooks (the Channel API's, Beds24's shape) through the outbox,
with Beds24's real bodies (staykit.domain.booking.webhook_bodies): which rows are written,
the custom headers, webhook-id/-timestamp and no signature, `retries`, the order, and
version one's URL parameters."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.webhooks import PropertyWebhook
from tests.jobs.webhook_world import World, make_world, work
from tests.webhook_receiver import Receiver


async def hook(world: World, version: str, url: str, header: str | None = None) -> None:
    async with world.factory() as s:
        s.add(
            PropertyWebhook(
                business_id=world.business_id,
                property_id=world.listing.property_id,
                version=version,
                url=url,
                additional_data="none",
                custom_header=header,
            )
        )
        await s.commit()


async def int_id(world: World, reservation_id: object) -> int:
    async with world.factory() as s:
        found = await s.scalar(select(Reservation.int_id).where(Reservation.id == reservation_id))
    assert found is not None
    return found


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


async def test_a_property_webhook_gets_beds24_bodies_for_the_changes_beds24_names(
    world: World, receiver: Receiver, database_url: str
) -> None:
    receiver.status = lambda n: 500 if n == 1 else 200
    await hook(
        world,
        "twoNoPersonalData",
        receiver.url("/beds24"),
        "Authorization: Bearer t0k3n\nX-Account: 42",
    )
    reservation_id = await world.book(0)
    await world.cancel(reservation_id)
    await work(database_url)
    # created fires (no previous), confirmed does not (same status and dates), cancelled does.
    rows = await world.deliveries()
    assert [r.event_type for r in rows] == ["reservation.created", "reservation.cancelled"]
    assert rows[0].attempts == 1 and rows[0].status == "pending"  # the 500; retried later
    first = receiver.received[0]
    assert first.headers["authorization"] == "Bearer t0k3n"
    assert first.headers["x-account"] == "42"
    assert first.headers["webhook-id"] == str(rows[0].id) and first.headers["webhook-timestamp"]
    assert "webhook-signature" not in first.headers  # Beds24's webhooks have no secret
    body = first.json
    assert set(body) == {"timeStamp", "booking", "infoItems", "invoiceItems", "messages", "retries"}
    assert body["retries"] == 0 and body["messages"] == []
    assert body["booking"]["id"] == await int_id(world, reservation_id)
    assert "firstName" not in body["booking"] and "email" not in body["booking"]
    assert first.path == "/beds24"  # version two: no URL parameters
    # The cancellation waits behind the created one it must not overtake.
    assert len(receiver.received) == 1


async def test_version_one_adds_bookid_and_status_to_the_url(
    world: World, receiver: Receiver, database_url: str
) -> None:
    await hook(world, "one", receiver.url("/beds24?account=7"))
    reservation_id = await world.book(0)
    await world.cancel(reservation_id)
    await work(database_url)
    booking = await int_id(world, reservation_id)
    queries = [parse_qs(urlsplit(r.path).query) for r in receiver.received]
    assert queries == [
        {"account": ["7"], "bookid": [str(booking)], "status": ["new"]},
        {"account": ["7"], "bookid": [str(booking)], "status": ["cancel"]},
    ]
    assert all(r.json["booking"]["id"] == booking for r in receiver.received)
    beds24 = {"timeStamp", "booking", "infoItems", "invoiceItems", "messages", "retries"}
    assert all(set(r.json) == beds24 for r in receiver.received)  # the parameters: URL only
