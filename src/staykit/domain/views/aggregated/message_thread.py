"""MessageThreadView: a person's conversations, one card each: who it is with (guest and
host: name, picture), what it is about (the listing; the stay when there is one), the
last message the reader may read, and how many the reader's side has not read. One
thread by id adds its newest messages (oldest of them first), each with its sender.

Who sees what: messaging's readable statements: a thread is read by its guest, the host
side (the host and the business's members) and admins; a message by the same readers
except that a guest never reads the host side's internal notes, and hidden messages are
read by nobody here. Money of the stay only for those who see it (access.masking).
Most recent conversation first."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.messaging import access as messaging
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.views.aggregated.common import (
    PageRequest,
    View,
    ViewPage,
    ViewRowNotFound,
    listings,
    page_of,
    people,
    person,
    reservations,
    stay,
)

NAME = "MessageThreadView"
# One thread by id shows this many of its newest messages; older ones are the
# messaging service's (paged) thread messages.
NEWEST_MESSAGES = 50

_ORDER = (
    MessageThread.last_message_at.desc().nulls_last(),
    MessageThread.created_at.desc(),
    MessageThread.id.desc(),
)


def _readable(me: Principal) -> Any:
    return select(MessageThread).where(messaging.readable_threads(me))


async def page(
    session: AsyncSession, principal: Principal | None, request: PageRequest
) -> ViewPage:
    me = policy.require_login(principal)
    rows, total = await page_of(session, _readable(me), request, *_ORDER)
    return ViewPage(await _shape(session, me, [t for (t,) in rows]), total, request)


async def one(session: AsyncSession, principal: Principal | None, row_id: uuid.UUID) -> View:
    me = policy.require_login(principal)
    thread = await session.scalar(_readable(me).where(MessageThread.id == row_id))
    if thread is None:
        raise ViewRowNotFound(NAME, row_id)
    view = (await _shape(session, me, [thread]))[0]
    newest = list(
        await session.scalars(
            messaging.readable_messages(me)
            .where(Message.thread_id == thread.id)
            .order_by(Message.sent_at.desc(), Message.int_id.desc())
            .limit(NEWEST_MESSAGES)
        )
    )
    newest.reverse()
    senders = await people(session, [m.sender_id for m in newest])
    view["messages"] = [_message(m, me, senders) for m in newest]
    return view


def _part(me: Principal, t: MessageThread) -> str:
    """The reader's part: the readable statement let the thread through, so a reader who
    is neither its guest, its host nor an admin is on its host side (a member)."""
    if me.first_party and t.guest_id is not None and t.guest_id == me.user_id:
        return "guest"
    if t.host_id == me.user_id:
        return "host"
    return "admin" if me.is_admin else "host"


def _message(m: Message, me: Principal, senders: dict[uuid.UUID, View]) -> View:
    return {
        "id": m.id,
        "content": m.content,
        "messageType": m.message_type,
        "source": m.source,
        "sentAt": m.sent_at,
        "readAt": m.read_at,
        "mediaUrl": m.media_url,
        "sender": person(senders, m.sender_id),
        "isMine": m.sender_id is not None and m.sender_id == me.user_id,
    }


async def _last_messages(
    session: AsyncSession, me: Principal, thread_ids: list[uuid.UUID]
) -> dict[uuid.UUID, Message]:
    """{thread id: its newest message the reader may read}, in one query."""
    if not thread_ids:
        return {}
    rows = await session.scalars(
        messaging.readable_messages(me)
        .where(Message.thread_id.in_(thread_ids))
        .distinct(Message.thread_id)
        .order_by(Message.thread_id, Message.sent_at.desc(), Message.int_id.desc())
    )
    return {m.thread_id: m for m in rows}


async def _unread(
    session: AsyncSession, me: Principal, thread_ids: list[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """{thread id: messages the reader's side received and has not read}, in one query."""
    if not thread_ids:
        return {}
    rows = await session.execute(
        messaging.readable_messages(me)
        .with_only_columns(Message.thread_id, func.count())
        .where(
            Message.thread_id.in_(thread_ids),
            Message.read_at.is_(None),
            messaging.receivable_condition(me),
        )
        .group_by(Message.thread_id)
    )
    return {thread_id: int(n) for thread_id, n in rows}


async def _shape(session: AsyncSession, me: Principal, rows: list[MessageThread]) -> list[View]:
    ids = [t.id for t in rows]
    last = await _last_messages(session, me, ids)
    unread = await _unread(session, me, ids)
    found_people = await people(
        session,
        [u for t in rows for u in (t.guest_id, t.host_id)] + [m.sender_id for m in last.values()],
    )
    found_listings = await listings(session, [t.unit_type_id for t in rows])
    stays = await reservations(session, [t.reservation_id for t in rows])
    financial = masking.sees_financial(me, party_to_the_stay=True)
    out: list[View] = []
    for t in rows:
        r = stays.get(t.reservation_id) if t.reservation_id is not None else None
        m = last.get(t.id)
        out.append(
            {
                "id": t.id,
                "isOpen": t.is_open,
                "messageCount": t.message_count,
                "lastMessageAt": t.last_message_at,
                "createdAt": t.created_at,
                "myRole": _part(me, t),
                "unreadCount": unread.get(t.id, 0),
                "guest": person(found_people, t.guest_id),
                "host": person(found_people, t.host_id),
                "listing": found_listings.get(t.unit_type_id) if t.unit_type_id else None,
                "reservation": stay(r, financial=financial) if r is not None else None,
                "lastMessage": _message(m, me, found_people) if m is not None else None,
            }
        )
    return out


__all__ = ["NAME", "NEWEST_MESSAGES", "one", "page"]
