"""bookingManagement's payment routes (spec §5.2): start, refresh and the provider's
webhook (each answering the reservation with its `paymentResult`), the payment attempts
(Sys_reservationPayment) with their two lookups, customers and saved cards, and payment
records. The payments domain (staykit.domain.payments) holds the rules; docs in
docs/bookingmanagement-api.md."""

# No `from __future__ import annotations` (see resource.py).

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse

from staykit.api.idempotency import idempotent
from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.booking import reservation_json
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import RECORD_FIELDS, jsonable, money_json, respond
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.payment_schemas import (
    CallbackAnswer,
    CreatePaymentRecord,
    CreateReservationPayment,
    PaymentCustomerRecord,
    PaymentMethodRecord,
    PaymentRecordRecord,
    RefreshPayment,
    ReservationPaymentRecord,
    ReservationWithPayment,
    StartPayment,
    UpdateReservationPayment,
)
from staykit.api.marketplace.resource import (
    Resource,
    list_parameters,
    list_records,
    mount,
    read_parameters,
)
from staykit.api.marketplace.responses import READ, WRITE, Access, described, envelope
from staykit.core.errors import InvalidInput
from staykit.domain.booking.repository import assignments_of
from staykit.domain.payments import checkout, records
from staykit.domain.payments.checkout import PaymentOutcome, PaymentParams
from staykit.domain.payments.inbox import accept_callback
from staykit.domain.payments.models import (
    PaymentCustomer,
    PaymentRecordView,
    ReservationPayment,
    SavedPaymentMethod,
)
from staykit.domain.payments.providers import payment_setup

router = APIRouter()
ReservationId = Annotated[uuid.UUID, Path(description="The reservation's id")]
PAYMENT_STATUSES = ("pending", "paid", "refunded", "failed")
MAX_WEBHOOK_BYTES = 256 * 1024

# --- shaping ----------------------------------------------------------------------------------


def _record_fields(row: Any) -> dict[str, Any]:
    return {f.name: jsonable(getattr(row, f.attr)) for f in RECORD_FIELDS}


def attempt_json(row: ReservationPayment) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "ownerId": jsonable(row.owner_id),
        "orderId": str(row.reservation_id),
        "paymentId": row.payment_id,
        "paymentStatus": row.payment_status,
        "statusLiteral": row.status_literal,
        "redirectUrl": row.redirect_url,
        "attempt": row.attempt,
        "amount": money_json(row.amount, row.currency),
        "currency": row.currency,
        "platform": row.provider,
        "failureCode": row.failure_code,
        **_record_fields(row),
    }


def customer_json(row: PaymentCustomer) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "userId": str(row.user_id),
        "customerId": row.customer_id,
        "platform": row.platform,
        **_record_fields(row),
    }


def method_json(row: SavedPaymentMethod) -> dict[str, Any]:
    info = row.card_info or {}
    return {
        "id": str(row.id),
        "paymentMethodId": row.payment_method_id,
        "userId": str(row.user_id),
        "customerId": row.customer_id,
        "cardHolderName": row.card_holder_name,
        "cardHolderZip": row.card_holder_zip,
        "platform": row.platform,
        "cardInfo": {k: info.get(k) for k in ("brand", "last4", "expMonth", "expYear")},
        **_record_fields(row),
    }


def payment_record_json(row: PaymentRecordView) -> dict[str, Any]:
    cur = row.currency
    status = row.payment_status
    return {
        "id": str(row.id),
        "reservationId": str(row.reservation_id),
        "stripeChargeId": row.stripe_charge_id,
        "payoutAmountHost": money_json(row.payout_amount_host, cur),
        "paymentIntentId": row.payment_intent_id,
        "currency": cur,
        "cityTax": money_json(row.city_tax, cur),
        "refundAmount": money_json(row.refund_amount, cur),
        "amountPaid": money_json(row.amount_paid, cur),
        "paymentStatus": status,
        "paymentStatus_idx": PAYMENT_STATUSES.index(status) if status in PAYMENT_STATUSES else None,
        "platformFee": money_json(row.platform_fee, cur),
        "paymentDate": jsonable(row.payment_date),
        "movement": row.movement,
        "provider": row.provider,
        "providerRef": row.provider_ref,
        **_record_fields(row),
    }


