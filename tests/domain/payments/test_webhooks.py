"""Stripe webhook intake: only signed, fresh, well-formed events are taken; each event is
processed once however often (and however concurrently) it is delivered; the three event
types reach their typed hooks, and the ledger's hooks record the money. A real signed
event from localstripe verifies, and the same event tampered with does not."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
import stripe
from aiohttp import web
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.payments.errors import PaymentNotRecordedYet, WebhookRefused
from staykit.domain.payments.ledger import NewEntry, entries_of, record_entry
from staykit.domain.payments.models import PaymentEvent
from staykit.domain.payments.port import IntentRequest
from staykit.domain.payments.stripe_provider import StripeProvider
from staykit.domain.payments.webhooks import (
    ChargeRefunded,
    IntentEvent,
    WebhookHooks,
    ledger_hooks,
    take_stripe_webhook,
    verify,
)
from tests.domain.payments.conftest import book
from tests.factories import frozen_clock

SECRET = "whsec_staykit_test_secret"
TOLERANCE = 300


def intent_event(
    reservation_id: uuid.UUID | None,
    *,
    event_id: str | None = None,
    type_: str = "payment_intent.succeeded",
    intent_id: str = "pi_test_1",
    amount: int = 30000,
    status: str = "succeeded",
) -> dict[str, Any]:
    return {
        "id": event_id or f"evt_{uuid.uuid4().hex[:20]}",
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "data": {
            "object": {
                "id": intent_id,
                "object": "payment_intent",
                "amount": amount,
                "currency": "eur",
                "status": status,
                "customer": None,
                "payment_method": "pm_1" if status == "succeeded" else None,
                "latest_charge": "ch_1",
                "client_secret": f"{intent_id}_secret_x",
                "last_payment_error": (
                    {"code": "card_declined", "decline_code": "insufficient_funds"}
                    if status != "succeeded"
                    else None
                ),
                "metadata": {"reservation_id": str(reservation_id)} if reservation_id else {},
            }
        },
    }


def signed(
    event: dict[str, Any] | bytes, *, secret: str = SECRET, at: int | None = None
) -> tuple[bytes, str]:
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    header = stripe.WebhookSignature.generate_signature_header(body.decode(), secret, timestamp=at)
    return body, header


class Recorder:
    """Hooks that note what reached them."""

    def __init__(self) -> None:
        self.seen: list[IntentEvent | ChargeRefunded] = []

    async def intent(self, session: AsyncSession, event: IntentEvent) -> None:
        self.seen.append(event)

    async def refund(self, session: AsyncSession, event: ChargeRefunded) -> None:
        self.seen.append(event)

    def hooks(self) -> WebhookHooks:
        return WebhookHooks(self.intent, self.intent, self.refund)


async def take(db: AsyncSession, body: bytes, header: str | None, hooks: WebhookHooks) -> Any:
    return await take_stripe_webhook(
        db, payload=body, signature=header, secret=SECRET, tolerance_seconds=TOLERANCE, hooks=hooks
    )


async def events_stored(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(PaymentEvent)) or 0)


# --- verification ---------------------------------------------------------------------------


async def test_a_signed_event_is_taken_and_reaches_its_typed_hook(db: AsyncSession) -> None:
    r = await book(db)
    recorder = Recorder()
    body, header = signed(intent_event(r.id, event_id="evt_one"))
    outcome = await take(db, body, header, recorder.hooks())
    assert (outcome.event_id, outcome.duplicate, outcome.dispatched) == ("evt_one", False, True)
    [seen] = recorder.seen
    assert isinstance(seen, IntentEvent) and seen.intent.reservation_id == r.id
    assert seen.intent.amount == Decimal("300.00") and seen.intent.currency == "EUR"
    stored = await db.scalar(select(PaymentEvent).where(PaymentEvent.event_id == "evt_one"))
    assert stored is not None and stored.type == "payment_intent.succeeded"
    assert stored.payload["data"]["object"]["id"] == "pi_test_1"


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda body, header: (body.replace(b"30000", b"1"), header), "badSignature"),
        (lambda body, header: (body, None), "unsigned"),
        (lambda body, header: (body, ""), "unsigned"),
        (lambda body, header: (body, "t=1,v1=deadbeef"), "badSignature"),
        (lambda body, header: (body, "garbage"), "badSignature"),
        (lambda body, header: (body, signed(body, secret="whsec_someone_else")[1]), "badSignature"),
        (lambda body, header: (b"\xff\xfe", header), "malformed"),
    ],
)
async def test_unsigned_forged_and_tampered_events_are_refused_and_nothing_is_stored(
    db: AsyncSession, tamper: Any, reason: str
) -> None:
    r = await book(db)
    recorder = Recorder()
    body, header = tamper(*signed(intent_event(r.id)))
    with pytest.raises(WebhookRefused) as caught:
        await take(db, body, header, recorder.hooks())
    assert caught.value.reason == reason and caught.value.status == 400
    assert SECRET not in caught.value.message
    assert recorder.seen == [] and await events_stored(db) == 0


async def test_a_stale_or_future_signature_is_refused_as_such(db: AsyncSession) -> None:
    r = await book(db)
    signed_at = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    body, header = signed(intent_event(r.id), at=int(signed_at.timestamp()))
    for moment, ok in (
        (signed_at + timedelta(seconds=TOLERANCE), True),
        (signed_at + timedelta(seconds=TOLERANCE + 1), False),
        (signed_at - timedelta(seconds=TOLERANCE + 1), False),
    ):
        with frozen_clock(moment):
            if ok:
                verify(body, header, SECRET, TOLERANCE)
            else:
                with pytest.raises(WebhookRefused) as caught:
                    verify(body, header, SECRET, TOLERANCE)
                assert caught.value.reason == "stale" and caught.value.code == "webhookStale"
    with frozen_clock(signed_at + timedelta(hours=1)), pytest.raises(WebhookRefused):
        await take(db, body, header, Recorder().hooks())
    assert await events_stored(db) == 0


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        json.dumps({"id": "evt_x", "type": "payment_intent.succeeded"}).encode(),
        json.dumps({"id": 5, "type": "x", "data": {"object": {}}}).encode(),
        # an intent event without what staykit reads of an intent
        json.dumps(
            {"id": "evt_y", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi"}}}
        ).encode(),
    ],
)
async def test_signed_but_unreadable_events_are_refused(db: AsyncSession, body: bytes) -> None:
    recorder = Recorder()
    with pytest.raises(WebhookRefused) as caught:
        await take(db, *signed(body), recorder.hooks())
    assert caught.value.reason == "malformed" and recorder.seen == []


# --- once -------------------------------------------------------------------------------------


async def test_a_replayed_event_is_processed_once(db: AsyncSession) -> None:
    r = await book(db)
    recorder = Recorder()
    event = intent_event(r.id, event_id="evt_replayed")
    first = await take(db, *signed(event), recorder.hooks())
    # The provider's retry, or an attacker replaying a captured delivery, freshly signed
    # or within the tolerance: nothing happens the second time.
    second = await take(db, *signed(event), recorder.hooks())
    third = await take(db, *signed(event), ledger_hooks())
    assert not first.duplicate and second.duplicate and third.duplicate
    assert not second.dispatched and len(recorder.seen) == 1 and await events_stored(db) == 1
    assert await entries_of(db, r.id, ["guest_payment"]) == []  # the ledger hook never ran


async def test_the_ledger_hooks_record_a_payment_once_across_events(db: AsyncSession) -> None:
    r = await book(db)
    await take(db, *signed(intent_event(r.id, event_id="evt_a")), ledger_hooks())
    # A second, different event about the same succeeded intent.
    await take(db, *signed(intent_event(r.id, event_id="evt_b")), ledger_hooks())
    [payment] = await entries_of(db, r.id, ["guest_payment"])
    assert (payment.amount, payment.provider, payment.provider_ref) == (
        Decimal("300.00"),
        "stripe",
        "pi_test_1",
    )
    assert (payment.actor_id, payment.credential) == (None, "system")


async def test_a_payment_for_a_reservation_staykit_lacks_is_stored_not_recorded(
    db: AsyncSession,
) -> None:
    outcome = await take(db, *signed(intent_event(uuid.uuid4())), ledger_hooks())
    assert outcome.dispatched and await events_stored(db) == 1


async def test_a_failed_payment_reaches_its_hook_with_the_decline(db: AsyncSession) -> None:
    r = await book(db)
    recorder = Recorder()
    event = intent_event(
        r.id, type_="payment_intent.payment_failed", status="requires_payment_method"
    )
    await take(db, *signed(event), recorder.hooks())
    [seen] = recorder.seen
    assert isinstance(seen, IntentEvent) and seen.intent.failure_code == "insufficient_funds"
    other = await take(
        db, *signed({**intent_event(r.id), "type": "customer.created"}), recorder.hooks()
    )
    assert not other.dispatched and len(recorder.seen) == 1 and await events_stored(db) == 2


async def test_refunds_made_at_the_provider_are_recorded_once_and_staykits_own_not_twice(
    db: AsyncSession,
) -> None:
    r = await book(db)
    await take(db, *signed(intent_event(r.id, intent_id="pi_refunded")), ledger_hooks())
    [payment] = await entries_of(db, r.id, ["guest_payment"])
    # staykit refunded 20.00 itself (its row is in the ledger already)...
    await record_entry(
        db,
        None,
        NewEntry(
            "refund",
            Decimal("20.00"),
            "EUR",
            r.id,
            r.business_id,
            f"refund:{payment.id}:1",
            provider="stripe",
            provider_ref="re_own",
            related_entry_id=payment.id,
        ),
    )

    def refunded(total_minor: int) -> dict[str, Any]:
        return {
            "id": f"evt_{uuid.uuid4().hex[:12]}",
            "type": "charge.refunded",
            "data": {
                "object": {
                    "id": "ch_1",
                    "object": "charge",
                    "payment_intent": "pi_refunded",
                    "currency": "eur",
                    "amount": 30000,
                    "amount_refunded": total_minor,
                }
            },
        }

    await take(db, *signed(refunded(2000)), ledger_hooks())  # ...which the event reports
    assert len(await entries_of(db, r.id, ["refund"])) == 1
    await take(db, *signed(refunded(5000)), ledger_hooks())  # 30.00 more, on the dashboard
    await take(db, *signed(refunded(5000)), ledger_hooks())  # another event, same total
    refunds = await entries_of(db, r.id, ["refund"])
    assert [x.amount for x in refunds] == [Decimal("20.00"), Decimal("30.00")]
    assert refunds[1].idempotency_key == "provider-refund:stripe:ch_1:5000"
    assert refunds[1].related_entry_id == payment.id

    early = refunded(100)
    early["data"]["object"]["payment_intent"] = "pi_not_yet"
    with pytest.raises(PaymentNotRecordedYet) as caught:
        async with db.begin_nested():  # the request's transaction, rolled back
            await take(db, *signed(early), ledger_hooks())
    assert caught.value.status == 409
    stored = await db.scalar(select(PaymentEvent).where(PaymentEvent.event_id == early["id"]))
    assert stored is None  # so the provider's next delivery is processed


async def test_two_deliveries_of_one_event_at_the_same_instant_process_it_once(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as setup:
        r = await book(setup)
    body, header = signed(intent_event(r.id, event_id="evt_race"))
    barrier = asyncio.Barrier(2)
    calls = Recorder()

    async def deliver() -> bool:
        async with committed_factory() as session, session.begin():
            await barrier.wait()
            outcome = await take(session, body, header, WebhookHooks(intent_succeeded=both))
            await asyncio.sleep(0.2)  # hold the row: the other delivery waits on it
            return bool(outcome.duplicate)

    async def both(session: AsyncSession, event: IntentEvent) -> None:
        await calls.intent(session, event)
        await ledger_hooks().intent_succeeded(session, event)  # type: ignore[misc]

    async with asyncio.timeout(60):
        duplicates = await asyncio.gather(deliver(), deliver())
    assert sorted(duplicates) == [False, True] and len(calls.seen) == 1
    async with committed_factory() as check:
        assert len(await entries_of(check, r.id, ["guest_payment"])) == 1
        assert await events_stored(check) == 1


# --- a real signed event from localstripe ------------------------------------------------


@pytest.fixture
async def receiver() -> AsyncIterator[tuple[str, asyncio.Queue[tuple[bytes, str]]]]:
    """A webhook endpoint on loopback: its URL and the deliveries it got (body, header)."""
    got: asyncio.Queue[tuple[bytes, str]] = asyncio.Queue()

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
    try:
        yield f"http://127.0.0.1:{port}/stripe", got
    finally:
        await runner.cleanup()


async def test_a_signed_event_from_localstripe_verifies_and_tampered_does_not(
    db: AsyncSession,
    localstripe: str,
    stripe_provider: StripeProvider,
    receiver: tuple[str, asyncio.Queue[tuple[bytes, str]]],
) -> None:
    url, got = receiver
    async with httpx.AsyncClient() as http:
        r = await http.post(
            f"{localstripe}/_config/webhooks/staykit-{uuid.uuid4().hex[:8]}",
            json={"url": url, "secret": SECRET, "events": ["payment_intent.succeeded"]},
        )
        assert r.status_code == 200, r.text
    reservation = await book(db)
    intent = await stripe_provider.create_intent(
        IntentRequest(
            reservation.total, "EUR", reservation.id, payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=f"reservation:{reservation.id}:intent:1",
    )
    async with asyncio.timeout(15):  # localstripe delivers a second after the payment
        while True:
            body, header = await got.get()
            if json.loads(body)["data"]["object"]["id"] == intent.id:
                break
    assert header.startswith("t=") and ",v1=" in header

    tampered = body.replace(b'"amount": 30000', b'"amount": 1')
    assert tampered != body
    with pytest.raises(WebhookRefused) as caught:
        await take(db, tampered, header, ledger_hooks())
    assert caught.value.reason == "badSignature"

    outcome = await take(db, body, header, ledger_hooks())
    assert outcome.dispatched and outcome.type == "payment_intent.succeeded"
    [payment] = await entries_of(db, reservation.id, ["guest_payment"])
    assert (payment.amount, payment.provider_ref) == (Decimal("300.00"), intent.id)
    assert (await take(db, body, header, ledger_hooks())).duplicate
