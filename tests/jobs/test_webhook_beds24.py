"""Per-property booking webhooks (the Channel API's, Beds24's shape) through the outbox.

staykit.domain.booking.webhook_bodies (Beds24's bodies and which changes fire) is written
by another change that is not in this code base yet, so these tests install a LOCAL
STAND-IN for it, implementing its interface the simplest way; they check this package's
part: which rows are written, the custom headers, webhook-id/-timestamp and no signature,
`retries`, and the order."""

from __future__ import annotations

import sys
import types
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.catalog.webhooks import PropertyWebhook
from staykit.domain.webhooks import beds24
from tests.jobs.webhook_world import World, make_world, work
from tests.webhook_receiver import Receiver

WATCHED = ("status", "arrival", "departure", "unitAssignments")


def stand_in() -> types.ModuleType:
    """A STAND-IN for staykit.domain.booking.webhook_bodies (see the module doc)."""
    module = types.ModuleType(beds24.BODIES)

    def beds24_fires(
        previous: dict[str, Any] | None, current: dict[str, Any], event_type: str
    ) -> bool:
        return previous is None or any(previous.get(k) != current.get(k) for k in WATCHED)

    async def beds24_body(
        session: AsyncSession, reservation_id: uuid.UUID, version: str
    ) -> dict[str, Any]:
        return {
            "timeStamp": "2026-12-12T10:00:00Z",
            "booking": {"id": str(reservation_id), "version": version},
            "infoItems": [],
            "invoiceItems": [],
            "messages": [],
            "retries": 0,
        }

    module.beds24_fires = beds24_fires  # type: ignore[attr-defined]
    module.beds24_body = beds24_body  # type: ignore[attr-defined]
    return module


@pytest.fixture
def bodies(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(sys.modules, beds24.BODIES, stand_in())
    yield


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
    world: World, receiver: Receiver, database_url: str, bodies: None
) -> None:
    receiver.status = lambda n: 500 if n == 1 else 200
    async with world.factory() as s:
        s.add(
            PropertyWebhook(
                business_id=world.business_id,
                property_id=world.listing.property_id,
                version="twoNoPersonalData",
                url=receiver.url("/beds24"),
                additional_data="none",
                custom_header="Authorization: Bearer t0k3n\nX-Account: 42",
            )
        )
        await s.commit()
    reservation_id = await world.book(0)
    await world.cancel(reservation_id)
    await work(database_url)
    # created fires (no previous), confirmed does not (same status and dates), cancelled does.
    rows = await world.deliveries()
    assert [r.event_type for r in rows] == ["reservation.created", "reservation.cancelled"]
    assert rows[0].attempts == 1 and rows[0].status == "pending"  # the 500; retried later
    rows[0].attempts
    first = receiver.received[0]
    assert first.headers["authorization"] == "Bearer t0k3n"
    assert first.headers["x-account"] == "42"
    assert first.headers["webhook-id"] == str(rows[0].id) and first.headers["webhook-timestamp"]
    assert "webhook-signature" not in first.headers  # Beds24's webhooks have no secret
    assert first.json["retries"] == 0 and first.json["booking"]["version"] == "twoNoPersonalData"
    # The cancellation waits behind the created one it must not overtake.
    assert len(receiver.received) == 1


async def test_without_the_bodies_module_property_webhooks_send_nothing(
    world: World, receiver: Receiver, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(beds24, "BODIES", "staykit.domain.booking.no_such_module")
    async with world.factory() as s:
        s.add(
            PropertyWebhook(
                business_id=world.business_id,
                property_id=world.listing.property_id,
                version="one",
                url=receiver.url("/beds24"),
                additional_data="none",
            )
        )
        await s.commit()
    await world.book(0)
    await work(database_url)
    assert await world.deliveries() == [] and receiver.received == []
