"""The payment webhook's inbox end to end, through a real worker: the route answers once
the event is stored and queued (nothing applied yet), the worker confirms the reservation,
a replay queues nothing and changes nothing, a refund made at the provider changes the
reservation like any other change (version, refundAmount, its event), and the payment's
own events (payment.succeeded, payment.refunded) are recorded once per real change. An
event for a reservation staykit does not have is stored, processed, and changes nothing;
a refund event ahead of its payment waits, saying why.

Events are built and signed here with the endpoint's secret, as Stripe builds and signs
them (localstripe's own deliveries are tested in test_payment_webhooks.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
import stripe
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.events.models import DomainEvent
from staykit.domain.payments.ledger import check_balanced, entries_of, reservation_balance
from staykit.domain.payments.models import PaymentEvent
from staykit.domain.payments.providers import use_provider
from staykit.domain.payments.stripe_provider import StripeProvider
from staykit.jobs.app import run_worker
from tests.api.marketplace.test_reservations_api import book_unpaid
from tests.domain.payments.test_webhooks import intent_event
from tests.factories import make_listing, make_logged_in

SECRET = "whsec_staykit_inbox_test"
BASE = "/bookingmanagement-api/v1"
CALLBACK = f"{BASE}/callbackreservationpayment"


@pytest.fixture
def stripe_payments(stripe_provider: StripeProvider) -> Iterator[StripeProvider]:
    with use_provider(stripe_provider, webhook_secret=SECRET):
        yield stripe_provider


def signed(event: dict[str, Any]) -> tuple[bytes, str]:
    body = json.dumps(event).encode()
    return body, stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET)


def refund_event(intent_id: str, refunded_minor: int) -> dict[str, Any]:
    return {
        "id": f"evt_{uuid.uuid4().hex[:20]}",
        "object": "event",
        "type": "charge.refunded",
        "data": {
            "object": {
                "id": f"ch_{intent_id}",
                "object": "charge",
                "amount": refunded_minor,
                "amount_refunded": refunded_minor,
                "currency": "eur",
                "payment_intent": intent_id,
            }
        },
    }


async def deliver(client: httpx.AsyncClient, event: dict[str, Any]) -> dict[str, Any]:
    body, header = signed(event)
    r = await client.post(
        CALLBACK, content=body, headers={"Stripe-Signature": header, "Content-Type": "x"}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def events_of(db: AsyncSession, type_: str, aggregate_id: uuid.UUID) -> list[DomainEvent]:
    return list(
        await db.scalars(
            select(DomainEvent)
            .where(DomainEvent.type == type_, DomainEvent.aggregate_id == aggregate_id)
            .order_by(DomainEvent.id)
        )
    )


async def read(client: httpx.AsyncClient, headers: dict[str, str], rid: str) -> dict[str, Any]:
    r = await client.get(f"{BASE}/reservations/{rid}", headers=headers)
    assert r.status_code == 200, r.text
    return dict(r.json()["reservation"])


async def test_the_worker_applies_stored_events_once_and_provider_refunds_change_the_reservation(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    stripe_payments: StripeProvider,
) -> None:
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
        business_id = listing.business_id
        made = [await book_unpaid(client, guest, listing, first) for first in (0, 10)]
        rids = [uuid.UUID(m["id"]) for m in made]
        charged = (await reservation_balance(db, rids[0])).charged
        minor = int(charged * 100)
        payments = [
            intent_event(rid, intent_id=f"pi_inbox_{n}", amount=minor) for n, rid in enumerate(rids)
        ]
        answers = [await deliver(client, event) for event in payments]
        assert [(a["queued"], a["duplicate"], a["reservation"]) for a in answers] == [
            (True, False, None)
        ] * 2
        # Stored and queued: nothing applied before a worker runs.
        for rid in made:
            assert (await read(client, guest.headers, rid["id"]))["paymentConfirmation"] == (
                "pending"
            )

        await run_worker(database_url, wait=False)

        db.expire_all()
        for rid in made:
            res = await read(client, guest.headers, rid["id"])
            assert (res["status"], res["paymentConfirmation"]) == ("confirmed", "paid")
        stored = (await db.scalars(select(PaymentEvent).order_by(PaymentEvent.seq))).all()
        assert [(e.outcome, e.attempts) for e in stored] == [("succeeded", 0)] * 2
        assert all(e.processed_at is not None for e in stored)
        [payment] = await entries_of(db, rids[0], ["guest_payment"])
        payment_id = payment.id
        [succeeded] = await events_of(db, "payment.succeeded", payment_id)
        assert succeeded.aggregate_type == "payment"
        assert succeeded.business_id == business_id
        assert succeeded.payload == {
            "paymentId": str(payment_id),
            "reservationId": str(rids[0]),
            "amount": f"{charged:.2f}",
            "currency": "EUR",
            "status": "succeeded",
            "version": 1,
        }

        # Replayed: nothing stored, nothing queued; a worker finds nothing to do.
        again = await deliver(client, payments[0])
        assert (again["duplicate"], again["queued"]) == (True, False)
        await run_worker(database_url, wait=False)
        db.expire_all()
        assert len(await entries_of(db, rids[0], ["guest_payment"])) == 1
        assert len(await events_of(db, "payment.succeeded", payment_id)) == 1

        # 50.00 refunded on the provider's dashboard: the reservation changes.
        before = await read(client, guest.headers, made[0]["id"])
        await deliver(client, refund_event("pi_inbox_0", 5000))
        await run_worker(database_url, wait=False)
        db.expire_all()
        after = await read(client, guest.headers, made[0]["id"])
        assert after["version"] == before["version"] + 1
        assert after["recordVersion"] == after["version"]
        assert (before["refundAmount"], after["refundAmount"]) == (None, 50.0)
        assert len(await events_of(db, "reservation.refunded", rids[0])) == 1
        [refunded] = await events_of(db, "payment.refunded", payment_id)
        assert refunded.payload["amount"] == "50.00"
        assert (refunded.payload["status"], refunded.payload["version"]) == ("refunded", 2)
        balance = await reservation_balance(db, rids[0])
        assert (balance.refunded, check_balanced(balance)) == (Decimal("50.00"), [])

        # Another event with the same refunded total (Stripe sends one per change of the
        # charge): nothing new, no new version, no event.
        await deliver(client, refund_event("pi_inbox_0", 5000))
        await run_worker(database_url, wait=False)
        db.expire_all()
        assert (await read(client, guest.headers, made[0]["id"]))["version"] == after["version"]
        assert len(await events_of(db, "reservation.refunded", rids[0])) == 1
        assert len(await events_of(db, "payment.refunded", payment_id)) == 1


async def test_events_the_worker_cannot_apply_change_nothing_and_say_why(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    stripe_payments: StripeProvider,
) -> None:
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        guest = await make_logged_in(client, db)
        listing = await make_listing(db, host)
        made = await book_unpaid(client, guest, listing)
        version = (await read(client, guest.headers, made["id"]))["version"]
        # A payment of a reservation staykit does not have (another installation's, on a
        # shared account), and a refund of a payment not recorded yet.
        await deliver(client, intent_event(uuid.uuid4(), intent_id="pi_elsewhere"))
        early = await deliver(client, refund_event("pi_not_yet", 1000))

        await run_worker(database_url, wait=False)

        db.expire_all()
        stored = {e.event_id: e for e in (await db.scalars(select(PaymentEvent))).all()}
        assert len(stored) == 2
        waiting = stored[early["eventId"]]
        assert (waiting.processed_at, waiting.attempts) == (None, 1)
        assert waiting.last_error is not None
        assert waiting.last_error.startswith("PaymentNotRecordedYet")
        [elsewhere] = [e for e in stored.values() if e is not waiting]
        assert (elsewhere.outcome, elsewhere.processed_at is not None) == (
            "unknownReservation",
            True,
        )
        res = await read(client, guest.headers, made["id"])
        assert (res["paymentConfirmation"], res["version"]) == ("pending", version)
        ledger = await db.scalar(
            select(func.count()).select_from(PaymentEvent).where(PaymentEvent.outcome.is_(None))
        )
        assert ledger == 1
        assert await entries_of(db, uuid.UUID(made["id"]), ["guest_payment", "refund"]) == []
