"""A per-process cache of checked sessions, so most authenticated requests skip the
session query.

Correctness comes before speed:
- The cache is used only while this process LISTENs on PostgreSQL channel `staykit_auth`.
  A trigger NOTIFYs there whenever a row of `users` or `auth_sessions` changes (any
  code, any process, even hand-written SQL), and NOTIFY is delivered only after commit.
  When the listening connection drops, the cache is emptied and bypassed until it is back.
- Changes made in this process evict at flush time (an ORM event), so a logout is
  effective before its response is sent.
- Entries also expire after STAYKIT_SESSION_CACHE_SECONDS (0 turns the cache off).

Other caches of credentials (the partner token cache, domain/partners/token_cache.py)
`follow` this one: they share its listener, its TTL and its on/off state, and hear every
notification: `u:<user id>` evicts the user's entries in them too, and kinds this module
does not know (`g:<grant id>`, `t:<partner secret id>`) go to them alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

import psycopg
import structlog
from sqlalchemy import event
from sqlalchemy.orm import Session

from staykit.core.db import libpq_url
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import AuthSession, User

log = structlog.get_logger(__name__)
CHANNEL = "staykit_auth"
MAX_ENTRIES = 100_000


@dataclass
class _Entry:
    actor: Principal
    until: float
    expires_at: float  # the session's own end (epoch seconds)


class Follower(Protocol):
    """A cache that lives and dies with this one (see the module doc)."""

    def evict(self, ident: uuid.UUID) -> None: ...

    def clear(self) -> None: ...


class SessionCache:
    def __init__(self) -> None:
        self.ttl = 0.0
        self.listening = False
        self._entries: dict[uuid.UUID, _Entry] = {}
        self._by_user: dict[uuid.UUID, set[uuid.UUID]] = {}
        self._followers: list[Follower] = []

    def follow(self, follower: Follower) -> None:
        self._followers.append(follower)

    @property
    def enabled(self) -> bool:
        return self.ttl > 0 and self.listening

    def get(self, session_id: uuid.UUID, user_id: uuid.UUID, now_epoch: float) -> Principal | None:
        if not self.enabled:
            return None
        entry = self._entries.get(session_id)
        if entry is None:
            return None
        if (
            entry.until < time.monotonic()
            or entry.expires_at <= now_epoch
            or entry.actor.user_id != user_id
        ):
            self.evict_session(session_id)
            return None
        return entry.actor

    def put(self, actor: Principal, expires_at: float) -> None:
        if not self.enabled or actor.session_id is None:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self.clear()
        self._entries[actor.session_id] = _Entry(actor, time.monotonic() + self.ttl, expires_at)
        self._by_user.setdefault(actor.user_id, set()).add(actor.session_id)

    def evict_session(self, session_id: uuid.UUID) -> None:
        entry = self._entries.pop(session_id, None)
        if entry is not None:
            sessions = self._by_user.get(entry.actor.user_id)
            if sessions is not None:
                sessions.discard(session_id)
                if not sessions:
                    del self._by_user[entry.actor.user_id]

    def evict_user(self, user_id: uuid.UUID) -> None:
        for session_id in self._by_user.pop(user_id, set()):
            self._entries.pop(session_id, None)
        for follower in self._followers:
            follower.evict(user_id)

    def clear(self) -> None:
        self._entries.clear()
        self._by_user.clear()
        for follower in self._followers:
            follower.clear()

    def apply(self, payload: str) -> None:
        """A notification: `s:<session id>`, `u:<user id>`, or a follower's kind
        (`g:<grant id>`, `t:<partner secret id>`). Anything unreadable empties every cache:
        never keep what might be stale."""
        kind, _, raw = payload.partition(":")
        try:
            ident = uuid.UUID(raw)
        except ValueError:
            self.clear()
            return
        if kind == "s":
            self.evict_session(ident)
        elif kind == "u":
            self.evict_user(ident)
        elif kind in ("g", "t"):
            for follower in self._followers:
                follower.evict(ident)
        else:
            self.clear()

    def __len__(self) -> int:
        return len(self._entries)


session_cache = SessionCache()


@event.listens_for(Session, "after_flush")
def _evict_flushed(session: Session, _flush_context: Any) -> None:
    """Evict users and sessions this process changes, as soon as the change is flushed."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuthSession):
            session_cache.evict_session(obj.id)
        elif isinstance(obj, User):
            session_cache.evict_user(obj.id)


async def listen(database_url: str, cache: SessionCache = session_cache) -> None:
    """Keep a LISTEN connection open for the life of the process; reconnect on failure."""
    delay = 0.5
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                libpq_url(database_url), autocommit=True
            ) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                cache.clear()
                cache.listening = True
                delay = 0.5
                async for note in conn.notifies():
                    cache.apply(note.payload)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database went away: bypass the cache until it is back
            log.warning("session cache listener lost its connection", error=str(exc))
        finally:
            cache.listening = False
            cache.clear()
        await asyncio.sleep(delay)
        delay = min(delay * 2, 10.0)


@contextlib.asynccontextmanager
async def listener(
    database_url: str, ttl_seconds: float, cache: SessionCache = session_cache
) -> Any:
    """Run the listener for the duration of the block (the app's lifespan)."""
    cache.ttl = ttl_seconds
    if ttl_seconds <= 0:
        yield cache
        return
    task = asyncio.create_task(listen(database_url, cache))
    for _ in range(200):  # wait up to ~2 s for LISTEN; the cache is bypassed until then
        if cache.listening:
            break
        await asyncio.sleep(0.01)
    try:
        yield cache
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        cache.listening = False
        cache.clear()
