"""Per-request plumbing for the marketplace API: the database session, the token, the actor."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api import ratelimit
from staykit.api.deps import DbSession, request_id, transaction
from staykit.api.ratelimit import RouteClass
from staykit.core.config import Settings
from staykit.core.errors import DomainError, InvalidInput, Unauthenticated
from staykit.core.schemas import safe_name
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


# --- query parameters: a route accepts those its OpenAPI operation lists ------------------

# Every route takes these (the request id for tracing, the token in its first place).
ALWAYS_ACCEPTED = frozenset({"requestId", "access_token"})
_KNOWN = "_staykit_query_parameters"  # each route's accepted names, worked out once


class UnknownParameter(InvalidInput):
    """A query parameter the route does not take. Named as it was sent (a wire name, as
    in request validation), never renamed from domain words."""

    wire_words = True

    def __init__(self, name: str, route: str, known: frozenset[str]) -> None:
        listed = ", ".join(sorted(known))
        shown = safe_name(name)
        if shown is None:  # a name can be any text: only one that looks like a name is shown
            message = f"The query has a parameter {route} does not take (its name is not shown)"
            shown = "query"
        else:
            message = f"{shown} is not a parameter of {route}"
        super().__init__(f"{message}; known: {listed}.", code=f"{shown}IsNotAllowed", field=shown)
        self.facts = {"known": sorted(known)}


def _query_names(dependant: Dependant) -> Iterator[str]:
    yield from (param.alias for param in dependant.query_params)
    for sub in dependant.dependencies:
        yield from _query_names(sub)


def accepted_parameters(route: APIRoute) -> frozenset[str]:
    """The query parameters `route` takes: its own (FastAPI `Query` parameters, in its
    dependencies too), those its OpenAPI operation lists (`openapi_extra`), and
    ALWAYS_ACCEPTED; empty (nothing checked) for a route whose document lists no 400.
    Worked out on the first request and kept on the route."""
    known: frozenset[str] | None = route.__dict__.get(_KNOWN)
    if known is None:
        names = set(_query_names(route.dependant))
        extra = (route.openapi_extra or {}).get("parameters", ())
        names |= {p["name"] for p in extra if p.get("in") == "query"}
        known = frozenset(names) | ALWAYS_ACCEPTED
        if not ({400, "400"} & set(route.responses)):
            known = frozenset()
        setattr(route, _KNOWN, known)
    return known


def check_query(request: Request) -> None:
    """400 naming the first query parameter the route does not take: a typo or a filter
    the route does not have must not silently widen what it answers."""
    route = request.scope.get("route")
    if not request.scope.get("query_string") or not isinstance(route, APIRoute):
        return
    known = accepted_parameters(route)
    if not known:  # a route that documents no 400 (it reads no input) is not refused one
        return
    for name in request.query_params:
        if name not in known:
            raise UnknownParameter(name, route.summary or route.name, known)


async def context(request: Request) -> AsyncIterator[Ctx]:
    """The request's context, around its one transaction (one dependency, not two: each
    costs a request a few percent). Unknown query parameters are refused first."""
    check_query(request)
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

__all__ = [
    "Context",
    "Ctx",
    "DbSession",
    "UnknownParameter",
    "accepted_parameters",
    "check_query",
    "context",
    "find_token",
]


def limited(route_class: RouteClass) -> Any:
    """Route dependency: count the request against the public-route limits of its class
    (per client IP, and per person when a session token came with it); 429 past them."""

    async def check_limit(ctx: Context) -> None:
        await ratelimit.check(
            ctx.request, route_class, ctx.actor.user_id if ctx.actor is not None else None
        )

    return Depends(check_limit)
