"""Database access: the async engine, sessions, and URL helpers (PostgreSQL only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from staykit.core.config import Settings


def sqlalchemy_url(url: str) -> str:
    """Normalise any postgres URL to the psycopg 3 async dialect."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise ValueError("staykit needs a PostgreSQL URL (postgresql://...)")


def libpq_url(url: str) -> str:
    """The same URL in libpq form, for psycopg and procrastinate."""
    return "postgresql://" + sqlalchemy_url(url)[len("postgresql+psycopg://") :]


@dataclass(frozen=True)
class Databases:
    """Where each kind of connection goes (docs/operations.md, "PgBouncer" and "Read
    replica"): `url` for requests and jobs' queries (PostgreSQL, or PgBouncer in front of
    it), `direct` for connections that hold session state for long (LISTEN, procrastinate's
    workers, migrations), `read` for reads that may be a moment stale (None: the primary)."""

    url: str
    direct: str
    read: str | None = None
    pgbouncer: bool = False

    @classmethod
    def of(cls, settings: Settings, url: str) -> Databases:
        """The configured layout around `url`, the database the process was given."""
        return cls(
            url=sqlalchemy_url(url),
            direct=sqlalchemy_url(settings.direct_database_url or url),
            read=sqlalchemy_url(settings.read_database_url) if settings.read_database_url else None,
            pgbouncer=settings.database_pgbouncer,
        )


def create_engine(
    url: str, *, pool_size: int = 10, pgbouncer: bool = False, **kwargs: Any
) -> AsyncEngine:
    """The async engine. `pgbouncer`: never prepare statements on the server (psycopg
    prepares a statement after 5 runs by default; behind PgBouncer's transaction pooling
    the next run may land on a server connection that never saw it)."""
    if pgbouncer:
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "prepare_threshold": None}
    engine = create_async_engine(
        sqlalchemy_url(url),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=False,
        **kwargs,
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _utc(dbapi_conn: Any, _record: Any) -> None:
        # Every session speaks UTC. A plain SET is session state, which transaction
        # pooling would lose, but TimeZone is one of the parameters PgBouncer tracks per
        # client and sets again on whichever server connection the client gets.
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
