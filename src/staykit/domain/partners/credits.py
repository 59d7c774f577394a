"""Channel API credits: a budget per business per fixed 5-minute period, shared by all of
the business's tokens (Beds24's "five minute credit limit").

Periods are fixed windows of `channel_credit_period_seconds` counted from the Unix epoch,
so every process agrees on when one ends without talking to the others. Each request
costs credits (`request_cost`); `charge` checks and takes them in one step, and a request
that would go over the budget is refused without taking anything, so a client that keeps
knocking after a 429 does not push its own reset further away.

Two stores keep the counters behind one small port (`CreditStore`): `InProcessCredits`, a
dict keyed by business and period (one process), and `RedisCredits`, one atomic Lua
script per request whose keys expire with their period (many processes share one Redis).
`store_for(settings)` picks Redis when `redis_url` is set.

Costs (documented in docs/channel-api.md):

| request | cost |
|---|---|
| GET (and HEAD) | 1, plus 1 per `include*` flag that widens the answer |
| POST, PATCH, PUT, DELETE | 1 + ceil(items / 10): an array body of 25 items costs 4 |
| /authentication/setup, /authentication/token | 1 (as any GET) |
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy import service as tenancy

log = structlog.get_logger(__name__)

ITEMS_PER_CREDIT = 10
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def request_cost(method: str, *, items: int = 0, includes: int = 0) -> int:
    """What a request costs: see the table in the module doc."""
    if method.upper() in READ_METHODS:
        return 1 + max(0, includes)
    return 1 + math.ceil(max(0, items) / ITEMS_PER_CREDIT)


@dataclass(frozen=True)
class Charge:
    """The outcome of one request's check: whether it may run, and the figures the
    response headers carry."""

    allowed: bool
    limit: int
    remaining: int
    cost: int  # what this request took: 0 when refused or when nobody was charged
    resets_in: int  # whole seconds until the period ends (at least 1)


@dataclass(frozen=True)
class Period:
    number: int  # periods since the epoch
    resets_in: int
    seconds: int


def period_at(now: datetime, seconds: int) -> Period:
    stamp = now.timestamp()
    number = int(stamp // seconds)
    ends = (number + 1) * seconds
    return Period(number, max(1, math.ceil(ends - stamp)), seconds)


def uncharged(settings: Settings, now: datetime | None = None) -> Charge:
    """The figures of a request no business was charged for (no usable credential, a bad
    invite code): the default budget, untouched."""
    period = period_at(now or utcnow(), settings.channel_credit_period_seconds)
    limit = settings.channel_credits_per_period
    return Charge(True, limit, limit, 0, period.resets_in)


class CreditStore(Protocol):
    """Checks and takes `cost` credits of `business_id`'s budget for `period`, atomically."""

    async def take(self, business_id: uuid.UUID, period: Period, cost: int, limit: int) -> Charge:
        """Take `cost` when `used + cost <= limit`; otherwise take nothing."""
        ...  # pragma: no cover

    async def close(self) -> None:
        """Release what the store holds (a connection pool); called at shutdown."""
        ...  # pragma: no cover


class InProcessCredits:
    """Counters in this process's memory: right for one process (and for tests)."""

    def __init__(self) -> None:
        self._used: dict[tuple[uuid.UUID, int], int] = {}
        self._period = -1

    async def take(self, business_id: uuid.UUID, period: Period, cost: int, limit: int) -> Charge:
        # No await between the read and the write: atomic under asyncio.
        if period.number > self._period:
            # A new period: drop the counters of all but the one before it (a request
            # begun just before the boundary may still ask for that one, as Redis, whose
            # keys outlive their period by a few seconds, would answer it).
            self._used = {k: v for k, v in self._used.items() if k[1] >= period.number - 1}
            self._period = period.number
        key = (business_id, period.number)
        used = self._used.get(key, 0)
        if used + cost > limit:
            return Charge(False, limit, max(0, limit - used), 0, period.resets_in)
        self._used[key] = used + cost
        return Charge(True, limit, limit - used - cost, cost, period.resets_in)

    async def close(self) -> None:
        """Nothing to release."""


# KEYS[1] the period's counter; ARGV cost, limit, seconds to keep the key.
# Returns {1 if taken else 0, credits used after the call}.
TAKE_SCRIPT = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local cost = tonumber(ARGV[1])
if used + cost > tonumber(ARGV[2]) then
  return {0, used}
end
used = redis.call('INCRBY', KEYS[1], cost)
if used == cost then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
end
return {1, used}
"""


class RedisCredits:
    """Counters in Redis, shared by every process: one round trip per request (the
    script checks and charges atomically), keys expire when their period has ended."""

    def __init__(self, client: Any, *, prefix: str = "staykit:credits:") -> None:
        self.client = client
        self.prefix = prefix
        self._take = client.register_script(TAKE_SCRIPT)

    @classmethod
    def from_url(cls, url: str, *, prefix: str = "staykit:credits:") -> RedisCredits:
        from redis.asyncio import Redis

        return cls(Redis.from_url(url), prefix=prefix)

    def key(self, business_id: uuid.UUID, period: Period) -> str:
        return f"{self.prefix}{business_id}:{period.number}"

    async def take(self, business_id: uuid.UUID, period: Period, cost: int, limit: int) -> Charge:
        from redis.exceptions import RedisError

        # A few seconds past the period's end, so a clock a little behind Redis's still
        # finds its counter.
        keep = period.resets_in + 5
        try:
            taken, used = await self._take(
                keys=[self.key(business_id, period)], args=[cost, limit, keep]
            )
        except RedisError as exc:
            # Rate limiting is a courtesy to the service; Redis being away must not take
            # the API down with it. Let the request through and say so in the log.
            log.warning("credit store unavailable; request not counted", error=str(exc))
            return Charge(True, limit, max(0, limit - cost), cost, period.resets_in)
        used = int(used)
        if not taken:
            return Charge(False, limit, max(0, limit - used), 0, period.resets_in)
        return Charge(True, limit, max(0, limit - used), cost, period.resets_in)

    async def close(self) -> None:
        await self.client.aclose()


def store_for(settings: Settings) -> CreditStore:
    """Redis when `redis_url` is set, else this process's memory."""
    if settings.redis_url:
        return RedisCredits.from_url(settings.redis_url)
    return InProcessCredits()


async def charge(
    session: AsyncSession,
    store: CreditStore,
    settings: Settings,
    business_id: uuid.UUID,
    cost: int,
) -> Charge:
    """Take `cost` credits from the business's budget for the current period (its own
    `credit_limit`, else the default). The answer says whether the request may run."""
    limit = await tenancy.credit_limit_of(session, business_id)
    if limit is None:
        limit = settings.channel_credits_per_period
    period = period_at(utcnow(), settings.channel_credit_period_seconds)
    return await store.take(business_id, period, cost, limit)


async def business_to_charge(session: AsyncSession, principal: Principal) -> uuid.UUID | None:
    """Whose budget a caller's requests use: the business its token was granted for (a
    Channel API grant names one), else the business the person owns; None when neither."""
    if principal.businesses:
        return min(principal.businesses)
    business = await tenancy.business_of(session, principal.user_id)
    return business.id if business is not None else None
