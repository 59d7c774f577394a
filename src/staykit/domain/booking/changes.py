"""Changing a reservation: new dates, guests, unit or unit type (modify), its group (set_master),
and a reservation's details (iCal fields, dispute status) with a lifecycle step."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.booking import events
from staykit.domain.booking.allocation import (
    allocate,
    first_unit,
    release_assignments,
    write_assignments,
)
from staykit.domain.booking.commands import (
    ACCOMMODATION,
    CITY_TAX,
    CLEANING,
    EXTRA_GUESTS,
    Booked,
    StayChange,
)
from staykit.domain.booking.create import (
    apply_quote,
    bookable_rate,
    check_master,
    check_stay,
    refuse_broken_rules,
    stay_charges,
)
from staykit.domain.booking.lifecycle import not_in_status
from staykit.domain.booking.models import (
    DISPUTE_STATUSES,
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.booking.repository import assignments_of, get_reservation, may_manage
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.models import Rate, Unit, UnitType
from staykit.domain.catalog.quote import Quote, quote_stay

# What the payments domain does with a platform-paid reservation's new price (see modify).
Reprice = Callable[[AsyncSession, Reservation, Quote], Awaitable[None]]


async def modify(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    change: StayChange,
    *,
    unit_type_id: uuid.UUID | None = None,
    reprice: Reprice | None = None,
) -> Booked:
    """New dates, guests or unit: re-quoted and re-allocated (keeping the same unit when it
    is free), with a new version. All or nothing: a refused change leaves it as it was.

    `unit_type_id` moves the reservation to another unit type (a Beds24 "room") of its
    business, in the same property or another one: the stay is re-quoted on that type's
    default rate, a unit of it is allocated (`change.unit_id` when given and free), the old
    nights are released and the new ones taken in one savepoint, under both unit types'
    locks. The reservation's property and host follow the new unit type; the terms the
    guest booked under (approval type, booking and cancellation policy snapshots) stay.
    Only the business's managers (and admins) move reservations, and only between unit
    types priced in the reservation's currency (its payments are in that currency).

    A reservation the platform takes the payment of changes only with `reprice` (the
    payments domain's: it writes the new price into its ledger, or refuses), called
    with the new quote inside the change."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if change.expected_version is not None and change.expected_version != (
        reservation.record_version
    ):
        raise Conflict(
            f"The reservation is at version {reservation.record_version}, not "
            f"{change.expected_version}: read it again.",
            code="versionMismatch",
            field="version",
        )
    if reservation.status not in ("request", "new", "confirmed", "black", "inquiry"):
        raise not_in_status(reservation, (), "changed")
    if reservation.platform_payment and reprice is None:
        raise Conflict(
            "This reservation is paid through the platform: change it on the marketplace.",
            code="paidThroughPlatform",
            field="payment_confirmation",
        )
    if rel == "host" and not await may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may change its reservations.",
            code="notYourListing",
        )
    if change.unit_id is not None and rel == "guest":
        raise InvalidInput("Guests cannot choose a unit.", code="unitIdIsInvalid", field="unit_id")
    moving = unit_type_id is not None and unit_type_id != reservation.unit_type_id
    if moving and rel == "guest":
        raise Forbidden(
            "Only the business's owners and managers may move a reservation to another unit type.",
            code="notYourListing",
            field="unit_type_id",
        )
    arrival = change.arrival or reservation.arrival
    departure = change.departure or reservation.departure
    adults = change.adults if change.adults is not None else reservation.adults
    children = change.children if change.children is not None else reservation.children
    check_stay(arrival, departure, adults, children)
    listing = await session.get(UnitType, unit_type_id if moving else reservation.unit_type_id)
    if moving:
        _check_move_target(reservation, listing)
    if listing is None or not listing.is_active:
        raise Conflict("The listing no longer exists.", code="listingGone", field="listing_id")
    old = await assignments_of(session, reservation.id)
    rate = None if moving or not old else await session.get(Rate, old[0].rate_id)
    if rate is None or not rate.is_active:
        rate = await bookable_rate(session, listing, None)
    # Every unit type whose occupancy changes (the old assignments', the new one's): their
    # locks at once, in sorted order, so a move the other way cannot deadlock with this one.
    await lock_unit_types(
        session, {reservation.unit_type_id, listing.id, *(a.unit_type_id for a in old)}
    )
    async with session.begin_nested():  # a refused change rolls back to here
        await release_assignments(session, old)
        for a in old:
            a.is_active = False
        quote = await quote_stay(session, listing, arrival, departure, adults + children, rate)
        # A stay in progress may still be shortened or extended: its arrival is past.
        ignore = ["arrivalInPast"] if arrival == reservation.arrival else []
        if reservation.status == "inquiry":
            ignore.append("unavailable")
        refuse_broken_rules(quote, ignore=ignore)
        if reservation.status == "inquiry":
            pieces = [
                (await _inquiry_unit(session, listing, old, change, moving), arrival, departure)
            ]
        else:
            pieces = await allocate(
                session,
                listing.id,
                arrival,
                departure,
                only_unit=change.unit_id,
                prefer=[] if moving else [a.unit_id for a in old],
            )
        if moving:
            reservation.unit_type_id = listing.id
            reservation.property_id = listing.property_id
            reservation.host_id = listing.host_id
        reservation.arrival, reservation.departure = arrival, departure
        reservation.adults, reservation.children = adults, children
        apply_quote(reservation, quote)
        if reprice is not None:
            await reprice(session, reservation, quote)
        assignments = await write_assignments(
            session, reservation, quote, pieces, adults + children
        )
        await _relink(session, reservation, old, assignments)
        await session.execute(
            update(InvoiceItem)
            .where(
                InvoiceItem.reservation_id == reservation.id,
                InvoiceItem.kind == "charge",
                InvoiceItem.code.in_((ACCOMMODATION, EXTRA_GUESTS, CLEANING, CITY_TAX)),
                InvoiceItem.is_active,
            )
            .values(is_active=False, updated_at=utcnow())
        )
        session.add_all(stay_charges(reservation, quote))
        await events.record_reservation(
            session, actor, "reservation.modified", reservation, assignments
        )
    return Booked(reservation, assignments, quote)


