"""Channel API routes. Each: the caller (with its scopes), one domain call, a response model."""

from __future__ import annotations

from fastapi import APIRouter, Request

from staykit.api.channel.auth import OptionalCaller
from staykit.api.channel.schemas import Diagnostics, TokenDetails, TokenInfo
from staykit.core.clock import utcnow
from staykit.domain.access.scopes import Scope

router = APIRouter()


@router.get(
    "/authentication/details",
    response_model=TokenDetails,
    response_model_exclude_none=True,
    tags=["Authentication"],
    summary="Get information about a token and diagnostics",
)
async def token_details(request: Request, principal: OptionalCaller) -> TokenDetails:
    """Never a 401: an unusable token is answered with validToken false, as Beds24 does."""
    diagnostics = Diagnostics(requestIp=request.client.host if request.client else "")
    if principal is None:
        return TokenDetails(validToken=False, diagnostics=diagnostics)
    scopes = Scope if principal.scopes is None else principal.scopes
    expires_in = (
        None
        if principal.expires_at is None
        else max(0, int((principal.expires_at - utcnow()).total_seconds()))
    )
    return TokenDetails(
        validToken=True,
        token=TokenInfo(expiresIn=expires_in, scopes=sorted(s.value for s in scopes)),
        diagnostics=diagnostics,
    )
