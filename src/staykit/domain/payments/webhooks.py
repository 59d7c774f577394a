"""Taking in Stripe's webhooks (domain level; the route comes with the payment routes).

1. Verify: the `Stripe-Signature` header must sign the exact body with the endpoint's
   secret (the SDK's check, stripe.WebhookSignature), and its timestamp must be within
   the tolerance of staykit's clock (checked here, on the injectable clock, so that a
   stale delivery is told apart from a forged one). Unsigned, forged, tampered, stale or
   unreadable deliveries are refused with a typed WebhookRefused, logged without body or
   header, and nothing of them is stored.
2. Store the event (`store_event`): INSERT ... ON CONFLICT (provider, event_id) DO NOTHING
   decides who processes it. A second delivery of the same event (a retry, a replay, a
   concurrent duplicate, which waits for the first to commit) inserts nothing and changes
   nothing. The marketplace's route stops here and a worker processes the stored event
   (callbacks.py); `take_stripe_webhook` processes it at once, in the same transaction.
3. Dispatch (`dispatch`) the three event types staykit acts on to typed hooks
   (WebhookHooks). `ledger_hooks` records the money in the ledger; the booking wiring adds
   its own.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

import stripe
import structlog
from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.payments import keys
from staykit.domain.payments.errors import PaymentNotRecordedYet, WebhookRefused
from staykit.domain.payments.ledger import NewEntry, lock_reservation_money, record_entry
from staykit.domain.payments.models import LedgerEntry, PaymentEvent
from staykit.domain.payments.port import Intent
from staykit.domain.payments.service import record_intent_payment
from staykit.domain.payments.stripe_provider import from_stripe_amount, intent_from_stripe

log = structlog.get_logger(__name__)

PROVIDER = "stripe"
INTENT_SUCCEEDED = "payment_intent.succeeded"
INTENT_FAILED = "payment_intent.payment_failed"
CHARGE_REFUNDED = "charge.refunded"


@dataclass(frozen=True, slots=True)
class IntentEvent:
    event_id: str
    intent: Intent


@dataclass(frozen=True, slots=True)
class ChargeRefunded:
    """A charge's refunded total changed (a refund made by staykit or on the dashboard)."""

    event_id: str
    charge_id: str
    intent_id: str | None
    currency: str
    refunded: Decimal  # the charge's refunded total, now
    refunded_minor: int  # the same, as Stripe counts it


IntentHook = Callable[[AsyncSession, IntentEvent], Awaitable[None]]
RefundHook = Callable[[AsyncSession, ChargeRefunded], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class WebhookHooks:
    """What to do on each event type staykit acts on (None: stored, nothing done)."""

    intent_succeeded: IntentHook | None = None
    intent_failed: IntentHook | None = None
    charge_refunded: RefundHook | None = None


@dataclass(frozen=True, slots=True)
class WebhookOutcome:
    event_id: str
    type: str
    duplicate: bool  # seen before: nothing done
    dispatched: bool  # a hook ran


def _refuse(reason: str, message: str) -> WebhookRefused:
    log.warning("payment webhook refused", provider=PROVIDER, reason=reason)
    return WebhookRefused(reason, message)


def _signed_at(header: str) -> int:
    stamps = [item[2:] for item in header.split(",") if item.startswith("t=")]
    return int(stamps[0])


def verify(payload: bytes, signature: str | None, secret: str, tolerance_seconds: int) -> None:
    """Raise WebhookRefused unless `signature` signs `payload` with `secret`, recently."""
    if not signature:
        raise _refuse("unsigned", "The webhook carries no Stripe-Signature header.")
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=None)
    except stripe.SignatureVerificationError:
        raise _refuse("badSignature", "The webhook's signature does not match.") from None
    except UnicodeDecodeError:
        raise _refuse("malformed", "The webhook's body is not UTF-8.") from None
    age = utcnow().timestamp() - _signed_at(signature)
    if abs(age) > tolerance_seconds:
        raise _refuse(
            "stale", f"The webhook was signed {int(age)} s ago; at most {tolerance_seconds} s."
        )


def _event(payload: bytes) -> tuple[str, str, dict[str, Any]]:
    try:
        event = json.loads(payload)
        event_id, type_, obj = event["id"], event["type"], event["data"]["object"]
    except (ValueError, KeyError, TypeError):
        raise _refuse("malformed", "The webhook is not a Stripe event.") from None
    if not (isinstance(event_id, str) and isinstance(type_, str) and isinstance(obj, dict)):
        raise _refuse("malformed", "The webhook is not a Stripe event.")
    return event_id, type_, event


def charge_refunded(event_id: str, obj: dict[str, Any]) -> ChargeRefunded:
    currency = str(obj["currency"]).upper()
    refunded = int(obj["amount_refunded"])
    intent = obj.get("payment_intent")
    return ChargeRefunded(
        event_id=event_id,
        charge_id=str(obj["id"]),
        intent_id=intent if isinstance(intent, str) else None,
        currency=currency,
        refunded=from_stripe_amount(refunded, currency),
        refunded_minor=refunded,
    )


async def dispatch(
    session: AsyncSession, hooks: WebhookHooks, event_id: str, type_: str, obj: dict[str, Any]
) -> bool:
    """Run the event's hook, if staykit acts on its type and a hook is set. The event is
    read before the hook runs, so only a payload error is called malformed."""
    run: Callable[[], Awaitable[None]]
    try:
        if type_ == INTENT_SUCCEEDED and hooks.intent_succeeded is not None:
            run = partial(
                hooks.intent_succeeded, session, IntentEvent(event_id, intent_from_stripe(obj))
            )
        elif type_ == INTENT_FAILED and hooks.intent_failed is not None:
            run = partial(
                hooks.intent_failed, session, IntentEvent(event_id, intent_from_stripe(obj))
            )
        elif type_ == CHARGE_REFUNDED and hooks.charge_refunded is not None:
            run = partial(hooks.charge_refunded, session, charge_refunded(event_id, obj))
        else:
            return False
    except (KeyError, ValueError, TypeError) as exc:
        raise _refuse("malformed", f"The {type_} event lacks what staykit reads: {exc}.") from None
    await run()
    return True


