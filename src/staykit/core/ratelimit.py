"""Fixed-window counters with an atomic check-and-take: the one limiter behind the Channel
API's credits (staykit.domain.partners.credits) and the public routes' per-IP and per-user
limits (staykit.api.ratelimit).

Windows are fixed spans of `seconds` counted from the Unix epoch, so every process agrees
on when one ends without talking to the others. `take` checks and takes `cost` from one or
more counters in one step: either every counter has room and all are charged, or nothing
is taken, so a client that keeps knocking after a 429 does not push its own reset further
away, and a request refused by one counter (a person's) does not use up another (their
network's).

Two stores keep the counters behind one small port (`CounterStore`): `InProcessCounters`,
a dict in this process's memory, and `RedisCounters`, one atomic Lua script per request
whose keys expire with their window (many processes share one Redis). The prefix a store
is made with is its namespace: credits and route limits never share a key.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, Self

import structlog

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Charge:
    """The outcome of one counter's check: whether the request may run, and the figures
    response headers carry."""

    allowed: bool
    limit: int
    remaining: int
    cost: int  # what this request took: 0 when refused or when nobody was charged
    resets_in: int  # whole seconds until the window ends (at least 1)


@dataclass(frozen=True)
class Window:
    number: int  # windows since the epoch
    resets_in: int
    seconds: int


def window_at(now: datetime, seconds: int) -> Window:
    """The fixed window of `seconds` that `now` falls in."""
    stamp = now.timestamp()
    number = int(stamp // seconds)
    ends = (number + 1) * seconds
    return Window(number, max(1, math.ceil(ends - stamp)), seconds)


class CounterStore(Protocol):
    """Checks and takes `cost` from counters in `window`, atomically."""

    async def take(self, key: Hashable, window: Window, cost: int, limit: int) -> Charge:
        """Take `cost` when `used + cost <= limit`; otherwise take nothing."""
        ...  # pragma: no cover

    async def take_all(
        self, limits: Sequence[tuple[Hashable, int]], window: Window, cost: int
    ) -> list[Charge]:
        """Take `cost` from every (key, limit) counter when each has room; otherwise take
        nothing from any. One Charge per counter, in order, all with the same `allowed`."""
        ...  # pragma: no cover

    async def close(self) -> None:
        """Release what the store holds (a connection pool); called at shutdown."""
        ...  # pragma: no cover


def _charges(
    allowed: bool, limits: Sequence[int], used: Sequence[int], cost: int, window: Window
) -> list[Charge]:
    """The answers for counters that now stand at `used` (after the take, if allowed)."""
    taken = cost if allowed else 0
    return [
        Charge(allowed, limit, max(0, limit - n), taken, window.resets_in)
        for limit, n in zip(limits, used, strict=True)
    ]


class InProcessCounters:
    """Counters in this process's memory: right for one process (and for tests)."""

    def __init__(self) -> None:
        self._used: dict[tuple[Hashable, int, int], int] = {}
        self._latest: dict[int, int] = {}  # window length -> the newest window number seen

    def _forget_old(self, window: Window) -> None:
        # A new window: drop the counters of windows of this length older than the one
        # before it (a request begun just before the boundary may still ask for that one,
        # as Redis, whose keys outlive their window by a few seconds, would answer it).
        if window.number <= self._latest.get(window.seconds, -1):
            return
        self._latest[window.seconds] = window.number
        self._used = {
            k: v
            for k, v in self._used.items()
            if k[1] != window.seconds or k[2] >= window.number - 1
        }

    async def take(self, key: Hashable, window: Window, cost: int, limit: int) -> Charge:
        # One counter (a credit budget) on a path of its own: no lists per request.
        self._forget_old(window)
        slot = (key, window.seconds, window.number)
        used = self._used.get(slot, 0)
        if used + cost > limit:
            return Charge(False, limit, max(0, limit - used), 0, window.resets_in)
        self._used[slot] = used + cost
        return Charge(True, limit, limit - used - cost, cost, window.resets_in)

    async def take_all(
        self, limits: Sequence[tuple[Hashable, int]], window: Window, cost: int
    ) -> list[Charge]:
        # No await between the reads and the writes: atomic under asyncio.
        self._forget_old(window)
        keys = [(key, window.seconds, window.number) for key, _ in limits]
        used = [self._used.get(k, 0) for k in keys]
        caps = [limit for _, limit in limits]
        allowed = all(n + cost <= cap for n, cap in zip(used, caps, strict=True))
        if allowed:
            used = [n + cost for n in used]
            self._used.update(zip(keys, used, strict=True))
        return _charges(allowed, caps, used, cost, window)

    async def close(self) -> None:
        """Nothing to release."""


