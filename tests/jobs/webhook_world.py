"""The webhook job tests' world: a host's committed listing, a subscription of its
business aimed at a loopback receiver, and helpers to book, cancel and run the worker."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.access.principal import Principal
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.catalog.models import UnitType
from staykit.domain.webhooks import service
from staykit.domain.webhooks.models import WebhookDelivery
from staykit.jobs.app import run_worker
from tests.factories import Person, actor_of, make_listing, make_user


def stay(n: int) -> tuple[date, date]:
    """The n-th two-night stay, far enough ahead whatever the (frozen) date."""
    first = utcnow().date() + timedelta(days=200 + 3 * n)
    return first, first + timedelta(days=2)


@dataclass
class World:
    factory: async_sessionmaker[AsyncSession]
    host: Person
    guest: Person
    listing: UnitType

    @property
    def host_principal(self) -> Principal:
        return actor_of(self.host)

    @property
    def business_id(self) -> uuid.UUID:
        return self.listing.business_id

    async def subscribe(
        self, url: str, events: list[str], principal: Principal | None = None
    ) -> service.CreatedSubscription:
        async with unit_of_work(self.factory) as s:
            return await service.create_subscription(
                s,
                principal or actor_of(self.host),
                self.business_id,
                service.NewSubscription(url, events),
                get_runtime().settings,
            )

    async def book(self, n: int) -> uuid.UUID:
        arrival, departure = stay(n)
        async with unit_of_work(self.factory) as s:
            made = await create_reservation(
                s, actor_of(self.guest), NewReservation(self.listing.id, arrival, departure, 2)
            )
        return made.reservation.id

    async def cancel(self, reservation_id: uuid.UUID) -> None:
        async with unit_of_work(self.factory) as s:
            await cancel(s, actor_of(self.guest), reservation_id)

    async def deliveries(self) -> list[WebhookDelivery]:
        async with self.factory() as s:
            rows = await s.scalars(select(WebhookDelivery).order_by(WebhookDelivery.event_seq))
            return list(rows)


async def make_world(factory: async_sessionmaker[AsyncSession]) -> World:
    async with factory() as db:
        host = await make_user(db, email="hook.host@example.test", fullname="Hook Host")
        guest = await make_user(db, email="hook.guest@example.test")
        listing = await make_listing(db, host, title="Hook loft")
    return World(factory, host, guest, listing)


async def work(database_url: str, rounds: int = 3, concurrency: int = 4) -> None:
    """Run the worker until the queue is empty, a few times (jobs defer jobs)."""
    for _ in range(rounds):
        await run_worker(database_url, wait=False, concurrency=concurrency)


async def count(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text(sql))).scalar_one())
