"""The booking engine: create, modify, approve, decline, cancel, expire and complete
reservations without ever double-booking a unit (docs/booking.md).

How a write stays correct under concurrency
1. The unit types it touches are locked with a transaction-scoped advisory lock (sorted,
   so two modifications cannot deadlock): bookings of one unit type are serialised, so the
   availability the quote reads (free units, stop-sell, availability caps) cannot change
   between reading it and writing the occupancy rows.
2. The quote engine prices the stay on the server and checks every rule (quote.py).
3. Units are allocated: one free unit for the whole stay when there is one (the lowest
   id), else the fewest pieces, each the unit free for the longest run from its first
   night (ties: the lowest id). Deterministic for the same calendar.
4. The Occupancy rows are written inside `occupancy_guard`: anything that still overlaps
   (a block created concurrently, an import) is refused by the exclusion constraint and
   answered as the same 409 naming the nights.
5. The domain event and the jobs acting on it are written in the same transaction.

Services only flush; the request (or job) commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.clock import utcnow
from staykit.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from staykit.core.ids import uuid7
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.booking import events
from staykit.domain.booking.models import (
    DISPUTE_STATUSES,
    HOLDING,
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.booking.statuses import FINAL
from staykit.domain.catalog.availability import LOCK_UNIT_TYPE_SQL, lock_unit_types
from staykit.domain.catalog.blocks import occupancy_guard, unavailable
from staykit.domain.catalog.models import (
    Occupancy,
    Property,
    Rate,
    UnitType,
)
from staykit.domain.catalog.quote import Quote, check_stay_dates, property_today, quote_stay
from staykit.domain.tenancy import service as tenancy

REQUEST_TTL = timedelta(hours=24)
MAX_GUESTS = 100
MAX_PEOPLE = 50
MAX_NOTES = 5000
ACCOMMODATION, EXTRA_GUESTS, CLEANING, CITY_TAX, REFUND = (
    "accommodation",
    "extraGuests",
    "cleaningFee",
    "cityTax",
    "refund",
)
# The quote's rules and the request field each one is about.
RULE_FIELDS = {
    "departure_not_after_arrival": "checkOut",
    "stay_too_long": "checkOut",
    "arrival_in_past": "checkIn",
    "too_many_guests": "guestCount",
    "min_stay": "checkOut",
    "max_stay": "checkOut",
    "closed_to_arrival": "checkIn",
    "closed_to_departure": "checkOut",
}
STATUSES_ON_CREATE = ("request", "new", "confirmed", "black", "inquiry")


@dataclass
class Person:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None


@dataclass
class NewReservation:
    """What a caller asks for. Prices are never taken from here: `claimed_total`,
    `claimed_host_id`, `claimed_currency` and `claimed_approval_type` are what the client
    believes, checked against the server's own figures (a mismatch is a 400 naming the
    field)."""

    unit_type_id: uuid.UUID
    arrival: date
    departure: date
    adults: int
    children: int = 0
    rate_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    people: list[Person] = field(default_factory=list)
    notes: str | None = None
    source: str = "marketplace"
    external_ref: str | None = None
    api_source_id: int | None = None
    master_id: uuid.UUID | None = None
    status: str | None = None  # partner APIs: request, new, confirmed, black, inquiry
    claimed_total: Decimal | None = None
    claimed_host_id: uuid.UUID | None = None
    claimed_currency: str | None = None
    claimed_approval_type: str | None = None
    ical_export_url: str | None = None
    ical_import_source: str | None = None


@dataclass
class Booked:
    reservation: Reservation
    assignments: list[UnitAssignment]
    quote: Quote | None = None


# --- reading --------------------------------------------------------------------------------


def _not_found(reservation_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"No reservation with id {reservation_id}.",
        code="reservationNotFound",
        field="reservationId",
    )


async def _member_role(
    session: AsyncSession, actor: Principal, business_id: uuid.UUID
) -> str | None:
    return await tenancy.role_in(session, actor, business_id)


async def relation(session: AsyncSession, actor: Principal, reservation: Reservation) -> str | None:
    """How the actor relates to the reservation: 'admin', 'host' (the listing's host or a
    member of its business), 'guest', or None."""
    if actor.is_admin:
        return "admin"
    if actor.user_id == reservation.host_id:
        return "host"
    if await _member_role(session, actor, reservation.business_id) is not None:
        return "host"
    if reservation.guest_id is not None and actor.user_id == reservation.guest_id:
        return "guest"
    return None


async def get_reservation(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID, *, lock: bool = False
) -> tuple[Reservation, str]:
    """The reservation and the actor's relation to it; 404 for anyone else (a stranger
    learns nothing, not even that the id exists)."""
    me = policy.require_login(actor)
    stmt = select(Reservation).where(Reservation.id == reservation_id)
    if lock:
        stmt = stmt.with_for_update()
    reservation = await session.scalar(stmt)
    if reservation is None or not reservation.is_active:
        raise _not_found(reservation_id)
    rel = await relation(session, me, reservation)
    if rel is None:
        raise _not_found(reservation_id)
    return reservation, rel


def visible_condition(actor: Principal) -> Any:
    """SQL twin of `relation`: the reservations the actor may see."""
    if actor.is_admin:
        return Reservation.is_active
    return Reservation.is_active & (
        (Reservation.guest_id == actor.user_id)
        | (Reservation.host_id == actor.user_id)
        | tenancy.readable_condition(Reservation.business_id, actor)
    )


async def assignments_for(
    session: AsyncSession, reservation_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[UnitAssignment]]:
    """{reservation id: its active unit assignments by arrival}, in one query."""
    found: dict[uuid.UUID, list[UnitAssignment]] = {rid: [] for rid in reservation_ids}
    if found:
        rows = await session.scalars(
            select(UnitAssignment)
            .where(UnitAssignment.reservation_id.in_(list(found)), UnitAssignment.is_active)
            .order_by(UnitAssignment.arrival, UnitAssignment.id)
        )
        for a in rows:
            found[a.reservation_id].append(a)
    return found


async def assignments_of(session: AsyncSession, reservation_id: uuid.UUID) -> list[UnitAssignment]:
    return (await assignments_for(session, [reservation_id]))[reservation_id]


# --- checks -----------------------------------------------------------------------------------


def _check_stay(arrival: date, departure: date, adults: int, children: int) -> None:
    check_stay_dates(arrival, departure)
    if not 1 <= adults <= MAX_GUESTS:
        raise InvalidInput(
            f"guestCount must be between 1 and {MAX_GUESTS}.",
            code="guestCountIsInvalid",
            field="guestCount",
        )
    if not 0 <= children <= MAX_GUESTS:
        raise InvalidInput(
            f"children must be between 0 and {MAX_GUESTS}.",
            code="childrenIsInvalid",
            field="children",
        )


def _refuse(quote: Quote, *, ignore: Iterable[str] = ()) -> None:
    """A quote that breaks rules: 400 naming the fields, or 409 naming the nights when the
    only problem is that nights are taken."""
    ignored = set(ignore)
    rules = [v for v in quote.violations if v.rule not in ignored]
    if not rules:
        return
    taken = [v.date for v in rules if v.rule == "unavailable" and v.date is not None]
    others = [v for v in rules if v.rule != "unavailable"]
    if others:
        first = others[0]
        raise InvalidInput(
            first.message,
            code=f"{first.rule}",
            field=RULE_FIELDS.get(first.rule, "checkIn"),
            errors=[
                {
                    "field": RULE_FIELDS.get(v.rule, "checkIn"),
                    "rule": v.rule,
                    "date": None if v.date is None else v.date.isoformat(),
                    "message": v.message,
                }
                for v in others
            ],
        )
    raise unavailable(sorted(taken), field="checkIn")


def _check_claims(req: NewReservation, listing: UnitType, quote: Quote) -> None:
    """What the client believes must be what the server computed."""
    if req.claimed_host_id is not None and req.claimed_host_id != listing.host_id:
        raise InvalidInput(
            "hostId is not this listing's host; leave it out, the server sets it.",
            code="hostIdMismatch",
            field="hostId",
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
            field="approvalType",
        )
    if req.claimed_total is not None:
        claimed = req.claimed_total
        if not money.fits(claimed, quote.currency) or claimed != quote.total:
            raise InvalidInput(
                f"totalPrice {claimed} does not match the price of this stay, "
                f"{quote.total} {quote.currency}: quote again "
                "(GET /propertycatalog-api/v1/listings/{listingId}/quote) or leave totalPrice "
                "out.",
                code="totalPriceMismatch",
                field="totalPrice",
                errors=[
                    {
                        "field": "totalPrice",
                        "message": "Does not match the server's price.",
                        "expected": str(quote.total),
                    }
                ],
            )


# --- locking and allocation -------------------------------------------------------------------


_UNIT_NIGHTS_SQL = text(
    """
    SELECT u.id, o.arrival, o.departure
    FROM units u
    LEFT JOIN occupancies o
           ON o.unit_id = u.id AND o.active
          AND daterange(o.arrival, o.departure, '[)') && daterange(:arrival, :departure, '[)')
    WHERE u.unit_type_id = :unit_type_id AND u.is_active
    ORDER BY u.id
    """
)


async def allocate(
    session: AsyncSession,
    unit_type_id: uuid.UUID,
    arrival: date,
    departure: date,
    *,
    only_unit: uuid.UUID | None = None,
    prefer: Sequence[uuid.UUID] = (),
) -> list[tuple[uuid.UUID, date, date]]:
    """Pieces (unit, arrival, departure) covering the stay. One unit for the whole stay when
    any is free (the preferred units first, then by id); else the fewest pieces, greedily.
    409 naming the nights no unit is free on."""
    rows = (
        await session.execute(
            _UNIT_NIGHTS_SQL,
            {"unit_type_id": unit_type_id, "arrival": arrival, "departure": departure},
        )
    ).all()
    busy: dict[uuid.UUID, set[date]] = {}
    for unit_id, start, end in rows:
        nights = busy.setdefault(unit_id, set())
        if start is not None:
            night = max(start, arrival)
            while night < min(end, departure):
                nights.add(night)
                night += timedelta(days=1)
    if only_unit is not None:
        if only_unit not in busy:
            raise InvalidInput(
                f"Unit {only_unit} is not an active unit of this unit type.",
                code="unitIdIsInvalid",
                field="unitId",
            )
        if busy[only_unit]:
            raise unavailable(sorted(busy[only_unit]), field="checkIn")
        return [(only_unit, arrival, departure)]
    order = [u for u in prefer if u in busy] + [u for u in busy if u not in prefer]
    for unit_id in order:
        if not busy[unit_id]:
            return [(unit_id, arrival, departure)]
    stay = [arrival + timedelta(days=i) for i in range((departure - arrival).days)]
    no_unit = [n for n in stay if all(n in busy[u] for u in order)]
    if no_unit or not order:
        raise unavailable(no_unit or stay, field="checkIn")
    pieces: list[tuple[uuid.UUID, date, date]] = []
    i = 0
    while i < len(stay):
        best_unit, best_len = order[0], 0
        for unit_id in order:
            run = 0
            while i + run < len(stay) and stay[i + run] not in busy[unit_id]:
                run += 1
            if run > best_len:
                best_unit, best_len = unit_id, run
        end = i + best_len
        pieces.append((best_unit, stay[i], stay[end - 1] + timedelta(days=1)))
        i = end
    return pieces


# --- money ------------------------------------------------------------------------------------


def _split(amount: Decimal, weights: list[int], currency: str) -> list[Decimal]:
    """`amount` split by weights in the currency's minor units; the rest on the last part."""
    total = sum(weights)
    parts = [money.quantize(amount * w / total, currency) for w in weights[:-1]]
    return [*parts, amount - sum(parts, Decimal(0))]


