"""The audit log's table (spec §7 AuditLog): who acted (user, credential, partner client,
the credential's id, API surface, address), what they did (`action_type`) to which
object (`action_object`, `object_id`), the before/after summary (`details`) and when.

Append-only like the ledger: the database refuses UPDATE and DELETE of a row (a trigger,
migration 0019). `performed_by` is not a foreign key: the log outlives what it names."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Index, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base


class AuditLog(Base):
    __tablename__ = "audit_logs"
    __table_args__ = (
        # The admin issue's list filters: an object's history, a person's actions, by time.
        Index("ix_audit_logs_object", "action_object", "object_id", "occurred_at"),
        Index("ix_audit_logs_performed_by", "performed_by", "occurred_at"),
        Index("ix_audit_logs_occurred_at", "occurred_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    performed_by: Mapped[uuid.UUID | None] = mapped_column(default=None)  # None: the platform
    credential: Mapped[str] = mapped_column(String(20))
    client_id: Mapped[str | None] = mapped_column(String(100), default=None)
    token_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    surface: Mapped[str | None] = mapped_column(String(20), default=None)
    ip_address: Mapped[str | None] = mapped_column(String(45), default=None)
    action_type: Mapped[str] = mapped_column(String(100))  # "dispute.resolve"
    action_object: Mapped[str] = mapped_column(String(50))  # "dispute"
    object_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    details: Mapped[dict[str, Any]] = mapped_column(JSONB)  # {"before": ..., "after": ...}
