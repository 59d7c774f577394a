"""The periodic job that deletes idempotency answers past their day."""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.idempotency.store import purge_expired

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="17 * * * *")
@blueprint.task(name="purge_expired_keys", queue="housekeeping", pass_context=False)
async def purge_expired_keys(timestamp: int) -> None:
    """Hourly: an expired answer is never replayed anyway (`store.find` ignores it), so
    the purge only keeps the table small."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await purge_expired(session)
    log.info("purged expired idempotency keys", count=count)
