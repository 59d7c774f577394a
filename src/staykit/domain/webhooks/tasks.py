"""Webhook jobs: the drain of one target, and the sweeper.

`drain_webhooks(target_id)` runs rounds (delivery.drain_round), each its own transaction,
until nothing is due or its time budget is spent (then it defers itself again). The
dispatcher defers it with the queueing lock `webhooks:drain:<target>`, so however many
events arrive, at most one drain per target waits in the queue (a second one may run
while the first does: SKIP LOCKED keeps them apart). When its target still has retries
pending soon, it defers one more drain at that time.

`sweep_webhooks`, every 15 seconds: defers a drain for every active target with a due
delivery (retries, rows a killed worker left), and puts back in the queue the event
dispatch and drain jobs of workers that stopped sending heartbeats (killed), so an event
whose dispatch died with its worker is still turned into deliveries.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta
from typing import Any

import procrastinate
import structlog
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Status
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import urlguard
from staykit.core.clock import utcnow
from staykit.core.db import raw_connection, unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.webhooks import delivery

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()

QUEUE = "webhooks"
ROUNDS_SECONDS = 20.0  # a drain job's time budget before it hands over to a fresh job
SOON = timedelta(seconds=60)  # retries further away are left to the sweeper


def drain_lock(target_id: uuid.UUID | str) -> str:
    return f"webhooks:drain:{target_id}"


@blueprint.task(name="drain_webhooks", queue=QUEUE, pass_context=False)
async def drain_webhooks(target_id: str) -> None:
    runtime = get_runtime()
    settings = runtime.settings
    rules = urlguard.Destinations.from_settings(settings)
    client = delivery.client_for(settings)
    target = uuid.UUID(target_id)
    started = time.monotonic()
    totals = delivery.Round()
    while True:
        async with unit_of_work(runtime.sessionmaker) as session:
            done = await delivery.drain_round(session, settings, target, rules, client)
        totals.claimed += done.claimed
        totals.delivered += done.delivered
        totals.failed += done.failed
        if done.claimed == 0:
            break
        if time.monotonic() - started > ROUNDS_SECONDS:
            async with unit_of_work(runtime.sessionmaker) as session:
                await defer_drain(session, target)
            break
    async with unit_of_work(runtime.sessionmaker) as session:
        due = await delivery.next_due(session, target)
        if due is not None and utcnow() < due <= utcnow() + SOON:
            conn = await raw_connection(session)
            await drain_webhooks.configure(
                connection=conn, schedule_at=due + timedelta(milliseconds=50)
            ).defer_async(target_id=target_id)
    log.debug("webhooks drained", target_id=target_id, **vars(totals))


async def defer_drain(session: AsyncSession, target_id: uuid.UUID) -> bool:
    """Defer a drain of the target in the session's transaction, unless one is already
    waiting (its queueing lock). A savepoint keeps the refused insert from aborting the
    caller's transaction. True when one was deferred."""
    try:
        async with session.begin_nested():
            conn = await raw_connection(session)
            await drain_webhooks.configure(
                connection=conn, queueing_lock=drain_lock(target_id)
            ).defer_async(target_id=str(target_id))
    except AlreadyEnqueued:
        return False
    return True


async def sweep(session: AsyncSession, now: datetime) -> int:
    """Defer a drain for every active target with a due delivery; how many."""
    deferred = 0
    for target_id in await delivery.due_targets(session, now):
        deferred += await defer_drain(session, target_id)
    return deferred


async def recover_stalled(app: Any) -> int:
    """Jobs of workers that stopped sending heartbeats (killed): an event dispatch is
    queued again (its transaction never committed); a drain is closed as failed, since
    the sweep defers a fresh one for its rows (re-queueing it could clash with the drain
    already waiting under its queueing lock)."""
    recovered = 0
    for job in await app.job_manager.get_stalled_jobs(task_name="events:dispatch"):
        await app.job_manager.retry_job(job)
        recovered += 1
    for job in await app.job_manager.get_stalled_jobs(task_name="webhooks:drain_webhooks"):
        await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
        recovered += 1
    return recovered


@blueprint.periodic(cron="* * * * * */15")
@blueprint.task(name="sweep_webhooks", queue=QUEUE, pass_context=True)
async def sweep_webhooks(context: procrastinate.JobContext, timestamp: int) -> None:
    runtime = get_runtime()
    recovered = await recover_stalled(context.app)
    async with unit_of_work(runtime.sessionmaker) as session:
        deferred = await sweep(session, utcnow())
    if deferred or recovered:
        log.info("webhooks swept", drains=deferred, recovered_jobs=recovered)
