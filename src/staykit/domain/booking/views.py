"""Reservations as a business's integrations read them: one reservation, the reservations
staying on some dates, and the change feed, each with its unit assignments, people and
invoice items, masked by what the caller may see.

Every read is scoped to one business (the acting tenant): another business's reservation
is not found, exactly like an unknown id. A page of N reservations is loaded in a fixed
number of queries whatever N is: the reservations, then their assignments, people, invoice
items and (for marketplace bookings) guest users, each with one `IN (...)`.

Two depths:
- `detail=True`: everything (the full reservation).
- `detail=False`: pricing only (reserved rates): the stay and its assignments, never a
  person, a guest id or the notes, and no query that reads them.

Masking (domain/access/masking.py): the acting business is the host side of every
reservation it reads, a party to the stay; a partner credential still needs
`read:bookings-personal` for people's names and contacts and the notes, and
`read:bookings-financial` for money (assignment revenue, invoices, totals). Masked values
are never loaded into a view: they are None and the view says they are hidden.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access import masking
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking import feed
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import (
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.booking.repository import assignments_for
from staykit.domain.tenancy import service as tenancy


@dataclass(frozen=True, slots=True)
class Visibility:
    personal: bool  # names, contacts, notes
    financial: bool  # revenue, invoices, totals


def visibility(principal: Principal) -> Visibility:
    """What the principal, acting for the business of the reservations it reads (the host
    side of each stay), may see of them."""
    return Visibility(
        personal=masking.sees_personal(principal, principal.user_id, shares_a_stay=True),
        financial=masking.sees_financial(principal, party_to_the_stay=True),
    )


@dataclass(slots=True)
class AssignmentView:
    id: uuid.UUID
    arrival: date
    departure: date
    unit_id: uuid.UUID
    unit_type_id: uuid.UUID
    property_id: uuid.UUID
    rate_id: uuid.UUID
    rate_plan_id: uuid.UUID
    occupancy_count: int
    # financial (None when hidden)
    rental_revenue: Decimal | None = None
    rental_tax: Decimal | None = None
    rental_fee: Decimal | None = None
    person_ids: list[uuid.UUID] = field(default_factory=list)

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days


@dataclass(slots=True)
class PersonView:
    id: uuid.UUID
    is_primary: bool
    unit_assignment_id: uuid.UUID | None
    # personal (None when hidden, or when unknown)
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None


@dataclass(slots=True)
class InvoiceItemView:
    id: uuid.UUID
    person_id: uuid.UUID | None  # who it is assigned to
    unit_assignment_id: uuid.UUID | None  # what it is linked to
    kind: str  # charge, payment, refund
    code: str | None
    description: str
    qty: Decimal
    amount: Decimal
    vat_rate: Decimal
    currency: str


@dataclass(slots=True)
class Totals:
    subtotal: Decimal
    extra_guest_charges: Decimal
    cleaning_fee: Decimal
    city_tax: Decimal
    total: Decimal
    refund_amount: Decimal | None


@dataclass(slots=True)
class ReservationView:
    id: uuid.UUID
    version: int
    status: str  # staykit's status (models.STATUSES)
    source: str  # staykit's source (models.SOURCES)
    made_at: datetime
    created_at: datetime
    updated_at: datetime
    arrival: date
    departure: date
    property_id: uuid.UUID
    unit_type_id: uuid.UUID
    currency: str
    adults: int
    children: int
    master_id: uuid.UUID | None
    cancelled_at: datetime | None
    visibility: Visibility
    detail: bool  # False: pricing only (no people, notes or invoices)
    assignments: list[AssignmentView] = field(default_factory=list)
    people: list[PersonView] = field(default_factory=list)
    notes: str | None = None  # personal
    invoices: list[InvoiceItemView] = field(default_factory=list)  # financial
    totals: Totals | None = None  # financial

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days


@dataclass(frozen=True, slots=True)
class Guest:
    """What a marketplace guest's account tells about them (their name and contacts)."""

    fullname: str
    email: str
    mobile: str | None


@dataclass(slots=True)
class ReservationPage:
    items: list[ReservationView]
    total: int  # every reservation matching, on all pages


@dataclass(slots=True)
class ChangedPage:
    items: list[ReservationView]
    # (updated_at, id) of the last item: where the next page starts (None: empty page)
    last: feed.Cursor | None


