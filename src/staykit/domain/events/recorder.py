"""Recording domain events: written in the business transaction, with the job acting on
them deferred on that transaction's own connection, so an event is never lost and never
sent for a rolled-back change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import raw_connection
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.tasks import dispatch


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
    names = [types] if isinstance(types, str) else list(types)
    credential = Credential.SYSTEM if principal is None else principal.credential
    written = [
        DomainEvent(
            id=uuid7(),  # known before the flush: the job can be deferred meanwhile
            business_id=business_id,
            aggregate_type=aggregate_type,
            aggregate_id=aggregate_id,
            type=name,
            actor_id=None if principal is None else principal.user_id,
            credential=credential.value,
            client_id=None if principal is None else principal.client_id,
            surface=(principal.surface or None) if principal is not None else None,
            payload=payload,
        )
        for name in names
    ]
    session.add_all(written)
    conn = await raw_connection(session)
    # One job for the events of one change, acting on them in order.
    await dispatch.configure(connection=conn).defer_async(event_ids=[str(e.id) for e in written])
    await session.flush()
    return written
