"""Webhook tables: subscriptions, the outbox of deliveries, and one row per HTTP attempt.

A delivery targets either a subscription or a property's booking webhook
(`property_webhooks`, the Channel API's); `target_id` repeats whichever it is so that the
ordering rule (per target and entity, by domain event seq) and the drain's queries read
one column. Its id is the `webhook-id` header: a retry or a resend sends the same id, so a
receiver deduplicates by it.

Subscriptions are deleted for real (their deliveries and attempts with them): nothing is
left to send to a URL its owner removed.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base

MAX_URL = 2000


class WebhookSubscription(Base):
    """A business's subscription: where to POST which event types, signed with its secret.

    `scopes` is the creating credential's scopes as granted then (None: a first-party
    session, unrestricted): the entity rides in a payload only where they allow it.
    The secret is stored encrypted (see secrets.py); during a rotation's grace period the
    previous one signs too."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (CheckConstraint("url ~ '^https?://'", name="url"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    client_id: Mapped[str | None] = mapped_column(String(100), default=None)
    credential: Mapped[str] = mapped_column(String(20))
    scopes: Mapped[list[str] | None] = mapped_column(ARRAY(String(60)), default=None)
    url: Mapped[str] = mapped_column(String(MAX_URL))
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    description: Mapped[str | None] = mapped_column(String(200), default=None)
    secret: Mapped[str] = mapped_column(Text)  # Fernet token of the whsec_ value
    previous_secret: Mapped[str | None] = mapped_column(Text, default=None)
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    is_active: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    disabled_reason: Mapped[str | None] = mapped_column(String(40), default=None)
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    failed_deliveries: Mapped[int] = mapped_column(Integer, default=0)
    last_success_at: Mapped[datetime | None] = mapped_column(default=None)
    last_failure_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DeliveryStatus:
    PENDING = "pending"  # to send (now or at next_attempt_at)
    DELIVERED = "delivered"  # the receiver answered 2xx
    FAILED = "failed"  # retries exhausted, or the target answered 410 / was disabled


class WebhookDelivery(Base):
    """The outbox: one row per (target, domain event), written in the dispatcher's
    transaction. Delivered only after the receiver's 2xx (at least once)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("target_id", "event_id", name="uq_webhook_deliveries_target_event"),
        CheckConstraint(
            "(subscription_id IS NULL) <> (property_webhook_id IS NULL)", name="one_target"
        ),
        CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="status"),
        # The drain's and the ordering rule's reads: a target's pending rows by entity, seq.
        Index(
            "ix_webhook_deliveries_pending",
            "target_id",
            "entity_id",
            "event_seq",
            postgresql_where=text("status = 'pending'"),
        ),
        Index(
            "ix_webhook_deliveries_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
        Index("ix_webhook_deliveries_target_entity_seq", "target_id", "entity_id", "event_seq"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    subscription_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), default=None, index=True
    )
    property_webhook_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("property_webhooks.id", ondelete="CASCADE"), default=None, index=True
    )
    target_id: Mapped[uuid.UUID] = mapped_column()
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    event_id: Mapped[uuid.UUID] = mapped_column()
    event_seq: Mapped[int] = mapped_column(BigInteger)
    event_type: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column()
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(20), default=DeliveryStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # since (re)queued
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WebhookAttempt(Base):
    """One HTTP attempt of a delivery: what the receiver answered and how long it took.
    `status_code` None: no answer (`error` says why: refused address, timeout, ...)."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (Index("ix_webhook_attempts_target", "target_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    delivery_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[uuid.UUID] = mapped_column()
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    response_excerpt: Mapped[str | None] = mapped_column(Text, default=None)
    error: Mapped[str | None] = mapped_column(String(300), default=None)
