"""Writing one message into a thread, whichever surface sent it: the row (its contact
details masked before a stay is confirmed, masking.py), its attachment, the thread's
counters bumped in the same statement as the insert (threads.counted) and the
`message.sent` domain event. Callers decide who may write what where; this only writes."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.selectable import ExecutableReturnsRows

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.access.principal import Principal
from staykit.domain.events.recorder import record
from staykit.domain.messaging import threads
from staykit.domain.messaging.attachments import Attachment
from staykit.domain.messaging.masking import mask_contacts
from staykit.domain.messaging.models import (
    GUEST,
    HOST,
    INTERNAL_NOTE,
    SYSTEM,
    Message,
    MessageAttachment,
)
from staykit.domain.messaging.send_limits import SendRate, within_rate_parameters


@dataclass(frozen=True, slots=True)
class Delivery:
    """A message to write: where, from whom, what."""

    thread_id: uuid.UUID
    business_id: uuid.UUID
    reservation_id: uuid.UUID | None
    sender_id: uuid.UUID | None
    source: str
    content: str
    confirmed: bool  # whether the conversation's stay is confirmed (no masking then)
    message_type: str | None = None  # default: system, media (with a file or URL), text
    media_url: str | None = None
    attachment: Attachment | None = None
    event_id: uuid.UUID | None = None  # the domain event a system message answers


def _type_of(d: Delivery) -> str:
    if d.message_type is not None:
        return d.message_type
    if d.source == SYSTEM:
        return "system"
    return "media" if d.attachment is not None or d.media_url is not None else "text"


async def deliver(session: AsyncSession, principal: Principal | None, d: Delivery) -> Message:
    """Insert the message, count it in its thread and record `message.sent`."""
    message = await deliver_if(session, principal, d, None)
    if message is None:  # pragma: no cover - no condition: always inserted
        raise RuntimeError("the message was not inserted")
    return message


@functools.cache
def _insert(rated: bool) -> ExecutableReturnsRows:
    """The message's INSERT, its thread's counter UPDATE as a CTE (one round trip; the
    UPDATE takes the thread row's lock as a statement of its own would: no count is
    lost) and, when `rated`, the sender's rate window as the condition of both. Built
    once, with bind parameters: building it per send cost about a millisecond.

    Every column is a parameter: an INSERT ... SELECT gets none of the model's
    Python-side defaults."""
    columns = Message.__table__.c
    row = select(*(bindparam(f"m_{name}", type_=columns[name].type) for name in _COLUMNS))
    condition = within_rate_parameters() if rated else None
    if condition is not None:
        row = row.where(condition)
    counted = threads.counted(
        bindparam("m_thread_id", type_=columns["thread_id"].type),
        bindparam("m_sent_at", type_=columns["sent_at"].type),
        condition,
    )
    table = cast(Table, Message.__table__)
    statement = insert(table).from_select(list(_COLUMNS), row).add_cte(counted)
    # The table's INSERT (an ORM one takes a dict of parameters for a bulk insert),
    # loaded as the Message it returns.
    return select(Message).from_statement(statement.returning(*table.c))


_COLUMNS = (
    "id",
    "is_active",
    "record_version",
    "created_at",
    "updated_at",
    "is_flagged",
    "is_moderated",
    "flagged_by",
    "flag_reason",
    "hidden_at",
    "hidden_by",
    "thread_id",
    "business_id",
    "reservation_id",
    "sender_id",
    "source",
    "message_type",
    "content",
    "original_content",
    "media_url",
    "event_id",
    "sent_at",
    "read_at",
    "owner_id",
)


async def deliver_if(
    session: AsyncSession,
    principal: Principal | None,
    d: Delivery,
    rate: SendRate | None,
) -> Message | None:
    """`deliver` unless the sender is over `rate` (send_limits.py), which the INSERT
    itself checks (its counter UPDATE too, in the same snapshot): then None, with
    nothing written. The sender's rate lock must be held already."""
    content, original = d.content, None
    if d.source in (GUEST, HOST) and not d.confirmed:
        masked = mask_contacts(d.content)
        if masked.changed:
            content, original = masked.text, d.content
    now = utcnow()
    values: dict[str, Any] = {
        "id": uuid7(),
        "is_active": True,
        "record_version": 1,
        "created_at": now,
        "updated_at": now,
        "is_flagged": False,
        "is_moderated": False,
        "flagged_by": None,
        "flag_reason": None,
        "hidden_at": None,
        "hidden_by": None,
        "thread_id": d.thread_id,
        "business_id": d.business_id,
        "reservation_id": d.reservation_id,
        "sender_id": d.sender_id,
        "source": d.source,
        "message_type": _type_of(d),
        "content": content,
        "original_content": original,
        "media_url": d.media_url,
        "event_id": d.event_id,
        "sent_at": now,
        # A note is written by the side that receives it: it is read as it is written.
        "read_at": now if d.source == INTERNAL_NOTE else None,
        "owner_id": d.sender_id,
    }
    params = {f"m_{name}": value for name, value in values.items()}
    if rate is not None:
        params |= rate.parameters(now)
    message = await session.scalar(
        _insert(rate is not None),
        params,
        execution_options={"populate_existing": True},
    )
    if message is None:
        return None
    if d.attachment is not None:
        a = d.attachment
        session.add(
            MessageAttachment(
                message_id=message.id,
                business_id=message.business_id,
                name=a.name,
                mime_type=a.mime_type,
                size=a.size,
                storage_key=a.stored.key if a.stored else None,
                sha256=a.stored.sha256 if a.stored else None,
                content=None if a.stored else a.content,
                owner_id=d.sender_id,
            )
        )
    await record(
        session,
        principal,
        aggregate_type="message",
        aggregate_id=message.id,
        business_id=message.business_id,
        types="message.sent",
        payload={
            "id": str(message.id),
            "intId": message.int_id,
            "threadId": str(d.thread_id),
            "reservationId": None if d.reservation_id is None else str(d.reservation_id),
            "businessId": str(message.business_id),
            "senderId": None if d.sender_id is None else str(d.sender_id),
            "source": message.source,
            "messageType": message.message_type,
            "sentAt": now.isoformat(),
            "masked": original is not None,
            "attachment": None
            if d.attachment is None
            else {"name": d.attachment.name, "mimeType": d.attachment.mime_type},
        },
    )
    return message
