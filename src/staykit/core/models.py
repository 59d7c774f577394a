"""The declarative base and the record fields every marketplace resource shares (spec §1.8)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Identity, MetaData, func, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        datetime: DateTime(timezone=True),
        uuid.UUID: UUID(as_uuid=True),
        dict[str, Any]: JSONB,
    }


class Record:
    """id, isActive, recordVersion, createdAt, updatedAt, _owner. Deletes are soft.

    recordVersion doubles as the optimistic-lock column: a concurrent update of the
    same row fails instead of silently overwriting.
    """

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    is_active: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    record_version: Mapped[int] = mapped_column(default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.now()
    )
    owner_id: Mapped[uuid.UUID | None] = mapped_column(default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.record_version}


class IntegerId:
    """A stable integer id beside the UUID, for the API that speaks integers (the Channel
    API: bookings, properties, rooms, units, offers, invoice and info items, accounts).
    The database assigns it (an identity column) when the row is inserted; it never
    changes and is never reused. Every other surface keeps the UUID."""

    int_id: Mapped[int] = mapped_column(BigInteger, Identity(), unique=True)
