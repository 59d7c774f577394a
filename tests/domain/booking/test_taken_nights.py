"""A booking whose nights are already taken is refused from a quote read without the unit
type's lock, so a crowd racing for one night does not queue on the lock behind the
winner; a booking of free nights still takes the lock before it reads what it writes on,
and nights freed between the two reads are booked under the lock."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import libpq_url
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.catalog.availability import lock_key
from staykit.domain.catalog.errors import NightsUnavailable
from tests.factories import actor_of, days_from, make_listing, make_user

D = date.today() + timedelta(days=70)
day = days_from(D)


@pytest.fixture
async def held_lock(database_url: str) -> AsyncIterator[Any]:
    """Holds a unit type's advisory lock in a transaction of another connection (as a
    booking in progress does) until the test ends: `hold(unit_type_id)`."""
    conn = await psycopg.AsyncConnection.connect(libpq_url(database_url))

    async def hold(unit_type_id: uuid.UUID) -> None:
        await conn.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (lock_key(unit_type_id),)
        )

    try:
        yield hold
    finally:
        await conn.rollback()
        await conn.close()


async def test_taken_nights_are_refused_at_once_while_a_free_stay_waits_for_the_lock(
    committed_factory: async_sessionmaker[AsyncSession], held_lock: Any
) -> None:
    async with committed_factory() as s:
        host, first, second = await make_user(s), await make_user(s), await make_user(s)
        listing = await make_listing(s, host)  # one unit
        await create_reservation(s, actor_of(first), NewReservation(listing.id, day(2), day(4), 1))
        await s.commit()
    await held_lock(listing.id)  # someone else is booking this listing right now

    async with committed_factory() as s:
        await s.execute(text("SET LOCAL lock_timeout = '2s'"))
        with pytest.raises(NightsUnavailable) as refused:
            await create_reservation(
                s, actor_of(second), NewReservation(listing.id, day(3), day(5), 1)
            )
        assert day(3).isoformat() in refused.value.errors[0]["nights"]
        await s.rollback()

    # Free nights: the booking must wait for the lock (here it gives up after 2 s), since
    # what it reads under the lock is what it writes on.
    async with committed_factory() as s:
        await s.execute(text("SET LOCAL lock_timeout = '2s'"))
        with pytest.raises(DBAPIError, match="lock timeout"):
            await create_reservation(
                s, actor_of(second), NewReservation(listing.id, day(10), day(12), 1)
            )
        await s.rollback()


async def test_nights_freed_after_the_listing_was_read_are_booked_under_the_lock(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> None:
    async with committed_factory() as s:
        host, first, second = await make_user(s), await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        await create_reservation(s, actor_of(first), NewReservation(listing.id, day(2), day(4), 1))
        await s.commit()

    freed: list[str] = []

    def free_the_nights(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        # Right after the listing's read (which saw the nights taken and took no lock),
        # another transaction frees them, as a cancellation committing at that instant.
        if "AS locked" in statement and not freed:
            with psycopg.connect(libpq_url(database_url), autocommit=True) as other:
                done = other.execute(
                    "UPDATE occupancies SET active = false WHERE active AND unit_type_id = %s",
                    (listing.id,),
                )
                assert done.rowcount == 1
            freed.append(statement)

    async with committed_factory() as s:
        sync_engine = (await s.connection()).engine.sync_engine
        event.listen(sync_engine, "after_cursor_execute", free_the_nights)
        try:
            booked = await create_reservation(
                s, actor_of(second), NewReservation(listing.id, day(3), day(5), 1)
            )
            await s.commit()
        finally:
            event.remove(sync_engine, "after_cursor_execute", free_the_nights)
    assert freed, "the listing's read was not seen: the test proves nothing"
    assert booked.reservation.status == "confirmed"
    async with committed_factory() as s:
        active = await s.scalar(
            text(
                "SELECT count(*) FROM occupancies WHERE active AND unit_type_id = :t "
                "AND daterange(arrival, departure) && daterange(:a, :d)"
            ),
            {"t": listing.id, "a": day(3), "d": day(4)},
        )
    assert active == 1


async def test_an_inquiry_on_taken_nights_is_taken_and_holds_no_night(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        stay = await create_reservation(
            s, actor_of(guest), NewReservation(listing.id, day(2), day(4), 1)
        )
        await s.commit()
        asked = await create_reservation(
            s,
            actor_of(host),
            NewReservation(listing.id, day(3), day(5), 1, source="direct", status="inquiry"),
        )
        await s.commit()
    assert asked.reservation.status == "inquiry"
    held = text(
        "SELECT count(*) FROM occupancies o JOIN unit_assignments a ON a.id = o.ref "
        "WHERE o.active AND a.reservation_id = :r"
    )
    async with committed_factory() as s:
        assert await s.scalar(held, {"r": stay.reservation.id}) == 1  # the query sees holds
        assert await s.scalar(held, {"r": asked.reservation.id}) == 0
