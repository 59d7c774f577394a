"""Random sequences of bookings, changes, cancellations, blocks and unblocks, run in
concurrent batches, never break the occupancy invariants.

Hypothesis draws a small world (1-3 listings of 1-3 units, instant or manual approval)
and a list of batches of operations. Each batch runs at once, every operation in its own
session and transaction (committed when it succeeds). After each batch:
(a) no two active occupancies of one unit share a night (SQL over occupancies);
(b) catalog.availability.sellable_units of every listing equals a count of free units per
    night computed here from the active occupancies;
(c) every holding reservation's active assignments have exactly one active occupancy
    each, and nothing else holds nights (released reservations, deleted blocks);
and the database agrees with what the batch reported: a reservation is cancelled exactly
when a cancellation of it succeeded, its stay is the one it had or one a successful change
asked for, a block is active exactly while no deletion of it succeeded.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.db import create_engine, make_sessionmaker
from staykit.core.errors import Conflict
from staykit.domain.booking.changes import modify
from staykit.domain.booking.commands import Booked, NewReservation, StayChange
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.errors import InvalidStatusChange
from staykit.domain.booking.lifecycle import cancel
from staykit.domain.booking.models import HOLDING, Reservation
from staykit.domain.catalog.availability import sellable_units
from staykit.domain.catalog.blocks import create_block, delete_block
from staykit.domain.catalog.errors import BlockNotFound, NightsUnavailable
from staykit.domain.catalog.models import AvailabilityBlock, Occupancy, Unit
from tests.factories import Person, actor_of, days_from, make_listing, make_user

D = date.today() + timedelta(days=60)
WINDOW = 8  # every stay and block lies in [D, D + WINDOW)
MAX_BATCH = 8


day = days_from(D)


# --- operations -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Create:
    listing: int
    start: int
    nights: int
    guest: int


@dataclass(frozen=True)
class Modify:
    target: int
    start: int
    nights: int
    by_host: bool


@dataclass(frozen=True)
class Cancel:
    target: int
    by_host: bool


@dataclass(frozen=True)
class Block:
    listing: int
    unit: int
    start: int
    nights: int


@dataclass(frozen=True)
class Unblock:
    target: int


Op = Create | Modify | Cancel | Block | Unblock

starts = st.integers(0, WINDOW - 1)
lengths = st.integers(1, 4)
targets = st.integers(0, 40)
creates = st.builds(Create, st.integers(0, 2), starts, lengths, st.integers(0, 1))
changes = st.builds(Modify, targets, starts, lengths, st.booleans())
operations: st.SearchStrategy[Op] = st.one_of(
    creates,
    creates,  # bookings and changes twice as likely: they make the contention
    changes,
    changes,
    st.builds(Cancel, targets, st.booleans()),
    st.builds(Block, st.integers(0, 2), st.integers(0, 2), starts, lengths),
    st.builds(Unblock, targets),
)
worlds = st.lists(
    st.tuples(st.integers(1, 3), st.sampled_from(["instant", "manual"])), min_size=1, max_size=3
)
batches = st.lists(st.lists(operations, min_size=1, max_size=MAX_BATCH), min_size=1, max_size=6)


def stay(start: int, nights: int) -> tuple[date, date]:
    """[arrival, departure) clipped to the window (at least one night)."""
    start = min(start, WINDOW - 1)
    return day(start), day(min(WINDOW, start + nights))


# --- the world --------------------------------------------------------------------------------


@dataclass
class World:
    host: Person
    guests: list[Person]
    listings: list[uuid.UUID]
    units: dict[uuid.UUID, list[uuid.UUID]]
    # What the test knows: reservation id -> its guest; block ids, in creation order.
    reservations: list[tuple[uuid.UUID, Person]] = field(default_factory=list)
    blocks: list[uuid.UUID] = field(default_factory=list)


async def build_world(
    factory: async_sessionmaker[AsyncSession], shape: list[tuple[int, str]]
) -> World:
    async with factory() as s:
        host = await make_user(s)
        guests = [await make_user(s), await make_user(s)]
        listings: list[uuid.UUID] = []
        units: dict[uuid.UUID, list[uuid.UUID]] = {}
        for count, approval in shape:
            listing = await make_listing(s, host, approvalType=approval, maxGuests=4)
            first = await s.scalar(select(Unit).where(Unit.unit_type_id == listing.id))
            assert first is not None
            for k in range(count - 1):
                s.add(
                    Unit(
                        business_id=first.business_id,
                        property_id=first.property_id,
                        unit_type_id=listing.id,
                        name=f"Room {k + 2}",
                    )
                )
            await s.commit()
            listings.append(listing.id)
            units[listing.id] = sorted(
                await s.scalars(select(Unit.id).where(Unit.unit_type_id == listing.id))
            )
    return World(host, guests, listings, units)


Call = Callable[[AsyncSession], Awaitable[Any]]


@dataclass
class Planned:
    op: Op
    call: Call
    subject: uuid.UUID | None = None  # the reservation or block it acts on


def plan(world: World, op: Op) -> Planned | None:
    """The service call an operation stands for (None: nothing to act on yet)."""
    if isinstance(op, Create):
        listing = world.listings[op.listing % len(world.listings)]
        guest = world.guests[op.guest]
        arrival, departure = stay(op.start, op.nights)

        async def create(s: AsyncSession) -> Any:
            req = NewReservation(listing, arrival, departure, adults=1)
            return await create_reservation(s, actor_of(guest), req)

        return Planned(op, create)
    if isinstance(op, Modify | Cancel):
        if not world.reservations:
            return None
        rid, guest = world.reservations[op.target % len(world.reservations)]
        who = actor_of(world.host if op.by_host else guest)
        if isinstance(op, Cancel):

            async def cancelling(s: AsyncSession) -> Any:
                return await cancel(s, who, rid)

            return Planned(op, cancelling, rid)
        arrival, departure = stay(op.start, op.nights)

        async def changing(s: AsyncSession) -> Any:
            return await modify(s, who, rid, StayChange(arrival=arrival, departure=departure))

        return Planned(op, changing, rid)
    if isinstance(op, Block):
        listing = world.listings[op.listing % len(world.listings)]
        units = world.units[listing]
        unit = units[op.unit % len(units)]
        arrival, departure = stay(op.start, op.nights)

        async def blocking(s: AsyncSession) -> Any:
            return await create_block(
                s, actor_of(world.host), unit, arrival, departure, "maintenance"
            )

        return Planned(op, blocking)
    if not world.blocks:
        return None
    block_id = world.blocks[op.target % len(world.blocks)]

    async def unblocking(s: AsyncSession) -> Any:
        return await delete_block(s, actor_of(world.host), block_id)

    return Planned(op, unblocking, block_id)


async def race(factory: async_sessionmaker[AsyncSession], calls: list[Call]) -> list[Any]:
    """Every call in its own session and transaction, all released at once; committed when
    it returns, rolled back when it raises. Results or exceptions, in order."""
    barrier = asyncio.Barrier(len(calls))

    async def one(call: Call) -> Any:
        async with factory() as session, session.begin():
            await session.execute(text("SELECT 1"))
            await barrier.wait()
            return await call(session)

    async with asyncio.timeout(120):
        return await asyncio.gather(*(one(c) for c in calls), return_exceptions=True)


# Refusals a batch may meet, by operation: anything else is a failure.
EXPECTED: dict[type, set[tuple[type, str]]] = {
    Create: {(NightsUnavailable, "unitNotAvailable")},
    Modify: {(NightsUnavailable, "unitNotAvailable"), (InvalidStatusChange, "invalidStatusChange")},
    Cancel: {(Conflict, "alreadyFinished")},
    Block: {(NightsUnavailable, "unitNotAvailable")},
    Unblock: {(BlockNotFound, "blockNotFound")},
}


# --- the invariants ---------------------------------------------------------------------------

_OVERLAPS = text(
    """
    SELECT count(*) FROM occupancies a JOIN occupancies b
      ON a.unit_id = b.unit_id AND a.id < b.id
     AND daterange(a.arrival, a.departure, '[)') && daterange(b.arrival, b.departure, '[)')
    WHERE a.active AND b.active AND a.unit_type_id = ANY(:types)
    """
)
# Reservation assignments and blocks whose number of active occupancies breaks the rule:
# one for each active assignment of a holding reservation and each active block, none
# for anything else.
_HOLDING_MISMATCHES = text(
    """
    WITH expected AS (
        SELECT a.id AS ref, 'reservation' AS kind,
               CASE WHEN a.is_active AND r.status = ANY(:holding) THEN 1 ELSE 0 END AS n
        FROM unit_assignments a JOIN reservations r ON r.id = a.reservation_id
        WHERE a.unit_type_id = ANY(:types)
        UNION ALL
        SELECT b.id, 'block', CASE WHEN b.is_active THEN 1 ELSE 0 END
        FROM availability_blocks b WHERE b.unit_type_id = ANY(:types)
    ),
    actual AS (
        SELECT ref, kind, count(*) AS n FROM occupancies
        WHERE active AND unit_type_id = ANY(:types) GROUP BY ref, kind
    )
    SELECT coalesce(e.kind, a.kind), coalesce(e.ref, a.ref), coalesce(e.n, 0), coalesce(a.n, 0)
    FROM expected e FULL JOIN actual a ON a.ref = e.ref AND a.kind = e.kind
    WHERE coalesce(e.n, 0) <> coalesce(a.n, 0)
    """
)


async def check_invariants(factory: async_sessionmaker[AsyncSession], world: World) -> None:
    types = world.listings
    async with factory() as s:
        # (a)
        assert await s.scalar(_OVERLAPS, {"types": types}) == 0
        # (c)
        bad = (
            await s.execute(_HOLDING_MISMATCHES, {"types": types, "holding": list(HOLDING)})
        ).all()
        assert bad == [], bad
        # (b)
        occupied = (
            await s.execute(
                select(
                    Occupancy.unit_type_id,
                    Occupancy.unit_id,
                    Occupancy.arrival,
                    Occupancy.departure,
                ).where(Occupancy.unit_type_id.in_(types), Occupancy.active)
            )
        ).all()
        taken: dict[tuple[uuid.UUID, date], set[uuid.UUID]] = defaultdict(set)
        for unit_type_id, unit_id, arrival, departure in occupied:
            night = arrival
            while night < departure:
                taken[(unit_type_id, night)].add(unit_id)
                night += timedelta(days=1)
        for listing in types:
            expected = {
                day(n): len(world.units[listing]) - len(taken[(listing, day(n))])
                for n in range(WINDOW)
            }
            assert await sellable_units(s, listing, day(0), day(WINDOW)) == expected


async def check_outcomes(
    factory: async_sessionmaker[AsyncSession],
    before: dict[uuid.UUID, tuple[str, date, date]],
    planned: list[Planned],
    results: list[Any],
) -> None:
    """The database says what the batch's answers said."""
    cancelled: set[uuid.UUID] = set()
    stays: dict[uuid.UUID, set[tuple[date, date]]] = defaultdict(set)
    unblocked: set[uuid.UUID] = set()
    for p, result in zip(planned, results, strict=True):
        if isinstance(result, BaseException) or p.subject is None:
            continue
        if isinstance(p.op, Cancel):
            cancelled.add(p.subject)
        elif isinstance(p.op, Modify):
            stays[p.subject].add((result.reservation.arrival, result.reservation.departure))
        elif isinstance(p.op, Unblock):
            unblocked.add(p.subject)
    async with factory() as s:
        for rid, (status, arrival, departure) in before.items():
            r = await s.get(Reservation, rid)
            assert r is not None
            if rid in cancelled:
                assert status != "cancelled" and r.status == "cancelled"
            else:
                assert r.status == status
            assert (r.arrival, r.departure) in {(arrival, departure), *stays[rid]}
        for p, result in zip(planned, results, strict=True):
            if isinstance(p.op, Block) and isinstance(result, AvailabilityBlock):
                made = await s.get(AvailabilityBlock, result.id)
                assert made is not None and made.is_active
        for block_id in unblocked:
            b = await s.get(AvailabilityBlock, block_id)
            assert b is not None and not b.is_active


