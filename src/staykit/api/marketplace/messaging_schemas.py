"""Request bodies and records of the messaging service (spec §3), and how they translate
to staykit.domain.messaging's commands.

Server-set fields the spec lists as body fields (senderId, sentAt, isModerated, isFlagged,
flaggedBy, flagReason of createMessage; messageCount, isOpen, lastMessageAt of
createMessageThread; reportedBy, moderationStatus, reportedAt, adminId, resolutionNotes
of createMessageReport) are accepted when they agree with what the server sets (the
caller, pending, zero, open, not flagged) and refused with a 400 naming the field when
they do not; instants (sentAt, lastMessageAt, reportedAt) are checked as dates and
ignored: the server's clock sets them."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt

from staykit.api.marketplace.envelope import RECORD_FIELDS, jsonable
from staykit.api.marketplace.responses import Record
from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.access.principal import Principal
from staykit.domain.messaging import conversations, posting, reports
from staykit.domain.messaging.models import (
    MAX_CONTENT,
    MAX_FLAG_REASON,
    MAX_MEDIA_URL,
    MAX_REPORT_REASON,
    MAX_RESOLUTION_NOTES,
    MESSAGE_TYPES,
    MODERATION_STATUSES,
    Message,
    MessageReport,
    MessageThread,
)

MessageType = Literal["text", "media", "system"]
ModerationStatus = Literal["pending", "reviewed", "closed"]


def _server_sets(field: str, wire: str, sent: Any, expected: Any, what: str) -> None:
    if sent is not None and sent != expected:
        raise InvalidInput(
            f"{wire} is set by the server ({what}); leave it out or send {expected!r}.",
            code=f"{wire}IsSetByTheServer",
            field=field,
        )


# --- threads --------------------------------------------------------------------------------


class CreateMessageThread(Input):
    """createMessageThread: the guest and host, and the listing (an inquiry) or the
    reservation the conversation is about."""

    guest_id: uuid.UUID
    host_id: uuid.UUID
    listing_id: uuid.UUID | None = None
    reservation_id: uuid.UUID | None = None
    message_count: StrictInt | None = None
    is_open: StrictBool | None = None
    last_message_at: datetime | None = None

    def command(self) -> conversations.NewThread:
        _server_sets(
            "message_count", "messageCount", self.message_count, 0, "a new thread has none"
        )
        _server_sets("is_open", "isOpen", self.is_open, True, "a new thread is open")
        return conversations.NewThread(
            guest_id=self.guest_id,
            host_id=self.host_id,
            listing_id=self.listing_id,
            reservation_id=self.reservation_id,
        )


class UpdateMessageThread(Input):
    """updateMessageThread: isOpen closes (false) or reopens (true) the thread. The other
    fields are the server's or the thread's context: sent, they must be as they are."""

    is_open: StrictBool | None = None
    message_count: StrictInt | None = None
    last_message_at: datetime | None = None
    listing_id: uuid.UUID | None = None
    reservation_id: uuid.UUID | None = None

    def change(self) -> conversations.ThreadChange:
        if not self.model_fields_set:
            raise InvalidInput("Nothing to change: send isOpen.", code="bodyIsEmpty", field="body")
        return conversations.ThreadChange(
            is_open=self.is_open,
            claimed_message_count=self.message_count,
            claimed_last_message_at=self.last_message_at,
            claimed_listing_id=self.listing_id,
            claimed_reservation_id=self.reservation_id,
        )


class MessageThreadRecord(Record):
    """A MessageThread (spec §3.1); listingId is the listing (staykit's unit type)."""

    messageCount: int
    isOpen: bool
    guestId: uuid.UUID | None
    lastMessageAt: datetime | None
    listingId: uuid.UUID | None
    hostId: uuid.UUID | None
    reservationId: uuid.UUID | None
    listingDets: list[dict[str, Any]] | None = Field(
        default=None, description="With getJoins=true (default): the listing."
    )
    rezDets: list[dict[str, Any]] | None = Field(
        default=None, description="With getJoins=true (default): the reservation."
    )


def thread_json(t: MessageThread) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(t.id),
        "messageCount": t.message_count,
        "isOpen": t.is_open,
        "guestId": jsonable(t.guest_id),
        "lastMessageAt": jsonable(t.last_message_at),
        "listingId": jsonable(t.unit_type_id),
        "hostId": jsonable(t.host_id),
        "reservationId": jsonable(t.reservation_id),
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(t, f.attr))
    return out


