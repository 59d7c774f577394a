"""A booking message in Beds24 API V2's shape (the document's `message` schema), from the
domain's channel_views.ChannelMessage.

Shared by the Channel API's GET /bookings/messages (api/channel/message_schemas.py names
these for its routes) and the booking webhook's body (domain/booking/webhook_bodies.py),
so both answer a message in the same words. Beds24 writes a message's kind as
`internalNote`; staykit's word is `internal_note`.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from staykit.domain.messaging import channel_views as cv

WireSource = Literal["host", "guest", "internalNote", "system"]
MimeType = Literal["image/jpeg", "image/png", "image/gif", "application/pdf"]  # MIME_TYPES

SOURCE_WORDS = {"internalNote": "internal_note"}  # wire -> domain, where they differ
WIRE_SOURCES = {v: k for k, v in SOURCE_WORDS.items()}


def domain_source(wire: str) -> str:
    return SOURCE_WORDS.get(wire, wire)


def wire_source(domain: str) -> str:
    return WIRE_SOURCES.get(domain, domain)


class MessageOut(BaseModel):
    """One message (the document's `message`). Fields with no value are absent."""

    id: int
    bookingId: int
    roomId: int = Field(description="The room (unit type) the booking is in now.")
    propertyId: int = Field(description="The property the booking is in now.")
    time: datetime = Field(description="When it was sent (UTC).")
    read: bool = Field(
        description="Read by the side that receives it: guest, system messages and internal "
        "notes by the host's side, host messages by the guest."
    )
    message: str
    source: WireSource
    authorOwnerId: int | None = Field(
        default=None, description="The account (business) that wrote a host message or note."
    )
    attachment: str | None = Field(default=None, description="The file, base64.")
    attachmentName: str | None = None
    attachmentMimeType: MimeType | None = None


def message_out(m: cv.ChannelMessage) -> MessageOut:
    """Only the fields with a value are set (the route answers with exclude_unset)."""
    optional: dict[str, Any] = {
        "authorOwnerId": m.author_owner_id,
        "attachment": None if m.attachment is None else base64.b64encode(m.attachment).decode(),
        "attachmentName": m.attachment_name,
        "attachmentMimeType": m.attachment_mime_type,
    }
    return MessageOut(
        id=m.id,
        bookingId=m.booking_id,
        roomId=m.unit_type_id,
        propertyId=m.property_id,
        time=m.sent_at,
        read=m.read,
        message=m.content,
        source=wire_source(m.source),
        **{k: v for k, v in optional.items() if v is not None},
    )
