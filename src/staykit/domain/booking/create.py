"""Booking a stay: the checks of a new reservation (stay, rules, the client's claims, the
listing and rate, the group master), its price lines, and create_reservation."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput
from staykit.core.ids import uuid7
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking import events
from staykit.domain.booking.allocation import choose_pieces, first_unit, write_assignments
from staykit.domain.booking.commands import (
    ACCOMMODATION,
    CITY_TAX,
    CLEANING,
    EXTRA_GUESTS,
    MAX_GUESTS,
    MAX_NOTES,
    MAX_PEOPLE,
    REQUEST_TTL,
    STATUSES_ON_CREATE,
    Booked,
    NewReservation,
    Person,
)
from staykit.domain.booking.errors import BookingRulesBroken, PriceMismatch
from staykit.domain.booking.models import (
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.catalog.availability import LOCK_UNIT_TYPE_SQL, lock_unit_types
from staykit.domain.catalog.dates import check_stay_dates
from staykit.domain.catalog.errors import ListingNotFound, NightsUnavailable
from staykit.domain.catalog.models import Rate, UnitType
from staykit.domain.catalog.quote import Quote, quote_with_units
from staykit.domain.tenancy import service as tenancy


def check_stay(arrival: date, departure: date, adults: int, children: int) -> None:
    check_stay_dates(arrival, departure)
    if not 1 <= adults <= MAX_GUESTS:
        raise InvalidInput(
            f"The number of guests must be between 1 and {MAX_GUESTS}.",
            code="guestsIsInvalid",
            field="guests",
        )
    if not 0 <= children <= MAX_GUESTS:
        raise InvalidInput(
            f"The number of children must be between 0 and {MAX_GUESTS}.",
            code="childrenIsInvalid",
            field="children",
        )


def refuse_broken_rules(quote: Quote, *, ignore: Iterable[str] = ()) -> None:
    """A quote that breaks rules: 400 naming the fields, or 409 naming the nights when the
    only problem is that nights are taken."""
    ignored = set(ignore)
    rules = [v for v in quote.violations if v.rule not in ignored]
    if not rules:
        return
    taken = [v.date for v in rules if v.rule == "unavailable" and v.date is not None]
    others = [v for v in rules if v.rule != "unavailable"]
    if others:
        raise BookingRulesBroken(others)
    raise NightsUnavailable(sorted(taken))


def check_claims(req: NewReservation, listing: UnitType, quote: Quote) -> None:
    """What the client believes must be what the server computed."""
    if req.claimed_host_id is not None and req.claimed_host_id != listing.host_id:
        raise InvalidInput(
            "hostId is not this listing's host; leave it out, the server sets it.",
            code="hostIdMismatch",
            field="host_id",
        )
    if req.claimed_currency is not None and req.claimed_currency != quote.currency:
        raise InvalidInput(
            f"This listing is priced in {quote.currency}, not {req.claimed_currency}.",
            code="currencyMismatch",
            field="currency",
        )
    if req.claimed_approval_type is not None and req.claimed_approval_type != (
        listing.approval_type
    ):
        raise InvalidInput(
            f"This listing's approvalType is {listing.approval_type}.",
            code="approvalTypeMismatch",
            field="approval_type",
        )
    if req.claimed_total is not None:
        claimed = req.claimed_total
        if not money.fits(claimed, quote.currency) or claimed != quote.total:
            raise PriceMismatch(claimed, quote.total, quote.currency)


# Taken by _bookable_listing's query: the unit type's lock (availability.lock_unit_types),
# unless a night of the stay already has every active unit of the type occupied (as
# committed when the query started). Such a booking can only fail: it is told so from a
# quote read without the lock (create_reservation), so a crowd racing for one night
# waits in line behind the winner only until the winner commits; the rest fail at once,
# side by side, instead of taking the lock one after another to learn the same thing.
_LOCK_UNLESS_TAKEN = """CASE WHEN EXISTS (
        SELECT 1
        FROM generate_series(CAST(:arrival AS date), CAST(:departure AS date) - 1,
                             interval '1 day') AS n(night)
        WHERE NOT EXISTS (
            SELECT 1 FROM units u
            WHERE u.unit_type_id = unit_types.id AND u.is_active
              AND NOT EXISTS (
                  SELECT 1 FROM occupancies o
                  WHERE o.unit_id = u.id AND o.active
                    AND daterange(o.arrival, o.departure, '[)') @> CAST(n.night AS date))))
    THEN false
    ELSE {lock}::text IS NOT NULL END AS locked"""
_LOCK_UNLESS_TAKEN_SQL = _LOCK_UNLESS_TAKEN.format(
    lock=LOCK_UNIT_TYPE_SQL.format(id="unit_types.id")
)


async def _bookable_listing(
    session: AsyncSession, me: Principal, req: NewReservation, *, partner: bool
) -> tuple[UnitType, bool, bool]:
    """The listing to book, whether the actor manages it (asked only when it matters:
    a partner booking, or an unpublished listing) and whether the listing's lock is held.
    Guests may book published, active listings; the host's business may also book its
    own unpublished ones (direct bookings).

    The same query takes the unit type's lock (see _LOCK_UNLESS_TAKEN_SQL): one round
    trip for both, before anything reads the listing's availability."""
    row = (
        await session.execute(
            select(UnitType, text(_LOCK_UNLESS_TAKEN_SQL))
            .where(UnitType.id == req.unit_type_id)
            .params(arrival=req.arrival, departure=req.departure)
            .execution_options(populate_existing=True)
        )
    ).first()
    missing = ListingNotFound(req.unit_type_id)
    if row is None or not row[0].is_active:
        raise missing
    listing, locked = row[0], bool(row[1])
    manages = me.user_id == listing.host_id or me.is_admin
    if not manages and (partner or not listing.is_published):
        manages = await tenancy.can_manage(session, me, listing.business_id)
    if not listing.is_published and not manages:
        raise missing
    return listing, manages, locked


