"""Reservations as the Channel API (Beds24 API V2 "bookings") reads them: the selection its
filters make, its default (bookings not yet departed), integer ids, groups, info and invoice
items, and a keyset page for the modified-since poll.

A booking is one Reservation: its integer id, its property and unit type (the "room"), the
unit of its first assignment in that unit type, `room_qty` = how many units it holds, and
every assignment in `units` (a reservation may hold units of several types, which Beds24
models as a group of bookings; staykit keeps one reservation and says so). `master_id`
groups reservations as Beds24's masterId does.

Loading: the page's reservations in one statement, then views.assemble (assignments;
people only when personal fields are visible), then one statement for every integer id the
page names, and one each for the info items, invoice items and groups when asked: a fixed
number of queries whatever the page holds.

Ordering and paging: with `modified_from` the selection is the change feed's order
(updated_at, id) over ix_reservations_business_feed, cut at feed.horizon so a page never
skips a change committed late; otherwise by booking id. Either way a page ends with a
cursor (`Cursor.encode`) that starts the next page where this one ended, so a deep page
costs what the first does; a page number alone (offset) still works.
"""

from __future__ import annotations

import base64
import re
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    bindparam,
    cast,
    exists,
    false,
    func,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.auth.models import User
from staykit.domain.booking import feed
from staykit.domain.booking.channel_words import (
    API_SOURCE,
    CHANNEL_OF_SOURCE,
    CHANNEL_STATUSES,
    DEFAULT_STATUSES,
    FILTER_STATUSES,
    SUB_STATUS_OF_CANCELLER,
    ChannelFilter,
    sources_for_channel,
    statuses_for,
)
from staykit.domain.booking.models import (
    InfoItem,
    InvoiceItem,
    Reservation,
    ReservationGuest,
    UnitAssignment,
)
from staykit.domain.booking.statuses import CHANNEL
from staykit.domain.booking.views import (
    AssignmentView,
    PersonView,
    ReservationView,
    Visibility,
    assemble,  # the one page loader of booking views (fixed queries per page)
    visibility,
)
from staykit.domain.catalog.models import Property, Unit, UnitType

