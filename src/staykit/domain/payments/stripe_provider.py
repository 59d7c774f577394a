"""The Stripe adapter of the payment-provider port, on the official `stripe` SDK
(`stripe.StripeClient`, its async calls over httpx).

Amounts cross here, and only here, between staykit's Decimals and Stripe's integer minor
units (core/money.py does the arithmetic; STRIPE_EXPONENTS says where Stripe counts a
currency otherwise than staykit). Stripe's exceptions are translated into the domain's
typed errors here too, so no caller sees an SDK exception: a card decline is
PaymentDeclined with its decline code, a network failure, rate limit or Stripe 5xx is
ProviderUnavailable (retry with the same idempotency key), bad credentials are
PaymentsNotConfigured. Every changing call passes its idempotency key to Stripe.

Host payouts go to a PayoutSink: Stripe Connect transfers (StripeConnectPayouts) when
configured, else the FAKE sink of payouts.py, which moves no money.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import stripe
import structlog
from stripe.params import (
    CustomerCreateParams,
    PaymentIntentConfirmParams,
    PaymentIntentCreateParams,
    PaymentMethodAttachParams,
    PaymentMethodListParams,
    RefundCreateParams,
    TransferCreateParams,
)
from stripe.params.checkout import SessionCreateParams

from staykit.core import money
from staykit.domain.payments.errors import (
    AmountNotPayable,
    IdempotencyKeyReused,
    PaymentDeclined,
    PaymentRejected,
    PaymentsNotConfigured,
    ProviderObjectNotFound,
    ProviderUnavailable,
)
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
    PayoutSink,
    RefundResult,
    check_payable,
)

log = structlog.get_logger(__name__)

# Where Stripe's API counts a currency's minor units otherwise than staykit's ISO table:
# ISK in hundredths (whole krónur, written as multiples of 100), VND in whole đồng.
STRIPE_EXPONENTS = {"ISK": 2, "VND": 0}


def to_stripe_amount(amount: Decimal, currency: str) -> int:
    """`amount` of `currency` as the integer Stripe's API takes."""
    check_payable(amount, currency)
    try:
        return money.to_minor_units(amount, currency, exponent=STRIPE_EXPONENTS.get(currency))
    except ValueError as exc:
        raise AmountNotPayable(f"Stripe cannot move {amount} {currency}: {exc}.") from exc


def stripe_units(amount: Decimal, currency: str) -> int:
    """Any amount of `currency` (zero included) as Stripe's integer units: for showing
    amounts in Stripe's shape (the Channel API's Stripe reads), not for moving money."""
    return money.to_minor_units(amount, currency, exponent=STRIPE_EXPONENTS.get(currency))


def from_stripe_amount(units: int, currency: str) -> Decimal:
    """Stripe's integer amount of `currency` (any case) as staykit's Decimal."""
    code = currency.upper()
    return money.from_minor_units(units, code, exponent=STRIPE_EXPONENTS.get(code))


def make_client(
    api_key: str,
    *,
    http_client: stripe.HTTPClient,
    api_base: str | None = None,
    max_network_retries: int = 2,
) -> stripe.StripeClient:
    """A StripeClient for the key over `http_client` (stripe.HTTPXClient: async calls).
    `api_base` points it elsewhere than Stripe (localstripe in tests). The SDK retries
    network failures itself, re-sending the same idempotency key, so a retry can never
    charge twice."""
    base = (api_base or "").rstrip("/")
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": base, "connect": base} if base else None,
        http_client=http_client,
        max_network_retries=max_network_retries,
    )


def _id_of(value: Any) -> str | None:
    """An object reference Stripe may give as its id or as the expanded object."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        found = value.get("id")
        return found if isinstance(found, str) else None
    return None


def _data(obj: Any) -> dict[str, Any]:
    """A Stripe object (SDK answer) or a webhook's plain JSON object, as a plain dict."""
    if isinstance(obj, stripe.StripeObject):
        return obj.to_dict()
    return dict(obj)


def intent_from_stripe(obj: Any) -> Intent:
    """A PaymentIntent, from an SDK answer or a webhook event's data.object."""
    data = _data(obj)
    error = data.get("last_payment_error") or {}
    currency = str(data["currency"]).upper()
    return Intent(
        id=str(data["id"]),
        status=IntentStatus(data["status"]),
        amount=from_stripe_amount(int(data["amount"]), currency),
        currency=currency,
        customer_id=_id_of(data.get("customer")),
        payment_method=_id_of(data.get("payment_method")),
        client_secret=data.get("client_secret"),
        latest_charge_id=_id_of(data.get("latest_charge")),
        failure_code=error.get("decline_code") or error.get("code"),
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
    )


