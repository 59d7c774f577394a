"""The periodic job that rewrites the tool catalog from the mounted services' documents."""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.agents.service import current_tools, refresh_catalog

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="*/15 * * * *")
@blueprint.task(name="refresh_tool_catalog", queue="housekeeping", pass_context=False)
async def refresh_tool_catalog(timestamp: int) -> None:
    """Every quarter of an hour (and once at start-up, see staykit.app): the catalog is
    what the services offer now. A process with no documents registered leaves it."""
    tools = current_tools()
    if not tools:
        log.warning("tool catalog not refreshed: no service documents registered")
        return
    async with unit_of_work(get_runtime().sessionmaker) as session:
        count = await refresh_catalog(session, tools)
    log.info("tool catalog refreshed", tools=count)
