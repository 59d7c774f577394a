"""Which domain events notify whom. Registered at import (staykit.jobs.app imports this
module), run by the events dispatcher in its job, so what they write commits with the
job or not at all.

- message.sent: the recipient (a guest's message: the host; a host's: the guest) gets a
  `message.received` notification; both sides' live streams get the message (an internal
  note only the host's; a system message only the streams, no notification: the booking
  event it tells of notifies on its own).
- reservation events: the guest and the host, with the words of the reservation mails
  (staykit.domain.booking.mails, which still sends the emails itself; here in-app, push
  and SMS).
- dispute events: the reservation's guest and host, except whoever acted.
"""

from __future__ import annotations

import uuid
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.alerts.inbox import Outgoing, deliver, tell_participants
from staykit.domain.auth.models import User
from staykit.domain.booking import mails
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.registry import consumer
from staykit.domain.messaging.models import GUEST, HOST, INTERNAL_NOTE, SYSTEM, MessageThread

log = structlog.get_logger(__name__)


def _uuid(value: Any) -> uuid.UUID | None:
    return None if not value else uuid.UUID(str(value))


@consumer("message.sent")
async def notify_message(session: AsyncSession, event: DomainEvent) -> None:
    p: dict[str, Any] = event.payload
    thread = await session.get(MessageThread, uuid.UUID(p["threadId"]))
    if thread is None:
        return
    source = p.get("source")
    guest, host = thread.guest_id, thread.host_id
    sides = [host] if source == INTERNAL_NOTE else [guest, host]
    message = {
        k: p.get(k)
        for k in ("id", "threadId", "reservationId", "senderId", "source", "messageType", "sentAt")
    }
    await tell_participants(session, "message", [u for u in sides if u is not None], message)
    recipient = {GUEST: host, HOST: guest}.get(str(source)) if source != SYSTEM else None
    if recipient is None or recipient == _uuid(p.get("senderId")):
        return
    sender = await session.get(User, _uuid(p.get("senderId"))) if p.get("senderId") else None
    name = sender.fullname if sender is not None else "Your host"
    await deliver(
        session,
        [recipient],
        Outgoing(
            event="message.received",
            title=f"New message from {name}"[:200],
            body="Open the conversation to read and answer it.",
            data={
                "messageId": p["id"],
                "threadId": p["threadId"],
                "reservationId": p.get("reservationId"),
            },
            sender_id=_uuid(p.get("senderId")),
        ),
    )


@consumer("reservation.*")
async def notify_reservation(session: AsyncSession, event: DomainEvent) -> None:
    kind = mails.mail_kind(event)
    texts = mails.MAILS.get(kind)
    if not texts:
        return
    payload: dict[str, Any] = event.payload
    words = await mails.words_for(session, payload)
    for role, (subject, line) in texts.items():
        user_id = _uuid(payload.get("guestId") if role == "guest" else payload.get("hostId"))
        if user_id is None:
            continue
        await deliver(
            session,
            [user_id],
            Outgoing(
                event=kind,
                title=subject.format(**words)[:200],
                body=line.format(**words),
                data={"reservationId": payload["id"], "status": payload.get("status")},
                email=False,  # booking.mails sends these emails
            ),
        )


DISPUTE_WORDS = {
    "dispute.opened": (
        "Dispute opened: {title}",
        "A dispute about the stay from {arrival} to {departure} was opened; an admin will look into it.",
    ),
}
UPDATED = (
    "Dispute {status}: {title}",
    "The dispute about the stay from {arrival} to {departure} is now {status}.",
)


@consumer("dispute.*")
async def notify_dispute(session: AsyncSession, event: DomainEvent) -> None:
    p: dict[str, Any] = event.payload
    reservation = await session.get(Reservation, uuid.UUID(p["reservationId"]))
    if reservation is None:
        return
    title = await session.scalar(
        select(UnitType.title).where(UnitType.id == reservation.unit_type_id)
    )
    words = {
        "title": title or "your stay",
        "arrival": reservation.arrival.isoformat(),
        "departure": reservation.departure.isoformat(),
        "status": str(p.get("resolutionStatus", "")),
    }
    opened = event.type == "dispute.opened"
    subject, line = DISPUTE_WORDS["dispute.opened"] if opened else UPDATED
    people = [u for u in (reservation.guest_id, reservation.host_id) if u and u != event.actor_id]
    await deliver(
        session,
        people,
        Outgoing(
            event="dispute.opened" if opened else "dispute.updated",
            title=subject.format(**words)[:200],
            body=line.format(**words),
            data={"disputeId": p["id"], "reservationId": p["reservationId"], "action": event.type},
        ),
    )
    log.debug("dispute notified", event_type=event.type, people=len(people))
