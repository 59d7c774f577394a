"""Webhook subscriptions: the functions the Cloud API and the account portal call.

Each takes the acting principal and the business it acts for, and requires that the
principal manages that business now (owner or manager, or an admin; a partner credential
through its granting user: staykit.domain.tenancy.service.can_manage). A subscription of
another business reads as unknown (404), never as forbidden.

Creating one checks the URL (urlguard: again at every send), the event types
(events.type_problem), snapshots the credential's scopes (what its payloads may carry)
and makes the signing secret, answered once (CreatedSubscription.secret) and stored
encrypted. Rotating makes a new secret and keeps the old one signing for
`webhook_secret_grace_hours`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import urlguard
from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.tenancy import service as tenancy
from staykit.domain.webhooks import events, secrets
from staykit.domain.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from staykit.domain.webhooks.tasks import defer_drain

MAX_SUBSCRIPTIONS = 20  # per business
MAX_DESCRIPTION = 200


@dataclass(frozen=True)
class NewSubscription:
    url: str
    event_types: list[str]
    description: str | None = None


@dataclass(frozen=True)
class CreatedSubscription:
    subscription: WebhookSubscription
    secret: str  # shown once


@dataclass(frozen=True)
class AttemptView:
    id: int
    delivery_id: uuid.UUID
    event_id: uuid.UUID
    event_type: str
    entity_id: uuid.UUID
    delivery_status: str
    attempted_at: datetime
    status_code: int | None
    duration_ms: int
    response_excerpt: str | None
    error: str | None


@dataclass(frozen=True)
class AttemptsPage:
    items: list[AttemptView]
    total: int


class NotManager(Forbidden):
    code = "notManager"

    def __init__(self) -> None:
        super().__init__(
            "Managing webhooks needs the owner or a manager of this business "
            "(this credential's user is neither)."
        )


class SubscriptionNotFound(NotFound):
    code = "webhookNotFound"

    def __init__(self) -> None:
        super().__init__("No webhook subscription with this id in this business.", field="id")


async def _require_manager(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> None:
    if not await tenancy.can_manage(session, principal, business_id):
        raise NotManager()


def _scopes_of(principal: Principal) -> list[str] | None:
    return None if principal.scopes is None else sorted(s.value for s in principal.scopes)


def check_types(given: list[str]) -> list[str]:
    """The event types, de-duplicated in order, or InvalidInput naming the bad item."""
    if not given:
        raise InvalidInput("events must name at least one event type.", field="events")
    if len(given) > events.MAX_TYPES:
        raise InvalidInput(
            f"events may name at most {events.MAX_TYPES} event types.", field="events"
        )
    problems = [
        {"field": f"events[{n}]", "message": problem}
        for n, name in enumerate(given)
        if (problem := events.type_problem(name))
    ]
    if problems:
        raise InvalidInput(problems[0]["message"], field=problems[0]["field"], errors=problems)
    return list(dict.fromkeys(given))


async def check_url(url: str, settings: Settings) -> None:
    try:
        await urlguard.check(url, urlguard.Destinations.from_settings(settings))
    except urlguard.UrlRefused as exc:
        raise InvalidInput(exc.message, code="webhookUrlRefused", field="url") from None


async def list_subscriptions(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID
) -> list[WebhookSubscription]:
    await _require_manager(session, principal, business_id)
    rows = await session.scalars(
        select(WebhookSubscription)
        .where(WebhookSubscription.business_id == business_id)
        .order_by(WebhookSubscription.created_at, WebhookSubscription.id)
    )
    return list(rows)


async def get_subscription(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
    *,
    for_update: bool = False,
) -> WebhookSubscription:
    await _require_manager(session, principal, business_id)
    stmt = select(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id,
        WebhookSubscription.business_id == business_id,
    )
    if for_update:
        stmt = stmt.with_for_update()
    sub = await session.scalar(stmt)
    if sub is None:
        raise SubscriptionNotFound()
    return sub


async def create_subscription(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    command: NewSubscription,
    settings: Settings,
) -> CreatedSubscription:
    await _require_manager(session, principal, business_id)
    types = check_types(command.event_types)
    if command.description is not None and len(command.description) > MAX_DESCRIPTION:
        raise InvalidInput(
            f"description must be at most {MAX_DESCRIPTION} characters.", field="description"
        )
    await check_url(command.url, settings)
    count = await session.scalar(
        select(func.count())
        .select_from(WebhookSubscription)
        .where(WebhookSubscription.business_id == business_id)
    )
    if (count or 0) >= MAX_SUBSCRIPTIONS:
        raise Conflict(
            f"A business has at most {MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first.",
            code="tooManyWebhooks",
        )
    secret = secrets.new_secret()
    sub = WebhookSubscription(
        business_id=business_id,
        created_by=principal.user_id,
        client_id=principal.client_id,
        credential=principal.credential.value,
        scopes=_scopes_of(principal),
        url=command.url,
        event_types=types,
        description=command.description,
        secret=secrets.encrypt(settings, secret),
        consecutive_failures=0,
        failed_deliveries=0,
    )
    session.add(sub)
    await session.flush()
    return CreatedSubscription(sub, secret)


async def delete_subscription(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
) -> None:
    """Delete it with its deliveries and attempts (nothing more is sent to it)."""
    sub = await get_subscription(session, principal, business_id, subscription_id)
    await session.execute(delete(WebhookSubscription).where(WebhookSubscription.id == sub.id))
    session.expunge(sub)


async def rotate_secret(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
    settings: Settings,
) -> CreatedSubscription:
    """A new secret signs from now on; the current one keeps signing beside it for the
    grace period (a second rotation inside it ends the oldest at once)."""
    sub = await get_subscription(session, principal, business_id, subscription_id, for_update=True)
    secret = secrets.new_secret()
    sub.previous_secret = sub.secret
    sub.previous_secret_expires_at = utcnow() + timedelta(hours=settings.webhook_secret_grace_hours)
    sub.secret = secrets.encrypt(settings, secret)
    sub.updated_at = utcnow()
    await session.flush()
    return CreatedSubscription(sub, secret)


async def enable_subscription(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
    settings: Settings,
) -> WebhookSubscription:
    """Enable a disabled subscription again (its URL checked again): its pending
    deliveries resume in order; the ones that failed can be resent."""
    sub = await get_subscription(session, principal, business_id, subscription_id, for_update=True)
    if sub.is_active:
        return sub
    await check_url(sub.url, settings)
    sub.is_active = True
    sub.disabled_reason = None
    sub.disabled_at = None
    sub.consecutive_failures = 0
    await session.flush()
    await defer_drain(session, sub.id)
    return sub


async def recent_attempts(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
    *,
    skip: int = 0,
    limit: int = 50,
) -> AttemptsPage:
    """The subscription's attempts, newest first."""
    sub = await get_subscription(session, principal, business_id, subscription_id)
    total = await session.scalar(
        select(func.count()).select_from(WebhookAttempt).where(WebhookAttempt.target_id == sub.id)
    )
    rows = await session.execute(
        select(WebhookAttempt, WebhookDelivery)
        .join(WebhookDelivery, WebhookDelivery.id == WebhookAttempt.delivery_id)
        .where(WebhookAttempt.target_id == sub.id)
        .order_by(WebhookAttempt.id.desc())
        .offset(skip)
        .limit(limit)
    )
    items = [
        AttemptView(
            id=a.id,
            delivery_id=d.id,
            event_id=d.event_id,
            event_type=d.event_type,
            entity_id=d.entity_id,
            delivery_status=d.status,
            attempted_at=a.attempted_at,
            status_code=a.status_code,
            duration_ms=a.duration_ms,
            response_excerpt=a.response_excerpt,
            error=a.error,
        )
        for a, d in rows.tuples()
    ]
    return AttemptsPage(items, int(total or 0))


async def resend_delivery(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    subscription_id: uuid.UUID,
    delivery_id: uuid.UUID,
) -> WebhookDelivery:
    """Send a delivery again (same webhook-id and body), now, with a fresh retry schedule.
    A delivered one is sent once more; a pending one just stops waiting for its retry."""
    sub = await get_subscription(session, principal, business_id, subscription_id)
    if not sub.is_active:
        raise Conflict(
            "This webhook subscription is disabled; enable it before resending.",
            code="webhookDisabled",
        )
    found = await session.scalar(
        select(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.subscription_id == sub.id)
        .with_for_update()
    )
    if found is None:
        raise NotFound(
            "No delivery with this id for this webhook subscription.",
            code="deliveryNotFound",
            field="deliveryId",
        )
    found.status = DeliveryStatus.PENDING
    found.attempts = 0
    found.next_attempt_at = utcnow()
    await session.flush()
    await defer_drain(session, sub.id)
    return found
