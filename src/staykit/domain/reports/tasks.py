"""The monthly job that writes last month's financial reports."""

from __future__ import annotations

from datetime import UTC, datetime

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.reports.service import generate_previous_month

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="30 2 1 * *")
@blueprint.task(name="monthly_financial_reports", queue="housekeeping", pass_context=False)
async def monthly_financial_reports(timestamp: int) -> None:
    """02:30 UTC on the first of each month: the month before, in each currency the ledger
    used (those an admin already generated are kept). Late ledger rows of the month (a
    webhook arriving after midnight) land in the next month's report, as they are dated."""
    runtime = get_runtime()
    today = datetime.fromtimestamp(timestamp, UTC).date()
    async with unit_of_work(runtime.sessionmaker) as session:
        made = await generate_previous_month(session, today)
    log.info("financial reports generated", count=len(made), periods=[r.period for r in made])
