"""Moving a reservation to another unit type (a Beds24 "room") through the booking engine:
re-priced on the new type's default rate, a unit of it allocated, the old nights freed and
the new ones taken in one step; refused moves change nothing; a move and a booking racing
for the same last unit: exactly one wins."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput
from staykit.domain.booking.changes import modify
from staykit.domain.booking.commands import Booked, NewReservation, StayChange
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.errors import BookingRulesBroken
from staykit.domain.booking.models import InvoiceItem, Reservation, UnitAssignment
from staykit.domain.catalog.errors import NightsUnavailable
from staykit.domain.catalog.models import Occupancy
from staykit.domain.events.models import DomainEvent
from tests.factories import actor_of, days_from, make_user
from tests.pms import Pms, build_pms

D = utcnow().date() + timedelta(days=90)
day = days_from(D)


async def book(
    db: AsyncSession, pms: Pms, unit_type_id: uuid.UUID, start: int, end: int, **kw: Any
) -> Booked:
    return await create_reservation(
        db,
        actor_of(pms.host),
        NewReservation(
            unit_type_id, day(start), day(end), adults=kw.pop("adults", 2), source="direct", **kw
        ),
    )


async def active_occupancies(db: AsyncSession, reservation_id: uuid.UUID) -> list[Occupancy]:
    return list(
        await db.scalars(
            select(Occupancy)
            .join(UnitAssignment, UnitAssignment.id == Occupancy.ref)
            .where(UnitAssignment.reservation_id == reservation_id, Occupancy.active)
        )
    )


async def engine_lines(db: AsyncSession, reservation_id: uuid.UUID) -> dict[str, Decimal]:
    rows = await db.execute(
        select(InvoiceItem.code, InvoiceItem.amount).where(
            InvoiceItem.reservation_id == reservation_id,
            InvoiceItem.kind == "charge",
            InvoiceItem.is_active,
        )
    )
    lines: dict[str, Decimal] = {}
    for code, amount in rows:
        assert code not in lines, f"two active {code} lines"
        lines[code] = amount
    return lines


async def test_a_move_to_a_free_room_takes_its_unit_frees_the_old_and_re_prices(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    booked = await book(db, pms, pms.queen.id, 0, 2)
    r = booked.reservation
    assert r.total == Decimal("240.00")
    version = r.record_version

    moved = await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.cabin.id)

    assert moved.reservation.unit_type_id == pms.cabin.id
    assert moved.reservation.property_id == pms.property.id
    assert moved.reservation.record_version > version
    # The cabin's default rate (200 a night), not the queen's (120).
    assert moved.reservation.subtotal == Decimal("400.00")
    assert moved.reservation.total == Decimal("400.00")
    assert moved.quote is not None and moved.quote.rate_id == pms.cabin_rate.id
    [a] = moved.assignments
    assert (a.unit_id, a.unit_type_id, a.rate_id) == (pms.cabin_unit.id, pms.cabin.id, a.rate_id)
    assert a.rate_id == pms.cabin_rate.id
    assert a.rental_revenue + a.rental_tax + a.rental_fee == moved.reservation.total
    [occ] = await active_occupancies(db, r.id)
    assert (occ.unit_id, occ.unit_type_id) == (pms.cabin_unit.id, pms.cabin.id)
    # The old assignment is inactive and its nights no longer held.
    old = await db.get_one(UnitAssignment, booked.assignments[0].id)
    await db.refresh(old)
    assert old.is_active is False
    queen_held = await db.scalar(
        select(func.count())
        .select_from(Occupancy)
        .where(Occupancy.unit_type_id == pms.queen.id, Occupancy.active)
    )
    assert queen_held == 0
    # The invoice's engine lines follow the new price: one accommodation line of 400.
    assert await engine_lines(db, r.id) == {"accommodation": Decimal("400.000")}
    event = await db.scalar(
        select(DomainEvent)
        .where(DomainEvent.aggregate_id == r.id)
        .order_by(DomainEvent.seq.desc())
        .limit(1)
    )
    assert event is not None and event.type == "reservation.modified"
    assert event.payload["unitTypeId"] == str(pms.cabin.id)
    assert [u["unitId"] for u in event.payload["unitAssignments"]] == [str(pms.cabin_unit.id)]


async def test_a_move_with_new_dates_prices_the_new_stay_on_the_new_room(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    r = (await book(db, pms, pms.cabin.id, 0, 2)).reservation
    moved = await modify(
        db,
        actor_of(pms.host),
        r.id,
        StayChange(departure=day(3), adults=1, unit_id=pms.queen_units[1].id),
        unit_type_id=pms.queen.id,
    )
    assert (moved.reservation.departure, moved.reservation.adults) == (day(3), 1)
    assert moved.reservation.total == Decimal("360.00")  # 3 nights at the queen's 120
    assert [a.unit_id for a in moved.assignments] == [pms.queen_units[1].id]
    assert await engine_lines(db, r.id) == {"accommodation": Decimal("360.000")}


async def test_a_move_to_a_full_room_is_refused_and_changes_nothing(db: AsyncSession) -> None:
    pms = await build_pms(db)
    await book(db, pms, pms.cabin.id, 1, 3)  # the cabin's one unit, on the night of day(1)
    booked = await book(db, pms, pms.queen.id, 0, 2)
    r = booked.reservation
    before = (r.unit_type_id, r.property_id, r.total, r.record_version)
    unit = booked.assignments[0].unit_id
    await db.commit()

    with pytest.raises(NightsUnavailable) as caught:
        await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.cabin.id)
    assert caught.value.status == 409
    assert day(1).isoformat() in caught.value.message

    await db.refresh(r)
    assert (r.unit_type_id, r.property_id, r.total, r.record_version) == before
    [occ] = await active_occupancies(db, r.id)
    assert (occ.unit_id, occ.unit_type_id) == (unit, pms.queen.id)
    assert await engine_lines(db, r.id) == {"accommodation": Decimal("240.000")}
    modified = await db.scalar(
        select(func.count())
        .select_from(DomainEvent)
        .where(DomainEvent.aggregate_id == r.id, DomainEvent.type == "reservation.modified")
    )
    assert modified == 0


async def test_a_move_that_breaks_the_new_rooms_rules_is_refused(db: AsyncSession) -> None:
    pms = await build_pms(db)
    r = (await book(db, pms, pms.cabin.id, 0, 2, adults=6)).reservation
    with pytest.raises(BookingRulesBroken) as caught:
        await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.queen.id)
    assert caught.value.field == "guests"
    await db.refresh(r)
    assert r.unit_type_id == pms.cabin.id and r.total == Decimal("400.00")


async def test_the_old_unit_is_free_for_another_booking_after_the_move(db: AsyncSession) -> None:
    pms = await build_pms(db)
    first = await book(db, pms, pms.queen.id, 0, 2)
    await book(db, pms, pms.queen.id, 0, 2)
    with pytest.raises(NightsUnavailable):
        await book(db, pms, pms.queen.id, 0, 2)  # both queens taken
    await modify(
        db, actor_of(pms.host), first.reservation.id, StayChange(), unit_type_id=pms.cabin.id
    )
    again = await book(db, pms, pms.queen.id, 0, 2)
    assert again.assignments[0].unit_id == first.assignments[0].unit_id


async def test_only_rooms_of_the_business_in_its_currency_and_only_for_managers(
    db: AsyncSession,
) -> None:
    pms = await build_pms(db)
    r = (await book(db, pms, pms.queen.id, 0, 2)).reservation
    with pytest.raises(InvalidInput) as other:
        await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.other_listing.id)
    assert (other.value.code, other.value.field) == ("unitTypeIdIsInvalid", "unit_type_id")
    pms.cabin.currency = "EUR"
    await db.flush()
    with pytest.raises(InvalidInput) as currency:
        await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.cabin.id)
    assert currency.value.code == "currencyMismatch"
    pms.cabin.currency = "USD"
    await db.flush()
    guest = await make_user(db)
    theirs = await create_reservation(
        db, actor_of(guest), NewReservation(pms.queen.id, day(5), day(7), adults=1)
    )
    with pytest.raises(Forbidden):
        await modify(
            db,
            actor_of(guest),
            theirs.reservation.id,
            StayChange(),
            unit_type_id=pms.cabin.id,
        )
    await db.refresh(r)
    assert r.unit_type_id == pms.queen.id


async def test_an_inquiry_moves_without_holding_nights(db: AsyncSession) -> None:
    pms = await build_pms(db)
    await book(db, pms, pms.cabin.id, 0, 2)  # the cabin is full, an inquiry may still ask
    r = (await book(db, pms, pms.queen.id, 0, 2, status="inquiry")).reservation
    moved = await modify(db, actor_of(pms.host), r.id, StayChange(), unit_type_id=pms.cabin.id)
    assert moved.reservation.unit_type_id == pms.cabin.id
    assert [a.unit_id for a in moved.assignments] == [pms.cabin_unit.id]
    assert await active_occupancies(db, r.id) == []


# --- a move and a booking racing for the room's last unit ----------------------------------


Call = Callable[[AsyncSession], Awaitable[Any]]


async def race(factory: async_sessionmaker[AsyncSession], calls: list[Call]) -> list[Any]:
    """Each call in its own session and transaction, started together; committed when it
    returns, rolled back when it raises."""
    barrier = asyncio.Barrier(len(calls))

    async def one(call: Call) -> Any:
        async with factory() as session, session.begin():
            await session.execute(text("SELECT 1"))
            await barrier.wait()
            return await call(session)

    async with asyncio.timeout(60):
        return await asyncio.gather(*(one(c) for c in calls), return_exceptions=True)


@pytest.mark.parametrize("rounds", [6])
async def test_a_move_and_a_booking_of_the_rooms_last_unit_race_and_exactly_one_wins(
    committed_factory: async_sessionmaker[AsyncSession], rounds: int
) -> None:
    async with committed_factory() as s:
        pms = await build_pms(s)
        guest = await make_user(s)
        stays = [
            (await book(s, pms, pms.queen.id, 3 * k, 3 * k + 2)).reservation for k in range(rounds)
        ]
        await s.commit()
    host, cabin = actor_of(pms.host), pms.cabin.id

    for k, r in enumerate(stays):

        async def move(session: AsyncSession, rid: uuid.UUID = r.id) -> Booked:
            return await modify(session, host, rid, StayChange(), unit_type_id=cabin)

        async def take(session: AsyncSession, k: int = k) -> Booked:
            return await create_reservation(
                session,
                actor_of(guest),
                NewReservation(cabin, day(3 * k), day(3 * k + 2), adults=1),
            )

        results = await race(committed_factory, [move, take] if k % 2 else [take, move])
        wins = [x for x in results if not isinstance(x, BaseException)]
        lost = [x for x in results if isinstance(x, BaseException)]
        assert len(wins) == 1 and len(lost) == 1, results
        assert isinstance(lost[0], Conflict) and lost[0].code == "unitNotAvailable"

    async with committed_factory() as s:
        cabin_taken = await s.scalar(
            text("SELECT count(*) FROM occupancies WHERE unit_type_id = :t AND active"),
            {"t": cabin},
        )
        assert cabin_taken == rounds
        double = await s.scalar(
            text(
                "SELECT count(*) FROM occupancies a JOIN occupancies b ON a.unit_id = b.unit_id "
                "AND a.id < b.id AND daterange(a.arrival, a.departure) && "
                "daterange(b.arrival, b.departure) WHERE a.active AND b.active"
            )
        )
        assert double == 0
        # A reservation that lost its move is still where it was, holding its nights.
        for r in stays:
            fresh = await s.get_one(Reservation, r.id)
            held = await active_occupancies(s, r.id)
            assert len(held) == 1 and held[0].unit_type_id == fresh.unit_type_id