def _method_from_stripe(obj: Any) -> PaymentMethod:
    data = _data(obj)
    card = data.get("card") or {}
    return PaymentMethod(
        id=str(data["id"]),
        customer_id=_id_of(data.get("customer")),
        brand=card.get("brand"),
        last4=card.get("last4"),
        exp_month=card.get("exp_month"),
        exp_year=card.get("exp_year"),
    )


def checkout_from_stripe(obj: Any, request: CheckoutRequest) -> Checkout:
    """A Stripe Checkout Session as the port's Checkout (what the request asked, where
    Stripe's answer leaves a field out)."""
    data = _data(obj)
    currency = str(data.get("currency") or request.currency).upper()
    total = data.get("amount_total")
    expires = data.get("expires_at")
    metadata = data.get("metadata")
    return Checkout(
        id=str(data["id"]),
        url=data.get("url"),
        status=str(data.get("status") or "open"),
        payment_status=str(data.get("payment_status") or "unpaid"),
        amount=request.amount if total is None else from_stripe_amount(int(total), currency),
        currency=currency,
        customer_id=_id_of(data.get("customer")),
        intent_id=_id_of(data.get("payment_intent")),
        expires_at=None if expires is None else datetime.fromtimestamp(int(expires), UTC),
        success_url=str(data.get("success_url") or request.success_url),
        cancel_url=str(data.get("cancel_url") or request.cancel_url),
        metadata={str(k): str(v) for k, v in (metadata or {}).items()},
    )


@contextmanager
def translated(operation: str) -> Iterator[None]:
    """Stripe's exceptions, as the domain's typed errors (see the module's docstring)."""
    try:
        yield
    except stripe.CardError as exc:
        intent = getattr(exc.error, "payment_intent", None) if exc.error else None
        decline = (exc.error.decline_code if exc.error else None) or exc.code or "card_declined"
        raise PaymentDeclined(
            exc.user_message or "The card was declined.",
            decline_code=decline,
            intent_id=_id_of(intent.to_dict() if intent is not None else None),
        ) from exc
    except stripe.IdempotencyError as exc:
        raise IdempotencyKeyReused(operation, exc.user_message) from exc
    except stripe.InvalidRequestError as exc:
        if exc.http_status == 404 or exc.code == "resource_missing":
            raise ProviderObjectNotFound(
                exc.user_message or f"Stripe has no such object ({operation}).",
                field=exc.param,
            ) from exc
        raise PaymentRejected(
            exc.user_message or f"Stripe refused to {operation}.", field=exc.param
        ) from exc
    except (stripe.AuthenticationError, stripe.PermissionError) as exc:
        log.error(
            "stripe refused staykit's credentials", operation=operation, status=exc.http_status
        )
        raise PaymentsNotConfigured("The payment provider refused staykit's credentials.") from exc
    except stripe.StripeError as exc:  # network, rate limit, Stripe's 5xx, the unexpected
        log.warning(
            "stripe unavailable",
            operation=operation,
            error=type(exc).__name__,
            status=exc.http_status,
            request_id=exc.request_id,
        )
        raise ProviderUnavailable(f"The payment provider could not {operation}; retry.") from exc


class StripeConnectPayouts:
    """Host payouts as Stripe Connect transfers to the host's connected account."""

    provider = "stripe"

    def __init__(self, client: stripe.StripeClient) -> None:
        self.client = client

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout:
        if not request.destination:
            raise PaymentRejected(
                "The host has no payout account at the payment provider.", field="destination"
            )
        params: TransferCreateParams = {
            "amount": to_stripe_amount(request.amount, request.currency),
            "currency": request.currency.lower(),
            "destination": request.destination,
            "transfer_group": f"reservation:{request.reservation_id}",
            "metadata": {**request.metadata, "reservation_id": str(request.reservation_id)},
        }
        with translated("pay the host out"):
            transfer = await self.client.v1.transfers.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        return Payout(
            id=transfer.id,
            amount=from_stripe_amount(transfer.amount, transfer.currency),
            currency=transfer.currency.upper(),
            destination=request.destination,
            provider=self.provider,
        )


