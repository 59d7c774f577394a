"""Request plumbing every surface shares: one database transaction per request.

Reads run without a transaction of their own. A GET or HEAD is answered on a connection
in autocommit mode: no BEGIN and no COMMIT round trip, one round trip per statement. Under
PostgreSQL's READ COMMITTED every statement takes its own snapshot anyway, so a read
inside BEGIN ... COMMIT sees nothing an autocommit read would not. A GET that writes (the
marketplace's `relogin`) says so with `dependencies=[WRITES]` and gets a transaction like
any POST. The test suite runs every other GET in a READ ONLY transaction, so a GET that
writes without saying so fails there rather than committing piecemeal in production.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.config import Settings
from staykit.core.errors import DomainError
from staykit.domain.payments.port import PaymentProvider
from staykit.domain.payments.providers import payment_setup

READ_METHODS = frozenset({"GET", "HEAD"})


def mark_writes(request: Request) -> None:
    """Route dependency of a GET that changes data: it gets a real transaction."""
    request.state.writes = True


WRITES = Depends(mark_writes)


def _factory(request: Request) -> async_sessionmaker[AsyncSession]:
    state = request.app.state
    if request.method in READ_METHODS and not getattr(request.state, "writes", False):
        return getattr(state, "read_sessionmaker", None) or state.sessionmaker
    factory: async_sessionmaker[AsyncSession] = state.sessionmaker
    return factory


@asynccontextmanager
async def transaction(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's session: committed when the block succeeds (or when the domain error
    that ends it asks for its work to persist, such as a failed-login record), rolled back
    when it raises."""
    async with _factory(request)() as session:
        await session.begin()
        request.state.db_session = session
        try:
            yield session
        except DomainError as exc:
            if exc.commit:
                await session.commit()
            else:
                await session.rollback()
            raise
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the response is sent."""
    async with transaction(request) as session:
        yield session


DbSession = Annotated[AsyncSession, Depends(db_session, scope="function")]


async def replica_session(request: Request, primary: DbSession) -> AsyncIterator[AsyncSession]:
    """The session for reads that may be a moment stale (a search, a list, a calendar):
    on the read replica when STAYKIT_READ_DATABASE_URL is set, else the request's own
    session. Authentication keeps the primary (`DbSession`): a revoked token must fail at
    once, whatever the replica has replayed. Never for what a client reads back after
    writing it (a booking's own GET, a quote before booking): the replica may lag."""
    factory = getattr(request.app.state, "replica_sessionmaker", None)
    if (
        factory is None
        or request.method not in READ_METHODS
        or getattr(request.state, "writes", False)
    ):
        yield primary
        return
    async with factory() as session:
        yield session


ReplicaSession = Annotated[AsyncSession, Depends(replica_session, scope="function")]


def request_session(request: Request) -> AsyncSession:
    """The session of the request's transaction, for code that wraps a route (the route's
    own dependencies opened it)."""
    session = getattr(request.state, "db_session", None)
    if not isinstance(session, AsyncSession):
        raise RuntimeError("the route has no database session dependency")
    return session


def request_id(request: Request) -> str:
    """The id the shared middleware gave the request (see `api.middleware`)."""
    rid = getattr(request.state, "request_id", None)
    if not isinstance(rid, str):
        # Only when an app runs without the middleware (a probe in a test).
        rid = request.state.request_id = secrets.token_hex(16)
    return rid


def payment_provider(request: Request) -> PaymentProvider:
    """The process's one payment provider (payments.providers.payment_setup, the one the
    marketplace's payment routes and the jobs use: the offline provider keeps its intents
    in memory, so there must be one; tests swap it with providers.use_provider). Raises
    PaymentsNotConfigured when there is none (production without a Stripe key)."""
    return payment_setup(request.app.state.settings).provider


def app_settings(request: Request) -> Settings:
    """The settings of the app serving the request (two apps in one process may differ,
    e.g. their file stores), for routes that take no `Request` of their own."""
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(app_settings)]