def _assignment_amounts(
    quote: Quote, pieces: list[tuple[uuid.UUID, date, date]]
) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(rental revenue, tax, fee) per piece: its nights' prices plus its share (by nights)
    of the extra-guest charges; the city tax and the cleaning fee by the same shares."""
    cur = quote.currency
    price = dict(quote.nights)
    weights = [(d - a).days for _, a, d in pieces]
    extra = _split(quote.extra_guest_charges, weights, cur)
    tax = _split(quote.city_tax, weights, cur)
    fee = _split(quote.cleaning_fee, weights, cur)
    out = []
    for k, (_, a, d) in enumerate(pieces):
        nights = sum((price[a + timedelta(days=i)] for i in range((d - a).days)), Decimal(0))
        out.append((nights + extra[k], tax[k], fee[k]))
    return out


def _charges(reservation: Reservation, quote: Quote) -> list[InvoiceItem]:
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


def _apply_quote(reservation: Reservation, quote: Quote) -> None:
    reservation.currency = quote.currency
    reservation.subtotal = quote.subtotal
    reservation.extra_guest_charges = quote.extra_guest_charges
    reservation.cleaning_fee = quote.cleaning_fee
    reservation.city_tax = quote.city_tax
    reservation.total = quote.total
    reservation.nightly_prices = [[n.isoformat(), str(p)] for n, p in quote.nights]


async def _write_assignments(
    session: AsyncSession,
    reservation: Reservation,
    quote: Quote,
    pieces: list[tuple[uuid.UUID, date, date]],
    occupancy_count: int,
) -> list[UnitAssignment]:
    """The unit assignments of the pieces, each with its occupancy row (while the status
    holds nights), flushed inside the occupancy guard's savepoint."""
    assert quote.rate_plan_id is not None  # every rate has its plan
    amounts = _assignment_amounts(quote, pieces)
    assignments = []
    first_unit = pieces[0][0]
    async with occupancy_guard(
        session, first_unit, reservation.arrival, reservation.departure, field="checkIn"
    ):
        for (unit_id, a, d), (revenue, tax, fee) in zip(pieces, amounts, strict=True):
            assignment = UnitAssignment(
                id=uuid7(),
                reservation_id=reservation.id,
                business_id=reservation.business_id,
                property_id=reservation.property_id,
                unit_id=unit_id,
                unit_type_id=reservation.unit_type_id,
                rate_id=quote.rate_id,
                rate_plan_id=quote.rate_plan_id,
                arrival=a,
                departure=d,
                occupancy_count=occupancy_count,
                rental_revenue=revenue,
                rental_tax=tax,
                rental_fee=fee,
            )
            session.add(assignment)
            if reservation.status in HOLDING:
                session.add(
                    Occupancy(
                        business_id=reservation.business_id,
                        unit_id=unit_id,
                        unit_type_id=reservation.unit_type_id,
                        arrival=a,
                        departure=d,
                        kind="reservation",
                        ref=assignment.id,
                    )
                )
            assignments.append(assignment)
    return assignments


