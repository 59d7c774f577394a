"""The booking package's typed errors, in domain words (field `arrival`, `guests`,
`booking_status`), each with a stable camelCase code and `facts` a client can act on
(which rules a stay breaks, the price the server computed). Surfaces rename and render
them (staykit.api.surface)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from staykit.core.errors import Conflict, InvalidInput, NotFound
from staykit.domain.catalog.quote import Violation

# The quote's rules and the field of a stay each one is about (domain words).
RULE_FIELDS = {
    "departureNotAfterArrival": "departure",
    "stayTooLong": "departure",
    "arrivalInPast": "arrival",
    "tooManyGuests": "guests",
    "minStay": "departure",
    "maxStay": "departure",
    "closedToArrival": "arrival",
    "closedToDeparture": "departure",
}


class ReservationNotFound(NotFound):
    code = "reservationNotFound"

    def __init__(self, reservation_id: uuid.UUID) -> None:
        super().__init__(f"No reservation with id {reservation_id}.", field="reservation_id")
        self.facts: dict[str, Any] = {"id": str(reservation_id)}


class ItemNotFound(NotFound):
    code = "itemNotFound"

    def __init__(self, item_id: uuid.UUID) -> None:
        super().__init__(f"No item {item_id} on this reservation.", field="id")
        self.facts: dict[str, Any] = {"id": str(item_id)}


class BookingRulesBroken(InvalidInput):
    """A stay that breaks the quote's rules (other than taken nights): the code is the
    first rule's, the field its field; facts list every rule broken."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        rules = [
            {
                "rule": v.rule,
                "field": RULE_FIELDS.get(v.rule, "arrival"),
                "date": None if v.date is None else v.date.isoformat(),
                "message": v.message,
            }
            for v in violations
        ]
        first = rules[0]
        super().__init__(
            str(first["message"]), code=str(first["rule"]), field=str(first["field"]), errors=rules
        )
        self.facts: dict[str, Any] = {"rules": rules}


class PriceMismatch(InvalidInput):
    """The total the client claims is not the one the server computed."""

    code = "totalPriceMismatch"

    def __init__(self, claimed: Decimal, computed: Decimal, currency: str) -> None:
        super().__init__(
            f"totalPrice {claimed} does not match the price of this stay, "
            f"{computed} {currency}: quote again "
            "(GET /propertycatalog-api/v1/listings/{listingId}/quote) or leave totalPrice out.",
            field="total_price",
            errors=[
                {
                    "field": "total_price",
                    "message": "Does not match the server's price.",
                    "expected": str(computed),
                }
            ],
        )
        self.facts: dict[str, Any] = {
            "claimed": str(claimed),
            "computed": str(computed),
            "currency": currency,
        }


class InvalidStatusChange(Conflict):
    """The reservation's status does not allow what was asked."""

    code = "invalidStatusChange"

    def __init__(self, status: str, allowed: Iterable[str], action: str) -> None:
        super().__init__(
            f"A reservation that is {status} cannot be {action}.", field="booking_status"
        )
        self.facts: dict[str, Any] = {"status": status, "allowed": list(allowed)}
