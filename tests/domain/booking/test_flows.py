"""Approve, decline, cancel (with the refund), modify, expire, complete and groups, at the
service layer: each a new version, a domain event and its job, and every refusal a clear
error that writes nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.domain.booking import changes, create, lifecycle, repository
from staykit.domain.booking.commands import NewReservation, StayChange
from staykit.domain.booking.lifecycle import refund_for
from staykit.domain.booking.mails import send_event_mails
from staykit.domain.booking.models import InvoiceItem, Reservation
from staykit.domain.catalog.availability import sellable_units
from staykit.domain.events.models import DomainEvent
from staykit.domain.notifications.models import OutboundMessage
from tests.factories import (
    Person,
    actor_of,
    add_member,
    add_units,
    days_from,
    make_listing,
    make_user,
)

# Bookings arrive from today (domain/catalog/dates.py); D is far enough ahead for the
# 14-day refund tier whenever the tests run.
D = utcnow().date() + timedelta(days=120)
POLICY = {
    "name": "moderate",
    "tiers": [
        {"daysBeforeArrival": 14, "refundPercent": 100},
        {"daysBeforeArrival": 5, "refundPercent": 50},
    ],
}


day = days_from(D)


async def events_of(db: AsyncSession, reservation: Reservation) -> list[str]:
    rows = await db.scalars(
        select(DomainEvent.type)
        .where(DomainEvent.aggregate_id == reservation.id)
        .order_by(DomainEvent.seq)
    )
    return list(rows)


async def book(
    db: AsyncSession, guest: Person, listing_id: object, a: int, d: int, adults: int = 1
) -> Reservation:
    booked = await create.create_reservation(
        db,
        actor_of(guest),
        NewReservation(listing_id, day(a), day(d), adults),  # type: ignore[arg-type]
    )
    return booked.reservation


async def free(db: AsyncSession, listing_id: object, a: int, d: int) -> list[int]:
    nights = await sellable_units(db, listing_id, day(a), day(d))  # type: ignore[arg-type]
    return list(nights.values())


async def test_the_host_approves_a_request_and_the_guest_is_mailed(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, approvalType="manual")
    r = await book(db, guest, listing.id, 0, 2)
    assert r.status == "request" and await free(db, listing.id, 0, 2) == [0, 0]
    version = r.record_version
    with pytest.raises(NotFound):  # a stranger learns nothing
        await lifecycle.approve(db, actor_of(await make_user(db)), r.id)
    with pytest.raises(Forbidden):  # the guest cannot approve their own request
        await lifecycle.approve(db, actor_of(guest), r.id)
    booked = await lifecycle.approve(db, actor_of(host), r.id)
    assert booked.reservation.status == "confirmed" and booked.reservation.expires_at is None
    assert booked.reservation.record_version == version + 1
    with pytest.raises(Conflict):
        await lifecycle.approve(db, actor_of(host), r.id)
    assert await events_of(db, r) == ["reservation.created", "reservation.confirmed"]
    event = await db.scalar(
        select(DomainEvent).where(
            DomainEvent.aggregate_id == r.id, DomainEvent.type == "reservation.confirmed"
        )
    )
    assert event is not None and event.payload["status"] == "confirmed"
    assert await send_event_mails(db, event) == 2
    mails = (await db.scalars(select(OutboundMessage).order_by(OutboundMessage.created_at))).all()
    assert {m.recipient for m in mails} == {guest.email, host.email}
    assert any("confirmed" in m.subject for m in mails)


async def test_a_request_mails_the_host_to_answer(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, approvalType="manual")
    r = await book(db, guest, listing.id, 0, 2)
    event = await db.scalar(select(DomainEvent).where(DomainEvent.aggregate_id == r.id))
    assert event is not None
    assert await send_event_mails(db, event) == 2
    to_host = await db.scalar(
        select(OutboundMessage).where(OutboundMessage.recipient == host.email)
    )
    assert to_host is not None and "request" in to_host.subject.lower()
    assert "24 hours" in (to_host.body or "")


async def test_a_business_manager_may_decide_but_staff_may_not(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    manager, staff = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, approvalType="manual")
    await add_member(db, listing.business_id, manager, "manager", commit=False)
    await add_member(db, listing.business_id, staff, "staff")
    first = await book(db, guest, listing.id, 0, 2)
    second = await book(db, guest, listing.id, 3, 5)
    with pytest.raises(Forbidden):
        await lifecycle.decline(db, actor_of(staff), first.id)
    assert (
        await lifecycle.decline(db, actor_of(manager), first.id)
    ).reservation.status == "declined"
    assert await free(db, listing.id, 0, 2) == [1, 1]
    assert (await lifecycle.approve(db, actor_of(manager), second.id)).reservation.status == (
        "confirmed"
    )


async def test_cancellation_refunds_by_the_policy_tiers(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, cancellationPolicy=POLICY)
    r = await book(db, guest, listing.id, 0, 2)  # total 200
    assert r.cancellation_policy_snapshot is not None
    assert refund_for(r, day(-20), "guest") == Decimal("200.00")
    assert refund_for(r, day(-14), "guest") == Decimal("200.00")
    assert refund_for(r, day(-13), "guest") == Decimal("100.00")
    assert refund_for(r, day(-5), "guest") == Decimal("100.00")
    assert refund_for(r, day(-4), "guest") == Decimal("0")
    assert refund_for(r, day(-1), "host") == Decimal("200.00")
    booked = await lifecycle.cancel(db, actor_of(guest), r.id)
    assert booked.reservation.status == "cancelled" and booked.reservation.cancelled_by == "guest"
    # D is far in the future: the 14-day tier applies.
    assert booked.reservation.refund_amount == Decimal("200.00")
    refund = await db.scalar(
        select(InvoiceItem).where(InvoiceItem.reservation_id == r.id, InvoiceItem.kind == "refund")
    )
    assert refund is not None and refund.amount == Decimal("200.00") and refund.qty == -1
    assert await free(db, listing.id, 0, 2) == [1, 1]
    version = booked.reservation.record_version
    with pytest.raises(Conflict) as err:
        await lifecycle.cancel(db, actor_of(guest), r.id)
    assert err.value.field == "booking_status"
    await db.refresh(booked.reservation)
    assert booked.reservation.record_version == version
    assert await events_of(db, r) == [
        "reservation.created",
        "reservation.confirmed",
        "reservation.cancelled",
    ]


async def test_the_host_cancels_with_a_full_refund_and_strangers_cannot(db: AsyncSession) -> None:
    host, guest, stranger = await make_user(db), await make_user(db), await make_user(db)
    listing = await make_listing(db, host, cancellationPolicy=POLICY)
    r = await book(db, guest, listing.id, 0, 2)
    with pytest.raises(NotFound):
        await lifecycle.cancel(db, actor_of(stranger), r.id)
    booked = await lifecycle.cancel(db, actor_of(host), r.id)
    assert booked.reservation.cancelled_by == "host"
    assert booked.reservation.refund_amount == Decimal("200.00")


async def test_a_started_stay_can_only_be_cancelled_by_an_admin(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    admin = await make_user(db, role="admin")
    listing = await make_listing(db, host)
    r = await book(db, guest, listing.id, 0, 3)
    r.arrival = date.today() - timedelta(days=1)  # as if time had passed
    r.departure = date.today() + timedelta(days=2)
    await db.flush()
    for who in (guest, host):
        with pytest.raises(Conflict) as err:
            await lifecycle.cancel(db, actor_of(who), r.id)
        assert err.value.code == "stayStarted"
    assert (await lifecycle.cancel(db, actor_of(admin), r.id)).reservation.cancelled_by == "admin"


async def test_modify_requotes_keeps_the_unit_and_bumps_the_version(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    await add_units(db, listing, 1, commit=True)
    r = await book(db, guest, listing.id, 0, 2)
    unit = (await repository.assignments_of(db, r.id))[0].unit_id
    version = r.record_version
    booked = await changes.modify(db, actor_of(guest), r.id, StayChange(departure=day(4), adults=2))
    assert booked.reservation.departure == day(4) and booked.reservation.total == Decimal("400.00")
    assert [a.unit_id for a in booked.assignments] == [unit]
    assert booked.reservation.record_version > version
    assert await free(db, listing.id, 0, 5) == [1, 1, 1, 1, 2]
    assert (await events_of(db, r))[-1] == "reservation.modified"
    with pytest.raises(Conflict) as err:
        await changes.modify(db, actor_of(guest), r.id, StayChange(adults=1, expected_version=1))
    assert err.value.field == "version"


async def test_a_refused_modification_leaves_everything_as_it_was(db: AsyncSession) -> None:
    host, guest, other = await make_user(db), await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    r = await book(db, guest, listing.id, 0, 2)
    await book(db, other, listing.id, 3, 5)
    with pytest.raises(Conflict) as err:
        await changes.modify(db, actor_of(guest), r.id, StayChange(departure=day(4)))
    assert err.value.errors[0]["nights"] == [day(3).isoformat()]
    with pytest.raises(InvalidInput) as bad:
        await changes.modify(db, actor_of(guest), r.id, StayChange(arrival=day(2)))
    assert bad.value.field == "departure"
    await db.refresh(r)
    assert (r.arrival, r.departure, r.total) == (day(0), day(2), Decimal("200.00"))
    assert await free(db, listing.id, 0, 3) == [0, 0, 1]
    assert len(await repository.assignments_of(db, r.id)) == 1


async def test_unanswered_requests_expire_after_24_hours_and_free_their_nights(
    db: AsyncSession,
) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host, approvalType="manual")
    r = await book(db, guest, listing.id, 0, 2)
    assert r.expires_at is not None
    assert await lifecycle.expire_requests(db, now=r.expires_at - timedelta(seconds=1)) == 0
    assert await lifecycle.expire_requests(db, now=r.expires_at) == 1
    await db.refresh(r)
    assert r.status == "expired" and await free(db, listing.id, 0, 2) == [1, 1]
    assert (await events_of(db, r))[-1] == "reservation.expired"


async def test_stays_complete_after_check_out_time_where_the_property_is(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)  # Europe/Lisbon, check-out 11:00
    r = await book(db, guest, listing.id, 0, 2)
    # A minute before check-out on the departure day, Lisbon time (UTC+0 or +1 by season).
    before = datetime.combine(day(2), time(10, 59), tzinfo=ZoneInfo("Europe/Lisbon"))
    assert await lifecycle.complete_stays(db, now=before) == 0
    assert await lifecycle.complete_stays(db, now=before + timedelta(minutes=1)) == 1
    await db.refresh(r)
    assert r.status == "completed" and await free(db, listing.id, 0, 2) == [0, 0]
    with pytest.raises(Conflict):
        await lifecycle.cancel(db, actor_of(guest), r.id)


async def test_groups_join_and_leave_through_the_master(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    listing = await make_listing(db, host)
    second = await make_listing(db, host)
    master = await book(db, guest, listing.id, 0, 2)
    member = await book(db, guest, second.id, 0, 2)
    with pytest.raises(Forbidden):
        await changes.set_master(db, actor_of(guest), member.id, master.id)
    joined = await changes.set_master(db, actor_of(host), member.id, master.id)
    assert joined.reservation.master_id == master.id
    with pytest.raises(InvalidInput) as err:
        await changes.set_master(db, actor_of(host), master.id, master.id)
    assert err.value.field == "master_id"
    with pytest.raises(InvalidInput):  # the master cannot join its own member
        await changes.set_master(db, actor_of(host), master.id, member.id)
    other_host = await make_user(db)
    foreign = await book(db, guest, (await make_listing(db, other_host)).id, 0, 2)
    with pytest.raises(InvalidInput):  # another business's reservation
        await changes.set_master(db, actor_of(host), member.id, foreign.id)
    left = await changes.set_master(db, actor_of(host), member.id, None)
    assert left.reservation.master_id is None


async def test_one_expiry_run_frees_requests_on_several_listings(db: AsyncSession) -> None:
    host, guest = await make_user(db), await make_user(db)
    first = await make_listing(db, host, approvalType="manual")
    second = await make_listing(db, host, approvalType="manual")
    a = await book(db, guest, first.id, 0, 2)
    b = await book(db, guest, second.id, 1, 3)
    assert a.expires_at is not None and b.expires_at is not None
    assert await lifecycle.expire_requests(db, now=max(a.expires_at, b.expires_at)) == 2
    assert await free(db, first.id, 0, 2) == [1, 1]
    assert await free(db, second.id, 1, 3) == [1, 1]
    for r in (a, b):
        await db.refresh(r)
        assert r.status == "expired"
        assert (await events_of(db, r))[-1] == "reservation.expired"
