"""Channel API: the Stripe channel (POST /channels/stripe, GET /channels/stripe/charges,
GET /channels/stripe/paymentMethods) over staykit's payment provider and ledger
(staykit.domain.payments.channel_stripe has the rules).

POST serves `createStripeSession`: a Stripe Checkout page for what the booking owes (the
server's figure; a client's line_items must add up to it). The other six actions of the
document answer an item error. Amounts are Stripe's integer units, as Stripe writes
them, and appear only with a bookings-financial scope. Where staykit has no payment
provider (production without a Stripe key), Stripe is "not connected" (409).
"""

from __future__ import annotations

from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Security
from pydantic import ValidationError

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.account_schemas import PostMessage, PostResult
from staykit.api.channel.channel_schemas import ChannelRecord, CreateStripeSession
from staykit.api.channel.listing import ListAnswer, Page, answer
from staykit.api.deps import DbSession, payment_provider
from staykit.core.errors import InvalidInput
from staykit.core.schemas import safe_name
from staykit.domain.access.scopes import Scope
from staykit.domain.channels.connections import require_connection
from staykit.domain.payments import channel_stripe as cs
from staykit.domain.payments.errors import PaymentsNotConfigured
from staykit.domain.payments.port import Checkout, PaymentMethod, PaymentProvider
from staykit.domain.payments.stripe_provider import stripe_units

router = APIRouter(tags=["Channels - Stripe"])

MAX_ITEMS = 100  # each item may call the provider: a bounded request
ACTION = "createStripeSession"
NOT_SERVED = {
    "chargePaymentMethod": "staykit takes a booking's payment through a checkout page "
    "(createStripeSession), never a charge of an amount the client names",
    "refundCharge": "refunds follow the cancellation policy or an admin's decision on a dispute",
    "releaseCharge": "staykit's checkouts capture at once: there is no hold to release",
    "captureCharge": "staykit's checkouts capture at once: there is no hold to capture",
    "addPaymentMethod": "card numbers never reach staykit: cards are saved on Stripe's page",
    "detachPaymentMethod": "saved cards are kept for the booking",
}
UNSERVED: dict[int | str, dict[str, Any]] = {
    409: {"description": "Stripe is not connected: no payment provider is configured."}
}

Reader = Annotated[ActingAccount, Security(acting_account, scopes=["read:channels"])]
Writer = Annotated[ActingAccount, Security(acting_account, scopes=["write:channels"])]
MoneyReader = Annotated[
    ActingAccount,
    Security(acting_account, scopes=["read:channels", "read:bookings-financial"]),
]


def _provider(request: Request) -> PaymentProvider:
    try:
        return payment_provider(request)
    except PaymentsNotConfigured:
        require_connection("stripe")


# --- POST /channels/stripe -------------------------------------------------------------------


def _parse(raw: Any) -> cs.CheckoutCommand | cs.CheckoutRefusal:
    """One item as the domain's command, or the refusal of its shape."""
    if not isinstance(raw, dict):
        return cs.CheckoutRefusal(None, "An item must be an object.")
    action = raw.get("action")
    if action in NOT_SERVED:
        return cs.CheckoutRefusal("action", f"{action} is not served: {NOT_SERVED[action]}.")
    if action != ACTION:
        return cs.CheckoutRefusal("action", f"action must be {ACTION}.")
    try:
        item = CreateStripeSession.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        parts = [safe_name(p) for p in first["loc"]]
        where = ".".join(p for p in parts if p is not None) or None
        return cs.CheckoutRefusal(where, f"{where or 'The item'}: {first['msg']}.")
    if not item.capture:
        return cs.CheckoutRefusal(
            "capture", "capture false (authorize only) is not served: a checkout collects."
        )
    lines = None
    if item.line_items is not None:
        lines = tuple(
            cs.ClaimedLine(
                name=line.price_data.product_data.name,
                unit_amount=line.price_data.unit_amount,
                quantity=line.quantity,
                currency=line.price_data.currency.upper(),
            )
            for line in item.line_items
        )
    return cs.CheckoutCommand(
        booking_id=item.bookingId,
        success_url=item.success_url,
        cancel_url=item.cancel_url,
        lines=lines,
    )


def _wire_field(field: str | None) -> str | None:
    """The domain's `lines.0.unit_amount` in the request's words."""
    if field is None:
        return None
    if field == "booking_id":
        return "bookingId"
    if field.startswith("lines"):
        return "line_items" + field.removeprefix("lines").replace(
            ".currency", ".price_data.currency"
        ).replace(".unit_amount", ".price_data.unit_amount")
    return field


def session_json(checkout: Checkout, booking_id: int, *, financial: bool) -> dict[str, Any]:
    """A Checkout as Stripe writes a Checkout Session (amounts only with `financial`)."""
    out: dict[str, Any] = {
        "id": checkout.id,
        "object": "checkout.session",
        "mode": "payment",
        "url": checkout.url,
        "status": checkout.status,
        "payment_status": checkout.payment_status,
        "customer": checkout.customer_id,
        "payment_intent": checkout.intent_id,
        "success_url": checkout.success_url,
        "cancel_url": checkout.cancel_url,
        "expires_at": None if checkout.expires_at is None else int(checkout.expires_at.timestamp()),
        "metadata": {**checkout.metadata, "booking_id": str(booking_id)},
    }
    if financial:
        out["amount_total"] = stripe_units(checkout.amount, checkout.currency)
        out["currency"] = checkout.currency.lower()
    return out


