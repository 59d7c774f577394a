"""A booking's messages for the Channel API's booking webhook body (booking/webhook_bodies.py),
handed to it when this module is imported: messaging reads bookings, so the booking
package cannot import messaging back (staykit.jobs.app imports this module, as it imports
the event consumers, before any delivery runs).

The messages are the ones GET /bookings/messages?bookingId= answers, in its shape and
order (newest first), the first `limit` of them, without attachment contents.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.booking import webhook_bodies
from staykit.domain.booking.channel_wire import wire
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging import channel_views as cv
from staykit.domain.messaging.channel_wire import message_out


async def booking_messages(
    session: AsyncSession, reader: Principal, reservation: Reservation, limit: int
) -> list[dict[str, Any]]:
    found = await cv.messages(
        session,
        reader,
        [reservation.business_id],
        cv.MessageSelection(reservation_ids=(reservation.int_id,)),
        page=1,
        after=None,
        size=limit,
    )
    return [wire(message_out(m)) for m in found.items]


webhook_bodies.read_messages_with(booking_messages)
