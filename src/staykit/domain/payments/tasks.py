"""Periodic jobs of the payments flow: expire unpaid holds (every minute: a hold is
minutes long), settle the money of stays that ended (payouts, late refunds), and refresh
payments the provider has not decided yet (settlement.py says what each does)."""

from __future__ import annotations

import procrastinate
import structlog

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.payments.providers import payment_setup
from staykit.domain.payments.settlement import (
    expire_unpaid_holds,
    refresh_unsettled,
    settle_ended_stays,
)

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()


@blueprint.periodic(cron="* * * * *")
@blueprint.task(name="expire_unpaid_holds", queue="housekeeping", pass_context=False)
async def expire_unpaid_holds_job(timestamp: int) -> None:
    runtime = get_runtime()
    setup = payment_setup(runtime.settings)
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await expire_unpaid_holds(session, setup)
    (log.info if count else log.debug)("expired unpaid reservations", count=count)


@blueprint.periodic(cron="*/15 * * * *")
@blueprint.task(name="settle_ended_stays", queue="housekeeping", pass_context=False)
async def settle_ended_stays_job(timestamp: int) -> None:
    runtime = get_runtime()
    setup = payment_setup(runtime.settings)
    async with unit_of_work(runtime.sessionmaker) as session:
        done = await settle_ended_stays(session, setup)
    (log.info if done.paid_out or done.refunded or done.failed else log.debug)(
        "settled ended stays",
        paid_out=len(done.paid_out),
        refunded=len(done.refunded),
        failed=len(done.failed),
    )


@blueprint.periodic(cron="*/5 * * * *")
@blueprint.task(name="refresh_unsettled_payments", queue="housekeeping", pass_context=False)
async def refresh_unsettled_job(timestamp: int) -> None:
    runtime = get_runtime()
    setup = payment_setup(runtime.settings)
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await refresh_unsettled(session, setup)
    (log.info if count else log.debug)("refreshed unsettled payments", count=count)
