"""The payment-provider port: what staykit asks of whoever moves the money (Stripe, the
offline test-money provider), in domain words and Decimal amounts.

Every call that changes something at the provider takes an idempotency key derived from
the operation (keys.py), and passes it on: the provider does an operation once per key,
and answers a repeat with the first answer. Reads take none (they change nothing).
Failures are the typed errors of errors.py, never an SDK's exceptions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from staykit.core import money
from staykit.domain.payments.errors import AmountNotPayable


def check_payable(amount: Decimal, currency: str) -> None:
    """Refuse an amount no provider should be asked to move: in a currency staykit does
    not know, not positive, or finer than the currency's minor unit."""
    if not money.is_currency(currency):
        raise AmountNotPayable(f"staykit does not take payments in {currency!r}.")
    if amount <= 0:
        raise AmountNotPayable(f"A payment amount must be positive, not {amount}.")
    if not money.fits(amount, currency):
        raise AmountNotPayable(f"{amount} {currency} is finer than a {currency} minor unit.")


class IntentStatus(StrEnum):
    """Where a payment intent is (Stripe's lifecycle, which the offline provider mirrors)."""

    REQUIRES_PAYMENT_METHOD = "requires_payment_method"
    REQUIRES_CONFIRMATION = "requires_confirmation"
    REQUIRES_ACTION = "requires_action"  # the guest must authenticate (3-D Secure)
    PROCESSING = "processing"
    REQUIRES_CAPTURE = "requires_capture"
    CANCELED = "canceled"
    SUCCEEDED = "succeeded"


@dataclass(frozen=True, slots=True)
class IntentRequest:
    """Take `amount` of `currency` from the guest for a reservation. With a payment method
    and confirm=True the provider charges at once (the server-side flow); otherwise the
    intent waits for a payment method and a confirmation."""

    amount: Decimal
    currency: str
    reservation_id: uuid.UUID
    customer_id: str | None = None
    payment_method: str | None = None
    confirm: bool = False
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Intent:
    id: str
    status: IntentStatus
    amount: Decimal
    currency: str
    customer_id: str | None
    payment_method: str | None
    # Handed to the guest's browser to finish a payment there; never logged.
    client_secret: str | None
    latest_charge_id: str | None
    # Why the last attempt failed (the provider's decline code), if it did.
    failure_code: str | None
    metadata: dict[str, str]

    @property
    def reservation_id(self) -> uuid.UUID | None:
        """The reservation the intent was created for (its metadata), if it names one."""
        try:
            return uuid.UUID(self.metadata["reservation_id"])
        except (KeyError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class RefundResult:
    id: str
    intent_id: str
    amount: Decimal
    currency: str
    status: str  # pending, succeeded, failed, canceled, requires_action


@dataclass(frozen=True, slots=True)
class CustomerRequest:
    """A customer for a user (their saved cards), or, where the booker has no staykit
    user (a Channel API booking), for a reservation: `user_id` None, `reservation_id` set."""

    user_id: uuid.UUID | None
    email: str | None = None
    name: str | None = None
    reservation_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    id: str
    email: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class PaymentMethod:
    """A saved card, as far as staykit may know it (no number, no CVC)."""

    id: str
    customer_id: str | None
    brand: str | None
    last4: str | None
    exp_month: int | None
    exp_year: int | None


@dataclass(frozen=True, slots=True)
class CheckoutLine:
    """One line of a hosted checkout page: what the booker sees and pays for it."""

    name: str
    unit_amount: Decimal
    quantity: int = 1

    @property
    def total(self) -> Decimal:
        return self.unit_amount * self.quantity


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    """A hosted checkout page (Stripe Checkout) where the booker pays `amount` for a
    reservation; the lines add up to it (the caller checks). The payment it makes is an
    intent like any other, naming the reservation in its metadata, so the webhook records
    it in the ledger. `save_payment_method` keeps the card on `customer_id` for later."""

    amount: Decimal
    currency: str
    reservation_id: uuid.UUID
    lines: tuple[CheckoutLine, ...]
    success_url: str
    cancel_url: str
    customer_id: str | None = None
    save_payment_method: bool = True
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Checkout:
    id: str
    # The page to send the booker to; None where the provider has no page (offline).
    url: str | None
    status: str  # open, complete, expired
    payment_status: str  # unpaid, paid, no_payment_required
    amount: Decimal
    currency: str
    customer_id: str | None
    intent_id: str | None  # the payment's intent, once the provider made one
    expires_at: datetime | None
    success_url: str
    cancel_url: str
    metadata: dict[str, str]


@dataclass(frozen=True, slots=True)
class PayoutRequest:
    """Send a host their share of a reservation. `destination` is the host's account at
    the provider (a Stripe Connect account id), when one is configured."""

    amount: Decimal
    currency: str
    reservation_id: uuid.UUID
    destination: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Payout:
    id: str
    amount: Decimal
    currency: str
    destination: str | None
    # Who moved it, as the ledger records it: "stripe", or "fake_payouts" when no real
    # payout sink is configured (nothing reached the host; see payouts.FakePayoutSink).
    provider: str


class PayoutSink(Protocol):
    """Where host payouts go: Stripe Connect transfers, or the fake sink."""

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout: ...


class PaymentProvider(Protocol):
    # The provider's name as the ledger records it ("stripe", "offline").
    name: str

    async def create_intent(self, request: IntentRequest, *, idempotency_key: str) -> Intent: ...

    async def retrieve_intent(self, intent_id: str) -> Intent: ...

    async def confirm_intent(
        self, intent_id: str, *, payment_method: str | None = None, idempotency_key: str
    ) -> Intent: ...

    async def cancel_intent(self, intent_id: str, *, idempotency_key: str) -> Intent: ...

    async def refund(
        self,
        intent_id: str,
        amount: Decimal,
        currency: str,
        *,
        idempotency_key: str,
        metadata: dict[str, str] | None = None,
    ) -> RefundResult: ...

    async def create_checkout(
        self, request: CheckoutRequest, *, idempotency_key: str
    ) -> Checkout: ...

    async def create_customer(
        self, request: CustomerRequest, *, idempotency_key: str
    ) -> Customer: ...

    async def attach_payment_method(
        self, customer_id: str, payment_method: str, *, idempotency_key: str
    ) -> PaymentMethod: ...

    async def list_payment_methods(self, customer_id: str) -> list[PaymentMethod]: ...

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout: ...
