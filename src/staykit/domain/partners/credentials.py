"""Turning a presented credential into a Principal, for every surface.

A value starting with `stk_` is a partner credential (OAuth access token, manual tenant
token, Channel API token, long-life token, API key), resolved through its grant; any
other value is a first-party session token (an RS256 JWT backed by a server-side
session). Every surface asks this one function and gets one kind of answer.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.auth.sessions import authenticate
from staykit.domain.partners import grants
from staykit.domain.partners.secrets import looks_like_partner_value


async def resolve(
    session: AsyncSession, token: str, *, surface: str, ip: str | None = None
) -> Principal:
    """The principal behind `token`, stamped with the surface it came through; raises
    Unauthenticated (401) when the token is unknown, expired, revoked or used from
    outside its IP whitelist."""
    if looks_like_partner_value(token):
        return await grants.resolve(session, token, surface=surface, ip=ip)
    principal = await authenticate(session, token)
    return principal.via(surface)
