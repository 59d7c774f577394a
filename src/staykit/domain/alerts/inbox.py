"""Sending notifications and reading them: `deliver` writes a user's in-app notification
(and its live event) and queues the email, SMS and pushes the user's preferences ask for,
all in the caller's transaction, so nothing is lost and nothing is sent for a change
that is rolled back. Consumers of domain events call it from the dispatch job; admins
call it through POST /notification-api/notifications.

The in-app notifications of a user are theirs alone: every reader here filters by the
caller's user id, and an id that is someone else's is as unknown as one that never was.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput, NotFound
from staykit.core.ids import uuid7
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User
from staykit.domain.notifications import live, preferences
from staykit.domain.notifications.models import MAX_BODY, MAX_TITLE, Notification, PushDevice
from staykit.domain.notifications.preferences import EMAIL, IN_APP, PUSH, SMS
from staykit.domain.notifications.service import queue_email, queue_push, queue_sms

_INSERT_MANY = text(
    """
    INSERT INTO notifications (id, user_id, seq, event, title, body, data, sender_id,
        owner_id, created_at, updated_at)
    SELECT i, u, s, :event, :title, :body, CAST(:data AS jsonb), :sender, :sender, :now, :now
    FROM unnest(CAST(:ids AS uuid[]), CAST(:users AS uuid[]), CAST(:seqs AS bigint[]))
        AS t(i, u, s)
    """
)
SORTS = {"createdAt": False, "-createdAt": True}  # sortBy -> newest first
MAX_PAGE_ROWS = 100


@dataclass(frozen=True)
class Outgoing:
    """One notification to send: what it is about (an event of the catalogue), its words,
    and data for the client (ids to open). `channels`: the sender's choice (an admin's
    notice); None sends on every channel the recipient wants. `email=False` leaves email
    to another sender (reservation mails are staykit.domain.booking.mails')."""

    event: str
    title: str
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    channels: tuple[str, ...] | None = None
    sender_id: uuid.UUID | None = None
    email: bool = True


def as_json(n: Notification) -> dict[str, Any]:
    """A notification as the API lists it and the live stream sends it."""
    return {
        "id": str(n.id),
        "event": n.event,
        "title": n.title,
        "body": n.body,
        "data": n.data,
        "senderId": None if n.sender_id is None else str(n.sender_id),
        "seenAt": None if n.seen_at is None else n.seen_at.isoformat(),
        "seq": n.seq,
        "createdAt": n.created_at.isoformat(),
    }


async def deliver(
    session: AsyncSession, recipients: Sequence[uuid.UUID], note: Outgoing
) -> list[Notification]:
    """Send `note` to each active recipient on the channels both the sender and the
    recipient want; the in-app notifications written, in the recipients' order."""
    ids = list(dict.fromkeys(recipients))
    users = {
        u.id: u for u in await session.scalars(select(User).where(User.id.in_(ids), User.is_active))
    }
    wanted = await preferences.channels_for(session, list(users), note.event)

    def wants(user_id: uuid.UUID, channel: str) -> bool:
        chosen = wanted.get(user_id, ())
        return channel in chosen and (note.channels is None or channel in note.channels)

    title, body = note.title[:MAX_TITLE], note.body[:MAX_BODY]
    in_app = [u for u in ids if u in users and wants(u, IN_APP)]
    numbers = await live.next_numbers(session, in_app)
    now = utcnow()
    rows = [
        Notification(
            id=uuid7(),
            user_id=u,
            event=note.event,
            title=title,
            body=body,
            data=note.data,
            sender_id=note.sender_id,
            seq=numbers[u],
            owner_id=note.sender_id,
            seen_at=None,
            is_active=True,
            record_version=1,
            created_at=now,
            updated_at=now,
        )
        for u in in_app
    ]
    if rows:  # one statement over arrays, however many recipients (not one row each)
        await session.execute(
            _INSERT_MANY,
            {
                "ids": [r.id for r in rows],
                "users": [r.user_id for r in rows],
                "seqs": [r.seq for r in rows],
                "event": note.event,
                "title": title,
                "body": body,
                "data": json.dumps(note.data, default=str),
                "sender": note.sender_id,
                "now": now,
            },
        )
    await live.append(session, "notification", [(r.user_id, as_json(r)) for r in rows], numbers)
    for user_id, user in users.items():
        if note.email and wants(user_id, EMAIL):
            await queue_email(
                session,
                to=user.email,
                subject=title,
                body=f"{body}\n" if body else f"{title}\n",
                purpose=f"notification.{note.event}"[:60],
            )
        if wants(user_id, SMS) and user.mobile and user.mobile_verified:
            await queue_sms(
                session, to=user.mobile, body=f"{title}. {body}"[:480], purpose=note.event
            )
    pushed = [u for u in users if wants(u, PUSH)]
    if pushed:
        devices = await session.scalars(
            select(PushDevice.id).where(PushDevice.user_id.in_(pushed), PushDevice.is_active)
        )
        payload = {"title": title, "body": body, "event": note.event, "data": note.data}
        await queue_push(session, [str(d) for d in devices], payload)
    return rows


async def tell_participants(
    session: AsyncSession, kind: str, users: Sequence[uuid.UUID], data: dict[str, Any]
) -> None:
    """A live event (not a notification) for each user: a new message in their thread."""
    await live.append(session, kind, [(u, data) for u in dict.fromkeys(users)])


@dataclass(frozen=True)
class NewNotification:
    """An admin's (or the platform's) notification to the given users."""

    recipients: Sequence[uuid.UUID]
    title: str
    body: str = ""
    event: str = "announcement"
    channels: Sequence[str] = (IN_APP,)
    data: dict[str, Any] = field(default_factory=dict)


MAX_DATA_BYTES = 4096


async def send(
    session: AsyncSession,
    principal: Principal | None,
    command: NewNotification,
    *,
    max_recipients: int,
) -> list[Notification]:
    """Send to the given users: admins only, or the platform itself (principal None).
    Every recipient must be an active user (a 400 naming the first that is not, by its
    place in the list); the in-app notifications written are returned."""
    sender = None if principal is None else policy.require_admin(principal)
    preferences.check_event(command.event, "notification.event")
    channels = preferences.check_channels(command.channels, "notification.channels")
    check_text("notification.title", command.title, MAX_TITLE, required=True)
    check_text("notification.body", command.body, MAX_BODY)
    if len(command.recipients) > max_recipients:
        raise InvalidInput(
            f"notification.recipients may name at most {max_recipients} users at once.",
            code="recipientsIsInvalid",
            field="notification.recipients",
        )
    if len(json.dumps(command.data, default=str)) > MAX_DATA_BYTES:
        raise InvalidInput(
            f"notification.data must be at most {MAX_DATA_BYTES} bytes of JSON.",
            code="dataIsInvalid",
            field="notification.data",
        )
    known = set(
        await session.scalars(
            select(User.id).where(User.id.in_(list(command.recipients)), User.is_active)
        )
    )
    for i, user_id in enumerate(command.recipients):
        if user_id not in known:
            raise InvalidInput(
                f"notification.recipients[{i}] is not a user of the platform.",
                code="recipientsIsInvalid",
                field=f"notification.recipients.{i}",
            )
    return await deliver(
        session,
        command.recipients,
        Outgoing(
            event=command.event,
            title=command.title,
            body=command.body,
            data=dict(command.data),
            channels=channels,
            sender_id=None if sender is None else sender.user_id,
        ),
    )


# --- reading and marking -------------------------------------------------------------------


async def list_mine(
    session: AsyncSession, principal: Principal, *, page: int, limit: int, sort_by: str
) -> tuple[list[Notification], int]:
    """The caller's notifications, a page of them, and how many there are."""
    me = policy.require_login(principal)
    if sort_by not in SORTS:
        raise InvalidInput(
            f"sortBy must be one of {', '.join(SORTS)}.", code="sortByIsInvalid", field="sortBy"
        )
    mine = (Notification.user_id == me.user_id, Notification.is_active)
    total = int(await session.scalar(select(func.count()).where(*mine)) or 0)
    newest_first = SORTS[sort_by]
    order = (
        (Notification.seq.desc(),) if newest_first else (Notification.seq.asc(),)
    )  # a user's numbers follow commit order: the stable order of their notifications
    rows = await session.scalars(
        select(Notification).where(*mine).order_by(*order).offset((page - 1) * limit).limit(limit)
    )
    return list(rows), total


async def unseen_count(session: AsyncSession, principal: Principal) -> int:
    me = policy.require_login(principal)
    return int(
        await session.scalar(
            select(func.count()).where(
                Notification.user_id == me.user_id,
                Notification.is_active,
                Notification.seen_at.is_(None),
            )
        )
        or 0
    )


async def mark_seen(
    session: AsyncSession, principal: Principal, ids: Sequence[uuid.UUID]
) -> list[Notification]:
    """Mark the caller's notifications seen (those seen already keep their time); any id
    that is not one of the caller's is a 404 naming its place in the list. The caller's
    other streams hear of it (a `seen` live event), so every open tab clears its badge."""
    me = policy.require_login(principal)
    wanted = list(dict.fromkeys(ids))
    found = {
        n.id: n
        for n in await session.scalars(
            select(Notification).where(
                Notification.id.in_(wanted),
                Notification.user_id == me.user_id,
                Notification.is_active,
            )
        )
    }
    for i, ident in enumerate(ids):
        if ident not in found:
            raise NotFound(
                f"notificationIds[{i}] is not one of your notifications.",
                code="notificationNotFound",
                field=f"notificationIds.{i}",
            )
    now = utcnow()
    fresh = [n.id for n in found.values() if n.seen_at is None]
    if fresh:
        await session.execute(
            update(Notification)
            .where(Notification.id.in_(fresh))
            .values(seen_at=now, updated_at=now, record_version=Notification.record_version + 1)
            .execution_options(synchronize_session=False)
        )
        for n in found.values():
            await session.refresh(n)
        await live.append(
            session,
            "seen",
            [(me.user_id, {"ids": [str(i) for i in fresh], "seenAt": now.isoformat()})],
        )
    return [found[i] for i in wanted]
