"""Reads run on autocommit connections, as in production; writes, and GETs that declare
they write, run in a transaction. (The rest of the suite runs GETs READ ONLY instead: see
ReadOnlySession in tests/conftest.py.)"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.db import make_sessionmaker
from tests.factories import make_listing, make_logged_in


@pytest.fixture
async def production_reads(
    app: object, engine: AsyncEngine, committed_factory: async_sessionmaker[AsyncSession]
) -> AsyncIterator[None]:
    """The read sessionmaker `create_app` builds for production, on committed data."""
    state = app.state  # type: ignore[attr-defined]
    state.read_sessionmaker = make_sessionmaker(
        engine.execution_options(isolation_level="AUTOCOMMIT")
    )
    yield


@contextmanager
def autocommit_flags(engine: AsyncEngine) -> Iterator[list[tuple[str, bool]]]:
    """(first word of each statement, whether its connection was in autocommit mode)."""
    seen: list[tuple[str, bool]] = []

    def record(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(
            (statement.split()[0].upper(), bool(conn.connection.driver_connection.autocommit))
        )

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def test_gets_read_without_a_transaction_and_writes_use_one(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    production_reads: None,
) -> None:
    async with committed_factory() as db:
        host = await make_logged_in(committed_client, db)
        listing = await make_listing(db, host, title="Bright apartment")
    with autocommit_flags(engine) as seen:
        # search with q sets the trigram threshold inside its own statement (set_config)
        r = await committed_client.get("/propertycatalog-api/v1/listings", params={"q": "apartmnt"})
        assert r.status_code == 200, r.text
        assert [h["title"] for h in r.json()["listings"]] == ["Bright apartment"]
        r = await committed_client.get(f"/auth-api/v1/users/{host.user.id}", headers=host.headers)
        assert r.status_code == 200
    assert seen and all(autocommit for _, autocommit in seen), seen

    with autocommit_flags(engine) as seen:
        r = await committed_client.patch(
            f"/propertycatalog-api/v1/listings/{listing.id}",
            json={"title": "Brighter apartment"},
            headers=host.headers,
        )
        assert r.status_code == 200, r.text
    assert seen and not any(autocommit for _, autocommit in seen), seen


async def test_a_get_that_writes_gets_a_transaction(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    production_reads: None,
) -> None:
    async with committed_factory() as db:
        person = await make_logged_in(committed_client, db)
    with autocommit_flags(engine) as seen:
        r = await committed_client.get("/auth-api/relogin", headers=person.headers)
        assert r.status_code == 200, r.text
    assert any(word in ("INSERT", "UPDATE") for word, _ in seen), seen
    assert not any(autocommit for _, autocommit in seen), seen
    fresh = {"Authorization": f"Bearer {r.json()['accessToken']}"}
    assert (await committed_client.get("/auth-api/currentuser", headers=fresh)).status_code == 200
    old = await committed_client.get("/auth-api/currentuser", headers=person.headers)
    assert old.status_code == 401
