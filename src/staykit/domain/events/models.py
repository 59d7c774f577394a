"""The domain event record, shared by every aggregate (reservations now; listings,
payments and the rest as they start writing events)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Identity, Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base


class DomainEvent(Base):
    """Something that happened, with a snapshot of the aggregate, written in the same
    transaction as the change. Consumers (emails now, webhooks later) act on it.

    Who acted: `actor_id` is the user (None: the platform itself, e.g. request expiry);
    `credential`, `client_id` and `surface` say how that principal came in (a session on
    the marketplace, a partner's OAuth client, ...), so an audit can tell a host's own
    change from one a channel manager made on their grant."""

    __tablename__ = "domain_events"
    __table_args__ = (Index("ix_domain_events_aggregate", "aggregate_id", "seq"),)

    seq: Mapped[int] = mapped_column(BigInteger, Identity(always=True), primary_key=True)
    id: Mapped[uuid.UUID] = mapped_column(default=uuid7, unique=True)
    business_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("businesses.id"), index=True, default=None
    )
    aggregate_type: Mapped[str] = mapped_column(String(40))
    aggregate_id: Mapped[uuid.UUID] = mapped_column()
    type: Mapped[str] = mapped_column(String(60))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    credential: Mapped[str | None] = mapped_column(String(20), default=None)
    client_id: Mapped[str | None] = mapped_column(String(100), default=None)
    surface: Mapped[str | None] = mapped_column(String(20), default=None)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
