"""The dispute records. The database holds the rules it can: one open dispute per
reservation (a partial unique index), the statuses, a decided dispute has its decision
time, a refund only on a resolved dispute and with its amount, a dispute under review
has its admin. Admin dispute actions are append-only (a trigger, migration 0019)."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.models import Base, Record

RESOLUTION_STATUSES = ("pending", "reviewing", "resolved", "rejected")
OPEN = ("pending", "reviewing")
DECIDED = ("resolved", "rejected")
RAISED_AS = ("guest", "host")
# The reservation's disputeStatus while its latest dispute is in each resolution status.
DISPUTE_STATUS_OF = {
    "pending": "requested",
    "reviewing": "active",
    "resolved": "resolved",
    "rejected": "resolved",
}


class Dispute(Record, Base):
    __tablename__ = "disputes"
    __table_args__ = (
        CheckConstraint(
            "resolution_status IN ('pending', 'reviewing', 'resolved', 'rejected')",
            name="resolution_status",
        ),
        CheckConstraint("raised_as IN ('guest', 'host')", name="raised_as"),
        CheckConstraint(
            "(resolution_status IN ('resolved', 'rejected')) = (resolved_at IS NOT NULL)",
            name="decided_at",
        ),
        CheckConstraint("resolution_status = 'pending' OR admin_id IS NOT NULL", name="admin"),
        CheckConstraint(
            "refund_approved = (refund_amount IS NOT NULL) "
            "AND (NOT refund_approved OR resolution_status = 'resolved') "
            "AND (refund_amount IS NULL OR refund_amount > 0) "
            "AND (refund_entry_id IS NULL OR refund_approved)",
            name="refund",
        ),
        # One open dispute per reservation: a second is refused, race-free.
        Index(
            "uq_disputes_open_reservation",
            "reservation_id",
            unique=True,
            postgresql_where=text("resolution_status IN ('pending', 'reviewing') AND is_active"),
        ),
        Index("ix_disputes_created", "created_at", "id"),
    )

    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    raised_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    raised_as: Mapped[str] = mapped_column(String(5))
    admin_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), index=True, default=None
    )
    issue_type: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text)
    # The guest payment (a ledger row) the dispute is about, when the raiser names one.
    related_payment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ledger_entries.id"), default=None
    )
    resolution_status: Mapped[str] = mapped_column(String(10), default="pending")
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    refund_approved: Mapped[bool] = mapped_column(default=False)
    refund_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 3), default=None)
    # The refund the decision made (a ledger row).
    refund_entry_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("ledger_entries.id"), default=None
    )


class AdminDisputeAction(Record, Base):
    """An admin's action on a dispute: each decision (assign, review, resolve, reject,
    edit) written by the decision itself, and notes an admin records by hand."""

    __tablename__ = "admin_dispute_actions"
    __table_args__ = (Index("ix_admin_dispute_actions_dispute", "dispute_id", "action_date"),)

    dispute_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("disputes.id"))
    admin_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    action_taken: Mapped[str] = mapped_column(String(50))
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    outcome: Mapped[str | None] = mapped_column(String(500), default=None)
    action_date: Mapped[datetime] = mapped_column(default=utcnow)
