"""What the Channel API's booking writes (POST and DELETE /bookings) take and answer, in
domain words: one BookingWrite per item in, one Outcome per item out (channel_writes.py
applies them), and the integer ids a request names, resolved for all its items at once."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import DomainError
from staykit.domain.booking.models import InfoItem, InvoiceItem, Reservation
from staykit.domain.catalog.models import Unit, UnitType

Action = Literal["create", "modify", "delete"]


# --- what callers hand in ------------------------------------------------------------------


@dataclass
class SubItemWrite:
    """An invoice or info item of a booking: no id adds, an id with fields changes, an id
    alone deletes. `values` in domain words (kind, description, qty, amount, vat_rate;
    code, text), only those the client sent."""

    id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class BookingWrite:
    """One item, in domain words. Only what the client sent is set; `provided` names the
    fields sent (so that `master_id=None` can mean "leave the group")."""

    id: int | None = None
    room_id: int | None = None
    unit_id: int | None = None
    status: str | None = None  # the Channel API's word
    arrival: date | None = None
    departure: date | None = None
    adults: int | None = None
    children: int | None = None
    guest: dict[str, str | None] = field(default_factory=dict)  # GUEST_FIELDS sent
    notes: str | None = None
    api_reference: str | None = None
    master_id: int | None = None
    claimed_price: Decimal | None = None
    make_group: bool = False
    check_availability: bool = False
    invoice_items: list[SubItemWrite] = field(default_factory=list)
    info_items: list[SubItemWrite] = field(default_factory=list)
    provided: frozenset[str] = frozenset()

    def sub_item_ids(self) -> bool:
        return any(s.id is not None for s in (*self.invoice_items, *self.info_items))


# --- what they get back --------------------------------------------------------------------


@dataclass
class Issue:
    action: Action
    field: str | None  # domain words
    message: str


@dataclass
class BookingSummary:
    id: int
    property_id: int
    room_id: int
    unit_id: int | None
    status: str  # the Channel API's word
    arrival: date
    departure: date
    adults: int
    children: int
    master_id: int | None
    price: Decimal
    currency: str


@dataclass
class SubItemResult:
    kind: Literal["invoice", "info"]
    action: Literal["new", "modified", "deleted"]
    id: int


@dataclass
class Outcome:
    """One item's answer: the booking after the item (None when it failed or was not
    found), which fields changed (modify), sub-items written, and the issues."""

    action: Action
    booking: BookingSummary | None = None
    changed: list[str] = field(default_factory=list)
    sub_items: list[SubItemResult] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    info: list[Issue] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return not self.errors


# --- ids of the request ----------------------------------------------------------------------


@dataclass
class RequestIds:
    """The integer ids an item names, resolved within the caller's businesses."""

    rooms: dict[int, UnitType]
    units: dict[int, tuple[uuid.UUID, uuid.UUID]]  # int -> (unit, its unit type)
    bookings: dict[int, tuple[uuid.UUID, uuid.UUID]]  # int -> (reservation, its unit type)
    invoice_items: dict[int, tuple[uuid.UUID, uuid.UUID, str | None]]  # -> (item, resv, code)
    info_items: dict[int, tuple[uuid.UUID, uuid.UUID]]  # -> (item, reservation)


def _ints(values: Iterable[int | None]) -> list[int]:
    return sorted({v for v in values if v is not None and 0 < v < 2**63})


async def resolve_ids(
    session: AsyncSession, business_ids: frozenset[uuid.UUID], writes: Sequence[BookingWrite]
) -> RequestIds:
    """Every integer id the request names, within the caller's businesses: five queries at
    most, whatever the number of items."""
    biz = list(business_ids)
    rooms: dict[int, UnitType] = {}
    wanted = _ints(w.room_id for w in writes)
    if wanted and biz:
        for ut in await session.scalars(
            select(UnitType).where(
                UnitType.int_id.in_(wanted), UnitType.business_id.in_(biz), UnitType.is_active
            )
        ):
            rooms[ut.int_id] = ut
    units: dict[int, tuple[uuid.UUID, uuid.UUID]] = {}
    wanted = _ints(w.unit_id for w in writes)
    if wanted and biz:
        for row in await session.execute(
            select(Unit.int_id, Unit.id, Unit.unit_type_id).where(
                Unit.int_id.in_(wanted), Unit.business_id.in_(biz), Unit.is_active
            )
        ):
            units[row.int_id] = (row.id, row.unit_type_id)
    bookings: dict[int, tuple[uuid.UUID, uuid.UUID]] = {}
    wanted = _ints([*(w.id for w in writes), *(w.master_id for w in writes)])
    if wanted and biz:
        for row in await session.execute(
            select(Reservation.int_id, Reservation.id, Reservation.unit_type_id).where(
                Reservation.int_id.in_(wanted),
                Reservation.business_id.in_(biz),
                Reservation.is_active,
            )
        ):
            bookings[row.int_id] = (row.id, row.unit_type_id)
    invoice: dict[int, tuple[uuid.UUID, uuid.UUID, str | None]] = {}
    wanted = _ints(s.id for w in writes for s in w.invoice_items)
    if wanted and biz:
        for line in await session.execute(
            select(
                InvoiceItem.int_id, InvoiceItem.id, InvoiceItem.reservation_id, InvoiceItem.code
            ).where(
                InvoiceItem.int_id.in_(wanted),
                InvoiceItem.business_id.in_(biz),
                InvoiceItem.is_active,
            )
        ):
            invoice[line.int_id] = (line.id, line.reservation_id, line.code)
    info: dict[int, tuple[uuid.UUID, uuid.UUID]] = {}
    wanted = _ints(s.id for w in writes for s in w.info_items)
    if wanted and biz:
        for row in await session.execute(
            select(InfoItem.int_id, InfoItem.id, InfoItem.reservation_id).where(
                InfoItem.int_id.in_(wanted), InfoItem.business_id.in_(biz), InfoItem.is_active
            )
        ):
            info[row.int_id] = (row.id, row.reservation_id)
    return RequestIds(rooms, units, bookings, invoice, info)


# --- refusals ---------------------------------------------------------------------------------


def issue_of(action: Action, exc: Exception) -> Issue:
    if isinstance(exc, DomainError):
        return Issue(action, exc.field, exc.message)
    if isinstance(exc, IntegrityError):
        return Issue(action, None, "The change conflicts with another booking or item.")
    return Issue(action, None, "The database refused the change (a concurrent write); retry.")


# What an item catches: the domain's refusals and the database's (a unique reference taken
# by a concurrent request, a deadlock), which roll back its savepoint only.
CAUGHT = (DomainError, DBAPIError)
