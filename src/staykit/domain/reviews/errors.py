"""The reviews' typed errors, in domain words (fields `reservation_id`, `reviewee_id`,
`reviewee_type`, `rating`, `moderation_status`), each with a stable camelCase code."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from staykit.core.errors import Conflict, Forbidden, NotFound


class ReviewNotFound(NotFound):
    """No such review, or one the caller may not see (yet): a stranger, or the other party
    before the double-blind ends, learns nothing."""

    code = "reviewNotFound"

    def __init__(self, review_id: uuid.UUID) -> None:
        super().__init__(f"No review with id {review_id}.", field="review_id")


class ReviewAggregateNotFound(NotFound):
    code = "reviewAggregateNotFound"

    def __init__(self, aggregate_id: uuid.UUID) -> None:
        super().__init__(
            f"No review aggregate with id {aggregate_id}.", field="review_aggregate_id"
        )


class NotAPartyToTheStay(Forbidden):
    """Only the reservation's guest or host reviews it."""

    code = "notGuestOrHost"

    def __init__(self) -> None:
        super().__init__(
            "Only the reservation's guest or host may review it.", field="reservation_id"
        )


class StayNotCompleted(Conflict):
    code = "reservationNotCompleted"

    def __init__(self, status: str) -> None:
        super().__init__(
            f"Only a completed stay is reviewed; this reservation is {status}.",
            field="reservation_id",
        )
        self.facts: dict[str, Any] = {"bookingStatus": status}


class ReviewWindowClosed(Conflict):
    code = "reviewWindowClosed"

    def __init__(self, closed_at: datetime) -> None:
        super().__init__(
            f"The review window of this stay closed at {closed_at.isoformat()}.",
            field="reservation_id",
        )
        self.facts: dict[str, Any] = {"windowClosedAt": closed_at.isoformat()}


class AlreadyReviewed(Conflict):
    code = "reservationAlreadyReviewed"

    def __init__(self, review_id: uuid.UUID | None = None) -> None:
        super().__init__(
            "You have already reviewed this stay: a guest and a host review it once each.",
            field="reservation_id",
        )
        self.facts: dict[str, Any] = {"reviewId": None if review_id is None else str(review_id)}


class ReviewAlreadyPublished(Conflict):
    """The reviewer changes or withdraws a review only before its publication."""

    code = "reviewAlreadyPublished"

    def __init__(self) -> None:
        super().__init__(
            "The review is published: its reviewer can no longer change or delete it.",
            field="is_published",
        )


class NotTheReviewer(Forbidden):
    code = "notTheReviewer"

    def __init__(self) -> None:
        super().__init__(
            "Only the review's reviewer may change its text or rating.", field="review_id"
        )


class NotAModerator(Forbidden):
    code = "moderatorRequired"

    def __init__(self, field: str = "moderation_status") -> None:
        super().__init__(
            "Only admins and moderators (the reviews.moderate permission) may do this.",
            field=field,
        )
