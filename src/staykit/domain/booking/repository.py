"""Reading reservations and who may see or manage them: the actor's relation to a
reservation (admin, host, guest or none), the SQL twin of that rule for lists, whether the
actor manages its business, and the unit assignments of reservations. A stranger gets a
404, never a hint the id exists."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.auth import policy
from staykit.domain.auth.models import User
from staykit.domain.booking.errors import ReservationNotFound
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.catalog.models import UnitType
from staykit.domain.tenancy import service as tenancy


def _not_found(reservation_id: uuid.UUID) -> ReservationNotFound:
    return ReservationNotFound(reservation_id)


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
    """SQL twin of `relation`: the reservations the actor may see.

    Each arm of the OR is an index condition (ix_reservations_guest_id, _host_id,
    _business_id; the member arm is tenancy's `readable_arm`), so PostgreSQL reads a
    guest's or a host's rows with a BitmapOr of the three indexes, not the whole table."""
    if actor.is_admin:
        return Reservation.is_active
    return Reservation.is_active & (
        (Reservation.guest_id == actor.user_id)
        | (Reservation.host_id == actor.user_id)
        | tenancy.readable_arm(Reservation.business_id, actor)
    )


def hosted_condition(actor: Principal) -> Any:
    """The host side of `visible_condition`: reservations of the actor's listings or of the
    businesses they belong to (not the ones they made as a guest; admins included)."""
    return Reservation.is_active & (
        (Reservation.host_id == actor.user_id)
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


async def may_manage(session: AsyncSession, actor: Principal, reservation: Reservation) -> bool:
    return (
        actor.is_admin
        or actor.user_id == reservation.host_id
        or await tenancy.can_manage(session, actor, reservation.business_id)
    )


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


@dataclass(frozen=True, slots=True)
class HostedStay:
    """A reservation on the host's side with what a host list shows next to it."""

    reservation: Reservation
    listing_title: str
    guest_name: str | None


async def hosted_stays(
    session: AsyncSession,
    actor: Principal,
    *,
    statuses: Iterable[str],
    ending_after: date | None = None,
    limit: int = 200,
) -> list[HostedStay]:
    """The host side's reservations (`hosted_condition`) in these statuses, by arrival;
    with `ending_after`, only those departing after that date."""
    stmt = (
        select(Reservation, UnitType.title, User.fullname)
        .join(UnitType, UnitType.id == Reservation.unit_type_id)
        .outerjoin(User, User.id == Reservation.guest_id)
        .where(hosted_condition(actor), Reservation.status.in_(list(statuses)))
        .order_by(Reservation.arrival, Reservation.id)
        .limit(limit)
    )
    if ending_after is not None:
        stmt = stmt.where(Reservation.departure > ending_after)
    return [HostedStay(r, title, name) for r, title, name in (await session.execute(stmt)).all()]