async def _release(session: AsyncSession, assignments: list[UnitAssignment]) -> None:
    """Free the nights of these assignments (their occupancy rows go inactive), under the
    unit types' lock like every occupancy write (availability.lock_unit_types)."""
    ids = [a.id for a in assignments]
    if ids:
        await lock_unit_types(session, {a.unit_type_id for a in assignments})
        await session.execute(
            update(Occupancy)
            .where(Occupancy.kind == "reservation", Occupancy.ref.in_(ids), Occupancy.active)
            .values(active=False)
        )


# --- create -----------------------------------------------------------------------------------


async def _bookable_listing(
    session: AsyncSession, me: Principal, unit_type_id: uuid.UUID, *, partner: bool
) -> tuple[UnitType, bool]:
    """The listing to book and whether the actor manages it (asked only when it matters:
    a partner booking, or an unpublished listing). Guests may book published, active
    listings; the host's business may also book its own unpublished ones (direct
    bookings).

    The same query takes the unit type's lock (availability.lock_unit_types): one round
    trip for both, before anything reads the listing's availability."""
    lock: ColumnElement[Any] = literal_column(LOCK_UNIT_TYPE_SQL.format(id="unit_types.id"))
    listing: UnitType | None = await session.scalar(
        select(UnitType)
        .add_columns(lock)
        .where(UnitType.id == unit_type_id)
        .execution_options(populate_existing=True)
    )
    missing = NotFound(
        f"No listing with id {unit_type_id}.", code="listingNotFound", field="listingId"
    )
    if listing is None or not listing.is_active:
        raise missing
    manages = me.user_id == listing.host_id or me.is_admin
    if not manages and (partner or not listing.is_published):
        manages = await tenancy.can_manage(session, me, listing.business_id)
    if not listing.is_published and not manages:
        raise missing
    return listing, manages


