"""Turning a presented credential into a Principal, for every surface.

Today the one credential is the first-party session token (an RS256 JWT backed by a
server-side session); partner credentials (OAuth access tokens, manual tenant tokens,
Channel API tokens, API keys) resolve here too as they arrive, so that every surface
asks one function and gets one kind of answer.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.auth.sessions import authenticate


async def resolve(session: AsyncSession, token: str, *, surface: str) -> Principal:
    """The principal behind `token`, stamped with the surface it came through; raises
    Unauthenticated (401) when the token is unknown, expired or revoked."""
    principal = await authenticate(session, token)
    return principal.via(surface)