def _check_move_target(reservation: Reservation, target: UnitType | None) -> None:
    """The unit type a reservation moves to: active, of its business, in its currency."""
    if target is None or not target.is_active or target.business_id != reservation.business_id:
        raise InvalidInput(
            "No such unit type in this reservation's business.",
            code="unitTypeIdIsInvalid",
            field="unit_type_id",
        )
    if target.currency != reservation.currency:
        raise InvalidInput(
            f"That unit type is priced in {target.currency}, this reservation in "
            f"{reservation.currency}: cancel it and book the other one instead.",
            code="currencyMismatch",
            field="unit_type_id",
        )


async def _inquiry_unit(
    session: AsyncSession,
    listing: UnitType,
    old: list[UnitAssignment],
    change: StayChange,
    moving: bool,
) -> uuid.UUID:
    """The unit an inquiry names (it holds no nights): the given one when it is the unit
    type's, else the one it had, else (after a move) the type's first unit."""
    if change.unit_id is not None and moving:
        unit = await session.get(Unit, change.unit_id)
        if unit is None or not unit.is_active or unit.unit_type_id != listing.id:
            raise InvalidInput(
                f"Unit {change.unit_id} is not an active unit of this unit type.",
                code="unitIdIsInvalid",
                field="unit_id",
            )
        return unit.id
    if old and not moving:
        return old[0].unit_id
    return await first_unit(session, listing.id)


async def _relink(
    session: AsyncSession,
    reservation: Reservation,
    old: list[UnitAssignment],
    new: list[UnitAssignment],
) -> None:
    """People and invoice lines linked to a replaced assignment follow the stay to the new
    lead assignment (an inactive assignment links nothing a reader shows)."""
    if not old or not new:
        return
    await session.flush()  # the new assignments exist before rows point at them
    gone = [a.id for a in old]
    for model in (ReservationGuest, InvoiceItem):
        await session.execute(
            update(model)
            .where(model.reservation_id == reservation.id, model.unit_assignment_id.in_(gone))
            .values(unit_assignment_id=new[0].id)
        )


