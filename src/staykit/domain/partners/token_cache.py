"""A per-process cache of resolved partner access tokens, so a warm request does no token
query.

It keeps what `grants.resolve` learnt from the database about a token (keyed by the
value's digest, never the value): the principal, the IP whitelist, the token's own end
and, for idle-limited tokens, its last use. The rules are the session cache's
(domain/auth/session_cache.py), whose listener and settings it shares:
- It is used only while the process LISTENs on `staykit_auth`. Triggers (migration 0009)
  NOTIFY `g:<grant id>` and `t:<secret id>` when a grant or a secret changes, and the
  users trigger `u:<user id>`, from any code or process, after commit.
- Changes made in this process evict at flush time and again at commit (ORM events), so
  a revocation here is effective before its response is sent; a bulk UPDATE or DELETE of
  grants, secrets or users empties the cache (it does not say which rows it touched).
- Entries expire after STAYKIT_SESSION_CACHE_SECONDS, and never outlive the token.
- A resolution that started before an eviction is not cached (a generation counter), so
  a read racing a revocation cannot put the old state back.
What stays per request: the IP whitelist check (the whitelist is cached, not the
decision) and the idle-limited token's use note (touches.note).
"""

from __future__ import annotations

import math
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.auth.session_cache import SessionCache, session_cache
from staykit.domain.partners.models import Grant, Secret

MAX_ENTRIES = 100_000
_EVICT_AT_COMMIT = "partner_token_cache_evict"
_CLEAR_AT_COMMIT = "partner_token_cache_clear"


@dataclass(frozen=True)
class CachedToken:
    principal: Principal
    secret_id: uuid.UUID
    grant_id: uuid.UUID
    whitelist: tuple[str, ...]
    idle_seconds: int | None
    last_used_at: datetime | None
    ends: float  # the token's own end (epoch seconds; inf: none)


@dataclass
class _Entry:
    token: CachedToken
    until: float  # monotonic


class TokenCache:
    def __init__(self, parent: SessionCache = session_cache) -> None:
        self.parent = parent
        self.generation = 0
        self._entries: dict[str, _Entry] = {}
        self._index: dict[uuid.UUID, set[str]] = {}  # secret, grant and user ids -> keys
        parent.follow(self)

    @property
    def enabled(self) -> bool:
        return self.parent.enabled

    def get(self, key: str, now_epoch: float) -> CachedToken | None:
        if not self.enabled:
            return None
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.until < time.monotonic() or entry.token.ends <= now_epoch:
            self._drop(key)
            return None
        return entry.token

    def put(self, key: str, token: CachedToken, *, generation: int) -> None:
        """Cache a resolution that began at `generation`; nothing when anything was evicted
        since (the resolution may have read what was just revoked)."""
        if not self.enabled or generation != self.generation:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self.clear()
            return
        self._entries[key] = _Entry(token, time.monotonic() + self.parent.ttl)
        for ident in (token.secret_id, token.grant_id, token.principal.user_id):
            self._index.setdefault(ident, set()).add(key)

    def evict(self, ident: uuid.UUID) -> None:
        """Every entry of a secret, grant or user id."""
        self.generation += 1
        for key in self._index.pop(ident, set()):
            self._drop(key)

    def clear(self) -> None:
        self.generation += 1
        self._entries.clear()
        self._index.clear()

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is None:
            return
        token = entry.token
        for ident in (token.secret_id, token.grant_id, token.principal.user_id):
            keys = self._index.get(ident)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._index[ident]

    def __len__(self) -> int:
        return len(self._entries)


def ends_at(expires_at: datetime | None) -> float:
    return math.inf if expires_at is None else expires_at.timestamp()


token_cache = TokenCache()

_WATCHED = (Grant, Secret, User)
# Execution option of an UPDATE that only stamps when secrets were last used.
LAST_USE_ONLY = "staykit_last_use_only"


@event.listens_for(Session, "after_flush")
def _evict_flushed(session: Session, _flush_context: Any) -> None:
    """Evict the grants, secrets and users this process changes as soon as the change is
    flushed, and again when it commits (a request may have cached the old state between)."""
    changed = {obj.id for obj in (*session.dirty, *session.deleted) if isinstance(obj, _WATCHED)}
    if not changed:
        return
    for ident in changed:
        token_cache.evict(ident)
    session.info.setdefault(_EVICT_AT_COMMIT, set()).update(changed)


@event.listens_for(Session, "do_orm_execute")
def _clear_on_bulk_change(state: ORMExecuteState) -> None:
    """`update(Grant)...` and the like name no rows: empty the cache, now and at commit."""
    if not (state.is_update or state.is_delete):
        return
    if state.execution_options.get(LAST_USE_ONLY):
        # Last-use stamps change no token's validity; the row triggers' NOTIFY still
        # evicts each stamped secret, here and in every other process.
        return
    mapper = state.bind_mapper
    if mapper is not None and issubclass(mapper.class_, _WATCHED):
        token_cache.clear()
        state.session.info[_CLEAR_AT_COMMIT] = True


@event.listens_for(Session, "after_commit")
def _evict_committed(session: Session) -> None:
    if session.info.pop(_CLEAR_AT_COMMIT, False):
        token_cache.clear()
    for ident in session.info.pop(_EVICT_AT_COMMIT, set()):
        token_cache.evict(ident)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(_CLEAR_AT_COMMIT, None)
    session.info.pop(_EVICT_AT_COMMIT, None)
