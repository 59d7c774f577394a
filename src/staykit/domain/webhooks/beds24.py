"""Per-property booking webhooks (the Channel API's `properties[].webhooks`, Beds24's).

They fire only for the reservation changes Beds24 names (status, arrival, departure,
room, unit, quantity: `webhook_bodies.beds24_fires` decides from the event's payload and
the previous event's) and carry Beds24's body for the property's payload version (one,
twoNoPersonalData, twoWithPersonalData: `webhook_bodies.beds24_body`), with `retries`
set at send time to the tries before it. The body is taken when the event is
dispatched. Beds24's webhooks have no secret, and neither do these: they carry
`webhook-id` and `webhook-timestamp` (to deduplicate) and the owner's `customHeader`
lines, which is where a receiver puts its own token. Ordering and retries are the
subscriptions' (same outbox); they are never disabled automatically (module delivery).

Version `one` also carries Beds24's first webhooks' URL parameters
(`?bookid=<id>&status=new|modify|cancel`: webhook_bodies.beds24_v1_params), made from
the stored body and event type when the delivery is sent (delivery.url_of). A reservation gone by the time its event is
dispatched sends nothing for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking import webhook_bodies
from staykit.domain.catalog.webhooks import PropertyWebhook
from staykit.domain.events.models import DomainEvent


async def hooks_for(session: AsyncSession, event: DomainEvent) -> list[PropertyWebhook]:
    """The active property webhooks a reservation event may go to."""
    if event.aggregate_type != "reservation" or not isinstance(
        event.payload.get("propertyId"), str
    ):
        return []
    return list(
        await session.scalars(
            select(PropertyWebhook).where(
                PropertyWebhook.property_id == uuid.UUID(event.payload["propertyId"]),
                PropertyWebhook.is_active,
            )
        )
    )


async def property_rows(
    session: AsyncSession,
    event: DomainEvent,
    history: list[DomainEvent],
    hooks: list[PropertyWebhook],
    last: dict[uuid.UUID, int],
    row: Callable[..., dict[str, Any]],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if not hooks:
        return rows
    chain = [*history, event]
    for hook in hooks:
        floor = last.get(hook.id)
        for index, e in enumerate(chain):
            if floor is not None and e.seq <= floor:
                continue
            if e.occurred_at < hook.created_at or e.aggregate_type != "reservation":
                continue
            previous = chain[index - 1].payload if index > 0 else None
            if not webhook_bodies.beds24_fires(previous, e.payload, e.type):
                continue
            body = await webhook_bodies.beds24_body(session, e.aggregate_id, hook.version)
            if body is None:  # the reservation is gone
                continue
            rows.append(row(e, hook.id, body, property_webhook_id=hook.id))
    return rows