async def _rate(session: AsyncSession, listing: UnitType, rate_id: uuid.UUID | None) -> Rate:
    stmt = select(Rate).where(Rate.unit_type_id == listing.id, Rate.is_active)
    stmt = stmt.where(Rate.id == rate_id) if rate_id is not None else stmt.where(Rate.is_default)
    rate = await session.scalar(stmt)
    if rate is None:
        raise InvalidInput(
            "No such rate for this listing." if rate_id else "This listing has no default rate.",
            code="rateIdIsInvalid",
            field="rateId",
        )
    return rate


async def _check_master(
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
            field="masterId",
        )
    return master.master_id or master.id


async def create_reservation(
    session: AsyncSession, actor: Principal | None, req: NewReservation
) -> Booked:
    """Book a stay. The guest is the actor on the marketplace; partner sources book on
    behalf of a guest (people) and need to manage the listing's business."""
    me = policy.require_login(actor)
    _check_stay(req.arrival, req.departure, req.adults, req.children)
    check_text("notes", req.notes, MAX_NOTES)
    if len(req.people) > MAX_PEOPLE:
        raise InvalidInput(
            f"At most {MAX_PEOPLE} people per reservation.", code="peopleIsInvalid", field="people"
        )
    marketplace = req.source == "marketplace"
    listing, manages = await _bookable_listing(
        session, me, req.unit_type_id, partner=not marketplace
    )
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
            "Guests book a listing, not a unit.", code="unitIdIsInvalid", field="unitId"
        )
    status = req.status
    if status is None:
        status = "confirmed" if listing.approval_type == "instant" or not marketplace else "request"
    elif marketplace or status not in STATUSES_ON_CREATE:
        raise InvalidInput(
            f"status must be one of {', '.join(STATUSES_ON_CREATE)}.",
            code="statusIsInvalid",
            field="status",
        )
    # An explicit rate is checked here; the default one comes with the quote's own query.
    rate = await _rate(session, listing, req.rate_id) if req.rate_id is not None else None
    master_id = await _check_master(session, listing.business_id, req.master_id)

    quote = await quote_stay(
        session, listing, req.arrival, req.departure, req.adults + req.children, rate
    )
    # An inquiry asks a question: it holds no nights, so taken nights do not stop it.
    _refuse(quote, ignore=("unavailable",) if status == "inquiry" else ())
    _check_claims(req, listing, quote)
    pieces = (
        [(req.unit_id or uuid.UUID(int=0), req.arrival, req.departure)]
        if status == "inquiry"
        else await allocate(session, listing.id, req.arrival, req.departure, only_unit=req.unit_id)
    )
    if status == "inquiry" and req.unit_id is None:
        # An inquiry still names a unit: the first one of the type.
        pieces = [(await _first_unit(session, listing.id), req.arrival, req.departure)]

    now = utcnow()
    reservation = Reservation(
        id=uuid7(),
        business_id=listing.business_id,
        property_id=listing.property_id,
        unit_type_id=listing.id,
        host_id=listing.host_id,
        guest_id=me.user_id if marketplace else None,
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
        ical_export_url=req.ical_export_url,
        ical_import_source=req.ical_import_source,
        made_at=now,
        expires_at=now + REQUEST_TTL if status == "request" else None,
    )
    reservation.owner_id = me.user_id
    _apply_quote(reservation, quote)
    session.add(reservation)
    assignments = await _write_assignments(
        session, reservation, quote, pieces, req.adults + req.children
    )
    # Flushed after the rows they refer to (the models declare no relationships, so the
    # unit of work does not order INSERTs across tables by their foreign keys).
    people = req.people or (
        [Person(first_name=me.fullname or None, email=me.email or None)] if marketplace else []
    )
    for k, person in enumerate(people):
        session.add(
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
        )
    session.add_all(_charges(reservation, quote))
    confirmed = status in ("confirmed", "new")
    await events.record_reservation(
        session,
        me,
        ("reservation.created", "reservation.confirmed") if confirmed else "reservation.created",
        reservation,
        assignments,
    )
    return Booked(reservation, assignments, quote)


