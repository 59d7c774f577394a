"""The payment inbox settled in batches (event_batches.py), on the real database with
commits: an event that fails in the middle of a batch rolls back alone and is recorded
failed while the others settle; two events of one payment intent are applied in the
provider's order inside one batch and across two workers' batches; a replayed event (the
same delivery again, or another event of a payment already recorded) changes nothing;
two workers draining together never settle an event twice."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
import stripe
from sqlalchemy import func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.config import Settings
from staykit.core.db import raw_connection
from staykit.domain.booking import lifecycle
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.events.models import DomainEvent
from staykit.domain.payments.callbacks import process_stored_event
from staykit.domain.payments.event_batches import BatchResult, settle_batch
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.models import LedgerEntry, PaymentEvent, ReservationPayment
from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.providers import PaymentSetup, payment_setup, use_provider
from staykit.domain.payments.stripe_provider import StripeProvider, make_client
from staykit.domain.payments.tasks import process_payment_event
from staykit.domain.payments.webhooks import VerifiedEvent, store_event
from tests.api.marketplace.test_reservations_api import book_unpaid
from tests.domain.payments.test_webhooks import intent_event
from tests.factories import make_listing, make_logged_in

Factory = async_sessionmaker[AsyncSession]


@pytest.fixture
async def setup() -> AsyncIterator[PaymentSetup]:
    """Stripe as the provider, never called: processing a stored event needs no network."""
    http = stripe.HTTPXClient()
    client = make_client("sk_test_never_called", http_client=http, api_base="http://127.0.0.1:9")
    provider = StripeProvider(client, FakePayoutSink(), http_client=http)
    with use_provider(provider, webhook_secret="whsec_staykit_batches"):
        yield payment_setup(Settings(env="test"))
    await provider.aclose()


async def unpaid(
    client: httpx.AsyncClient, factory: Factory, count: int
) -> tuple[list[uuid.UUID], int]:
    """`count` unpaid marketplace reservations held for payment, and what each owes (in
    minor units)."""
    async with factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
        made = [await book_unpaid(client, guest, listing, 3 * n) for n in range(count)]
        rids = [uuid.UUID(m["id"]) for m in made]
        charged = (await reservation_balance(db, rids[0])).charged
    return rids, int(charged * 100)


async def store(factory: Factory, *events: dict[str, Any]) -> list[int]:
    """The events stored as the webhook's route stores them, each with its job."""
    async with factory() as db, db.begin():
        seqs = []
        for body in events:
            seq = await store_event(db, VerifiedEvent(body["id"], body["type"], body))
            assert seq is not None
            conn = await raw_connection(db)
            await process_payment_event.configure(connection=conn).defer_async(seq=seq)
            seqs.append(seq)
    return seqs


async def settle(
    factory: Factory, setup: PaymentSetup, *, own: int | None = None, limit: int = 100
) -> BatchResult:
    async with factory() as db, db.begin():
        return await settle_batch(db, setup, own=own, limit=limit)


async def count(db: AsyncSession, stmt: Any) -> int:
    return int(await db.scalar(stmt) or 0)


async def payments_of(db: AsyncSession, rid: uuid.UUID) -> int:
    return await count(
        db,
        select(func.count()).where(
            LedgerEntry.reservation_id == rid, LedgerEntry.kind == "guest_payment"
        ),
    )


async def events_of(db: AsyncSession, type_: str, rid: uuid.UUID) -> int:
    """Domain events of `type_` about the reservation (its own, or its payment's)."""
    about = or_(
        DomainEvent.aggregate_id == rid, DomainEvent.payload["reservationId"].astext == str(rid)
    )
    return await count(db, select(func.count()).where(DomainEvent.type == type_, about))


async def reservation(db: AsyncSession, rid: uuid.UUID) -> Reservation:
    found = await db.scalar(
        select(Reservation).where(Reservation.id == rid).execution_options(populate_existing=True)
    )
    assert found is not None
    return found


async def stored(db: AsyncSession) -> dict[int, PaymentEvent]:
    rows = await db.scalars(select(PaymentEvent).execution_options(populate_existing=True))
    return {e.seq: e for e in rows}


async def add_attempt(db: AsyncSession, rid: uuid.UUID, intent_id: str, minor: int) -> None:
    """The payment attempt staykit's pay call makes (its intent, not decided yet)."""
    res = await reservation(db, rid)
    attempt = ReservationPayment(
        reservation_id=rid,
        attempt=1,
        provider="stripe",
        payment_id=intent_id,
        payment_status="requires_action",
        status_literal="requiresAction",
        amount=Decimal(minor) / 100,
        currency="EUR",
    )
    attempt.owner_id = res.guest_id
    db.add(attempt)
    await db.commit()


