"""Channel API credits: a budget per business per fixed 5-minute period, shared by all of
the business's tokens (Beds24's "five minute credit limit").

Periods are fixed windows of `channel_credit_period_seconds` counted from the Unix epoch,
so every process agrees on when one ends without talking to the others. Each request
costs credits (`request_cost`); `charge` checks and takes them in one step, and a request
that would go over the budget is refused without taking anything, so a client that keeps
knocking after a 429 does not push its own reset further away.

The counters are the shared limiter's (staykit.core.ratelimit, which the public routes'
limits use too) under the credits' own key prefix: `InProcessCredits`, a dict keyed by
business and period (one process), and `RedisCredits`, one atomic Lua script per request
whose keys expire with their period (many processes share one Redis). `store_for(settings)`
picks Redis when `redis_url` is set.

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
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.ratelimit import (
    Charge,
    CounterStore,
    InProcessCounters,
    RedisCounters,
    Window,
    window_at,
)
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy import service as tenancy

ITEMS_PER_CREDIT = 10
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def request_cost(method: str, *, items: int = 0, includes: int = 0) -> int:
    """What a request costs: see the table in the module doc."""
    if method.upper() in READ_METHODS:
        return 1 + max(0, includes)
    return 1 + math.ceil(max(0, items) / ITEMS_PER_CREDIT)


# The credits are counters of the shared limiter (staykit.core.ratelimit) under their own
# key namespace: a budget per business per period. These names are the credits' words
# for its parts.
Period = Window
period_at = window_at
CreditStore = CounterStore
InProcessCredits = InProcessCounters
CREDITS_PREFIX = "staykit:credits:"


def uncharged(settings: Settings, now: datetime | None = None) -> Charge:
    """The figures of a request no business was charged for (no usable credential, a bad
    invite code): the default budget, untouched."""
    period = period_at(now or utcnow(), settings.channel_credit_period_seconds)
    limit = settings.channel_credits_per_period
    return Charge(True, limit, limit, 0, period.resets_in)


class RedisCredits(RedisCounters):
    """Credit counters in Redis, keyed by business and period under the credits' prefix."""

    default_prefix = CREDITS_PREFIX


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
