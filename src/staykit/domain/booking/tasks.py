"""Periodic jobs of the booking engine: expire unanswered requests, complete finished
stays. (Reservation events are acted on by the events dispatcher; the booking mails are
its consumer in mails.py.)"""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.booking.lifecycle import complete_stays, expire_requests

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="*/5 * * * *")
@blueprint.task(name="expire_requests", queue="housekeeping", pass_context=False)
async def expire_requests_job(timestamp: int) -> None:
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await expire_requests(session)
    (log.info if count else log.debug)("expired booking requests", count=count)


@blueprint.periodic(cron="*/15 * * * *")
@blueprint.task(name="complete_stays", queue="housekeeping", pass_context=False)
async def complete_stays_job(timestamp: int) -> None:
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await complete_stays(session)
    (log.info if count else log.debug)("completed stays", count=count)