# --- what is asked -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookingSelection:
    """GET /bookings's filters, in domain words. Dates are property-local; instants UTC.
    Ranges are inclusive at both ends."""

    filter: ChannelFilter | None = None
    ids: tuple[int, ...] = ()
    master_ids: tuple[int, ...] = ()
    property_ids: tuple[int, ...] = ()
    unit_type_ids: tuple[int, ...] = ()
    api_references: tuple[str, ...] = ()
    channel: str | None = None
    arrival: date | None = None
    arrival_from: date | None = None
    arrival_to: date | None = None
    departure: date | None = None
    departure_from: date | None = None
    departure_to: date | None = None
    made_from: datetime | None = None
    made_to: datetime | None = None
    modified_from: datetime | None = None
    modified_to: datetime | None = None
    search: str | None = None
    statuses: tuple[str, ...] = ()  # Channel words; empty: the default
    with_invoice_items: bool = False
    with_info_items: bool = False
    with_guests: bool = False
    with_group: bool = False

    @property
    def selects(self) -> bool:
        """Whether a filter picks bookings itself; if none does, the default applies:
        bookings that have not departed yet (current and future)."""
        return bool(
            self.filter
            or self.ids
            or self.master_ids
            or self.api_references
            or self.search
            or any(
                v is not None
                for v in (
                    self.arrival,
                    self.arrival_from,
                    self.arrival_to,
                    self.departure,
                    self.departure_from,
                    self.departure_to,
                    self.made_from,
                    self.made_to,
                    self.modified_from,
                    self.modified_to,
                )
            )
        )

    @property
    def by_change(self) -> bool:
        return self.modified_from is not None


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the next page starts: after a change (updated_at, id) in the modified-since
    order, or after a booking id in the id order."""

    after_change: feed.Cursor | None = None
    after_int_id: int | None = None

    def encode(self) -> str:
        if self.after_change is not None:
            return "m" + self.after_change.encode()
        raw = f"{self.after_int_id}".encode()
        return "i" + base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, *, by_change: bool, field: str = "after") -> Cursor:
        bad = InvalidInput(
            f"{field} is not a cursor of this selection: follow nextPageLink as given.",
            code=f"{field}IsInvalid",
            field=field,
        )
        kind, rest = value[:1], value[1:]
        if kind == "m" and by_change:
            return cls(after_change=feed.Cursor.decode(rest, field=field))
        if kind == "i" and not by_change:
            try:
                text = base64.urlsafe_b64decode((rest + "=" * (-len(rest) % 4)).encode())
                return cls(after_int_id=int(text.decode()))
            except (ValueError, UnicodeDecodeError):
                raise bad from None
        raise bad


# --- what is answered ----------------------------------------------------------------------


@dataclass(slots=True)
class UnitHeld:
    property_id: int
    unit_type_id: int
    unit_id: int
    arrival: date
    departure: date


@dataclass(slots=True)
class BookingPerson:
    first_name: str | None
    last_name: str | None
    email: str | None
    phone: str | None
    mobile: str | None


@dataclass(slots=True)
class BookingInvoiceItem:
    id: int
    booking_id: int
    kind: str  # charge, payment, refund
    description: str
    qty: Decimal
    amount: Decimal
    vat_rate: Decimal
    created_at: datetime

    @property
    def line_total(self) -> Decimal:
        return self.qty * self.amount


@dataclass(slots=True)
class BookingInfoItem:
    id: int
    booking_id: int
    code: str
    text: str
    created_at: datetime


@dataclass(slots=True)
class BookingGroup:
    master: int
    ids: list[int]


@dataclass(slots=True)
class Booking:
    id: int
    property_id: int
    unit_type_id: int
    unit_id: int | None
    room_qty: int
    status: str  # the Channel API's word
    sub_status: str
    arrival: date
    departure: date
    adults: int
    children: int
    master_id: int | None
    source: str
    api_source_id: int | None
    api_reference: str | None
    made_at: datetime
    updated_at: datetime
    cancelled_at: datetime | None
    visibility: Visibility
    units: list[UnitHeld] = field(default_factory=list)
    # personal (None when hidden)
    primary: BookingPerson | None = None
    notes: str | None = None
    people: list[BookingPerson] | None = None  # asked for (with_guests) and visible
    # financial (None when hidden)
    price: Decimal | None = None
    tax: Decimal | None = None
    invoice_items: list[BookingInvoiceItem] | None = None  # asked for and visible
    info_items: list[BookingInfoItem] | None = None  # asked for
    group: BookingGroup | None = None  # asked for (None: not in a group)

    @property
    def channel(self) -> str:
        return CHANNEL_OF_SOURCE.get(self.source, "direct")

    @property
    def api_source(self) -> str:
        return API_SOURCE.get(self.source, self.source)


@dataclass(slots=True)
class BookingPage:
    items: list[Booking]
    more: bool  # another page follows
    next: Cursor | None  # where it starts (None: no next page)


# --- reads ---------------------------------------------------------------------------------


async def bookings(
    session: AsyncSession,
    principal: Principal,
    business_ids: Collection[uuid.UUID],
    selection: BookingSelection,
    *,
    page: int,
    after: Cursor | None,
    size: int,
) -> BookingPage:
    """One page of the businesses' bookings matching `selection`: after `after` when
    given, else the `page`-th (offset) of `size`."""
    if not business_ids:
        return BookingPage([], False, None)
    vis = visibility(principal)
    horizon = await feed.horizon(session) if selection.by_change else None
    Master = aliased(Reservation)
    stmt = (
        select(Reservation, Master.int_id)
        .outerjoin(Master, Master.id == Reservation.master_id)
        .where(
            Reservation.business_id.in_(list(business_ids)),
            Reservation.is_active,
            *_conditions(selection, vis, Master),
        )
    )
    if _needs_local_today(selection):
        stmt = stmt.join(Property, Property.id == Reservation.property_id)
        stmt = stmt.where(*_today_conditions(selection))
    if horizon is not None:
        stmt = stmt.where(Reservation.updated_at < horizon)
        if after is not None and after.after_change is not None:
            at = after.after_change
            stmt = stmt.where(
                tuple_(Reservation.updated_at, Reservation.id) > tuple_(at.after_at, at.after_id)
            )
        stmt = stmt.order_by(Reservation.updated_at, Reservation.id)
    else:
        if after is not None and after.after_int_id is not None:
            stmt = stmt.where(Reservation.int_id > after.after_int_id)
        stmt = stmt.order_by(Reservation.int_id)
    if after is None:
        stmt = stmt.offset((page - 1) * size)
    result = (await session.execute(stmt.limit(size + 1))).all()
    more = len(result) > size
    result = result[:size]
    rows = [r[0] for r in result]
    masters: dict[uuid.UUID, int | None] = {r[0].id: r[1] for r in result}
    items = await bookings_of(session, rows, masters, selection, vis)
    nxt: Cursor | None = None
    if more:
        last = rows[-1]
        nxt = (
            Cursor(after_change=feed.Cursor(last.updated_at, last.id))
            if selection.by_change
            else Cursor(after_int_id=last.int_id)
        )
    return BookingPage(items, more, nxt)


@dataclass(slots=True)
class BookingInvoice:
    booking_id: int
    items: list[BookingInvoiceItem]


async def invoices(
    session: AsyncSession,
    business_ids: Collection[uuid.UUID],
    booking_ids: Sequence[int],
    *,
    page: int,
    size: int,
) -> tuple[list[BookingInvoice], bool]:
    """The invoice items of the businesses' bookings (those named, or every booking that
    has any), one invoice per booking in booking id order; and whether more follow. The
    caller has checked the financial scope: this read is money only."""
    if not business_ids:
        return [], False
    has_items = exists().where(InvoiceItem.reservation_id == Reservation.id, InvoiceItem.is_active)
    stmt = select(Reservation.id, Reservation.int_id).where(
        Reservation.business_id.in_(list(business_ids)), Reservation.is_active, has_items
    )
    if booking_ids:
        stmt = stmt.where(Reservation.int_id.in_(list(booking_ids)))
    found = (
        await session.execute(
            stmt.order_by(Reservation.int_id).offset((page - 1) * size).limit(size + 1)
        )
    ).all()
    more = len(found) > size
    found = found[:size]
    int_of = {r.id: r.int_id for r in found}
    lines = await _invoice_items(session, int_of)
    return [BookingInvoice(int_of[rid], lines[rid]) for rid in int_of], more


# --- the selection -------------------------------------------------------------------------


def _conditions(sel: BookingSelection, vis: Visibility, master: Any) -> list[ColumnElement[bool]]:
    r = Reservation
    conds: list[ColumnElement[bool]] = []
    if sel.ids:
        conds.append(r.int_id.in_(sel.ids))
    if sel.master_ids:
        # The group's members, and the master itself (it names no master of its own).
        member = aliased(Reservation)
        is_master = exists().where(member.master_id == r.id, member.is_active)
        conds.append(
            or_(master.int_id.in_(sel.master_ids), r.int_id.in_(sel.master_ids) & is_master)
        )
    if sel.property_ids:
        conds.append(
            r.property_id.in_(select(Property.id).where(Property.int_id.in_(sel.property_ids)))
        )
    if sel.unit_type_ids:
        types = select(UnitType.id).where(UnitType.int_id.in_(sel.unit_type_ids))
        conds.append(
            or_(
                r.unit_type_id.in_(types),
                exists().where(
                    UnitAssignment.reservation_id == r.id,
                    UnitAssignment.is_active,
                    UnitAssignment.unit_type_id.in_(types),
                ),
            )
        )
    if sel.api_references:
        conds.append(r.external_ref.in_(sel.api_references))
    if sel.channel is not None:
        sources = sources_for_channel(sel.channel)
        conds.append(r.source.in_(sources) if sources else false())
    for column, op, value in (
        (r.arrival, "eq", sel.arrival),
        (r.arrival, "ge", sel.arrival_from),
        (r.arrival, "le", sel.arrival_to),
        (r.departure, "eq", sel.departure),
        (r.departure, "ge", sel.departure_from),
        (r.departure, "le", sel.departure_to),
        (r.made_at, "ge", sel.made_from),
        (r.made_at, "le", sel.made_to),
        (r.updated_at, "ge", sel.modified_from),
        (r.updated_at, "le", sel.modified_to),
    ):
        if value is not None:
            conds.append(
                column == value
                if op == "eq"
                else column >= value
                if op == "ge"
                else column <= value
            )
    if sel.search:
        conds.append(_search(sel.search, vis))
    wanted = sel.statuses or (FILTER_STATUSES if sel.filter else DEFAULT_STATUSES)
    if set(wanted) != set(CHANNEL_STATUSES):
        conds.append(r.status.in_(statuses_for(wanted)))
    if sel.filter == "new":
        conds.append(r.made_at >= utcnow() - timedelta(hours=24))
    return conds


def _needs_local_today(sel: BookingSelection) -> bool:
    return sel.filter in ("arrivals", "departures", "current") or not sel.selects


def _today_conditions(sel: BookingSelection) -> list[ColumnElement[bool]]:
    """Conditions on the property's own today (its time zone; the staykit clock)."""
    now = bindparam("now", utcnow(), type_=DateTime(timezone=True))
    today = cast(func.timezone(Property.time_zone, now), Date)
    r = Reservation
    if sel.filter == "arrivals":
        return [r.arrival == today]
    if sel.filter == "departures":
        return [r.departure == today]
    if sel.filter == "current":
        return [r.arrival <= today, r.departure >= today]
    return [r.departure >= today]  # the default: not departed yet


