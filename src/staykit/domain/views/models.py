"""Saved filters of the BFF's indexes: a user's named conditions for one index."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record


class SavedFilter(Record, Base):
    """One user's named filter of one index. `conditions` holds the filter object exactly
    as the list route takes it, validated when saved (so a saved filter always lists)."""

    __tablename__ = "bff_saved_filters"
    __table_args__ = (
        UniqueConstraint("user_id", "index_name", "filter_name", name="uq_bff_saved_filters_name"),
        Index("ix_bff_saved_filters_user_index", "user_id", "index_name", "created_at"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    index_name: Mapped[str] = mapped_column(String(40))
    filter_name: Mapped[str] = mapped_column(String(100))
    conditions: Mapped[dict[str, Any]]
