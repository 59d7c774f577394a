"""The notification service's records.

- `outbound_messages`: email and SMS, written in the business transaction and sent by a
  job (service.queue_message).
- `notifications`: a user's in-app notifications (what GET /notification-api/notifications
  lists), `seen_at` when the user marked them seen.
- `push_devices`: a browser's Web Push subscription (its push service endpoint and the
  keys the payload is encrypted to), registered by its user; unregistering keeps the row
  inactive, and a push service answering 404/410 retires it the same way.
- `notification_preferences`: which channels a user wants for which events; only what
  the user changed is stored, the defaults are preferences.DEFAULTS.
- `live_cursors` and `live_events`: what the live stream (SSE) tells each user, with a
  sequence number per user. A writer takes the next number by updating the user's cursor
  row, which it holds locked until it commits, so one user's events commit in the order
  of their numbers: a stream that has seen number n has seen everything before it, and
  resuming after n (Last-Event-ID) loses nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, Record

MAX_TITLE = 200
MAX_BODY = 2000
MAX_ENDPOINT = 2048
MAX_DEVICE_NAME = 100


class OutboundMessage(Base):
    __tablename__ = "outbound_messages"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    channel: Mapped[str] = mapped_column(String(10))  # email | sms
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued|sent|kept|failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class Notification(Record, Base):
    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_created", "user_id", "created_at"),
        Index(
            "ix_notifications_user_unseen",
            "user_id",
            postgresql_where=text("seen_at IS NULL AND is_active"),
        ),
        CheckConstraint("char_length(title) BETWEEN 1 AND 200", name="title"),
        CheckConstraint("char_length(body) <= 2000", name="body"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(MAX_TITLE))
    body: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sender_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), default=None
    )
    seen_at: Mapped[datetime | None] = mapped_column(default=None)
    # Its number in the user's live stream (the SSE event id).
    seq: Mapped[int] = mapped_column(BigInteger)


class PushDevice(Record, Base):
    __tablename__ = "push_devices"
    __table_args__ = (
        # One active registration per push endpoint: registering it again updates it.
        Index(
            "uq_push_devices_active_endpoint",
            "endpoint",
            unique=True,
            postgresql_where=text("is_active"),
        ),
        Index("ix_push_devices_user", "user_id", postgresql_where=text("is_active")),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    endpoint: Mapped[str] = mapped_column(String(MAX_ENDPOINT))
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(MAX_DEVICE_NAME), default=None)
    last_pushed_at: Mapped[datetime | None] = mapped_column(default=None)
    retired_reason: Mapped[str | None] = mapped_column(String(200), default=None)


class NotificationPreference(Base):
    __tablename__ = "notification_preferences"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # {event: [channel, ...]}: the user's choice for the events they changed.
    channels: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class LiveCursor(Base):
    __tablename__ = "live_cursors"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    last_seq: Mapped[int] = mapped_column(BigInteger)


class LiveEvent(Base):
    __tablename__ = "live_events"
    __table_args__ = (Index("ix_live_events_created", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # notification | message
    payload: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
