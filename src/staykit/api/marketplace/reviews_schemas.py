"""The reviewSystem bodies and records (spec §6.1): createReview and updateReview, a Review
and a ReviewAggregate as the marketplace writes them, and their list filters."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.envelope import RECORD_FIELDS, jsonable, number
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.responses import Record
from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.reviews import service
from staykit.domain.reviews.models import (
    MAX_TEXT,
    MODERATION_STATUSES,
    REVIEWEE_TYPES,
    VISIBILITY_STATUSES,
    Review,
    ReviewAggregate,
)

RevieweeType = Literal["host", "guest", "listing"]
ModerationStatus = Literal["pending", "approved", "rejected"]
Rating = StrictInt


class CreateReview(Input):
    """createReview. The guest of a completed stay reviews the `listing` (revieweeId: the
    listing's id) or the `host` (the host's user id): one review, counted for both; the host
    reviews the `guest`. The server sets reviewerId (the caller: when sent it must be),
    submittedAt and blindSubmissionCode (sent values are ignored), isPublished (the
    double-blind's: only false may be sent) and moderationStatus (new reviews are approved
    at once: a sent value is checked and ignored)."""

    reservation_id: uuid.UUID
    reviewee_type: RevieweeType
    reviewee_id: uuid.UUID
    rating: Rating = Field(ge=1, le=5)
    review_text: str = Field(min_length=1, max_length=MAX_TEXT)
    moderation_status: ModerationStatus | None = None
    is_published: StrictBool | None = None
    reviewer_id: uuid.UUID | None = None
    submitted_at: datetime | None = None
    blind_submission_code: str | None = Field(default=None, max_length=64)

    def command(self, window_days: int) -> service.NewReview:
        if self.is_published:
            raise InvalidInput(
                "isPublished is set by the double-blind (both reviews in, or the window "
                "closed): a review is submitted unpublished.",
                code="isPublishedIsSetByTheServer",
                field="is_published",
            )
        return service.NewReview(
            reservation_id=self.reservation_id,
            reviewee_type=self.reviewee_type,
            reviewee_id=self.reviewee_id,
            rating=self.rating,
            review_text=self.review_text,
            claimed_reviewer_id=self.reviewer_id,
            window_days=window_days,
        )


class UpdateReview(Input):
    """updateReview: the reviewer changes reviewText and rating (staykit) before
    publication; admins and moderators set moderationStatus at any time. isPublished is
    the double-blind's: only its current value may be sent."""

    review_text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT)
    rating: Rating | None = Field(default=None, ge=1, le=5)
    moderation_status: ModerationStatus | None = None
    is_published: StrictBool | None = None

    @field_validator("review_text", "rating", "moderation_status", "is_published")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError("not_null", "must not be null")
        return value

    def change(self, ip_address: str) -> service.ReviewChange:
        if not self.model_fields_set:
            raise InvalidInput(
                "Nothing to change: send reviewText, rating or moderationStatus.",
                code="bodyIsEmpty",
                field="body",
            )
        return service.ReviewChange(
            review_text=self.review_text,
            rating=self.rating,
            moderation_status=self.moderation_status,
            claimed_published=self.is_published,
            ip_address=ip_address,
        )


# --- records ---------------------------------------------------------------------------------


class BriefParty(BaseModel):
    id: uuid.UUID
    name: str | None


class ReservationJoin(BaseModel):
    id: uuid.UUID
    listingId: uuid.UUID
    checkIn: str
    checkOut: str


_JOINED = "getReview with getJoins=true (default)."


