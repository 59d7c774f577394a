"""Who calls the MCP endpoint: `Authorization: Bearer <token>` on every HTTP request, the
token being a marketplace login JWT or a platform API key (`stk_ak_...`, made under
/platformadmin-api/v1/apikeys). Anything else, or nothing, is a 401 before any MCP
traffic.

A login JWT acts as its user: each tool call is the route called with the same token, so
the agent has exactly the user's rights. An API key is a partner credential for
businesses, which no marketplace route accepts (they take user sessions): a key reaches
only the tools whose routes answer anonymous callers (search, listings, quotes, public
reviews), called without a token, and its executions are logged as the key's user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import unit_of_work
from staykit.core.errors import Unauthenticated
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.partners import credentials

SURFACE = "mcp"


@dataclass(frozen=True)
class Caller:
    principal: Principal
    token: str

    @property
    def forwards_token(self) -> bool:
        """Whether tool calls carry the caller's token (a login) or none (an API key)."""
        return self.principal.credential is Credential.SESSION


def bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated(
            "Send a login token or an API key as Authorization: Bearer <token>.",
            code="tokenMissing",
        )
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated(
            "The Authorization header must read: Bearer <token>.", code="tokenMalformed"
        )
    return value.strip()


async def authenticate(
    sessionmaker: async_sessionmaker[AsyncSession], authorization: str | None, ip: str | None
) -> Caller:
    """The caller behind the header, or Unauthenticated (401)."""
    token = bearer_token(authorization)
    async with unit_of_work(sessionmaker) as session:
        principal = await credentials.resolve(session, token, surface=SURFACE, ip=ip)
    if principal.credential not in (Credential.SESSION, Credential.API_KEY):
        raise Unauthenticated(
            "The MCP endpoint takes a login token or an API key, not this kind of token.",
            code="credentialNotAccepted",
        )
    if principal.pending_2fa:
        raise Unauthenticated(
            "Complete two-factor verification before connecting an agent.",
            code="twoFactorPending",
        )
    return Caller(principal, token)
