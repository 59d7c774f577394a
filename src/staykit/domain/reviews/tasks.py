"""The reviews' periodic job: publish the reviews whose double-blind window has closed."""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.reviews.publishing import publish_due

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="*/5 * * * *")
@blueprint.task(name="publish_due_reviews", queue="housekeeping", pass_context=False)
async def publish_due_reviews_job(timestamp: int) -> None:
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await publish_due(session)
    (log.info if count else log.debug)("published reviews whose window closed", count=count)