# --- the test ---------------------------------------------------------------------------------


@pytest.fixture
async def racing(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(database_url, pool_size=MAX_BATCH + 2)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: timing decides which interleaving a batch gets, so a smaller script
    # rarely fails the same way; the first failing batch and its error are the report.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shape=worlds, script=batches)
async def test_random_concurrent_batches_keep_every_occupancy_invariant(
    committed_factory: async_sessionmaker[AsyncSession],
    racing: async_sessionmaker[AsyncSession],
    shape: list[tuple[int, str]],
    script: list[list[Op]],
) -> None:
    # Each example builds its own listings; the invariants look at those only.
    world = await build_world(committed_factory, shape)
    for batch in script:
        planned = [p for p in (plan(world, op) for op in batch) if p is not None]
        if not planned:
            continue
        async with committed_factory() as s:
            before = {
                r.id: (r.status, r.arrival, r.departure)
                for r in await s.scalars(
                    select(Reservation).where(Reservation.unit_type_id.in_(world.listings))
                )
            }

        results = await race(racing, [p.call for p in planned])

        for p, result in zip(planned, results, strict=True):
            kind = type(p.op).__name__
            event(f"{kind}: {getattr(result, 'code', 'ok')}")  # --hypothesis-show-statistics
            if isinstance(result, BaseException):
                got = (type(result), getattr(result, "code", ""))
                assert got in EXPECTED[type(p.op)], (p.op, repr(result))
            elif isinstance(result, Booked) and isinstance(p.op, Create):
                guest = world.guests[p.op.guest]
                world.reservations.append((result.reservation.id, guest))
            elif isinstance(result, AvailabilityBlock) and isinstance(p.op, Block):
                world.blocks.append(result.id)
        await check_invariants(committed_factory, world)
        await check_outcomes(committed_factory, before, planned, results)
