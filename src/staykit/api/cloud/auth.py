"""Who calls the Cloud API: `Authorization: Bearer <token>` on every call.

Missing or unknown tokens are 401; a valid token lacking a route's scope is 403 naming
the scope. Routes declare scopes with `Security(caller, scopes=[...])` (or
`Security(acting_tenant, scopes=[...])`), which also lists them in the OpenAPI document.
The scope check runs before the route's parameters are read: a token without the scope
gets its 403 even when the parameters are wrong.

The tenant rule (rezStream's): every route but `/auth/tokendetails` acts on one tenant
(business). A token covering one business acts on it; a token covering several must name
one in `X-RezStream-Tenant-ID` on every request, or the request is ambiguous (401). A
tenant the token does not cover is 401 too, whether or not it exists. Routes take the
resolved tenant as the `Tenant` dependency: its id and the principal narrowed to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import Depends, Header, Request, Response, Security
from fastapi.security import OAuth2AuthorizationCodeBearer, SecurityScopes
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.cloud import versions
from staykit.api.deps import DbSession
from staykit.api.security import SCOPE_DESCRIPTIONS, check_scopes
from staykit.core.errors import Forbidden, InvalidInput, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.partners import credentials
from staykit.domain.tenancy import service as tenancy

TENANT_HEADER = "X-RezStream-Tenant-ID"

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
    response: Response,
    required: SecurityScopes,
    session: DbSession,
    token: Annotated[str | None, Depends(bearer)],
    api_version: Annotated[
        str | None,
        Header(
            alias=versions.HEADER,
            description="The API version (YYYY-MM-DD) to answer in; absent: the current "
            f"one. Known: {', '.join(versions.VERSIONS)}.",
            json_schema_extra={"enum": list(versions.VERSIONS)},
        ),
    ] = None,
) -> Principal:
    if not token:
        raise Unauthenticated(
            "Send the access token as Authorization: Bearer <token>.", code="tokenMissing"
        )
    ip = request.client.host if request.client else None
    principal = await credentials.resolve(session, token, surface="cloud", ip=ip)
    request.state.principal = principal
    check_scopes(principal, required)
    # After the scope check, as every parameter: a caller without the scope learns nothing.
    version = versions.pick(api_version)
    request.state.api_version = version
    response.headers[versions.HEADER] = version
    return principal


Caller = Annotated[Principal, Security(caller)]


@dataclass(frozen=True)
class ActingTenant:
    """The business a request acts on, and the caller narrowed to that business."""

    business_id: uuid.UUID
    principal: Principal


async def covered_tenants(session: AsyncSession, principal: Principal) -> frozenset[uuid.UUID]:
    """The businesses a credential covers: a partner token's granted ones (no query), or
    for a session, the businesses its user belongs to."""
    if principal.businesses is not None:
        return principal.businesses
    return frozenset(t.id for t in await tenancy.tenants_of(session, principal))


async def pick_tenant(
    session: AsyncSession, principal: Principal, named: str | None
) -> ActingTenant:
    """The tenant rule (module doc) for one request."""
    covered = await covered_tenants(session, principal)
    if named is not None and named.strip():
        try:
            wanted = uuid.UUID(named.strip())
        except ValueError:
            raise InvalidInput(
                f"{TENANT_HEADER} must be a tenant id (a UUID); "
                "GET /cloudapi/auth/tokendetails lists this token's tenants.",
                code="tenantIdIsInvalid",
                field=TENANT_HEADER,
            ) from None
        if wanted not in covered:
            # Not 404 or 403: whether the business exists is none of this token's business.
            raise Unauthenticated(
                f"This token does not give access to the tenant named in {TENANT_HEADER}; "
                "GET /cloudapi/auth/tokendetails lists its tenants.",
                code="tenantNotCovered",
            )
        business_id = wanted
    elif len(covered) == 1:
        (business_id,) = covered
    elif not covered:
        raise Forbidden("This token gives access to no tenant (business).", code="noTenant")
    else:
        raise Unauthenticated(
            f"This token covers {len(covered)} tenants, so the request is ambiguous: send "
            f"{TENANT_HEADER} naming one of them (GET /cloudapi/auth/tokendetails lists them).",
            code="tenantRequired",
        )
    narrowed = replace(principal, businesses=frozenset({business_id}))
    if principal.businesses is not None:
        # A partner token covers what its grant names, but never more than the user who
        # granted it may read today (a session's tenants come from membership already).
        await tenancy.require_reader(session, narrowed, business_id)
    return ActingTenant(business_id, narrowed)


async def acting_tenant(
    request: Request,
    principal: Annotated[Principal, Security(caller)],
    session: DbSession,
    tenant_id: Annotated[
        str | None,
        Header(
            alias=TENANT_HEADER,
            description="The tenant (business) to act on; required when the token covers "
            "several (GET /auth/tokendetails lists them).",
        ),
    ] = None,
) -> ActingTenant:
    acting = await pick_tenant(session, principal, tenant_id)
    request.state.principal = acting.principal
    return acting


Tenant = Annotated[ActingTenant, Security(acting_tenant)]