async def _first_unit(session: AsyncSession, unit_type_id: uuid.UUID) -> uuid.UUID:
    unit_id = await session.scalar(
        text("SELECT id FROM units WHERE unit_type_id = :t AND is_active ORDER BY id LIMIT 1"),
        {"t": unit_type_id},
    )
    if unit_id is None:
        raise Conflict("This listing has no unit to book.", code="noUnits", field="listingId")
    return unit_id


# --- status changes ---------------------------------------------------------------------------


def _not_in(reservation: Reservation, allowed: Iterable[str], action: str) -> Conflict:
    return Conflict(
        f"A reservation that is {reservation.status} cannot be {action}.",
        code="invalidStatusChange",
        field="bookingStatus",
    )


async def approve(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID
) -> Booked:
    """The host accepts a request: it becomes confirmed."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if rel not in ("host", "admin") or not await _may_manage(session, actor, reservation):
        raise Forbidden("Only the listing's host may approve a request.", code="notYourListing")
    if reservation.status != "request":
        raise _not_in(reservation, ("request",), "approved")
    reservation.status = "confirmed"
    reservation.expires_at = None
    reservation.decided_at = utcnow()
    assignments = await assignments_of(session, reservation.id)
    await events.record_reservation(
        session, actor, "reservation.confirmed", reservation, assignments
    )
    return Booked(reservation, assignments)


async def _may_manage(session: AsyncSession, actor: Principal, reservation: Reservation) -> bool:
    return (
        actor.is_admin
        or actor.user_id == reservation.host_id
        or await tenancy.can_manage(session, actor, reservation.business_id)
    )


async def decline(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID
) -> Booked:
    """The host turns a request (or an inquiry) down: its nights are free again."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if rel not in ("host", "admin") or not await _may_manage(session, actor, reservation):
        raise Forbidden("Only the listing's host may decline a request.", code="notYourListing")
    if reservation.status not in ("request", "inquiry"):
        raise _not_in(reservation, ("request", "inquiry"), "declined")
    assignments = await assignments_of(session, reservation.id)
    await _release(session, assignments)
    reservation.status = "declined"
    reservation.expires_at = None
    reservation.decided_at = utcnow()
    await events.record_reservation(
        session, actor, "reservation.declined", reservation, assignments
    )
    return Booked(reservation, assignments)


