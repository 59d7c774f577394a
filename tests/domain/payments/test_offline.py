"""The offline provider (test money) and the choice of provider from the settings: the
test card tokens succeed or decline as Stripe's do, refunds and payouts are recorded,
idempotency keys behave as Stripe's, and production refuses test money at startup."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import SecretStr, ValidationError

from staykit.core.config import Settings
from staykit.core.ids import uuid7
from staykit.domain.payments.errors import (
    AmountNotPayable,
    IdempotencyKeyReused,
    PaymentDeclined,
    PaymentRejected,
    PaymentsNotConfigured,
    ProviderObjectNotFound,
    UnknownPaymentMethod,
)
from staykit.domain.payments.offline import TEST_CARDS, OfflineProvider
from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.port import (
    CustomerRequest,
    IntentRequest,
    IntentStatus,
    PayoutRequest,
)
from staykit.domain.payments.providers import build_provider
from staykit.domain.payments.stripe_provider import StripeConnectPayouts, StripeProvider


def pay(amount: str = "80.00", method: str | None = "pm_card_visa", **kw: object) -> IntentRequest:
    return IntentRequest(Decimal(amount), "EUR", uuid7(), payment_method=method, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("token", ["pm_card_visa", "pm_card_mastercard", "pm_card_amex"])
async def test_succeeding_test_cards_pay(token: str) -> None:
    offline = OfflineProvider()
    intent = await offline.create_intent(pay(method=token, confirm=True), idempotency_key="k")
    assert intent.status is IntentStatus.SUCCEEDED and intent.payment_method == token
    assert intent.latest_charge_id and intent.latest_charge_id.startswith("ch_offline_")
    assert (await offline.retrieve_intent(intent.id)) == intent


@pytest.mark.parametrize(
    ("token", "code"),
    [
        ("pm_card_chargeDeclined", "generic_decline"),
        ("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"),
        ("pm_card_chargeDeclinedExpiredCard", "expired_card"),
        ("pm_card_chargeCustomerFail", "card_declined"),
    ],
)
async def test_declining_test_cards_decline_with_stripes_codes(token: str, code: str) -> None:
    offline = OfflineProvider()
    intent = await offline.create_intent(pay(method=token), idempotency_key="create")
    assert intent.status is IntentStatus.REQUIRES_CONFIRMATION
    with pytest.raises(PaymentDeclined) as caught:
        await offline.confirm_intent(intent.id, idempotency_key="confirm")
    assert caught.value.decline_code == code and caught.value.intent_id == intent.id
    after = await offline.retrieve_intent(intent.id)
    assert after.status is IntentStatus.REQUIRES_PAYMENT_METHOD and after.failure_code == code
    # The same key answers the same decline; another card under a new key then pays.
    with pytest.raises(PaymentDeclined):
        await offline.confirm_intent(intent.id, idempotency_key="confirm")
    paid = await offline.confirm_intent(
        intent.id, payment_method="pm_card_visa", idempotency_key="confirm-2"
    )
    assert paid.status is IntentStatus.SUCCEEDED and paid.failure_code is None


async def test_the_table_of_test_cards_is_what_the_docs_promise() -> None:
    declining = {t for t, card in TEST_CARDS.items() if card.decline_code}
    assert declining == {
        "pm_card_chargeDeclined",
        "pm_card_chargeDeclinedInsufficientFunds",
        "pm_card_chargeDeclinedExpiredCard",
        "pm_card_chargeCustomerFail",
    }


async def test_wrong_cards_states_and_amounts_are_refused() -> None:
    offline = OfflineProvider()
    with pytest.raises(UnknownPaymentMethod) as unknown:
        await offline.create_intent(pay(method="pm_card_forged"), idempotency_key="a")
    assert unknown.value.field == "payment_method"
    with pytest.raises(AmountNotPayable):
        await offline.create_intent(pay(amount="1.001"), idempotency_key="b")
    with pytest.raises(ProviderObjectNotFound):
        await offline.retrieve_intent("pi_offline_none")
    waiting = await offline.create_intent(pay(method=None), idempotency_key="c")
    assert waiting.status is IntentStatus.REQUIRES_PAYMENT_METHOD
    with pytest.raises(PaymentRejected):  # nothing to charge
        await offline.confirm_intent(waiting.id, idempotency_key="d")
    canceled = await offline.cancel_intent(waiting.id, idempotency_key="e")
    assert canceled.status is IntentStatus.CANCELED
    with pytest.raises(PaymentRejected):
        await offline.confirm_intent(waiting.id, payment_method="pm_card_visa", idempotency_key="f")
    paid = await offline.create_intent(pay(confirm=True), idempotency_key="g")
    with pytest.raises(PaymentRejected):
        await offline.cancel_intent(paid.id, idempotency_key="h")


async def test_refunds_succeed_up_to_what_was_paid_once_per_key() -> None:
    offline = OfflineProvider()
    paid = await offline.create_intent(pay("100.00", confirm=True), idempotency_key="pay")
    part = await offline.refund(paid.id, Decimal("40.00"), "EUR", idempotency_key="r1")
    assert (part.status, part.amount, part.intent_id) == ("succeeded", Decimal("40.00"), paid.id)
    assert (await offline.refund(paid.id, Decimal("40.00"), "EUR", idempotency_key="r1")) == part
    with pytest.raises(IdempotencyKeyReused):
        await offline.refund(paid.id, Decimal("41.00"), "EUR", idempotency_key="r1")
    with pytest.raises(PaymentRejected):
        await offline.refund(paid.id, Decimal("60.01"), "EUR", idempotency_key="r2")
    with pytest.raises(PaymentRejected):
        await offline.refund(paid.id, Decimal("10.00"), "USD", idempotency_key="r3")
    rest = await offline.refund(paid.id, Decimal("60.00"), "EUR", idempotency_key="r4")
    assert rest.amount == Decimal("60.00") and len(offline.refunds) == 2


async def test_the_same_key_creates_one_intent_and_other_values_are_refused() -> None:
    offline = OfflineProvider()
    request = pay()
    first = await offline.create_intent(request, idempotency_key="same")
    assert (await offline.create_intent(request, idempotency_key="same")).id == first.id
    assert len(offline.intents) == 1
    with pytest.raises(IdempotencyKeyReused):
        await offline.create_intent(pay("81.00"), idempotency_key="same")


async def test_customers_save_test_cards_which_then_pay_as_their_token() -> None:
    offline = OfflineProvider()
    customer = await offline.create_customer(
        CustomerRequest(uuid7(), email="g@example.test"), idempotency_key="cus"
    )
    visa = await offline.attach_payment_method(customer.id, "pm_card_visa", idempotency_key="a1")
    failing = await offline.attach_payment_method(
        customer.id, "pm_card_chargeCustomerFail", idempotency_key="a2"
    )
    assert visa.id.startswith("pm_offline_") and (visa.brand, visa.last4) == ("visa", "4242")
    assert {m.id for m in await offline.list_payment_methods(customer.id)} == {
        visa.id,
        failing.id,
    }
    ok = await offline.create_intent(
        pay(method=visa.id, customer_id=customer.id, confirm=True), idempotency_key="p1"
    )
    assert ok.status is IntentStatus.SUCCEEDED
    with pytest.raises(PaymentDeclined):
        await offline.create_intent(
            pay(method=failing.id, customer_id=customer.id, confirm=True), idempotency_key="p2"
        )
    with pytest.raises(ProviderObjectNotFound):
        await offline.list_payment_methods("cus_offline_other")


async def test_payouts_are_recorded_by_the_fake_sink_once_per_key() -> None:
    offline = OfflineProvider()
    request = PayoutRequest(Decimal("250.00"), "EUR", uuid7())
    payout = await offline.pay_out(request, idempotency_key="po")
    assert payout.provider == "fake_payouts" and payout.id.startswith("fake_po_")
    assert await offline.pay_out(request, idempotency_key="po") == payout
    assert offline.payouts.payouts == [payout]
    with pytest.raises(IdempotencyKeyReused):
        await offline.pay_out(PayoutRequest(Decimal("1.00"), "EUR", uuid7()), idempotency_key="po")


# --- choosing the provider ------------------------------------------------------------------


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def no_payment_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "STAYKIT_ENV",
        "STAYKIT_PAYMENT_PROVIDER",
        "STAYKIT_STRIPE_API_KEY",
        "STAYKIT_STRIPE_CONNECT_PAYOUTS",
        "STAYKIT_PAYMENTS_ALLOW_TEST_MONEY",
    ):
        monkeypatch.delenv(name, raising=False)


def test_without_a_stripe_key_development_uses_test_money_and_production_none() -> None:
    assert isinstance(build_provider(settings(env="development")), OfflineProvider)
    assert isinstance(build_provider(settings(env="test")), OfflineProvider)
    production = settings(env="production")
    assert production.payments_provider is None
    with pytest.raises(PaymentsNotConfigured):
        build_provider(production)


async def test_a_stripe_key_means_stripe_with_the_fake_sink_unless_connect_is_on() -> None:
    key = SecretStr("sk_test_abc")
    plain = build_provider(settings(env="development", stripe_api_key=key))
    assert isinstance(plain, StripeProvider) and isinstance(plain.payouts, FakePayoutSink)
    connect = build_provider(
        settings(env="production", stripe_api_key=key, stripe_connect_payouts=True)
    )
    assert isinstance(connect, StripeProvider)
    assert isinstance(connect.payouts, StripeConnectPayouts)
    await plain.aclose()
    await connect.aclose()


@pytest.mark.parametrize(
    "values",
    [
        {"payment_provider": "offline"},
        {"stripe_api_key": "sk_live_abc"},  # Stripe, but payouts would be fake
    ],
)
def test_production_refuses_test_money_at_startup_unless_allowed(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as caught:
        settings(env="production", **values)
    message = str(caught.value)
    assert "STAYKIT_PAYMENTS_ALLOW_TEST_MONEY" in message
    assert "sk_live_abc" not in message  # the key is never echoed
    allowed = settings(env="production", payments_allow_test_money=True, **values)
    assert allowed.payments_provider in ("offline", "stripe")


def test_stripe_without_a_key_is_refused_and_keys_never_print() -> None:
    with pytest.raises(ValidationError):
        settings(env="development", payment_provider="stripe")
    configured = settings(
        env="development",
        stripe_api_key="sk_test_secret_value",
        stripe_webhook_secret="whsec_secret_value",
    )
    assert "secret_value" not in repr(configured) and "secret_value" not in str(configured)
    assert configured.unpaid_hold_minutes == 30
    assert (configured.guest_service_fee_percent, configured.host_service_fee_percent) == (
        Decimal("14"),
        Decimal("3"),
    )