@router.post(
    "/channels/stripe",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Alpha - Perform actions at Stripe",
    responses=UNSERVED,
)
async def post_stripe(
    account: Writer,
    request: Request,
    session: DbSession,
    items: Annotated[
        list[Any],
        Body(description=f"The items, answered in order; at most {MAX_ITEMS}."),
    ],
) -> list[PostResult]:
    """createStripeSession items, each on its own: a checkout for what the booking owes
    (the same page again for the same request while nothing has been paid since). An
    item that fails changes nothing and does not stop the others."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"At most {MAX_ITEMS} items per request.", code="tooManyItems", field="body"
        )
    provider = _provider(request)
    me = account.principal
    financial = me.allows(Scope.READ_BOOKINGS_FINANCIAL) or me.allows(
        Scope.WRITE_BOOKINGS_FINANCIAL
    )
    outcomes = await cs.start_checkouts(
        session, me, provider, account.business_ids, [_parse(raw) for raw in items]
    )
    answers = []
    for o in outcomes:
        if o.checkout is not None and o.booking_id is not None:
            shown = session_json(o.checkout, o.booking_id, financial=financial)
            answers.append(
                PostResult(success=True, new={"bookingId": o.booking_id, "stripeSession": shown})
            )
            continue
        answers.append(
            PostResult(
                success=False,
                errors=[
                    PostMessage(action=ACTION, field=_wire_field(field), message=message)
                    for field, message in o.errors
                ],
            )
        )
    return answers


# --- GET /channels/stripe/charges and /paymentMethods ------------------------------------------

BookingId = Annotated[int, Query(alias="bookingId", ge=1, lt=2**63)]
ApiVersion = Annotated[
    str | None,
    Query(alias="stripeApiVersion", max_length=50, description="Accepted and ignored."),
]


def charge_json(charge: cs.BookingCharge) -> dict[str, Any]:
    """A guest payment of the ledger as Stripe writes a Charge: `id` is the payment's
    intent (staykit records payments by intent), amounts in Stripe's integer units."""
    amount = stripe_units(charge.amount, charge.currency)
    refunded = stripe_units(charge.refunded, charge.currency)
    return {
        "stripeCharge": {
            "id": charge.intent_id,
            "object": "charge",
            "amount": amount,
            "amount_captured": amount,
            "amount_refunded": refunded,
            "captured": True,
            "currency": charge.currency.lower(),
            "paid": True,
            "refunded": refunded >= amount,
            "status": "succeeded",
            "payment_intent": charge.intent_id,
            "created": int(charge.created_at.astimezone(UTC).timestamp()),
        },
        "provider": charge.provider,
    }


def method_json(method: PaymentMethod) -> dict[str, Any]:
    card = {
        "brand": method.brand,
        "last4": method.last4,
        "exp_month": method.exp_month,
        "exp_year": method.exp_year,
    }
    return {
        "stripePaymentMethod": {
            "id": method.id,
            "object": "payment_method",
            "type": "card",
            "customer": method.customer_id,
            "card": {k: v for k, v in card.items() if v is not None},
        }
    }


@router.get(
    "/channels/stripe/charges",
    response_model=ListAnswer[ChannelRecord],
    summary="Alpha",
)
async def get_stripe_charges(
    account: MoneyReader,
    request: Request,
    session: DbSession,
    page: Page,
    booking_id: BookingId,
    stripe_charge_id: Annotated[
        str | None,
        Query(alias="stripeChargeId", max_length=255, description="The payment's intent id."),
    ] = None,
    stripe_api_version: ApiVersion = None,
) -> dict[str, Any]:
    """The booking's payments as the ledger records them, oldest first, with what has
    been refunded of each; none for a booking the account does not hold. Money only:
    read:channels and read:bookings-financial."""
    charges = await cs.booking_charges(session, account.business_ids, booking_id, stripe_charge_id)
    shown = charges[page.offset : page.offset + page.fetch]
    return answer(request, "stripeCharge", [charge_json(c) for c in shown], page)


@router.get(
    "/channels/stripe/paymentMethods",
    response_model=ListAnswer[ChannelRecord],
    summary="Alpha",
    responses=UNSERVED,
)
async def get_stripe_payment_methods(
    account: Reader,
    request: Request,
    session: DbSession,
    page: Page,
    booking_id: BookingId,
    stripe_payment_method_id: Annotated[
        str | None, Query(alias="stripePaymentMethodId", max_length=255)
    ] = None,
    stripe_api_version: ApiVersion = None,
) -> dict[str, Any]:
    """The cards saved for the booking on its checkouts (brand, last four digits and
    expiry; never a number); none for a booking the account does not hold."""
    provider = _provider(request)
    methods = await cs.booking_payment_methods(
        session, provider, account.business_ids, booking_id, stripe_payment_method_id
    )
    shown = methods[page.offset : page.offset + page.fetch]
    return answer(request, "stripePaymentMethod", [method_json(m) for m in shown], page)


__all__ = ["router"]
