"""Jobs of the payments flow: process a stored webhook event (deferred by the webhook's
route in the transaction that stored it; callbacks.py), and the periodic ones: expire
unpaid holds (every minute: a hold is minutes long), settle the money of stays that ended
(payouts, late refunds), refresh payments the provider has not decided yet
(settlement.py says what each does), and sweep webhook events still waiting."""

from __future__ import annotations

import procrastinate
import structlog
from sqlalchemy import update

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.payments.callbacks import process_stored_event, waiting_events
from staykit.domain.payments.models import PaymentEvent
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


# A refund event can arrive before its payment's (Stripe does not order events): retried
# with backoff, about 17 minutes in all; after that, the sweep below tries every minute.
WEBHOOK_RETRY = procrastinate.RetryStrategy(max_attempts=10, exponential_wait=1)
# An event waiting this long has had its job's own attempts: the sweep takes it.
SWEEP_AFTER_SECONDS = 120


async def _process(seq: int) -> str | None:
    runtime = get_runtime()
    setup = payment_setup(runtime.settings)
    try:
        async with unit_of_work(runtime.sessionmaker) as session:
            return await process_stored_event(session, setup, seq)
    except Exception as exc:
        # Rolled back; say why on the event (type and message: no payload, no secret).
        async with unit_of_work(runtime.sessionmaker) as session:
            await session.execute(
                update(PaymentEvent)
                .where(PaymentEvent.seq == seq)
                .values(
                    attempts=PaymentEvent.attempts + 1,
                    last_error=f"{type(exc).__name__}: {exc}"[:500],
                )
            )
        raise


@blueprint.task(
    name="process_payment_event", queue="payments", retry=WEBHOOK_RETRY, pass_context=False
)
async def process_payment_event(seq: int) -> None:
    """Process one stored webhook event (nothing if it was processed already)."""
    outcome = await _process(seq)
    log.debug("payment event processed", seq=seq, outcome=outcome)


@blueprint.periodic(cron="* * * * *")
@blueprint.task(name="sweep_payment_events", queue="payments", pass_context=False)
async def sweep_payment_events_job(timestamp: int) -> None:
    """Events whose job gave up (or never ran): processed again, each on its own."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        waiting = await waiting_events(session, older_than_seconds=SWEEP_AFTER_SECONDS, limit=500)
    failed = 0
    for seq in waiting:
        try:
            await _process(seq)
        except Exception:
            failed += 1
            log.warning("payment event still not processed", seq=seq, exc_info=True)
    if waiting:
        log.info("swept payment events", count=len(waiting), failed=failed)
