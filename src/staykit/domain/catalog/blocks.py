"""Availability blocks (owner stays, maintenance, imported calendar events) and the
occupancy invariant they share with reservations: no unit is taken twice on a night.

The application looks for an overlapping active occupancy first, to answer with the exact
nights that are taken; the exclusion constraint `ex_occupancies_no_overlap` catches what
that check cannot see (a concurrent request, an import, a bug) and is translated into the
same NightsUnavailable by `occupancy_guard`, which the booking engine reuses.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import Forbidden, InvalidInput
from staykit.core.ids import uuid7
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.catalog.availability import lock_unit_types
from staykit.domain.catalog.calendar_events import CalendarChanges
from staykit.domain.catalog.dates import check_range, check_stay_dates, property_today, write_window
from staykit.domain.catalog.errors import BlockNotFound, NightsUnavailable, UnitNotFound
from staykit.domain.catalog.models import (
    BLOCK_KINDS,
    AvailabilityBlock,
    Occupancy,
    Property,
    Unit,
    UnitType,
)
from staykit.domain.tenancy import service as tenancy

OVERLAP_CONSTRAINT = "ex_occupancies_no_overlap"
EXCLUSION_VIOLATION = "23P01"
MAX_TEXT = 500


async def taken_nights(
    session: AsyncSession,
    unit_id: uuid.UUID,
    arrival: date,
    departure: date,
) -> list[date]:
    """The nights of [arrival, departure) on which the unit already has an active occupancy."""
    stmt = select(Occupancy.arrival, Occupancy.departure).where(
        Occupancy.unit_id == unit_id,
        Occupancy.active,
        Occupancy.arrival < departure,
        Occupancy.departure > arrival,
    )
    nights: set[date] = set()
    for start, end in (await session.execute(stmt)).all():
        night = max(start, arrival)
        while night < min(end, departure):
            nights.add(night)
            night += timedelta(days=1)
    return sorted(nights)


def is_overlap_violation(exc: IntegrityError) -> bool:
    """True when the database refused a row because it overlaps an active occupancy."""
    orig = exc.orig
    diag = getattr(orig, "diag", None)
    return (
        getattr(orig, "sqlstate", None) == EXCLUSION_VIOLATION
        and getattr(diag, "constraint_name", None) == OVERLAP_CONSTRAINT
    )


@asynccontextmanager
async def occupancy_guard(
    session: AsyncSession,
    unit_id: uuid.UUID,
    arrival: date,
    departure: date,
    *,
    field: str = "arrival",
) -> AsyncIterator[None]:
    """Add the occupancy rows inside the block; they are flushed in a savepoint. When a
    concurrent transaction took the nights after the application's check, the exclusion
    constraint refuses the row and the caller gets the same Conflict as from the check,
    with the transaction still usable."""
    try:
        async with session.begin_nested():
            yield
            await session.flush()
    except IntegrityError as exc:
        if not is_overlap_violation(exc):
            raise
        # Under READ COMMITTED this statement sees the winner's committed row. Should it
        # not (another isolation level), every asked night is reported rather than none.
        nights = await taken_nights(session, unit_id, arrival, departure)
        raise NightsUnavailable(nights or _nights(arrival, departure), field=field) from None


def _nights(arrival: date, departure: date) -> list[date]:
    return [arrival + timedelta(days=i) for i in range((departure - arrival).days)]


async def _managed_unit(session: AsyncSession, actor: Principal, unit_id: uuid.UUID) -> Unit:
    unit = await session.get(Unit, unit_id)
    unit_type = None if unit is None else await session.get(UnitType, unit.unit_type_id)
    # A deleted listing's units stay in the table, but nobody may close them any more.
    if unit is None or not unit.is_active or unit_type is None or not unit_type.is_active:
        raise UnitNotFound(unit_id)
    if not await tenancy.can_manage(session, actor, unit.business_id):
        raise Forbidden(
            "Only the business's owners and managers, or an admin, may block this unit.",
            code="notYourUnit",
        )
    return unit


async def create_block(
    session: AsyncSession,
    actor: Principal | None,
    unit_id: uuid.UUID,
    arrival: date,
    departure: date,
    kind: str,
    note: str | None = None,
    external_uid: str | None = None,
) -> AvailabilityBlock:
    """Close the unit for [arrival, departure): the block and its occupancy row together."""
    me = policy.require_login(actor)
    unit = await _managed_unit(session, me, unit_id)
    check_stay_dates(arrival, departure)
    prop = await session.get(Property, unit.property_id)
    assert prop is not None  # a foreign key
    check_range(write_window(property_today(prop.time_zone)), arrival, departure)
    if kind not in BLOCK_KINDS:
        raise InvalidInput(
            f"kind must be one of {', '.join(BLOCK_KINDS)}.", code="kindIsInvalid", field="kind"
        )
    check_text("note", note, MAX_TEXT)
    check_text("externalUid", external_uid, MAX_TEXT)
    await lock_unit_types(session, [unit.unit_type_id])
    taken = await taken_nights(session, unit.id, arrival, departure)
    if taken:
        raise NightsUnavailable(taken)
    block = AvailabilityBlock(
        # The id is set here, not at flush, so the occupancy row can refer to it.
        id=uuid7(),
        business_id=unit.business_id,
        unit_id=unit.id,
        unit_type_id=unit.unit_type_id,
        arrival=arrival,
        departure=departure,
        kind=kind,
        note=note,
        external_uid=external_uid,
    )
    block.owner_id = me.user_id
    async with occupancy_guard(session, unit.id, block.arrival, block.departure):
        session.add(block)
        session.add(
            Occupancy(
                business_id=unit.business_id,
                unit_id=unit.id,
                unit_type_id=unit.unit_type_id,
                arrival=block.arrival,
                departure=block.departure,
                kind="block",
                ref=block.id,
            )
        )
    await _record(session, me, block, unit.property_id)
    return block


async def _record(
    session: AsyncSession,
    actor: Principal | None,
    block: AvailabilityBlock,
    property_id: uuid.UUID | None = None,
) -> None:
    """`availability.updated` for the block's nights (calendar_events)."""
    changed = CalendarChanges()
    changed.add_range(
        block.unit_type_id,
        {"blocks"},
        block.arrival,
        block.departure - timedelta(days=1),
        business_id=block.business_id,
        property_id=property_id,
    )
    await changed.record(session, actor)


async def delete_block(
    session: AsyncSession, actor: Principal | None, block_id: uuid.UUID
) -> AvailabilityBlock:
    """Soft-delete the block and free its nights (its occupancy row goes inactive)."""
    me = policy.require_login(actor)
    block = await session.scalar(select(AvailabilityBlock).where(AvailabilityBlock.id == block_id))
    if block is None or not block.is_active:
        raise BlockNotFound(block_id)
    if not await tenancy.can_manage(session, me, block.business_id):
        raise Forbidden(
            "Only the business's owners and managers, or an admin, may remove this block.",
            code="notYourUnit",
        )
    await lock_unit_types(session, [block.unit_type_id])
    # Under the lock, read the block again: a concurrent delete may have won meanwhile.
    await session.refresh(block, with_for_update=True)
    if not block.is_active:
        raise BlockNotFound(block_id)
    block.is_active = False
    block.updated_at = utcnow()
    await session.execute(
        update(Occupancy)
        .where(Occupancy.kind == "block", Occupancy.ref == block.id, Occupancy.active)
        .values(active=False)
    )
    await session.flush()
    await _record(session, me, block)
    return block
