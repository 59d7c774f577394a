"""OpenID Connect routes: the public signing keys and the signed-in user's claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from staykit.api.connect.schemas import JWKS, UserInfo
from staykit.api.deps import DbSession
from staykit.core.errors import Unauthenticated
from staykit.domain.auth.keys import keyring
from staykit.domain.partners import credentials

connect = APIRouter()
well_known = APIRouter()
bearer = HTTPBearer(auto_error=False, description="An access token.")


@well_known.get("/jwks.json", response_model=JWKS, tags=["discovery"], summary="jwks")
async def jwks(session: DbSession) -> JWKS:
    """The public keys that sign staykit's tokens (RFC 7517); old keys stay listed until
    every token they signed has expired."""
    await keyring.load(session)
    return JWKS(keys=keyring.jwks())


@connect.get("/userinfo", response_model=UserInfo, tags=["oidc"], summary="userinfo")
async def userinfo(
    request: Request,
    session: DbSession,
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> UserInfo:
    if auth is None:
        raise Unauthenticated("Send Authorization: Bearer <token>.", code="invalid_token")
    principal = await credentials.resolve(session, auth.credentials, surface="connect")
    request.state.principal = principal
    return UserInfo(
        sub=str(principal.user_id),
        email=principal.email or None,
        name=principal.fullname or None,
    )
