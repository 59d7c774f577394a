"""The rating aggregates: recounted, never counted up and down.

`recount` takes each aggregate's row lock (creating the row first when it is missing) in
a fixed order, then recomputes its count and average FROM THE REVIEWS with a new
statement. Under READ COMMITTED that statement sees every review change committed before
the lock was granted, and any transaction changing a review of the same reviewee locks
the same row after its own change: so the last one to get the lock counts everyone's,
and concurrent publishes never lose a count. A listing's figures are copied onto its
search row (catalog.search_index.set_rating) in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.catalog import search_index
from staykit.domain.reviews.access import shown_condition
from staykit.domain.reviews.errors import ReviewAggregateNotFound
from staykit.domain.reviews.models import COUNTS_FOR, Review, ReviewAggregate

Key = tuple[str, uuid.UUID]  # (reviewee type, reviewee id)
_TWO_PLACES = Decimal("0.01")

# Which reviews count for each kind of reviewee: (the reviews' column, the reviewer side).
_COUNTED_BY = {
    "listing": (Review.listing_id, "guest"),
    "host": (Review.host_id, "guest"),
    "guest": (Review.guest_id, "host"),
}


def keys_of(review: Review) -> list[Key]:
    """The aggregates a review counts in (when published and approved)."""
    ids = {"listing": review.listing_id, "host": review.host_id, "guest": review.guest_id}
    return [(kind, ids[kind]) for kind in COUNTS_FOR[review.reviewer_role]]


def counted_condition(kind: str, reviewee_id: uuid.UUID) -> Any:
    column, side = _COUNTED_BY[kind]
    return shown_condition() & (column == reviewee_id) & (Review.reviewer_role == side)


async def recount(session: AsyncSession, keys: Iterable[Key]) -> list[ReviewAggregate]:
    """Recompute the aggregates of `keys` under their row locks (see the module)."""
    await session.flush()  # the caller's review changes are what the recount reads
    out = []
    for kind, reviewee_id in sorted(set(keys), key=lambda k: (k[0], str(k[1]))):
        await session.execute(
            insert(ReviewAggregate)
            .values(
                id=uuid7(),
                reviewee_type=kind,
                reviewee_id=reviewee_id,
                average_rating=Decimal(0),
                review_count=0,
                visibility_status="hidden",
            )
            .on_conflict_do_nothing(constraint="uq_review_aggregates_reviewee")
        )
        aggregate = await session.scalar(
            select(ReviewAggregate)
            .where(
                ReviewAggregate.reviewee_type == kind, ReviewAggregate.reviewee_id == reviewee_id
            )
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        assert aggregate is not None  # inserted above, never deleted
        count, average = (
            await session.execute(
                select(func.count(), func.avg(Review.rating)).where(
                    counted_condition(kind, reviewee_id)
                )
            )
        ).one()
        figure = Decimal(average).quantize(_TWO_PLACES, ROUND_HALF_EVEN) if count else Decimal(0)
        if (aggregate.review_count, aggregate.average_rating) != (count, figure):
            aggregate.review_count = count
            aggregate.average_rating = figure
            aggregate.visibility_status = "public" if count else "hidden"
            aggregate.updated_at = utcnow()
        if kind == "listing":
            await search_index.set_rating(session, reviewee_id, figure, count)
        out.append(aggregate)
    await session.flush()
    return out


def readable_condition(aggregate: Any = ReviewAggregate) -> Any:
    """SQL: the aggregates anyone may read. They count only published, approved reviews,
    so they tell nothing of a review still behind the double-blind. `aggregate`: the
    ReviewAggregate entity or an alias of it (a query joining two aggregates)."""
    return aggregate.is_active


async def get_aggregate(session: AsyncSession, aggregate_id: uuid.UUID) -> ReviewAggregate:
    found = await session.scalar(
        select(ReviewAggregate).where(ReviewAggregate.id == aggregate_id, readable_condition())
    )
    if found is None:
        raise ReviewAggregateNotFound(aggregate_id)
    return found


async def recount_all(session: AsyncSession) -> dict[Key, tuple[int, Decimal]]:
    """Every reviewee's figures computed from scratch from the reviews (for checks and
    tests, not requests): {(type, id): (count, average)} of those with any review."""
    out: dict[Key, tuple[int, Decimal]] = {}
    for kind, (column, side) in _COUNTED_BY.items():
        rows = await session.execute(
            select(column, func.count(), func.avg(Review.rating))
            .where(shown_condition(), Review.reviewer_role == side)
            .group_by(column)
        )
        for reviewee_id, count, average in rows:
            out[(kind, reviewee_id)] = (
                count,
                Decimal(average).quantize(_TWO_PLACES, ROUND_HALF_EVEN),
            )
    return out
