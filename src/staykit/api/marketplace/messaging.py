"""The messaging service under /messaging-api (spec §3.2): threads and messages, by hand
over staykit.domain.messaging (conversations.py for threads, posting.py for messages:
the rules live there). Reports are messaging_reports.py.

The same messages the Channel API's /v2/bookings/messages reads and writes: a
reservation's thread is one conversation whichever API wrote to it."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from sqlalchemy import select

from staykit.api.idempotency import idempotent
from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.catalog import PROPERTY_TYPES
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import respond
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.messaging_schemas import (
    CreateMessage,
    CreateMessageThread,
    MessageRecord,
    MessageThreadRecord,
    UpdateMessage,
    UpdateMessageThread,
    message_json,
    thread_json,
)
from staykit.api.marketplace.resource import (
    Resource,
    get_joins,
    list_parameters,
    list_records,
    read_parameters,
)
from staykit.api.marketplace.responses import DELETE, READ, WRITE, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.statuses import MARKETPLACE, MARKETPLACE_ENUM
from staykit.domain.catalog.models import Property, UnitType
from staykit.domain.messaging import access, conversations, posting, service
from staykit.domain.messaging.models import MESSAGE_TYPES, Message, MessageThread
from staykit.domain.messaging.send_limits import SendLimits
from staykit.domain.records import Records

router = APIRouter()
ThreadId = Annotated[uuid.UUID, Path(description="The message thread's id")]
MessageId = Annotated[uuid.UUID, Path(description="The message's id")]
THREAD = envelope("messageThread", MessageThreadRecord)
MESSAGE = envelope("message", MessageRecord)


def limits_of(ctx: Ctx) -> SendLimits:
    s = ctx.settings
    return SendLimits(s.message_send_limit, s.message_send_window_seconds, s.message_max_chars)


# --- joins ---------------------------------------------------------------------------------------


def _index(values: tuple[str, ...], value: str | None) -> int | None:
    return values.index(value) if value in values else None


async def _thread_joins(ctx: Ctx, rows: list[MessageThread], shaped: list[dict[str, Any]]) -> None:
    """listingDets (the listing's title, address, type, location) and rezDets (the
    reservation's status and dates), each a list of at most one, read in two queries."""
    listing_ids = {t.unit_type_id for t in rows if t.unit_type_id is not None}
    reservation_ids = {t.reservation_id for t in rows if t.reservation_id is not None}
    listings: dict[uuid.UUID, dict[str, Any]] = {}
    if listing_ids:
        for ut, prop in await ctx.session.execute(
            select(UnitType, Property)
            .join(Property, Property.id == UnitType.property_id)
            .where(UnitType.id.in_(listing_ids))
        ):
            listings[ut.id] = {
                "title": ut.title,
                "address": prop.address,
                "propertyType": ut.property_type,
                "propertyType_idx": _index(PROPERTY_TYPES, ut.property_type),
                "location": {
                    "lat": prop.latitude,
                    "lng": prop.longitude,
                    "city": prop.city,
                    "country": prop.country,
                },
            }
    stays: dict[uuid.UUID, dict[str, Any]] = {}
    if reservation_ids:
        for r in await ctx.session.scalars(
            select(Reservation).where(Reservation.id.in_(reservation_ids))
        ):
            status = MARKETPLACE[r.status]
            stays[r.id] = {
                "bookingStatus": status,
                "bookingStatus_idx": _index(MARKETPLACE_ENUM, status),
                "checkOut": r.departure.isoformat(),
                "checkIn": r.arrival.isoformat(),
            }
    for t, out in zip(rows, shaped, strict=True):
        found = listings.get(t.unit_type_id) if t.unit_type_id else None
        out["listingDets"] = [found] if found else []
        stay = stays.get(t.reservation_id) if t.reservation_id else None
        out["rezDets"] = [stay] if stay else []


async def _senders(ctx: Ctx, messages: list[Message]) -> dict[uuid.UUID, dict[str, Any]]:
    ids = {m.sender_id for m in messages if m.sender_id is not None}
    if not ids:
        return {}
    rows = await ctx.session.execute(
        select(User.id, User.fullname, User.avatar).where(User.id.in_(ids))
    )
    return {
        row.id: {"id": str(row.id), "fullname": row.fullname, "avatar": row.avatar} for row in rows
    }


async def _shape_threads(ctx: Ctx, rows: list[MessageThread]) -> list[dict[str, Any]]:
    return [thread_json(t) for t in rows]


threads_resource = Resource(
    name="messageThread",
    plural="messageThreads",
    # Lists only: the route builds the readable statement (messaging.access).
    records=Records(
        MessageThread,
        "messageThread",
        order_by=lambda m: (m.last_message_at.desc().nulls_last(), m.created_at.desc()),
    ),
    id_param="messageThreadId",
    filters={
        "guestId": flt.FilterSpec("guestId", MessageThread.guest_id, Kind.ID),
        "hostId": flt.FilterSpec("hostId", MessageThread.host_id, Kind.ID),
        "listingId": flt.FilterSpec("listingId", MessageThread.unit_type_id, Kind.ID),
        "reservationId": flt.FilterSpec("reservationId", MessageThread.reservation_id, Kind.ID),
        "isOpen": flt.FilterSpec("isOpen", MessageThread.is_open, Kind.BOOL),
        "lastMessageAt": flt.FilterSpec(
            "lastMessageAt", MessageThread.last_message_at, Kind.DATETIME
        ),
    },
    joins=_thread_joins,
    shape_rows=_shape_threads,
)


def _viewer(ctx: Ctx) -> Principal:
    return ctx.user()


async def _shape_messages(ctx: Ctx, rows: list[Message]) -> list[dict[str, Any]]:
    viewer = _viewer(ctx)
    senders = await _senders(ctx, rows) if ctx.extra.get("sender_joins") else {}
    joins = bool(ctx.extra.get("sender_joins"))
    return [
        message_json(m, viewer, senders.get(m.sender_id) if m.sender_id else None, joins=joins)
        for m in rows
    ]


messages_resource = Resource(
    name="message",
    plural="messages",
    records=Records(Message, "message", order_by=lambda m: (m.sent_at, m.int_id)),
    id_param="messageId",
    filters={
        "senderId": flt.FilterSpec("senderId", Message.sender_id, Kind.ID),
        "messageType": flt.FilterSpec(
            "messageType", Message.message_type, Kind.ENUM, MESSAGE_TYPES
        ),
        "isFlagged": flt.FilterSpec("isFlagged", Message.is_flagged, Kind.BOOL),
        "sentAt": flt.FilterSpec("sentAt", Message.sent_at, Kind.DATETIME),
    },
    shape_rows=_shape_messages,
)


# --- threads -------------------------------------------------------------------------------------


@router.post(
    "/v1/messagethreads",
    tags=["messageThreads"],
    summary="createMessageThread",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=THREAD),
)
async def create_message_thread(ctx: Context, body: CreateMessageThread) -> JSONResponse:
    """Open a conversation: a guest's inquiry about a listing (listingId; the guest opens
    it), or a reservation's thread (reservationId; its guest or host side). guestId and
    hostId must be the context's. One open thread per context (409 naming it)."""
    thread = await conversations.open_thread(ctx.session, ctx.user(), body.command())
    return respond(ctx, "messageThread", thread_json(thread), action="create")


