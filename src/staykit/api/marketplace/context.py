"""Per-request plumbing for the marketplace API: the database session, the token, the actor."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.deps import DbSession, request_id, transaction
from staykit.core.config import Settings
from staykit.core.errors import DomainError, Unauthenticated
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.sessions import authenticate


def find_token(request: Request, token_name: str) -> str | None:
    """The seed's four token locations, in order: query, bearer, header, cookie."""
    token = request.query_params.get("access_token")
    if token:
        return token
    auth = request.headers.get("authorization")
    if auth:
        scheme, _, value = auth.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    token = request.headers.get(token_name)
    if token:
        return token
    return request.cookies.get(token_name) or None


@dataclass
class Ctx:
    request: Request
    session: AsyncSession
    settings: Settings
    actor: Principal | None
    token: str | None
    request_id: str
    started: float
    sso_ms: int
    auth_error: DomainError | None = None
    extra: dict[str, object] = field(default_factory=dict)

    def user(self) -> Principal:
        """The logged-in actor; 401 with the token's own problem when there is none."""
        if self.actor is None and self.auth_error is not None:
            raise self.auth_error
        return policy.require_login(self.actor)

    @property
    def ip(self) -> str:
        return self.request.client.host if self.request.client else "unknown"


async def context(request: Request) -> AsyncIterator[Ctx]:
    """The request's context, around its one transaction (one dependency, not two: each
    costs a request a few percent)."""
    async with transaction(request) as session:
        yield await _context(request, session)


async def _context(request: Request, session: AsyncSession) -> Ctx:
    settings: Settings = request.app.state.settings
    started = getattr(request.state, "started", None) or time.perf_counter()
    t0 = time.perf_counter()
    token = find_token(request, settings.token_name)
    actor: Principal | None = None
    error: DomainError | None = None
    if token:
        try:
            actor = (await authenticate(session, token)).via("marketplace")
        except Unauthenticated as exc:
            error = exc
    request.state.principal = actor
    request.state.surface = "marketplace"
    return Ctx(
        request=request,
        session=session,
        settings=settings,
        actor=actor,
        token=token,
        request_id=request_id(request),
        started=started,
        sso_ms=int((time.perf_counter() - t0) * 1000),
        auth_error=error,
    )


Context = Annotated[Ctx, Depends(context, scope="function")]

__all__ = ["Context", "Ctx", "DbSession", "context", "find_token"]