def refund_for(reservation: Reservation, today: date, cancelled_by: str) -> Decimal:
    """What a cancellation gives back (docs/booking.md):
    - by the host or an admin: everything paid for the stay (the total);
    - by the guest, under the cancellation policy snapshotted at booking: the tier with the
      largest daysBeforeArrival not above the notice given (days from today, where the
      property is, to arrival) refunds its refundPercent of the total; a notice shorter
      than every tier refunds nothing; no policy at all refunds everything;
    - a request or inquiry was never charged: its refund is 0."""
    if reservation.status in ("request", "inquiry"):
        return Decimal(0)
    total = money.quantize(reservation.total, reservation.currency)
    if cancelled_by != "guest":
        return total
    policy_ = reservation.cancellation_policy_snapshot
    tiers = (policy_ or {}).get("tiers") if isinstance(policy_, dict) else None
    if not tiers:
        return total
    notice = (reservation.arrival - today).days
    best: tuple[int, Decimal] | None = None
    for tier in tiers:
        try:
            days = int(tier["daysBeforeArrival"])
            percent = Decimal(str(tier["refundPercent"]))
        except (KeyError, TypeError, ValueError, ArithmeticError):
            continue
        if days <= notice and (best is None or days > best[0]):
            best = (days, percent)
    if best is None:
        return Decimal(0)
    return money.quantize(total * best[1] / 100, reservation.currency)


async def _time_zone(session: AsyncSession, property_id: uuid.UUID) -> str:
    tz = await session.scalar(select(Property.time_zone).where(Property.id == property_id))
    return tz or "UTC"


async def cancel(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID
) -> Booked:
    """Cancel by the guest or the host before the stay starts (admins at any time, for
    moderation). Frees the nights and records the refund."""
    reservation, rel = await get_reservation(session, actor, reservation_id, lock=True)
    assert actor is not None
    if reservation.status in FINAL or reservation.status == "completed":
        raise Conflict(
            f"The reservation is already {reservation.status}.",
            code="alreadyFinished",
            field="bookingStatus",
        )
    by = rel if rel in ("guest", "admin") else "host"
    if by == "host" and not await _may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may cancel its reservations.",
            code="notYourListing",
        )
    today = property_today(await _time_zone(session, reservation.property_id))
    if by != "admin" and reservation.arrival <= today and reservation.status in HOLDING:
        raise Conflict(
            "The stay has started: only an admin can cancel it now.",
            code="stayStarted",
            field="bookingStatus",
        )
    assignments = await assignments_of(session, reservation.id)
    await _release(session, assignments)
    refund = refund_for(reservation, today, by)
    reservation.status = "cancelled"
    reservation.cancelled_at = utcnow()
    reservation.cancelled_by = by
    reservation.expires_at = None
    reservation.refund_amount = refund
    if refund:
        session.add(
            InvoiceItem(
                reservation_id=reservation.id,
                business_id=reservation.business_id,
                kind="refund",
                code=REFUND,
                description=f"Refund on cancellation by the {by}",
                qty=Decimal(-1),
                amount=refund,
                currency=reservation.currency,
            )
        )
    await events.record_reservation(
        session, actor, "reservation.cancelled", reservation, assignments
    )
    return Booked(reservation, assignments)


