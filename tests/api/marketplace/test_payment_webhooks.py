"""The payment flow against a Stripe-compatible server (localstripe, driven through the
real stripe SDK) with its real signed webhooks delivered to
POST /bookingmanagement-api/v1/callbackreservationpayment: a card the bank wants
confirmed (3-D Secure) leaves the booking pending until the webhook confirms it; replayed,
tampered, unsigned, stale and misdirected deliveries are refused or ignored with nothing
written."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import stripe
from aiohttp import web
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.payments.callbacks import process_stored_event
from staykit.domain.payments.ledger import check_balanced, entries_of, reservation_balance
from staykit.domain.payments.models import LedgerEntry, PaymentEvent
from staykit.domain.payments.providers import payment_setup, use_provider
from staykit.domain.payments.stripe_provider import StripeProvider
from tests.api.marketplace.test_reservations_api import book_unpaid
from tests.domain.payments.conftest import API_KEY
from tests.factories import Person, assert_error

SECRET = "whsec_staykit_marketplace_test"
BASE = "/bookingmanagement-api/v1"
CALLBACK = f"{BASE}/callbackreservationpayment"
# A card whose bank asks the guest to authenticate (3-D Secure 2).
THREE_DS_CARD = "4000000000003220"

Deliveries = asyncio.Queue[tuple[bytes, str]]


@pytest.fixture
async def deliveries(localstripe: str) -> AsyncIterator[Deliveries]:
    """localstripe's webhook deliveries to a loopback endpoint: (body, Stripe-Signature)."""
    got: Deliveries = asyncio.Queue()

    async def endpoint(request: web.Request) -> web.Response:
        await got.put((await request.read(), request.headers.get("Stripe-Signature", "")))
        return web.Response(status=200)

    app = web.Application()
    app.router.add_post("/stripe", endpoint)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    async with httpx.AsyncClient() as http:
        r = await http.post(
            f"{localstripe}/_config/webhooks/marketplace-{uuid.uuid4().hex[:8]}",
            json={
                "url": f"http://127.0.0.1:{port}/stripe",
                "secret": SECRET,
                "events": ["payment_intent.succeeded", "payment_intent.payment_failed"],
            },
        )
        assert r.status_code == 200, r.text
    try:
        yield got
    finally:
        await runner.cleanup()


@pytest.fixture
def stripe_payments(stripe_provider: StripeProvider) -> Iterator[StripeProvider]:
    """The payment routes on Stripe (localstripe) with the webhook secret, for the test."""
    with use_provider(stripe_provider, webhook_secret=SECRET):
        yield stripe_provider


async def delivery_of(got: Deliveries, intent_id: str) -> tuple[bytes, str]:
    """localstripe's delivery about this intent (it delivers about a second after)."""
    async with asyncio.timeout(15):
        while True:
            body, header = await got.get()
            if json.loads(body)["data"]["object"]["id"] == intent_id:
                return body, header


async def callback(
    client: httpx.AsyncClient, body: bytes, header: str | None, query: str = ""
) -> httpx.Response:
    headers = {"Content-Type": "application/json"}
    if header is not None:
        headers["Stripe-Signature"] = header
    return await client.post(f"{CALLBACK}{query}", content=body, headers=headers)


async def events_stored(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(PaymentEvent)) or 0)


async def ledger_rows(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(LedgerEntry)) or 0)


async def queued_jobs(db: AsyncSession) -> list[int]:
    """The stored events' processing jobs waiting for a worker: their event numbers."""
    rows = await db.execute(
        text(
            "SELECT (args->>'seq')::bigint FROM procrastinate_jobs "
            "WHERE task_name = 'payments:process_payment_event' AND status = 'todo' ORDER BY id"
        )
    )
    return [int(r[0]) for r in rows]


async def run_queued(db: AsyncSession) -> list[str | None]:
    """What the worker does with each queued job (the job's own function, in the test's
    transaction, which a real worker cannot see: test_payment_inbox.py runs them through
    one). The jobs stay queued here: run again, they find their events processed."""
    setup = payment_setup(Settings(env="test"))
    return [await process_stored_event(db, setup, seq) for seq in await queued_jobs(db)]


async def three_ds_card(localstripe: str) -> str:
    async with httpx.AsyncClient() as http:
        r = await http.post(
            f"{localstripe}/v1/payment_methods",
            auth=(API_KEY, ""),
            data={
                "type": "card",
                "card[number]": THREE_DS_CARD,
                "card[exp_month]": "12",
                "card[exp_year]": "2031",
                "card[cvc]": "123",
            },
        )
    assert r.status_code == 200, r.text
    return str(r.json()["id"])


