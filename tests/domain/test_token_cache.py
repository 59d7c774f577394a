"""The partner token cache: a warm token costs no token query, and the cache never
outlives a revocation, a departed user, an expiry or an IP whitelist, wherever the change
happens (this process: flush/commit eviction; another one: NOTIFY)."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.errors import Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.auth.session_cache import SessionCache
from staykit.domain.partners import credentials, grants, touches
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.token_cache import CachedToken, TokenCache, token_cache
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, frozen_clock, make_user, partner_token

TOKENDETAILS = "/cloudapi/auth/tokendetails"


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL every engine in this process sends while the block runs."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


async def _token(
    factory: async_sessionmaker[AsyncSession], *, ttl: timedelta | None = None
) -> tuple[Person, Grant, Secret, str]:
    async with factory() as db:
        made = await partner_token(db, ttl=ttl)
    return made.person, made.grant, made.secret, made.value


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


async def _eventually(client: httpx.AsyncClient, headers: dict[str, str], status: int) -> int:
    deadline = time.monotonic() + 3
    while True:
        got = (await client.get(TOKENDETAILS, headers=headers)).status_code
        if got == status or time.monotonic() > deadline:
            return got
        await asyncio.sleep(0.02)


# --- in the app ---------------------------------------------------------------------------


async def test_a_warm_token_is_resolved_without_a_token_query(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, _, value = await _token(committed_factory)
    assert token_cache.enabled, "the app's LISTEN connection should be up"
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    with statements() as sql:
        r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 200
    assert sql, "tokendetails still reads the tenants"
    assert not [s for s in sql if "partner_secrets" in s or "FROM users" in s], sql


async def test_a_grant_revoked_in_this_process_is_refused_on_the_very_next_request(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, grant, _, value = await _token(committed_factory)
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    async with committed_factory() as db:
        await grants.revoke_grant(db, grant.id)  # a bulk UPDATE: the cache empties
        await db.commit()
    r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 401 and r.json()["code"] == "tokenRevoked"


async def test_a_secret_revoked_through_the_orm_is_refused_on_the_very_next_request(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, secret, value = await _token(committed_factory)
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    async with committed_factory() as db:
        row = await db.get(Secret, secret.id)
        assert row is not None
        row.revoked_at = utcnow()  # a flushed attribute change: that entry is evicted
        await db.commit()
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 401


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE partner_grants SET revoked_at = now() WHERE id = :grant",
        "UPDATE partner_secrets SET revoked_at = now() WHERE id = :secret",
        "DELETE FROM partner_grants WHERE id = :grant",
        "UPDATE users SET is_active = false WHERE id = :user",
    ],
    ids=["grant-revoked", "secret-revoked", "grant-deleted", "user-deactivated"],
)
async def test_a_change_by_another_process_reaches_a_cached_token(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    sql: str,
) -> None:
    host, grant, secret, value = await _token(committed_factory)
    headers = bearer(value)
    assert (await committed_client.get(TOKENDETAILS, headers=headers)).status_code == 200
    assert len(token_cache) >= 1
    # Another process (a plain connection, plain SQL, no ORM session) makes the change.
    async with engine.begin() as conn:
        await conn.execute(
            text(sql), {"grant": grant.id, "secret": secret.id, "user": host.user.id}
        )
    assert await _eventually(committed_client, headers, 401) == 401


async def test_a_cached_token_expires_with_the_token(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, _, value = await _token(committed_factory, ttl=timedelta(minutes=5))
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    with frozen_clock(utcnow() + timedelta(minutes=5, seconds=1)):
        r = await committed_client.get(TOKENDETAILS, headers=bearer(value))
    assert r.status_code == 401 and r.json()["code"] == "tokenExpired"


# --- the domain: whitelist and idle notes on cache hits --------------------------------------


async def test_the_whitelist_is_checked_on_every_request_even_when_cached(
    app: object, db: AsyncSession
) -> None:
    assert token_cache.enabled
    made = await partner_token(db, kind="longlife", ip_whitelist=["10.0.0.0/8"])
    value = made.value
    ok = await credentials.resolve(db, value, surface="channel", ip="10.1.2.3")
    assert ok.businesses == {made.business_id}
    with statements() as sql:
        again = await credentials.resolve(db, value, surface="cloud", ip="10.9.9.9")
    assert not sql and again.surface == "cloud"  # from the cache, stamped with its surface
    for ip in ("192.168.1.1", None):
        with pytest.raises(Unauthenticated) as refused:
            await credentials.resolve(db, value, surface="channel", ip=ip)
        assert refused.value.code == "ipNotWhitelisted"


async def test_an_idle_limited_token_still_notes_its_use_when_cached(
    app: object, db: AsyncSession
) -> None:
    made = await partner_token(
        db, kind="longlife", scopes=["all:inventory"], idle=timedelta(days=90)
    )
    secret, value = made.secret, made.value
    secret.last_used_at = utcnow() - timedelta(hours=2)
    await db.commit()
    await credentials.resolve(db, value, surface="channel")
    touches._pending.clear()
    with statements() as sql:
        await credentials.resolve(db, value, surface="channel")
    assert not sql
    assert secret.id in touches._pending
    touches._pending.clear()


async def test_stamping_last_uses_keeps_other_tokens_warm(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    _, _, _, value = await _token(committed_factory)
    _, _, stamped, _ = await _token(committed_factory)
    assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    touches.note(stamped.id, None, utcnow())
    async with committed_factory() as db:
        assert await touches.flush(db) >= 1  # the app's minute flush
        await db.commit()
    with statements() as sql:
        assert (await committed_client.get(TOKENDETAILS, headers=bearer(value))).status_code == 200
    assert not [s for s in sql if "partner_secrets" in s], "the flush emptied the token cache"


async def test_a_user_deactivated_in_this_process_is_evicted_at_flush(
    app: object, db: AsyncSession
) -> None:
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    grant, value = await grants.create_tenant_token(
        db, actor_of(host), business.id, ["read:bookings"]
    )
    await db.commit()
    await credentials.resolve(db, value, surface="cloud")
    user = await db.get(User, host.user.id)
    assert user is not None
    user.is_active = False
    await db.flush()
    with pytest.raises(Unauthenticated):
        await credentials.resolve(db, value, surface="cloud")
    assert grant.id


# --- the cache's own rules ----------------------------------------------------------------


def _cache(ttl: float = 30) -> tuple[SessionCache, TokenCache]:
    parent = SessionCache()
    parent.ttl, parent.listening = ttl, True
    return parent, TokenCache(parent)


def _cached(user_id: uuid.UUID | None = None, ends: float = float("inf")) -> CachedToken:
    return CachedToken(
        principal=Principal(user_id=user_id or uuid.uuid4()),
        secret_id=uuid.uuid4(),
        grant_id=uuid.uuid4(),
        whitelist=(),
        idle_seconds=None,
        last_used_at=None,
        ends=ends,
    )


def test_a_cache_that_is_not_listening_or_has_no_ttl_is_bypassed() -> None:
    parent, cache = _cache()
    parent.listening = False
    cache.put("k", _cached(), generation=cache.generation)
    assert len(cache) == 0 and cache.get("k", time.time()) is None
    parent.listening, parent.ttl = True, 0
    cache.put("k", _cached(), generation=cache.generation)
    assert len(cache) == 0


def test_entries_expire_with_the_ttl_and_with_the_token() -> None:
    _, cache = _cache(ttl=0.05)
    cache.put("long", _cached(), generation=cache.generation)
    cache.put("short", _cached(ends=time.time() + 0.01), generation=cache.generation)
    assert cache.get("short", time.time() + 1) is None
    assert cache.get("long", time.time()) is not None
    time.sleep(0.06)
    assert cache.get("long", time.time()) is None


def test_a_resolution_that_raced_an_eviction_is_not_cached() -> None:
    _, cache = _cache()
    began = cache.generation
    cache.evict(uuid.uuid4())  # a revocation lands while the resolution reads the database
    cache.put("k", _cached(), generation=began)
    assert cache.get("k", time.time()) is None


def test_notifications_evict_by_grant_secret_and_user_and_garbage_empties_all() -> None:
    parent, cache = _cache()
    user = uuid.uuid4()
    a, b, c, other = _cached(user), _cached(user), _cached(user), _cached()
    for key, token in (("a", a), ("b", b), ("c", c), ("other", other)):
        cache.put(key, token, generation=cache.generation)
    parent.apply(f"g:{a.grant_id}")
    assert cache.get("a", time.time()) is None and cache.get("b", time.time()) is not None
    parent.apply(f"t:{b.secret_id}")
    assert cache.get("b", time.time()) is None and cache.get("c", time.time()) is not None
    parent.apply(f"u:{user}")
    assert cache.get("c", time.time()) is None
    assert len(cache) == 1
    parent.apply("g:not-a-uuid")
    assert len(cache) == 0
    cache.put("other", other, generation=cache.generation)
    parent.listening = False
    parent.clear()  # the listener lost its connection
    assert len(cache) == 0