# --- messages --------------------------------------------------------------------------------


class CreateMessage(Input):
    """createMessage: the thread, the text and, for a media message, its mediaUrl."""

    thread_id: uuid.UUID
    content: str = Field(max_length=MAX_CONTENT)
    message_type: MessageType = "text"
    media_url: str | None = Field(default=None, max_length=MAX_MEDIA_URL)
    sender_id: uuid.UUID | None = None
    sent_at: datetime | None = None
    is_moderated: StrictBool | None = None
    is_flagged: StrictBool | None = None
    flagged_by: uuid.UUID | None = None
    flag_reason: str | None = Field(default=None, max_length=MAX_FLAG_REASON)

    def command(self, caller: Principal) -> posting.ThreadMessage:
        _server_sets("sender_id", "senderId", self.sender_id, caller.user_id, "the caller")
        _server_sets("is_moderated", "isModerated", self.is_moderated, False, "moderation")
        _server_sets("is_flagged", "isFlagged", self.is_flagged, False, "a new message")
        _server_sets("flagged_by", "flaggedBy", self.flagged_by, None, "who flags it")
        _server_sets("flag_reason", "flagReason", self.flag_reason or None, None, "a flag's")
        return posting.ThreadMessage(
            thread_id=self.thread_id,
            content=self.content,
            message_type=self.message_type,
            media_url=self.media_url,
        )