# KEYS the window's counters; ARGV cost, seconds to keep a new key, then one limit per key.
# Returns {1 if taken else 0, each counter's use after the call...}.
TAKE_SCRIPT = """
local cost = tonumber(ARGV[1])
local used = {}
local room = 1
for i, key in ipairs(KEYS) do
  used[i] = tonumber(redis.call('GET', key) or '0')
  if used[i] + cost > tonumber(ARGV[2 + i]) then
    room = 0
  end
end
if room == 1 then
  for i, key in ipairs(KEYS) do
    used[i] = redis.call('INCRBY', key, cost)
    if used[i] == cost then
      redis.call('EXPIRE', key, tonumber(ARGV[2]))
    end
  end
end
table.insert(used, 1, room)
return used
"""


REDIS_TIMEOUT_SECONDS = 0.5


class RedisCounters:
    """Counters in Redis, shared by every process: one round trip per request (the script
    checks and takes atomically), keys expire when their window has ended."""

    default_prefix = "staykit:limits:"

    def __init__(self, client: Any, *, prefix: str | None = None) -> None:
        self.client = client
        self.prefix = self.default_prefix if prefix is None else prefix
        self._take = client.register_script(TAKE_SCRIPT)

    @classmethod
    def from_url(cls, url: str, *, prefix: str | None = None) -> Self:
        from redis.asyncio import Redis

        # redis-py sets no socket timeouts by default: a Redis that hangs (rather than
        # refuses) held each limited request about 5 s here. A count is one small script:
        # past these bounds the request goes through uncounted, as when Redis is down.
        client = Redis.from_url(
            url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
        )
        return cls(client, prefix=prefix)

    def key(self, key: Hashable, window: Window) -> str:
        return f"{self.prefix}{key}:{window.number}"

    async def take(self, key: Hashable, window: Window, cost: int, limit: int) -> Charge:
        return (await self.take_all([(key, limit)], window, cost))[0]

    async def take_all(
        self, limits: Sequence[tuple[Hashable, int]], window: Window, cost: int
    ) -> list[Charge]:
        from redis.exceptions import RedisError

        caps = [limit for _, limit in limits]
        # A few seconds past the window's end, so a clock a little behind Redis's still
        # finds its counter.
        keep = window.resets_in + 5
        try:
            answer = await self._take(
                keys=[self.key(key, window) for key, _ in limits], args=[cost, keep, *caps]
            )
        except RedisError as exc:
            # Limits are a courtesy to the service; Redis being away must not take the API
            # down with it. Let the request through and say so in the log.
            log.warning("limit store unavailable; request not counted", error=str(exc))
            return _charges(True, caps, [cost] * len(caps), cost, window)
        return _charges(bool(answer[0]), caps, [int(n) for n in answer[1:]], cost, window)

    async def close(self) -> None:
        await self.client.aclose()


def counters_for(redis_url: str | None, *, prefix: str) -> CounterStore:
    """Redis (keys under `prefix`) when a URL is given, else this process's memory."""
    if redis_url:
        return RedisCounters.from_url(redis_url, prefix=prefix)
    return InProcessCounters()
