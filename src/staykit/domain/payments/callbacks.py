"""The provider's webhook, wired into bookings: what a stored event does to its
reservation, run by a worker: many at once by the batch of event_batches.py (the
payments:process_payment_event job the route defers), or one alone (`process_stored_event`:
a retry, the sweep of events still waiting). Both apply an event the same way
(`apply_event`); a batch reads what its events need beforehand (`Preloaded`).

- A payment that succeeded or failed reaches its reservation through
  checkout.apply_intent, as a refresh would (the guest's own start and refresh apply the
  provider's word themselves and never wait for the worker).
- A refund made at the provider (charge.refunded) reaches the ledger
  (webhooks.record_provider_refund) and the reservation: its refundAmount, a new version
  and a `reservation.refunded` event, once, whoever made the refund known first.

What the route can tell before storing an event it refuses whole, nothing stored
(`check_claims`): an event of a type staykit acts on that it cannot read (malformed), a
signed event whose payment staykit made for one reservation but which
names another, or one about another reservation than the caller said (`reservationId`),
or an amount that is not the one staykit asked for. The worker checks the same again under
the reservation's lock and leaves the reservation alone if it fails (outcome `refused`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any, TypeVar

import structlog
from sqlalchemy import inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking import events
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.booking.repository import assignments_of
from staykit.domain.payments.checkout import apply_intent, lock_reservation
from staykit.domain.payments.errors import WebhookRefused
from staykit.domain.payments.models import LedgerEntry, PaymentEvent, ReservationPayment
from staykit.domain.payments.port import Intent
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.stripe_provider import intent_from_stripe
from staykit.domain.payments.webhooks import (
    CHARGE_REFUNDED,
    INTENT_FAILED,
    INTENT_SUCCEEDED,
    ChargeRefunded,
    IntentEvent,
    VerifiedEvent,
    WebhookHooks,
    charge_refunded,
    dispatch,
    record_provider_refund,
    refunded_payment,
)

log = structlog.get_logger(__name__)
_Row = TypeVar("_Row", Reservation, ReservationPayment)


def _refuse(message: str) -> WebhookRefused:
    log.warning("payment webhook refused", reason="otherReservation")
    return WebhookRefused("otherReservation", message)


def _attempt_mismatch(
    intent: Intent, reservation_id: uuid.UUID, amount: Decimal, currency: str
) -> WebhookRefused | None:
    if reservation_id != intent.reservation_id:
        return _refuse("The payment belongs to another reservation than the event names.")
    if (amount, currency) != (intent.amount, intent.currency):
        return _refuse("The payment's amount is not the one staykit asked for.")
    return None


async def check_claims(
    session: AsyncSession,
    setup: PaymentSetup,
    event: VerifiedEvent,
    claimed: uuid.UUID | None,
) -> None:
    """Refuse (WebhookRefused, before anything is stored) a signed payment event that is
    provably about another reservation than it says or than the caller said: one indexed
    read of the payment attempt, no lock (an attempt's reservation and amount never
    change)."""
    if event.type not in (INTENT_SUCCEEDED, INTENT_FAILED, CHARGE_REFUNDED):
        return
    try:
        if event.type == CHARGE_REFUNDED:  # read now, so an unreadable one is not stored
            charge_refunded(event.event_id, event.object)
            return
        intent = intent_from_stripe(event.object)
    except (KeyError, ValueError, TypeError) as exc:
        log.warning("payment webhook refused", reason="malformed")
        raise WebhookRefused(
            "malformed", f"The {event.type} event lacks what staykit reads: {exc}."
        ) from None
    if claimed is not None and intent.reservation_id != claimed:
        raise _refuse("The event is about another reservation than reservationId.")
    if intent.reservation_id is None:
        return
    row = (
        await session.execute(
            select(
                ReservationPayment.reservation_id,
                ReservationPayment.amount,
                ReservationPayment.currency,
            ).where(
                ReservationPayment.provider == setup.provider.name,
                ReservationPayment.payment_id == intent.id,
            )
        )
    ).one_or_none()
    if row is not None and (refused := _attempt_mismatch(intent, *row)) is not None:
        raise refused


@dataclass
class Preloaded:
    """What a batch of stored events needs, read set-based before any is settled
    (event_batches.preload): the reservations named (locked; None: not ours), the payment
    attempts of the intents (locked; None: staykit made none), the guest payments the
    refunds are about (missing: read again, it may be written by this batch), and the
    reservations' unit assignments. One event alone reads each of its own instead."""

    reservations: dict[uuid.UUID, Reservation | None] = field(default_factory=dict)
    attempts: dict[str, ReservationPayment | None] = field(default_factory=dict)
    payments: dict[str, LedgerEntry] = field(default_factory=dict)
    assignments: dict[uuid.UUID, list[UnitAssignment]] = field(default_factory=dict)


async def _current(session: AsyncSession, row: _Row) -> _Row:
    """A preloaded row as the transaction has it: a SAVEPOINT rolled back expires the rows
    it changed (read again; the batch's lock on them still holds)."""
    if inspect(row).expired_attributes:
        await session.refresh(row)
    return row


