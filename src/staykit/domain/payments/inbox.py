"""Taking in the provider's webhook deliveries: verified, checked, stored once, and handed to
a worker; the provider gets its 2xx as soon as the event is durably stored.

In the request's transaction: the signature and freshness (webhooks.verified_event), the
claims the route can refuse whole (callbacks.check_claims), the event stored once
(webhooks.store_event) and, for a new event only, its processing job deferred on the same
connection (tasks.process_payment_event): committed together, so a stored event always
has its job and a rolled-back one has none. A replay inserts nothing and defers nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import raw_connection
from staykit.domain.payments.callbacks import check_claims
from staykit.domain.payments.errors import WebhookRefused
from staykit.domain.payments.providers import PaymentSetup
from staykit.domain.payments.tasks import process_payment_event
from staykit.domain.payments.webhooks import store_event, verified_event

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Accepted:
    """A delivery taken in: the event, and whether it was stored before (a duplicate:
    nothing was stored or queued)."""

    event_id: str
    type: str
    duplicate: bool


async def accept_callback(
    session: AsyncSession,
    setup: PaymentSetup,
    *,
    payload: bytes,
    signature: str | None,
    claimed_reservation_id: uuid.UUID | None = None,
) -> Accepted:
    """The provider's webhook delivery: verified, checked, stored once, its processing
    deferred (see the module). Raises WebhookRefused (400) for what is not provably the
    provider's or not fresh, for what is provably about another reservation, and without
    a webhook secret to tell (notConfigured). Flushes; the request commits."""
    if not setup.webhook_secret:
        # Refused as unverifiable (Stripe delivers again, for days, any event not answered
        # with a 2xx); an operator must set the secret.
        log.error("payment webhook refused: no webhook secret is configured")
        raise WebhookRefused(
            "notConfigured",
            "No webhook secret is configured (STAYKIT_STRIPE_WEBHOOK_SECRET): staykit cannot "
            "tell the provider's webhooks from anyone's.",
        )
    event = verified_event(payload, signature, setup.webhook_secret, setup.webhook_tolerance)
    await check_claims(session, setup, event, claimed_reservation_id)
    seq = await store_event(session, event)
    if seq is not None:
        conn = await raw_connection(session)
        await process_payment_event.configure(connection=conn).defer_async(seq=seq)
    return Accepted(event.event_id, event.type, duplicate=seq is None)
