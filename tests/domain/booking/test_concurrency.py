"""The booking engine under real concurrency: many transactions on their own connections,
released at the same instant, each committed when it succeeds. The exact outcome is
asserted (how many win, what every loser gets), and the database is checked afterwards.

Also the last line of defence on its own: the exclusion constraint refuses raw SQL that
would occupy a unit twice, and a booking or block that cannot see an uncommitted rival is
stopped by it with the same 409 the application check gives.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import create_engine, make_sessionmaker
from staykit.core.errors import Conflict, NotFound
from staykit.domain.booking.changes import modify
from staykit.domain.booking.commands import Booked, NewReservation, StayChange
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.catalog.availability import lock_key
from staykit.domain.catalog.blocks import create_block, delete_block, is_overlap_violation
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy
from staykit.domain.events.models import DomainEvent
from tests.factories import (
    Person,
    actor_of,
    add_units,
    days_from,
    make_listing,
    make_user,
    unit_ids,
)

RACERS = 50
# Far enough ahead that "today" never catches up with a stay, wherever the property is.
D = date.today() + timedelta(days=60)


day = days_from(D)


# --- plumbing ---------------------------------------------------------------------------------


@pytest.fixture
async def racing(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on an engine wide enough that every racer holds its own connection at the
    same time (the shared test engine has 20). Disposed before the tables are emptied."""
    engine = create_engine(database_url, pool_size=RACERS)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


Call = Callable[[AsyncSession], Awaitable[Any]]


async def race(factory: async_sessionmaker[AsyncSession], calls: list[Call]) -> list[Any]:
    """Run every call in its own session and transaction. Each racer first holds a
    connection with its transaction open, then all start together; a call that returns is
    committed, one that raises is rolled back. Returns results or exceptions, in order."""
    barrier = asyncio.Barrier(len(calls))

    async def one(call: Call) -> Any:
        async with factory() as session, session.begin():
            await session.execute(text("SELECT 1"))
            await barrier.wait()
            return await call(session)

    async with asyncio.timeout(120):  # a hang is a failure, not a stuck CI job
        return await asyncio.gather(*(one(c) for c in calls), return_exceptions=True)


def outcome(results: list[Any]) -> tuple[list[Any], list[Conflict], list[BaseException]]:
    """(successes, conflicts, anything else raised)."""
    wins = [r for r in results if not isinstance(r, BaseException)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    others = [r for r in results if isinstance(r, BaseException) and not isinstance(r, Conflict)]
    return wins, conflicts, others


def book(person: Person, listing_id: uuid.UUID, arrival: date, departure: date) -> Call:
    async def call(session: AsyncSession) -> Booked:
        return await create_reservation(
            session, actor_of(person), NewReservation(listing_id, arrival, departure, adults=1)
        )

    return call


def block(person: Person, unit_id: uuid.UUID, arrival: date, departure: date) -> Call:
    async def call(session: AsyncSession) -> AvailabilityBlock:
        return await create_block(
            session, actor_of(person), unit_id, arrival, departure, "maintenance"
        )

    return call


_DOUBLE_BOOKED = text(
    """
    SELECT count(*) FROM occupancies a JOIN occupancies b
      ON a.unit_id = b.unit_id AND a.id < b.id
     AND daterange(a.arrival, a.departure, '[)') && daterange(b.arrival, b.departure, '[)')
    WHERE a.active AND b.active
    """
)


async def double_booked(factory: async_sessionmaker[AsyncSession]) -> int:
    """Pairs of active occupancies of one unit that share a night (must always be 0)."""
    async with factory() as session:
        return int(await session.scalar(_DOUBLE_BOOKED) or 0)


async def units_taken_on(
    factory: async_sessionmaker[AsyncSession], listing_id: uuid.UUID, night: date
) -> list[uuid.UUID]:
    async with factory() as session:
        return list(
            await session.scalars(
                select(Occupancy.unit_id)
                .where(
                    Occupancy.unit_type_id == listing_id,
                    Occupancy.active,
                    Occupancy.arrival <= night,
                    Occupancy.departure > night,
                )
                .order_by(Occupancy.unit_id)
            )
        )


async def count(factory: async_sessionmaker[AsyncSession], sql: str, **params: Any) -> int:
    async with factory() as session:
        return int(await session.scalar(text(sql), params) or 0)


async def wait_for_lock_waiter(factory: async_sessionmaker[AsyncSession]) -> None:
    """Until some backend of this database waits on a lock held by our transaction: the
    per-unit-type advisory lock every occupancy writer takes first, or (for a writer that
    does not take it, like raw SQL) the exclusion constraint on its INSERT."""
    async with factory() as session:
        for _ in range(2000):
            waiting = await session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' "
                    "AND wait_event IN ('transactionid', 'tuple', 'advisory')"
                )
            )
            await session.rollback()
            if waiting:
                return
            await asyncio.sleep(0.01)
    raise AssertionError("the rival never waited for our transaction")


