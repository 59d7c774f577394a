"""The process's live resources (settings, engine, session factory), set once at start-up.

Jobs and background work reach the database through this; request handlers get their
session from the app instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.config import Settings


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    database_url: str


_current: Runtime | None = None


def set_runtime(runtime: Runtime | None) -> None:
    global _current
    _current = runtime


def get_runtime() -> Runtime:
    if _current is None:
        raise RuntimeError("staykit runtime is not started")
    return _current


def current_runtime() -> Runtime | None:
    return _current
