"""Businesses (tenants) and their members.

Only `staykit.domain.tenancy` may import this module (an import-linter contract): every
question of the form "may this principal see or change this business's rows" goes
through `tenancy.service`, so membership is read in exactly one place.
"""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, IntegerId, Record

BUSINESS_ROLES = ("owner", "manager", "staff")


class Business(IntegerId, Record, Base):
    """A tenant: the host's business. Every tenant-owned row carries its business_id."""

    __tablename__ = "businesses"

    name: Mapped[str] = mapped_column(String(200))
    # Channel API credits per 5-minute period shared by the business's tokens; None: the
    # STAYKIT_CHANNEL_CREDITS_PER_PERIOD default.
    credit_limit: Mapped[int | None] = mapped_column(default=None)


class BusinessMember(Record, Base):
    __tablename__ = "business_members"
    __table_args__ = (
        Index(
            "uq_business_members_active",
            "business_id",
            "user_id",
            unique=True,
            postgresql_where=text("is_active"),
        ),
        CheckConstraint("role IN ('owner', 'manager', 'staff')", name="role"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
