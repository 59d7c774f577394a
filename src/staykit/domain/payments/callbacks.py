"""The provider's webhook, wired into bookings: a payment that succeeded or failed reaches
its reservation (through checkout.apply_intent, as a refresh would), and refunds made at
the provider reach the ledger (webhooks.ledger_hooks').

webhooks.take_stripe_webhook verifies the signature and stores each event once; these
hooks run inside it, in the same transaction. A signed event whose payment staykit made
for one reservation but which names another is refused whole (nothing of it is stored),
as is one for another reservation than the caller said (`reservationId`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation
from staykit.domain.payments.checkout import apply_intent, describe, lock_reservation
from staykit.domain.payments.errors import WebhookRefused
from staykit.domain.payments.models import ReservationPayment
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.webhooks import (
    IntentEvent,
    WebhookHooks,
    WebhookOutcome,
    ledger_hooks,
    take_stripe_webhook,
)

log = structlog.get_logger(__name__)


@dataclass
class CallbackResult:
    """The event taken in, and the reservation (with its payment attempt) it acted on."""

    outcome: WebhookOutcome
    reservation: Reservation | None = None
    attempt: ReservationPayment | None = None
    intent_event: IntentEvent | None = None
    literal: str | None = None

    @property
    def description(self) -> str:
        if self.outcome.duplicate:
            return "This event was processed before: nothing changed."
        if self.literal is None:
            return "The event was taken in; staykit does not act on it."
        return describe(
            self.literal, None if self.intent_event is None else self.intent_event.intent
        )


def _refuse(message: str) -> WebhookRefused:
    log.warning("payment webhook refused", reason="otherReservation")
    return WebhookRefused("otherReservation", message)


class _BookingHooks:
    def __init__(
        self, setup: PaymentSetup, result: CallbackResult, claimed: uuid.UUID | None
    ) -> None:
        self.setup, self.result, self.claimed = setup, result, claimed

    async def intent(self, session: AsyncSession, event: IntentEvent) -> None:
        intent = event.intent
        reservation_id = intent.reservation_id
        if self.claimed is not None and reservation_id != self.claimed:
            raise _refuse("The event is about another reservation than reservationId.")
        if reservation_id is None:
            return
        try:
            # The reservation's row first, as every payment step locks it (checkout.py).
            reservation = await lock_reservation(session, reservation_id)
        except ReservationNotFound:
            # Another installation's payment on a shared Stripe account: stored, not ours.
            log.warning("payment for an unknown reservation", event_id=event.event_id)
            return
        attempt = await session.scalar(
            select(ReservationPayment)
            .where(
                ReservationPayment.provider == self.setup.provider.name,
                ReservationPayment.payment_id == intent.id,
            )
            .with_for_update()
        )
        if attempt is not None and attempt.reservation_id != reservation.id:
            raise _refuse("The payment belongs to another reservation than the event names.")
        if attempt is not None and (attempt.amount, attempt.currency) != (
            intent.amount,
            intent.currency,
        ):
            raise _refuse("The payment's amount is not the one staykit asked for.")
        self.result.reservation = reservation
        self.result.attempt = attempt
        self.result.intent_event = event
        self.result.literal = await apply_intent(
            session, None, self.setup, reservation, attempt, intent
        )

    def hooks(self) -> WebhookHooks:
        return WebhookHooks(
            intent_succeeded=self.intent,
            intent_failed=self.intent,
            charge_refunded=ledger_hooks().charge_refunded,
        )


async def take_callback(
    session: AsyncSession,
    setup: PaymentSetup,
    *,
    payload: bytes,
    signature: str | None,
    claimed_reservation_id: uuid.UUID | None = None,
) -> CallbackResult:
    """The provider's webhook delivery: verified, stored once, acted on (see the module).
    Raises WebhookRefused (400) for what is not provably the provider's or not fresh,
    and without a webhook secret to tell (webhookNotConfigured)."""
    if not setup.webhook_secret:
        # Refused as unverifiable (Stripe delivers again, for days, any event not answered
        # with a 2xx); an operator must set the secret.
        log.error("payment webhook refused: no webhook secret is configured")
        raise WebhookRefused(
            "notConfigured",
            "No webhook secret is configured (STAYKIT_STRIPE_WEBHOOK_SECRET): staykit cannot "
            "tell the provider's webhooks from anyone's.",
        )
    result = CallbackResult(outcome=WebhookOutcome("", "", duplicate=False, dispatched=False))
    hooks = _BookingHooks(setup, result, claimed_reservation_id)
    result.outcome = await take_stripe_webhook(
        session,
        payload=payload,
        signature=signature,
        secret=setup.webhook_secret,
        tolerance_seconds=setup.webhook_tolerance,
        hooks=hooks.hooks(),
    )
    return result
