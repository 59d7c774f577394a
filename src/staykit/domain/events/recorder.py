"""Recording domain events: written in the business transaction, with the job acting on
them deferred on that transaction's own connection, so an event is never lost and never
sent for a rolled-back change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import raw_connection
from staykit.core.ids import uuid7
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
) -> list[DomainEvent]:
    """Write the event (or several, in order, sharing one payload: an instant booking is
    created and confirmed at once) and defer the one job acting on them, all in the
    caller's transaction. `principal` None is the platform itself (a periodic job):
    recorded with no actor and the system credential."""
    change = Change(aggregate_type, aggregate_id, business_id, types, payload)
    return (await record_many(session, principal, [change]))[0]


async def record_many(
    session: AsyncSession, principal: Principal | None, changes: Sequence[Change]
) -> list[list[DomainEvent]]:
    """`record` for many changes at once (a bulk write): their events in one INSERT and
    their jobs, still one per change, deferred in one statement."""
    written = [_events(principal, change) for change in changes]
    session.add_all([event for events in written for event in events])
    conn = await raw_connection(session)
    # One job for the events of one change, acting on them in order.
    jobs: list[dict[str, Any]] = [{"event_ids": [str(e.id) for e in events]} for events in written]
    if len(jobs) == 1:
        await dispatch.configure(connection=conn).defer_async(**jobs[0])
    elif jobs:
        await dispatch.configure(connection=conn).batch_defer_async(*jobs)
    await session.flush()
    return written


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
