"""Who may read, write and mark which messages: the one place the messaging package decides
it, built on the tenancy rule.

Two sides of every conversation:
- the business side: admins, members of the thread's business (owners, managers, staff:
  the tenancy rule's readers) and the thread's host. A partner credential is down-scoped
  to the businesses it acts for, so it sees those businesses' threads and no others. The
  business side reads every message, internal notes included.
- the guest side: the thread's guest, on a first-party session (partner credentials act
  for businesses, never as a guest). Guests read their own threads without the internal
  notes.
Hidden messages are listed to nobody. Writing on the business side (host messages and
internal notes) takes an owner, manager or the host; writing as the guest takes the
thread's guest; system messages only come from the platform itself.

Threads (the marketplace's MessageThread): read by either side and by admins; deleted
(inactive) ones by admins only. A thread's participants are its guest and its host side's
writers; an admin reads and moderates every thread but writes in none they are not a
participant of.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Credential, Principal
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import may_manage
from staykit.domain.messaging.errors import NotAParticipant, NotTheRecipient
from staykit.domain.messaging.models import (
    GUEST,
    HOST,
    INTERNAL_NOTE,
    SYSTEM,
    Message,
    MessageThread,
)
from staykit.domain.tenancy import service as tenancy

# Which side receives (and so marks read) each kind of message.
RECEIVED_BY_BUSINESS = (GUEST, SYSTEM, INTERNAL_NOTE)
RECEIVED_BY_GUEST = (HOST,)


def _within_scope(principal: Principal, business_column: Any) -> ColumnElement[bool]:
    """A down-scoped credential reaches only the businesses it was granted."""
    if principal.businesses is None:
        return true()
    return business_column.in_(list(principal.businesses))


def business_side(principal: Principal) -> ColumnElement[bool]:
    """Threads (joined as MessageThread) the principal reads as the business."""
    return or_(
        tenancy.readable_condition(MessageThread.business_id, principal),
        and_(
            MessageThread.host_id == principal.user_id,
            _within_scope(principal, MessageThread.business_id),
        ),
    )


def guest_side(principal: Principal) -> ColumnElement[bool]:
    """Threads (joined as MessageThread) the principal reads as their guest."""
    if not principal.first_party:
        return false()
    return MessageThread.guest_id == principal.user_id


def readable_threads(principal: Principal) -> ColumnElement[bool]:
    """Threads the principal may read (admins: every one, deleted ones too)."""
    if principal.is_admin:
        return true()
    return and_(MessageThread.is_active, or_(business_side(principal), guest_side(principal)))


async def side_of(session: AsyncSession, principal: Principal, thread: MessageThread) -> str:
    """Which side the principal writes for in the thread: GUEST or HOST; NotAParticipant
    for anyone else (staff, who read, and admins, who moderate)."""
    if principal.first_party and thread.guest_id == principal.user_id:
        return GUEST
    if principal.may_act_for(thread.business_id) and (
        thread.host_id == principal.user_id
        or (
            not principal.is_admin
            and await tenancy.role_in(session, principal, thread.business_id)
            in tenancy.MANAGING_ROLES
        )
    ):
        return HOST
    raise not_a_participant()


def writing_side(principal: Principal) -> ColumnElement[str | None]:
    """`side_of` as a column of a MessageThread query: GUEST, HOST or NULL (not a
    participant), so that a send reads its thread and its side in one statement. The
    same rule: the guest on a first-party session; the host or, not as an admin, an
    owner or manager of the thread's business (tenancy's managed condition), within a
    down-scoped credential's businesses."""
    host_side = [MessageThread.host_id == principal.user_id]
    if not principal.is_admin:
        host_side.append(tenancy.managed_condition(MessageThread.business_id, principal))
    host = and_(_within_scope(principal, MessageThread.business_id), or_(*host_side))
    if principal.first_party:
        return case((MessageThread.guest_id == principal.user_id, GUEST), (host, HOST))
    return case((host, HOST))


def not_a_participant() -> NotAParticipant:
    return NotAParticipant(
        "Only the thread's guest and host (or the host's managers) write in it.",
        field="thread_id",
    )


def readable_condition(principal: Principal) -> ColumnElement[bool]:
    """Messages (joined with their MessageThread) the principal may read."""
    shown = and_(Message.is_active, Message.hidden_at.is_(None))
    if principal.is_admin:
        return shown
    return and_(
        shown,
        or_(
            business_side(principal),
            and_(guest_side(principal), Message.source != INTERNAL_NOTE),
        ),
    )


def readable_messages(principal: Principal) -> Select[Message]:
    """The readable statement: every message the principal may read."""
    return (
        select(Message)
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .where(readable_condition(principal))
    )


def receivable_condition(principal: Principal) -> ColumnElement[bool]:
    """Messages (joined with their MessageThread) whose read mark the principal keeps:
    those its side receives."""
    if principal.is_admin:
        return true()
    return or_(
        and_(business_side(principal), Message.source.in_(RECEIVED_BY_BUSINESS)),
        and_(guest_side(principal), Message.source.in_(RECEIVED_BY_GUEST)),
    )


async def may_mark(session: AsyncSession, principal: Principal, message_id: uuid.UUID) -> None:
    """NotTheRecipient unless the principal's side receives the (readable) message."""
    source = await session.scalar(
        select(Message.source)
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .where(Message.id == message_id, receivable_condition(principal))
    )
    if source is None:
        found = await session.scalar(select(Message.source).where(Message.id == message_id))
        raise NotTheRecipient(found or HOST)


async def may_write(
    session: AsyncSession, principal: Principal | None, reservation: Reservation, source: str
) -> None:
    """NotAParticipant unless the principal may write a `source` message to the
    reservation's conversation."""
    if source == SYSTEM:
        if principal is None or principal.credential is Credential.SYSTEM:
            return
        raise NotAParticipant("System messages come from staykit itself, not from a caller.")
    if principal is None:
        raise NotAParticipant("Only system messages come without a sender.")
    if source == GUEST:
        if principal.first_party and principal.user_id == reservation.guest_id:
            return
        raise NotAParticipant(
            "Only the reservation's guest writes guest messages; a partner speaks for the host."
        )
    if not principal.may_act_for(reservation.business_id) or not await may_manage(
        session, principal, reservation
    ):
        raise NotAParticipant(
            "Only the business's owners, managers or the host write to its guests.",
            field="reservation_id",
        )
