"""The job that acts on the events of one change: every registered consumer, in order."""

from __future__ import annotations

import uuid

import procrastinate
import structlog
from sqlalchemy import select

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.registry import consumers_for

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.task(
    name="dispatch",
    queue="notifications",
    retry=procrastinate.RetryStrategy(max_attempts=8, exponential_wait=2),
    pass_context=False,
)
async def dispatch(event_ids: list[str]) -> None:
    """Act on the events of one change, in the order they were written (one job per
    change). One unit of work for the whole job: what the consumers write (queued
    emails and their delivery jobs) commits together or not at all, so a retry after a
    failure does not send the first consumer's mails twice."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        found = {
            e.id: e
            for e in await session.scalars(
                select(DomainEvent).where(DomainEvent.id.in_([uuid.UUID(i) for i in event_ids]))
            )
        }
        for event_id in event_ids:
            event = found.get(uuid.UUID(event_id))
            if event is None:
                continue
            handlers = consumers_for(event.type)
            for handler in handlers:
                await handler(session, event)
            log.debug("event dispatched", event_type=event.type, consumers=len(handlers))
