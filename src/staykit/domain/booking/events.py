"""Domain events: written in the business transaction, acted on by jobs deferred in the
same transaction, so an event is never lost and never sent for a rolled-back change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.db import raw_connection
from staykit.domain.booking.models import DomainEvent, Reservation, UnitAssignment

RESERVATION_EVENTS = (
    "reservation.created",
    "reservation.confirmed",
    "reservation.modified",
    "reservation.cancelled",
    "reservation.declined",
    "reservation.expired",
    "reservation.completed",
)


def snapshot(reservation: Reservation, assignments: list[UnitAssignment]) -> dict[str, Any]:
    """What the reservation looked like right after the change (JSON-safe)."""
    r = reservation
    return {
        "id": str(r.id),
        "businessId": str(r.business_id),
        "propertyId": str(r.property_id),
        "unitTypeId": str(r.unit_type_id),
        "hostId": str(r.host_id),
        "guestId": None if r.guest_id is None else str(r.guest_id),
        "status": r.status,
        "approvalType": r.approval_type,
        "arrival": r.arrival.isoformat(),
        "departure": r.departure.isoformat(),
        "adults": r.adults,
        "children": r.children,
        "currency": r.currency,
        "total": str(money.quantize(r.total, r.currency)),
        "refundAmount": (
            None if r.refund_amount is None else str(money.quantize(r.refund_amount, r.currency))
        ),
        "source": r.source,
        "masterId": None if r.master_id is None else str(r.master_id),
        "version": r.record_version,
        "unitAssignments": [
            {
                "id": str(a.id),
                "unitId": str(a.unit_id),
                "arrival": a.arrival.isoformat(),
                "departure": a.departure.isoformat(),
            }
            for a in assignments
            if a.is_active
        ],
    }


async def record(
    session: AsyncSession,
    event_type: str,
    reservation: Reservation,
    assignments: list[UnitAssignment],
    *,
    actor_id: uuid.UUID | None,
) -> DomainEvent:
    """Write the event and defer the job that acts on it, both in the caller's transaction."""
    # Imported here: tasks imports the service, which imports this module.
    from staykit.domain.booking.tasks import reservation_event

    await session.flush()  # the reservation's version and updated_at as committed
    event = DomainEvent(
        business_id=reservation.business_id,
        aggregate_type="reservation",
        aggregate_id=reservation.id,
        type=event_type,
        actor_id=actor_id,
        payload=snapshot(reservation, assignments),
    )
    session.add(event)
    await session.flush()
    conn = await raw_connection(session)
    await reservation_event.configure(connection=conn).defer_async(event_id=str(event.id))
    return event
