"""Messages written through the Channel API (Beds24 API V2 POST /bookings/messages): many
items per request, each applied on its own.

An item without an id sends a message to its booking (a host message by default, or an
internal note; a partner speaks for the host, so never a guest or system message); an
item with an id marks that message read or unread. Each item runs in its own SAVEPOINT:
one that fails leaves nothing behind and does not stop the others. Items are applied in
request order.

Integer ids are resolved for the whole request in two queries, scoped by the businesses
the caller acts for: another business's booking or message is "not found", never a write
elsewhere. A message to a cancelled booking is still sent: hosts do write to guests whose
stay was cancelled. The conversations the request writes to are locked first, in sorted
order, so two requests sending to the same bookings queue instead of deadlocking.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.core.errors import DomainError
from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging import attachments, service, threads
from staykit.domain.messaging.errors import MessageNotFound
from staykit.domain.messaging.models import GUEST, HOST, INTERNAL_NOTE, SYSTEM, Message

Action = Literal["create", "modify"]
# What a partner may send: it writes for the business.
PARTNER_SOURCES = (HOST, INTERNAL_NOTE)


@dataclass
class MessageWrite:
    """One item, in domain words; only what the client sent is set."""

    id: int | None = None
    reservation_id: int | None = None
    read: bool | None = None
    content: str | None = None
    source: str = HOST
    attachment: str | None = None  # base64, as sent
    attachment_name: str | None = None
    attachment_mime_type: str | None = None


@dataclass
class Issue:
    action: Action
    field: str | None  # domain words
    message: str


@dataclass
class Outcome:
    """One item's answer: the message sent (create) or marked (modify), and the issues."""

    action: Action
    message_id: int | None = None
    read: bool | None = None  # its read state after a modify
    changed: bool = False
    errors: list[Issue] = field(default_factory=list)
    info: list[Issue] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.errors


def _ints(values: Iterable[int | None]) -> list[int]:
    return sorted({v for v in values if v is not None and 0 < v < 2**63})


def _issue(action: Action, exc: Exception) -> Issue:
    if isinstance(exc, DomainError):
        return Issue(action, exc.field, exc.message)
    return Issue(action, None, "The database refused the change (a concurrent write); retry.")


CAUGHT = (DomainError, DBAPIError)


async def write_messages(
    session: AsyncSession,
    principal: Principal,
    business_ids: frozenset[uuid.UUID],
    writes: Sequence[MessageWrite | None],
    settings: Settings,
) -> list[Outcome | None]:
    """Apply each item in order (None: the caller refused it already and answers for it)."""
    present = [w for w in writes if w is not None]
    biz = list(business_ids)
    bookings: dict[int, Reservation] = {}
    wanted = _ints(w.reservation_id for w in present if w.id is None)
    if wanted and biz:
        for r in await session.scalars(
            select(Reservation).where(
                Reservation.int_id.in_(wanted),
                Reservation.business_id.in_(biz),
                Reservation.is_active,
            )
        ):
            bookings[r.int_id] = r
    messages: dict[int, uuid.UUID] = {}
    wanted = _ints(w.id for w in present)
    if wanted and biz:
        for row in await session.execute(
            select(Message.int_id, Message.id).where(
                Message.int_id.in_(wanted),
                Message.business_id.in_(biz),
                Message.reservation_id.is_not(None),
            )
        ):
            messages[row.int_id] = row.id
    await threads.lock_conversations(session, (r.id for r in bookings.values()))
    out: list[Outcome | None] = []
    for write in writes:
        if write is None:
            out.append(None)
        elif write.id is None:
            out.append(await _send(session, principal, bookings, write, settings))
        else:
            out.append(await _mark(session, principal, messages, write))
    return out


async def _send(
    session: AsyncSession,
    principal: Principal,
    bookings: dict[int, Reservation],
    w: MessageWrite,
    settings: Settings,
) -> Outcome:
    out = Outcome("create")
    reservation = bookings.get(w.reservation_id) if w.reservation_id is not None else None
    if w.reservation_id is None:
        out.errors.append(Issue("create", "reservation_id", "bookingId is required."))
        return out
    if reservation is None:
        out.errors.append(
            Issue("create", "reservation_id", f"No booking {w.reservation_id} in this account.")
        )
        return out
    if w.source in (GUEST, SYSTEM):
        out.errors.append(
            Issue(
                "create",
                "source",
                f"A {w.source} message cannot be sent here: a partner writes for the host "
                "(host messages and internal notes).",
            )
        )
        return out
    try:
        attachment = None
        if w.attachment is not None:
            attachment = await attachments.store(
                settings,
                reservation.business_id,
                attachments.from_base64(w.attachment_name, w.attachment_mime_type, w.attachment),
            )
        elif w.attachment_name is not None or w.attachment_mime_type is not None:
            named = "attachment_name" if w.attachment_name is not None else "attachment_mime_type"
            out.errors.append(
                Issue("create", named, "attachmentName and attachmentMimeType need an attachment.")
            )
            return out
        async with session.begin_nested():
            sent = await service.send(
                session,
                principal,
                service.NewMessage(
                    reservation_id=reservation.id,
                    content=w.content or "",
                    source=w.source,
                    attachment=attachment,
                ),
                reservation=reservation,
            )
    except CAUGHT as exc:
        out.errors.append(_issue("create", exc))
        return out
    out.message_id = sent.int_id
    out.read = sent.read_at is not None
    out.changed = True
    return out


async def _mark(
    session: AsyncSession,
    principal: Principal,
    messages: dict[int, uuid.UUID],
    w: MessageWrite,
) -> Outcome:
    assert w.id is not None
    out = Outcome("modify", message_id=w.id)
    if w.content is not None or w.attachment is not None:
        out.errors.append(
            Issue(
                "modify",
                "content" if w.content is not None else "attachment",
                "A sent message cannot be changed; an item with an id only marks it read "
                "or unread.",
            )
        )
        return out
    if w.read is None:
        out.errors.append(Issue("modify", "read", "Send read: true or false to mark the message."))
        return out
    found = messages.get(w.id)
    if found is None:
        out.errors.append(Issue("modify", "id", f"No message {w.id} in this account."))
        return out
    try:
        async with session.begin_nested():
            changed = await service.mark_read(session, principal, [found], read=w.read)
    except MessageNotFound:  # hidden since: no longer listed to anyone
        out.errors.append(Issue("modify", "id", f"No message {w.id} in this account."))
        return out
    except CAUGHT as exc:
        out.errors.append(_issue("modify", exc))
        return out
    out.read = w.read
    out.changed = bool(changed)
    if not changed:
        state = "read" if w.read else "unread"
        out.info.append(Issue("modify", "read", f"Message {w.id} was already {state}."))
    return out
