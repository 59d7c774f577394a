"""One pair of businesses (A and B, tests.isolation.world) for the whole package, built
once inside a transaction that is rolled back at the end: every request of the package
runs in a savepoint of that one connection, so nothing is committed and other tests
running in the same worker never see the pair."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.config import Settings
from tests.conftest import use_sessionmaker
from tests.isolation.world import Business_, Principal, build_business


@dataclass
class Worlds:
    a: Business_
    b: Business_

    def attackers(self) -> list[Principal]:
        """A's principals, and A's two-tenant token naming B's tenant in the header."""
        multi = next(p for p in self.a.principals if p.name == "multitenant-token")
        aimed = Principal(
            "multitenant-token@B",
            {**multi.headers, "X-RezStream-Tenant-ID": str(self.b.business_id)},
        )
        return [*self.a.principals, aimed]

    def owner(self, surface: str) -> Principal:
        """Who reads B's objects back: B's own credential for that surface."""
        name = {"cloud": "tenant-token", "channel": "channel-token"}.get(surface, "host-session")
        return next(p for p in self.b.principals if p.name == name)


@pytest.fixture(scope="package")
async def iso_conn(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        trans = await conn.begin()
        try:
            yield conn
        finally:
            await trans.rollback()


@pytest.fixture(scope="package")
def iso_factory(iso_conn: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        bind=iso_conn,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture(autouse=True)
def _iso_sessions(app: object, iso_factory: async_sessionmaker[AsyncSession]) -> None:
    """Tests of other modules may run between ours in a worker and point the app at their
    own transaction: point it back at the package's before each test."""
    use_sessionmaker(app, iso_factory)


@pytest.fixture(scope="package")
async def iso_client(
    app: object, iso_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    use_sessionmaker(app, iso_factory)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def _channel_ids(client: httpx.AsyncClient, world: Business_) -> None:
    """The Channel API names things by integers: ask it, as the business itself."""
    token = next(p for p in world.principals if p.name == "channel-token").headers
    r = await client.get("/v2/properties", params={"includeAllRooms": "true"}, headers=token)
    assert r.status_code == 200, r.text
    prop = r.json()["data"][0]
    world.ids["ch:property"] = str(prop["id"])
    world.ids["ch:room"] = str(prop["roomTypes"][0]["id"])
    r = await client.get("/v2/bookings", params={"propertyId": prop["id"]}, headers=token)
    assert r.status_code == 200, r.text
    world.ids["ch:booking"] = str(r.json()["data"][0]["id"])
    r = await client.get(
        "/v2/bookings/messages", params={"bookingId": world.ids["ch:booking"]}, headers=token
    )
    assert r.status_code == 200, r.text
    world.ids["ch:message"] = str(r.json()["data"][0]["id"])


@pytest.fixture(scope="package")
async def worlds(
    iso_client: httpx.AsyncClient,
    iso_factory: async_sessionmaker[AsyncSession],
    settings: Settings,
) -> Worlds:
    async with iso_factory() as db:
        a = await build_business(iso_client, db, settings, "A")
        b = await build_business(iso_client, db, settings, "B")
    for world in (a, b):
        await _channel_ids(iso_client, world)
    return Worlds(a, b)