# --- reads ----------------------------------------------------------------------------------


async def reservation(
    session: AsyncSession, principal: Principal, business_id: uuid.UUID, reservation_id: uuid.UUID
) -> ReservationView:
    """One reservation of the business, in full; ReservationNotFound for an unknown id and
    for another business's (the same error: the caller learns nothing about other tenants)."""
    row = await session.scalar(
        select(Reservation).where(
            Reservation.id == reservation_id,
            Reservation.business_id == business_id,
            tenancy.readable_condition(Reservation.business_id, principal),
            Reservation.is_active,
        )
    )
    if row is None:
        raise ReservationNotFound(reservation_id)
    [view] = await assemble(session, [row], visibility(principal), detail=True)
    return view


async def staying(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    first: date,
    last: date,
    *,
    skip: int,
    limit: int,
    detail: bool = True,
) -> ReservationPage:
    """The business's reservations whose stay [arrival, departure) touches a night of
    first..last (both included, property-local dates): arrival <= last and departure >
    first; a stay that departs on `first` has no night in the range. Every status (a
    cancellation is news to a sync client). Ordered by arrival, then id; `skip`/`limit`
    page through them and `total` counts them all."""
    condition = (
        (Reservation.business_id == business_id)
        & tenancy.readable_condition(Reservation.business_id, principal)
        & Reservation.is_active
        & (Reservation.arrival <= last)
        & (Reservation.departure > first)
    )
    counted = (
        select(Reservation, func.count().over().label("total"))
        .where(condition)
        .order_by(Reservation.arrival, Reservation.id)
        .offset(skip)
        .limit(limit)
    )
    result = (await session.execute(counted)).all()
    if result:
        total = int(result[0].total)
    elif skip == 0:
        total = 0
    else:  # past the last page: the window count had no row to ride on
        total = int(await session.scalar(select(func.count()).where(condition)) or 0)
    rows = [r[0] for r in result]
    items = await assemble(session, rows, visibility(principal), detail=detail)
    return ReservationPage(items, total)


async def changed(
    session: AsyncSession,
    principal: Principal,
    business_id: uuid.UUID,
    *,
    since: datetime,
    after: feed.Cursor | None,
    limit: int,
    detail: bool = True,
) -> ChangedPage:
    """The business's reservations in change order (feed.changes: updated_at, id; never
    skipping a change): strictly after `after` when given, else changed at or after
    `since`."""
    page = await feed.changes(
        session, business_ids=[business_id], since=since, after=after, limit=limit
    )
    items = await assemble(session, page.rows, visibility(principal), detail=detail)
    last = feed.Cursor(page.rows[-1].updated_at, page.rows[-1].id) if page.rows else None
    return ChangedPage(items, last)


# --- assembling a page ----------------------------------------------------------------------


async def assemble(
    session: AsyncSession, rows: Sequence[Reservation], vis: Visibility, *, detail: bool
) -> list[ReservationView]:
    """Views of `rows` (in their order) in at most four more queries, whatever their number."""
    if not rows:
        return []
    ids = [r.id for r in rows]
    assignments = await assignments_for(session, ids)
    people: dict[uuid.UUID, list[ReservationGuest]] = {rid: [] for rid in ids}
    invoices: dict[uuid.UUID, list[InvoiceItem]] = {rid: [] for rid in ids}
    guests: dict[uuid.UUID, Guest] = {}
    if detail:
        for person in await session.scalars(
            select(ReservationGuest)
            .where(ReservationGuest.reservation_id.in_(ids), ReservationGuest.is_active)
            .order_by(
                ReservationGuest.is_primary.desc(),
                ReservationGuest.created_at,
                ReservationGuest.id,
            )
        ):
            people[person.reservation_id].append(person)
        if vis.financial:
            for item in await session.scalars(
                select(InvoiceItem)
                .where(InvoiceItem.reservation_id.in_(ids), InvoiceItem.is_active)
                .order_by(InvoiceItem.created_at, InvoiceItem.id)
            ):
                invoices[item.reservation_id].append(item)
        guest_ids = {r.guest_id for r in rows if r.guest_id is not None}
        if vis.personal and guest_ids:
            found = await session.execute(
                select(User.id, User.fullname, User.email, User.mobile).where(
                    User.id.in_(guest_ids)
                )
            )
            guests = {u.id: Guest(u.fullname, u.email, u.mobile) for u in found}
    return [
        _view(
            r,
            assignments[r.id],
            people[r.id],
            invoices[r.id],
            guests.get(r.guest_id) if r.guest_id else None,
            vis,
            detail=detail,
        )
        for r in rows
    ]


