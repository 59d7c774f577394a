"""Recording domain events: written in the business transaction, with the job acting on
them deferred on that transaction's own connection, so an event is never lost and never
sent for a rolled-back change.

A batch job that settles many changes in one transaction (the payment inbox's worker)
may collect them instead (`collecting`): the events of every change it records are kept
in memory, in order, and written at the end in one INSERT with their jobs in one
statement (`EventBuffer.write`); the part recorded inside a SAVEPOINT that rolls back is
dropped with it (`mark`, `drop_since`), so the events still match the committed changes.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.db import raw_connection
from staykit.core.ids import uuid7
from staykit.core.json_rows import insert_statements
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.tasks import dispatch


@dataclass(frozen=True)
class Change:
    """One change of one aggregate: the events it raised, in order, sharing one payload."""

    aggregate_type: str
    aggregate_id: uuid.UUID
    business_id: uuid.UUID | None
    types: str | Sequence[str]
    payload: dict[str, Any]


async def record(
    session: AsyncSession,
    principal: Principal | None,
    *,
    aggregate_type: str,
    aggregate_id: uuid.UUID,
    business_id: uuid.UUID | None,
    types: str | Sequence[str],
    payload: dict[str, Any],
    rows: Sequence[Any] = (),
) -> list[DomainEvent]:
    """Write the event (or several, in order, sharing one payload: an instant booking is
    created and confirmed at once) and defer the one job acting on them, all in the
    caller's transaction. `principal` None is the platform itself (a periodic job):
    recorded with no actor and the system credential.

    `rows`: new ORM objects of the change written in the same round trip, before the
    event (core/json_rows.py: never in the session, nothing may read them back through
    it); while `collecting`, they are added to the session instead."""
    change = Change(aggregate_type, aggregate_id, business_id, types, payload)
    return (await record_many(session, principal, [change], rows))[0]


async def record_many(
    session: AsyncSession,
    principal: Principal | None,
    changes: Sequence[Change],
    rows: Sequence[Any] = (),
) -> list[list[DomainEvent]]:
    """`record` for many changes at once (a bulk write): their events in one INSERT and
    their jobs, still one per change, deferred in one statement."""
    written = [_events(principal, change) for change in changes]
    buffer = session.info.get(_BUFFER)
    if isinstance(buffer, EventBuffer):
        session.add_all(rows)
        buffer.events.extend(written)
        return written
    await _write(session, written, rows)
    return written


async def _write(
    session: AsyncSession, written: list[list[DomainEvent]], rows: Sequence[Any] = ()
) -> None:
    """The events in one INSERT and their jobs, one per change (acting on its events in
    order), in one statement: both sent at once (a pipeline), one round trip, after the
    change's own `rows` (one INSERT per table). The rows go as JSON arrays
    (`_INSERT_EVENTS`, json_rows), not through the ORM's unit of work, which cost more
    than the rest of a message's send, and of a payment batch's work."""
    if not written:
        return
    await session.flush()  # what the events may refer to (a business made just now)
    at = utcnow().isoformat()
    event_rows = [
        {
            "id": str(e.id),
            "business_id": None if e.business_id is None else str(e.business_id),
            "aggregate_type": e.aggregate_type,
            "aggregate_id": str(e.aggregate_id),
            "type": e.type,
            "actor_id": None if e.actor_id is None else str(e.actor_id),
            "credential": e.credential,
            "client_id": e.client_id,
            "surface": e.surface,
            "payload": e.payload,
            "occurred_at": at,
        }
        for events in written
        for e in events
    ]
    jobs: list[dict[str, Any]] = [{"event_ids": [str(e.id) for e in events]} for events in written]
    conn = await raw_connection(session)
    async with conn.pipeline():
        for sql, params in insert_statements(rows):
            await conn.execute(sql, params, prepare=True)
        await conn.execute(_INSERT_EVENTS, {"rows": json.dumps(event_rows)}, prepare=True)
        if len(jobs) == 1:
            await dispatch.configure(connection=conn).defer_async(**jobs[0])
        else:
            await dispatch.configure(connection=conn).batch_defer_async(*jobs)


# The events' rows, in their order (their seq follows it), from one JSON array.
_INSERT_EVENTS = """
    INSERT INTO domain_events (id, business_id, aggregate_type, aggregate_id, type,
        actor_id, credential, client_id, surface, payload, occurred_at)
    SELECT (e->>'id')::uuid, (e->>'business_id')::uuid, e->>'aggregate_type',
        (e->>'aggregate_id')::uuid, e->>'type', (e->>'actor_id')::uuid, e->>'credential',
        e->>'client_id', e->>'surface', e->'payload', (e->>'occurred_at')::timestamptz
    FROM jsonb_array_elements(%(rows)s::jsonb) WITH ORDINALITY AS r(e, n)
    ORDER BY n
    """


_BUFFER = "staykit.events.buffer"


@dataclass
class EventBuffer:
    """The events of the changes recorded while `collecting`, one list per change, in the
    order they were recorded (their uuid7 ids, made at once, keep that order)."""

    events: list[list[DomainEvent]] = field(default_factory=list)

    def mark(self) -> int:
        """Where the buffer is now (before a SAVEPOINT)."""
        return len(self.events)

    def drop_since(self, mark: int) -> None:
        """Forget what was recorded after `mark` (its SAVEPOINT was rolled back)."""
        del self.events[mark:]

    async def write(self, session: AsyncSession) -> None:
        """Write the events collected so far in one INSERT, and their jobs (one per change,
        as `record_many` defers them) in one statement, in the session's transaction."""
        written, self.events = self.events, []
        await _write(session, written)


@asynccontextmanager
async def collecting(session: AsyncSession) -> AsyncIterator[EventBuffer]:
    """Record the session's events into a buffer for the block (see the module); the
    caller writes it (`EventBuffer.write`) before the block ends, or its events are lost
    with the transaction it rolls back."""
    buffer = EventBuffer()
    session.info[_BUFFER] = buffer
    try:
        yield buffer
    finally:
        session.info.pop(_BUFFER, None)


def _events(principal: Principal | None, change: Change) -> list[DomainEvent]:
    names = [change.types] if isinstance(change.types, str) else list(change.types)
    credential = Credential.SYSTEM if principal is None else principal.credential
    return [
        DomainEvent(
            id=uuid7(),  # known before the flush: the job can be deferred meanwhile
            business_id=change.business_id,
            aggregate_type=change.aggregate_type,
            aggregate_id=change.aggregate_id,
            type=name,
            actor_id=None if principal is None else principal.user_id,
            credential=credential.value,
            client_id=None if principal is None else principal.client_id,
            surface=(principal.surface or None) if principal is not None else None,
            payload=change.payload,
        )
        for name in names
    ]
