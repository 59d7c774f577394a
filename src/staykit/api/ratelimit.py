"""Rate limits of the public routes (search, quote, listing pages, registration, login,
verification starts): requests per client IP, and per signed-in person, in fixed windows,
on the same limiter as the Channel API's credits (staykit.core.ratelimit) under a key
namespace of their own. Past a limit a route answers 429 with Retry-After, the seconds
until the window ends, in its surface's own error body (docs/rate-limits.md).

The check runs as a route dependency, after the caller is known and before the route's
work (before the password hash on login, the mail on a verification start). Both counters
are checked and taken in one step: a request refused for the person's budget does not use
up their network's. The client address is the one the login throttle records:
`request.client`, where uvicorn puts a trusted proxy's X-Forwarded-For
(STAYKIT_FORWARDED_ALLOW_IPS) and nobody else's.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from enum import StrEnum

from fastapi import Request

from staykit.core.clock import utcnow
from staykit.core.config import RouteLimit, Settings
from staykit.core.errors import TooManyRequests
from staykit.core.ratelimit import Charge, CounterStore, counters_for, window_at

PREFIX = "staykit:ratelimit:"


class RouteClass(StrEnum):
    """A class of public routes sharing one budget (a setting `rate_limit_<class>`)."""

    SEARCH = "search"
    QUOTE = "quote"
    LISTING = "listing"
    REGISTRATION = "registration"
    LOGIN = "login"
    VERIFICATION = "verification"


# How a 429's message names what there were too many of.
WORDS = {
    RouteClass.SEARCH: "searches",
    RouteClass.QUOTE: "price quotes",
    RouteClass.LISTING: "listing pages",
    RouteClass.REGISTRATION: "sign-ups",
    RouteClass.LOGIN: "sign-in attempts",
    RouteClass.VERIFICATION: "verification codes asked for",
}


class RateLimited(TooManyRequests):
    code = "rateLimited"


def limit_of(settings: Settings, route_class: RouteClass) -> RouteLimit:
    limit: RouteLimit = getattr(settings, f"rate_limit_{route_class.value}")
    return limit


def limit_store(request: Request) -> CounterStore:
    """The process's route-limit counters (made on first use from the settings; closed
    with the app)."""
    state = request.app.state
    store: CounterStore | None = getattr(state, "rate_limit_store", None)
    if store is None:
        store = state.rate_limit_store = counters_for(state.settings.redis_url, prefix=PREFIX)
    return store


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


async def check(request: Request, route_class: RouteClass, user_id: uuid.UUID | None) -> None:
    """Count this request against its IP's and its person's budgets for `route_class`;
    RateLimited (429, taking nothing) when either is used up."""
    settings: Settings = request.app.state.settings
    limit = limit_of(settings, route_class)
    ip = client_ip(request)
    counters: list[tuple[Hashable, int]] = []
    if limit.per_ip and ip:
        counters.append((f"{route_class.value}:ip:{ip}", limit.per_ip))
    if limit.per_user and user_id is not None:
        counters.append((f"{route_class.value}:user:{user_id}", limit.per_user))
    if not counters:
        return
    window = window_at(utcnow(), settings.rate_limit_window_seconds)
    charges = await limit_store(request).take_all(counters, window, 1)
    if charges[0].allowed:
        return
    # The counter that had no room left (the IP's, when both are used up).
    index, spent = next(
        ((i, c) for i, c in enumerate(charges) if c.remaining == 0), (0, charges[0])
    )
    by_person = ":user:" in str(counters[index][0])
    raise _refusal(route_class, window.seconds, spent, by_person=by_person)


def _refusal(
    route_class: RouteClass, seconds: int, spent: Charge, *, by_person: bool
) -> RateLimited:
    whose = "for your account" if by_person else "from your network address"
    span = "a minute" if seconds == 60 else f"per {seconds} seconds"
    exc = RateLimited(
        f"Too many {WORDS[route_class]} {whose}: at most {spent.limit} {span}; "
        f"try again in {spent.resets_in} seconds.",
        retry_after=spent.resets_in,
    )
    exc.headers.update(
        {
            "RateLimit-Limit": str(spent.limit),
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": str(spent.resets_in),
        }
    )
    return exc
