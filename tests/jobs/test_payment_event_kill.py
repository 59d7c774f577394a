"""The payment inbox's kill test: a `staykit worker` process is SIGKILLed in the middle of
a batch of stored webhook events (its transaction open, the events claimed), then another
worker finishes. Nothing of the killed batch stays, and every event is processed exactly
once: one payment in the ledger per reservation, one payment.succeeded, each confirmed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import stripe
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.providers import use_provider
from staykit.domain.payments.stripe_provider import StripeProvider, make_client
from staykit.jobs.app import run_worker
from tests.domain.payments.test_event_batches import store, unpaid
from tests.domain.payments.test_webhooks import intent_event
from tests.jobs.webhook_world import count

STAYKIT = str(Path(sys.executable).with_name("staykit"))
ROOT = Path(__file__).resolve().parents[2]
EVENTS = 20
STRIPE_ENV = {
    "STAYKIT_PAYMENT_PROVIDER": "stripe",
    "STAYKIT_STRIPE_API_KEY": "sk_test_never_called",
    "STAYKIT_STRIPE_API_BASE": "http://127.0.0.1:9",
    "STAYKIT_STRIPE_WEBHOOK_SECRET": "whsec_staykit_kill",
}


@pytest.fixture
def stripe_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stripe for this process (the booking, the second worker) as for the killed one."""
    http = stripe.HTTPXClient()
    client = make_client(
        STRIPE_ENV["STAYKIT_STRIPE_API_KEY"], http_client=http, api_base="http://127.0.0.1:9"
    )
    provider = StripeProvider(client, FakePayoutSink(), http_client=http)
    with use_provider(provider, webhook_secret=STRIPE_ENV["STAYKIT_STRIPE_WEBHOOK_SECRET"]):
        yield


def start_worker(database_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        **STRIPE_ENV,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "STAYKIT_DATABASE_URL": database_url,
        "STAYKIT_ENV": "test",
        "STAYKIT_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [STAYKIT, "worker", "--concurrency", "4", "--queue", "payments"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def worker_waiting_for(engine: AsyncEngine, within: float) -> bool:
    """Whether a session other than ours waits for a row lock on reservations (the killed
    worker's batch, its events claimed, locking their reservations)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        # A new transaction each time: pg_stat_activity is read once per transaction. Its
        # query text is cut at 1 kB, before the statement's FOR UPDATE.
        waiting = await count(
            engine,
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE 'SELECT reservations.%' AND pid <> pg_backend_pid()",
        )
        if waiting:
            return True
        await asyncio.sleep(0.1)
    return False


async def test_a_worker_killed_mid_batch_leaves_every_event_to_be_processed_once(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    stripe_settings: None,
) -> None:
    rids, minor = await unpaid(committed_client, committed_factory, EVENTS)
    await store(
        committed_factory,
        *(intent_event(rid, intent_id=f"pi_kill_{n}", amount=minor) for n, rid in enumerate(rids)),
    )
    # One reservation's row held here: the worker's batch claims the events and then
    # waits for it, mid-batch, where it is killed.
    async with engine.connect() as holder:
        held = await holder.begin()
        await holder.execute(
            text("SELECT 1 FROM reservations WHERE id = :id FOR UPDATE"), {"id": rids[-1]}
        )
        worker = start_worker(database_url)
        try:
            assert await worker_waiting_for(engine, 180), "the worker never reached its batch"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
        finally:
            if worker.poll() is None:
                worker.kill()
        # Nothing of the killed batch is visible: every event still waits, never attempted.
        assert (
            await count(engine, "SELECT count(*) FROM payment_events WHERE processed_at IS NULL")
            == EVENTS
        )
        assert await count(engine, "SELECT count(*) FROM payment_events WHERE attempts > 0") == 0
        assert (
            await count(engine, "SELECT count(*) FROM ledger_entries WHERE kind = 'guest_payment'")
            == 0
        )
        await held.rollback()

    # The killed worker's jobs stay `doing`; the events' other jobs take them.
    await asyncio.wait_for(run_worker(database_url, wait=False, queues=["payments"]), 180)

    assert (
        await count(
            engine,
            "SELECT count(*) FROM payment_events WHERE processed_at IS NOT NULL "
            "AND outcome = 'succeeded' AND attempts = 0",
        )
        == EVENTS
    )
    ids = ",".join(f"'{rid}'" for rid in rids)
    assert (
        await count(
            engine,
            f"SELECT count(*) FROM reservations WHERE id IN ({ids}) "
            "AND status = 'confirmed' AND payment_confirmation = 'paid'",
        )
        == EVENTS
    )
    per_reservation = (
        "SELECT count(DISTINCT reservation_id) FROM ledger_entries WHERE kind = 'guest_payment'"
    )
    assert await count(engine, per_reservation) == EVENTS
    assert (
        await count(engine, "SELECT count(*) FROM ledger_entries WHERE kind = 'guest_payment'")
        == EVENTS
    )
    assert (
        await count(engine, "SELECT count(*) FROM domain_events WHERE type = 'payment.succeeded'")
        == EVENTS
    )
