"""Jobs of the booking engine: act on reservation events (emails to the guest and the host
now; webhooks later), expire unanswered requests, complete finished stays."""

from __future__ import annotations

import uuid
from typing import Any

import procrastinate
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.db import unit_of_work
from staykit.core.runtime import get_runtime
from staykit.domain.auth.models import User
from staykit.domain.booking.models import DomainEvent
from staykit.domain.catalog.models import UnitType

log = structlog.get_logger(__name__)
blueprint = procrastinate.Blueprint()

# mail kind (see `mail_kind`) -> {recipient: (subject, opening line)}; {title}, {arrival},
# {departure}, {refund}. A kind without an entry mails nobody.
MAILS: dict[str, dict[str, tuple[str, str]]] = {
    "reservation.requested": {
        "host": (
            "New booking request: {title}",
            "A guest asks to stay from {arrival} to {departure}. Approve or decline it within 24 hours.",
        ),
        "guest": (
            "Booking request sent: {title}",
            "Your request to stay from {arrival} to {departure} was sent to the host, who has 24 hours to answer.",
        ),
    },
    "reservation.confirmed": {
        "guest": (
            "Booking confirmed: {title}",
            "Your stay from {arrival} to {departure} is confirmed.",
        ),
        "host": ("New booking: {title}", "A stay from {arrival} to {departure} is confirmed."),
    },
    "reservation.modified": {
        "guest": ("Booking changed: {title}", "Your stay is now from {arrival} to {departure}."),
        "host": ("Booking changed: {title}", "The stay is now from {arrival} to {departure}."),
    },
    "reservation.cancelled": {
        "guest": (
            "Booking cancelled: {title}",
            "The stay from {arrival} to {departure} is cancelled.{refund}",
        ),
        "host": (
            "Booking cancelled: {title}",
            "The stay from {arrival} to {departure} is cancelled; its nights are free again.",
        ),
    },
    "reservation.declined": {
        "guest": (
            "Booking request declined: {title}",
            "The host could not accept your stay from {arrival} to {departure}.",
        ),
    },
    "reservation.expired": {
        "guest": (
            "Booking request expired: {title}",
            "The host did not answer your request for {arrival} to {departure} within 24 hours.",
        ),
        "host": (
            "Booking request expired: {title}",
            "The request for {arrival} to {departure} expired unanswered.",
        ),
    },
    "reservation.completed": {
        "guest": (
            "How was your stay? {title}",
            "We hope you enjoyed your stay from {arrival} to {departure}.",
        ),
    },
}


def mail_kind(event: DomainEvent) -> str:
    """Which MAILS entry an event calls for: its type, except that a created booking is a
    *request* only while it waits for the host. An instant booking's `.created` has no
    mail of its own: the `.confirmed` event written with it mails both sides."""
    if event.type == "reservation.created" and event.payload.get("status") == "request":
        return "reservation.requested"
    return event.type


async def send_event_mails(session: AsyncSession, event: DomainEvent) -> int:
    """Queue the emails an event calls for (through the outbound-messages table)."""
    from staykit.domain.notifications.service import queue_email

    payload: dict[str, Any] = event.payload
    mails = MAILS.get(mail_kind(event), {})
    if not mails:
        return 0
    title = await session.scalar(
        select(UnitType.title).where(UnitType.id == uuid.UUID(payload["unitTypeId"]))
    )
    refund = payload.get("refundAmount")
    words = {
        "title": title or "your stay",
        "arrival": payload["arrival"],
        "departure": payload["departure"],
        "refund": f" Refund: {refund} {payload['currency']}." if refund else "",
    }
    sent = 0
    for role, (subject, line) in mails.items():
        user_id = payload.get("guestId") if role == "guest" else payload.get("hostId")
        if not user_id:
            continue
        user = await session.get(User, uuid.UUID(user_id))
        if user is None or not user.is_active:
            continue
        body = line.format(**words) + f"\n\nReservation {payload['id']}.\n"
        await queue_email(
            session,
            to=user.email,
            subject=subject.format(**words)[:200],
            body=body,
            purpose=f"{event.type}.{role}",
        )
        sent += 1
    return sent


@blueprint.task(
    name="reservation_event",
    queue="notifications",
    retry=procrastinate.RetryStrategy(max_attempts=8, exponential_wait=2),
    pass_context=False,
)
async def reservation_event(event_ids: list[str]) -> None:
    """Act on the events of one reservation change, in order (one job per change)."""
    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        found = {
            e.id: e
            for e in await session.scalars(
                select(DomainEvent).where(DomainEvent.id.in_([uuid.UUID(i) for i in event_ids]))
            )
        }
        for event_id in event_ids:
            event = found.get(uuid.UUID(event_id))
            if event is None:
                continue
            sent = await send_event_mails(session, event)
            log.info("reservation event handled", event_type=event.type, mails=sent)


@blueprint.periodic(cron="*/5 * * * *")
@blueprint.task(name="expire_requests", queue="housekeeping", pass_context=False)
async def expire_requests_job(timestamp: int) -> None:
    from staykit.domain.booking.service import expire_requests

    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await expire_requests(session)
    log.info("expired booking requests", count=count)


@blueprint.periodic(cron="*/15 * * * *")
@blueprint.task(name="complete_stays", queue="housekeeping", pass_context=False)
async def complete_stays_job(timestamp: int) -> None:
    from staykit.domain.booking.service import complete_stays

    runtime = get_runtime()
    async with unit_of_work(runtime.sessionmaker) as session:
        count = await complete_stays(session)
    log.info("completed stays", count=count)
