"""Who calls the Cloud API: `Authorization: Bearer <token>` on every call.

Missing or unknown tokens are 401; a valid token lacking a route's scope is 403 naming
the scope. Routes declare scopes with `Security(caller, scopes=[...])`, which also lists
them in the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import OAuth2AuthorizationCodeBearer, SecurityScopes

from staykit.api.deps import DbSession
from staykit.api.security import SCOPE_DESCRIPTIONS, check_scopes
from staykit.core.errors import Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.partners import credentials

bearer = OAuth2AuthorizationCodeBearer(
    authorizationUrl="/connect/authorize",
    tokenUrl="/connect/token",
    refreshUrl="/connect/token",
    scopes=SCOPE_DESCRIPTIONS,
    scheme_name="OAuth2",
    description="An access token from /connect/token, or a staykit session token.",
    auto_error=False,
)


async def caller(
    request: Request,
    required: SecurityScopes,
    session: DbSession,
    token: Annotated[str | None, Depends(bearer)],
) -> Principal:
    if not token:
        raise Unauthenticated(
            "Send the access token as Authorization: Bearer <token>.", code="tokenMissing"
        )
    principal = await credentials.resolve(session, token, surface="cloud")
    request.state.principal = principal
    check_scopes(principal, required)
    return principal


Caller = Annotated[Principal, Security(caller)]
