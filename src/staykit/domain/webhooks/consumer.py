"""The dispatcher: turns domain events into outbox rows (webhook_deliveries), in the
events dispatch job's own transaction, and defers one drain per target that got rows.
Registered for every event at import (the worker's app imports this module).

Ordering needs care here: two changes of one reservation are two dispatch jobs, which a
worker may run in either order. So when an event of an entity reaches a target, the rows
of that entity's earlier events the target has not got yet (events whose own dispatch has
not run yet) are written first, in the same transaction; their own dispatch then finds
them written (the unique (target, event) key) and writes nothing. Earlier events of the
same entity are committed before later ones are written (the entity's row lock orders
them), so the dispatch of the later one always sees them. Events from before a
subscription existed are not sent to it.
"""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.registry import consumer
from staykit.domain.messaging.models import Message
from staykit.domain.webhooks import beds24, payloads
from staykit.domain.webhooks.events import matches, public_type
from staykit.domain.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from staykit.domain.webhooks.tasks import defer_drain

log = structlog.get_logger(__name__)
HISTORY = 200  # earlier events of one entity looked at for catching up


async def _earlier(session: AsyncSession, event: DomainEvent) -> list[DomainEvent]:
    """The entity's events before this one, oldest first (at most HISTORY)."""
    rows = await session.scalars(
        select(DomainEvent)
        .where(DomainEvent.aggregate_id == event.aggregate_id, DomainEvent.seq < event.seq)
        .order_by(DomainEvent.seq.desc())
        .limit(HISTORY)
    )
    return list(reversed(list(rows)))


async def _last_seqs(
    session: AsyncSession, target_ids: list[uuid.UUID], entity_id: uuid.UUID
) -> dict[uuid.UUID, int]:
    rows = await session.execute(
        select(WebhookDelivery.target_id, func.max(WebhookDelivery.event_seq))
        .where(WebhookDelivery.target_id.in_(target_ids), WebhookDelivery.entity_id == entity_id)
        .group_by(WebhookDelivery.target_id)
    )
    return {target_id: int(seq) for target_id, seq in rows}


async def _extra(session: AsyncSession, event: DomainEvent) -> dict[str, Any]:
    """What a body carries beside the event's payload: a message's text."""
    if event.aggregate_type == "message":
        content = await session.scalar(
            select(Message.content).where(Message.id == event.aggregate_id)
        )
        return {"content": content}
    return {}


def _row(
    event: DomainEvent, target_id: uuid.UUID, body: dict[str, Any], **target: Any
) -> dict[str, Any]:
    now = utcnow()
    return {
        "id": uuid7(),
        "target_id": target_id,
        "business_id": event.business_id,
        "event_id": event.id,
        "event_seq": event.seq,
        "event_type": public_type(event.type) or event.type,
        "entity_type": event.aggregate_type,
        "entity_id": event.aggregate_id,
        "payload": body,
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
        "subscription_id": None,
        "property_webhook_id": None,
        **target,
    }


async def subscription_rows(
    session: AsyncSession,
    event: DomainEvent,
    history: list[DomainEvent],
    subs: list[WebhookSubscription],
    last: dict[uuid.UUID, int],
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    extras: dict[uuid.UUID, dict[str, Any]] = {}
    for sub in subs:
        floor = last.get(sub.id)
        for e in [*history, event]:
            name = public_type(e.type)
            if name is None or (floor is not None and e.seq <= floor):
                continue
            if e.occurred_at < sub.created_at or not matches(sub.event_types, name):
                continue
            if e.id not in extras:
                extras[e.id] = await _extra(session, e)
            body = payloads.subscription_body(e, name, sub.scopes, extras[e.id])
            rows.append(_row(e, sub.id, body, subscription_id=sub.id))
    return rows


@consumer("*")
async def enqueue_deliveries(session: AsyncSession, event: DomainEvent) -> None:
    if event.business_id is None or public_type(event.type) is None:
        return
    name = public_type(event.type) or ""
    subs = [
        s
        for s in await session.scalars(
            select(WebhookSubscription).where(
                WebhookSubscription.business_id == event.business_id,
                WebhookSubscription.is_active,
            )
        )
        if matches(s.event_types, name)
    ]
    hooks = await beds24.hooks_for(session, event)
    if not subs and not hooks:
        return
    history = await _earlier(session, event)
    last = await _last_seqs(
        session, [s.id for s in subs] + [h.id for h in hooks], event.aggregate_id
    )
    rows = await subscription_rows(session, event, history, subs, last)
    rows += await beds24.property_rows(session, event, history, hooks, last, _row)
    if not rows:
        return
    await session.execute(
        insert(WebhookDelivery)
        .values(rows)
        .on_conflict_do_nothing(constraint="uq_webhook_deliveries_target_event")
    )
    for target_id in sorted({r["target_id"] for r in rows}):
        await defer_drain(session, target_id)
    log.debug("webhook deliveries queued", event_type=event.type, deliveries=len(rows))