@router.get(
    "/v1/messagethreads/{messageThreadId}",
    tags=["messageThreads"],
    summary="getMessageThread",
    **described(A.LOGIN, *READ, model=THREAD, parameters=read_parameters()),
)
async def get_message_thread(ctx: Context, messageThreadId: ThreadId) -> JSONResponse:
    """The thread's guest, host side and admins; 404 for anyone else. Joins listingDets
    and rezDets."""
    joins = get_joins(ctx)
    thread = await conversations.get_thread(ctx.session, ctx.user(), messageThreadId)
    shaped = thread_json(thread)
    if joins:
        await _thread_joins(ctx, [thread], [shaped])
    return respond(ctx, "messageThread", shaped, action="get")


@router.get(
    "/v1/messagethreads",
    tags=["messageThreads"],
    summary="listMessageThreads",
    **described(
        A.LOGIN,
        400,
        model=envelope("messageThreads", MessageThreadRecord, "page"),
        parameters=list_parameters(threads_resource),
    ),
)
async def list_message_threads(ctx: Context) -> JSONResponse:
    """The threads the caller is the guest or host side of (admins: all), the latest
    message first."""
    base = select(MessageThread).where(access.readable_threads(ctx.user()))
    return await list_records(ctx, threads_resource, base=base)


@router.patch(
    "/v1/messagethreads/{messageThreadId}",
    tags=["messageThreads"],
    summary="updateMessageThread",
    **described(A.LOGIN, *WRITE, model=THREAD),
)
async def update_message_thread(
    ctx: Context, messageThreadId: ThreadId, body: UpdateMessageThread
) -> JSONResponse:
    """Close (isOpen false) or reopen a thread: its guest, host side or an admin. The
    counters and the context are not changed here (400 when sent different)."""
    thread = await conversations.change_thread(
        ctx.session, ctx.user(), messageThreadId, body.change()
    )
    return respond(ctx, "messageThread", thread_json(thread), action="update")


@router.delete(
    "/v1/messagethreads/{messageThreadId}",
    tags=["messageThreads"],
    summary="deleteMessageThread",
    **described(A.LOGIN, *DELETE, model=THREAD),
)
async def delete_message_thread(ctx: Context, messageThreadId: ThreadId) -> JSONResponse:
    """Archive a thread (isActive false, closed): its guest, host side or an admin. Its
    messages stay for audit."""
    thread = await conversations.delete_thread(ctx.session, ctx.user(), messageThreadId)
    return respond(ctx, "messageThread", thread_json(thread), action="delete")


