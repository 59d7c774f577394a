"""Writing one message into a thread, whichever surface sent it: the row (its contact
details masked before a stay is confirmed, masking.py), its attachment, the thread's
counters bumped in the same statement as the insert (threads.counted) and the
`message.sent` domain event. Callers decide who may write what where; this only writes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, insert, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

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


async def deliver_if(
    session: AsyncSession,
    principal: Principal | None,
    d: Delivery,
    condition: ColumnElement[bool] | None,
) -> Message | None:
    """`deliver` when `condition` holds, checked by the INSERT itself (the counter's
    UPDATE too, in the same snapshot); None, with nothing written, when it does not."""
    content, original = d.content, None
    if d.source in (GUEST, HOST) and not d.confirmed:
        masked = mask_contacts(d.content)
        if masked.changed:
            content, original = masked.text, d.content
    now = utcnow()
    # Every column given: an INSERT carrying a CTE does not get the model's Python-side
    # defaults bound (SQLAlchemy names them but sends NULL).
    values = dict(
        id=uuid7(),
        is_active=True,
        record_version=1,
        created_at=now,
        updated_at=now,
        is_flagged=False,
        is_moderated=False,
        flagged_by=None,
        flag_reason=None,
        hidden_at=None,
        hidden_by=None,
        thread_id=d.thread_id,
        business_id=d.business_id,
        reservation_id=d.reservation_id,
        sender_id=d.sender_id,
        source=d.source,
        message_type=_type_of(d),
        content=content,
        original_content=original,
        media_url=d.media_url,
        event_id=d.event_id,
        sent_at=now,
        # A note is written by the side that receives it: it is read as it is written.
        read_at=now if d.source == INTERNAL_NOTE else None,
        owner_id=d.sender_id,
    )
    # One round trip: the row and its thread's counters (the UPDATE, a CTE of the INSERT,
    # takes the thread row's lock as a statement of its own would: no count is lost).
    columns = Message.__table__.c
    row = select(*(literal(v, type_=columns[k].type) for k, v in values.items()))
    if condition is not None:
        row = row.where(condition)
    message = await session.scalar(
        insert(Message)
        .from_select(list(values), row)
        .add_cte(threads.counted(d.thread_id, now, condition))
        .returning(Message)
        .execution_options(populate_existing=True)
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
                content=a.content,
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
