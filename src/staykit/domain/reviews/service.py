"""Submitting, reading, editing, moderating and deleting reviews.

Submitting: the reservation's guest or host (404 for a reservation the caller cannot see,
403 for anyone else who can), a completed stay (409), inside the review window (409 after
it), once per reviewer and side (409; the unique constraints make a race unable to add a
second). The reservation's row lock orders the two sides' submissions, so the second
always finds the first and publishes both (publishing.py). reviewerId, submittedAt,
blindSubmissionCode, isPublished and moderationStatus are the server's: new reviews are
approved at once (auto-approval; moderators can take one back to pending or reject it).

Editing: the reviewer changes the text and the rating until publication (409 after).
Moderating: admins and moderators set moderationStatus at any time; each change writes an
audit row and recounts the aggregates. Deleting (soft): the reviewer before publication,
moderators at any time (audited); the aggregates are recounted.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.core.schemas import check_text
from staykit.domain.access.principal import Principal
from staykit.domain.audit.service import record_audit
from staykit.domain.auth import policy
from staykit.domain.booking import repository as reservations
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import Property
from staykit.domain.records import UniqueRule, unique_guard
from staykit.domain.reviews import aggregates, publishing
from staykit.domain.reviews.access import is_moderator, readable_review
from staykit.domain.reviews.errors import (
    AlreadyReviewed,
    NotAModerator,
    NotAPartyToTheStay,
    NotTheReviewer,
    ReviewAlreadyPublished,
    ReviewNotFound,
    ReviewWindowClosed,
    StayNotCompleted,
)
from staykit.domain.reviews.models import MAX_TEXT, MODERATION_STATUSES, Review
from staykit.domain.tenancy import service as tenancy

DEFAULT_WINDOW_DAYS = 14
ONCE = [
    UniqueRule(
        "uq_reviews_reservation_reviewer",
        "reservation_id",
        "You have already reviewed this stay.",
        "reservationAlreadyReviewed",
    ),
    UniqueRule(
        "uq_reviews_reservation_role",
        "reservation_id",
        "This side of the stay has already reviewed it.",
        "reservationAlreadyReviewed",
    ),
]


@dataclass(frozen=True, slots=True)
class NewReview:
    """createReview. `claimed_reviewer_id` is a reviewerId the client sent: when sent it
    must be the caller. `window_days` is the setting STAYKIT_REVIEW_WINDOW_DAYS."""

    reservation_id: uuid.UUID
    reviewee_type: str
    reviewee_id: uuid.UUID
    rating: int
    review_text: str
    claimed_reviewer_id: uuid.UUID | None = None
    window_days: int = DEFAULT_WINDOW_DAYS


async def party_of(session: AsyncSession, actor: Principal, reservation: Reservation) -> str | None:
    """The actor's side of the stay: 'guest', 'host' (the listing's host or a member of its
    business), or None, whatever their role."""
    if reservation.guest_id is not None and reservation.guest_id == actor.user_id:
        return "guest"
    if actor.user_id == reservation.host_id:
        return "host"
    if await tenancy.role_in(session, actor, reservation.business_id) is not None:
        return "host"
    return None


def window_closes(reservation: Reservation, prop: Property, days: int) -> datetime:
    """Check-out (the departure date at the property's check-out time, where it is) plus
    the review window, as a UTC instant."""
    checkout = datetime.combine(
        reservation.departure, prop.check_out_time, tzinfo=ZoneInfo(prop.time_zone)
    )
    return (checkout + timedelta(days=days)).astimezone(UTC)


def _check_reviewee(side: str, reservation: Reservation, kind: str, reviewee: uuid.UUID) -> None:
    """The guest reviews the listing or its host; the host reviews the guest (400 else)."""
    allowed = (
        {"listing": reservation.unit_type_id, "host": reservation.host_id}
        if side == "guest"
        else {"guest": reservation.guest_id}
    )
    if kind not in allowed:
        raise InvalidInput(
            f"The {side} of a stay reviews the "
            + (" or the ".join(allowed))
            + f", not the {kind}.",
            code="revieweeTypeIsInvalid",
            field="reviewee_type",
        )
    if allowed[kind] != reviewee:
        raise InvalidInput(
            f"revieweeId must be this reservation's {kind} ({allowed[kind]}).",
            code="revieweeIdIsInvalid",
            field="reviewee_id",
        )


def _check_rating(rating: int | None) -> None:
    if rating is not None and (
        isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5
    ):
        raise InvalidInput(
            "rating must be a whole number from 1 to 5.", code="ratingIsInvalid", field="rating"
        )


async def submit_review(
    session: AsyncSession, actor: Principal | None, command: NewReview
) -> Review:
    me = policy.require_login(actor)
    _check_rating(command.rating)
    check_text("review_text", command.review_text, MAX_TEXT, required=True)
    if command.claimed_reviewer_id is not None and command.claimed_reviewer_id != me.user_id:
        raise InvalidInput(
            "reviewerId is whoever writes the review: the caller.",
            code="reviewerIdIsNotYou",
            field="reviewer_id",
        )
    # 404 for a reservation the caller cannot see; its row lock orders the two sides.
    reservation, _ = await reservations.get_reservation(
        session, me, command.reservation_id, lock=True
    )
    side = await party_of(session, me, reservation)
    if side is None:
        raise NotAPartyToTheStay()
    if reservation.status != "completed":
        raise StayNotCompleted(reservation.status)
    prop = await session.get(Property, reservation.property_id)
    assert prop is not None  # a foreign key
    closes = window_closes(reservation, prop, command.window_days)
    now = utcnow()
    if now >= closes:
        raise ReviewWindowClosed(closes)
    _check_reviewee(side, reservation, command.reviewee_type, command.reviewee_id)
    assert reservation.guest_id is not None  # _check_reviewee: a host reviews a guest
    earlier = await session.scalar(
        select(Review.id).where(
            Review.reservation_id == reservation.id,
            or_(Review.reviewer_id == me.user_id, Review.reviewer_role == side),
        )
    )
    if earlier is not None:
        raise AlreadyReviewed(earlier)
    review = Review(
        reservation_id=reservation.id,
        business_id=reservation.business_id,
        listing_id=reservation.unit_type_id,
        host_id=reservation.host_id,
        guest_id=reservation.guest_id,
        reviewer_id=me.user_id,
        reviewer_role=side,
        reviewee_type=command.reviewee_type,
        reviewee_id=command.reviewee_id,
        rating=command.rating,
        review_text=command.review_text,
        moderation_status="approved",
        is_published=False,
        submitted_at=now,
        blind_until=closes,
        blind_submission_code=secrets.token_urlsafe(12),
        owner_id=me.user_id,
    )
    async with unique_guard(session, ONCE):
        session.add(review)
    await publishing.event(session, me, review, "review.submitted")
    other = await session.scalar(
        select(Review)
        .where(
            Review.reservation_id == reservation.id,
            Review.reviewer_role != side,
            Review.is_active,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if other is not None:  # both sides are in: the double-blind ends for both
        await publishing.publish(session, me, [review, other], now=now)
    return review


async def get_review(
    session: AsyncSession, actor: Principal | None, review_id: uuid.UUID
) -> Review:
    """Published, approved reviews for anyone; the reviewer's own; all for moderators."""
    moderator = await is_moderator(session, actor)
    return await readable_review(session, actor, review_id, moderator=moderator)


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """updateReview: each field None when not sent."""

    review_text: str | None = None
    rating: int | None = None
    moderation_status: str | None = None
    # isPublished as the client sent it: the double-blind's, never set by hand, so only
    # its current value is accepted.
    claimed_published: bool | None = None
    ip_address: str | None = None


def audit_summary(review: Review) -> dict[str, object]:
    return {
        "moderationStatus": review.moderation_status,
        "isPublished": review.is_published,
        "isActive": review.is_active,
        "rating": review.rating,
        "reviewerId": str(review.reviewer_id),
    }


async def change_review(
    session: AsyncSession, actor: Principal | None, review_id: uuid.UUID, change: ReviewChange
) -> Review:
    me = policy.require_login(actor)
    moderator = await is_moderator(session, me)
    review = await readable_review(session, me, review_id, moderator=moderator, lock=True)
    if not review.is_active:
        raise ReviewNotFound(review_id)
    if change.claimed_published is not None and change.claimed_published != review.is_published:
        raise InvalidInput(
            "isPublished is set by the double-blind (both reviews in, or the window closed), "
            "not by hand.",
            code="isPublishedIsSetByTheServer",
            field="is_published",
        )
    edits = change.review_text is not None or change.rating is not None
    if edits:
        if review.reviewer_id != me.user_id:
            raise NotTheReviewer()
        if review.is_published:
            raise ReviewAlreadyPublished()
        _check_rating(change.rating)
        if change.review_text is not None:
            check_text("review_text", change.review_text, MAX_TEXT, required=True)
            review.review_text = change.review_text
        if change.rating is not None:
            review.rating = change.rating
    status = change.moderation_status
    moderated = status is not None and status != review.moderation_status
    if status is not None:
        if not moderator:
            raise NotAModerator()
        if status not in MODERATION_STATUSES:
            raise InvalidInput(
                "moderationStatus must be one of " + ", ".join(MODERATION_STATUSES) + ".",
                code="moderationStatusIsInvalid",
                field="moderation_status",
            )
    if not (edits or moderated):
        return review
    before = audit_summary(review)
    if moderated:
        assert status is not None
        review.moderation_status = status
    review.updated_at = utcnow()
    await session.flush()
    if moderated:
        await aggregates.recount(session, aggregates.keys_of(review))
        await record_audit(
            session,
            me,
            action_type=f"review.{status}",
            action_object="review",
            object_id=review.id,
            before=before,
            after=audit_summary(review),
            ip_address=change.ip_address,
        )
        await publishing.event(session, me, review, "review.moderated")
    else:
        await publishing.event(session, me, review, "review.edited")
    return review


async def delete_review(
    session: AsyncSession, actor: Principal | None, review_id: uuid.UUID, *, ip_address: str | None
) -> Review:
    """Soft delete (isActive false): the reviewer before publication, moderators any time."""
    me = policy.require_login(actor)
    moderator = await is_moderator(session, me)
    review = await readable_review(session, me, review_id, moderator=moderator, lock=True)
    if not review.is_active:
        raise ReviewNotFound(review_id)
    if not moderator:
        if review.reviewer_id != me.user_id:
            raise NotAModerator(field="review_id")
        if review.is_published:
            raise ReviewAlreadyPublished()
    before = audit_summary(review)
    review.is_active = False
    review.updated_at = utcnow()
    await session.flush()
    await aggregates.recount(session, aggregates.keys_of(review))
    if moderator:
        await record_audit(
            session,
            me,
            action_type="review.delete",
            action_object="review",
            object_id=review.id,
            before=before,
            after=audit_summary(review),
            ip_address=ip_address,
        )
    await publishing.event(session, me, review, "review.deleted")
    return review