def payment_result(
    outcome: PaymentOutcome, params: PaymentParams | None, *, for_guest: bool
) -> dict[str, Any]:
    """The seed's paymentResult of a payment step."""
    r, attempt, intent = outcome.reservation, outcome.attempt, outcome.intent
    info = None
    if intent is not None:
        info = {
            "id": intent.id,
            "status": intent.status.value,
            "amount": money_json(intent.amount, intent.currency),
            "currency": intent.currency,
            "clientSecret": intent.client_secret if for_guest else None,
            "failureCode": intent.failure_code,
            "latestChargeId": intent.latest_charge_id,
        }
    return {
        "paymentTicketId": None if attempt is None else str(attempt.id),
        "orderId": str(r.id),
        "paymentId": None if attempt is None else attempt.payment_id,
        "paymentStatus": None if attempt is None else attempt.payment_status,
        "paymentIntentInfo": info,
        "statusLiteral": None if attempt is None else attempt.status_literal,
        "amount": None if attempt is None else money_json(attempt.amount, attempt.currency),
        "currency": r.currency,
        "success": outcome.success,
        "description": outcome.description,
        "metadata": {
            "reservationId": str(r.id),
            "attempt": None if attempt is None else attempt.attempt,
            "paymentConfirmation": r.payment_confirmation,
        },
        "paymentUserParams": None
        if params is None
        else {
            "paymentMethodId": params.payment_method,
            "cardHolderName": params.holder.name,
            "cardHolderZip": params.holder.zip,
        },
    }


async def _answer(ctx: Ctx, outcome: PaymentOutcome, params: PaymentParams | None) -> JSONResponse:
    reservation = outcome.reservation
    shaped = reservation_json(reservation, await assignments_of(ctx.session, reservation.id))
    for_guest = ctx.actor is not None and ctx.actor.user_id == reservation.guest_id
    result = payment_result(outcome, params, for_guest=for_guest)
    return respond(ctx, "reservation", shaped, action="update", extra={"paymentResult": result})


# --- start, refresh, callback -----------------------------------------------------------------


@router.patch(
    "/v1/startreservationpayment/{reservationId}",
    tags=["payments"],
    summary="startReservationPayment",
    **described(Access.LOGIN, 402, 503, *WRITE, model=ReservationWithPayment),
)
@idempotent
async def start_reservation_payment(
    ctx: Context, reservationId: ReservationId, body: StartPayment
) -> JSONResponse:
    """The reservation's guest pays what it still owes (the server's amount) with
    paymentUserParams.paymentMethodId, charged at once. A declined card answers 200 with
    `paymentResult.success` false (the hold goes on: pay again with another card)."""
    params = body.payment_user_params.params()
    outcome = await checkout.start_payment(
        ctx.session, ctx.user(), payment_setup(ctx.settings), reservationId, params
    )
    return await _answer(ctx, outcome, params)


@router.patch(
    "/v1/refreshreservationpayment/{reservationId}",
    tags=["payments"],
    summary="refreshReservationPayment",
    **described(Access.LOGIN, 503, *WRITE, model=ReservationWithPayment),
)
async def refresh_reservation_payment(
    ctx: Context, reservationId: ReservationId, body: RefreshPayment | None = None
) -> JSONResponse:
    """Reads the reservation's latest payment from the provider and applies it (the
    guest, the host side, admins)."""
    outcome = await checkout.refresh_payment(
        ctx.session, ctx.user(), payment_setup(ctx.settings), reservationId
    )
    return await _answer(ctx, outcome, None)


@router.post(
    "/v1/callbackreservationpayment",
    tags=["payments"],
    summary="callbackReservationPayment",
    **described(Access.PUBLIC, 400, 409, 413, 503, model=CallbackAnswer),
)
async def callback_reservation_payment(
    ctx: Context,
    request: Request,
    reservationId: Annotated[
        uuid.UUID | None,
        Query(description="When given, the event must be about this reservation."),
    ] = None,
) -> JSONResponse:
    """The payment provider's webhook (Stripe's): called by the provider, not a user. The
    `Stripe-Signature` header must sign the exact body with the webhook secret, recently;
    anything else is a 400 and nothing is stored. The answer comes once the event is
    stored (`queued` true; a worker applies it to its reservation moments later); an event
    delivered again is `duplicate` and changes nothing."""
    payload = await request.body()
    if len(payload) > MAX_WEBHOOK_BYTES:
        raise InvalidInput("The webhook body is too large.", field="body")
    accepted = await accept_callback(
        ctx.session,
        payment_setup(ctx.settings),
        payload=payload,
        signature=request.headers.get("stripe-signature"),
        claimed_reservation_id=reservationId,
    )
    return respond(
        ctx,
        "reservation",
        None,
        action="update",
        extra={
            "paymentResult": None,
            "eventId": accepted.event_id,
            "duplicate": accepted.duplicate,
            "queued": not accepted.duplicate,
        },
    )


