"""The messaging records: threads (one conversation between a guest and a host, about a
listing or a reservation), their messages and a message's attachment.

One model serves every surface: a message a Channel API client posts to booking 123 is a
message of that reservation's thread, the same one the marketplace guest reads.

- A thread belongs to the host's business (the tenant). Its context is who talks (guest,
  host) about what (the listing = unit type, the reservation); a channel booking may have
  no guest user, so every part may be null. At most one open, active thread per context
  (a unique index with NULLS NOT DISTINCT) and one per reservation: the reservation's
  thread is found or created race-free (threads.py).
- `message_count` and `last_message_at` are counters the sender bumps in its own
  transaction with one UPDATE (never read-modify-write), so concurrent senders never lose
  a count. Neither is indexed, so that update is HOT (no index entries written).
- A message's `source` is Beds24's four kinds: `guest`, `host`, `internal_note` (the
  business's own note, never shown to the guest) and `system` (from the platform or an
  OTA to the host). `read_at` is when the side that receives it read it (a guest message
  is read by the host side, a host message by the guest). `hidden_at` is the soft hide:
  the row stays for audit and is listed to nobody.
- Contact details in guest and host messages of a conversation whose stay is not
  confirmed are masked when written (masking.py): `content` is what everyone reads,
  `original_content` the text as sent (set only when masking changed it), for admins
  and audit. `event_id` is the domain event a system message was written for: unique, so
  an event writes its message once however often it is dispatched.
- A MessageReport is a participant's complaint about a message: created pending, seen by
  the reporter, the message's sender and admins, moderated by admins (reports.py).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, IntegerId, Record

SOURCES = ("guest", "host", "internal_note", "system")
GUEST, HOST, INTERNAL_NOTE, SYSTEM = SOURCES
MESSAGE_TYPES = ("text", "media", "system")
# What an attachment may be (Beds24's list: what the OTAs accept).
MIME_TYPES = ("image/jpeg", "image/png", "image/gif", "application/pdf")
MAX_CONTENT = 20_000  # characters of one message
MAX_ATTACHMENT = 1_000_000  # bytes of one attachment, decoded
MAX_ATTACHMENT_NAME = 255
MAX_FLAG_REASON = 500
MAX_MEDIA_URL = 2048
MODERATION_STATUSES = ("pending", "reviewed", "closed")
MAX_REPORT_REASON = 500
MAX_RESOLUTION_NOTES = 5000


class MessageThread(Record, Base):
    __tablename__ = "message_threads"
    __table_args__ = (
        CheckConstraint("message_count >= 0", name="message_count"),
        # One open conversation per context; a null part is a value like any other
        # (NULLS NOT DISTINCT), so "this guest and host about this listing, no
        # reservation" is one context too.
        Index(
            "uq_message_threads_open_context",
            "guest_id",
            "host_id",
            "unit_type_id",
            "reservation_id",
            unique=True,
            postgresql_where=text("is_open AND is_active"),
            postgresql_nulls_not_distinct=True,
        ),
        # One open conversation per reservation, whatever its unit type became since.
        Index(
            "uq_message_threads_open_reservation",
            "reservation_id",
            unique=True,
            postgresql_where=text("reservation_id IS NOT NULL AND is_open AND is_active"),
        ),
        # business_id alone: with last_message_at indexed, no counter update could be HOT
        # (migration 0030, which also gives the table fillfactor 80: room for one on its page).
        Index("ix_message_threads_business_id", "business_id"),
    )

    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    property_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("properties.id"), default=None)
    unit_type_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("unit_types.id"), default=None
    )
    reservation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reservations.id"), index=True, default=None
    )
    guest_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), index=True, default=None
    )
    host_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("users.id"), index=True, default=None
    )
    is_open: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    message_count: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    last_message_at: Mapped[datetime | None] = mapped_column(default=None)


class Message(IntegerId, Record, Base):
    __tablename__ = "messages"
    __table_args__ = (
        CheckConstraint("source IN ('guest', 'host', 'internal_note', 'system')", name="source"),
        CheckConstraint("message_type IN ('text', 'media', 'system')", name="message_type"),
        CheckConstraint("char_length(content) BETWEEN 1 AND 20000", name="content"),
        # A retracted flag leaves no flagger or reason behind.
        CheckConstraint("is_flagged OR (flagged_by IS NULL AND flag_reason IS NULL)", name="flag"),
        CheckConstraint("read_at IS NULL OR read_at >= sent_at", name="read_after_sent"),
        Index("ix_messages_thread_sent", "thread_id", "sent_at"),
        # The Channel API's list: a business's messages newest first, keyset (sent_at,
        # int_id); and the unread ones, which clients poll for.
        Index("ix_messages_business_sent", "business_id", "sent_at", "int_id"),
        Index(
            "ix_messages_business_unread",
            "business_id",
            "sent_at",
            postgresql_where=text("read_at IS NULL AND hidden_at IS NULL"),
        ),
        Index("ix_messages_reservation_sent", "reservation_id", "sent_at"),
        # The per-user send rate: a sender's messages of the last window.
        Index("ix_messages_sender_sent", "sender_id", "sent_at"),
    )

    thread_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("message_threads.id"))
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"))
    # The thread's reservation, kept on the message for the Channel API's filters.
    reservation_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reservations.id"), default=None
    )
    sender_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    source: Mapped[str] = mapped_column(String(13))
    message_type: Mapped[str] = mapped_column(String(6), default="text")
    content: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column()
    read_at: Mapped[datetime | None] = mapped_column(default=None)
    is_flagged: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    flagged_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    flag_reason: Mapped[str | None] = mapped_column(String(MAX_FLAG_REASON), default=None)
    is_moderated: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    hidden_at: Mapped[datetime | None] = mapped_column(default=None)
    hidden_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    media_url: Mapped[str | None] = mapped_column(String(MAX_MEDIA_URL), default=None)
    original_content: Mapped[str | None] = mapped_column(Text, default=None)
    event_id: Mapped[uuid.UUID | None] = mapped_column(unique=True, default=None)


class MessageReport(Record, Base):
    """A participant's complaint about a message, and an admin's handling of it."""

    __tablename__ = "message_reports"
    __table_args__ = (
        CheckConstraint(
            "moderation_status IN ('pending', 'reviewed', 'closed')", name="moderation_status"
        ),
        CheckConstraint("char_length(report_reason) BETWEEN 1 AND 500", name="report_reason"),
        CheckConstraint("char_length(resolution_notes) <= 5000", name="resolution_notes"),
    )

    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), index=True)
    reported_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    report_reason: Mapped[str] = mapped_column(String(MAX_REPORT_REASON))
    moderation_status: Mapped[str] = mapped_column(String(8), default="pending")
    admin_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), default=None)
    reported_at: Mapped[datetime] = mapped_column()
    resolution_notes: Mapped[str | None] = mapped_column(Text, default=None)


class MessageAttachment(Record, Base):
    """A message's one file (Beds24 sends one per message; the marketplace's mediaUrl is
    one too). Kept in the database: at most 1 MB, and only of the four types the
    channels take, checked against the file's own first bytes."""

    __tablename__ = "message_attachments"
    __table_args__ = (
        CheckConstraint(
            "mime_type IN ('image/jpeg', 'image/png', 'image/gif', 'application/pdf')",
            name="mime_type",
        ),
        # size 0: an erased file (GDPR), whose bytes are gone.
        CheckConstraint("size BETWEEN 0 AND 1000000", name="size"),
        CheckConstraint("content IS NULL OR size = octet_length(content)", name="content_size"),
        CheckConstraint("char_length(name) BETWEEN 1 AND 255", name="name"),
    )

    message_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("messages.id"), unique=True)
    business_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("businesses.id"), index=True)
    name: Mapped[str] = mapped_column(String(MAX_ATTACHMENT_NAME))
    mime_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    # The bytes are in the file store under storage_key (docs/storage.md); content holds
    # them only for rows written before migration 0031 (readers fall back to it).
    storage_key: Mapped[str | None] = mapped_column(String(512), default=None)
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True, default=None)