@dataclass
class _BookingHooks:
    """The hooks of one stored event; `outcome` says what they did."""

    setup: PaymentSetup
    loaded: Preloaded | None = None
    outcome: str = "ignored"

    async def _reservation(self, session: AsyncSession, reservation_id: uuid.UUID) -> Reservation:
        if self.loaded is None or reservation_id not in self.loaded.reservations:
            # The reservation's row first, as every payment step locks it (checkout.py).
            return await lock_reservation(session, reservation_id)
        reservation = self.loaded.reservations[reservation_id]
        if reservation is None:
            raise ReservationNotFound(reservation_id)
        return await _current(session, reservation)

    async def _attempt(self, session: AsyncSession, intent_id: str) -> ReservationPayment | None:
        if self.loaded is not None and intent_id in self.loaded.attempts:
            attempt = self.loaded.attempts[intent_id]
            return None if attempt is None else await _current(session, attempt)
        return await session.scalar(
            select(ReservationPayment)
            .where(
                ReservationPayment.provider == self.setup.provider.name,
                ReservationPayment.payment_id == intent_id,
            )
            .with_for_update()
        )

    async def _assignments(
        self, session: AsyncSession, reservation_id: uuid.UUID
    ) -> list[UnitAssignment]:
        if self.loaded is not None and reservation_id in self.loaded.assignments:
            return self.loaded.assignments[reservation_id]
        return await assignments_of(session, reservation_id)

    async def intent(self, session: AsyncSession, event: IntentEvent) -> None:
        intent = event.intent
        if intent.reservation_id is None:
            self.outcome = "noReservation"
            return
        try:
            reservation = await self._reservation(session, intent.reservation_id)
        except ReservationNotFound:
            # Another installation's payment on a shared Stripe account: stored, not ours.
            log.warning("payment for an unknown reservation", event_id=event.event_id)
            self.outcome = "unknownReservation"
            return
        attempt = await self._attempt(session, intent.id)
        if attempt is not None:
            refused = _attempt_mismatch(
                intent, attempt.reservation_id, attempt.amount, attempt.currency
            )
            if refused is not None:
                raise refused
        assignments = None
        if self.loaded is not None:
            assignments = self.loaded.assignments.get(reservation.id)
        self.outcome = await apply_intent(
            session, None, self.setup, reservation, attempt, intent, assignments=assignments
        )

    async def refunded(self, session: AsyncSession, event: ChargeRefunded) -> None:
        payment = None
        if self.loaded is not None and event.intent_id is not None:
            payment = self.loaded.payments.get(event.intent_id)
        payment = payment or await refunded_payment(session, event)
        if payment is None:
            self.outcome = "noPayment"
            return
        reservation = await self._reservation(session, payment.reservation_id)
        entry = await record_provider_refund(session, event, payment)
        if entry is None:  # staykit made this refund: the reservation knows it already
            self.outcome = "refundKnown"
            return
        # A change of the reservation like any other: a new version, its event.
        reservation.refund_amount = (reservation.refund_amount or Decimal(0)) + entry.amount
        await events.record_reservation(
            session,
            None,
            "reservation.refunded",
            reservation,
            await self._assignments(session, reservation.id),
        )
        self.outcome = "refunded"

    def hooks(self) -> WebhookHooks:
        return WebhookHooks(
            intent_succeeded=self.intent, intent_failed=self.intent, charge_refunded=self.refunded
        )


async def apply_event(
    session: AsyncSession,
    setup: PaymentSetup,
    event_id: str,
    type_: str,
    body: dict[str, Any],
    loaded: Preloaded | None = None,
) -> str:
    """What the stored event does to its reservation (the module says what), applied; its
    outcome. Raises WebhookRefused when a check under the reservation's lock fails (before
    anything is written), and whatever else stops it (a refund ahead of its payment)."""
    hooks = _BookingHooks(setup, loaded)
    await dispatch(session, hooks.hooks(), event_id, type_, body["data"]["object"])
    return hooks.outcome


async def process_stored_event(session: AsyncSession, setup: PaymentSetup, seq: int) -> str | None:
    """Process the stored event `seq` once, on its own (the sweep's and a retry's path;
    event_batches.py settles many at once): None when it is processed already (or another
    worker is processing it right now: SKIP LOCKED), else its outcome. Flushes; the job
    commits. An error (a refund event ahead of its payment, say) propagates: the job's
    transaction rolls back, the event stays waiting, and the job is retried."""
    stored = (
        await session.execute(
            select(PaymentEvent.event_id, PaymentEvent.type, PaymentEvent.payload)
            .where(PaymentEvent.seq == seq, PaymentEvent.processed_at.is_(None))
            .with_for_update(skip_locked=True)
        )
    ).one_or_none()
    if stored is None:
        return None
    event_id, type_, body = stored
    try:
        outcome = await apply_event(session, setup, event_id, type_, body)
    except WebhookRefused as refused:
        # Raised before anything is written (the hooks check, then act).
        outcome = f"refused:{refused.reason}"
    await session.execute(
        update(PaymentEvent)
        .where(PaymentEvent.seq == seq)
        .values(processed_at=utcnow(), outcome=outcome[:40])
    )
    return outcome


async def waiting_events(
    session: AsyncSession, *, older_than_seconds: int, limit: int
) -> list[int]:
    """Events stored a while ago and still not processed (their job failed for good, or
    is retrying): for the sweep."""
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    rows = await session.scalars(
        select(PaymentEvent.seq)
        .where(
            PaymentEvent.processed_at.is_(None),
            PaymentEvent.received_at <= cutoff,
        )
        .order_by(PaymentEvent.seq)
        .limit(limit)
    )
    return list(rows)