class StripeProvider:
    """The PaymentProvider on Stripe. Build it with `make_client(...)` and a payout sink."""

    name = "stripe"

    def __init__(
        self,
        client: stripe.StripeClient,
        payouts: PayoutSink,
        *,
        http_client: stripe.HTTPClient | None = None,
    ) -> None:
        self.client = client
        self.payouts = payouts
        self.http_client = http_client  # closed by aclose(); the SDK has no close of its own

    async def create_intent(self, request: IntentRequest, *, idempotency_key: str) -> Intent:
        params: PaymentIntentCreateParams = {
            "amount": to_stripe_amount(request.amount, request.currency),
            "currency": request.currency.lower(),
            "metadata": {**request.metadata, "reservation_id": str(request.reservation_id)},
            # Cards only: confirming on the server then needs no return URL. (The SDK's API
            # version has this in place of the older `payment_method_types`.)
            "allowed_payment_method_types": ["card"],
        }
        if request.customer_id:
            params["customer"] = request.customer_id
        if request.payment_method:
            params["payment_method"] = request.payment_method
        if request.confirm:
            params["confirm"] = True
        with translated("create the payment"):
            intent = await self.client.v1.payment_intents.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        return intent_from_stripe(intent)

    async def retrieve_intent(self, intent_id: str) -> Intent:
        with translated("read the payment"):
            intent = await self.client.v1.payment_intents.retrieve_async(intent_id)
        return intent_from_stripe(intent)

    async def confirm_intent(
        self, intent_id: str, *, payment_method: str | None = None, idempotency_key: str
    ) -> Intent:
        params: PaymentIntentConfirmParams = {}
        if payment_method:
            params["payment_method"] = payment_method
        with translated("confirm the payment"):
            intent = await self.client.v1.payment_intents.confirm_async(
                intent_id, params, {"idempotency_key": idempotency_key}
            )
        return intent_from_stripe(intent)

    async def cancel_intent(self, intent_id: str, *, idempotency_key: str) -> Intent:
        with translated("cancel the payment"):
            intent = await self.client.v1.payment_intents.cancel_async(
                intent_id, None, {"idempotency_key": idempotency_key}
            )
        return intent_from_stripe(intent)

    async def refund(
        self,
        intent_id: str,
        amount: Decimal,
        currency: str,
        *,
        idempotency_key: str,
        metadata: dict[str, str] | None = None,
    ) -> RefundResult:
        params: RefundCreateParams = {
            "payment_intent": intent_id,
            "amount": to_stripe_amount(amount, currency),
            "metadata": dict(metadata or {}),
        }
        with translated("refund the payment"):
            refund = await self.client.v1.refunds.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        return RefundResult(
            id=refund.id,
            intent_id=_id_of(refund.payment_intent) or intent_id,
            amount=from_stripe_amount(refund.amount, refund.currency),
            currency=refund.currency.upper(),
            status=str(refund.status),
        )

    async def create_checkout(self, request: CheckoutRequest, *, idempotency_key: str) -> Checkout:
        currency = request.currency.lower()
        metadata = {**request.metadata, "reservation_id": str(request.reservation_id)}
        intent_data: dict[str, Any] = {"metadata": metadata}
        if request.save_payment_method:
            intent_data["setup_future_usage"] = "off_session"
        params: SessionCreateParams = {
            "mode": "payment",
            "line_items": [
                {
                    "price_data": {
                        "currency": currency,
                        "product_data": {"name": line.name},
                        "unit_amount": to_stripe_amount(line.unit_amount, request.currency),
                    },
                    "quantity": line.quantity,
                }
                for line in request.lines
            ],
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
            "client_reference_id": str(request.reservation_id),
            "metadata": metadata,
            # The intent carries the reservation too: its payment_intent.succeeded webhook
            # records the payment in the ledger like any other.
            "payment_intent_data": intent_data,  # type: ignore[typeddict-item]
        }
        if request.customer_id:
            params["customer"] = request.customer_id
        with translated("create the checkout"):
            session = await self.client.v1.checkout.sessions.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        return checkout_from_stripe(session, request)

    async def create_customer(self, request: CustomerRequest, *, idempotency_key: str) -> Customer:
        metadata = {
            name: str(value)
            for name, value in (
                ("user_id", request.user_id),
                ("reservation_id", request.reservation_id),
            )
            if value is not None
        }
        params: CustomerCreateParams = {"metadata": metadata}
        if request.email:
            params["email"] = request.email
        if request.name:
            params["name"] = request.name
        with translated("register the customer"):
            customer = await self.client.v1.customers.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        return Customer(id=customer.id, email=customer.email, name=customer.name)

    async def attach_payment_method(
        self, customer_id: str, payment_method: str, *, idempotency_key: str
    ) -> PaymentMethod:
        params: PaymentMethodAttachParams = {"customer": customer_id}
        with translated("save the payment method"):
            method = await self.client.v1.payment_methods.attach_async(
                payment_method, params, {"idempotency_key": idempotency_key}
            )
        return _method_from_stripe(method)

    async def list_payment_methods(self, customer_id: str) -> list[PaymentMethod]:
        # /v1/payment_methods?customer=... (not /v1/customers/{id}/payment_methods): the
        # same list, and the form localstripe serves as well.
        params: PaymentMethodListParams = {"customer": customer_id, "type": "card", "limit": 100}
        with translated("list the payment methods"):
            page = await self.client.v1.payment_methods.list_async(params)
        return [_method_from_stripe(m) for m in page.data]

    async def pay_out(self, request: PayoutRequest, *, idempotency_key: str) -> Payout:
        return await self.payouts.pay_out(request, idempotency_key=idempotency_key)

    async def aclose(self) -> None:
        """Close the HTTP connections (at shutdown)."""
        if self.http_client is not None:
            await self.http_client.close_async()