@dataclass(frozen=True, slots=True)
class VerifiedEvent:
    """A delivery whose signature holds: the event's id, type and whole body."""

    event_id: str
    type: str
    body: dict[str, Any]

    @property
    def object(self) -> dict[str, Any]:
        obj: dict[str, Any] = self.body["data"]["object"]
        return obj


def verified_event(
    payload: bytes, signature: str | None, secret: str, tolerance_seconds: int
) -> VerifiedEvent:
    """The delivery's event, once its signature and freshness are checked (step 1);
    raises WebhookRefused otherwise."""
    verify(payload, signature, secret, tolerance_seconds)
    return VerifiedEvent(*_event(payload))


async def store_event(session: AsyncSession, event: VerifiedEvent) -> int | None:
    """Store the event once (step 2): its sequence number, or None when it was stored
    before (a duplicate: nothing changes)."""
    stmt = (
        insert(PaymentEvent)
        .values(
            provider=PROVIDER,
            event_id=event.event_id,
            type=event.type[:100],
            received_at=utcnow(),
            payload=event.body,
        )
        .on_conflict_do_nothing(index_elements=["provider", "event_id"])
        .returning(PaymentEvent.seq)
    )
    seq = await session.scalar(stmt)
    if seq is None:
        log.info(
            "payment webhook seen before",
            provider=PROVIDER,
            event_id=event.event_id,
            type=event.type,
        )
    return seq


async def take_stripe_webhook(
    session: AsyncSession,
    *,
    payload: bytes,
    signature: str | None,
    secret: str,
    tolerance_seconds: int,
    hooks: WebhookHooks,
) -> WebhookOutcome:
    """Verify, store once, dispatch at once (see the module's docstring). Flushes; the
    caller commits (or rolls back, and the provider delivers the event again)."""
    event = verified_event(payload, signature, secret, tolerance_seconds)
    seq = await store_event(session, event)
    if seq is None:
        return WebhookOutcome(event.event_id, event.type, duplicate=True, dispatched=False)
    dispatched = await dispatch(session, hooks, event.event_id, event.type, event.object)
    await session.execute(
        update(PaymentEvent)
        .where(PaymentEvent.seq == seq)
        .values(processed_at=utcnow(), outcome="dispatched" if dispatched else "ignored")
    )
    await session.flush()
    return WebhookOutcome(event.event_id, event.type, duplicate=False, dispatched=dispatched)


# --- the ledger's hooks ---------------------------------------------------------------


async def _record_payment(session: AsyncSession, event: IntentEvent) -> None:
    try:
        await record_intent_payment(session, None, PROVIDER, event.intent)
    except ReservationNotFound:
        # Another installation's payment on a shared Stripe account: stored, not ours.
        log.warning("payment for an unknown reservation", event_id=event.event_id)


async def refunded_payment(session: AsyncSession, event: ChargeRefunded) -> LedgerEntry | None:
    """The guest payment a charge.refunded event is about (None: the event names no
    payment intent). Raises PaymentNotRecordedYet when the ledger lacks it so far."""
    if event.intent_id is None:
        return None
    payment = await session.scalar(
        select(LedgerEntry).where(
            LedgerEntry.provider == PROVIDER,
            LedgerEntry.kind == "guest_payment",
            LedgerEntry.provider_ref == event.intent_id,
        )
    )
    if payment is None:
        raise PaymentNotRecordedYet(f"No payment {event.intent_id} is recorded yet.")
    return payment


async def _record_refund(session: AsyncSession, event: ChargeRefunded) -> None:
    await record_provider_refund(session, event)


async def record_provider_refund(
    session: AsyncSession, event: ChargeRefunded, payment: LedgerEntry | None = None
) -> LedgerEntry | None:
    """Record what the charge's refunded total has that the ledger lacks: refunds made
    outside staykit (the dashboard). Refunds staykit made are in the ledger already (the
    money lock makes this wait for one in flight), so they add nothing. Returns the
    refund row written (None: nothing was missing)."""
    payment = payment or await refunded_payment(session, event)
    if payment is None:
        return None
    await lock_reservation_money(session, payment.reservation_id)
    known = await session.scalar(
        select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
            LedgerEntry.related_entry_id == payment.id, LedgerEntry.kind == "refund"
        )
    )
    missing = event.refunded - Decimal(known or 0)
    if missing <= 0:
        return None
    entry, written = await record_entry(
        session,
        None,
        NewEntry(
            kind="refund",
            amount=missing,
            currency=payment.currency,
            reservation_id=payment.reservation_id,
            business_id=payment.business_id,
            idempotency_key=keys.provider_refund_key(
                PROVIDER, event.charge_id, event.refunded_minor
            ),
            provider=PROVIDER,
            provider_ref=event.charge_id,
            related_entry_id=payment.id,
            memo="refunded at the provider",
        ),
    )
    return entry if written else None


def ledger_hooks() -> WebhookHooks:
    """Record succeeded payments and refunds made at the provider in the ledger. A failed
    payment moved no money: the ledger has nothing to record (the booking wiring will)."""
    return WebhookHooks(intent_succeeded=_record_payment, charge_refunded=_record_refund)
