"""Who sees a dispute and who takes part in one, in one place.

A dispute is seen by admins and by whoever may see its reservation as its guest or host
(the listing's host and the members of its business), and by whoever raised it; anyone
else gets a 404, never a hint the id exists. It is opened by the reservation's guest or
host only, and decided by admins (the assigned admin, or any admin: the spec's "admin or
assigned party", where an assigned party is always an admin)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.booking import repository as reservations
from staykit.domain.booking.models import Reservation
from staykit.domain.disputes.errors import DisputeNotFound
from staykit.domain.disputes.models import Dispute
from staykit.domain.tenancy import service as tenancy


async def party_of(session: AsyncSession, actor: Principal, reservation: Reservation) -> str | None:
    """Whether the actor is the reservation's 'guest' or 'host' (its listing's host or a
    member of its business), or neither (None), whatever their role."""
    if reservation.guest_id is not None and reservation.guest_id == actor.user_id:
        return "guest"
    if actor.user_id == reservation.host_id:
        return "host"
    if await tenancy.role_in(session, actor, reservation.business_id) is not None:
        return "host"
    return None


def readable_condition(actor: Principal) -> Any:
    """SQL: the disputes the actor may see (admins: all)."""
    if actor.is_admin:
        return Dispute.is_active
    stays = select(Reservation.id).where(reservations.visible_condition(actor))
    return Dispute.is_active & (
        Dispute.reservation_id.in_(stays) | (Dispute.raised_by == actor.user_id)
    )


async def readable_dispute(
    session: AsyncSession, actor: Principal, dispute_id: uuid.UUID, *, lock: bool = False
) -> Dispute:
    """The dispute if the actor may see it (locked FOR UPDATE when `lock`); else 404."""
    stmt = select(Dispute).where(Dispute.id == dispute_id, readable_condition(actor))
    if lock:
        stmt = stmt.with_for_update(of=Dispute).execution_options(populate_existing=True)
    dispute = await session.scalar(stmt)
    if dispute is None:
        raise DisputeNotFound(dispute_id)
    return dispute
