"""The admin API for OAuth clients: register (the secret shown once), list, retire.

An admin signed in to staykit (a marketplace session token, `Authorization: Bearer`)
manages clients here; `staykit client create` does the same from the command line.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from staykit.api.deps import DbSession
from staykit.core.errors import Forbidden, Unauthenticated
from staykit.core.schemas import Input
from staykit.domain.access.principal import Principal
from staykit.domain.partners import clients, credentials
from staykit.domain.partners.models import OAuthClient
from staykit.domain.partners.secrets import looks_like_partner_value

router = APIRouter(prefix="/clients", tags=["clients"])
bearer = HTTPBearer(auto_error=False, description="An admin's staykit session token.")


class NewClient(Input):
    name: str = Field(min_length=1, max_length=200)
    redirect_uris: list[str] = Field(min_length=1, max_length=20)
    scopes: list[str] = Field(min_length=1, max_length=100)


class ClientOut(BaseModel):
    clientId: str
    name: str
    redirectUris: list[str]
    scopes: list[str]
    createdAt: datetime


class RegisteredClient(ClientOut):
    clientSecret: str = Field(description="Shown once; staykit keeps only its hash.")


def _out(row: OAuthClient) -> dict[str, object]:
    return {
        "clientId": row.client_id,
        "name": row.name,
        "redirectUris": list(row.redirect_uris),
        "scopes": list(row.scopes),
        "createdAt": row.created_at,
    }


async def admin(
    request: Request,
    session: DbSession,
    auth: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal:
    if auth is None:
        raise Unauthenticated("Send an admin's session token as Authorization: Bearer <token>.")
    if looks_like_partner_value(auth.credentials):
        raise Forbidden("Partner tokens cannot manage clients.", code="adminRequired")
    principal = await credentials.resolve(session, auth.credentials, surface="connect")
    request.state.principal = principal
    clients.require_admin(principal)
    return principal


Admin = Annotated[Principal, Depends(admin)]


@router.post("", status_code=201, response_model=RegisteredClient, summary="registerClient")
async def register(body: NewClient, principal: Admin, session: DbSession) -> RegisteredClient:
    """Register a client; the answer holds its secret, shown this once."""
    row, secret = await clients.create_client(
        session,
        name=body.name,
        redirect_uris=body.redirect_uris,
        scopes=body.scopes,
        created_by=principal.user_id,
    )
    return RegisteredClient(**_out(row), clientSecret=secret)


@router.get("", response_model=list[ClientOut], summary="listClients")
async def list_all(principal: Admin, session: DbSession) -> list[ClientOut]:
    return [ClientOut(**_out(row)) for row in await clients.list_clients(session)]


@router.delete("/{clientId}", status_code=204, summary="retireClient")
async def retire(
    clientId: Annotated[str, Path(max_length=64)], principal: Admin, session: DbSession
) -> None:
    """The client can no longer get tokens, and every grant it holds ends now."""
    await clients.retire_client(session, principal, clientId)