# The reservation's iCalExportUrl is not among them: the marketplace shows the listing's
# feed there (staykit.domain.ical); the column is no longer written.
DETAIL_FIELDS = ("ical_import_source", "dispute_status")


# A lifecycle step the caller asks for with the details: approve, decline or cancel.
StatusChange = Callable[[AsyncSession, Principal | None, uuid.UUID], Awaitable[Booked]]


async def update_details(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    fields: dict[str, Any] | None = None,
    *,
    then: StatusChange | None = None,
) -> Booked:
    """Set `fields` (attribute -> value) among ical_import_source (the host's owners and
    managers, admins) and dispute_status (only its current value: the disputes set it),
    and run the lifecycle step `then`
    (e.g. `lifecycle.approve`) with them. All or nothing: every permission is checked
    before anything changes, and a refused lifecycle step raises before any field is set
    (the caller's transaction rolls back)."""
    fields = dict(fields or {})
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise InvalidInput(
            f"{sorted(unknown)[0]} cannot be changed here.", field=sorted(unknown)[0]
        )
    changing = bool(fields) or then is not None
    reservation, _ = await get_reservation(session, actor, reservation_id, lock=changing)
    assert actor is not None
    if "dispute_status" in fields:
        # The dispute flow owns it (domain/disputes): a client sending back the value it
        # read changes nothing; any other value is refused, whoever sends it.
        if fields["dispute_status"] not in DISPUTE_STATUSES:
            raise InvalidInput(
                f"disputeStatus must be one of {', '.join(DISPUTE_STATUSES)}.",
                code="disputeStatusIsInvalid",
                field="dispute_status",
            )
        if fields.pop("dispute_status") != reservation.dispute_status:
            raise Conflict(
                "disputeStatus follows the reservation's disputes and cannot be set by hand: "
                "open one with POST /bookingmanagement-api/v1/disputes, decide it with PATCH "
                "/bookingmanagement-api/v1/disputes/{disputeId} (admins).",
                code="disputeStatusFollowsDisputes",
                field="dispute_status",
            )
    ical = [k for k in ("ical_import_source",) if k in fields]
    if ical and not await may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the listing's host and admins set iCalImportSource.",
            code="notYourListing",
            field=ical[0],
        )
    if then is None:
        booked = Booked(reservation, await assignments_of(session, reservation.id))
    else:
        booked = await then(session, actor, reservation_id)
    for key, value in fields.items():
        setattr(booked.reservation, key, value)
    await session.flush()
    return booked


async def set_master(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    master_id: uuid.UUID | None,
) -> Booked:
    """Join a group (masterId) or leave it (None). The business's managers only."""
    reservation, _ = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if not await may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may group reservations.",
            code="notYourListing",
        )
    if master_id == reservation.id:
        raise InvalidInput(
            "A reservation cannot be its own master.", code="masterIdIsInvalid", field="master_id"
        )
    new_master = await check_master(session, reservation.business_id, master_id)
    if new_master == reservation.id:
        raise InvalidInput(
            "That reservation belongs to this one's group.",
            code="masterIdIsInvalid",
            field="master_id",
        )
    if reservation.master_id == new_master:
        return Booked(reservation, await assignments_of(session, reservation.id))
    if master_id is not None:
        # The members of this reservation's own group follow it into the new group.
        await session.execute(
            update(Reservation)
            .where(Reservation.master_id == reservation.id)
            .values(master_id=new_master, updated_at=func.now())
        )
    reservation.master_id = new_master
    assignments = await assignments_of(session, reservation.id)
    await events.record_reservation(
        session, actor, "reservation.modified", reservation, assignments
    )
    return Booked(reservation, assignments)
