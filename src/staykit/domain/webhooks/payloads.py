"""The body a subscription receives for an event (Standard Webhooks' shape):

    {"type": "reservation.modified", "timestamp": "2026-12-12T10:00:00.123456+00:00",
     "data": {"object": "reservation", "id": "<entity id>", "eventId": "<domain event id>",
              "businessId": "...", "version": 3, "propertyId": "...",
              "reservation": {... the entity as the event recorded it ...}}}

`data` always has the entity's kind, id, business, version (the entity's record version
when it has one, else null) and the ids that locate it (property, unit type, reservation,
thread); the entity itself (under its kind's name) only where the creator's scopes allow
(events.ENTITY_SCOPES), with money and people's ids removed without their own scopes.
The snapshot is the event's (the entity as that change left it), taken when the event is
dispatched; a retry or resend sends the same body.
"""

from __future__ import annotations

from typing import Any

from staykit.domain.access.scopes import Scope
from staykit.domain.events.models import DomainEvent
from staykit.domain.webhooks.events import ENTITY_SCOPES

LOCATING_IDS = (
    "propertyId",
    "unitTypeId",
    "reservationId",
    "threadId",
    "rateId",
    "ratePlanId",
    "unitId",
    "paymentId",
    "masterId",
)
MONEY_KEYS = frozenset(
    {
        "total",
        "subtotal",
        "refundAmount",
        "amount",
        "balance",
        "deposit",
        "cleaningFee",
        "cityTax",
        "nightlyPrices",
        "extraGuestCharges",
        "fees",
        "payout",
        "paymentConfirmation",
        "platformPayment",
    }
)
PERSONAL_KEYS = frozenset(
    {"guestId", "hostId", "senderId", "guest", "guests", "people", "email", "phone", "name"}
)


def allows(scopes: list[str] | None, *wanted: Scope) -> bool:
    """Whether a scopes snapshot (None: unrestricted) holds any of `wanted`."""
    return scopes is None or any(s.value in scopes for s in wanted)


def entity_of(
    family: str, payload: dict[str, Any], scopes: list[str] | None
) -> dict[str, Any] | None:
    """The entity as these scopes may see it, or None (thin payload)."""
    needed = ENTITY_SCOPES.get(family)
    if needed is None or not allows(scopes, *needed):
        return None
    entity = dict(payload)
    if not allows(scopes, Scope.READ_BOOKINGS_FINANCIAL):
        for key in MONEY_KEYS:
            entity.pop(key, None)
    if not allows(scopes, Scope.READ_BOOKINGS_PERSONAL):
        for key in PERSONAL_KEYS:
            entity.pop(key, None)
    return entity


def subscription_body(
    event: DomainEvent,
    public_type: str,
    scopes: list[str] | None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The body for a subscription (`extra`: fields the consumer read beside the event's
    payload, such as a message's text)."""
    payload = {**event.payload, **(extra or {})}
    family = public_type.split(".", 1)[0]
    kind = event.aggregate_type
    data: dict[str, Any] = {
        "object": kind,
        "id": str(event.aggregate_id),
        "eventId": str(event.id),
        "businessId": None if event.business_id is None else str(event.business_id),
        "version": payload.get("version") if isinstance(payload.get("version"), int) else None,
    }
    for key in LOCATING_IDS:
        if isinstance(payload.get(key), str):
            data[key] = payload[key]
    entity = entity_of(family, payload, scopes)
    if entity is not None:
        data[kind] = entity
    return {"type": public_type, "timestamp": event.occurred_at.isoformat(), "data": data}