# --- races between bookings -------------------------------------------------------------------


async def test_fifty_overlapping_bookings_of_a_one_unit_listing_one_wins_49_get_409(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host = await make_user(s)
        guests = [await make_user(s) for _ in range(5)]
        listing = await make_listing(s, host)
    # Different stays, all of them containing the night of day(4).
    stays = [(day(i % 5), day(5 + i % 3)) for i in range(RACERS)]
    calls = [book(guests[i % 5], listing.id, a, d) for i, (a, d) in enumerate(stays)]

    wins, conflicts, others = outcome(await race(racing, calls))

    assert others == []
    assert len(wins) == 1 and len(conflicts) == RACERS - 1
    for c in conflicts:
        assert (c.status, c.code, c.field) == (409, "unitNotAvailable", "arrival"), c.message
        assert day(4).isoformat() in c.errors[0]["nights"]
    [won] = wins
    assert won.reservation.status == "confirmed"
    # The losers left nothing behind: no row, no event, no job.
    assert await count(committed_factory, "SELECT count(*) FROM reservations") == 1
    assert await count(committed_factory, "SELECT count(*) FROM unit_assignments") == 1
    assert await count(committed_factory, "SELECT count(*) FROM occupancies WHERE active") == 1
    assert await count(committed_factory, "SELECT count(*) FROM domain_events") == 2
    assert (
        await count(
            committed_factory,
            "SELECT count(*) FROM procrastinate_jobs WHERE task_name = 'events:dispatch'",
        )
        == 1  # one job acts on both events of the booking
    )
    assert await double_booked(committed_factory) == 0


async def test_fifty_overlapping_bookings_of_a_three_unit_type_exactly_three_win(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host = await make_user(s)
        guests = [await make_user(s) for _ in range(5)]
        listing = await make_listing(s, host)
        await add_units(s, listing, 2, commit=True)
        units = await unit_ids(s, listing)
    stays = [(day(i % 5), day(5 + i % 3)) for i in range(RACERS)]
    calls = [book(guests[i % 5], listing.id, a, d) for i, (a, d) in enumerate(stays)]

    wins, conflicts, others = outcome(await race(racing, calls))

    assert others == []
    assert len(wins) == 3 and len(conflicts) == RACERS - 3
    assert all(c.status == 409 and c.code == "unitNotAvailable" for c in conflicts)
    # Every unit is taken on the shared night, each exactly once.
    assert await units_taken_on(committed_factory, listing.id, day(4)) == units
    assert await count(committed_factory, "SELECT count(*) FROM reservations") == 3
    assert await double_booked(committed_factory) == 0
    # Each winner's assignments cover its whole stay, each with its own active occupancy.
    async with committed_factory() as s:
        for won in wins:
            r = won.reservation
            rows = (
                await s.execute(
                    select(UnitAssignment.arrival, UnitAssignment.departure, Occupancy.active)
                    .join(Occupancy, Occupancy.ref == UnitAssignment.id)
                    .where(UnitAssignment.reservation_id == r.id)
                    .order_by(UnitAssignment.arrival)
                )
            ).all()
            assert rows[0].arrival == r.arrival and rows[-1].departure == r.departure
            assert all(row.active for row in rows)
            assert all(a.departure == b.arrival for a, b in pairwise(rows))


async def test_back_to_back_stays_booked_at_the_same_time_are_all_accepted(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
    # 20 stays of 2 nights, each departing the day the next one arrives.
    calls = [book(guest, listing.id, day(2 * i), day(2 * i + 2)) for i in range(20)]

    wins, conflicts, others = outcome(await race(racing, calls))

    assert others == [] and conflicts == []
    assert len(wins) == 20
    async with committed_factory() as s:
        ranges = (
            await s.execute(
                select(Occupancy.arrival, Occupancy.departure)
                .where(Occupancy.unit_type_id == listing.id, Occupancy.active)
                .order_by(Occupancy.arrival)
            )
        ).all()
    assert [tuple(r) for r in ranges] == [(day(2 * i), day(2 * i + 2)) for i in range(20)]
    assert await double_booked(committed_factory) == 0


async def test_a_block_and_a_booking_racing_for_the_same_nights_exactly_one_wins(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        [unit] = await unit_ids(s, listing)
    # Ten pairs at once, each on its own nights (pairs never touch each other's nights);
    # the block does not take the unit type's lock, so only the constraint settles it.
    pairs = 10
    calls: list[Call] = []
    for k in range(pairs):
        calls.append(block(host, unit, day(4 * k + 1), day(4 * k + 3)))
        calls.append(book(guest, listing.id, day(4 * k), day(4 * k + 2)))

    results = await race(racing, calls)

    _, _, others = outcome(results)
    assert others == []
    for k in range(pairs):
        blocked, booked = results[2 * k], results[2 * k + 1]
        assert isinstance(blocked, Conflict) != isinstance(booked, Conflict), (blocked, booked)
        loser = blocked if isinstance(blocked, Conflict) else booked
        assert isinstance(loser, Conflict) and loser.status == 409
        assert day(4 * k + 1).isoformat() in loser.errors[0]["nights"]
    assert await count(committed_factory, "SELECT count(*) FROM occupancies WHERE active") == pairs
    assert await double_booked(committed_factory) == 0


# --- the constraint on its own ----------------------------------------------------------------


async def test_a_booking_racing_an_uncommitted_block_waits_and_gets_409_naming_the_night(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        [unit] = await unit_ids(s, listing)

    async def booking() -> Booked:
        async with racing() as session, session.begin():
            return await create_reservation(
                session, actor_of(guest), NewReservation(listing.id, day(0), day(3), adults=1)
            )

    async with racing() as session:
        await create_block(session, actor_of(host), unit, day(1), day(2), "maintenance")
        # The booking waits for this transaction (the unit type's lock, or without it the
        # exclusion constraint on its INSERT) and then finds the night taken.
        task = asyncio.create_task(booking())
        await wait_for_lock_waiter(racing)
        assert not task.done()
        await session.commit()
        with pytest.raises(Conflict) as err:
            await task
    assert err.value.status == 409 and err.value.field == "arrival"
    assert err.value.errors[0]["nights"] == [day(1).isoformat()]
    assert await count(committed_factory, "SELECT count(*) FROM reservations") == 0


async def test_a_block_waiting_on_an_uncommitted_booking_fails_or_succeeds_with_its_outcome(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        [unit] = await unit_ids(s, listing)

    async def blocking(arrival: date, departure: date) -> AvailabilityBlock:
        async with racing() as session, session.begin():
            return await create_block(
                session, actor_of(host), unit, arrival, departure, "owner_stay"
            )

    # The booking rolls back: the waiting block then gets the nights.
    async with racing() as session:
        await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, day(0), day(3), adults=1)
        )
        task = asyncio.create_task(blocking(day(2), day(4)))
        await wait_for_lock_waiter(racing)
        assert not task.done()
        await session.rollback()
        made = await task
    assert (made.arrival, made.departure) == (day(2), day(4))

    # The booking commits: the waiting block is refused with the nights it overlaps.
    async with racing() as session:
        await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, day(5), day(8), adults=1)
        )
        task = asyncio.create_task(blocking(day(7), day(9)))
        await wait_for_lock_waiter(racing)
        assert not task.done()
        await session.commit()
        with pytest.raises(Conflict) as err:
            await task
    assert err.value.status == 409 and err.value.field == "arrival"
    assert err.value.errors[0]["nights"] == [day(7).isoformat()]
    assert await double_booked(committed_factory) == 0


async def test_a_block_racing_a_transaction_that_frees_and_retakes_nights_gets_409_not_a_deadlock(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    """One transaction cancels a booking and then closes other nights of the unit (a host
    reorganising a calendar in one request); a block for those nights arrives in between.
    Whatever the order, one of the two gets the nights and the other a 409: never a
    deadlock, which would surface as a 500."""
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        [unit] = await unit_ids(s, listing)
        booked = await create_reservation(
            s, actor_of(guest), NewReservation(listing.id, day(0), day(2), adults=1)
        )
        await s.commit()

    async def rival() -> AvailabilityBlock:
        async with racing() as session, session.begin():
            return await create_block(session, actor_of(host), unit, day(5), day(7), "maintenance")

    async with racing() as session:
        await cancel(session, actor_of(host), booked.reservation.id)
        task = asyncio.create_task(rival())
        # The rival either finishes or ends up waiting for this transaction.
        async with racing() as probe:
            for _ in range(500):
                if task.done():
                    break
                waiting = await probe.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    )
                )
                await probe.rollback()
                if waiting:
                    break
                await asyncio.sleep(0.01)
        mine: Any
        try:
            mine = await create_block(session, actor_of(host), unit, day(5), day(7), "owner_stay")
            await session.commit()
        except Exception as exc:  # the outcome is asserted below
            mine = exc
            await session.rollback()
        theirs: Any
        try:
            theirs = await task
        except Exception as exc:
            theirs = exc

    outcomes = [mine, theirs]
    assert sum(isinstance(o, AvailabilityBlock) for o in outcomes) == 1, outcomes
    [loser] = [o for o in outcomes if not isinstance(o, AvailabilityBlock)]
    assert isinstance(loser, Conflict) and loser.status == 409, repr(loser)
    assert await double_booked(committed_factory) == 0


_INSERT_OCCUPANCY = text(
    """
    INSERT INTO occupancies (id, business_id, unit_id, unit_type_id, arrival, departure,
                             kind, ref, active, created_at)
    VALUES (gen_random_uuid(), :business_id, :unit_id, :unit_type_id, :arrival, :departure,
            :kind, :ref, :active, now())
    """
)


async def test_raw_sql_cannot_occupy_a_booked_unit_twice(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
        booked = await create_reservation(
            s, actor_of(guest), NewReservation(listing.id, day(2), day(5), adults=1)
        )
        await s.commit()
    [assignment] = booked.assignments
    row = {
        "business_id": listing.business_id,
        "unit_id": assignment.unit_id,
        "unit_type_id": listing.id,
        "ref": uuid.uuid4(),
        "active": True,
    }

    async def insert(*rows: dict[str, Any]) -> None:
        async with committed_factory() as s, s.begin():
            await s.execute(_INSERT_OCCUPANCY, list(rows))

    # A block written straight into the table over the booked nights.
    with pytest.raises(IntegrityError) as err:
        await insert({**row, "kind": "block", "arrival": day(4), "departure": day(6)})
    assert is_overlap_violation(err.value)
    # An imported reservation's rows, written without the service: one overlaps.
    with pytest.raises(IntegrityError) as err:
        await insert(
            {**row, "kind": "reservation", "arrival": day(0), "departure": day(2)},
            {**row, "kind": "reservation", "arrival": day(2), "departure": day(3)},
        )
    assert is_overlap_violation(err.value)
    # Nor can one raw reservation overlap itself (two pieces on the same unit).
    with pytest.raises(IntegrityError) as err:
        await insert(
            {**row, "kind": "reservation", "arrival": day(10), "departure": day(13)},
            {**row, "kind": "reservation", "arrival": day(12), "departure": day(14)},
        )
    assert is_overlap_violation(err.value)
    # Nor can an update stretch an occupancy into taken nights.
    with pytest.raises(IntegrityError) as err:
        async with committed_factory() as s, s.begin():
            await s.execute(
                _INSERT_OCCUPANCY, {**row, "kind": "block", "arrival": day(5), "departure": day(6)}
            )
            await s.execute(
                text("UPDATE occupancies SET arrival = :a WHERE ref = :ref"),
                {"a": day(4), "ref": row["ref"]},
            )
    assert is_overlap_violation(err.value)
    # Half-open ranges: touching stays are fine, and inactive rows are history.
    await insert({**row, "kind": "block", "arrival": day(5), "departure": day(7)})
    await insert({**row, "kind": "block", "arrival": day(0), "departure": day(2)})
    await insert(
        {**row, "kind": "reservation", "arrival": day(3), "departure": day(4), "active": False}
    )
    # ...but history cannot come back to life over a live booking.
    with pytest.raises(IntegrityError) as err:
        async with committed_factory() as s, s.begin():
            await s.execute(
                text(
                    "UPDATE occupancies SET active = true "
                    "WHERE NOT active AND arrival = :a AND unit_id = :u"
                ),
                {"a": day(3), "u": assignment.unit_id},
            )
    assert is_overlap_violation(err.value)
    assert await double_booked(committed_factory) == 0
    assert await count(committed_factory, "SELECT count(*) FROM occupancies WHERE active") == 3


# --- modify and cancel ------------------------------------------------------------------------


def change(person: Person, reservation_id: uuid.UUID, stay: StayChange) -> Call:
    async def call(session: AsyncSession) -> Booked:
        return await modify(session, actor_of(person), reservation_id, stay)

    return call


def cancelling(person: Person, reservation_id: uuid.UUID) -> Call:
    async def call(session: AsyncSession) -> Booked:
        return await cancel(session, actor_of(person), reservation_id)

    return call


async def holding_consistency(
    factory: async_sessionmaker[AsyncSession], reservation_id: uuid.UUID
) -> tuple[str, int, int]:
    """(status, active assignments without exactly one active occupancy (0 is the rule
    while it holds nights), active occupancies of this reservation's assignments)."""
    async with factory() as s:
        status = await s.scalar(select(Reservation.status).where(Reservation.id == reservation_id))
        bad = await s.scalar(
            text(
                """
                SELECT count(*) FROM unit_assignments a
                WHERE a.reservation_id = :r AND a.is_active
                  AND (SELECT count(*) FROM occupancies o
                       WHERE o.kind = 'reservation' AND o.ref = a.id AND o.active) <> 1
                """
            ),
            {"r": reservation_id},
        )
        live = await s.scalar(
            text(
                """
                SELECT count(*) FROM occupancies o JOIN unit_assignments a ON a.id = o.ref
                WHERE o.kind = 'reservation' AND o.active AND a.reservation_id = :r
                """
            ),
            {"r": reservation_id},
        )
    assert status is not None
    return status, int(bad or 0), int(live or 0)


async def test_concurrent_modify_and_cancel_never_leave_a_unit_taken_twice(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest, other = await make_user(s), await make_user(s), await make_user(s)
        listing = await make_listing(s, host, maxGuests=6)
        await add_units(s, listing, 1, commit=True)
    rounds = 8
    for k in range(rounds):
        base = 10 * k
        async with committed_factory() as s:
            booked = await create_reservation(
                s, actor_of(guest), NewReservation(listing.id, day(base), day(base + 3), 1)
            )
            await s.commit()
        rid = booked.reservation.id
        calls = [
            change(guest, rid, StayChange(arrival=day(base + 1), departure=day(base + 4))),
            cancelling(guest, rid),
            change(host, rid, StayChange(adults=3)),
            cancelling(host, rid),
            change(guest, rid, StayChange(departure=day(base + 5))),
            # Two more bookings that only fit if the cancellation freed the nights.
            book(other, listing.id, day(base), day(base + 3)),
            book(other, listing.id, day(base + 1), day(base + 4)),
        ]

        results = await race(racing, calls)

        _, _, others = outcome(results)
        assert others == []
        cancels = [results[1], results[3]]
        assert sum(isinstance(r, Booked) for r in cancels) == 1, cancels
        [refused] = [r for r in cancels if isinstance(r, Conflict)]
        assert refused.code == "alreadyFinished"
        for r in (results[0], results[2], results[4]):
            assert isinstance(r, Booked) or r.code in ("invalidStatusChange", "unitNotAvailable")
        status, _, live = await holding_consistency(committed_factory, rid)
        assert (status, live) == ("cancelled", 0)  # its assignments stay, holding nothing
        async with committed_factory() as s:
            kinds = list(
                await s.scalars(
                    select(DomainEvent.type)
                    .where(DomainEvent.aggregate_id == rid)
                    .order_by(DomainEvent.seq)
                )
            )
        modified = sum(isinstance(r, Booked) for r in (results[0], results[2], results[4]))
        assert kinds.count("reservation.cancelled") == 1
        assert kinds.count("reservation.modified") == modified
        assert kinds[-1] == "reservation.cancelled"  # nothing changed it after the cancel
        for r in results[5:]:
            if isinstance(r, Booked):
                assert (await holding_consistency(committed_factory, r.reservation.id))[1:] == (
                    0,
                    len(r.assignments),
                )
        assert await double_booked(committed_factory) == 0


async def test_concurrent_modifications_of_one_reservation_keep_one_occupancy_per_assignment(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host, maxGuests=6)
        await add_units(s, listing, 1, commit=True)
        booked = await create_reservation(
            s, actor_of(guest), NewReservation(listing.id, day(0), day(3), 1)
        )
        await s.commit()
    rid = booked.reservation.id
    stays = [(day(i % 4), day(4 + i % 3)) for i in range(10)]
    calls = [change(guest, rid, StayChange(arrival=a, departure=d)) for a, d in stays]

    wins, conflicts, others = outcome(await race(racing, calls))

    assert others == [] and conflicts == []
    assert len(wins) == 10  # its own nights never stand in its way
    status, bad, live = await holding_consistency(committed_factory, rid)
    assert status == "confirmed" and bad == 0
    async with committed_factory() as s:
        r = await s.get(Reservation, rid)
        assert r is not None
        active = await s.scalar(
            select(text("count(*)"))
            .select_from(UnitAssignment)
            .where(UnitAssignment.reservation_id == rid, UnitAssignment.is_active)
        )
    assert live == active
    assert (r.arrival, r.departure) in stays
    # Each change bumped the version (none was lost to another).
    assert r.record_version >= booked.reservation.record_version + 10
    assert await count(committed_factory, "SELECT count(*) FROM occupancies WHERE active") == live
    assert await double_booked(committed_factory) == 0


async def test_two_changes_from_the_same_version_one_wins_the_other_gets_409(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host, maxGuests=6)
        booked = await create_reservation(
            s, actor_of(guest), NewReservation(listing.id, day(0), day(3), 1)
        )
        await s.commit()
    rid, version = booked.reservation.id, booked.reservation.record_version
    calls = [
        change(guest, rid, StayChange(adults=n, expected_version=version)) for n in range(2, 7)
    ]

    wins, conflicts, others = outcome(await race(racing, calls))

    assert others == []
    assert len(wins) == 1 and len(conflicts) == 4
    for c in conflicts:
        assert (c.status, c.code, c.field) == (409, "versionMismatch", "version")
        assert str(version) in c.message
    [won] = wins
    async with committed_factory() as s:
        r = await s.get(Reservation, rid)
    assert r is not None and r.adults == won.reservation.adults
    current = r.record_version
    assert current > version

    # Sequentially: a stale version is refused and changes nothing; the current one works.
    async with committed_factory() as s:
        with pytest.raises(Conflict) as err:
            await modify(s, actor_of(guest), rid, StayChange(adults=1, expected_version=version))
        assert err.value.field == "version"
        await s.rollback()
        again = await s.get(Reservation, rid)
        assert again is not None and again.adults == r.adults
        assert again.record_version == current
        ok = await modify(s, actor_of(guest), rid, StayChange(adults=1, expected_version=current))
        await s.commit()
    assert ok.reservation.adults == 1 and ok.reservation.record_version > current


# --- blocks -----------------------------------------------------------------------------------


async def test_two_concurrent_deletions_of_one_block_one_wins_the_other_gets_404(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as s:
        host = await make_user(s)
        listing = await make_listing(s, host)
        [unit] = await unit_ids(s, listing)
        made = await create_block(s, actor_of(host), unit, day(1), day(3), "maintenance")
        await s.commit()

    def deleting() -> Call:
        async def call(session: AsyncSession) -> AvailabilityBlock:
            return await delete_block(session, actor_of(host), made.id)

        return call

    results = await race(racing, [deleting() for _ in range(5)])

    wins = [r for r in results if isinstance(r, AvailabilityBlock)]
    missing = [r for r in results if isinstance(r, NotFound)]
    assert len(wins) == 1 and len(missing) == 4, results
    assert all(m.code == "blockNotFound" and m.field == "block_id" for m in missing)
    assert await count(committed_factory, "SELECT count(*) FROM occupancies WHERE active") == 0


async def test_the_lock_taken_with_the_listing_is_the_unit_types_lock(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
) -> None:
    """Bookings take the unit type's lock inside the query that reads the listing; blocks
    and releases take it by key. Both must name the same lock, or they would not exclude
    each other: while a booking's transaction is open, a block of the listing waits."""
    async with committed_factory() as s:
        host, guest = await make_user(s), await make_user(s)
        listing = await make_listing(s, host)
    async with racing() as session:
        await create_reservation(
            session, actor_of(guest), NewReservation(listing.id, day(0), day(2), adults=1)
        )
        async with racing() as other:
            held = await other.scalar(
                text("SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))"),
                {"key": lock_key(listing.id)},
            )
            await other.rollback()
        assert held is False  # the booking holds exactly the key lock_unit_types uses
        await session.rollback()