def _view(
    r: Reservation,
    assignments: Sequence[UnitAssignment],
    people: Sequence[ReservationGuest],
    invoices: Sequence[InvoiceItem],
    guest: Guest | None,
    vis: Visibility,
    *,
    detail: bool,
) -> ReservationView:
    view = ReservationView(
        id=r.id,
        version=r.record_version,
        status=r.status,
        source=r.source,
        made_at=r.made_at,
        created_at=r.created_at,
        updated_at=r.updated_at,
        arrival=r.arrival,
        departure=r.departure,
        property_id=r.property_id,
        unit_type_id=r.unit_type_id,
        currency=r.currency,
        adults=r.adults,
        children=r.children,
        master_id=r.master_id,
        cancelled_at=r.cancelled_at,
        visibility=vis,
        detail=detail,
        assignments=[_assignment(a, vis) for a in assignments],
    )
    if not detail:
        return view
    view.people = [_person(p, vis) for p in people]
    if r.guest_id is not None:
        _guest_as_primary(view, r, guest if vis.personal else None)
    for a in view.assignments:
        a.person_ids = [p.id for p in view.people if p.unit_assignment_id == a.id]
    if vis.personal:
        view.notes = r.notes
    if vis.financial:
        view.invoices = [
            InvoiceItemView(
                id=i.id,
                person_id=i.guest_person_id,
                unit_assignment_id=i.unit_assignment_id,
                kind=i.kind,
                code=i.code,
                description=i.description,
                qty=i.qty,
                amount=i.amount,
                vat_rate=i.vat_rate,
                currency=i.currency,
            )
            for i in invoices
        ]
        view.totals = Totals(
            subtotal=r.subtotal,
            extra_guest_charges=r.extra_guest_charges,
            cleaning_fee=r.cleaning_fee,
            city_tax=r.city_tax,
            total=r.total,
            refund_amount=r.refund_amount,
        )
    return view


def _assignment(a: UnitAssignment, vis: Visibility) -> AssignmentView:
    view = AssignmentView(
        id=a.id,
        arrival=a.arrival,
        departure=a.departure,
        unit_id=a.unit_id,
        unit_type_id=a.unit_type_id,
        property_id=a.property_id,
        rate_id=a.rate_id,
        rate_plan_id=a.rate_plan_id,
        occupancy_count=a.occupancy_count,
    )
    if vis.financial:
        view.rental_revenue, view.rental_tax, view.rental_fee = (
            a.rental_revenue,
            a.rental_tax,
            a.rental_fee,
        )
    return view


def _person(p: ReservationGuest, vis: Visibility) -> PersonView:
    view = PersonView(id=p.id, is_primary=p.is_primary, unit_assignment_id=p.unit_assignment_id)
    if vis.personal:
        view.first_name, view.last_name = p.first_name, p.last_name
        view.email, view.phone, view.mobile = p.email, p.phone, p.mobile
    return view


def _guest_as_primary(view: ReservationView, r: Reservation, guest: Guest | None) -> None:
    """A marketplace booking's primary person is its guest. create.py records a person with
    the full name and email the guest had when booking; what it did not record comes from
    the guest's account (`guest`, given when personal fields are visible). A booking with
    no person row at all gets the guest as its primary person under a stable id derived
    from the reservation's: never the user's id, which is no business of an integration."""
    primary = next((p for p in view.people if p.is_primary), None)
    if primary is None:
        primary = PersonView(
            id=uuid.uuid5(r.id, "guest"),
            is_primary=True,
            unit_assignment_id=view.assignments[0].id if view.assignments else None,
        )
        view.people.insert(0, primary)
    if guest is None:
        return
    if primary.first_name is None and primary.last_name is None:
        primary.first_name = guest.fullname or None
    if primary.email is None:
        primary.email = guest.email
    if primary.mobile is None:
        primary.mobile = guest.mobile