_LIKE_SPECIALS = re.compile(r"([\\%_])")


def _search(text: str, vis: Visibility) -> ColumnElement[bool]:
    """The guest's name or email, the api reference or the booking id. Names and emails
    are searched only for a caller that may see them: otherwise the search would tell
    whose booking it is without showing the fields."""
    pattern = "%" + _LIKE_SPECIALS.sub(r"\\\1", text.strip()) + "%"
    r = Reservation
    found: list[ColumnElement[bool]] = [r.external_ref.ilike(pattern)]
    if text.strip().isdigit() and len(text.strip()) < 19:
        found.append(r.int_id == int(text.strip()))
    if vis.personal:
        g = ReservationGuest
        full = func.concat_ws(" ", g.first_name, g.last_name)
        found.append(
            exists().where(
                g.reservation_id == r.id,
                g.is_active,
                or_(full.ilike(pattern), g.email.ilike(pattern)),
            )
        )
        found.append(
            exists().where(
                User.id == r.guest_id, or_(User.fullname.ilike(pattern), User.email.ilike(pattern))
            )
        )
    return or_(*found)


# --- assembling a page ---------------------------------------------------------------------


async def bookings_of(
    session: AsyncSession,
    rows: Sequence[Reservation],
    masters: dict[uuid.UUID, int | None],
    sel: BookingSelection,
    vis: Visibility,
) -> list[Booking]:
    """These reservations as bookings seen with `vis`, with what `sel` includes (its
    filters do not apply: the rows are chosen); `masters` = {row id: its master's int id}.
    GET /bookings's page and the booking webhook's body both come from here."""
    if not rows:
        return []
    # People are read only when their fields can be shown; money comes from the rows.
    views = await assemble(
        session, rows, Visibility(personal=vis.personal, financial=False), detail=vis.personal
    )
    ints = await _int_ids(session, rows, views)
    info = await _info_items(session, rows) if sel.with_info_items else None
    lines = (
        await _invoice_items(session, {r.id: r.int_id for r in rows})
        if sel.with_invoice_items and vis.financial
        else None
    )
    groups = await _groups(session, rows) if sel.with_group else None
    found = []
    for row, view in zip(rows, views, strict=True):
        booking = _booking(row, view, masters.get(row.id), ints, vis, sel)
        if info is not None:
            booking.info_items = info[row.id]
        if lines is not None:
            booking.invoice_items = lines[row.id]
        if groups is not None:
            booking.group = groups.get(row.master_id or row.id)
        found.append(booking)
    return found


