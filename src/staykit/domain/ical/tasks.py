"""The periodic iCal import: every five minutes, the sources that are due (each is
fetched every `ical_import_interval_minutes`) are fetched and reconciled (imports.poll)."""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.runtime import get_runtime
from staykit.domain.ical.imports import ImportRules, poll

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="*/5 * * * *")
@blueprint.task(name="poll_ical_imports", queue="ical", pass_context=False)
async def poll_ical_imports(timestamp: int) -> None:
    runtime = get_runtime()
    counts = await poll(runtime.sessionmaker, ImportRules.from_settings(runtime.settings))
    (log.info if counts.get("due") else log.debug)("polled iCal imports", **counts)
