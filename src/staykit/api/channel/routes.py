"""Channel API routes. Each: the caller (with its scopes), one domain call, a response model.

The /authentication routes exchange an invite code for a refresh token and a token,
refresh tokens, delete them, and describe a token (Beds24 API V2's shapes).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Request

from staykit.api.channel import (
    accounts,
    bookings,
    channels,
    inventory,
    inventory_writes,
    messages,
    properties,
    stripe,
)
from staykit.api.channel.auth import Metered, OptionalCaller, client_ip
from staykit.api.channel.schemas import (
    Deleted,
    Diagnostics,
    RefreshToken,
    Token,
    TokenDetails,
    TokenInfo,
)
from staykit.api.deps import WRITES, DbSession
from staykit.core.clock import utcnow
from staykit.core.errors import Unauthenticated
from staykit.domain.access.scopes import Scope
from staykit.domain.partners import channel

authentication = APIRouter(tags=["Authentication"])


@authentication.get(
    "/authentication/setup",
    response_model=RefreshToken,
    summary="Get a refresh token using an invite code",
    dependencies=[WRITES],
)
async def setup(
    request: Request,
    session: DbSession,
    meter: Metered,
    code: Annotated[str, Header(max_length=400, description="The invite code (single use).")],
    device_name: Annotated[
        str | None,
        Header(alias="deviceName", max_length=200, description="A name for this device."),
    ] = None,
) -> RefreshToken:
    """The invite code is used up; its business pays the call's credit. A bad, used or
    expired code (or one sent from outside its IP whitelist) is a 400 and costs nothing."""
    issued = await channel.setup(session, code, device_name=device_name, ip=client_ip(request))
    await meter.charge(issued.business_id)
    return RefreshToken(
        token=issued.token, expiresIn=issued.expires_in, refreshToken=issued.refresh_token
    )


@authentication.get(
    "/authentication/token",
    response_model=Token,
    summary="Get an authentication token using a refresh token",
    dependencies=[WRITES],
)
async def token(
    request: Request,
    session: DbSession,
    meter: Metered,
    refresh_token: Annotated[
        str, Header(alias="refreshToken", max_length=400, description="The refresh token.")
    ],
) -> Token:
    """A new 24-hour token; the refresh token stays the same and counts as used."""
    issued = await channel.refresh(session, refresh_token, ip=client_ip(request))
    await meter.charge(issued.business_id)
    return Token(token=issued.token, expiresIn=issued.expires_in)


@authentication.delete(
    "/authentication/token",
    response_model=Deleted,
    summary="Delete a refresh token (and its tokens), or the token sent",
)
async def delete_token(
    request: Request,
    session: DbSession,
    meter: Metered,
    principal: OptionalCaller,
    refresh_token: Annotated[
        str | None,
        Header(
            alias="refreshToken",
            max_length=400,
            description="The refresh token to delete, with every token issued from it.",
        ),
    ] = None,
) -> Deleted:
    """With `refreshToken`: that refresh token and every token made from it stop working
    (an unknown one is a 400 and nothing changes). Without it: the `token` sent stops
    working (401 when there is no usable one)."""
    if refresh_token is not None:
        business_id = await channel.business_of_refresh_token(session, refresh_token)
        await channel.delete_refresh_token(session, refresh_token, ip=client_ip(request))
        await meter.charge(business_id)
        return Deleted()
    if principal is None:
        raise Unauthenticated(
            "Send the refresh token to delete in the refreshToken header, or a valid token "
            "in the token header.",
            code="tokenInvalid",
        )
    await channel.delete_token(session, principal)
    return Deleted()


@authentication.get(
    "/authentication/details",
    response_model=TokenDetails,
    response_model_exclude_none=True,
    summary="Get information about a token and diagnostics",
)
async def token_details(
    request: Request, session: DbSession, principal: OptionalCaller, _meter: Metered
) -> TokenDetails:
    """Never a 401: an unusable token is answered with validToken false, as Beds24 does."""
    diagnostics = Diagnostics(requestIp=client_ip(request) or "")
    if principal is None:
        return TokenDetails(validToken=False, diagnostics=diagnostics)
    scopes = Scope if principal.scopes is None else principal.scopes
    expires_in = (
        None
        if principal.expires_at is None
        else max(0, int((principal.expires_at - utcnow()).total_seconds()))
    )
    info: dict[str, Any] = {
        "expiresIn": expires_in,
        "scopes": sorted(s.value for s in scopes),
    }
    facts = await channel.token_facts(session, principal)
    if facts is not None:
        info |= {
            "ownerId": facts.owner_id,
            "created": facts.created_at,
            "deviceName": facts.device_name,
            "linkedProperties": facts.allow_linked,
            "whiteListOnly": bool(facts.ip_whitelist),
            "whiteList": facts.ip_whitelist,
            "longLife": facts.kind == "longlife",
        }
    return TokenDetails(validToken=True, token=TokenInfo(**info), diagnostics=diagnostics)


router = APIRouter()
router.include_router(authentication)
for area in (
    bookings,
    messages,
    properties,
    inventory,
    inventory_writes,
    accounts,
    channels,
    stripe,
):
    router.include_router(area.router)
