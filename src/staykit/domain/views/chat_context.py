"""chatContext: a conversation screen in one request: the thread, both people, the
listing and the stay it is about, the caller's side, their unread count and the latest
messages.

Visibility, each part by its own package's readable statement:
- the thread: messaging's readable_threads (its guest; the host side: the host and the
  members of the host's business; admins, deleted threads too); anonymous callers get a
  401, anyone else a 404 by id;
- the messages and the unread count: messaging's readable_messages and
  receivable_condition (a guest never sees internal notes; hidden messages nobody);
- the reservation: booking's visible_condition (absent when the caller may not see it)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import visible_condition
from staykit.domain.booking.statuses import MARKETPLACE
from staykit.domain.catalog.models import UnitType
from staykit.domain.messaging.access import (
    readable_condition,
    readable_messages,
    readable_threads,
    receivable_condition,
)
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.views.filtering import Kind, ViewField
from staykit.domain.views.index import IndexView
from staykit.domain.views.people import person

NAME = "chatContext"
RECENT = 20  # the latest messages shown

Guest = aliased(User, name="chat_guest")
Host = aliased(User, name="chat_host")

F = ViewField
FIELDS = (
    F("id", Kind.ID, "The thread's id.", MessageThread.id),
    F("isOpen", Kind.BOOL, "Open for new messages.", MessageThread.is_open),
    F("isActive", Kind.BOOL, "Not deleted (admins also see deleted).", MessageThread.is_active),
    F("messageCount", Kind.INT, "Messages in it.", MessageThread.message_count, sortable=True),
    F(
        "lastMessageAt",
        Kind.DATETIME,
        "When the latest message was sent.",
        MessageThread.last_message_at,
        sortable=True,
        nullable=True,
    ),
    F("listingId", Kind.ID, "The listing it is about.", MessageThread.unit_type_id, nullable=True),
    F(
        "reservationId",
        Kind.ID,
        "The stay it is about.",
        MessageThread.reservation_id,
        nullable=True,
    ),
    F("guestId", Kind.ID, "The guest's user id.", MessageThread.guest_id, nullable=True),
    F("hostId", Kind.ID, "The host's user id.", MessageThread.host_id, nullable=True),
    F(
        "listingTitle",
        Kind.STRING,
        "The listing's title.",
        UnitType.title,
        nullable=True,
        sortable=True,
    ),
    F("myRole", Kind.STRING, "The caller's side: guest, host, business (staff) or admin."),
    F("guest", Kind.OBJECT, "The guest: id, fullname, avatar.", nullable=True),
    F("host", Kind.OBJECT, "The host: id, fullname, avatar.", nullable=True),
    F("listing", Kind.OBJECT, "id, title, mainPhoto.", nullable=True),
    F(
        "reservation",
        Kind.OBJECT,
        "id, bookingStatus, checkIn, checkOut, guestCount, totalPrice, currency.",
        nullable=True,
    ),
    F("unreadCount", Kind.INT, "Messages to the caller's side not read yet."),
    F(
        "recentMessages",
        Kind.OBJECT,
        f"The latest {RECENT} messages the caller may read, newest first.",
    ),
    F("createdAt", Kind.DATETIME, "Started at.", MessageThread.created_at, sortable=True),
    F("updatedAt", Kind.DATETIME, "Last changed at.", MessageThread.updated_at, sortable=True),
)


def query(actor: Principal | None) -> Any:  # a Select of the view's entities
    assert actor is not None  # login_required: the index asked first
    return (
        select(MessageThread, UnitType, Reservation, Guest, Host)
        .outerjoin(UnitType, UnitType.id == MessageThread.unit_type_id)
        .outerjoin(
            Reservation,
            and_(Reservation.id == MessageThread.reservation_id, visible_condition(actor)),
        )
        .outerjoin(Guest, Guest.id == MessageThread.guest_id)
        .outerjoin(Host, Host.id == MessageThread.host_id)
        .where(readable_threads(actor))
    )


async def _recent(
    session: AsyncSession, actor: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[dict[str, Any]]]:
    rank = func.row_number().over(
        partition_by=Message.thread_id, order_by=(Message.sent_at.desc(), Message.id.desc())
    )
    ranked = (
        readable_messages(actor)
        .where(Message.thread_id.in_(ids))
        .with_only_columns(Message, rank.label("n"))
        .subquery()
    )
    shown = aliased(Message, ranked)
    rows = await session.scalars(
        select(shown).where(ranked.c.n <= RECENT).order_by(shown.sent_at.desc(), shown.id.desc())
    )
    out: dict[uuid.UUID, list[dict[str, Any]]] = {i: [] for i in ids}
    for m in rows:
        out[m.thread_id].append(
            {
                "id": m.id,
                "senderId": m.sender_id,
                "source": m.source,
                "messageType": m.message_type,
                "content": m.content,
                "mediaUrl": m.media_url,
                "sentAt": m.sent_at,
                "readAt": m.read_at,
            }
        )
    return out


async def _unread(
    session: AsyncSession, actor: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    rows = await session.execute(
        select(Message.thread_id, func.count())
        .join(MessageThread, MessageThread.id == Message.thread_id)
        .where(
            Message.thread_id.in_(ids),
            Message.read_at.is_(None),
            readable_condition(actor),
            receivable_condition(actor),
        )
        .group_by(Message.thread_id)
    )
    return {tid: int(n) for tid, n in rows}


def _role(actor: Principal, thread: MessageThread) -> str:
    if thread.guest_id is not None and thread.guest_id == actor.user_id:
        return "guest"
    if thread.host_id == actor.user_id:
        return "host"
    return "admin" if actor.is_admin else "business"


async def shape(
    session: AsyncSession, actor: Principal | None, rows: Sequence[Any]
) -> list[dict[str, Any]]:
    assert actor is not None
    ids = [row[0].id for row in rows]
    recent = await _recent(session, actor, ids)
    unread = await _unread(session, actor, ids)
    out = []
    for t, listing, r, guest, host in rows:
        out.append(
            {
                "id": t.id,
                "isOpen": t.is_open,
                "isActive": t.is_active,
                "messageCount": t.message_count,
                "lastMessageAt": t.last_message_at,
                "listingId": t.unit_type_id,
                "reservationId": t.reservation_id,
                "guestId": t.guest_id,
                "hostId": t.host_id,
                "listingTitle": listing.title if listing is not None else None,
                "myRole": _role(actor, t),
                "guest": person(guest),
                "host": person(host),
                "listing": None
                if listing is None
                else {"id": listing.id, "title": listing.title, "mainPhoto": listing.main_photo},
                "reservation": None
                if r is None
                else {
                    "id": r.id,
                    "bookingStatus": MARKETPLACE.get(r.status, r.status),
                    "checkIn": r.arrival,
                    "checkOut": r.departure,
                    "guestCount": r.adults + r.children,
                    "totalPrice": r.total,
                    "currency": r.currency,
                },
                "unreadCount": unread.get(t.id, 0),
                "recentMessages": recent[t.id],
                "createdAt": t.created_at,
                "updatedAt": t.updated_at,
            }
        )
    return out


VIEW = IndexView(
    name=NAME,
    description="A conversation with its people, listing, stay, unread count and latest messages.",
    fields=FIELDS,
    query=query,
    shape=shape,
    id_column=MessageThread.id,
    default_sort="lastMessageAt",
    search=(UnitType.title, Guest.fullname, Host.fullname),
    search_description="q: every word in the listing's title or the guest's or host's name.",
)
