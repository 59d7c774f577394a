"""Jobs of the payments flow: settle stored webhook events in batches (the job the
webhook's route defers in the transaction that stored its event; event_batches.py says
why one job per event, each settling a batch), retry a failed one on its own
(callbacks.py), and the periodic ones: expire unpaid holds (every minute: a hold is
minutes long), settle the money of stays that ended (payouts, late refunds), refresh
payments the provider has not decided yet (settlement.py says what each does), and sweep
webhook events still waiting."""

from __future__ import annotations

import procrastinate
import structlog
from procrastinate.types import JSONDict, TimeDeltaParams
from sqlalchemy import update

from staykit.core.db import raw_connection, unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.payments.callbacks import process_stored_event, waiting_events
from staykit.domain.payments.event_batches import BatchResult, settle_batch
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


# A refund event can arrive before its payment (Stripe does not order events): a failed
# event is retried on its own with backoff, about 17 minutes in all; after that, the sweep
# below tries every minute.
WEBHOOK_RETRY = procrastinate.RetryStrategy(max_attempts=10, exponential_wait=1)
# A failed event's first retry, and a held-back event's follow-up, come this much later.
RETRY_AFTER_SECONDS = 1
# An event waiting this long has had its job's own attempts: the sweep takes it.
SWEEP_AFTER_SECONDS = 120
# The sweep settles at most this many batches of never-attempted events per run.
SWEEP_BATCHES = 50


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


async def _settle_batch(own: int | None) -> BatchResult:
    """One batch (event_batches.py) in one transaction, with what it asks for queued in
    that same transaction: each failed event's retry, and a follow-up for held-back ones."""
    runtime = get_runtime()
    setup = payment_setup(runtime.settings)
    async with unit_of_work(runtime.sessionmaker) as session:
        result = await settle_batch(session, setup, own=own)
        if result.failed or result.held:
            conn = await raw_connection(session)
            later: TimeDeltaParams = {"seconds": RETRY_AFTER_SECONDS}
            retries: list[JSONDict] = [{"seq": seq} for seq in result.failed]
            if retries:
                await retry_payment_event.configure(
                    connection=conn, schedule_in=later
                ).batch_defer_async(*retries)
            if result.held:
                await process_payment_event.configure(
                    connection=conn, schedule_in=later
                ).defer_async(seq=result.held[0])
    return result


@blueprint.task(
    name="process_payment_event", queue="payments", retry=WEBHOOK_RETRY, pass_context=False
)
async def process_payment_event(seq: int) -> None:
    """The job each stored event is deferred with: settle a batch of waiting events, this
    one first (nothing if an earlier batch settled it already)."""
    result = await _settle_batch(seq)
    log.debug(
        "payment events processed",
        seq=seq,
        settled=len(result.settled),
        failed=len(result.failed),
        held=len(result.held),
    )


@blueprint.task(
    name="retry_payment_event", queue="payments", retry=WEBHOOK_RETRY, pass_context=False
)
async def retry_payment_event(seq: int) -> None:
    """An event that failed in a batch, tried again on its own (failing, it is retried
    with backoff; its attempts and last error are recorded on it each time)."""
    outcome = await _process(seq)
    log.debug("payment event retried", seq=seq, outcome=outcome)


@blueprint.periodic(cron="* * * * *")
@blueprint.task(name="sweep_payment_events", queue="payments", pass_context=False)
async def sweep_payment_events_job(timestamp: int) -> None:
    """Events left waiting: those no job reached (a worker killed with its jobs running)
    settled in batches, then those whose retries gave up, each on its own."""
    settled = 0
    for _ in range(SWEEP_BATCHES):
        result = await _settle_batch(None)
        settled += len(result.settled)
        if not result.settled and not result.failed:
            break
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
    if waiting or settled:
        log.info("swept payment events", settled=settled, count=len(waiting), failed=failed)
