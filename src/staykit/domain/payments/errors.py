"""The payments domain's typed errors, in domain words (field `amount`, `payment_method`),
each with a stable camelCase code and facts a caller can act on. Provider failures are
translated into these where the provider is called (stripe_provider.py), so no caller
ever sees an SDK exception; surfaces map them to their own bodies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from staykit.core import money
from staykit.core.errors import Conflict, DomainError, InvalidInput, NotFound


class PaymentDeclined(DomainError):
    """The guest's bank or card said no: worth telling the guest (another card may work).
    `decline_code` is the provider's reason (card_declined, insufficient_funds, ...)."""

    status = 402
    code = "paymentDeclined"

    def __init__(self, message: str, *, decline_code: str, intent_id: str | None = None) -> None:
        super().__init__(message, field="payment_method")
        self.decline_code = decline_code
        self.intent_id = intent_id
        self.facts: dict[str, Any] = {"declineCode": decline_code, "intentId": intent_id}


class ProviderUnavailable(DomainError):
    """The provider could not be reached or answered with its own failure (network, rate
    limit, 5xx). Nothing is known to have happened: retry the same operation with the
    same idempotency key, and the provider will not do it twice."""

    status = 503
    code = "paymentProviderUnavailable"

    def __init__(self, message: str, *, retry_after: int = 5) -> None:
        super().__init__(message, headers={"Retry-After": str(retry_after)})
        self.retryable = True


class PaymentsNotConfigured(DomainError):
    """No payment provider is configured (production without one), or the configured one
    refuses staykit's credentials. An operator must act; retrying will not help."""

    status = 503
    code = "paymentsNotConfigured"


class PaymentRejected(InvalidInput):
    """The provider refused the request as invalid (a parameter it does not accept, an
    object in the wrong state). The message is the provider's, which names no secret."""

    code = "paymentRejected"


class UnknownPaymentMethod(InvalidInput):
    code = "unknownPaymentMethod"

    def __init__(self, payment_method: str) -> None:
        super().__init__(f"No payment method {payment_method!r}.", field="payment_method")


class ProviderObjectNotFound(NotFound):
    """The provider has no such object (intent, customer, payment method)."""

    code = "paymentObjectNotFound"


class IdempotencyKeyReused(Conflict):
    """The same idempotency key was sent before for a different operation (other amount,
    other reservation): the first operation stands and this one is refused."""

    code = "idempotencyKeyReused"

    def __init__(self, key: str, message: str | None = None) -> None:
        super().__init__(
            message or f"The operation {key!r} was already done with other values.",
            field="idempotency_key",
        )
        self.key = key


class AmountNotPayable(InvalidInput):
    """An amount the provider cannot move: finer than the currency's unit, not positive,
    or in a currency staykit does not know."""

    code = "amountNotPayable"

    def __init__(self, message: str) -> None:
        super().__init__(message, field="amount")


class RefundExceedsPaid(InvalidInput):
    """A refund larger than what is left to refund. Refused before the provider is called."""

    code = "refundExceedsPaid"

    def __init__(self, amount: Decimal, refundable: Decimal, currency: str) -> None:
        amount, refundable = money.quantize(amount, currency), money.quantize(refundable, currency)
        super().__init__(
            f"Cannot refund {amount} {currency}: {refundable} {currency} is left to refund.",
            field="amount",
        )
        self.facts: dict[str, Any] = {
            "amount": str(amount),
            "refundable": str(refundable),
            "currency": currency,
        }


class PayoutExceedsHeld(InvalidInput):
    """A payout and fee larger than the money held for the reservation. Refused before the
    provider is called."""

    code = "payoutExceedsHeld"

    def __init__(self, amount: Decimal, held: Decimal, currency: str) -> None:
        amount, held = money.quantize(amount, currency), money.quantize(held, currency)
        super().__init__(
            f"Cannot pay out and keep {amount} {currency}: {held} {currency} is held.",
            field="amount",
        )
        self.facts: dict[str, Any] = {"amount": str(amount), "held": str(held)}


class LedgerEntryConflict(Conflict):
    """A ledger row with this idempotency key (or for this provider object) already
    records a different movement."""

    code = "ledgerEntryConflict"

    def __init__(self, key: str) -> None:
        super().__init__(
            f"The ledger already records {key!r} with other values.", field="idempotency_key"
        )
        self.key = key


class WebhookRefused(DomainError):
    """A webhook delivery that is not provably the provider's, or not fresh. Nothing of it
    is stored or acted on. `reason`: unsigned, badSignature, stale, malformed."""

    status = 400
    code = "webhookRefused"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message, code=f"webhook{reason[0].upper()}{reason[1:]}")
        self.reason = reason


class PaymentNotRecordedYet(Conflict):
    """A refund event arrived before the payment it refunds was recorded (Stripe does not
    order its events): refused, so that the provider delivers it again later."""

    code = "paymentNotRecordedYet"
