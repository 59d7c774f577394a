"""Reservation emails: the guest's and the host's mail for each reservation event, queued
by the events dispatcher (staykit.domain.events) through the outbound-messages table.
Registered at import: the worker's app imports this module."""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.auth.models import User
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.registry import consumer
from staykit.domain.notifications import preferences
from staykit.domain.notifications.service import queue_email

log = structlog.get_logger(__name__)

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
    mail of its own: the `.confirmed` event written with it mails both sides. A booking
    the platform is paid for waits for its payment first (no mail); its `.paid` event
    then makes a request of it (or comes with `.confirmed`, which mails)."""
    status = event.payload.get("status")
    if event.type == "reservation.created" and status == "request":
        if event.payload.get("platformPayment"):
            return "reservation.awaitingPayment"
        return "reservation.requested"
    if event.type == "reservation.paid" and status == "request":
        return "reservation.requested"
    return event.type


async def words_for(session: AsyncSession, payload: dict[str, Any]) -> dict[str, str]:
    """The words MAILS' texts are filled with, from a reservation event's payload."""
    title = await session.scalar(
        select(UnitType.title).where(UnitType.id == uuid.UUID(payload["unitTypeId"]))
    )
    refund = payload.get("refundAmount")
    return {
        "title": title or "your stay",
        "arrival": payload["arrival"],
        "departure": payload["departure"],
        "refund": f" Refund: {refund} {payload['currency']}." if refund else "",
    }


async def send_event_mails(session: AsyncSession, event: DomainEvent) -> int:
    """Queue the emails an event calls for (through the outbound-messages table), to each
    side that has not turned email off for the event (staykit.domain.notifications: the
    in-app, push and SMS notifications of the same event come from there)."""
    payload: dict[str, Any] = event.payload
    kind = mail_kind(event)
    mails = MAILS.get(kind, {})
    if not mails:
        return 0
    words = await words_for(session, payload)
    sent = 0
    for role, (subject, line) in mails.items():
        user_id = payload.get("guestId") if role == "guest" else payload.get("hostId")
        if not user_id:
            continue
        user = await session.get(User, uuid.UUID(user_id))
        if user is None or not user.is_active:
            continue
        if not await preferences.allows(session, user.id, kind, preferences.EMAIL):
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


@consumer("reservation.*")
async def mail_reservation_event(session: AsyncSession, event: DomainEvent) -> None:
    sent = await send_event_mails(session, event)
    log.debug("reservation event mailed", event_type=event.type, mails=sent)
