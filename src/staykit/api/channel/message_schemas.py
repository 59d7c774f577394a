"""GET, POST and PATCH /bookings/messages in Beds24 API V2's shapes (the document's
`message` and `hostMessage` schemas): POST items read one by one into the domain's
MessageWrite, and their per-item answers. A message as answered (`MessageOut`) is rendered
by the domain's messaging/channel_wire.py, which the booking webhook's body shares.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from staykit.api.channel.account_schemas import PostMessage, PostResult, read_item
from staykit.domain.messaging import channel_writes as cw
from staykit.domain.messaging.channel_wire import (
    MessageOut,
    WireSource,
    domain_source,
    message_out,
)

__all__ = ["MessageOut", "WireSource", "domain_source", "message_out"]


class MessageIn(BaseModel):
    """One item of POST /bookings/messages (the document's `hostMessage`)."""

    model_config = ConfigDict(extra="allow")

    id: int | None = Field(default=None, gt=0, lt=2**63)
    bookingId: int | None = Field(default=None, gt=0, lt=2**63)
    read: StrictBool | None = None
    message: str | None = None
    attachment: str | None = None
    attachmentName: str | None = None
    attachmentMimeType: str | None = None
    source: WireSource | None = None


# Read-only fields of a message that a client may echo back from GET.
ECHOED = ("roomId", "propertyId", "time", "authorOwnerId")

# The domain's field names as this API writes them.
WIRE = {
    "reservation_id": "bookingId",
    "content": "message",
    "attachment_name": "attachmentName",
    "attachment_mime_type": "attachmentMimeType",
    "message_id": "id",
}


def wire(field: str | None) -> str | None:
    return None if field is None else WIRE.get(field, field)


class Parsed:
    """An item read: the domain's write, or the reasons it was refused; and warnings."""

    def __init__(self) -> None:
        self.write: cw.MessageWrite | None = None
        self.errors: list[PostMessage] = []
        self.warnings: list[PostMessage] = []


def parse(raw: Any) -> Parsed:
    """One POST item, checked against the document's shape."""
    parsed = Parsed()
    action, item, parsed.errors = read_item(MessageIn, raw)
    if item is None:
        return parsed
    unknown = sorted(f for f in item.model_extra or {} if f not in ECHOED)
    if unknown:
        parsed.warnings.append(
            PostMessage(
                action=action,
                field=unknown[0],
                message=f"Not a message field, ignored: {', '.join(unknown)}.",
            )
        )
    if action == "create" and item.read is not None:
        parsed.warnings.append(
            PostMessage(
                action=action,
                field="read",
                message="read marks an existing message (an item with its id); a new "
                "message is read when its recipient reads it. Ignored.",
            )
        )
    parsed.write = cw.MessageWrite(
        id=item.id,
        reservation_id=item.bookingId,
        read=item.read,
        content=item.message,
        source=domain_source(item.source or "host"),
        attachment=item.attachment,
        attachment_name=item.attachmentName,
        attachment_mime_type=item.attachmentMimeType,
    )
    return parsed


def _messages(issues: list[cw.Issue]) -> list[PostMessage]:
    return [PostMessage(action=i.action, field=wire(i.field), message=i.message) for i in issues]


def result(parsed: Parsed, outcome: cw.Outcome | None) -> PostResult:
    """The item's answer: `new: {id}` for a message sent, `modified: {id, read}` for a
    read mark that changed something (one already so is said in `info`)."""
    errors = list(parsed.errors)
    info: list[PostMessage] = []
    new: dict[str, Any] | None = None
    modified: dict[str, Any] | None = None
    if outcome is not None:
        errors += _messages(outcome.errors)
        info += _messages(outcome.info)
        if outcome.success and outcome.action == "create":
            new = {"id": outcome.message_id}
        elif outcome.success and outcome.changed:
            modified = {"id": outcome.message_id, "read": outcome.read}
    return PostResult(
        success=not errors,
        new=new,
        modified=modified,
        errors=errors or None,
        warnings=parsed.warnings or None,
        info=info or None,
    )


class ReadMark(BaseModel):
    """PATCH /bookings/messages's body: the read state to give the selection."""

    model_config = ConfigDict(extra="forbid")

    read: StrictBool


class Marked(BaseModel):
    """PATCH's answer (the document gives none): how many messages changed."""

    success: bool = True
    type: str = "message"
    count: int = Field(description="Messages whose read state changed.")
