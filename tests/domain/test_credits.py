"""Channel API credit budgets (staykit.domain.partners.credits), on both stores: this
process's memory and the machine's Redis (database 15, keys under a prefix of the test's
own, deleted afterwards)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.partners import credits
from staykit.domain.partners.credits import Charge, InProcessCredits, Period, RedisCredits
from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import ensure_business
from tests.factories import actor_of, frozen_clock, make_user

REDIS_URL = "redis://127.0.0.1:6379/15"
SECONDS = 300


@pytest.fixture
async def redis_store() -> AsyncIterator[RedisCredits]:
    client = Redis.from_url(REDIS_URL)
    prefix = f"staykit-test:{uuid.uuid4().hex}:"
    store = RedisCredits(client, prefix=prefix)
    try:
        yield store
    finally:
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest, redis_store: RedisCredits) -> credits.CreditStore:
    return InProcessCredits() if request.param == "memory" else redis_store


def period(n: int = 1000, resets_in: int = 120) -> Period:
    return Period(n, resets_in, SECONDS)


def test_costs() -> None:
    assert credits.request_cost("GET") == 1
    assert credits.request_cost("GET", includes=2) == 3
    assert credits.request_cost("POST") == 1
    assert credits.request_cost("POST", items=1) == 2
    assert credits.request_cost("POST", items=10) == 2
    assert credits.request_cost("POST", items=25) == 4
    assert credits.request_cost("DELETE", items=0) == 1


def test_periods_are_fixed_windows_from_the_epoch() -> None:
    at = datetime(2026, 1, 1, 12, 3, 20, tzinfo=UTC)  # 200 s into a 5-minute window
    p = credits.period_at(at, SECONDS)
    assert p.number == int(at.timestamp()) // SECONDS and p.resets_in == 100
    assert credits.period_at(at.replace(minute=5, second=0), SECONDS).number == p.number + 1


async def test_budget_is_taken_until_it_is_used_up(store: credits.CreditStore) -> None:
    b = uuid.uuid4()
    assert await store.take(b, period(), 3, 5) == Charge(True, 5, 2, 3, 120)
    assert await store.take(b, period(), 2, 5) == Charge(True, 5, 0, 2, 120)
    # Refused: takes nothing, however often it is asked.
    for _ in range(3):
        assert await store.take(b, period(), 1, 5) == Charge(False, 5, 0, 0, 120)


async def test_a_refused_request_costs_nothing(store: credits.CreditStore) -> None:
    b = uuid.uuid4()
    await store.take(b, period(), 3, 5)
    assert await store.take(b, period(), 4, 5) == Charge(False, 5, 2, 0, 120)
    assert await store.take(b, period(), 2, 5) == Charge(True, 5, 0, 2, 120)


async def test_businesses_and_periods_are_independent(store: credits.CreditStore) -> None:
    a, b = uuid.uuid4(), uuid.uuid4()
    assert (await store.take(a, period(), 5, 5)).allowed
    assert not (await store.take(a, period(), 1, 5)).allowed
    assert (await store.take(b, period(), 5, 5)).remaining == 0
    assert await store.take(a, period(1001), 1, 5) == Charge(True, 5, 4, 1, 120)


async def test_redis_and_memory_give_the_same_answers(redis_store: RedisCredits) -> None:
    memory = InProcessCredits()
    business = uuid.uuid4()
    script = [(1000, 1, 10), (1000, 4, 10), (1000, 6, 10), (1000, 5, 10), (1000, 1, 10)]
    script += [(1001, 11, 10), (1001, 10, 10), (1001, 1, 10), (1000, 1, 10)]
    answers = []
    for number, cost, limit in script:
        got = [await s.take(business, period(number), cost, limit) for s in (memory, redis_store)]
        answers.append(got)
    assert all(m == r for m, r in answers), answers
    allowed = [m.allowed for m, _ in answers]
    assert allowed == [True, True, False, True, False, False, True, False, False]


async def test_redis_keys_expire_with_their_period(redis_store: RedisCredits) -> None:
    business = uuid.uuid4()
    await redis_store.take(business, period(resets_in=42), 1, 10)
    ttl = await redis_store.client.ttl(redis_store.key(business, period()))
    assert 0 < ttl <= 42 + 5


async def test_redis_takes_atomically_under_concurrency(redis_store: RedisCredits) -> None:
    business = uuid.uuid4()
    results = await asyncio.gather(
        *(redis_store.take(business, period(), 1, 10) for _ in range(25))
    )
    assert sum(r.allowed for r in results) == 10
    assert sum(r.cost for r in results) == 10


async def test_redis_being_away_lets_requests_through() -> None:
    client = Redis.from_url("redis://127.0.0.1:1/15", socket_connect_timeout=0.2)
    store = RedisCredits(client, prefix="staykit-test:away:")
    try:
        charge = await store.take(uuid.uuid4(), period(), 1, 10)
    finally:
        await client.aclose()
    assert charge.allowed and charge.cost == 1


async def test_charge_uses_the_business_limit_or_the_default(
    db: AsyncSession, settings: Settings
) -> None:
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    await db.commit()
    store = InProcessCredits()
    with frozen_clock(utcnow()):
        charge = await credits.charge(db, store, settings, business.id, 1)
        assert charge.limit == settings.channel_credits_per_period == 100
        row = await db.get(Business, business.id)
        assert row is not None
        row.credit_limit = 2
        await db.commit()
        assert await credits.charge(db, store, settings, business.id, 1) == Charge(
            True, 2, 0, 1, charge.resets_in
        )
        assert not (await credits.charge(db, store, settings, business.id, 1)).allowed


def test_store_for_follows_the_settings(settings: Settings) -> None:
    assert isinstance(credits.store_for(settings), InProcessCredits)
    redis_backed = credits.store_for(settings.model_copy(update={"redis_url": REDIS_URL}))
    assert isinstance(redis_backed, RedisCredits)
