"""The per-process session cache never outlives a revocation, wherever it happens."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.domain.access.principal import Principal
from staykit.domain.auth.session_cache import SessionCache, session_cache
from tests.factories import make_user


async def _login(
    client: httpx.AsyncClient, email: str, password: str
) -> tuple[dict[str, str], str, str]:
    r = await client.post("/auth-api/login", json={"username": email, "password": password})
    client.cookies.clear()
    body = r.json()
    return {"Authorization": f"Bearer {body['accessToken']}"}, body["sessionId"], body["userId"]


async def _eventually(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], status: int
) -> int:
    deadline = time.monotonic() + 3
    while True:
        got = (await client.get(url, headers=headers)).status_code
        if got == status or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.02)


async def test_the_cache_is_live_in_the_app(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        person = await make_user(db)
    headers, session_id, user_id = await _login(committed_client, person.email, person.password)
    assert session_cache.enabled, "the app's LISTEN connection should be up"
    assert (
        await committed_client.get(f"/auth-api/v1/users/{user_id}", headers=headers)
    ).status_code == 200
    assert session_cache.get(uuid.UUID(session_id), uuid.UUID(user_id), time.time()) is not None


async def test_a_session_revoked_by_another_process_stops_working(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
) -> None:
    async with committed_factory() as db:
        person = await make_user(db)
    headers, session_id, user_id = await _login(committed_client, person.email, person.password)
    url = f"/auth-api/v1/users/{user_id}"
    assert (await committed_client.get(url, headers=headers)).status_code == 200  # now cached

    # Another process (here: a separate connection, plain SQL, no ORM) ends the session.
    async with engine.begin() as conn:
        await conn.execute(
            text("UPDATE auth_sessions SET revoked_at = now() WHERE id = :id"), {"id": session_id}
        )

    assert await _eventually(committed_client, url, headers, 401) == 401


async def test_a_role_change_by_another_process_applies_to_live_sessions(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
) -> None:
    async with committed_factory() as db:
        person = await make_user(db)
    headers, _, user_id = await _login(committed_client, person.email, person.password)
    assert (
        await committed_client.get("/auth-api/v1/users", headers=headers)
    ).status_code == 403  # cached as user

    async with engine.begin() as conn:
        await conn.execute(
            text("UPDATE users SET role_id = 'admin' WHERE id = :id"), {"id": user_id}
        )

    assert await _eventually(committed_client, "/auth-api/v1/users", headers, 200) == 200


async def test_logout_is_effective_in_this_process_before_the_answer(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        person = await make_user(db)
    headers, _, user_id = await _login(committed_client, person.email, person.password)
    url = f"/auth-api/v1/users/{user_id}"
    assert (await committed_client.get(url, headers=headers)).status_code == 200
    assert (await committed_client.post("/auth-api/logout", headers=headers)).status_code == 200
    # No waiting: the very next request must already be refused.
    assert (await committed_client.get(url, headers=headers)).status_code == 401


def _actor(session_id: uuid.UUID | None = None, user_id: uuid.UUID | None = None) -> Principal:
    return Principal(
        user_id=user_id or uuid.uuid4(), role_id="user", session_id=session_id or uuid.uuid4()
    )


def test_a_cache_that_is_not_listening_is_bypassed() -> None:
    cache = SessionCache()
    cache.ttl = 30
    actor = _actor()
    cache.put(actor, time.time() + 60)
    assert cache.get(actor.session_id, actor.user_id, time.time()) is None  # type: ignore[arg-type]
    cache.listening = True
    cache.put(actor, time.time() + 60)
    assert cache.get(actor.session_id, actor.user_id, time.time()) == actor  # type: ignore[arg-type]


def test_entries_expire_with_the_ttl_and_with_the_session() -> None:
    cache = SessionCache()
    cache.ttl, cache.listening = 0.05, True
    a, b = _actor(), _actor()
    cache.put(a, time.time() + 60)
    cache.put(b, time.time() + 0.01)
    assert cache.get(b.session_id, b.user_id, time.time() + 1) is None  # type: ignore[arg-type]
    time.sleep(0.06)
    assert cache.get(a.session_id, a.user_id, time.time()) is None  # type: ignore[arg-type]


def test_notifications_evict_a_session_or_every_session_of_a_user() -> None:
    cache = SessionCache()
    cache.ttl, cache.listening = 30, True
    user = uuid.uuid4()
    one, two, other = _actor(user_id=user), _actor(user_id=user), _actor()
    for actor in (one, two, other):
        cache.put(actor, time.time() + 60)
    cache.apply(f"s:{one.session_id}")
    assert cache.get(one.session_id, user, time.time()) is None  # type: ignore[arg-type]
    assert cache.get(two.session_id, user, time.time()) is not None  # type: ignore[arg-type]
    cache.apply(f"u:{user}")
    assert cache.get(two.session_id, user, time.time()) is None  # type: ignore[arg-type]
    assert len(cache) == 1
    cache.apply("garbage")
    assert len(cache) == 0  # an unreadable notification empties the cache: never keep stale


@pytest.mark.parametrize("ttl", [0, -1])
def test_a_zero_ttl_turns_the_cache_off(ttl: float) -> None:
    cache = SessionCache()
    cache.ttl, cache.listening = ttl, True
    actor = _actor()
    cache.put(actor, time.time() + 60)
    assert len(cache) == 0
