"""Database access: the async engine, sessions, and URL helpers (PostgreSQL only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def sqlalchemy_url(url: str) -> str:
    """Normalise any postgres URL to the psycopg 3 async dialect."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError("staykit needs a PostgreSQL URL (postgresql://...)")


def libpq_url(url: str) -> str:
    """The same URL in libpq form, for psycopg and procrastinate."""
    return "postgresql://" + sqlalchemy_url(url)[len("postgresql+psycopg://") :]


def create_engine(url: str, *, pool_size: int = 10, **kwargs: Any) -> AsyncEngine:
    engine = create_async_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        **kwargs,
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _utc(dbapi_conn: Any, _record: Any) -> None:  # every session speaks UTC
        with dbapi_conn.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
        dbapi_conn.commit()

    return engine


def make_sessionmaker(
    bind: AsyncEngine | AsyncConnection, **kwargs: Any
) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(bind=bind, expire_on_commit=False, autoflush=False, **kwargs)


@asynccontextmanager
async def unit_of_work(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction: commit when the block succeeds, roll back when it raises."""
    async with factory() as session, session.begin():
        yield session


async def raw_connection(session: AsyncSession) -> Any:
    """The psycopg AsyncConnection under a session's current transaction (for procrastinate)."""
    conn = await session.connection()
    raw = await conn.get_raw_connection()
    return raw.driver_connection
