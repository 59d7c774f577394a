"""System messages in a reservation's thread for its booking events (requested,
confirmed, changed, cancelled, declined, expired, completed): both sides read in the
conversation what happened to the stay.

A consumer of the events dispatcher (staykit.domain.events), registered at import: the
worker's app imports this module (staykit.jobs.app CONSUMERS). Idempotent per event: the
reservation's conversation is locked first and a message already written for the event
(messages.event_id, unique) is not written again, so a dispatch run twice writes one.
A booking event is a *request* as the booking mails read it (booking.mails.mail_kind):
an instant booking's `.created` writes nothing, its `.confirmed` does."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.booking.mails import mail_kind
from staykit.domain.booking.models import Reservation
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.registry import consumer
from staykit.domain.messaging import service, threads
from staykit.domain.messaging.models import SYSTEM, Message

# event kind -> the message; {arrival}, {departure}
TEXTS: dict[str, str] = {
    "reservation.requested": (
        "Booking requested for {arrival} to {departure}. The host has 24 hours to answer."
    ),
    "reservation.confirmed": "Booking confirmed: {arrival} to {departure}.",
    "reservation.modified": "Booking changed: the stay is now {arrival} to {departure}.",
    "reservation.cancelled": "Booking cancelled: {arrival} to {departure}.",
    "reservation.declined": "The host declined the booking request for {arrival} to {departure}.",
    "reservation.expired": (
        "The booking request for {arrival} to {departure} expired without an answer."
    ),
    "reservation.completed": "The stay from {arrival} to {departure} is complete.",
}


def system_text(event: DomainEvent) -> str | None:
    """The message an event writes, or None."""
    text = TEXTS.get(mail_kind(event))
    if text is None:
        return None
    return text.format(arrival=event.payload["arrival"], departure=event.payload["departure"])


@consumer("reservation.*")
async def write_system_message(session: AsyncSession, event: DomainEvent) -> None:
    text = system_text(event)
    if text is None:
        return
    reservation = await session.get(Reservation, event.aggregate_id)
    if reservation is None or not reservation.is_active:
        return
    await threads.lock_conversations(session, [reservation.id])
    if await session.scalar(select(Message.id).where(Message.event_id == event.id)) is not None:
        return
    await service.send(
        session,
        None,
        service.NewMessage(reservation.id, text, source=SYSTEM, event_id=event.id),
        reservation=reservation,
    )