# --- reservation payments (Sys_reservationPayment) --------------------------------------------

attempts_resource = Resource(
    name="sys_reservationPayment",
    plural="sys_reservationPayments",
    records=records.ATTEMPTS,
    id_param="sys_reservationPaymentId",
    filters={
        "ownerId": flt.FilterSpec("ownerId", ReservationPayment.owner_id, Kind.ID),
        "orderId": flt.FilterSpec("orderId", ReservationPayment.reservation_id, Kind.ID),
        "paymentId": flt.FilterSpec("paymentId", ReservationPayment.payment_id, Kind.STRING),
        "paymentStatus": flt.FilterSpec(
            "paymentStatus", ReservationPayment.payment_status, Kind.STRING
        ),
        "statusLiteral": flt.FilterSpec(
            "statusLiteral", ReservationPayment.status_literal, Kind.STRING
        ),
        "redirectUrl": flt.FilterSpec("redirectUrl", ReservationPayment.redirect_url, Kind.STRING),
    },
    update_schema=UpdateReservationPayment,
    shape_one=attempt_json,
)
mount(
    router,
    attempts_resource,
    "/v1/reservationpayments",
    ops=("list", "get", "update", "delete"),
    item_path="/v1/reservationpayment/{sys_reservationPaymentId}",
    names={
        "list": "listReservationPayments",
        "get": "getReservationPayment",
        "update": "updateReservationPayment",
        "delete": "deleteReservationPayment",
    },
    tags=["payments"],
    record=ReservationPaymentRecord,
)
ATTEMPT = envelope("sys_reservationPayment", ReservationPaymentRecord)


@router.post(
    "/v1/reservationpayment",
    tags=["payments"],
    summary="createReservationPayment",
    status_code=201,
    **described(Access.LOGIN, 503, *WRITE, model=ATTEMPT),
)
async def create_reservation_payment(ctx: Context, body: CreateReservationPayment) -> JSONResponse:
    """Admins register a payment made at the provider for a reservation outside the
    payment route: staykit reads it there (the statuses sent must be the provider's) and
    applies it as a refresh would. Guests pay with startreservationpayment."""
    attempt, _ = await records.register_provider_payment(
        ctx.session, ctx.user(), payment_setup(ctx.settings), body.command()
    )
    return respond(ctx, "sys_reservationPayment", attempt_json(attempt), action="create")


@router.get(
    "/v1/reservationpaymentbyorderid/{orderId}",
    tags=["payments"],
    summary="getReservationPaymentByOrderId",
    **described(Access.LOGIN, *READ, model=ATTEMPT, parameters=read_parameters()),
)
async def get_reservation_payment_by_order_id(
    ctx: Context, orderId: Annotated[uuid.UUID, Path(description="The reservation's id")]
) -> JSONResponse:
    """The reservation's newest payment attempt (its payer's, or an admin's to read)."""
    row = await records.attempt_by(ctx.session, ctx.user(), order_id=orderId)
    return respond(ctx, "sys_reservationPayment", attempt_json(row), action="get")


@router.get(
    "/v1/reservationpaymentbypaymentid/{paymentId}",
    tags=["payments"],
    summary="getReservationPaymentByPaymentId",
    **described(Access.LOGIN, *READ, model=ATTEMPT, parameters=read_parameters()),
)
async def get_reservation_payment_by_payment_id(
    ctx: Context,
    paymentId: Annotated[str, Path(max_length=255, description="The provider's payment id")],
) -> JSONResponse:
    """The attempt of a provider payment id (its payer's, or an admin's to read)."""
    row = await records.attempt_by(ctx.session, ctx.user(), payment_id=paymentId)
    return respond(ctx, "sys_reservationPayment", attempt_json(row), action="get")


# --- customers and saved cards ----------------------------------------------------------------

customers_resource = Resource(
    name="sys_paymentCustomer",
    plural="sys_paymentCustomers",
    records=records.CUSTOMERS,
    id_param="userId",
    filters={
        "userId": flt.FilterSpec("userId", PaymentCustomer.user_id, Kind.ID),
        "customerId": flt.FilterSpec("customerId", PaymentCustomer.customer_id, Kind.STRING),
        "platform": flt.FilterSpec("platform", PaymentCustomer.platform, Kind.STRING),
    },
    shape_one=customer_json,
)
mount(
    router,
    customers_resource,
    "/v1/paymentcustomers",
    ops=("list",),
    names={"list": "listPaymentCustomers"},
    tags=["payments"],
    record=PaymentCustomerRecord,
)


