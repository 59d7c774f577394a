"""Who calls the Channel API and what it pays: the `token` header on every call (Beds24's
way), checked against its IP whitelist, and the call's credits.

Missing or unknown tokens are 401; a token lacking a route's scope is 403 naming it.
Routes declare scopes with `Security(caller, scopes=[...])`, listed in the OpenAPI document.
Every call with a usable token is charged to its business's credit budget before the
route runs (`caller` does it); routes without one (the invite exchange, refreshing)
charge the business the code or refresh token belongs to through their `Meter`. What was
charged is left in `request.state.credit` for the headers (`api.channel.credits`).
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, SecurityScopes

from staykit.api.deps import DbSession
from staykit.api.security import check_scopes
from staykit.core.config import Settings
from staykit.core.errors import TooManyRequests, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.partners import credentials, credits

token_header = APIKeyHeader(
    name="token",
    scheme_name="token",
    description="A Channel API token (from a refresh token, or a long-life token), or a "
    "staykit session token.",
    auto_error=False,
)


def client_ip(request: Request) -> str | None:
    """The caller's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return request.client.host if request.client else None


async def optional_caller(
    request: Request, session: DbSession, token: Annotated[str | None, Depends(token_header)]
) -> Principal | None:
    """The caller, or None when no token (or an unusable one) was sent."""
    if not token:
        return None
    try:
        principal = await credentials.resolve(
            session, token, surface="channel", ip=client_ip(request)
        )
    except Unauthenticated:
        return None
    request.state.principal = principal
    return principal


OptionalCaller = Annotated[Principal | None, Depends(optional_caller)]


# --- credits -------------------------------------------------------------------------------


def credit_store(request: Request) -> credits.CreditStore:
    """The process's credit counters (made on first use from the settings)."""
    state = request.app.state
    store: credits.CreditStore | None = getattr(state, "credit_store", None)
    if store is None:
        store = state.credit_store = credits.store_for(state.settings)
    return store


async def _items_in_body(request: Request) -> int:
    """How many items a write carries: a JSON array's length, one for any other body,
    none for an empty one."""
    raw = await request.body()
    if not raw:
        return 0
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return 1
    return len(body) if isinstance(body, list) else 1


def _includes(request: Request) -> int:
    """The `include*` flags a read sets: each widens what it answers."""
    return sum(
        1
        for key, value in request.query_params.multi_items()
        if key.startswith("include") and value.lower() in ("true", "1", "yes")
    )


class Meter:
    """Charges the request's cost to one business, once, before the work is kept."""

    def __init__(self, request: Request, session: DbSession) -> None:
        self.request = request
        self.session = session

    async def cost(self) -> int:
        method = self.request.method
        if method.upper() in credits.READ_METHODS:
            return credits.request_cost(method, includes=_includes(self.request))
        return credits.request_cost(method, items=await _items_in_body(self.request))

    async def charge(self, business_id: uuid.UUID | None) -> None:
        """Take the request's cost from the business's budget; 429 (taking nothing) when it
        would go over, with Retry-After the seconds until the period ends."""
        state = self.request.state
        if business_id is None or getattr(state, "credit", None) is not None:
            return
        settings: Settings = self.request.app.state.settings
        charge = await credits.charge(
            self.session, credit_store(self.request), settings, business_id, await self.cost()
        )
        state.credit = charge
        if not charge.allowed:
            raise TooManyRequests(
                f"The credit limit of {charge.limit} per "
                f"{settings.channel_credit_period_seconds // 60} minutes is used up; it "
                f"resets in {charge.resets_in} seconds.",
                retry_after=charge.resets_in,
                code="creditLimitReached",
            )


async def metered(request: Request, session: DbSession, principal: OptionalCaller) -> Meter:
    """The request's meter; a caller with a usable token is charged at once."""
    meter = Meter(request, session)
    if principal is not None:
        await meter.charge(await credits.business_to_charge(session, principal))
    return meter


Metered = Annotated[Meter, Depends(metered)]


async def caller(
    required: SecurityScopes,
    principal: OptionalCaller,
    _meter: Metered,
) -> Principal:
    if principal is None:
        raise Unauthenticated("Send a valid token in the token header.", code="tokenInvalid")
    check_scopes(principal, required)
    return principal


Caller = Annotated[Principal, Security(caller)]
