"""Reservation events: what a reservation looked like after a change, recorded through the
shared event recorder (staykit.domain.events) in the change's own transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core import money
from staykit.domain.access.principal import Principal
from staykit.domain.booking.models import Reservation, UnitAssignment
from staykit.domain.events.models import DomainEvent
from staykit.domain.events.recorder import record


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
        "platformPayment": r.platform_payment,
        "paymentConfirmation": r.payment_confirmation,
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


async def record_reservation(
    session: AsyncSession,
    principal: Principal | None,
    types: str | Sequence[str],
    reservation: Reservation,
    assignments: list[UnitAssignment],
    rows: Sequence[Any] = (),
) -> list[DomainEvent]:
    """Record the reservation's event(s) with one snapshot of it as committed: two
    flushes and one job whatever the number of events. `rows`: new rows of the change
    that go in the events' round trip (recorder.record)."""
    await session.flush()  # the reservation's version and updated_at as committed
    return await record(
        session,
        principal,
        aggregate_type="reservation",
        aggregate_id=reservation.id,
        business_id=reservation.business_id,
        types=types,
        payload=snapshot(reservation, assignments),
        rows=rows,
    )
