"""iCal feeds' own records: what an export last served (for Last-Modified), each import
source with its state, the events an import read and the blocks holding their nights.

The export's secret lives on the unit type and unit rows themselves (`ical_token`,
catalog.models), so every unit type and unit has a feed without anything to create.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.core.models import Base, Record

SOURCE_STATUSES = ("pending", "ok", "failed", "empty")
MAX_URL = 2000


class ExportState(Base):
    """The body a feed (unit type or unit, and description variant) last served, by its
    ETag, and since when: the feed's Last-Modified. Written when a request finds the body
    changed, so the date moves exactly when what a calendar would read changes."""

    __tablename__ = "ical_export_states"
    __table_args__ = (
        Index(
            "uq_ical_export_states_feed",
            "unit_type_id",
            "unit_id",
            "variant",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), default=None)
    variant: Mapped[str] = mapped_column(String(20))
    etag: Mapped[str] = mapped_column(String(80))
    changed_at: Mapped[datetime]


class ImportSource(Record, Base):
    """One feed to import into a unit type (a free unit is chosen per event) or a unit:
    where it is, how its end dates read, and how its last fetches went."""

    __tablename__ = "ical_import_sources"
    __table_args__ = (
        Index(
            "uq_ical_import_sources_slot",
            "unit_type_id",
            "unit_id",
            "slot",
            unique=True,
            postgresql_nulls_not_distinct=True,
            postgresql_where=text("is_active"),
        ),
        Index("ix_ical_import_sources_due", "next_fetch_at", postgresql_where=text("is_active")),
        CheckConstraint("slot BETWEEN 1 AND 3", name="slot"),
        CheckConstraint("status IN ('pending', 'ok', 'failed', 'empty')", name="status"),
        CheckConstraint(
            "consecutive_empty >= 0 AND consecutive_failures >= 0 AND events_held >= 0 "
            "AND nights_held_back >= 0",
            name="counts",
        ),
        CheckConstraint("url ~ '^https?://'", name="url"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"))
    unit_type_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("unit_types.id"), index=True)
    unit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("units.id"), default=None)
    slot: Mapped[int] = mapped_column(SmallInteger)
    url: Mapped[str] = mapped_column(String(MAX_URL))
    mode: Mapped[str] = mapped_column(String(60))
    ignore_containing: Mapped[str | None] = mapped_column(String(200), default=None)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    etag: Mapped[str | None] = mapped_column(String(500), default=None)
    last_modified: Mapped[str | None] = mapped_column(String(100), default=None)
    consecutive_empty: Mapped[int] = mapped_column(SmallInteger, default=0)
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(500), default=None)
    last_fetch_at: Mapped[datetime | None] = mapped_column(default=None)
    last_success_at: Mapped[datetime | None] = mapped_column(default=None)
    next_fetch_at: Mapped[datetime | None] = mapped_column(default=None)
    events_held: Mapped[int] = mapped_column(default=0)
    nights_held_back: Mapped[int] = mapped_column(default=0)


class ImportEvent(Base):
    """An event (one occurrence of a recurring one) a source's feed lists, with the stay
    dates its import mode reads, and the nights it could not take because something else
    held them (reported once per dates)."""

    __tablename__ = "ical_import_events"
    __table_args__ = (
        Index("uq_ical_import_events_key", "source_id", "key", unique=True),
        CheckConstraint("departure > arrival", name="dates"),
        CheckConstraint("nights_held_back >= 0", name="held_back"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid7)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ical_import_sources.id"))
    key: Mapped[str] = mapped_column(String(600))
    uid: Mapped[str] = mapped_column(String(500))
    arrival: Mapped[date] = mapped_column(Date)
    departure: Mapped[date] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(String(500), default=None)
    nights_held_back: Mapped[int] = mapped_column(default=0)
    reported_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ImportedBlock(Base):
    """A block (kind 'imported') holding some or all of an event's nights: one per event
    usually, several when other stays split the event's nights."""

    __tablename__ = "ical_imported_blocks"

    block_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("availability_blocks.id"), primary_key=True
    )
    event_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("ical_import_events.id", ondelete="CASCADE"), index=True
    )
