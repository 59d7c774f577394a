"""OAuth clients: registered by an admin, secret shown once and stored hashed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.partners.grants import check_scope_names, revoke_grant
from staykit.domain.partners.models import Grant, OAuthClient
from staykit.domain.partners.secrets import Kind, digest, matches, new_value

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


def check_redirect_uri(uri: str, index: int, *, allow_http_loopback: bool = True) -> str:
    """An absolute https URI without a fragment (http only on loopback, for native and
    development clients, as RFC 8252 allows)."""
    field = f"redirectUris[{index}]"
    try:
        parts = urlsplit(uri)
    except ValueError as exc:
        raise InvalidInput(f"{field} is not a URI.", code="uriIsInvalid", field=field) from exc
    if parts.fragment or not parts.netloc or parts.scheme not in ("https", "http"):
        raise InvalidInput(
            f"{field} must be an absolute http(s) URI without a fragment.",
            code="uriIsInvalid",
            field=field,
        )
    if parts.scheme == "http" and not (
        allow_http_loopback and (parts.hostname or "") in LOOPBACK_HOSTS
    ):
        raise InvalidInput(
            f"{field} must use https (http only on localhost).", code="uriIsInsecure", field=field
        )
    if len(uri) > 2000:
        raise InvalidInput(f"{field} is too long.", code="uriIsTooLong", field=field)
    return uri


async def create_client(
    session: AsyncSession,
    *,
    name: str,
    redirect_uris: Sequence[str],
    scopes: Sequence[str],
    created_by: uuid.UUID | None = None,
) -> tuple[OAuthClient, str]:
    """Register a client; returns it and its secret (shown once)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput(
            "A client needs a name (1-200 characters).", code="nameIsInvalid", field="name"
        )
    if not redirect_uris:
        raise InvalidInput(
            "A client needs at least one redirect URI.",
            code="redirectUrisAreEmpty",
            field="redirectUris",
        )
    uris = [check_redirect_uri(u, i) for i, u in enumerate(redirect_uris)]
    names = check_scope_names(scopes)
    secret = new_value(Kind.CLIENT_SECRET)

    client = OAuthClient(
        client_id="stk_client_" + uuid.uuid4().hex[:20],
        secret_hash=digest(secret),
        name=name,
        redirect_uris=list(dict.fromkeys(uris)),
        scopes=names,
        created_by=created_by,
    )
    client.owner_id = created_by
    session.add(client)
    await session.flush()
    return client, secret


async def authenticate_client(
    session: AsyncSession, client_id: str, secret: str
) -> OAuthClient | None:
    """The active client whose id and secret these are, or None (constant-time compare)."""
    client: OAuthClient | None = await session.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.is_active)
    )
    if client is None or not matches(secret, client.secret_hash):
        return None
    return client


async def list_clients(session: AsyncSession) -> list[OAuthClient]:
    rows = await session.scalars(
        select(OAuthClient).where(OAuthClient.is_active).order_by(OAuthClient.created_at)
    )
    return list(rows)


def require_admin(principal: Principal) -> None:
    """Clients are registered by an admin, signed in (a partner token never registers one)."""
    if not principal.is_admin:
        raise Forbidden("Only an admin registers OAuth clients.", code="adminRequired")


async def retire_client(session: AsyncSession, principal: Principal, client_id: str) -> None:
    """Retire a client: it can no longer sign in, and every grant it holds ends now."""
    require_admin(principal)
    client: OAuthClient | None = await session.scalar(
        select(OAuthClient).where(OAuthClient.client_id == client_id, OAuthClient.is_active)
    )
    if client is None:
        raise NotFound("No such client.", code="clientNotFound", field="clientId")
    client.is_active = False
    held = await session.scalars(
        select(Grant.id).where(Grant.client_id == client_id, Grant.revoked_at.is_(None))
    )
    for grant_id in list(held):
        await revoke_grant(session, grant_id)
    await session.flush()
