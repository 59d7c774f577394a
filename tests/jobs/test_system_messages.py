"""Booking events write system messages in the reservation's thread through the events
dispatcher, run by a real worker: a confirmed booking, then its cancellation; a dispatch
run twice writes each message once."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.events.models import DomainEvent
from staykit.domain.messaging import service
from staykit.domain.messaging.models import Message, MessageThread
from staykit.domain.messaging.system_messages import write_system_message
from staykit.jobs.app import run_worker
from tests.factories import actor_of, make_listing, make_user

ARRIVAL = utcnow().date() + timedelta(days=150)
DEPARTURE = ARRIVAL + timedelta(days=2)


async def test_booking_events_appear_as_system_messages_in_the_reservations_thread(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)
        listing = await make_listing(db, host, title="Harbour studio")
    async with unit_of_work(committed_factory) as session:
        booked = await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, ARRIVAL, DEPARTURE, 2)
        )
    rid = booked.reservation.id
    await run_worker(database_url, wait=False)
    async with unit_of_work(committed_factory) as session:
        await cancel(session, actor_of(guest), rid)
    await run_worker(database_url, wait=False)

    async with committed_factory() as db:
        rows = list(
            await db.scalars(
                select(Message).where(Message.reservation_id == rid).order_by(Message.sent_at)
            )
        )
        assert [(m.source, m.message_type, m.sender_id) for m in rows] == [
            ("system", "system", None),
            ("system", "system", None),
        ]
        assert rows[0].content == f"Booking confirmed: {ARRIVAL} to {DEPARTURE}."
        assert rows[1].content == f"Booking cancelled: {ARRIVAL} to {DEPARTURE}."
        thread = await db.scalar(select(MessageThread).where(MessageThread.reservation_id == rid))
        assert thread is not None and thread.message_count == 2
        assert (thread.guest_id, thread.host_id) == (guest.user.id, host.user.id)
        # Both sides read them in the thread.
        for person in (guest, host):
            seen = await service.thread_messages(db, actor_of(person), thread.id)
            assert [m.id for m in seen] == [m.id for m in rows]
        # The same event dispatched again writes nothing more.
        event = await db.scalar(
            select(DomainEvent).where(
                DomainEvent.aggregate_id == rid, DomainEvent.type == "reservation.cancelled"
            )
        )
        assert event is not None
    async with unit_of_work(committed_factory) as session:
        await write_system_message(session, event)
    async with committed_factory() as db:
        count = len(list(await db.scalars(select(Message.id).where(Message.reservation_id == rid))))
        assert count == 2