async def test_a_failing_event_in_the_middle_of_a_batch_rolls_back_alone(
    committed_client: httpx.AsyncClient,
    committed_factory: Factory,
    setup: PaymentSetup,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rids, minor = await unpaid(committed_client, committed_factory, 3)
    poisoned = rids[1]
    original = lifecycle.payment_received

    async def fails_for_one(session: AsyncSession, res: Reservation, **kw: Any) -> Any:
        if res.id == poisoned:
            # After its ledger row and invoice line are written: a database error, which
            # aborts the transaction unless its SAVEPOINT is rolled back.
            await session.execute(text("SELECT 1 / 0"))
        return await original(session, res, **kw)

    monkeypatch.setattr(lifecycle, "payment_received", fails_for_one)
    seqs = await store(
        committed_factory,
        *(intent_event(rid, intent_id=f"pi_batch_{n}", amount=minor) for n, rid in enumerate(rids)),
    )

    result = await settle(committed_factory, setup, own=seqs[0])

    assert result.settled == {seqs[0]: "succeeded", seqs[2]: "succeeded"}
    assert list(result.failed) == [seqs[1]]
    assert "division by zero" in result.failed[seqs[1]]
    async with committed_factory() as db:
        events = await stored(db)
        assert (events[seqs[1]].processed_at, events[seqs[1]].attempts) == (None, 1)
        assert (events[seqs[1]].last_error or "").startswith("DataError")
        for seq in (seqs[0], seqs[2]):
            assert (events[seq].outcome, events[seq].attempts) == ("succeeded", 0)
        for rid in (rids[0], rids[2]):
            res = await reservation(db, rid)
            assert (res.status, res.payment_confirmation) == ("confirmed", "paid")
            assert await payments_of(db, rid) == 1
            assert await events_of(db, "payment.succeeded", rid) == 1
        # Nothing of the failed one stayed: no ledger row, no invoice line, no event.
        res = await reservation(db, poisoned)
        assert (res.status, res.payment_confirmation) == ("request", "pending")
        assert await payments_of(db, poisoned) == 0
        lines = select(func.count()).where(
            InvoiceItem.reservation_id == poisoned, InvoiceItem.kind == "payment"
        )
        assert await count(db, lines) == 0
        assert await events_of(db, "payment.succeeded", poisoned) == 0
        assert await events_of(db, "reservation.paid", poisoned) == 0

    # A batch does not take a failed event again (its retry does, on its own).
    monkeypatch.setattr(lifecycle, "payment_received", original)
    assert await settle(committed_factory, setup) == BatchResult()
    async with committed_factory() as db, db.begin():
        assert await process_stored_event(db, setup, seqs[1]) == "succeeded"
    async with committed_factory() as db:
        assert (await reservation(db, poisoned)).payment_confirmation == "paid"
        assert await payments_of(db, poisoned) == 1
        assert await events_of(db, "payment.succeeded", poisoned) == 1


async def test_two_events_of_one_intent_in_one_batch_are_applied_in_the_providers_order(
    committed_client: httpx.AsyncClient, committed_factory: Factory, setup: PaymentSetup
) -> None:
    [rid], minor = await unpaid(committed_client, committed_factory, 1)
    async with committed_factory() as db:
        await add_attempt(db, rid, "pi_order", minor)
    declined = intent_event(
        rid,
        intent_id="pi_order",
        amount=minor,
        type_="payment_intent.payment_failed",
        status="requires_payment_method",
    )
    succeeded = intent_event(rid, intent_id="pi_order", amount=minor)
    # The success was created after the decline but is stored first (delivered first).
    declined["created"] = succeeded["created"] - 5
    seqs = await store(committed_factory, succeeded, declined)

    result = await settle(committed_factory, setup)

    assert result.settled == {seqs[1]: "failed", seqs[0]: "succeeded"}
    async with committed_factory() as db:
        attempt = await db.scalar(select(ReservationPayment))
        assert attempt is not None
        # Applied the other way round, the decline would have been the last word.
        assert (attempt.status_literal, attempt.failure_code) == ("succeeded", None)
        res = await reservation(db, rid)
        assert (res.status, res.payment_confirmation) == ("confirmed", "paid")
        assert await events_of(db, "payment.failed", rid) == 1
        assert await events_of(db, "payment.succeeded", rid) == 1
        assert await payments_of(db, rid) == 1


async def test_an_intents_later_event_waits_while_another_workers_batch_holds_the_earlier(
    committed_client: httpx.AsyncClient, committed_factory: Factory, setup: PaymentSetup
) -> None:
    [rid], minor = await unpaid(committed_client, committed_factory, 1)
    async with committed_factory() as db:
        await add_attempt(db, rid, "pi_across", minor)
    declined = intent_event(
        rid,
        intent_id="pi_across",
        amount=minor,
        type_="payment_intent.payment_failed",
        status="requires_payment_method",
    )
    succeeded = intent_event(rid, intent_id="pi_across", amount=minor)
    first, second = await store(committed_factory, declined, succeeded)

    async with committed_factory() as worker_a, worker_a.begin():
        # Worker A's batch has the decline and has not committed yet.
        a = await settle_batch(worker_a, setup, limit=1)
        assert a.settled == {first: "failed"}
        b = await asyncio.wait_for(settle(committed_factory, setup), 30)
        # Worker B leaves the success alone: applied now, the decline would come after.
        assert b == BatchResult(held=[second])
    async with committed_factory() as db:
        assert (await stored(db))[second].processed_at is None

    later = await settle(committed_factory, setup, own=second)

    assert later.settled == {second: "succeeded"}
    async with committed_factory() as db:
        attempt = await db.scalar(select(ReservationPayment))
        assert attempt is not None
        assert attempt.status_literal == "succeeded"
        assert (await reservation(db, rid)).payment_confirmation == "paid"
        assert await events_of(db, "payment.failed", rid) == 1
        assert await events_of(db, "payment.succeeded", rid) == 1


async def test_a_replayed_event_changes_nothing(
    committed_client: httpx.AsyncClient, committed_factory: Factory, setup: PaymentSetup
) -> None:
    [rid], minor = await unpaid(committed_client, committed_factory, 1)
    event = intent_event(rid, intent_id="pi_replay", amount=minor)
    # Stripe may also send another event (another id) about the same success.
    again = intent_event(rid, intent_id="pi_replay", amount=minor)
    seqs = await store(committed_factory, event, again)
    async with committed_factory() as db, db.begin():
        # The same delivery again: nothing stored, so nothing to queue.
        assert await store_event(db, VerifiedEvent(event["id"], event["type"], event)) is None

    result = await settle(committed_factory, setup)
    assert result.settled == {seqs[0]: "succeeded", seqs[1]: "succeeded"}
    async with committed_factory() as db:
        version = (await reservation(db, rid)).record_version
    # Settled events are never taken again, by a batch or on their own.
    assert await settle(committed_factory, setup, own=seqs[0]) == BatchResult()
    async with committed_factory() as db, db.begin():
        assert await process_stored_event(db, setup, seqs[0]) is None

    async with committed_factory() as db:
        assert len(await stored(db)) == 2
        assert await payments_of(db, rid) == 1
        assert await events_of(db, "payment.succeeded", rid) == 1
        assert await events_of(db, "reservation.paid", rid) == 1
        assert (await reservation(db, rid)).record_version == version


async def test_two_workers_draining_together_settle_each_event_once(
    committed_client: httpx.AsyncClient, committed_factory: Factory, setup: PaymentSetup
) -> None:
    rids, minor = await unpaid(committed_client, committed_factory, 12)
    seqs = await store(
        committed_factory,
        *(intent_event(rid, intent_id=f"pi_two_{n}", amount=minor) for n, rid in enumerate(rids)),
    )

    async def drain() -> list[int]:
        settled: list[int] = []
        while True:
            result = await settle(committed_factory, setup, limit=3)
            if not (result.settled or result.held or result.failed):
                return settled
            settled += list(result.settled)

    one, two = await asyncio.wait_for(asyncio.gather(drain(), drain()), 120)

    assert set(one).isdisjoint(two)
    assert sorted(one + two) == seqs
    async with committed_factory() as db:
        events = await stored(db)
        assert {(e.outcome, e.attempts) for e in events.values()} == {("succeeded", 0)}
        for rid in rids:
            res = await reservation(db, rid)
            assert (res.status, res.payment_confirmation) == ("confirmed", "paid")
            assert await payments_of(db, rid) == 1
            assert await events_of(db, "payment.succeeded", rid) == 1
            assert await events_of(db, "reservation.confirmed", rid) == 1