async def bookable_rate(
    session: AsyncSession, listing: UnitType, rate_id: uuid.UUID | None
) -> Rate:
    stmt = select(Rate).where(Rate.unit_type_id == listing.id, Rate.is_active)
    stmt = stmt.where(Rate.id == rate_id) if rate_id is not None else stmt.where(Rate.is_default)
    rate = await session.scalar(stmt)
    if rate is None:
        raise InvalidInput(
            "No such rate for this listing." if rate_id else "This listing has no default rate.",
            code="rateIdIsInvalid",
            field="rate_id",
        )
    return rate


async def check_master(
    session: AsyncSession, business_id: uuid.UUID, master_id: uuid.UUID | None
) -> uuid.UUID | None:
    """The group's master reservation: same business, active, itself no member of another
    group (a member's master is used instead)."""
    if master_id is None:
        return None
    master = await session.get(Reservation, master_id)
    if master is None or not master.is_active or master.business_id != business_id:
        raise InvalidInput(
            f"No reservation {master_id} in this business to group with.",
            code="masterIdIsInvalid",
            field="master_id",
        )
    return master.master_id or master.id


def apply_quote(reservation: Reservation, quote: Quote) -> None:
    reservation.currency = quote.currency
    reservation.subtotal = quote.subtotal
    reservation.extra_guest_charges = quote.extra_guest_charges
    reservation.cleaning_fee = quote.cleaning_fee
    reservation.city_tax = quote.city_tax
    reservation.total = quote.total
    reservation.nightly_prices = [[n.isoformat(), str(p)] for n, p in quote.nights]


def stay_charges(reservation: Reservation, quote: Quote) -> list[InvoiceItem]:
    cur, nights = quote.currency, len(quote.nights)
    lines = [
        (
            ACCOMMODATION,
            f"Accommodation, {nights} night{'s' if nights != 1 else ''}",
            quote.subtotal,
        ),
        (EXTRA_GUESTS, "Extra guests", quote.extra_guest_charges),
        (CLEANING, "Cleaning fee", quote.cleaning_fee),
        (CITY_TAX, "City tax", quote.city_tax),
    ]
    return [
        InvoiceItem(
            reservation_id=reservation.id,
            business_id=reservation.business_id,
            kind="charge",
            code=code,
            description=description,
            qty=Decimal(1),
            amount=amount,
            currency=cur,
        )
        for code, description, amount in lines
        if amount or code == ACCOMMODATION
    ]


def check_request(req: NewReservation) -> None:
    """The checks of a request that need nothing read: the stay, the notes, the people."""
    check_stay(req.arrival, req.departure, req.adults, req.children)
    check_text("notes", req.notes, MAX_NOTES)
    if len(req.people) > MAX_PEOPLE:
        raise InvalidInput(
            f"At most {MAX_PEOPLE} people per reservation.", code="peopleIsInvalid", field="people"
        )


def status_on_create(req: NewReservation, listing: UnitType) -> str:
    """The new reservation's status: a partner's choice among STATUSES_ON_CREATE, else
    confirmed (instant listings and partner sources) or request."""
    marketplace = req.source == "marketplace"
    if req.payment_hold is not None and not marketplace:
        raise InvalidInput(
            "Only marketplace bookings are paid through the platform.", field="payment_hold"
        )
    if req.status is None:
        if req.payment_hold is not None:
            return "request"  # until paid: the payment confirms it or hands it to the host
        return "confirmed" if listing.approval_type == "instant" or not marketplace else "request"
    if marketplace or req.status not in STATUSES_ON_CREATE:
        raise InvalidInput(
            f"status must be one of {', '.join(STATUSES_ON_CREATE)}.",
            code="statusIsInvalid",
            field="status",
        )
    return req.status


def _expiry(req: NewReservation, status: str, now: datetime) -> datetime | None:
    """An unpaid platform booking holds its nights for the payment hold; a request the
    host has to answer, for REQUEST_TTL."""
    if req.payment_hold is not None:
        return now + req.payment_hold
    return now + REQUEST_TTL if status == "request" else None


