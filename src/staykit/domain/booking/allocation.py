"""Units for a stay and their occupancy rows: allocation (one free unit for the whole stay
when there is one, else the fewest pieces), writing the assignments with their share of
the price inside the occupancy guard, and releasing their nights."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.errors import Conflict, InvalidInput
from staykit.core.ids import uuid7
from staykit.domain.booking.models import HOLDING, Reservation, UnitAssignment
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.blocks import occupancy_guard
from staykit.domain.catalog.errors import NightsUnavailable
from staykit.domain.catalog.models import Occupancy
from staykit.domain.catalog.quote import Quote

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
    return choose_pieces(busy, arrival, departure, only_unit=only_unit, prefer=prefer)


def choose_pieces(
    busy: Mapping[uuid.UUID, AbstractSet[date]],
    arrival: date,
    departure: date,
    *,
    only_unit: uuid.UUID | None = None,
    prefer: Sequence[uuid.UUID] = (),
) -> list[tuple[uuid.UUID, date, date]]:
    """allocate's choice, from the taken nights of every active unit of the type (`busy`,
    in unit id order; nights outside the stay are ignored): the caller that plans many
    stays in memory (bulk.py) chooses exactly as one booking would."""
    stay = [arrival + timedelta(days=i) for i in range((departure - arrival).days)]
    if only_unit is not None:
        if only_unit not in busy:
            raise InvalidInput(
                f"Unit {only_unit} is not an active unit of this unit type.",
                code="unitIdIsInvalid",
                field="unit_id",
            )
        taken = sorted(n for n in stay if n in busy[only_unit])
        if taken:
            raise NightsUnavailable(taken)
        return [(only_unit, arrival, departure)]
    order = [u for u in prefer if u in busy] + [u for u in busy if u not in prefer]
    for unit_id in order:
        if busy[unit_id].isdisjoint(stay):
            return [(unit_id, arrival, departure)]
    no_unit = [n for n in stay if all(n in busy[u] for u in order)]
    if no_unit or not order:
        raise NightsUnavailable(no_unit or stay)
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


async def first_unit(session: AsyncSession, unit_type_id: uuid.UUID) -> uuid.UUID:
    unit_id = await session.scalar(
        text("SELECT id FROM units WHERE unit_type_id = :t AND is_active ORDER BY id LIMIT 1"),
        {"t": unit_type_id},
    )
    if unit_id is None:
        raise Conflict("This listing has no unit to book.", code="noUnits", field="listing_id")
    return unit_id


async def write_assignments(
    session: AsyncSession,
    reservation: Reservation,
    quote: Quote,
    pieces: list[tuple[uuid.UUID, date, date]],
    occupancy_count: int,
) -> list[UnitAssignment]:
    """The unit assignments of the pieces, each with its occupancy row (while the status
    holds nights), flushed inside the occupancy guard's savepoint."""
    rows = assignment_rows(reservation, quote, pieces, occupancy_count)
    lead_unit = pieces[0][0]
    async with occupancy_guard(session, lead_unit, reservation.arrival, reservation.departure):
        for assignment, occupancy in rows:
            session.add(assignment)
            if occupancy is not None:
                session.add(occupancy)
    return [assignment for assignment, _ in rows]


def assignment_rows(
    reservation: Reservation,
    quote: Quote,
    pieces: list[tuple[uuid.UUID, date, date]],
    occupancy_count: int,
) -> list[tuple[UnitAssignment, Occupancy | None]]:
    """The unit assignment of each piece, with its share of the price, and the occupancy
    row it owns while the reservation's status holds nights (None otherwise)."""
    assert quote.rate_plan_id is not None  # every rate has its plan
    amounts = _assignment_amounts(quote, pieces)
    rows: list[tuple[UnitAssignment, Occupancy | None]] = []
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
        occupancy = (
            Occupancy(
                business_id=reservation.business_id,
                unit_id=unit_id,
                unit_type_id=reservation.unit_type_id,
                arrival=a,
                departure=d,
                kind="reservation",
                ref=assignment.id,
            )
            if reservation.status in HOLDING
            else None
        )
        rows.append((assignment, occupancy))
    return rows


async def release_assignments(session: AsyncSession, assignments: list[UnitAssignment]) -> None:
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