@dataclass
class StayChange:
    arrival: date | None = None
    departure: date | None = None
    adults: int | None = None
    children: int | None = None
    unit_id: uuid.UUID | None = None
    expected_version: int | None = None


async def modify(
    session: AsyncSession, actor: Principal | None, reservation_id: uuid.UUID, change: StayChange
) -> Booked:
    """New dates, guests or unit: re-quoted and re-allocated (keeping the same unit when it
    is free), with a new version. All or nothing: a refused change leaves it as it was."""
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
        raise _not_in(reservation, (), "changed")
    if rel == "host" and not await _may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may change its reservations.",
            code="notYourListing",
        )
    if change.unit_id is not None and rel == "guest":
        raise InvalidInput("Guests cannot choose a unit.", code="unitIdIsInvalid", field="unitId")
    arrival = change.arrival or reservation.arrival
    departure = change.departure or reservation.departure
    adults = change.adults if change.adults is not None else reservation.adults
    children = change.children if change.children is not None else reservation.children
    _check_stay(arrival, departure, adults, children)
    listing = await session.get(UnitType, reservation.unit_type_id)
    if listing is None or not listing.is_active:
        raise Conflict("The listing no longer exists.", code="listingGone", field="listingId")
    old = await assignments_of(session, reservation.id)
    rate = await session.get(Rate, old[0].rate_id) if old else None
    if rate is None or not rate.is_active:
        rate = await _rate(session, listing, None)
    await lock_unit_types(session, [listing.id])
    async with session.begin_nested():  # a refused change rolls back to here
        await _release(session, old)
        for a in old:
            a.is_active = False
        quote = await quote_stay(session, listing, arrival, departure, adults + children, rate)
        # A stay in progress may still be shortened or extended: its arrival is past.
        ignore = ["arrival_in_past"] if arrival == reservation.arrival else []
        if reservation.status == "inquiry":
            ignore.append("unavailable")
        _refuse(quote, ignore=ignore)
        if reservation.status == "inquiry":
            pieces = [
                (
                    old[0].unit_id if old else await _first_unit(session, listing.id),
                    arrival,
                    departure,
                )
            ]
        else:
            pieces = await allocate(
                session,
                listing.id,
                arrival,
                departure,
                only_unit=change.unit_id,
                prefer=[a.unit_id for a in old],
            )
        reservation.arrival, reservation.departure = arrival, departure
        reservation.adults, reservation.children = adults, children
        _apply_quote(reservation, quote)
        assignments = await _write_assignments(
            session, reservation, quote, pieces, adults + children
        )
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
        session.add_all(_charges(reservation, quote))
        await events.record_reservation(
            session, actor, "reservation.modified", reservation, assignments
        )
    return Booked(reservation, assignments, quote)


DETAIL_FIELDS = ("ical_export_url", "ical_import_source", "dispute_status")


