"""Request plumbing every surface shares: one database transaction per request."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import DomainError


async def db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request, committed before the response is sent."""
    factory = request.app.state.sessionmaker
    async with factory() as session:
        await session.begin()
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


DbSession = Annotated[AsyncSession, Depends(db_session, scope="function")]


def request_id(request: Request) -> str:
    """The id the shared middleware gave the request (see `api.middleware`)."""
    rid = getattr(request.state, "request_id", None)
    if not isinstance(rid, str):
        # Only when an app runs without the middleware (a probe in a test).
        rid = request.state.request_id = secrets.token_hex(16)
    return rid