class UpdateMessage(Input):
    """updateMessage: content and mediaUrl (the sender or an admin), the flag (the sender
    or an admin; flaggedBy is the caller), isModerated (admins), isRead (the receiving
    side)."""

    content: str | None = Field(default=None, max_length=MAX_CONTENT)
    media_url: str | None = Field(default=None, max_length=MAX_MEDIA_URL)
    is_moderated: StrictBool | None = None
    is_flagged: StrictBool | None = None
    flagged_by: uuid.UUID | None = None
    flag_reason: str | None = Field(default=None, max_length=MAX_FLAG_REASON)
    is_read: StrictBool | None = None

    def edit(self, caller: Principal) -> posting.MessageEdit:
        _server_sets("flagged_by", "flaggedBy", self.flagged_by, caller.user_id, "who flags it")
        for name in ("content", "is_moderated", "is_flagged", "is_read"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise InvalidInput(f"{name} must not be null.", code="valueIsNull", field=name)
        return posting.MessageEdit(
            provided=frozenset(self.model_fields_set - {"flagged_by"}),
            content=self.content,
            media_url=self.media_url,
            is_flagged=self.is_flagged,
            flag_reason=self.flag_reason,
            is_moderated=self.is_moderated,
            is_read=self.is_read,
        )


class SenderInfo(BaseModel):
    """Who sent a message (null for a system message)."""

    id: uuid.UUID
    fullname: str
    avatar: str | None


class MessageRecord(Record):
    """A Message (spec §3.1) with staykit's additions: `source` (guest, host, system;
    internal_note for a business's own notes, which its guest never reads), `isMasked`
    (contact details were hidden in it) and `originalContent` (the text as sent, to
    admins only)."""

    threadId: uuid.UUID
    content: str
    senderId: uuid.UUID | None
    sentAt: datetime
    messageType: str
    messageType_idx: int | None
    mediaUrl: str | None
    isModerated: bool
    isFlagged: bool
    flaggedBy: uuid.UUID | None
    flagReason: str | None
    isRead: bool
    source: str
    isMasked: bool
    originalContent: str | None
    sender: SenderInfo | None = Field(
        default=None, description="getMessage and getThreadMessages: the sender."
    )


def message_json(
    m: Message, viewer: Principal, sender: dict[str, Any] | None = None, *, joins: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(m.id),
        "threadId": str(m.thread_id),
        "content": m.content,
        "senderId": jsonable(m.sender_id),
        "sentAt": jsonable(m.sent_at),
        "messageType": m.message_type,
        "messageType_idx": MESSAGE_TYPES.index(m.message_type)
        if m.message_type in MESSAGE_TYPES
        else None,
        "mediaUrl": m.media_url,
        "isModerated": m.is_moderated,
        "isFlagged": m.is_flagged,
        "flaggedBy": jsonable(m.flagged_by),
        "flagReason": m.flag_reason,
        "isRead": m.read_at is not None,
        "source": m.source,
        "isMasked": m.original_content is not None,
        "originalContent": m.original_content if viewer.is_admin else None,
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(m, f.attr))
    out["isActive"] = m.is_active and m.hidden_at is None
    if joins:
        out["sender"] = sender
    return out


# --- reports ---------------------------------------------------------------------------------


class CreateMessageReport(Input):
    """createMessageReport: the message and what is wrong with it."""

    message_id: uuid.UUID
    report_reason: str = Field(max_length=MAX_REPORT_REASON)
    reported_by: uuid.UUID | None = None
    moderation_status: ModerationStatus | None = None
    admin_id: uuid.UUID | None = None
    reported_at: datetime | None = None
    resolution_notes: str | None = Field(default=None, max_length=MAX_RESOLUTION_NOTES)

    def command(self, caller: Principal) -> reports.NewReport:
        _server_sets("reported_by", "reportedBy", self.reported_by, caller.user_id, "the caller")
        _server_sets(
            "moderation_status", "moderationStatus", self.moderation_status, "pending", "new"
        )
        _server_sets("admin_id", "adminId", self.admin_id, None, "the moderating admin")
        _server_sets(
            "resolution_notes", "resolutionNotes", self.resolution_notes or None, None, "admins'"
        )
        return reports.NewReport(message_id=self.message_id, reason=self.report_reason)


class UpdateMessageReport(Input):
    """updateMessageReport (admins): status, the moderating admin, notes."""

    moderation_status: ModerationStatus | None = None
    admin_id: uuid.UUID | None = None
    resolution_notes: str | None = Field(default=None, max_length=MAX_RESOLUTION_NOTES)

    def decision(self) -> reports.ReportDecision:
        if "moderation_status" in self.model_fields_set and self.moderation_status is None:
            raise InvalidInput(
                "moderationStatus must not be null.", code="valueIsNull", field="moderation_status"
            )
        return reports.ReportDecision(
            provided=frozenset(self.model_fields_set),
            moderation_status=self.moderation_status,
            admin_id=self.admin_id,
            resolution_notes=self.resolution_notes,
        )


class MessageReportRecord(Record):
    """A MessageReport (spec §3.1)."""

    reportedBy: uuid.UUID
    reportReason: str
    moderationStatus: str
    moderationStatus_idx: int | None
    messageId: uuid.UUID
    adminId: uuid.UUID | None
    reportedAt: datetime
    resolutionNotes: str | None


def report_json(r: MessageReport) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(r.id),
        "reportedBy": str(r.reported_by),
        "reportReason": r.report_reason,
        "moderationStatus": r.moderation_status,
        "moderationStatus_idx": MODERATION_STATUSES.index(r.moderation_status)
        if r.moderation_status in MODERATION_STATUSES
        else None,
        "messageId": str(r.message_id),
        "adminId": jsonable(r.admin_id),
        "reportedAt": jsonable(r.reported_at),
        "resolutionNotes": r.resolution_notes,
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(r, f.attr))
    return out