async def update_reservation(
    session: AsyncSession,
    actor: Principal | None,
    reservation_id: uuid.UUID,
    *,
    booking_status: str | None = None,
    fields: dict[str, Any] | None = None,
) -> Booked:
    """The marketplace's updateReservation: a bookingStatus change ("confirmed" approves,
    "declined" declines, "cancelled" cancels; "complete" is the periodic job's and
    "pending" is never set: 409) and `fields` (attribute -> value) among the iCal fields
    (the host's owners and managers, admins) and dispute_status (admins only). All or
    nothing: every permission is checked before anything changes, and a refused status
    change raises before any field is set (the caller's transaction rolls back)."""
    fields = dict(fields or {})
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise InvalidInput(
            f"{sorted(unknown)[0]} cannot be changed here.", field=sorted(unknown)[0]
        )
    changing = bool(fields) or booking_status is not None
    reservation, _ = await get_reservation(session, actor, reservation_id, lock=changing)
    assert actor is not None
    if "dispute_status" in fields:
        if not actor.is_admin:
            raise Forbidden(
                "Only admins set disputeStatus (the dispute flow sets it later).",
                code="adminRoleRequired",
                field="disputeStatus",
            )
        if fields["dispute_status"] not in DISPUTE_STATUSES:
            raise InvalidInput(
                f"disputeStatus must be one of {', '.join(DISPUTE_STATUSES)}.",
                code="disputeStatusIsInvalid",
                field="disputeStatus",
            )
    ical = [k for k in ("ical_export_url", "ical_import_source") if k in fields]
    if ical and not await _may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the listing's host and admins set the iCal fields.",
            code="notYourListing",
            field="iCalExportUrl" if ical[0] == "ical_export_url" else "iCalImportSource",
        )
    if booking_status is None:
        booked = Booked(reservation, await assignments_of(session, reservation.id))
    else:
        change = {"confirmed": approve, "declined": decline, "cancelled": cancel}.get(
            booking_status
        )
        if change is None:
            raise Conflict(
                "bookingStatus complete is set when the stay's check-out time has passed; "
                "nobody sets it by hand."
                if booking_status == "complete"
                else "A reservation never goes back to pending.",
                code="invalidStatusChange",
                field="bookingStatus",
            )
        booked = await change(session, actor, reservation_id)
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
    if not await _may_manage(session, actor, reservation):
        raise Forbidden(
            "Only the business's owners and managers may group reservations.",
            code="notYourListing",
        )
    if master_id == reservation.id:
        raise InvalidInput(
            "A reservation cannot be its own master.", code="masterIdIsInvalid", field="masterId"
        )
    new_master = await _check_master(session, reservation.business_id, master_id)
    if new_master == reservation.id:
        raise InvalidInput(
            "That reservation belongs to this one's group.",
            code="masterIdIsInvalid",
            field="masterId",
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


# --- periodic ---------------------------------------------------------------------------------


async def expire_requests(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Requests unanswered for 24 hours expire and free their nights."""
    now = now or utcnow()
    due = list(
        await session.scalars(
            select(Reservation)
            .where(Reservation.status == "request", Reservation.expires_at <= now)
            .order_by(Reservation.expires_at)
            .limit(500)
            .with_for_update(skip_locked=True)
        )
    )
    held = await assignments_for(session, [r.id for r in due])
    # One release for the batch: its unit types locked once, in sorted order (two workers
    # expiring at once cannot deadlock), and one UPDATE of the occupancy rows.
    await _release(session, [a for assignments in held.values() for a in assignments])
    for reservation in due:
        reservation.status = "expired"
        reservation.expires_at = None
        await events.record_reservation(
            session, None, "reservation.expired", reservation, held[reservation.id]
        )
    return len(due)


_DUE_TO_COMPLETE = text(
    """
    SELECT r.id FROM reservations r JOIN properties p ON p.id = r.property_id
    WHERE r.status IN ('new', 'confirmed', 'black') AND r.is_active
      AND r.departure <= CAST(:now AS timestamptz) AT TIME ZONE p.time_zone
      AND (r.departure + p.check_out_time) <= CAST(:now AS timestamptz) AT TIME ZONE p.time_zone
    ORDER BY r.departure, r.id
    LIMIT 500
    FOR UPDATE OF r SKIP LOCKED
    """
)


async def complete_stays(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Confirmed stays whose check-out time has passed where the property is: completed.
    Their nights stay occupied (it is history, and the calendar shows it)."""
    now = now or utcnow()
    ids = list((await session.execute(_DUE_TO_COMPLETE, {"now": now})).scalars())
    if not ids:
        return 0
    due = list(
        await session.scalars(
            select(Reservation).where(Reservation.id.in_(ids)).order_by(Reservation.departure)
        )
    )
    held = await assignments_for(session, ids)
    for reservation in due:
        reservation.status = "completed"
        reservation.completed_at = now
        await events.record_reservation(
            session, None, "reservation.completed", reservation, held[reservation.id]
        )
    return len(due)


async def upcoming_for_listing(
    session: AsyncSession, actor: Principal | None, listing_id: uuid.UUID, *, limit: int = 100
) -> list[Reservation]:
    """The listing's reservations the actor may see that have not ended (the getListing
    `rezervations` join): all of them for its business and admins, a guest's own for a
    guest, none for anyone else. Oldest arrival first."""
    if actor is None:
        return []
    rows = await session.scalars(
        select(Reservation)
        .where(
            Reservation.unit_type_id == listing_id,
            Reservation.departure >= func.current_date() - 1,
            visible_condition(actor),
        )
        .order_by(Reservation.arrival, Reservation.id)
        .limit(limit)
    )
    return list(rows)
