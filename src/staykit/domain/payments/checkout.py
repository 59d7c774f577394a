"""Paying for a marketplace reservation: start a payment, refresh it from the provider, and
apply what the provider says (the start's own answer, a refresh, a webhook, a job) in one
place, `apply_intent`.

The amount is always the server's: what the ledger says the guest still owes (`due`),
never a client's figure. One payment attempt is one payment intent at the provider and
one `ReservationPayment` row; its idempotency key is derived from the reservation and the
attempt's number, counted under the reservation's row lock, so a retry after a lost
commit asks the provider for the same intent again, and the provider answers it again.

Lock order, everywhere money meets a reservation: the reservation's row first (FOR
UPDATE), then the ledger. A webhook arriving while the start that made its intent is
still running waits for that start's commit, then finds its payment recorded.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking import lifecycle
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.booking.repository import get_reservation
from staykit.domain.booking.statuses import FINAL
from staykit.domain.payments import keys, money_events
from staykit.domain.payments.customers import CardHolder, ensure_customer, saved_method
from staykit.domain.payments.errors import PaymentDeclined
from staykit.domain.payments.ledger import reservation_balance
from staykit.domain.payments.models import UNSETTLED, ReservationPayment
from staykit.domain.payments.port import Intent, IntentRequest, IntentStatus
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.service import record_intent_payment

# The provider's intent status -> staykit's word for the attempt (statusLiteral).
LITERALS = {
    IntentStatus.SUCCEEDED: "succeeded",
    IntentStatus.PROCESSING: "processing",
    IntentStatus.REQUIRES_CAPTURE: "processing",
    IntentStatus.REQUIRES_ACTION: "requiresAction",
    IntentStatus.CANCELED: "canceled",
    IntentStatus.REQUIRES_CONFIRMATION: "started",
    IntentStatus.REQUIRES_PAYMENT_METHOD: "started",
}
# The attempt's word -> the reservation's paymentConfirmation (short of paid).
CONFIRMATIONS = {
    "started": "pending",
    "requiresAction": "pending",
    "failed": "pending",  # the hold goes on: the guest may pay again until it expires
    "processing": "processing",
    "canceled": "canceled",
}


@dataclass(frozen=True, slots=True)
class PaymentParams:
    """What the guest pays with (the marketplace's paymentUserParams)."""

    payment_method: str
    holder: CardHolder = field(default_factory=CardHolder)


@dataclass(slots=True)
class PaymentOutcome:
    """A reservation after a payment step, its attempt and the provider's intent, and
    whether the money is in (`success`)."""

    reservation: Reservation
    attempt: ReservationPayment | None
    intent: Intent | None
    success: bool
    description: str


def literal_of(intent: Intent) -> str:
    if intent.status is IntentStatus.REQUIRES_PAYMENT_METHOD and intent.failure_code:
        return "failed"
    return LITERALS[intent.status]


def describe(literal: str, intent: Intent | None) -> str:
    if literal == "succeeded":
        return "The payment succeeded."
    if literal == "failed":
        code = intent.failure_code if intent is not None else None
        return f"The payment was declined ({code or 'declined'}); pay with another card."
    if literal == "processing":
        return "The payment is being processed by the bank; refresh it later."
    if literal == "requiresAction":
        return "The card's bank asks the guest to confirm the payment."
    if literal == "canceled":
        return "The payment was canceled."
    return "The payment has started."


async def lock_reservation(session: AsyncSession, reservation_id: uuid.UUID) -> Reservation:
    """The reservation's row, locked for the rest of the transaction (see the module)."""
    reservation = await session.scalar(
        select(Reservation)
        .where(Reservation.id == reservation_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if reservation is None:
        raise ReservationNotFound(reservation_id)
    return reservation


async def latest_attempt(
    session: AsyncSession, reservation_id: uuid.UUID
) -> ReservationPayment | None:
    return await session.scalar(
        select(ReservationPayment)
        .where(ReservationPayment.reservation_id == reservation_id)
        .order_by(ReservationPayment.attempt.desc())
        .limit(1)
    )


async def apply_intent(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation: Reservation,
    attempt: ReservationPayment | None,
    intent: Intent,
    *,
    assignments: list[UnitAssignment] | None = None,
) -> str:
    """What the provider says of an intent of `reservation` (whose row the caller has
    locked), applied once: the attempt's statuses; a succeeded payment into the ledger
    (once, whoever sees it first), and, when nothing is left to pay, the reservation paid
    (an instant booking confirmed, a request handed to the host); else the reservation's
    paymentConfirmation. Returns the attempt's statusLiteral. `assignments`: the
    reservation's, when the caller has them loaded (the inbox's batch)."""
    literal = literal_of(intent)
    if attempt is not None and literal == "failed" and attempt.status_literal != "failed":
        await money_events.record_failed(session, principal, attempt, reservation.business_id)
    if attempt is not None:
        attempt.payment_status = intent.status.value
        attempt.status_literal = literal
        attempt.charge_id = intent.latest_charge_id or attempt.charge_id
        attempt.failure_code = intent.failure_code
        attempt.checked_at = utcnow()
        attempt.updated_at = utcnow()
    if literal == "succeeded":
        await record_intent_payment(
            session, principal, setup.provider.name, intent, reservation=reservation
        )
        if (await reservation_balance(session, reservation.id)).due <= 0:
            await lifecycle.payment_received(session, reservation, assignments=assignments)
    elif not await _other_attempt_in_flight(session, reservation.id, attempt):
        await lifecycle.payment_state(
            session, reservation, CONFIRMATIONS[literal], assignments=assignments
        )
    await session.flush()
    return literal


async def _other_attempt_in_flight(
    session: AsyncSession, reservation_id: uuid.UUID, attempt: ReservationPayment | None
) -> bool:
    stmt = select(func.count()).where(
        ReservationPayment.reservation_id == reservation_id,
        ReservationPayment.status_literal.in_(UNSETTLED),
    )
    if attempt is not None:
        stmt = stmt.where(ReservationPayment.id != attempt.id)
    return bool(await session.scalar(stmt))


def _payable(reservation: Reservation) -> None:
    if not reservation.platform_payment:
        raise Conflict(
            "This reservation is not paid through the platform (a partner's booking keeps "
            "its payments in its invoice).",
            code="notPaidThroughPlatform",
            field="reservation_id",
        )
    if reservation.status in FINAL or reservation.status == "completed":
        raise Conflict(
            f"The reservation is {reservation.status}: there is nothing to pay.",
            code="alreadyFinished",
            field="booking_status",
        )
    if reservation.payment_confirmation == "paid":
        raise Conflict("The reservation is paid.", code="alreadyPaid", field="payment_confirmation")


async def start_payment(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
    params: PaymentParams,
) -> PaymentOutcome:
    """The guest pays what the reservation still owes with `params.payment_method`
    (saved to their customer at the provider), charged at once. A decline is an outcome
    (success false, the attempt recorded as failed; the hold goes on), not an error."""
    me = policy.require_login(principal)
    reservation, _ = await get_reservation(session, me, reservation_id, lock=True)
    if reservation.guest_id is None or reservation.guest_id != me.user_id:
        raise Forbidden("Only the reservation's guest pays for it.", code="notYourReservation")
    _payable(reservation)
    if await _other_attempt_in_flight(session, reservation.id, None):
        raise Conflict(
            "A payment of this reservation is in progress: refresh it before paying again.",
            code="paymentInProgress",
            field="payment_confirmation",
        )
    due = (await reservation_balance(session, reservation.id)).due
    if due <= 0:
        raise Conflict("Nothing is left to pay.", code="nothingDue", field="amount")
    provider = setup.provider
    customer = await ensure_customer(session, provider, me)
    method = await saved_method(
        session, provider, me, customer, params.payment_method, params.holder
    )
    number = (
        int(
            await session.scalar(
                select(func.coalesce(func.max(ReservationPayment.attempt), 0)).where(
                    ReservationPayment.reservation_id == reservation.id
                )
            )
            or 0
        )
        + 1
    )
    request = IntentRequest(
        amount=due,
        currency=reservation.currency,
        reservation_id=reservation.id,
        customer_id=customer.customer_id,
        payment_method=method.payment_method_id,
        confirm=True,
        metadata={"attempt": str(number)},
    )
    try:
        intent = await provider.create_intent(
            request, idempotency_key=keys.intent_key(reservation.id, number)
        )
    except PaymentDeclined as declined:
        if declined.intent_id is None:  # refused before any intent existed
            raise
        intent = await provider.retrieve_intent(declined.intent_id)
    attempt = ReservationPayment(
        reservation_id=reservation.id,
        attempt=number,
        provider=provider.name,
        payment_id=intent.id,
        payment_status=intent.status.value,
        status_literal="started",
        amount=due,
        currency=reservation.currency,
        payment_method=method.payment_method_id,
    )
    attempt.owner_id = me.user_id
    session.add(attempt)
    await session.flush()
    literal = await apply_intent(session, me, setup, reservation, attempt, intent)
    return PaymentOutcome(
        reservation, attempt, intent, literal == "succeeded", describe(literal, intent)
    )


async def refresh_payment(
    session: AsyncSession,
    principal: Principal | None,
    setup: PaymentSetup,
    reservation_id: uuid.UUID,
) -> PaymentOutcome:
    """Read the reservation's latest payment from the provider and apply it (for anyone
    who may see the reservation: it only brings staykit up to the provider's word)."""
    me = policy.require_login(principal)
    reservation, _ = await get_reservation(session, me, reservation_id, lock=True)
    attempt = await latest_attempt(session, reservation.id)
    if attempt is None:
        raise Conflict(
            "No payment of this reservation has started: start one first.",
            code="noPaymentStarted",
            field="reservation_id",
        )
    if attempt.provider != setup.provider.name:
        raise Conflict(
            f"The payment was made through {attempt.provider}, which staykit no longer uses.",
            code="providerChanged",
            field="reservation_id",
        )
    intent = await setup.provider.retrieve_intent(attempt.payment_id)
    literal = await apply_intent(session, me, setup, reservation, attempt, intent)
    return PaymentOutcome(
        reservation, attempt, intent, literal == "succeeded", describe(literal, intent)
    )