def _booking(
    row: Reservation,
    view: ReservationView,
    master_int_id: int | None,
    ints: dict[uuid.UUID, int],
    vis: Visibility,
    sel: BookingSelection,
) -> Booking:
    held = view.assignments
    own = [a for a in held if a.unit_type_id == row.unit_type_id] or held
    booking = Booking(
        id=row.int_id,
        property_id=ints[row.property_id],
        unit_type_id=ints[row.unit_type_id],
        unit_id=ints[own[0].unit_id] if own else None,
        room_qty=max(1, len(held)),
        status=CHANNEL[row.status],
        sub_status=SUB_STATUS_OF_CANCELLER.get(row.cancelled_by or "", "none")
        if CHANNEL[row.status] == "cancelled"
        else "none",
        arrival=row.arrival,
        departure=row.departure,
        adults=row.adults,
        children=row.children,
        master_id=master_int_id,
        source=row.source,
        api_source_id=row.api_source_id,
        api_reference=row.external_ref,
        made_at=row.made_at,
        updated_at=row.updated_at,
        cancelled_at=row.cancelled_at,
        visibility=vis,
        units=[_unit(a, ints) for a in held],
    )
    if vis.personal:
        primary = next((p for p in view.people if p.is_primary), None)
        booking.primary = _person(primary) if primary else None
        booking.notes = row.notes
        if sel.with_guests:
            booking.people = [_person(p) for p in view.people]
    if vis.financial:
        booking.price, booking.tax = row.total, row.city_tax
    return booking


