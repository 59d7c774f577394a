"""The event types subscriptions name, and how domain events map onto them.

Public types are the domain's, except that a message written (`message.sent` in the
domain) is published as `message.created`. Families: reservation.*, message.*,
payment.*, rates.updated and availability.updated (payment and unit-type events come from
their own packages; any event of a known family flows as soon as it is recorded). A
subscription names exact types or a family wildcard (`reservation.*`); `*` is everything.

Each family's entity needs a read scope of the subscription's creator (first-party
sessions: none needed); without it the payload is thin (type, ids, timestamp, version).
Inside a reservation, money needs read:bookings-financial and people's ids
read:bookings-personal.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from staykit.domain.access.scopes import Scope

RESERVATION_TYPES = (
    "reservation.created",
    "reservation.confirmed",
    "reservation.modified",
    "reservation.cancelled",
    "reservation.declined",
    "reservation.expired",
    "reservation.completed",
    "reservation.paid",
)
KNOWN_TYPES = (
    *RESERVATION_TYPES,
    "message.created",
    "rates.updated",
    "availability.updated",
    "payment.*",
)
FAMILIES = ("reservation", "message", "payment", "rates", "availability")
# Domain type -> public type, where they differ.
RENAMED = {"message.sent": "message.created"}
_NAME = re.compile(r"^[a-z][a-zA-Z]{0,30}$")
MAX_TYPES = 50

# Whose entity needs which scopes (any one of them).
ENTITY_SCOPES: dict[str, tuple[Scope, ...]] = {
    "reservation": (Scope.READ_BOOKINGS,),
    "message": (Scope.READ_MESSAGES, Scope.READ_BOOKINGS_PERSONAL),
    "payment": (Scope.READ_BOOKINGS_FINANCIAL,),
    "rates": (Scope.READ_INVENTORY,),
    "availability": (Scope.READ_INVENTORY,),
}


def public_type(domain_type: str) -> str | None:
    """The type a subscription sees for a domain event, or None if not published."""
    name = RENAMED.get(domain_type, domain_type)
    family = name.split(".", 1)[0]
    return name if family in FAMILIES else None


def type_problem(name: object) -> str | None:
    """Why a subscription may not name this type, or None."""
    if not isinstance(name, str):
        return "each event type must be a string."
    if name == "*":
        return None
    family, dot, rest = name.partition(".")
    if not dot or family not in FAMILIES:
        return (
            f"unknown event type; known: {', '.join(KNOWN_TYPES)}, a family wildcard "
            "such as reservation.*, or *."
        )
    if rest == "*":
        return None
    if family == "reservation" and name not in RESERVATION_TYPES:
        return f"unknown reservation event; known: {', '.join(RESERVATION_TYPES)}."
    if family in ("message", "rates", "availability") and name not in KNOWN_TYPES:
        return f"unknown {family} event; known: {', '.join(t for t in KNOWN_TYPES if t.startswith(family))}."
    if not _NAME.match(rest):
        return "an event type reads family.name (letters only)."
    return None


def matches(patterns: list[str], event_type: str) -> bool:
    return any(fnmatchcase(event_type, p) for p in patterns)
