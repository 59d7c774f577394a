"""Bodies of the Cloud API's /webhooks: a subscription as listed (never its secret), the
create body, the answer that shows a secret once, and a delivery attempt."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from staykit.domain.webhooks.models import WebhookSubscription
from staykit.domain.webhooks.service import AttemptView


class NewWebhook(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: StrictStr = Field(
        description="Where to POST the events: https (http only on a development server), "
        "a public host, no user name or password; at most 2000 characters.",
        max_length=2000,
    )
    events: list[StrictStr] = Field(
        description="Event types (reservation.created, ...), family wildcards "
        "(reservation.*) or * for every one; 1 to 50.",
        max_length=50,
    )
    description: StrictStr | None = Field(
        default=None, max_length=200, description="A note for yourself (at most 200)."
    )


class Webhook(BaseModel):
    id: uuid.UUID
    url: str
    events: list[str]
    description: str | None = None
    active: bool
    disabledReason: str | None = Field(
        default=None,
        description="Why it was disabled: gone (the receiver answered 410) or "
        "failing (a delivery failed every retry).",
    )
    disabledAt: datetime | None = None
    scopes: list[str] | None = Field(
        description="The creating credential's scopes: what the payloads may carry "
        "(null: unrestricted, a first-party session)."
    )
    previousSecretExpiresAt: datetime | None = Field(
        default=None,
        description="Until when the secret before the last rotation still signs.",
    )
    consecutiveFailures: int
    lastSuccessAt: datetime | None = None
    lastFailureAt: datetime | None = None
    createdAt: datetime


class WebhookWithSecret(Webhook):
    secret: str = Field(
        description="The signing secret (whsec_...), shown only in this answer: keep it."
    )


class Attempt(BaseModel):
    id: int
    deliveryId: uuid.UUID = Field(description="The delivery, also its webhook-id header.")
    eventId: uuid.UUID
    eventType: str
    entityId: uuid.UUID
    deliveryStatus: str = Field(description="pending, delivered or failed.")
    attemptedAt: datetime
    statusCode: int | None = Field(description="The receiver's HTTP status; null: no answer.")
    durationMs: int
    responseExcerpt: str | None = Field(description="The answer's first 1 KB.")
    error: str | None = Field(description="Why there was no answer (timeout, refused, ...).")


class Resent(BaseModel):
    deliveryId: uuid.UUID
    status: str


def webhook(sub: WebhookSubscription) -> Webhook:
    return Webhook(
        id=sub.id,
        url=sub.url,
        events=list(sub.event_types),
        description=sub.description,
        active=sub.is_active,
        disabledReason=sub.disabled_reason,
        disabledAt=sub.disabled_at,
        scopes=None if sub.scopes is None else list(sub.scopes),
        previousSecretExpiresAt=sub.previous_secret_expires_at if sub.previous_secret else None,
        consecutiveFailures=sub.consecutive_failures,
        lastSuccessAt=sub.last_success_at,
        lastFailureAt=sub.last_failure_at,
        createdAt=sub.created_at,
    )


def with_secret(sub: WebhookSubscription, secret: str) -> WebhookWithSecret:
    return WebhookWithSecret(**webhook(sub).model_dump(), secret=secret)


def attempt(view: AttemptView) -> Attempt:
    return Attempt(
        id=view.id,
        deliveryId=view.delivery_id,
        eventId=view.event_id,
        eventType=view.event_type,
        entityId=view.entity_id,
        deliveryStatus=view.delivery_status,
        attemptedAt=view.attempted_at,
        statusCode=view.status_code,
        durationMs=view.duration_ms,
        responseExcerpt=view.response_excerpt,
        error=view.error,
    )
