"""The disputes' typed errors, in domain words (fields `reservation_id`, `admin_id`,
`resolution_status`, `refund_amount`), each with a stable camelCase code."""

from __future__ import annotations

import uuid
from typing import Any

from staykit.core.errors import Conflict, Forbidden, NotFound


class DisputeNotFound(NotFound):
    """No such dispute, or one the caller may not see: a stranger learns nothing."""

    code = "disputeNotFound"

    def __init__(self, dispute_id: uuid.UUID) -> None:
        super().__init__(f"No dispute with id {dispute_id}.", field="dispute_id")


class NotAPartyToTheStay(Forbidden):
    """Only the reservation's guest or host opens a dispute on it."""

    code = "notGuestOrHost"

    def __init__(self) -> None:
        super().__init__(
            "Only the reservation's guest or host may open a dispute on it.",
            field="reservation_id",
        )


class DisputeAlreadyOpen(Conflict):
    """The reservation has an open dispute (pending or under review): one at a time."""

    code = "disputeAlreadyOpen"

    def __init__(self, reservation_id: uuid.UUID, open_id: uuid.UUID | None) -> None:
        super().__init__(
            f"Reservation {reservation_id} already has an open dispute"
            + (f" ({open_id})" if open_id else "")
            + "; add to it, or wait until it is decided.",
            field="reservation_id",
        )
        self.facts: dict[str, Any] = {"openDisputeId": None if open_id is None else str(open_id)}


class DisputeAlreadyDecided(Conflict):
    """A resolved or rejected dispute is final: a decision is never taken back (its
    refund has been made); open a new dispute instead."""

    code = "disputeAlreadyDecided"

    def __init__(self, status: str) -> None:
        super().__init__(
            f"The dispute is already {status}: a decided dispute does not change. "
            "Open a new dispute if there is more to settle.",
            field="resolution_status",
        )
        self.facts: dict[str, Any] = {"resolutionStatus": status}


class DisputeStatusChangeRefused(Conflict):
    code = "invalidResolutionStatusChange"

    def __init__(self, current: str, wanted: str) -> None:
        super().__init__(
            f"A {current} dispute cannot become {wanted}: it goes pending -> reviewing -> "
            "resolved or rejected.",
            field="resolution_status",
        )
        self.facts: dict[str, Any] = {"resolutionStatus": current}
