"""The Stripe adapter against localstripe, through the real stripe SDK: intents created,
confirmed and succeeded, declines as typed errors, refunds partial and whole, customers
and their saved cards, amounts in minor units, idempotency keys honoured, and the
provider's failures as the domain's errors.

What localstripe 1.15.10 does not do as Stripe does, and how these tests live with it:
- it knows no `pm_card_chargeDeclined` (a 404): its declining test token is
  `pm_card_chargeCustomerFail` (card 4000000000000341, declined when charged);
- its confirm refuses a `payment_method` argument (500 "Not implemented"): intents get
  their payment method at creation here; the adapter's confirm with one is Stripe's call;
- it ignores Idempotency-Key and knows only the pre-2026 `payment_method_types`: the
  test launcher (localstripe_server.py) adds both, as Stripe documents them;
- it never refuses a refund above the charge: staykit's own check is what stops it.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
import stripe

from staykit.core.ids import uuid7
from staykit.domain.payments.errors import (
    AmountNotPayable,
    IdempotencyKeyReused,
    PaymentDeclined,
    PaymentRejected,
    PaymentsNotConfigured,
    ProviderObjectNotFound,
    ProviderUnavailable,
)
from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.port import CustomerRequest, IntentRequest, IntentStatus
from staykit.domain.payments.stripe_provider import StripeProvider, make_client
from tests.domain.payments.conftest import API_KEY, raw


def key() -> str:
    return f"test:{uuid.uuid4()}"


async def test_an_intent_created_with_a_card_is_confirmed_and_succeeds(
    stripe_provider: StripeProvider, localstripe: str
) -> None:
    reservation_id = uuid7()
    intent = await stripe_provider.create_intent(
        IntentRequest(Decimal("123.45"), "EUR", reservation_id, payment_method="pm_card_visa"),
        idempotency_key=key(),
    )
    assert intent.status is IntentStatus.REQUIRES_CONFIRMATION
    assert (intent.amount, intent.currency) == (Decimal("123.45"), "EUR")
    assert intent.reservation_id == reservation_id and intent.client_secret
    stored = raw(localstripe, f"/v1/payment_intents/{intent.id}")
    assert (stored["amount"], stored["currency"]) == (12345, "eur")  # minor units, lower case

    confirmed = await stripe_provider.confirm_intent(intent.id, idempotency_key=key())
    assert confirmed.status is IntentStatus.SUCCEEDED
    assert confirmed.latest_charge_id and confirmed.latest_charge_id.startswith("ch_")
    assert (await stripe_provider.retrieve_intent(intent.id)).status is IntentStatus.SUCCEEDED


async def test_an_intent_without_a_card_waits_and_can_be_canceled(
    stripe_provider: StripeProvider,
) -> None:
    intent = await stripe_provider.create_intent(
        IntentRequest(Decimal("10.00"), "EUR", uuid7()), idempotency_key=key()
    )
    assert intent.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    canceled = await stripe_provider.cancel_intent(intent.id, idempotency_key=key())
    assert canceled.status is IntentStatus.CANCELED
    with pytest.raises(PaymentRejected):  # a canceled intent cannot be confirmed
        await stripe_provider.confirm_intent(intent.id, idempotency_key=key())


@pytest.mark.parametrize(
    ("amount", "currency", "minor"),
    [
        (Decimal("5000"), "JPY", 5000),  # zero-decimal
        (Decimal("12.340"), "KWD", 12340),  # three decimals
        (Decimal("7000"), "ISK", 700000),  # Stripe counts ISK in hundredths
        (Decimal("0.01"), "USD", 1),
    ],
)
async def test_amounts_reach_stripe_in_its_minor_units_and_come_back_as_given(
    stripe_provider: StripeProvider, localstripe: str, amount: Decimal, currency: str, minor: int
) -> None:
    intent = await stripe_provider.create_intent(
        IntentRequest(amount, currency, uuid7(), payment_method="pm_card_visa", confirm=True),
        idempotency_key=key(),
    )
    assert raw(localstripe, f"/v1/payment_intents/{intent.id}")["amount"] == minor
    assert (intent.amount, intent.currency, intent.status) == (
        amount,
        currency,
        IntentStatus.SUCCEEDED,
    )


@pytest.mark.parametrize(
    ("amount", "currency"),
    [
        (Decimal("10.005"), "EUR"),
        (Decimal("0"), "EUR"),
        (Decimal("-5"), "EUR"),
        (Decimal("1"), "XXX"),
    ],
)
async def test_an_amount_no_provider_can_take_is_refused_before_the_call(
    stripe_provider: StripeProvider, amount: Decimal, currency: str
) -> None:
    with pytest.raises(AmountNotPayable) as caught:
        await stripe_provider.create_intent(
            IntentRequest(amount, currency, uuid7()), idempotency_key=key()
        )
    assert caught.value.field == "amount" and caught.value.status == 400


async def test_a_declined_card_is_a_typed_decline_with_its_code(
    stripe_provider: StripeProvider,
) -> None:
    with pytest.raises(PaymentDeclined) as caught:
        await stripe_provider.create_intent(
            IntentRequest(
                Decimal("50.00"),
                "EUR",
                uuid7(),
                payment_method="pm_card_chargeCustomerFail",
                confirm=True,
            ),
            idempotency_key=key(),
        )
    declined = caught.value
    assert declined.status == 402 and declined.decline_code == "card_declined"
    assert declined.field == "payment_method" and "declined" in declined.message

    # Declined on a separate confirmation too; the intent then wants another card.
    intent = await stripe_provider.create_intent(
        IntentRequest(
            Decimal("50.00"), "EUR", uuid7(), payment_method="pm_card_chargeCustomerFail"
        ),
        idempotency_key=key(),
    )
    with pytest.raises(PaymentDeclined):
        await stripe_provider.confirm_intent(intent.id, idempotency_key=key())
    after = await stripe_provider.retrieve_intent(intent.id)
    assert after.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    assert after.failure_code == "card_declined"


async def test_an_unknown_card_or_intent_is_not_found(stripe_provider: StripeProvider) -> None:
    with pytest.raises(ProviderObjectNotFound):
        await stripe_provider.create_intent(
            IntentRequest(Decimal("5.00"), "EUR", uuid7(), payment_method="pm_nosuchcard"),
            idempotency_key=key(),
        )
    with pytest.raises(ProviderObjectNotFound) as caught:
        await stripe_provider.retrieve_intent("pi_doesnotexist")
    assert caught.value.status == 404


async def test_refunds_partial_then_the_rest(
    stripe_provider: StripeProvider, localstripe: str
) -> None:
    intent = await stripe_provider.create_intent(
        IntentRequest(
            Decimal("100.00"), "EUR", uuid7(), payment_method="pm_card_visa", confirm=True
        ),
        idempotency_key=key(),
    )
    part = await stripe_provider.refund(intent.id, Decimal("30.00"), "EUR", idempotency_key=key())
    assert (part.amount, part.currency, part.status) == (Decimal("30.00"), "EUR", "succeeded")
    assert part.intent_id == intent.id and part.id.startswith("re_")
    rest = await stripe_provider.refund(intent.id, Decimal("70.00"), "EUR", idempotency_key=key())
    assert rest.amount == Decimal("70.00") and rest.id != part.id
    charge = raw(localstripe, f"/v1/charges/{intent.latest_charge_id}")
    assert (charge["amount_refunded"], charge["refunded"]) == (10000, True)


async def test_the_same_idempotency_key_returns_the_same_object_and_other_values_are_refused(
    stripe_provider: StripeProvider, localstripe: str
) -> None:
    reservation_id = uuid7()
    k = key()
    request = IntentRequest(Decimal("42.00"), "EUR", reservation_id, payment_method="pm_card_visa")
    first = await stripe_provider.create_intent(request, idempotency_key=k)
    again = await stripe_provider.create_intent(request, idempotency_key=k)
    assert again.id == first.id
    with pytest.raises(IdempotencyKeyReused) as caught:
        await stripe_provider.create_intent(
            IntentRequest(Decimal("43.00"), "EUR", reservation_id), idempotency_key=k
        )
    assert caught.value.status == 409

    paid = await stripe_provider.confirm_intent(first.id, idempotency_key=key())
    refund_key = key()
    one = await stripe_provider.refund(paid.id, Decimal("2.00"), "EUR", idempotency_key=refund_key)
    two = await stripe_provider.refund(paid.id, Decimal("2.00"), "EUR", idempotency_key=refund_key)
    assert one.id == two.id
    refunds = raw(localstripe, f"/v1/refunds?payment_intent={paid.id}")["data"]
    assert isinstance(refunds, list) and len(refunds) == 1  # refunded once


async def test_customers_save_cards_and_list_them(stripe_provider: StripeProvider) -> None:
    user_id = uuid7()
    customer = await stripe_provider.create_customer(
        CustomerRequest(user_id, email="guest@example.test", name="Ana Guest"),
        idempotency_key=f"user:{user_id}:customer",
    )
    assert customer.id.startswith("cus_") and customer.email == "guest@example.test"
    assert await stripe_provider.list_payment_methods(customer.id) == []
    saved = await stripe_provider.attach_payment_method(
        customer.id, "pm_card_visa", idempotency_key=key()
    )
    assert saved.customer_id == customer.id and (saved.brand, saved.last4) == ("visa", "4242")
    listed = await stripe_provider.list_payment_methods(customer.id)
    assert [m.id for m in listed] == [saved.id]
    # A saved card pays an intent of the customer.
    intent = await stripe_provider.create_intent(
        IntentRequest(
            Decimal("9.99"),
            "EUR",
            uuid7(),
            customer_id=customer.id,
            payment_method=saved.id,
            confirm=True,
        ),
        idempotency_key=key(),
    )
    assert intent.status is IntentStatus.SUCCEEDED and intent.customer_id == customer.id
    # A card the bank refuses to save is a decline too.
    with pytest.raises(PaymentDeclined):
        await stripe_provider.attach_payment_method(
            customer.id, "pm_card_visa_chargeDeclined", idempotency_key=key()
        )


@contextmanager
def socketless_port() -> Iterator[int]:
    """A loopback port nothing listens on, for as long as the block runs: bound, never
    listening, so connections to it are refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


async def test_an_unreachable_provider_is_unavailable_and_retryable() -> None:
    with socketless_port() as port:
        http = stripe.HTTPXClient()
        client = make_client(
            API_KEY, http_client=http, api_base=f"http://127.0.0.1:{port}", max_network_retries=0
        )
        provider = StripeProvider(client, FakePayoutSink(), http_client=http)
        try:
            with pytest.raises(ProviderUnavailable) as caught:
                await provider.retrieve_intent("pi_x")
        finally:
            await provider.aclose()
    assert caught.value.status == 503 and caught.value.retryable
    assert caught.value.headers["Retry-After"]


async def test_credentials_the_provider_refuses_are_a_configuration_error(
    localstripe: str,
) -> None:
    http = stripe.HTTPXClient()
    client = make_client("pk_test_not_a_secret_key", http_client=http, api_base=localstripe)
    provider = StripeProvider(client, FakePayoutSink(), http_client=http)
    try:
        with pytest.raises(PaymentsNotConfigured) as caught:
            await provider.retrieve_intent("pi_x")
    finally:
        await provider.aclose()
    assert caught.value.status == 503
    assert "pk_test" not in caught.value.message
