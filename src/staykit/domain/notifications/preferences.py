"""Which events notify a user on which channels: the catalogue of events, the defaults,
and each user's own choices (only what they changed is stored).

Channels: `inApp` (the notifications list and the live stream), `email` (the SMTP
sender), `push` (Web Push to the user's registered browsers) and `sms` (to the user's
verified mobile number, through the SMS port). The defaults follow what people expect of
a rental marketplace: everything in the app; bookings and disputes also by email and
push; messages by push (a conversation by email is noise); SMS only when asked for.

Reservation emails are sent by staykit.domain.booking.mails, which asks `allows` here
before it queues one: turning email off for an event stops its mail.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.notifications.models import NotificationPreference

IN_APP, EMAIL, PUSH, SMS = CHANNELS = ("inApp", "email", "push", "sms")

_BOOKING = (IN_APP, EMAIL, PUSH)
# event -> (what it is, default channels)
EVENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "message.received": ("A message in one of your conversations.", (IN_APP, PUSH)),
    "reservation.requested": ("A booking request (to the host; its copy to the guest).", _BOOKING),
    "reservation.confirmed": ("A booking is confirmed.", _BOOKING),
    "reservation.declined": ("The host declined a booking request.", _BOOKING),
    "reservation.cancelled": ("A booking is cancelled.", _BOOKING),
    "reservation.modified": ("A booking's dates or guests changed.", _BOOKING),
    "reservation.expired": ("A booking request expired unanswered.", _BOOKING),
    "reservation.completed": ("A stay ended.", _BOOKING),
    "dispute.opened": ("A dispute about one of your bookings was opened.", _BOOKING),
    "dispute.updated": ("A dispute about one of your bookings changed.", _BOOKING),
    "announcement": ("A notice from the platform's admins.", (IN_APP, EMAIL, PUSH)),
    "gdpr.exportReady": ("The export of your data is ready to download.", (IN_APP, EMAIL)),
}
DEFAULTS: dict[str, tuple[str, ...]] = {event: chans for event, (_, chans) in EVENTS.items()}


def check_event(event: str, field: str = "event") -> str:
    if event not in EVENTS:
        raise InvalidInput(
            f"{field} must be one of {', '.join(EVENTS)}.", code=f"{field}IsInvalid", field=field
        )
    return event


def check_channels(channels: Iterable[Any], field: str) -> tuple[str, ...]:
    chosen: list[str] = []
    for i, channel in enumerate(channels):
        if channel not in CHANNELS:
            raise InvalidInput(
                f"{field}[{i}] must be one of {', '.join(CHANNELS)}.",
                code=f"{field.split('.')[0]}IsInvalid",
                field=f"{field}.{i}",
            )
        if channel not in chosen:
            chosen.append(channel)
    return tuple(c for c in CHANNELS if c in chosen)


async def choices_of(
    session: AsyncSession, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, dict[str, tuple[str, ...]]]:
    """Every event's channels for each user: the defaults, overridden by their choices."""
    ids = list(set(user_ids))
    stored: dict[uuid.UUID, dict[str, Any]] = {}
    if ids:
        rows = await session.execute(
            select(NotificationPreference.user_id, NotificationPreference.channels).where(
                NotificationPreference.user_id.in_(ids)
            )
        )
        stored = {user_id: channels for user_id, channels in rows}
    return {
        user_id: {
            event: tuple(stored.get(user_id, {}).get(event, default))
            for event, default in DEFAULTS.items()
        }
        for user_id in ids
    }


async def channels_for(
    session: AsyncSession, user_ids: Iterable[uuid.UUID], event: str
) -> dict[uuid.UUID, tuple[str, ...]]:
    return {user: chosen[event] for user, chosen in (await choices_of(session, user_ids)).items()}


async def allows(session: AsyncSession, user_id: uuid.UUID, event: str, channel: str) -> bool:
    """Whether the user wants `event` on `channel` (an event outside the catalogue: yes)."""
    if event not in EVENTS:
        return True
    return channel in (await channels_for(session, [user_id], event))[user_id]


async def update(
    session: AsyncSession, user_id: uuid.UUID, changes: Mapping[str, Iterable[Any]]
) -> dict[str, tuple[str, ...]]:
    """Set the channels of the events named in `changes` (the others keep theirs); a
    choice equal to the default is forgotten, so a later change of defaults reaches it."""
    checked = {
        check_event(event, f"events.{event}" if _printable(event) else "events"): check_channels(
            channels, f"events.{event}"
        )
        for event, channels in changes.items()
    }
    row = await session.get(NotificationPreference, user_id, with_for_update=True)
    current: dict[str, Any] = dict(row.channels) if row is not None else {}
    for event, channels in checked.items():
        if channels == DEFAULTS[event]:
            current.pop(event, None)
        else:
            current[event] = list(channels)
    stmt = insert(NotificationPreference).values(
        user_id=user_id, channels=current, updated_at=utcnow()
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[NotificationPreference.user_id],
            set_={"channels": stmt.excluded.channels, "updated_at": stmt.excluded.updated_at},
        )
    )
    if row is not None:
        await session.refresh(row)
    return (await choices_of(session, [user_id]))[user_id]


def _printable(name: str) -> bool:
    return name.replace(".", "").isalnum() and len(name) <= 60
