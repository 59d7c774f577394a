"""Reservation events end to end: the booking and its event commit together, a real worker
runs the event's job, and the guest and the host get their emails from a real SMTP server.
A rolled-back booking leaves no event, no job and no mail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.jobs.app import run_worker
from tests.factories import actor_of, make_listing, make_user
from tests.mail import SmtpServer, body_of

# A stay ahead of today whenever the tests run (bookings refuse arrivals in the past).
ARRIVAL = utcnow().date() + timedelta(days=120)
DEPARTURE = ARRIVAL + timedelta(days=3)


async def count(engine: AsyncEngine, sql: str) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text(sql))).scalar_one())


async def drain(database_url: str) -> None:
    """The event's job queues the mails as jobs of their own: a worker that stops when the
    queue is empty may stop before they are queued, so run it until nothing is left."""
    for _ in range(3):
        await run_worker(database_url, wait=False)


async def test_an_instant_booking_mails_the_guest_and_the_host(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    async with committed_factory() as db:
        host = await make_user(db, email="host.mail@example.test")
        guest = await make_user(db, email="guest.mail@example.test")
        listing = await make_listing(db, host, title="Blue door loft")
    async with unit_of_work(committed_factory) as session:
        booked = await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, ARRIVAL, DEPARTURE, 2)
        )
    assert mail_via_smtp.handler.envelopes == []  # nothing before a worker runs

    await drain(database_url)

    by_recipient = {m["To"]: m for m in mail_via_smtp.messages}
    assert set(by_recipient) == {"host.mail@example.test", "guest.mail@example.test"}
    to_guest = by_recipient["guest.mail@example.test"]
    assert to_guest["Subject"] == "Booking confirmed: Blue door loft"
    assert ARRIVAL.isoformat() in body_of(to_guest) and str(booked.reservation.id) in body_of(
        to_guest
    )
    assert by_recipient["host.mail@example.test"]["Subject"] == "New booking: Blue door loft"
    failed = await count(
        engine, "SELECT count(*) FROM procrastinate_jobs WHERE status <> 'succeeded'"
    )
    assert failed == 0

    # The guest cancels: the refund is in their mail.
    async with unit_of_work(committed_factory) as session:
        await cancel(session, actor_of(guest), booked.reservation.id)
    await drain(database_url)
    cancelled = [m for m in mail_via_smtp.messages if "cancelled" in m["Subject"]]
    assert {m["To"] for m in cancelled} == {"host.mail@example.test", "guest.mail@example.test"}
    guest_mail = next(m for m in cancelled if m["To"] == "guest.mail@example.test")
    assert "Refund: 300.00 EUR." in body_of(guest_mail)


async def test_a_rolled_back_booking_leaves_no_event_job_or_mail(
    committed_factory: async_sessionmaker[AsyncSession],
    database_url: str,
    engine: AsyncEngine,
    mail_via_smtp: SmtpServer,
) -> None:
    class Abort(Exception):
        pass

    async with committed_factory() as db:
        host, guest = await make_user(db), await make_user(db)
        listing = await make_listing(db, host)
    with pytest.raises(Abort):
        async with unit_of_work(committed_factory) as session:
            await create_reservation(
                session, actor_of(guest), NewReservation(listing.id, ARRIVAL, DEPARTURE, 1)
            )
            raise Abort
    assert await count(engine, "SELECT count(*) FROM reservations") == 0
    assert await count(engine, "SELECT count(*) FROM domain_events") == 0
    assert await count(engine, "SELECT count(*) FROM procrastinate_jobs") == 0
    await drain(database_url)
    assert mail_via_smtp.handler.envelopes == []
