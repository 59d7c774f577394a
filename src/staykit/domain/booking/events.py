"""Domain events: written in the business transaction, acted on by jobs deferred in the
same transaction, so an event is never lost and never sent for a rolled-back change."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.core.db import raw_connection
from staykit.core.ids import uuid7
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
    event_type: str | Sequence[str],
    reservation: Reservation,
    assignments: list[UnitAssignment],
    *,
    actor_id: uuid.UUID | None,
) -> list[DomainEvent]:
    """Write the event (or several, in order, sharing one snapshot: an instant booking is
    created and confirmed at once) and defer the job acting on each, all in the caller's
    transaction: two flushes and one job whatever the number of events."""
    # Imported here: tasks imports the service, which imports this module.
    from staykit.domain.booking.tasks import reservation_event

    await session.flush()  # the reservation's version and updated_at as committed
    payload = snapshot(reservation, assignments)
    types = [event_type] if isinstance(event_type, str) else list(event_type)
    written = [
        DomainEvent(
            id=uuid7(),  # known before the flush: the jobs can be deferred meanwhile
            business_id=reservation.business_id,
            aggregate_type="reservation",
            aggregate_id=reservation.id,
            type=t,
            actor_id=actor_id,
            payload=payload,
        )
        for t in types
    ]
    session.add_all(written)
    conn = await raw_connection(session)
    # One job for the events of one change, acting on them in order.
    await reservation_event.configure(connection=conn).defer_async(
        event_ids=[str(e.id) for e in written]
    )
    await session.flush()
    return written
