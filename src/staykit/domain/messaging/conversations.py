"""Message threads as the marketplace opens and manages them (spec §3: createMessageThread,
getMessageThread, updateMessageThread, deleteMessageThread, listMessageThreads).

A thread is a conversation between a guest and a host about a listing (an inquiry) or a
reservation. Rules:
- Opening: the caller is one of its participants. An inquiry (a listing, no
  reservation) is opened by the guest; a reservation's thread by its guest or its host
  side (the host, the business's owners and managers). Admins moderate threads but open
  none for others. The guest and host named must be the reservation's (or the listing's
  host); an unpublished listing is opened only by its own side.
- One open, active thread per context (guest, host, listing, reservation) and per
  reservation: a second is a 409 naming the open one (the unique indexes make a race
  unable to add it).
- Reading: participants and admins; changing (closing, reopening) and deleting
  (archiving: inactive and closed): the guest, the host side's writers, admins.
- messageCount and lastMessageAt are the server's, moved only by sending; a thread's
  context does not change once opened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput, NotFound
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking.repository import get_reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging import access
from staykit.domain.messaging.errors import NotAParticipant, ThreadAlreadyOpen, ThreadNotFound
from staykit.domain.messaging.models import MessageThread
from staykit.domain.tenancy import service as tenancy


@dataclass(frozen=True, slots=True)
class NewThread:
    guest_id: uuid.UUID
    host_id: uuid.UUID
    listing_id: uuid.UUID | None = None
    reservation_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ThreadChange:
    """updateMessageThread: `is_open`, and the spec's other fields as claims. They are
    the server's (the counters) or fixed (the context): sent, they must agree with the
    thread (a 400 naming the one that does not)."""

    is_open: bool | None = None
    claimed_message_count: int | None = None
    claimed_last_message_at: datetime | None = None
    claimed_listing_id: uuid.UUID | None = None
    claimed_reservation_id: uuid.UUID | None = None


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _check_claims(thread: MessageThread, change: ThreadChange) -> None:
    for name, claimed, actual, why in (
        (
            "message_count",
            change.claimed_message_count,
            thread.message_count,
            "counted by the server",
        ),
        (
            "last_message_at",
            change.claimed_last_message_at,
            thread.last_message_at,
            "set by the server",
        ),
        ("listing_id", change.claimed_listing_id, thread.unit_type_id, "the thread's context"),
        (
            "reservation_id",
            change.claimed_reservation_id,
            thread.reservation_id,
            "the thread's context",
        ),
    ):
        if claimed is not None and claimed != actual:
            raise InvalidInput(
                f"{name} is {why} and does not change here (it is {actual}); leave it out.",
                code=_camel(name) + "IsReadOnly",
                field=name,
            )


def _mismatch(field: str, message: str) -> InvalidInput:
    return InvalidInput(message, code=f"{field.split('_')[0]}IdDoesNotMatch", field=field)


async def _host_side(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID, host_id: uuid.UUID
) -> bool:
    """The host, or an owner or manager of the business (not an admin as such)."""
    if not principal.may_act_for(business_id):
        return False
    if principal.user_id == host_id:
        return True
    if principal.is_admin:
        return False
    return await tenancy.role_in(session, principal, business_id) in tenancy.MANAGING_ROLES


async def _reservation_context(
    session: AsyncSession, principal: Principal, command: NewThread
) -> MessageThread:
    assert command.reservation_id is not None
    reservation, _ = await get_reservation(session, principal, command.reservation_id)
    is_guest = principal.first_party and principal.user_id == reservation.guest_id
    if not is_guest and not await _host_side(
        session, principal, reservation.business_id, reservation.host_id
    ):
        raise NotAParticipant(
            "Only the reservation's guest or host side opens its thread.", field="reservation_id"
        )
    if reservation.guest_id is None or command.guest_id != reservation.guest_id:
        raise _mismatch("guest_id", "guestId must be the reservation's guest.")
    if command.host_id != reservation.host_id:
        raise _mismatch("host_id", "hostId must be the reservation's host.")
    if command.listing_id is not None and command.listing_id != reservation.unit_type_id:
        raise _mismatch("listing_id", "listingId must be the reservation's listing.")
    return MessageThread(
        business_id=reservation.business_id,
        property_id=reservation.property_id,
        unit_type_id=reservation.unit_type_id,
        reservation_id=reservation.id,
        guest_id=reservation.guest_id,
        host_id=reservation.host_id,
    )


async def _listing_context(
    session: AsyncSession, principal: Principal, command: NewThread
) -> MessageThread:
    if command.listing_id is None:
        raise InvalidInput(
            "A thread is about a listing (an inquiry) or a reservation: send listingId or "
            "reservationId.",
            code="listingIdIsRequired",
            field="listing_id",
        )
    listing = await session.get(UnitType, command.listing_id)
    own_side = listing is not None and await tenancy.can_read(
        session, principal, listing.business_id
    )
    if listing is None or not listing.is_active or not (listing.is_published or own_side):
        raise NotFound(
            f"No listing {command.listing_id}.", code="listingNotFound", field="listing_id"
        )
    if not (principal.first_party and principal.user_id == command.guest_id):
        raise NotAParticipant(
            "An inquiry about a listing is opened by the guest who asks (guestId is you).",
            field="guest_id",
        )
    if command.host_id != listing.host_id:
        raise _mismatch("host_id", "hostId must be the listing's host.")
    if command.guest_id == listing.host_id:
        raise InvalidInput(
            "A host does not open an inquiry about their own listing.",
            code="guestIdIsTheHost",
            field="guest_id",
        )
    guest = await session.get(User, command.guest_id)
    if guest is None or not guest.is_active:  # pragma: no cover - the caller is the guest
        raise NotFound(f"No user {command.guest_id}.", code="userNotFound", field="guest_id")
    return MessageThread(
        business_id=listing.business_id,
        property_id=listing.property_id,
        unit_type_id=listing.id,
        guest_id=command.guest_id,
        host_id=listing.host_id,
    )


async def _open_one(session: AsyncSession, thread: MessageThread) -> MessageThread:
    """Insert the thread unless its context has an open one (409 naming it)."""
    field = "reservation_id" if thread.reservation_id is not None else "listing_id"
    existing = await _open_thread_of(session, thread)
    if existing is not None:
        raise ThreadAlreadyOpen(existing, field=field)
    try:
        async with session.begin_nested():
            session.add(thread)
            await session.flush()
    except IntegrityError as exc:  # a concurrent opener won the unique index
        if "uq_message_threads_open" not in str(exc.orig):
            raise
        raise ThreadAlreadyOpen(await _open_thread_of(session, thread), field=field) from None
    return thread


async def _open_thread_of(session: AsyncSession, thread: MessageThread) -> uuid.UUID | None:
    t = MessageThread
    stmt = select(t.id).where(t.is_open, t.is_active, t.id != thread.id)
    if thread.reservation_id is not None:
        stmt = stmt.where(t.reservation_id == thread.reservation_id)
    else:
        stmt = stmt.where(
            t.guest_id == thread.guest_id,
            t.host_id == thread.host_id,
            t.unit_type_id == thread.unit_type_id,
            t.reservation_id.is_(None),
        )
    found: uuid.UUID | None = await session.scalar(stmt.limit(1))
    return found


async def open_thread(
    session: AsyncSession, principal: Principal, command: NewThread
) -> MessageThread:
    """createMessageThread: see the module doc for who and which context."""
    if command.guest_id == command.host_id:
        raise InvalidInput(
            "guestId and hostId must be two different people.",
            code="guestIdIsTheHost",
            field="guest_id",
        )
    if command.reservation_id is not None:
        thread = await _reservation_context(session, principal, command)
    else:
        thread = await _listing_context(session, principal, command)
    thread.owner_id = principal.user_id
    thread.is_open = True
    thread.message_count = 0
    return await _open_one(session, thread)


async def get_thread(
    session: AsyncSession,
    principal: Principal,
    thread_id: uuid.UUID,
    *,
    lock: bool = False,
    field: str = "message_thread_id",
) -> MessageThread:
    """The thread if the principal may read it (locked FOR UPDATE when `lock`); else 404."""
    stmt = select(MessageThread).where(
        MessageThread.id == thread_id, access.readable_threads(principal)
    )
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    thread = await session.scalar(stmt)
    if thread is None:
        raise ThreadNotFound(thread_id, field=field)
    return thread


async def _may_manage_thread(
    session: AsyncSession, principal: Principal, thread: MessageThread
) -> None:
    if principal.is_admin:
        return
    await access.side_of(session, principal, thread)


async def change_thread(
    session: AsyncSession, principal: Principal, thread_id: uuid.UUID, change: ThreadChange
) -> MessageThread:
    """updateMessageThread: close (isOpen false) or reopen a thread (409 when its context
    has another open thread by then)."""
    thread = await get_thread(session, principal, thread_id, lock=True)
    await _may_manage_thread(session, principal, thread)
    _check_claims(thread, change)
    if change.is_open is not None and change.is_open != thread.is_open:
        if change.is_open:
            if not thread.is_active:
                raise InvalidInput(
                    "A deleted thread is not reopened.",
                    code="messageThreadIsDeleted",
                    field="is_open",
                )
            existing = await _open_thread_of(session, thread)
            if existing is not None:
                raise ThreadAlreadyOpen(existing, field="is_open")
        thread.is_open = change.is_open
        try:
            async with session.begin_nested():
                await session.flush()
        except IntegrityError:
            raise ThreadAlreadyOpen(None, field="is_open") from None
    return thread


async def delete_thread(
    session: AsyncSession, principal: Principal, thread_id: uuid.UUID
) -> MessageThread:
    """deleteMessageThread: archive (inactive and closed); its messages stay for audit."""
    thread = await get_thread(session, principal, thread_id, lock=True)
    if not thread.is_active:
        raise ThreadNotFound(thread_id)
    await _may_manage_thread(session, principal, thread)
    thread.is_active = False
    thread.is_open = False
    await session.flush()
    return thread