def resign(body: bytes, change: Any) -> tuple[bytes, str]:
    """The event changed and signed again with the endpoint's secret: what only Stripe (or
    whoever holds the secret) can send."""
    event = json.loads(body)
    change(event)
    new = json.dumps(event).encode()
    return new, stripe.WebhookSignature.generate_signature_header(new.decode(), SECRET)


async def test_a_card_the_bank_wants_confirmed_is_paid_when_the_webhook_says_so(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    localstripe: str,
    stripe_payments: StripeProvider,
    deliveries: Deliveries,
) -> None:
    made = await book_unpaid(client, guest, listing)
    card = await three_ds_card(localstripe)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": card}},
        headers=guest.headers,
    )
    assert r.status_code == 200, r.text
    result, res = r.json()["paymentResult"], r.json()["reservation"]
    assert (result["statusLiteral"], result["success"]) == ("requiresAction", False)
    assert (res["status"], res["paymentConfirmation"]) == ("request", "pending")
    intent_id, secret = result["paymentId"], result["paymentIntentInfo"]["clientSecret"]
    assert intent_id.startswith("pi_") and secret

    # The guest's browser confirms with the bank (Stripe.js, here localstripe's own route).
    async with httpx.AsyncClient() as http:
        auth = await http.post(
            f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate",
            data={"client_secret": secret, "success": "true"},
            auth=(API_KEY, ""),
        )
    assert auth.status_code == 200, auth.text
    body, header = await delivery_of(deliveries, intent_id)
    assert json.loads(body)["type"] == "payment_intent.succeeded"

    # Tampered with, it is refused and nothing of it is kept.
    stored = await events_stored(db)
    tampered = body.replace(b'"amount": 22800', b'"amount": 1')
    assert tampered != body
    r = await callback(client, tampered, header)
    assert_error(r, 400, message="errMsg_webhookBadSignature")
    assert SECRET not in r.text and await events_stored(db) == stored

    rows = await ledger_rows(db)
    r = await callback(client, body, header)  # no session: Stripe calls it
    assert r.status_code == 200, r.text
    answer = r.json()
    assert (answer["duplicate"], answer["queued"], answer["action"]) == (False, True, "update")
    assert answer["eventId"] == json.loads(body)["id"]
    assert (answer["reservation"], answer["paymentResult"]) == (None, None)
    # Stored and queued; nothing applied before the worker runs.
    assert len(await queued_jobs(db)) == 1 and await ledger_rows(db) == rows
    res = (await client.get(f"{BASE}/reservations/{made['id']}", headers=guest.headers)).json()
    assert res["reservation"]["paymentConfirmation"] == "pending"

    queued = await queued_jobs(db)
    assert await run_queued(db) == ["succeeded"]
    res = (await client.get(f"{BASE}/reservations/{made['id']}", headers=guest.headers)).json()
    assert (res["reservation"]["status"], res["reservation"]["paymentConfirmation"]) == (
        "confirmed",
        "paid",
    )
    balance = await reservation_balance(db, made["id"])  # type: ignore[arg-type]
    assert check_balanced(balance) == [] and balance.paid == balance.charged

    # Replayed (Stripe's retry, or someone who captured it): processed once.
    rows = await ledger_rows(db)
    again = await callback(client, body, header)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert (again.json()["reservation"], again.json()["queued"]) == (None, False)
    # No new job; the first one, run again, finds its event processed.
    assert await queued_jobs(db) == queued and await run_queued(db) == [None]
    assert await ledger_rows(db) == rows
    assert len(await entries_of(db, made["id"], ["guest_payment"])) == 1  # type: ignore[arg-type]


async def test_a_payment_confirmed_at_once_is_not_recorded_again_by_its_webhook(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    stripe_payments: StripeProvider,
    deliveries: Deliveries,
) -> None:
    made = await book_unpaid(client, guest, listing)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    assert r.json()["paymentResult"]["success"] is True, r.text
    body, header = await delivery_of(deliveries, r.json()["paymentResult"]["paymentId"])
    rows = await ledger_rows(db)
    r = await callback(client, body, header)
    assert r.status_code == 200, r.text
    assert r.json()["queued"] is True
    assert await run_queued(db) == ["succeeded"]
    assert await ledger_rows(db) == rows


