"""The double-blind's end: a reservation's reviews are published together once both sides
have reviewed (at the second submission), or each alone when its window closes (the
periodic job). Publishing recounts the aggregates it changes and records
`review.published`, all in the publishing transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.access.principal import Principal
from staykit.domain.events.recorder import record
from staykit.domain.reviews import aggregates
from staykit.domain.reviews.models import Review

BATCH = 500


def payload(review: Review) -> dict[str, Any]:
    """What an event says of a review: never its text (events outlive moderation)."""
    return {
        "id": str(review.id),
        "reservationId": str(review.reservation_id),
        "listingId": str(review.listing_id),
        "reviewerId": str(review.reviewer_id),
        "reviewerRole": review.reviewer_role,
        "revieweeType": review.reviewee_type,
        "revieweeId": str(review.reviewee_id),
        "rating": review.rating,
        "moderationStatus": review.moderation_status,
        "isPublished": review.is_published,
        "isActive": review.is_active,
        "version": review.record_version,
    }


async def event(session: AsyncSession, actor: Principal | None, review: Review, type_: str) -> None:
    await session.flush()
    await record(
        session,
        actor,
        aggregate_type="review",
        aggregate_id=review.id,
        business_id=review.business_id,
        types=type_,
        payload=payload(review),
    )


async def publish(
    session: AsyncSession,
    actor: Principal | None,
    reviews: Sequence[Review],
    *,
    now: datetime | None = None,
) -> None:
    """Publish `reviews` (their rows locked by the caller), recount what they count in."""
    now = now or utcnow()
    fresh = [r for r in reviews if not r.is_published]
    for review in fresh:
        review.is_published = True
        review.published_at = now
        review.updated_at = now
    await aggregates.recount(session, (k for r in fresh for k in aggregates.keys_of(r)))
    for review in fresh:
        await event(session, actor, review, "review.published")


async def publish_due(session: AsyncSession, *, now: datetime | None = None) -> int:
    """Publish the reviews whose window has closed (up to BATCH; the job runs again).
    Rows another transaction holds (a submission publishing the pair) are skipped."""
    now = now or utcnow()
    due = list(
        await session.scalars(
            select(Review)
            .where(Review.is_active, Review.is_published.is_(False), Review.blind_until <= now)
            .order_by(Review.blind_until, Review.id)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
    )
    if due:
        await publish(session, None, due, now=now)
    return len(due)
