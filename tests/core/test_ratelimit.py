"""The shared fixed-window limiter (staykit.core.ratelimit) on both stores, this process's
memory and the machine's Redis (database 15, keys under a prefix of the test's own,
deleted afterwards), and the route-limit settings it is configured with. The credits'
single-counter behaviour is tested in tests/domain/test_credits.py."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from pydantic import ValidationError
from redis.asyncio import Redis

from staykit.core.config import RouteLimit, Settings
from staykit.core.ratelimit import (
    Charge,
    CounterStore,
    InProcessCounters,
    RedisCounters,
    Window,
    counters_for,
)

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
async def redis_store() -> AsyncIterator[RedisCounters]:
    client = Redis.from_url(REDIS_URL)
    prefix = f"staykit-test:{uuid.uuid4().hex}:"
    try:
        yield RedisCounters(client, prefix=prefix)
    finally:
        keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@pytest.fixture(params=["memory", "redis"])
def store(request: pytest.FixtureRequest, redis_store: RedisCounters) -> CounterStore:
    return InProcessCounters() if request.param == "memory" else redis_store


def window(n: int = 500, seconds: int = 60, resets_in: int = 20) -> Window:
    return Window(n, resets_in, seconds)


async def test_all_counters_are_taken_or_none(store: CounterStore) -> None:
    ip, ana, ben = "ip:1", "user:ana", "user:ben"
    assert await store.take_all([(ip, 3), (ana, 1)], window(), 1) == [
        Charge(True, 3, 2, 1, 20),
        Charge(True, 1, 0, 1, 20),
    ]
    # Ana is out: refused, and the address's counter is not touched.
    refused = await store.take_all([(ip, 3), (ana, 1)], window(), 1)
    assert [c.allowed for c in refused] == [False, False]
    assert [c.remaining for c in refused] == [2, 0] and {c.cost for c in refused} == {0}
    assert (await store.take_all([(ip, 3), (ben, 5)], window(), 1))[0].remaining == 1
    assert (await store.take_all([(ip, 3), (ben, 5)], window(), 1))[0].remaining == 0
    # Now the address is out, for Ben too, and Ben's counter stays where it was.
    again = await store.take_all([(ip, 3), (ben, 5)], window(), 1)
    assert [c.remaining for c in again] == [0, 3] and not again[1].allowed


async def test_windows_of_different_lengths_keep_their_counters(store: CounterStore) -> None:
    # A 5-minute budget (credits) and a 1-minute one (routes) in one store: a newer
    # 1-minute window must not forget the 5-minute counter.
    assert (await store.take("b", window(100, 300), 1, 2)).remaining == 1
    assert (await store.take("r", window(499, 60), 1, 2)).allowed
    assert (await store.take("r", window(502, 60), 1, 2)).remaining == 1
    assert (await store.take("b", window(100, 300), 1, 2)).remaining == 0


async def test_redis_takes_several_counters_atomically(redis_store: RedisCounters) -> None:
    results = await asyncio.gather(
        *(redis_store.take_all([("ip", 10), (f"user:{i % 2}", 4)], window(), 1) for i in range(30))
    )
    assert sum(r[0].allowed for r in results) == 8  # each person's 4
    ttl = await redis_store.client.ttl(redis_store.key("ip", window()))
    assert 0 < ttl <= 20 + 5


async def test_redis_being_away_lets_requests_through() -> None:
    client = Redis.from_url("redis://127.0.0.1:1/15", socket_connect_timeout=0.2)
    try:
        charges = await RedisCounters(client).take_all([("a", 1), ("b", 1)], window(), 1)
    finally:
        await client.aclose()
    assert all(c.allowed for c in charges)


async def test_a_redis_that_hangs_lets_requests_through_instead_of_holding_them() -> None:
    """A server that accepts connections and never answers (a hung Redis): the request
    is let through, not held (the store's timeouts bound the wait to 0.5 s)."""
    held: list[asyncio.StreamWriter] = []

    async def never_answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)  # the connection stays open, the command unanswered
        await asyncio.sleep(3600)

    silent = await asyncio.start_server(never_answer, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    store = RedisCounters.from_url(f"redis://127.0.0.1:{port}/15")
    try:
        # A guard against hanging the suite: the store's own timeout answers long before.
        charges = await asyncio.wait_for(store.take_all([("a", 1)], window(), 1), 30)
    finally:
        await store.close()
        for writer in held:
            writer.close()
        silent.close()
    assert all(c.allowed for c in charges)


def test_counters_follow_the_redis_url() -> None:
    assert isinstance(counters_for(None, prefix="x:"), InProcessCounters)
    redis_backed = counters_for(REDIS_URL, prefix="staykit:ratelimit:")
    assert isinstance(redis_backed, RedisCounters) and redis_backed.prefix == "staykit:ratelimit:"


def test_route_limits_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAYKIT_RATE_LIMIT_SEARCH", "600/120")
    monkeypatch.setenv("STAYKIT_RATE_LIMIT_LOGIN", "20")
    monkeypatch.setenv("STAYKIT_RATE_LIMIT_QUOTE", "0")
    settings = Settings(env="test")
    assert settings.rate_limit_search == RouteLimit(600, 120)
    assert settings.rate_limit_login == RouteLimit(20, 20)
    assert settings.rate_limit_quote == RouteLimit(0, 0)
    assert settings.rate_limit_listing == RouteLimit(2400, 1200)  # a default


@pytest.mark.parametrize("bad", ["fast", "10/", "1/2/3", "-5", "10.5"])
def test_a_malformed_route_limit_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, bad: str
) -> None:
    monkeypatch.setenv("STAYKIT_RATE_LIMIT_SEARCH", bad)
    with pytest.raises(ValidationError) as caught:
        Settings(env="test")
    assert "rate_limit_search" in str(caught.value)
    assert bad not in str(caught.value).replace("rate_limit_search", "")