def _unit(a: AssignmentView, ints: dict[uuid.UUID, int]) -> UnitHeld:
    return UnitHeld(
        ints[a.property_id], ints[a.unit_type_id], ints[a.unit_id], a.arrival, a.departure
    )


def _person(p: PersonView) -> BookingPerson:
    return BookingPerson(p.first_name, p.last_name, p.email, p.phone, p.mobile)


async def _int_ids(
    session: AsyncSession, rows: Sequence[Reservation], views: Sequence[ReservationView]
) -> dict[uuid.UUID, int]:
    """{uuid: int_id} of every property, unit type and unit the page names."""
    named = {r.property_id for r in rows} | {r.unit_type_id for r in rows}
    for v in views:
        for a in v.assignments:
            named |= {a.property_id, a.unit_type_id, a.unit_id}
    return await int_ids_of(session, named)


async def int_ids_of(session: AsyncSession, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """{uuid: int_id} of these properties, unit types, units and reservations, in one query
    (UUIDs do not repeat across tables)."""
    wanted = list(ids)
    if not wanted:
        return {}
    parts = [
        select(model.id, model.int_id).where(model.id.in_(wanted))
        for model in (Property, UnitType, Unit, Reservation)
    ]
    return {row[0]: row[1] for row in await session.execute(union_all(*parts))}


async def _info_items(
    session: AsyncSession, rows: Sequence[Reservation]
) -> dict[uuid.UUID, list[BookingInfoItem]]:
    found: dict[uuid.UUID, list[BookingInfoItem]] = {r.id: [] for r in rows}
    int_of = {r.id: r.int_id for r in rows}
    for item in await session.scalars(
        select(InfoItem)
        .where(InfoItem.reservation_id.in_(list(found)), InfoItem.is_active)
        .order_by(InfoItem.created_at, InfoItem.id)
    ):
        found[item.reservation_id].append(
            BookingInfoItem(
                item.int_id, int_of[item.reservation_id], item.code, item.text, item.created_at
            )
        )
    return found


async def _invoice_items(
    session: AsyncSession, int_of: dict[uuid.UUID, int]
) -> dict[uuid.UUID, list[BookingInvoiceItem]]:
    found: dict[uuid.UUID, list[BookingInvoiceItem]] = {rid: [] for rid in int_of}
    if not found:
        return found
    for item in await session.scalars(
        select(InvoiceItem)
        .where(InvoiceItem.reservation_id.in_(list(found)), InvoiceItem.is_active)
        .order_by(InvoiceItem.created_at, InvoiceItem.id)
    ):
        found[item.reservation_id].append(
            BookingInvoiceItem(
                id=item.int_id,
                booking_id=int_of[item.reservation_id],
                kind=item.kind,
                description=item.description,
                qty=item.qty,
                amount=item.amount,
                vat_rate=item.vat_rate,
                created_at=item.created_at,
            )
        )
    return found


async def _groups(
    session: AsyncSession, rows: Sequence[Reservation]
) -> dict[uuid.UUID, BookingGroup]:
    """{master's uuid: its group (the master's int id and every member's, master first)}
    for each group a page row belongs to, as master or member; in one query."""
    masters = {r.master_id for r in rows if r.master_id is not None}
    candidates = masters | {r.id for r in rows}
    members = (
        await session.execute(
            select(Reservation.id, Reservation.int_id, Reservation.master_id)
            .where(
                Reservation.is_active,
                Reservation.business_id.in_({r.business_id for r in rows}),
                or_(Reservation.master_id.in_(candidates), Reservation.id.in_(masters)),
            )
            .order_by(Reservation.int_id)
        )
    ).all()
    int_of = {m.id: m.int_id for m in members} | {r.id: r.int_id for r in rows}
    groups: dict[uuid.UUID, BookingGroup] = {}
    for m in members:
        if m.master_id is None or m.master_id not in int_of:
            continue
        group = groups.setdefault(
            m.master_id, BookingGroup(int_of[m.master_id], [int_of[m.master_id]])
        )
        group.ids.append(m.int_id)
    return groups
