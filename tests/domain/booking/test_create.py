"""Creating reservations at the service layer: server-side prices, approval, allocation,
events and jobs in the same transaction, and every refusal a clear error."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.models import InvoiceItem, Reservation, UnitAssignment
from staykit.domain.catalog.blocks import create_block
from staykit.domain.catalog.models import Occupancy, Unit
from staykit.domain.events.models import DomainEvent
from tests.factories import actor_of, add_units, days_from, make_listing, make_user, units_of

# Bookings arrive from today and end within 3 years (domain/catalog/dates.py): D is well
# inside that window whenever the tests run.
D = utcnow().date() + timedelta(days=120)


day = days_from(D)


async def jobs(db: AsyncSession, task: str) -> int:
    return int(
        await db.scalar(
            text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t"), {"t": task}
        )
        or 0
    )


async def test_an_instant_booking_is_confirmed_priced_by_the_server_and_occupies_the_unit(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, cleaningFee="30.00", cityTaxPercent="10")
    booked = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, day(0), day(3), adults=2)
    )
    r = booked.reservation
    assert r.status == "confirmed" and r.guest_id == guest.user.id and r.host_id == host.user.id
    assert r.subtotal == Decimal("300.00") and r.cleaning_fee == Decimal("30.00")
    assert r.city_tax == Decimal("30.00") and r.total == Decimal("360.00")
    assert r.currency == "EUR" and r.record_version >= 1 and r.updated_at is not None
    assert len(booked.assignments) == 1
    a = booked.assignments[0]
    assert (a.arrival, a.departure, a.occupancy_count) == (day(0), day(3), 2)
    assert a.rental_revenue + a.rental_tax + a.rental_fee == r.total
    occ = (await db.scalars(select(Occupancy).where(Occupancy.ref == a.id))).all()
    assert len(occ) == 1 and occ[0].active and occ[0].kind == "reservation"
    types = (
        await db.scalars(
            select(DomainEvent.type)
            .where(DomainEvent.aggregate_id == r.id)
            .order_by(DomainEvent.seq)
        )
    ).all()
    assert list(types) == ["reservation.created", "reservation.confirmed"]
    # One job acts on both events, in order.
    assert await jobs(db, "events:dispatch") == 1
    args = await db.scalar(
        text("SELECT args FROM procrastinate_jobs WHERE task_name = 'events:dispatch'")
    )
    events = (
        await db.scalars(
            select(DomainEvent.id).where(DomainEvent.aggregate_id == r.id).order_by(DomainEvent.seq)
        )
    ).all()
    assert args == {"event_ids": [str(e) for e in events]}
    charges = (
        await db.scalars(select(InvoiceItem).where(InvoiceItem.reservation_id == r.id))
    ).all()
    assert sum(c.amount * c.qty for c in charges) == r.total


async def test_a_manual_listing_leaves_the_booking_pending_for_24_hours(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, approvalType="manual")
    booked = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, day(0), day(2), adults=1)
    )
    r = booked.reservation
    assert r.status == "request" and r.expires_at is not None
    assert r.expires_at - r.made_at == timedelta(hours=24)


async def test_a_client_total_that_disagrees_is_refused_naming_totalPrice(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    with pytest.raises(InvalidInput) as err:
        await create_reservation(
            db,
            actor_of(guest),
            NewReservation(listing.id, day(0), day(2), adults=1, claimed_total=Decimal("1")),
        )
    assert err.value.field == "total_price" and "200" in err.value.message
    ok = await create_reservation(
        db,
        actor_of(guest),
        NewReservation(listing.id, day(0), day(2), adults=1, claimed_total=Decimal("200.00")),
    )
    assert ok.reservation.total == Decimal("200.00")


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("host_id", {"claimed_host_id": "other"}),
        ("currency", {"claimed_currency": "USD"}),
        ("approval_type", {"claimed_approval_type": "manual"}),
    ],
)
async def test_other_claims_that_disagree_are_refused(
    db: AsyncSession, field: str, kwargs: dict[str, object]
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    if kwargs.get("claimed_host_id") == "other":
        kwargs = {"claimed_host_id": guest.user.id}
    with pytest.raises(InvalidInput) as err:
        await create_reservation(
            db,
            actor_of(guest),
            NewReservation(listing.id, day(0), day(2), adults=1, **kwargs),  # type: ignore[arg-type]
        )
    assert err.value.field == field
    assert (await db.scalar(select(Reservation.id))) is None


async def test_bad_stays_are_refused_with_the_field_and_nothing_is_written(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, maxGuests=2, baseOccupancy=2, minStay=2)
    me = actor_of(guest)
    cases = [
        (day(3), day(3), 1, "departure"),
        (day(3), day(1), 1, "departure"),
        (day(0), day(400), 1, "departure"),
        (date(2020, 1, 1), date(2020, 1, 5), 1, "arrival"),
        (day(0), day(3), 3, "guests"),
        (day(0), day(1), 1, "departure"),  # min stay 2
        (day(0), day(3), 0, "guests"),
    ]
    for arrival, departure, guests, field in cases:
        with pytest.raises(InvalidInput) as err:
            await create_reservation(db, me, NewReservation(listing.id, arrival, departure, guests))
        assert err.value.field == field, (arrival, departure, guests, err.value.message)
    assert (await db.scalar(select(Reservation.id))) is None


async def test_who_may_book(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    hidden = await make_listing(db, host, isPublished=False)
    with pytest.raises(Unauthenticated):
        await create_reservation(db, None, NewReservation(listing.id, day(0), day(2), 1))
    with pytest.raises(Forbidden):
        await create_reservation(db, actor_of(host), NewReservation(listing.id, day(0), day(2), 1))
    with pytest.raises(NotFound) as err:
        await create_reservation(db, actor_of(guest), NewReservation(hidden.id, day(0), day(2), 1))
    assert err.value.field == "listing_id"
    with pytest.raises(NotFound):
        await create_reservation(
            db, actor_of(guest), NewReservation(guest.user.id, day(0), day(2), 1)
        )


async def test_taken_nights_are_a_conflict_naming_them_and_back_to_back_is_fine(
    db: AsyncSession,
) -> None:
    host, guest, other = await make_user(db), await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    await create_reservation(db, actor_of(guest), NewReservation(listing.id, day(2), day(5), 1))
    with pytest.raises(Conflict) as err:
        await create_reservation(db, actor_of(other), NewReservation(listing.id, day(0), day(4), 1))
    assert err.value.status == 409 and err.value.field == "arrival"
    assert err.value.errors[0]["nights"] == [day(2).isoformat(), day(3).isoformat()]
    before = await create_reservation(
        db, actor_of(other), NewReservation(listing.id, day(0), day(2), 1)
    )
    after = await create_reservation(
        db, actor_of(other), NewReservation(listing.id, day(5), day(7), 1)
    )
    assert before.reservation.status == after.reservation.status == "confirmed"


async def test_a_block_and_a_booking_cannot_overlap(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    unit = await db.scalar(select(Unit).where(Unit.unit_type_id == listing.id))
    assert unit is not None
    await create_block(db, actor_of(host), unit.id, day(1), day(2), "maintenance")
    with pytest.raises(Conflict):
        await create_reservation(db, actor_of(guest), NewReservation(listing.id, day(0), day(3), 1))
    await create_reservation(db, actor_of(guest), NewReservation(listing.id, day(2), day(4), 1))
    with pytest.raises(Conflict):
        await create_block(db, actor_of(host), unit.id, day(3), day(5), "maintenance")


async def test_allocation_prefers_one_unit_for_the_whole_stay_deterministically(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    await add_units(db, listing, 2, commit=True)
    units = sorted(await units_of(db, listing), key=lambda u: u.id)
    # unit 0 busy on night 1, unit 1 busy on night 3: unit 2 is free for all of 0..4
    await create_block(db, actor_of(host), units[0].id, day(1), day(2), "maintenance")
    await create_block(db, actor_of(host), units[1].id, day(3), day(4), "maintenance")
    booked = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, day(0), day(4), 1)
    )
    assert [a.unit_id for a in booked.assignments] == [units[2].id]
    # Now no unit is free for 0..4: the stay is split into the fewest pieces.
    split = await create_reservation(
        db, actor_of(guest), NewReservation(listing.id, day(0), day(4), 1)
    )
    pieces = [(a.unit_id, a.arrival, a.departure) for a in split.assignments]
    assert pieces == [(units[1].id, day(0), day(3)), (units[0].id, day(3), day(4))]
    assert sum(a.rental_revenue for a in split.assignments) == split.reservation.subtotal
    rows = (
        await db.scalars(
            select(UnitAssignment).where(UnitAssignment.reservation_id == split.reservation.id)
        )
    ).all()
    assert len(rows) == 2
