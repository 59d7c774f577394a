"""STAYKIT_READ_DATABASE_URL: the reads that may be a moment stale (listing search, Channel
API booking lists and calendars) go to the replica; authentication, a reservation read
back after booking and the change-ordered lists stay on the primary; unset, everything
reads the primary. The replica is the test server reached as a read-only role
(tests/replica.py), so a write through it would fail; which statements each engine ran
is recorded with SQLAlchemy's cursor event on the real engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.db import Databases, create_engine, make_sessionmaker
from tests.factories import login, make_listing, make_user, partner_token
from tests.replica import read_only_role

SEARCH = "/propertycatalog-api/v1/listings"
RESERVATIONS = "/bookingmanagement-api/v1/reservations"


class Replica:
    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self.factory = factory
        self.statements: list[str] = []


@pytest.fixture
async def replica(app: Any, database_url: str) -> AsyncIterator[Replica]:
    """The app reads its replica routes through the read-only role for one test."""
    with read_only_role(database_url) as url:
        engine = create_engine(url, pool_size=2)
        factory = make_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))
        seen = Replica(factory)

        @event.listens_for(engine.sync_engine, "before_cursor_execute")
        def _record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
            seen.statements.append(statement)

        app.state.replica_sessionmaker = factory
        try:
            yield seen
        finally:
            app.state.replica_sessionmaker = None
            await engine.dispose()


async def _world(factory: async_sessionmaker[AsyncSession]) -> tuple[Any, Any, Any]:
    async with factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        listing = await make_listing(db, host, title="Replica loft")
    return host, guest, listing


async def test_search_reads_the_replica_and_a_booking_read_back_reads_the_primary(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    replica: Replica,
) -> None:
    _, guest, listing = await _world(committed_factory)
    await login(committed_client, guest)

    r = await committed_client.get(SEARCH, params={"q": "Replica loft"}, headers=guest.headers)
    assert r.status_code == 200, r.text
    assert [x["id"] for x in r.json()["listings"]] == [str(listing.id)]
    assert any("unit_types" in s for s in replica.statements)

    arrival = utcnow().date() + timedelta(days=40)
    r = await committed_client.post(
        RESERVATIONS,
        json={
            "listingId": str(listing.id),
            "checkIn": arrival.isoformat(),
            "checkOut": (arrival + timedelta(days=2)).isoformat(),
            "guestCount": 2,
        },
        headers=guest.headers,
    )
    assert r.status_code == 201, r.text
    replica.statements.clear()
    r = await committed_client.get(
        f"{RESERVATIONS}/{r.json()['reservation']['id']}", headers=guest.headers
    )
    assert r.status_code == 200, r.text
    assert replica.statements == []  # read-your-own-write: never the replica


async def test_a_bad_search_is_refused_the_same_way_on_the_replica(
    committed_client: httpx.AsyncClient, replica: Replica
) -> None:
    r = await committed_client.get(SEARCH, params={"checkIn": "not-a-date"})
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["field"] == "checkIn"
    assert body["requestId"] == r.headers["x-request-id"]


async def test_channel_lists_and_calendars_read_the_replica_but_not_the_list_by_change(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    replica: Replica,
) -> None:
    async with committed_factory() as db:
        token = await partner_token(db, kind="channel", scopes=("read:bookings", "read:inventory"))
        other = await partner_token(db, kind="channel", scopes=("read:bookings",))
    headers = {"token": token.value}

    r = await committed_client.get("/v2/bookings", headers=headers)
    assert r.status_code == 200, r.text
    assert any("reservations" in s for s in replica.statements)

    replica.statements.clear()
    first = utcnow().date()
    r = await committed_client.get(
        "/v2/inventory/rooms/calendar",
        params={"startDate": first.isoformat(), "endDate": (first + timedelta(3)).isoformat()},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    assert replica.statements  # the rooms and their days

    replica.statements.clear()
    r = await committed_client.get(
        "/v2/bookings", params={"modifiedFrom": "2020-01-01T00:00:00Z"}, headers=headers
    )
    assert r.status_code == 200, r.text
    # The change-ordered list cuts at the primary's oldest open transaction.
    assert not any("reservations" in s for s in replica.statements)

    # A token without the inventory scope is refused before anything is read.
    replica.statements.clear()
    r = await committed_client.get(
        "/v2/inventory/rooms/calendar",
        params={"startDate": first.isoformat(), "endDate": first.isoformat()},
        headers={"token": other.value},
    )
    assert r.status_code in (401, 403), r.text
    assert replica.statements == []


async def test_a_write_through_the_replica_fails(replica: Replica) -> None:
    async with replica.factory() as session:
        with pytest.raises(DBAPIError, match="read-only transaction"):
            await session.execute(text("CREATE TEMP TABLE replica_probe (n int)"))


async def test_without_a_read_url_the_routes_read_the_primary(
    app: Any, committed_client: httpx.AsyncClient, database_url: str
) -> None:
    assert app.state.replica_sessionmaker is None
    settings = Settings(env="test", database_url=database_url)
    assert Databases.of(settings, database_url).read is None
    assert Databases.of(settings, database_url).direct.endswith(database_url.split("@")[-1])
    r = await committed_client.get(SEARCH)
    assert r.status_code == 200, r.text


def test_pgbouncer_mode_needs_a_direct_url_for_listen() -> None:
    with pytest.raises(ValidationError, match="STAYKIT_DIRECT_DATABASE_URL"):
        Settings(database_pgbouncer=True, database_url="postgresql://h/db")
    given = Settings(
        database_pgbouncer=True,
        database_url="postgresql://u@bouncer:6432/db",
        direct_database_url="postgresql://u@db:5432/db",
        read_database_url="postgres://r@replica/db",
    )
    databases = Databases.of(given, "postgresql://u@bouncer:6432/db")
    assert databases.direct == "postgresql+psycopg://u@db:5432/db"
    assert databases.read == "postgresql+psycopg://r@replica/db"
    assert databases.pgbouncer