def reservation_row(
    me: Principal,
    req: NewReservation,
    listing: UnitType,
    status: str,
    master_id: uuid.UUID | None,
    quote: Quote,
) -> Reservation:
    """The reservation as it is written, priced by the server's quote."""
    now = utcnow()
    reservation = Reservation(
        id=uuid7(),
        business_id=listing.business_id,
        property_id=listing.property_id,
        unit_type_id=listing.id,
        host_id=listing.host_id,
        guest_id=me.user_id if req.source == "marketplace" else None,
        status=status,
        approval_type=listing.approval_type,
        arrival=req.arrival,
        departure=req.departure,
        adults=req.adults,
        children=req.children,
        booking_policies_snapshot=listing.booking_policies,
        cancellation_policy_snapshot=listing.cancellation_policy,
        source=req.source,
        external_ref=req.external_ref,
        api_source_id=req.api_source_id,
        master_id=master_id,
        notes=req.notes,
        ical_import_source=req.ical_import_source,
        made_at=now,
        expires_at=_expiry(req, status, now),
        platform_payment=req.payment_hold is not None,
    )
    reservation.owner_id = me.user_id
    apply_quote(reservation, quote)
    return reservation


def people_rows(
    me: Principal,
    req: NewReservation,
    reservation: Reservation,
    assignments: list[UnitAssignment],
) -> list[ReservationGuest]:
    """The reservation's people: the partner's, or the marketplace guest (the lead)."""
    people = req.people or (
        [Person(first_name=me.fullname or None, email=me.email or None)]
        if req.source == "marketplace"
        else []
    )
    return [
        ReservationGuest(
            reservation_id=reservation.id,
            business_id=reservation.business_id,
            unit_assignment_id=assignments[0].id,
            is_primary=k == 0,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
            mobile=person.mobile,
        )
        for k, person in enumerate(people)
    ]


def created_events(status: str) -> tuple[str, ...]:
    confirmed = status in ("confirmed", "new")
    return (
        ("reservation.created", "reservation.confirmed") if confirmed else ("reservation.created",)
    )


async def create_reservation(
    session: AsyncSession, actor: Principal | None, req: NewReservation
) -> Booked:
    """Book a stay. The guest is the actor on the marketplace; partner sources book on
    behalf of a guest (people) and need to manage the listing's business."""
    me = policy.require_login(actor)
    check_request(req)
    marketplace = req.source == "marketplace"
    listing, manages, locked = await _bookable_listing(session, me, req, partner=not marketplace)
    if marketplace and me.user_id == listing.host_id:
        raise Forbidden(
            "Hosts cannot book their own listing as guests; block the dates instead.",
            code="ownListing",
        )
    if not marketplace and not manages:
        raise Forbidden(
            "Only the business's owners and managers may enter reservations for it.",
            code="notYourBusiness",
        )
    if req.unit_id is not None and marketplace:
        raise InvalidInput(
            "Guests book a listing, not a unit.", code="unitIdIsInvalid", field="unit_id"
        )
    status = status_on_create(req, listing)
    # An explicit rate is checked here; the default one comes with the quote's own query.
    rate = await bookable_rate(session, listing, req.rate_id) if req.rate_id is not None else None
    master_id = await check_master(session, listing.business_id, req.master_id)

    guests = req.adults + req.children
    quote, busy = await quote_with_units(session, listing, req.arrival, req.departure, guests, rate)
    # An inquiry asks a question: it holds no nights, so taken nights do not stop it.
    ignore = ("unavailable",) if status == "inquiry" else ()
    if not locked:
        # Nights were already taken when the listing was read (_LOCK_UNLESS_TAKEN_SQL):
        # this quote, read without the lock, answers the same 409 (or 400) the locked one
        # would. Should it find the stay bookable after all (nights freed since), or for
        # an inquiry, the lock is taken now and everything read again under it.
        refuse_broken_rules(quote, ignore=ignore)
        await lock_unit_types(session, [listing.id])
        quote, busy = await quote_with_units(
            session, listing, req.arrival, req.departure, guests, rate
        )
    refuse_broken_rules(quote, ignore=ignore)
    check_claims(req, listing, quote)
    if status != "inquiry":
        # The units taken on each night came with the quote, read under the lock.
        pieces = choose_pieces(busy, req.arrival, req.departure, only_unit=req.unit_id)
    else:
        # An inquiry still names a unit: the given one, else the first one of the type.
        unit_id = req.unit_id or await first_unit(session, listing.id)
        pieces = [(unit_id, req.arrival, req.departure)]

    reservation = reservation_row(me, req, listing, status, master_id, quote)
    session.add(reservation)
    assignments = await write_assignments(
        session, reservation, quote, pieces, req.adults + req.children
    )
    # The people and the charges go with the events, in their round trip, after the rows
    # they refer to (flushed above): nothing in the booking reads them back.
    await events.record_reservation(
        session,
        me,
        created_events(status),
        reservation,
        assignments,
        rows=[*people_rows(me, req, reservation, assignments), *stay_charges(reservation, quote)],
    )
    return Booked(reservation, assignments, quote)
