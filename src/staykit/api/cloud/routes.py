"""Cloud API routes. Each: the caller (with its scopes), one domain call, a response model."""

from __future__ import annotations

from fastapi import APIRouter

from staykit.api.cloud import availability, inventory, rates, reservations, webhooks
from staykit.api.cloud.auth import Caller
from staykit.api.cloud.schemas import Tenant, TokenDetails
from staykit.api.deps import DbSession
from staykit.domain.access.scopes import Scope
from staykit.domain.tenancy import service as tenancy

router = APIRouter()


@router.get(
    "/auth/tokendetails",
    response_model=TokenDetails,
    tags=["auth"],
    summary="The tenants, scopes and expiry of the calling token",
)
async def token_details(principal: Caller, session: DbSession) -> TokenDetails:
    tenants = await tenancy.tenants_of(session, principal)
    scopes = (
        sorted(s.value for s in Scope)
        if principal.scopes is None
        else sorted(s.value for s in principal.scopes)
    )
    return TokenDetails(
        tenants=[Tenant(id=t.id, name=t.name, role=t.role) for t in tenants],
        scopes=scopes,
        credential=principal.credential.value,
        expiresAt=principal.expires_at,
    )


for area in (inventory, availability, rates, reservations, webhooks):
    router.include_router(area.router)