class ReviewRecord(Record):
    """A Review (spec §6.1) as `review_json` writes it."""

    moderationStatus: str
    moderationStatus_idx: int | None
    isPublished: bool
    reviewText: str
    rating: int
    blindSubmissionCode: str | None = Field(
        description="Only for the reviewer and moderators (null for anyone else)."
    )
    revieweeId: uuid.UUID
    reservationId: uuid.UUID
    reviewerId: uuid.UUID
    revieweeType: str
    revieweeType_idx: int | None
    submittedAt: datetime
    listingId: uuid.UUID
    reviewerRole: str
    publishedAt: datetime | None
    blindUntil: datetime
    reviewer: BriefParty | None = Field(default=None, description=_JOINED)
    reviewee: BriefParty | None = Field(default=None, description=_JOINED)
    reservation: ReservationJoin | None = Field(
        default=None, description=_JOINED + " Only for those who may see the reservation."
    )


class ReviewAggregateRecord(Record):
    """A ReviewAggregate (spec §6.1)."""

    revieweeId: uuid.UUID
    revieweeType: str
    revieweeType_idx: int | None
    averageRating: float
    reviewCount: int
    visibilityStatus: str
    visibilityStatus_idx: int | None


def _index(values: tuple[str, ...], value: str) -> int | None:
    return values.index(value) if value in values else None


def review_json(r: Review, *, private: bool) -> dict[str, Any]:
    """The one place the marketplace shapes a review. `private`: the caller is its reviewer
    or a moderator (who alone see its blindSubmissionCode)."""
    out: dict[str, Any] = {
        "id": str(r.id),
        "moderationStatus": r.moderation_status,
        "moderationStatus_idx": _index(MODERATION_STATUSES, r.moderation_status),
        "isPublished": r.is_published,
        "reviewText": r.review_text,
        "rating": r.rating,
        "blindSubmissionCode": r.blind_submission_code if private else None,
        "revieweeId": str(r.reviewee_id),
        "reservationId": str(r.reservation_id),
        "reviewerId": str(r.reviewer_id),
        "revieweeType": r.reviewee_type,
        "revieweeType_idx": _index(REVIEWEE_TYPES, r.reviewee_type),
        "submittedAt": jsonable(r.submitted_at),
        # staykit additions
        "listingId": str(r.listing_id),
        "reviewerRole": r.reviewer_role,
        "publishedAt": jsonable(r.published_at),
        "blindUntil": jsonable(r.blind_until),
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(r, f.attr))
    return out


def aggregate_json(a: ReviewAggregate) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": str(a.id),
        "revieweeId": str(a.reviewee_id),
        "revieweeType": a.reviewee_type,
        "revieweeType_idx": _index(REVIEWEE_TYPES, a.reviewee_type),
        "averageRating": number(a.average_rating),
        "reviewCount": a.review_count,
        "visibilityStatus": a.visibility_status,
        "visibilityStatus_idx": _index(VISIBILITY_STATUSES, a.visibility_status),
    }
    for f in RECORD_FIELDS:
        out[f.name] = jsonable(getattr(a, f.attr))
    return out


REVIEW_FILTERS = {
    "revieweeId": flt.FilterSpec("revieweeId", Review.reviewee_id, Kind.ID),
    "reservationId": flt.FilterSpec("reservationId", Review.reservation_id, Kind.ID),
    "reviewerId": flt.FilterSpec("reviewerId", Review.reviewer_id, Kind.ID),
    "revieweeType": flt.FilterSpec("revieweeType", Review.reviewee_type, Kind.ENUM, REVIEWEE_TYPES),
    # staykit: the guests' reviews of one listing, and the moderators' queues
    "listingId": flt.FilterSpec("listingId", Review.listing_id, Kind.ID),
    "moderationStatus": flt.FilterSpec(
        "moderationStatus", Review.moderation_status, Kind.ENUM, MODERATION_STATUSES
    ),
    "isPublished": flt.FilterSpec("isPublished", Review.is_published, Kind.BOOL),
}
AGGREGATE_FILTERS = {
    "revieweeId": flt.FilterSpec("revieweeId", ReviewAggregate.reviewee_id, Kind.ID),
    "revieweeType": flt.FilterSpec(
        "revieweeType", ReviewAggregate.reviewee_type, Kind.ENUM, REVIEWEE_TYPES
    ),
}
