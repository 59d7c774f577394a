"""The Channel API's Stripe channel over HTTP: POST /v2/channels/stripe makes a checkout
for what the booking owes (the server's figure; client lines must add up to it), GET
/charges reads the ledger's payments and GET /paymentMethods the cards saved on the
booking's checkouts; scopes, other accounts' bookings, hostile items, and Stripe "not
connected" where staykit has no payment provider."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.models import Reservation
from staykit.domain.payments.errors import PaymentsNotConfigured
from staykit.domain.payments.models import LedgerEntry, PaymentCheckout
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.service import record_intent_payment
from staykit.domain.payments.stripe_provider import StripeProvider
from tests.api.channel.conftest import Pms
from tests.api.channel.helpers import assert_channel_error
from tests.api.cloud.bookings import book_direct, book_elsewhere
from tests.domain.payments.conftest import localstripe, raw, stripe_provider
from tests.factories import days_from
from tests.money import offline_provider, provider_of

__all__ = ["localstripe", "stripe_provider"]  # fixtures, used by name

STRIPE = "/v2/channels/stripe"
CHARGES = f"{STRIPE}/charges"
METHODS = f"{STRIPE}/paymentMethods"
FINANCIAL = ("write:channels", "read:bookings-financial")
READS = ("read:channels", "read:bookings-financial")


@pytest.fixture
def offline(app: Any) -> Iterator[OfflineProvider]:
    with offline_provider(app) as provider:
        yield provider


@pytest.fixture
async def booking(db: AsyncSession, pms: Pms) -> Reservation:
    """A direct booking of the cabin: 2 nights at 200 USD, nothing paid."""
    day = days_from()
    return await book_direct(db, pms, day(20), day(22))


def session_item(booking: Reservation, **fields: Any) -> dict[str, Any]:
    return {
        "action": "createStripeSession",
        "bookingId": booking.int_id,
        "success_url": "https://pms.example/paid?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://pms.example/cancelled",
        **fields,
    }


def line(amount: int, name: str = "Accommodation", currency: str = "usd", qty: int = 1) -> Any:
    price = {"currency": currency, "product_data": {"name": name}, "unit_amount": amount}
    return {"price_data": price, "quantity": qty}


async def checkouts(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(PaymentCheckout)) or 0)


async def post(client: httpx.AsyncClient, pms: Pms, items: Any, *scopes: str) -> Any:
    r = await client.post(STRIPE, json=items, headers=await pms.headers(*scopes))
    assert r.status_code == 201, r.text
    return r.json()


# --- POST: the checkout ---------------------------------------------------------------------


async def test_a_checkout_is_made_for_what_the_booking_owes_and_made_once(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    [answer] = await post(client, pms, [session_item(booking)], "write:channels")
    assert answer["success"] is True, answer
    assert answer["new"]["bookingId"] == booking.int_id
    session = answer["new"]["stripeSession"]
    assert session["id"].startswith("cs_offline_") and session["object"] == "checkout.session"
    assert (session["status"], session["payment_status"], session["mode"]) == (
        "open",
        "unpaid",
        "payment",
    )
    assert session["metadata"]["booking_id"] == str(booking.int_id)
    assert "amount_total" not in session and "currency" not in session  # no financial scope
    [row] = (await db.scalars(select(PaymentCheckout))).all()
    assert (row.reservation_id, row.session_id, row.provider) == (
        booking.id,
        session["id"],
        "offline",
    )
    assert row.customer_id in offline.customers and row.amount == booking.total
    assert offline.checkouts[session["id"]].amount == booking.total

    # The same request again, nothing paid since: the same page, no second row.
    [again] = await post(client, pms, [session_item(booking)], *FINANCIAL)
    shown = again["new"]["stripeSession"]
    assert shown["id"] == session["id"]
    assert (shown["amount_total"], shown["currency"]) == (40000, "usd")
    assert await checkouts(db) == 1 and len(offline.customers) == 1


async def test_client_lines_must_add_up_to_what_is_owed_in_the_bookings_currency(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    items = [
        session_item(booking, line_items=[line(15000, qty=2), line(9999, "Cleaning")]),
        session_item(booking, line_items=[line(40000, currency="eur")]),
        session_item(booking, line_items=[line(20000, qty=2), line(1, "Tip")]),
    ]
    answers = await post(client, pms, items, *FINANCIAL)
    assert [a["success"] for a in answers] == [False, False, False]
    assert answers[0]["errors"][0]["field"] == "line_items"
    assert "owes 400.00 USD" in answers[0]["errors"][0]["message"]
    assert answers[1]["errors"][0]["field"] == "line_items.0.price_data.currency"
    assert answers[2]["errors"][0]["field"] == "line_items"
    assert await checkouts(db) == 0 and offline.checkouts == {}

    good = session_item(booking, line_items=[line(15000, qty=2), line(10000, "Cleaning")])
    [answer] = await post(client, pms, [good], *FINANCIAL)
    assert answer["success"] is True and answer["new"]["stripeSession"]["amount_total"] == 40000
    [made] = offline.checkouts.values()
    assert made.amount == booking.total and made.currency == "USD"


async def test_a_paid_checkout_shows_in_charges_and_its_card_in_payment_methods(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    [answer] = await post(client, pms, [session_item(booking)], "write:channels")
    session_id = answer["new"]["stripeSession"]["id"]
    intent = offline.complete_checkout(session_id, "pm_card_visa")
    # What the payment webhook does with payment_intent.succeeded:
    assert await record_intent_payment(db, None, offline.name, intent) is not None
    await db.commit()

    r = await client.get(f"{CHARGES}?bookingId={booking.int_id}", headers=await pms.headers(*READS))
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["type"], body["count"], body["pages"]["nextPageExists"]) == (
        "stripeCharge",
        1,
        False,
    )
    charge = body["data"][0]["stripeCharge"]
    assert (charge["id"], charge["payment_intent"], charge["object"]) == (
        intent.id,
        intent.id,
        "charge",
    )
    assert (charge["amount"], charge["amount_refunded"], charge["currency"]) == (40000, 0, "usd")
    assert charge["paid"] is True and charge["refunded"] is False
    assert body["data"][0]["provider"] == "offline"
    r = await client.get(
        f"{CHARGES}?bookingId={booking.int_id}&stripeChargeId=pi_other",
        headers=await pms.headers(*READS),
    )
    assert r.json()["data"] == []

    r = await client.get(
        f"{METHODS}?bookingId={booking.int_id}", headers=await pms.headers("read:channels")
    )
    assert r.status_code == 200, r.text
    [method] = r.json()["data"]
    card = method["stripePaymentMethod"]
    assert (card["type"], card["card"]["brand"], card["card"]["last4"]) == ("card", "visa", "4242")
    assert card["customer"] in offline.customers
    r = await client.get(
        f"{METHODS}?bookingId={booking.int_id}&stripePaymentMethodId={card['id']}",
        headers=await pms.headers("read:channels"),
    )
    assert [m["stripePaymentMethod"]["id"] for m in r.json()["data"]] == [card["id"]]

    # Paid in full: nothing more to collect.
    [answer] = await post(client, pms, [session_item(booking)], "write:channels")
    assert answer["success"] is False
    assert answer["errors"][0]["field"] == "bookingId"
    assert "owes nothing" in answer["errors"][0]["message"]
    assert await checkouts(db) == 1


async def test_through_the_stripe_adapter_the_checkout_is_for_the_servers_amount(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    app: Any,
    stripe_provider: StripeProvider,
    localstripe: str,
    booking: Reservation,
) -> None:
    """The route over the real adapter: a customer for the booking on localstripe, and a
    Checkout Session (the launcher's fake) asked for the booking's 400.00 USD."""
    with provider_of(app, stripe_provider):
        [answer] = await post(client, pms, [session_item(booking)], *FINANCIAL)
    assert answer["success"] is True, answer
    session = answer["new"]["stripeSession"]
    assert session["id"].startswith("cs_test_") and session["url"].endswith(session["id"])
    assert (session["amount_total"], session["currency"]) == (40000, "usd")
    sent = raw(localstripe, f"/_staykit/checkout_sessions/{session['id']}")["params"]
    assert isinstance(sent, dict)
    assert sent["line_items"][0]["price_data"]["unit_amount"] == "40000"
    assert sent["payment_intent_data"]["metadata"]["reservation_id"] == str(booking.id)
    customer = raw(localstripe, f"/v1/customers/{session['customer']}")
    assert customer["metadata"] == {"reservation_id": str(booking.id)}
    [row] = (await db.scalars(select(PaymentCheckout))).all()
    assert (row.provider, row.session_id, row.customer_id) == (
        "stripe",
        session["id"],
        session["customer"],
    )


# --- scopes and other accounts --------------------------------------------------------------


async def test_each_operation_needs_its_scopes(
    client: httpx.AsyncClient, pms: Pms, offline: OfflineProvider, booking: Reservation
) -> None:
    cases = [
        ("POST", STRIPE, ("read:channels", "write:bookings-financial"), "write:channels"),
        (
            "GET",
            f"{CHARGES}?bookingId={booking.int_id}",
            ("read:channels",),
            "read:bookings-financial",
        ),
        (
            "GET",
            f"{CHARGES}?bookingId={booking.int_id}",
            ("read:bookings-financial",),
            "read:channels",
        ),
        ("GET", f"{METHODS}?bookingId={booking.int_id}", ("write:channels",), "read:channels"),
    ]
    for method, url, scopes, missing in cases:
        body = [session_item(booking)] if method == "POST" else None
        r = await client.request(method, url, json=body, headers=await pms.headers(*scopes))
        error = assert_channel_error(r, 403, field="scope")
        assert missing in str(error["error"]), (url, error)
    assert_channel_error(await client.get(f"{CHARGES}?bookingId=1"), 401)
    assert offline.checkouts == {}


async def test_another_accounts_booking_is_not_found_and_reads_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    day = days_from()
    theirs = await book_elsewhere(db, pms, day(20), day(22))
    answers = await post(
        client,
        pms,
        [session_item(theirs), session_item(booking, bookingId=2**62)],
        *FINANCIAL,
    )
    for answer, booking_id in zip(answers, (theirs.int_id, 2**62), strict=True):
        assert answer["success"] is False
        assert answer["errors"] == [
            {
                "action": "createStripeSession",
                "field": "bookingId",
                "message": f"No booking {booking_id}.",
            }
        ]
    assert await checkouts(db) == 0 and offline.checkouts == {} and offline.customers == {}
    for url, scopes in ((CHARGES, READS), (METHODS, ("read:channels",))):
        r = await client.get(f"{url}?bookingId={theirs.int_id}", headers=await pms.headers(*scopes))
        assert r.status_code == 200 and r.json()["data"] == [], r.text


# --- hostile and bad input ------------------------------------------------------------------


async def test_each_bad_item_is_refused_in_place_and_the_good_one_is_served(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    items: list[Any] = [
        "not an object",
        {
            "action": "refundCharge",
            "bookingId": booking.int_id,
            "stripeChargeId": "ch_1",
            "amount": 5,
        },
        {"action": "chargePaymentMethod", "bookingId": booking.int_id, "amount": 123.45},
        {"action": "dropTables"},
        {k: v for k, v in session_item(booking).items() if k != "success_url"},
        session_item(booking, success_url="javascript:alert(1)"),
        session_item(booking, capture=False),
        session_item(booking, bookingId=str(booking.int_id)),
        session_item(booking, bookingId=True),
        session_item(booking, secret="x"),
        session_item(booking, line_items=[]),
        session_item(booking, line_items=[{"price": "price_123", "quantity": 1}]),
        session_item(booking, line_items=[line(0)]),
        session_item(booking, line_items=[line(40000, name="x" * 251)]),
        session_item(booking),
    ]
    answers = await post(client, pms, items, *FINANCIAL)
    assert [a["success"] for a in answers] == [False] * 14 + [True]
    fields = [a["errors"][0].get("field") for a in answers[:14]]
    assert fields == [
        None,
        "action",
        "action",
        "action",
        "success_url",
        "success_url",
        "capture",
        "bookingId",
        "bookingId",
        "secret",
        "line_items",
        "line_items.0.price_data",
        "line_items.0.price_data.unit_amount",
        "line_items.0.price_data.product_data.name",
    ]
    assert "not served" in answers[1]["errors"][0]["message"]
    assert all("javascript" not in e["message"] for a in answers for e in a.get("errors", []))
    assert await checkouts(db) == 1 and len(offline.checkouts) == 1


async def test_bodies_that_are_not_lists_or_too_long_are_400_and_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    headers = await pms.headers(*FINANCIAL)
    r = await client.post(STRIPE, json={"action": "createStripeSession"}, headers=headers)
    assert_channel_error(r, 400)
    r = await client.post(STRIPE, json=[session_item(booking)] * 101, headers=headers)
    assert_channel_error(r, 400, field="body")
    r = await client.get(f"{CHARGES}?bookingId=x", headers=await pms.headers(*READS))
    assert_channel_error(r, 400, field="bookingId")
    r = await client.get(METHODS, headers=await pms.headers("read:channels"))
    assert_channel_error(r, 400, field="bookingId")
    assert await checkouts(db) == 0 and offline.checkouts == {}


async def test_a_cancelled_booking_takes_no_payment(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    offline: OfflineProvider,
    booking: Reservation,
) -> None:
    r = await client.delete(
        f"/v2/bookings?id={booking.int_id}", headers=await pms.headers("delete:bookings")
    )
    assert r.status_code == 201 and r.json()[0]["success"], r.text
    [answer] = await post(client, pms, [session_item(booking)], "write:channels")
    assert answer["success"] is False and "takes no payment" in answer["errors"][0]["message"]
    assert await checkouts(db) == 0


# --- no payment provider ----------------------------------------------------------------------


async def test_without_a_payment_provider_stripe_is_not_connected(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    app: Any,
    booking: Reservation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def none(_settings: object) -> None:
        raise PaymentsNotConfigured("No payment provider is configured.")

    monkeypatch.setattr("staykit.api.deps.payment_setup", none)
    with provider_of(app, None):
        r = await client.post(
            STRIPE, json=[session_item(booking)], headers=await pms.headers(*FINANCIAL)
        )
        error = str(assert_channel_error(r, 409)["error"])
        assert error.startswith("Stripe is not connected") and "STAYKIT_STRIPE_API_KEY" in error
        r = await client.get(
            f"{METHODS}?bookingId={booking.int_id}", headers=await pms.headers("read:channels")
        )
        assert_channel_error(r, 409)
        # The ledger needs no provider: its payments (none here) are still read.
        r = await client.get(
            f"{CHARGES}?bookingId={booking.int_id}", headers=await pms.headers(*READS)
        )
        assert r.status_code == 200 and r.json()["data"] == []
    assert await checkouts(db) == 0
    assert await db.scalar(select(func.count()).select_from(LedgerEntry)) == 0