async def test_misdirected_unsigned_and_stale_deliveries_change_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    listing: UnitType,
    stripe_payments: StripeProvider,
    deliveries: Deliveries,
) -> None:
    mine = await book_unpaid(client, guest, listing)
    theirs = await book_unpaid(client, other, listing, 10)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{mine['id']}",
        json={"paymentUserParams": {"paymentMethodId": "pm_card_visa"}},
        headers=guest.headers,
    )
    intent_id = r.json()["paymentResult"]["paymentId"]
    body, header = await delivery_of(deliveries, intent_id)
    stored, rows = await events_stored(db), await ledger_rows(db)

    def retarget(event: dict[str, Any]) -> None:
        event["id"] = f"evt_{uuid.uuid4().hex[:20]}"
        event["data"]["object"]["metadata"]["reservation_id"] = theirs["id"]

    # Signed, but this payment is another reservation's than the event says.
    r = await callback(client, *resign(body, retarget))
    assert_error(r, 400, message="errMsg_webhookOtherReservation")
    # The genuine delivery, said to be about another reservation.
    r = await callback(client, body, header, f"?reservationId={theirs['id']}")
    assert_error(r, 400, message="errMsg_webhookOtherReservation")
    # Unsigned, forged, stale.
    assert_error(await callback(client, body, None), 400, message="errMsg_webhookUnsigned")
    forged = stripe.WebhookSignature.generate_signature_header(body.decode(), "whsec_other")
    assert_error(await callback(client, body, forged), 400, message="errMsg_webhookBadSignature")
    old = stripe.WebhookSignature.generate_signature_header(
        body.decode(), SECRET, timestamp=int(time.time()) - 3600
    )
    assert_error(await callback(client, body, old), 400, message="errMsg_webhookStale")
    assert_error(await callback(client, b"not json", None), 400)
    # Signed, of a type staykit acts on, but unreadable: refused before it is stored.
    unreadable = {
        "id": f"evt_{uuid.uuid4().hex[:20]}",
        "type": "charge.refunded",
        "data": {"object": {"id": "ch_1", "currency": "eur", "payment_intent": intent_id}},
    }
    r = await callback(client, *resign(json.dumps(unreadable).encode(), lambda e: None))
    assert_error(r, 400, message="errMsg_webhookMalformed")
    assert (await events_stored(db), await ledger_rows(db)) == (stored, rows)
    assert await queued_jobs(db) == []
    r = await client.get(f"{BASE}/reservations/{theirs['id']}", headers=other.headers)
    assert r.json()["reservation"]["paymentConfirmation"] == "pending"


async def test_without_a_webhook_secret_every_delivery_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, stripe_provider: StripeProvider
) -> None:
    body = json.dumps({"id": "evt_x", "type": "payment_intent.succeeded"}).encode()
    with use_provider(stripe_provider, webhook_secret=None):
        signed = stripe.WebhookSignature.generate_signature_header(body.decode(), SECRET)
        r = await callback(client, body, signed)
    # Not a 2xx: Stripe delivers it again (for days) once the secret is set.
    assert_error(r, 400, message="errMsg_webhookNotConfigured")
    assert await events_stored(db) == 0


async def test_a_refresh_confirms_at_once_without_waiting_for_the_queued_webhook(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    localstripe: str,
    stripe_payments: StripeProvider,
    deliveries: Deliveries,
) -> None:
    made = await book_unpaid(client, guest, listing)
    card = await three_ds_card(localstripe)
    r = await client.patch(
        f"{BASE}/startreservationpayment/{made['id']}",
        json={"paymentUserParams": {"paymentMethodId": card}},
        headers=guest.headers,
    )
    result = r.json()["paymentResult"]
    intent_id, secret = result["paymentId"], result["paymentIntentInfo"]["clientSecret"]
    async with httpx.AsyncClient() as http:
        auth = await http.post(
            f"{localstripe}/v1/payment_intents/{intent_id}/_authenticate",
            data={"client_secret": secret, "success": "true"},
            auth=(API_KEY, ""),
        )
    assert auth.status_code == 200, auth.text
    body, header = await delivery_of(deliveries, intent_id)
    assert (await callback(client, body, header)).json()["queued"] is True

    # The guest's page polls refresh: the provider says succeeded, so it is paid now,
    # with the webhook's job still waiting for a worker.
    assert len(await queued_jobs(db)) == 1
    r = await client.patch(f"{BASE}/refreshreservationpayment/{made['id']}", headers=guest.headers)
    assert r.status_code == 200, r.text
    res = r.json()["reservation"]
    assert (res["status"], res["paymentConfirmation"]) == ("confirmed", "paid")
    rows, version = await ledger_rows(db), res["recordVersion"]

    # The worker then finds it done: nothing new in the ledger, no new version or event.
    assert await run_queued(db) == ["succeeded"]
    assert await ledger_rows(db) == rows
    res = (await client.get(f"{BASE}/reservations/{made['id']}", headers=guest.headers)).json()
    assert res["reservation"]["recordVersion"] == version
    succeeded = await db.scalar(
        select(func.count())
        .select_from(DomainEvent)
        .where(DomainEvent.type == "payment.succeeded")
        .where(DomainEvent.payload["reservationId"].astext == made["id"])
    )
    assert succeeded == 1
