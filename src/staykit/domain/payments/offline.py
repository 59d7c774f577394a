"""The offline provider: TEST MONEY. Payments, refunds and payouts that never leave this
process, so that `make run` shows the whole payment flow with no network and no Stripe
account. It is what staykit uses when no Stripe key is configured outside production;
production refuses it at startup unless test money is explicitly allowed (core/config.py).

It mirrors Stripe's test tokens and lifecycle, so the same client code works on both:

| payment method | what confirming does |
|---|---|
| pm_card_visa, pm_card_mastercard, pm_card_amex | succeeds |
| pm_card_chargeDeclined | declined: card_declined (generic_decline) |
| pm_card_chargeDeclinedInsufficientFunds | declined: insufficient_funds |
| pm_card_chargeDeclinedExpiredCard | declined: expired_card |
| pm_card_chargeCustomerFail | can be saved, declined when charged: card_declined |

Saving (attaching) a test token to a customer gives a new pm_offline_... id that behaves
as its token. Intents, customers and refunds live in this object's memory (one process:
`staykit serve` runs its worker in-process, so both see them); a restart forgets them.
Idempotency keys behave as Stripe's: the same key answers the first answer again (a
decline included), a key reused with different values is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from staykit.domain.payments.errors import (
    PaymentDeclined,
    PaymentRejected,
    ProviderObjectNotFound,
    UnknownPaymentMethod,
)
from staykit.domain.payments.payouts import FakePayoutSink, Replays
from staykit.domain.payments.port import (
    Checkout,
    CheckoutRequest,
    Customer,
    CustomerRequest,
    Intent,
    IntentRequest,
    IntentStatus,
    PaymentMethod,
    Payout,
    PayoutRequest,
    RefundResult,
    check_payable,
)


@dataclass(frozen=True, slots=True)
class TestCard:
    brand: str
    last4: str
    decline_code: str | None = None  # None: charging it succeeds


TEST_CARDS = {
    "pm_card_visa": TestCard("visa", "4242"),
    "pm_card_mastercard": TestCard("mastercard", "4444"),
    "pm_card_amex": TestCard("amex", "8431"),
    "pm_card_chargeDeclined": TestCard("visa", "0002", "generic_decline"),
    "pm_card_chargeDeclinedInsufficientFunds": TestCard("visa", "9995", "insufficient_funds"),
    "pm_card_chargeDeclinedExpiredCard": TestCard("visa", "0069", "expired_card"),
    "pm_card_chargeCustomerFail": TestCard("visa", "0341", "card_declined"),
}
DECLINE_MESSAGES = {
    "generic_decline": "Your card was declined.",
    "insufficient_funds": "Your card has insufficient funds.",
    "expired_card": "Your card has expired.",
    "card_declined": "Your card was declined.",
}
CANCELABLE = (
    IntentStatus.REQUIRES_PAYMENT_METHOD,
    IntentStatus.REQUIRES_CONFIRMATION,
    IntentStatus.REQUIRES_ACTION,
    IntentStatus.REQUIRES_CAPTURE,
)


def _new_id(prefix: str) -> str:
    return f"{prefix}_offline_{uuid.uuid4().hex[:20]}"


class OfflineProvider:
    """TEST MONEY (see the module's docstring). One instance per process."""

    name = "offline"

    def __init__(self) -> None:
        self.intents: dict[str, Intent] = {}
        self.customers: dict[str, Customer] = {}
        # Saved methods: id -> (test card, customer)
        self.saved: dict[str, tuple[TestCard, str]] = {}
        self.refunded: dict[str, Decimal] = {}
        self.refunds: list[RefundResult] = []
        self.checkouts: dict[str, Checkout] = {}
        self.payouts = FakePayoutSink()
        self._replays = Replays()

    # --- helpers ---------------------------------------------------------------------

    def _card(self, payment_method: str) -> TestCard:
        if payment_method in TEST_CARDS:
            return TEST_CARDS[payment_method]
        if payment_method in self.saved:
            return self.saved[payment_method][0]
        raise UnknownPaymentMethod(payment_method)

    def _intent(self, intent_id: str) -> Intent:
        try:
            return self.intents[intent_id]
        except KeyError:
            raise ProviderObjectNotFound(f"No payment {intent_id!r}.", field="intent_id") from None

    def _store(self, intent: Intent) -> Intent:
        self.intents[intent.id] = intent
        return intent

    def _confirm(self, intent: Intent, payment_method: str | None) -> Intent:
        method = payment_method or intent.payment_method
        if intent.status not in (
            IntentStatus.REQUIRES_PAYMENT_METHOD,
            IntentStatus.REQUIRES_CONFIRMATION,
        ):
            raise PaymentRejected(
                f"A payment that is {intent.status} cannot be confirmed.", field="intent_id"
            )
        if method is None:
            raise PaymentRejected("Confirming needs a payment method.", field="payment_method")
        card = self._card(method)
        if card.decline_code is not None:
            self._store(
                replace(
                    intent,
                    status=IntentStatus.REQUIRES_PAYMENT_METHOD,
                    payment_method=None,
                    failure_code=card.decline_code,
                )
            )
            raise PaymentDeclined(
                DECLINE_MESSAGES[card.decline_code],
                decline_code=card.decline_code,
                intent_id=intent.id,
            )
        return self._store(
            replace(
                intent,
                status=IntentStatus.SUCCEEDED,
                payment_method=method,
                latest_charge_id=_new_id("ch"),
                failure_code=None,
            )
        )

    # --- the port --------------------------------------------------------------------

    async def create_intent(self, request: IntentRequest, *, idempotency_key: str) -> Intent:
        check_payable(request.amount, request.currency)

        def create() -> Intent:
            if request.customer_id is not None and request.customer_id not in self.customers:
                raise ProviderObjectNotFound(
                    f"No customer {request.customer_id!r}.", field="customer_id"
                )
            if request.payment_method is not None:
                self._card(request.payment_method)
            intent_id = _new_id("pi")
            intent = self._store(
                Intent(
                    id=intent_id,
                    status=(
                        IntentStatus.REQUIRES_CONFIRMATION
                        if request.payment_method
                        else IntentStatus.REQUIRES_PAYMENT_METHOD
                    ),
                    amount=request.amount,
                    currency=request.currency,
                    customer_id=request.customer_id,
                    payment_method=request.payment_method,
                    client_secret=f"{intent_id}_secret_{uuid.uuid4().hex[:16]}",
                    latest_charge_id=None,
                    failure_code=None,
                    metadata={**request.metadata, "reservation_id": str(request.reservation_id)},
                )
            )
            return self._confirm(intent, None) if request.confirm else intent

        return self._replays.once(idempotency_key, ("create", request), create)

    async def retrieve_intent(self, intent_id: str) -> Intent:
        return self._intent(intent_id)

    async def confirm_intent(
        self, intent_id: str, *, payment_method: str | None = None, idempotency_key: str
    ) -> Intent:
        return self._replays.once(
            idempotency_key,
            ("confirm", intent_id, payment_method),
            lambda: self._confirm(self._intent(intent_id), payment_method),
        )

    async def cancel_intent(self, intent_id: str, *, idempotency_key: str) -> Intent:
        def cancel() -> Intent:
            intent = self._intent(intent_id)
            if intent.status not in CANCELABLE:
                raise PaymentRejected(
                    f"A payment that is {intent.status} cannot be canceled.", field="intent_id"
                )
            return self._store(replace(intent, status=IntentStatus.CANCELED))

        return self._replays.once(idempotency_key, ("cancel", intent_id), cancel)

    async def refund(
        self,
        intent_id: str,
        amount: Decimal,
        currency: str,
        *,
        idempotency_key: str,
        metadata: dict[str, str] | None = None,
    ) -> RefundResult:
        check_payable(amount, currency)

        def refund() -> RefundResult:
            intent = self._intent(intent_id)
            if intent.status is not IntentStatus.SUCCEEDED:
                raise PaymentRejected(
                    "Only a succeeded payment can be refunded.", field="intent_id"
                )
            if currency != intent.currency:
                raise PaymentRejected(
                    f"The payment was in {intent.currency}, not {currency}.", field="currency"
                )
            left = intent.amount - self.refunded.get(intent_id, Decimal(0))
            if amount > left:
                raise PaymentRejected(
                    f"Refund {amount} {currency} is more than the {left} left.", field="amount"
                )
            self.refunded[intent_id] = self.refunded.get(intent_id, Decimal(0)) + amount
            result = RefundResult(_new_id("re"), intent_id, amount, currency, "succeeded")
            self.refunds.append(result)
            return result

        return self._replays.once(idempotency_key, ("refund", intent_id, amount, currency), refund)

    async def create_checkout(self, request: CheckoutRequest, *, idempotency_key: str) -> Checkout:
        """A checkout with no page (url None): `complete_checkout` pays it, as a booker
        entering a card on Stripe's page would."""
        check_payable(request.amount, request.currency)

        def create() -> Checkout:
            if request.customer_id is not None and request.customer_id not in self.customers:
                raise ProviderObjectNotFound(
                    f"No customer {request.customer_id!r}.", field="customer_id"
                )
            metadata = {**request.metadata, "reservation_id": str(request.reservation_id)}
            checkout = Checkout(
                id=_new_id("cs"),
                url=None,
                status="open",
                payment_status="unpaid",
                amount=request.amount,
                currency=request.currency,
                customer_id=request.customer_id,
                intent_id=None,
                expires_at=None,
                success_url=request.success_url,
                cancel_url=request.cancel_url,
                metadata=metadata,
            )
            self.checkouts[checkout.id] = checkout
            return checkout

        return self._replays.once(idempotency_key, ("checkout", request), create)

    def complete_checkout(self, checkout_id: str, payment_method: str) -> Intent:
        """TEST MONEY: pay an open checkout with a test card (a decline raises, and the
        checkout stays open), saving the card on its customer. Answers the succeeded
        intent, which a webhook would deliver."""
        checkout = self.checkouts.get(checkout_id)
        if checkout is None or checkout.status != "open":
            raise ProviderObjectNotFound(f"No open checkout {checkout_id!r}.", field="checkout_id")
        intent = self._store(
            Intent(
                id=_new_id("pi"),
                status=IntentStatus.REQUIRES_CONFIRMATION,
                amount=checkout.amount,
                currency=checkout.currency,
                customer_id=checkout.customer_id,
                payment_method=payment_method,
                client_secret=None,
                latest_charge_id=None,
                failure_code=None,
                metadata=dict(checkout.metadata),
            )
        )
        paid = self._confirm(intent, None)
        if checkout.customer_id is not None:
            self.saved[_new_id("pm")] = (self._card(payment_method), checkout.customer_id)
        self.checkouts[checkout_id] = replace(
            checkout, status="complete", payment_status="paid", intent_id=paid.id
        )
        return paid

    async def create_customer(self, request: CustomerRequest, *, idempotency_key: str) -> Customer:
        def create() -> Customer:
            customer = Customer(_new_id("cus"), request.email, request.name)
            self.customers[customer.id] = customer
            return customer

        return self._replays.once(idempotency_key, ("customer", request), create)

    async def attach_payment_method(
        self, customer_id: str, payment_method: str, *, idempotency_key: str
    ) -> PaymentMethod:
        def attach() -> PaymentMethod:
            if customer_id not in self.customers:
                raise ProviderObjectNotFound(f"No customer {customer_id!r}.", field="customer_id")
            card = self._card(payment_method)
            method_id = payment_method if payment_method in self.saved else _new_id("pm")
            self.saved[method_id] = (card, customer_id)
            return self._method(method_id)

        return self._replays.once(idempotency_key, ("attach", customer_id, payment_method), attach)

    async def list_payment_methods(self, customer_id: str) -> list[PaymentMethod]:
        if customer_id not in self.customers:
            raise ProviderObjectNotFound(f"No customer {customer_id!r}.", field="customer_id")
        return [self._method(m) for m, (_, owner) in self.saved.items() if owner == customer_id]

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout:
        return await self.payouts.pay_out(request, idempotency_key=idempotency_key)

    def _method(self, method_id: str) -> PaymentMethod:
        card, customer_id = self.saved[method_id]
        return PaymentMethod(method_id, customer_id, card.brand, card.last4, 12, 2034)