@router.get(
    "/v1/paymentcustomers/{userId}",
    tags=["payments"],
    summary="getPaymentCustomerByUserId",
    **described(
        Access.LOGIN,
        *READ,
        model=envelope("sys_paymentCustomer", PaymentCustomerRecord),
        parameters=read_parameters(),
    ),
)
async def get_payment_customer_by_user_id(
    ctx: Context, userId: Annotated[uuid.UUID, Path(description="The user's id")]
) -> JSONResponse:
    """The user's customer at the payment platform: the user's own, or an admin's to read."""
    row = await records.customer_of(ctx.session, ctx.user(), userId)
    return respond(ctx, "sys_paymentCustomer", customer_json(row), action="get")


methods_resource = Resource(
    name="sys_paymentMethod",
    plural="sys_paymentMethods",
    records=records.METHODS,
    id_param="userId",
    filters={
        "paymentMethodId": flt.FilterSpec(
            "paymentMethodId", SavedPaymentMethod.payment_method_id, Kind.STRING
        ),
        "customerId": flt.FilterSpec("customerId", SavedPaymentMethod.customer_id, Kind.STRING),
        "cardHolderName": flt.FilterSpec(
            "cardHolderName", SavedPaymentMethod.card_holder_name, Kind.STRING
        ),
        "cardHolderZip": flt.FilterSpec(
            "cardHolderZip", SavedPaymentMethod.card_holder_zip, Kind.STRING
        ),
        "platform": flt.FilterSpec("platform", SavedPaymentMethod.platform, Kind.STRING),
        "cardInfo": flt.FilterSpec("cardInfo", SavedPaymentMethod.card_info, Kind.OBJECT),
    },
    shape_one=method_json,
)


@router.get(
    "/v1/paymentcustomermethods/{userId}",
    tags=["payments"],
    summary="listPaymentCustomerMethods",
    **described(
        Access.LOGIN,
        *READ,
        model=envelope("sys_paymentMethods", PaymentMethodRecord, "page"),
        parameters=list_parameters(methods_resource),
    ),
)
async def list_payment_customer_methods(
    ctx: Context, userId: Annotated[uuid.UUID, Path(description="The user's id")]
) -> JSONResponse:
    """The cards saved to a user's customer: the user's own, or an admin's to read
    (another user's are a 403)."""
    base = records.methods_of(ctx.user(), userId)
    return await list_records(ctx, methods_resource, base=base)


# --- payment records --------------------------------------------------------------------------

payment_records_resource = Resource(
    name="paymentRecord",
    plural="paymentRecords",
    records=records.PAYMENT_RECORDS,
    id_param="paymentRecordId",
    filters={
        "reservationId": flt.FilterSpec("reservationId", PaymentRecordView.reservation_id, Kind.ID),
        "paymentStatus": flt.FilterSpec(
            "paymentStatus", PaymentRecordView.payment_status, Kind.ENUM, PAYMENT_STATUSES
        ),
        "paymentIntentId": flt.FilterSpec(
            "paymentIntentId", PaymentRecordView.payment_intent_id, Kind.STRING
        ),
        "currency": flt.FilterSpec("currency", PaymentRecordView.currency, Kind.STRING),
        "paymentDate": flt.FilterSpec("paymentDate", PaymentRecordView.payment_date, Kind.DATETIME),
        "movement": flt.FilterSpec(
            "movement", PaymentRecordView.movement, Kind.ENUM, ("payment", "refund", "payout")
        ),
    },
    shape_one=payment_record_json,
)
mount(
    router,
    payment_records_resource,
    "/v1/paymentrecords",
    ops=("list", "get"),
    names={"list": "listPaymentRecords", "get": "getPaymentRecord"},
    tags=["payments"],
    record=PaymentRecordRecord,
)


@router.post(
    "/v1/paymentrecords",
    tags=["payments"],
    summary="createPaymentRecord",
    status_code=201,
    **described(Access.LOGIN, 503, *WRITE, model=envelope("paymentRecord", PaymentRecordRecord)),
)
async def create_payment_record(ctx: Context, body: CreatePaymentRecord) -> JSONResponse:
    """Admins: staykit reads the payment from the provider and records it in the ledger
    (the record is that ledger row). Only a succeeded payment of the reservation, with
    the amount and currency sent, is recorded; 409 if it is recorded already."""
    _, entry = await records.register_provider_payment(
        ctx.session, ctx.user(), payment_setup(ctx.settings), body.command(), new_record=True
    )
    assert entry is not None  # new_record: recorded, or refused
    row = await records.record_of(ctx.session, entry.id)
    return respond(ctx, "paymentRecord", payment_record_json(row), action="create")
