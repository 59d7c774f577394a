"""Messaging in domain words: send a message to a reservation's conversation, read a
thread, mark messages read or unread, hide and flag them. Every function takes (session,
principal, ...), decides who may through access.py, and only flushes.

Sending finds or creates the reservation's open thread (threads.py) and writes the message
there (delivery.py: contact details masked before the stay is confirmed, the thread's
counters bumped in the same transaction, the domain event `message.sent` recorded, so
notifications and webhooks can follow it from their own packages).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import get_reservation
from staykit.domain.messaging import access, threads
from staykit.domain.messaging.attachments import Attachment
from staykit.domain.messaging.delivery import Delivery, deliver
from staykit.domain.messaging.errors import MessageNotFound, NotAParticipant
from staykit.domain.messaging.masking import stay_confirmed
from staykit.domain.messaging.models import (
    HOST,
    MAX_CONTENT,
    MAX_FLAG_REASON,
    SOURCES,
    SYSTEM,
    Message,
    MessageThread,
)


@dataclass(frozen=True)
class NewMessage:
    """A message to a reservation's conversation."""

    reservation_id: uuid.UUID
    content: str
    source: str = HOST
    attachment: Attachment | None = None
    event_id: uuid.UUID | None = None  # a system message's domain event


def _check_content(content: str) -> None:
    if not isinstance(content, str) or not content.strip():
        raise InvalidInput(
            "content is required: the message's text.", code="contentIsRequired", field="content"
        )
    check_text("content", content, MAX_CONTENT)


async def send(
    session: AsyncSession,
    principal: Principal | None,
    command: NewMessage,
    *,
    reservation: Reservation | None = None,
) -> Message:
    """Write the message to the reservation's open thread (created if it has none) and
    count it there. `reservation` may be handed in when the caller has loaded it (the
    Channel API's bulk writes); it is otherwise read with the reader's rule (404 for a
    stranger), or as it is for the platform itself (None, or a system principal)."""
    if command.source not in SOURCES:
        raise InvalidInput(
            f"source must be one of {', '.join(SOURCES)}.", code="sourceIsInvalid", field="source"
        )
    _check_content(command.content)
    if reservation is None:
        if principal is None or principal.credential is Credential.SYSTEM:
            reservation = await session.get(Reservation, command.reservation_id)
        else:
            reservation, _ = await get_reservation(session, principal, command.reservation_id)
    if reservation is None or not reservation.is_active:
        raise ReservationNotFound(command.reservation_id)
    await access.may_write(session, principal, reservation, command.source)
    sender = None if principal is None or command.source == SYSTEM else principal.user_id
    thread_id = await threads.thread_of_reservation(session, reservation, opened_by=sender)
    return await deliver(
        session,
        principal,
        Delivery(
            thread_id=thread_id,
            business_id=reservation.business_id,
            reservation_id=reservation.id,
            sender_id=sender,
            source=command.source,
            content=command.content,
            confirmed=stay_confirmed(reservation.status),
            attachment=command.attachment,
            event_id=command.event_id,
        ),
    )


async def thread_messages(
    session: AsyncSession, principal: Principal, thread_id: uuid.UUID
) -> list[Message]:
    """A thread's messages the principal may read, oldest first (the marketplace's
    order). An unknown thread, or one the principal has no part in, reads as empty."""
    rows = await session.scalars(
        access.readable_messages(principal)
        .where(Message.thread_id == thread_id)
        .order_by(Message.sent_at, Message.int_id)
    )
    return list(rows)


async def threads_of_reservation(
    session: AsyncSession, principal: Principal, reservation_id: uuid.UUID
) -> list[uuid.UUID]:
    """The ids of the reservation's threads in which the principal reads a message, the
    open one first."""
    rows = await session.execute(
        select(MessageThread.id)
        .join(Message, Message.thread_id == MessageThread.id)
        .where(MessageThread.reservation_id == reservation_id, access.readable_condition(principal))
        .group_by(MessageThread.id, MessageThread.is_open, MessageThread.created_at)
        .order_by(MessageThread.is_open.desc(), MessageThread.created_at)
    )
    return [r[0] for r in rows]


async def mark_read(
    session: AsyncSession,
    principal: Principal,
    message_ids: Collection[uuid.UUID],
    *,
    read: bool,
) -> int:
    """Mark these messages read (or unread) for the principal's side; how many changed.
    Each must be readable (else MessageNotFound) and one the principal's side receives
    (else NotTheRecipient). One already in that state is left as it is."""
    wanted = list(dict.fromkeys(message_ids))
    if not wanted:
        return 0
    found = set(
        await session.scalars(
            access.readable_messages(principal)
            .with_only_columns(Message.id)
            .where(Message.id.in_(wanted))
        )
    )
    for message_id in wanted:
        if message_id not in found:
            raise MessageNotFound(message_id)
        await access.may_mark(session, principal, message_id)
    return await _set_read(session, [Message.id.in_(wanted)], read)


async def mark_selection(
    session: AsyncSession, principal: Principal, selection: ColumnElement[bool], *, read: bool
) -> int:
    """Mark read (or unread) every message matching `selection` (a condition on Message,
    and on MessageThread) that the principal reads and its side receives; how many
    changed. Messages its side does not receive are left alone, as are hidden ones."""
    return await _set_read(
        session,
        [
            MessageThread.id == Message.thread_id,  # UPDATE messages ... FROM message_threads
            selection,
            access.readable_condition(principal),
            access.receivable_condition(principal),
        ],
        read,
    )


async def _set_read(session: AsyncSession, which: list[ColumnElement[bool]], read: bool) -> int:
    now = utcnow()
    changed = Message.read_at.is_(None) if read else Message.read_at.is_not(None)
    result = await session.execute(
        update(Message)
        .where(*which, changed)
        .values(
            # Never before it was sent, whatever another server's clock says.
            read_at=func.greatest(Message.sent_at, now) if read else None,
            record_version=Message.record_version + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def _own_message(
    session: AsyncSession, principal: Principal, message_id: uuid.UUID
) -> Message:
    message = await session.scalar(
        access.readable_messages(principal).where(Message.id == message_id).with_for_update()
    )
    if message is None:
        raise MessageNotFound(message_id)
    return message


async def hide(session: AsyncSession, principal: Principal, message_id: uuid.UUID) -> Message:
    """The soft hide: the message stays for audit, listed to nobody. Its sender or an
    admin only."""
    message = await _own_message(session, principal, message_id)
    if not principal.is_admin and message.sender_id != principal.user_id:
        raise NotAParticipant("Only a message's sender (or an admin) hides it.", field="id")
    message.hidden_at = utcnow()
    message.hidden_by = principal.user_id
    await session.flush()
    return message


async def flag(
    session: AsyncSession,
    principal: Principal,
    message_id: uuid.UUID,
    *,
    reason: str | None,
    flagged: bool = True,
) -> Message:
    """Flag a message the principal reads (or, with flagged=False, retract the flag:
    the flagger or an admin only)."""
    message = await _own_message(session, principal, message_id)
    check_text("flag_reason", reason, MAX_FLAG_REASON)
    if flagged:
        message.is_flagged = True
        message.flagged_by = principal.user_id
        message.flag_reason = reason or None
    else:
        if not principal.is_admin and message.flagged_by not in (None, principal.user_id):
            raise NotAParticipant("Only who flagged a message retracts the flag.", field="id")
        message.is_flagged = False
        message.flagged_by = None
        message.flag_reason = None
    await session.flush()
    return message