# --- messages ------------------------------------------------------------------------------------


@router.post(
    "/v1/messages",
    tags=["messages"],
    summary="createMessage",
    status_code=201,
    **described(A.LOGIN, *WRITE, 429, model=MESSAGE),
)
@idempotent
async def create_message(ctx: Context, body: CreateMessage) -> JSONResponse:
    """Send a message: the thread's guest or host side, to an open thread (409 when
    closed). sentAt, the sender and the thread's messageCount and lastMessageAt are the
    server's (updated in the same transaction). Contact details are masked before a stay
    is confirmed; too many messages in the window is a 429 with Retry-After. With an
    Idempotency-Key, a retry gets the first answer again and sends nothing."""
    caller = ctx.user()
    message = await posting.post_message(ctx.session, caller, body.command(caller), limits_of(ctx))
    return respond(ctx, "message", message_json(message, caller), action="create")


@router.get(
    "/v1/messages/{messageId}",
    tags=["messages"],
    summary="getMessage",
    **described(A.LOGIN, *READ, model=MESSAGE, parameters=read_parameters()),
)
async def get_message(ctx: Context, messageId: MessageId) -> JSONResponse:
    """The thread's guest, host side and admins (a business's internal notes: not its
    guest); 404 for anyone else and for deleted messages. With the sender."""
    joins = get_joins(ctx)
    caller = ctx.user()
    message = await posting.get_message(ctx.session, caller, messageId)
    senders = await _senders(ctx, [message]) if joins else {}
    sender = senders.get(message.sender_id) if message.sender_id else None
    return respond(ctx, "message", message_json(message, caller, sender, joins=joins))


@router.patch(
    "/v1/messages/{messageId}",
    tags=["messages"],
    summary="updateMessage",
    **described(A.LOGIN, *WRITE, model=MESSAGE),
)
async def update_message(ctx: Context, messageId: MessageId, body: UpdateMessage) -> JSONResponse:
    """Edit content or mediaUrl (the sender or an admin), the flag (the sender or an
    admin), isModerated (admins) or isRead (the side that receives the message)."""
    caller = ctx.user()
    message = await posting.edit_message(
        ctx.session, caller, messageId, body.edit(caller), limits_of(ctx)
    )
    return respond(ctx, "message", message_json(message, caller), action="update")


@router.delete(
    "/v1/messages/{messageId}",
    tags=["messages"],
    summary="deleteMessage",
    **described(A.LOGIN, *DELETE, model=MESSAGE),
)
async def delete_message(ctx: Context, messageId: MessageId) -> JSONResponse:
    """Hide a message (the sender or an admin): kept for audit, listed to nobody."""
    caller = ctx.user()
    message = await service.hide(ctx.session, caller, messageId)
    return respond(ctx, "message", message_json(message, caller), action="delete")


async def _thread_messages(ctx: Ctx, thread_id: uuid.UUID, *, extras: bool) -> JSONResponse:
    caller = ctx.user()
    thread = await conversations.get_thread(ctx.session, caller, thread_id, field="thread_id")
    ctx.extra["sender_joins"] = get_joins(ctx)
    added: dict[str, Any] | None = None
    if extras:
        shaped = thread_json(thread)
        await _thread_joins(ctx, [thread], [shaped])
        listing = shaped.pop("listingDets")
        shaped.pop("rezDets")
        added = {
            "thread": shaped,
            "listing": {"id": shaped["listingId"], **listing[0]} if listing else {},
            "amenities": {},
        }
    base = access.readable_messages(caller).where(Message.thread_id == thread.id)
    return await list_records(ctx, messages_resource, base=base, extra=added)


@router.get(
    "/v1/threadmessages/{threadId}",
    tags=["messages"],
    summary="getThreadMessages",
    **described(
        A.LOGIN,
        *READ,
        model=envelope("messages", MessageRecord, "page"),
        parameters=list_parameters(messages_resource),
    ),
)
async def get_thread_messages(ctx: Context, threadId: ThreadId) -> JSONResponse:
    """A thread's messages, oldest first (sentAt), each with its sender: the thread's
    guest, host side and admins (404 for anyone else). Top-level `thread` (the thread),
    `listing` (its listing's title, address, type and location) and `amenities` ({})."""
    return await _thread_messages(ctx, threadId, extras=True)


@router.get(
    "/v1/gotthreadmessages/{threadId}",
    tags=["messages"],
    summary="gotthreadMessages",
    **described(
        A.LOGIN,
        *READ,
        model=envelope("messages", MessageRecord, "page"),
        parameters=list_parameters(messages_resource),
    ),
)
async def gotthread_messages(ctx: Context, threadId: ThreadId) -> JSONResponse:
    """The seed's undocumented twin of getThreadMessages: the same list, without the
    top-level thread, listing and amenities."""
    return await _thread_messages(ctx, threadId, extras=False)


__all__ = ["router"]
