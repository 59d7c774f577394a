"""Channel settings: one row per (property, room or none, channel), its values as JSONB.

A property-level row (`unit_type_id` NULL) holds the property's settings of a channel
(the iCal export's seed and texts, the iCal import's modification notifications); a room
row holds that room's (the export mode, the import URLs and modes). The values are the
Channel API's own field names (`channels.settings` validates them before they are stored).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record

CHANNELS = ("iCalExport", "iCalImport")


class ChannelSetting(Record, Base):
    __tablename__ = "channel_settings"
    __table_args__ = (
        Index(
            "uq_channel_settings_target",
            "property_id",
            "unit_type_id",
            "channel",
            unique=True,
            postgresql_nulls_not_distinct=True,
        ),
        CheckConstraint("channel IN ('iCalExport', 'iCalImport')", name="channel"),
        CheckConstraint("jsonb_typeof(settings) = 'object'", name="settings_object"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    property_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("properties.id"))
    unit_type_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_types.id"), default=None, index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)
