"""Who calls the Channel API: the `token` header on every call (Beds24's way).

Missing or unknown tokens are 401; a token lacking a route's scope is 403 naming it.
Routes declare scopes with `Security(caller, scopes=[...])`, listed in the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader, SecurityScopes

from staykit.api.deps import DbSession
from staykit.api.security import check_scopes
from staykit.core.errors import Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.partners import credentials

token_header = APIKeyHeader(
    name="token",
    scheme_name="token",
    description="A Channel API token, or a staykit session token.",
    auto_error=False,
)


async def optional_caller(
    request: Request, session: DbSession, token: Annotated[str | None, Depends(token_header)]
) -> Principal | None:
    """The caller, or None when no token (or an unusable one) was sent."""
    if not token:
        return None
    try:
        principal = await credentials.resolve(session, token, surface="channel")
    except Unauthenticated:
        return None
    request.state.principal = principal
    return principal


async def caller(
    required: SecurityScopes,
    principal: Annotated[Principal | None, Depends(optional_caller)],
) -> Principal:
    if principal is None:
        raise Unauthenticated("Send a valid token in the token header.", code="tokenInvalid")
    check_scopes(principal, required)
    return principal


Caller = Annotated[Principal, Security(caller)]
OptionalCaller = Annotated[Principal | None, Depends(optional_caller)]
