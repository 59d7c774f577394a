"""Keeping and finding the answers given under idempotency keys.

A request with a key goes through three steps, all in the request's own transaction:

1. `claim`: a transaction-scoped advisory lock on (caller, key), taken without waiting.
   Whoever holds it is the one request running under that key; a second one arriving
   meanwhile is told so (the HTTP side answers 409) instead of running the work twice.
   The lock is released when the transaction ends, after its rows became visible.
2. `find`: the answer already stored under the key, if it has not expired. Read after the
   lock, so an answer committed by the request that held it is always seen.
3. `remember`: the answer, written in the same transaction as the work it answers for, so
   a committed reservation always has its stored answer and a rolled-back one never does.

`purge_expired` deletes answers past their day (the periodic job in tasks.py). The unique
constraint on (caller, key) is the last line: two answers under one key cannot exist.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.idempotency.models import IdempotencyKey

# How long an answer is replayed. Clients retry within minutes; a day covers a retry
# after an outage or a deploy, and what is older than that is a new request.
KEPT_FOR = timedelta(hours=24)


@dataclass(frozen=True)
class Caller:
    """Whose keys: the user, by which kind of credential, through which partner client.
    Another caller's identical key is another key."""

    user_id: uuid.UUID
    credential: str
    client_id: str

    @classmethod
    def of(cls, principal: Principal) -> Caller:
        return cls(principal.user_id, principal.credential.value, principal.client_id or "")

    def lock_text(self, key: str) -> str:
        """The text whose hash names the advisory lock of this caller's key."""
        return f"idempotency:{self.user_id}:{self.credential}:{self.client_id}:{key}"


@dataclass(frozen=True)
class Fingerprint:
    """What makes a retry the same request: method, path and body (sha-256, hex)."""

    method: str
    path: str
    body_sha256: str

    @classmethod
    def of(cls, method: str, path: str, body: bytes) -> Fingerprint:
        return cls(method.upper(), path, hashlib.sha256(body).hexdigest())


@dataclass(frozen=True)
class Answer:
    """An answer as it went out: status, the headers worth repeating, the body's bytes."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Stored:
    fingerprint: Fingerprint
    answer: Answer


async def claim(session: AsyncSession, caller: Caller, key: str) -> bool:
    """Take the key's lock until the transaction ends; False when another transaction
    holds it (a request under the same key is running right now). Never waits."""
    taken = await session.scalar(
        text("SELECT pg_try_advisory_xact_lock(hashtextextended(:lock, 0))"),
        {"lock": caller.lock_text(key)},
    )
    return bool(taken)


async def find(session: AsyncSession, caller: Caller, key: str) -> Stored | None:
    """The answer stored under the caller's key, unless it has expired."""
    row = await session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == caller.user_id,
            IdempotencyKey.credential == caller.credential,
            IdempotencyKey.client_id == caller.client_id,
            IdempotencyKey.key == key,
            IdempotencyKey.expires_at > utcnow(),
        )
    )
    if row is None:
        return None
    return Stored(
        fingerprint=Fingerprint(row.method, row.path, row.body_sha256),
        answer=Answer(row.status, dict(row.headers), bytes(row.body)),
    )


async def remember(
    session: AsyncSession, caller: Caller, key: str, fingerprint: Fingerprint, answer: Answer
) -> None:
    """Store the answer under the key for `KEPT_FOR`, in the caller's transaction. An
    expired answer the purge job has not reached yet is replaced; a live one cannot be
    there (the caller holds the lock and found none), and if it were, the unique
    constraint refuses the second."""
    now = utcnow()
    values = {
        "user_id": caller.user_id,
        "credential": caller.credential,
        "client_id": caller.client_id,
        "key": key,
        "method": fingerprint.method,
        "path": fingerprint.path,
        "body_sha256": fingerprint.body_sha256,
        "status": answer.status,
        "headers": answer.headers,
        "body": answer.body,
        "created_at": now,
        "expires_at": now + KEPT_FOR,
    }
    stmt = insert(IdempotencyKey).values(id=uuid7(), **values)
    stmt = stmt.on_conflict_do_update(
        constraint="uq_idempotency_keys_caller_key",
        set_=values,
        where=IdempotencyKey.expires_at <= now,
    )
    result = await session.execute(stmt.returning(IdempotencyKey.id))
    if result.scalar_one_or_none() is None:
        # Only a caller that did not hold the lock could get here.
        raise RuntimeError("a live answer is already stored under this idempotency key")


async def purge_expired(session: AsyncSession) -> int:
    """Delete the answers whose day is over; how many went."""
    result = await session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.expires_at <= utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)
