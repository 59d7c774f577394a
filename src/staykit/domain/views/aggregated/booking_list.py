"""BookingListView: the reservations a person has, as guest or on the host side, one card
each: the stay (dates, status, guests, total), the listing (title, photo, city), the
guest and the host (name, picture), the reader's part in it, and the conversation about
it (its thread, how many messages, when the last came, how many the reader has not
read).

Who sees a row: booking's readable statement (`visible_condition`): the guest, the
listing's host and the members of its business, admins. Money only for those who see a
stay's money (access.masking). Newest stays first (check-in descending)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking.models import Reservation
from staykit.domain.booking.repository import visible_condition
from staykit.domain.booking.statuses import MARKETPLACE
from staykit.domain.messaging import access as messaging
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.views.aggregated.common import (
    PageRequest,
    View,
    ViewPage,
    ViewRowNotFound,
    amount,
    listings,
    page_of,
    people,
    person,
)

NAME = "BookingListView"


def _readable(actor: Principal) -> Any:
    return select(Reservation).where(visible_condition(actor))


async def page(
    session: AsyncSession, principal: Principal | None, request: PageRequest
) -> ViewPage:
    me = policy.require_login(principal)
    rows, total = await page_of(
        session, _readable(me), request, Reservation.arrival.desc(), Reservation.id.desc()
    )
    return ViewPage(await _shape(session, me, [r for (r,) in rows]), total, request)


async def one(session: AsyncSession, principal: Principal | None, row_id: uuid.UUID) -> View:
    me = policy.require_login(principal)
    found = await session.scalar(_readable(me).where(Reservation.id == row_id))
    if found is None:
        raise ViewRowNotFound(NAME, row_id)
    return (await _shape(session, me, [found]))[0]


def _part(me: Principal, r: Reservation) -> str:
    """The reader's part in the stay. The readable statement let the row through, so a
    reader who is neither its guest, its host nor an admin is a member of its business."""
    if r.guest_id is not None and r.guest_id == me.user_id:
        return "guest"
    if r.host_id == me.user_id:
        return "host"
    return "admin" if me.is_admin else "host"


async def _threads(
    session: AsyncSession, me: Principal, reservation_ids: list[uuid.UUID]
) -> dict[uuid.UUID, View]:
    """{reservation id: its newest conversation the reader may read}, with the messages
    the reader's side received and has not read, in one query."""
    if not reservation_ids:
        return {}
    unread = (
        select(func.count())
        .select_from(Message)
        .where(
            Message.thread_id == MessageThread.id,
            Message.read_at.is_(None),
            messaging.readable_condition(me),
            messaging.receivable_condition(me),
        )
        .correlate(MessageThread)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(MessageThread, unread)
        .where(
            MessageThread.reservation_id.in_(reservation_ids),
            messaging.readable_threads(me),
        )
        .order_by(MessageThread.created_at)
    )
    out: dict[uuid.UUID, View] = {}
    for thread, unread_count in rows:
        assert thread.reservation_id is not None  # the query asks for reservations' threads
        out[thread.reservation_id] = {
            "id": thread.id,
            "isOpen": thread.is_open,
            "messageCount": thread.message_count,
            "lastMessageAt": thread.last_message_at,
            "unreadCount": int(unread_count or 0),
        }
    return out


async def _shape(session: AsyncSession, me: Principal, rows: list[Reservation]) -> list[View]:
    ids = [r.id for r in rows]
    found_people = await people(session, [u for r in rows for u in (r.guest_id, r.host_id)])
    found_listings = await listings(session, [r.unit_type_id for r in rows])
    threads = await _threads(session, me, ids)
    financial = masking.sees_financial(me, party_to_the_stay=True)
    return [
        {
            "id": r.id,
            "bookingStatus": MARKETPLACE[r.status],
            "status": r.status,
            "checkIn": r.arrival,
            "checkOut": r.departure,
            "nights": (r.departure - r.arrival).days,
            "guestCount": r.adults + r.children,
            "currency": r.currency,
            "totalPrice": amount(r.total, r.currency) if financial else None,
            "paymentConfirmation": r.payment_confirmation,
            "disputeStatus": r.dispute_status,
            "madeAt": r.made_at,
            "expiresAt": r.expires_at,
            "updatedAt": r.updated_at,
            "myRole": _part(me, r),
            "listing": found_listings.get(r.unit_type_id),
            "guest": person(found_people, r.guest_id),
            "host": person(found_people, r.host_id),
            "thread": threads.get(r.id),
        }
        for r in rows
    ]


__all__ = ["NAME", "one", "page"]
