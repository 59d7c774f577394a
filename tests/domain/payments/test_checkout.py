"""Hosted checkouts through the port: the Stripe adapter's Checkout Session call (its
shape checked by the launcher's FAKE /v1/checkout/sessions, as localstripe has no
Checkout; a customer made on localstripe itself), and the offline provider's checkout,
which `complete_checkout` pays as a booker would.

Not covered here, because localstripe cannot: Stripe's own validation of the session's
parameters beyond the shape, its hosted page, and the intent a paid session makes (its
payment_intent.succeeded webhook is the one test_webhooks.py delivers)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from staykit.domain.payments.errors import (
    IdempotencyKeyReused,
    PaymentDeclined,
    ProviderObjectNotFound,
)
from staykit.domain.payments.offline import OfflineProvider
from staykit.domain.payments.port import (
    CheckoutLine,
    CheckoutRequest,
    CustomerRequest,
    IntentStatus,
)
from staykit.domain.payments.stripe_provider import StripeProvider
from tests.domain.payments.conftest import raw


def _request(reservation_id: uuid.UUID, customer: str | None, **changes: object) -> CheckoutRequest:
    values: dict[str, object] = {
        "amount": Decimal("372.50"),
        "currency": "EUR",
        "reservation_id": reservation_id,
        "lines": (
            CheckoutLine("Stay, 3 nights", Decimal("150.00"), 2),
            CheckoutLine("City tax", Decimal("72.50"), 1),
        ),
        "success_url": "https://pms.example/paid?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://pms.example/cancelled",
        "customer_id": customer,
        "metadata": {"booking_id": "42"},
    }
    values.update(changes)
    return CheckoutRequest(**values)  # type: ignore[arg-type]


async def test_the_stripe_adapter_creates_a_checkout_session_in_stripes_shape(
    stripe_provider: StripeProvider, localstripe: str
) -> None:
    reservation_id = uuid.uuid4()
    customer = await stripe_provider.create_customer(
        CustomerRequest(user_id=None, reservation_id=reservation_id),
        idempotency_key=f"reservation:{reservation_id}:customer",
    )
    # A customer for a booking with no staykit user names the reservation, no user.
    assert raw(localstripe, f"/v1/customers/{customer.id}")["metadata"] == {
        "reservation_id": str(reservation_id)
    }

    key = f"reservation:{reservation_id}:checkout:0:37250:abc"
    checkout = await stripe_provider.create_checkout(
        _request(reservation_id, customer.id), idempotency_key=key
    )
    assert checkout.id.startswith("cs_test_")
    assert checkout.url and checkout.url.endswith(checkout.id)
    assert (checkout.amount, checkout.currency, checkout.status) == (
        Decimal("372.50"),
        "EUR",
        "open",
    )
    assert checkout.customer_id == customer.id and checkout.expires_at is not None
    assert checkout.metadata == {"booking_id": "42", "reservation_id": str(reservation_id)}

    sent = raw(localstripe, f"/_staykit/checkout_sessions/{checkout.id}")["params"]
    assert isinstance(sent, dict)
    assert sent["mode"] == "payment" and sent["customer"] == customer.id
    assert sent["client_reference_id"] == str(reservation_id)
    assert sent["line_items"] == [
        {
            "price_data": {
                "currency": "eur",
                "product_data": {"name": "Stay, 3 nights"},
                "unit_amount": "15000",
            },
            "quantity": "2",
        },
        {
            "price_data": {
                "currency": "eur",
                "product_data": {"name": "City tax"},
                "unit_amount": "7250",
            },
            "quantity": "1",
        },
    ]
    # The payment the page makes names the reservation (its webhook records it) and
    # saves the card on the booking's customer.
    assert sent["payment_intent_data"] == {
        "metadata": {"booking_id": "42", "reservation_id": str(reservation_id)},
        "setup_future_usage": "off_session",
    }

    again = await stripe_provider.create_checkout(
        _request(reservation_id, customer.id), idempotency_key=key
    )
    assert again.id == checkout.id
    with pytest.raises(IdempotencyKeyReused):
        await stripe_provider.create_checkout(
            _request(reservation_id, customer.id, cancel_url="https://pms.example/other"),
            idempotency_key=key,
        )


async def test_the_offline_checkout_is_paid_by_completing_it_with_a_test_card() -> None:
    provider = OfflineProvider()
    reservation_id = uuid.uuid4()
    customer = await provider.create_customer(
        CustomerRequest(user_id=None, reservation_id=reservation_id), idempotency_key="c1"
    )
    checkout = await provider.create_checkout(
        _request(reservation_id, customer.id), idempotency_key="k1"
    )
    assert checkout.url is None and checkout.status == "open"
    assert (
        await provider.create_checkout(_request(reservation_id, customer.id), idempotency_key="k1")
    ).id == checkout.id

    with pytest.raises(PaymentDeclined):
        provider.complete_checkout(checkout.id, "pm_card_chargeDeclined")
    assert provider.checkouts[checkout.id].status == "open"
    assert await provider.list_payment_methods(customer.id) == []

    intent = provider.complete_checkout(checkout.id, "pm_card_visa")
    assert intent.status is IntentStatus.SUCCEEDED and intent.amount == Decimal("372.50")
    assert intent.reservation_id == reservation_id
    assert provider.checkouts[checkout.id].intent_id == intent.id
    [card] = await provider.list_payment_methods(customer.id)
    assert (card.brand, card.last4, card.customer_id) == ("visa", "4242", customer.id)
    with pytest.raises(ProviderObjectNotFound):
        provider.complete_checkout(checkout.id, "pm_card_visa")  # paid already
