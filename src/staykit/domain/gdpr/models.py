"""The GDPR tables (spec §7 GdprAction): the requests, which are compliance records (the
database refuses DELETE on them, migration 0027), and the archives exports build.

An archive's bytes are in the file store (docs/storage.md: with an S3 bucket, workers on
any machine build it and any server process serves it); its row here says where. Both
are deleted once its link has expired (see tasks.purge_expired_exports)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record

ACTION_TYPES = ("export", "delete", "consent")
STATUSES = ("pending", "complete", "failed")


class GdprAction(Record, Base):
    __tablename__ = "gdpr_actions"
    __table_args__ = (
        CheckConstraint("action_type IN ('export', 'delete', 'consent')", name="action_type"),
        CheckConstraint("status IN ('pending', 'complete', 'failed')", name="status"),
        # A request is processed exactly when it left pending.
        CheckConstraint("(status = 'pending') = (processed_at IS NULL)", name="processed"),
        Index("ix_gdpr_actions_user", "user_id", "requested_at"),
        Index("ix_gdpr_actions_requested_at", "requested_at", "id"),
    )

    # An erased user keeps their (anonymous) row, so the request keeps its user.
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    action_type: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_at: Mapped[datetime]
    processed_at: Mapped[datetime | None] = mapped_column(default=None)
    # Why a request failed (an export that could not be built, a refused erase).
    failure_reason: Mapped[str | None] = mapped_column(String(500), default=None)


class GdprExport(Base):
    """The archive of one export request: a zip of one JSON file per section."""

    __tablename__ = "gdpr_exports"

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gdpr_actions.id"), primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    built_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    size: Mapped[int]
    storage_key: Mapped[str | None] = mapped_column(String(512), default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    # Only archives built before migration 0031 (readers fall back to it).
    archive: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
