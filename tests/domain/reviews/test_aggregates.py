"""The aggregates stay exact: a random sequence of publishes, moderations and deletes,
then every aggregate recomputed from scratch equals the stored one (and the listings'
search rows carry the same figures); concurrent publishes for one listing lose no count."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import timedelta
from decimal import Decimal

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.catalog.search_index import SearchListing
from staykit.domain.reviews import aggregates, publishing
from staykit.domain.reviews.models import Review, ReviewAggregate
from staykit.domain.reviews.service import ReviewChange, change_review, delete_review
from tests.api.marketplace.reviews import completed_stay
from tests.factories import actor_of, make_listing, make_logged_in


def _review(stay: Reservation, side: str, rating: int) -> Review:
    assert stay.guest_id is not None
    guest = side == "guest"
    return Review(
        id=uuid7(),
        reservation_id=stay.id,
        business_id=stay.business_id,
        listing_id=stay.unit_type_id,
        host_id=stay.host_id,
        guest_id=stay.guest_id,
        reviewer_id=stay.guest_id if guest else stay.host_id,
        reviewer_role=side,
        reviewee_type="listing" if guest else "guest",
        reviewee_id=stay.unit_type_id if guest else stay.guest_id,
        rating=rating,
        review_text="ok",
        moderation_status="approved",
        is_published=False,
        blind_until=utcnow() + timedelta(days=14),
        blind_submission_code="x",
    )


async def stored(db: AsyncSession) -> dict[tuple[str, uuid.UUID], tuple[int, Decimal]]:
    rows = await db.scalars(select(ReviewAggregate).execution_options(populate_existing=True))
    return {
        (a.reviewee_type, a.reviewee_id): (a.review_count, a.average_rating)
        for a in rows
        if a.review_count
    }


async def test_a_random_sequence_leaves_every_aggregate_equal_to_a_recount(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_logged_in(client, db)
    admin = await make_logged_in(client, db, role="admin")
    rng = random.Random(20261210)
    guests = [await make_logged_in(client, db) for _ in range(3)]
    listings = [await make_listing(db, host, title=f"Flat {n}") for n in range(2)]
    reviews: list[Review] = []
    for n in range(6):
        made = await completed_stay(client, db, guests[n % 3], listings[n % 2], 5 * n)
        stay = await db.get(Reservation, uuid.UUID(made["id"]))
        assert stay is not None
        for side in ("guest", "host"):
            review = _review(stay, side, rng.randint(1, 5))
            db.add(review)
            reviews.append(review)
    await db.flush()
    moderator = actor_of(admin)
    for _ in range(60):
        review = rng.choice(reviews)
        action = rng.choice(("publish", "moderate", "moderate", "delete"))
        if not review.is_active:
            continue
        if action == "publish":
            await publishing.publish(db, None, [review])
        elif action == "moderate":
            status = rng.choice(("pending", "approved", "rejected"))
            await change_review(db, moderator, review.id, ReviewChange(moderation_status=status))
        elif rng.random() < 0.3:
            await delete_review(db, moderator, review.id, ip_address=None)
    assert any(r.counted for r in reviews) and any(not r.counted for r in reviews)
    assert await stored(db) == await aggregates.recount_all(db)
    search_rows = await db.execute(
        select(SearchListing.unit_type_id, SearchListing.review_count, SearchListing.average_rating)
        .where(SearchListing.unit_type_id.in_([x.id for x in listings]))
        .execution_options(populate_existing=True)
    )
    fresh = await aggregates.recount_all(db)
    for listing_id, count, average in search_rows:
        assert (count, average) == fresh.get(("listing", listing_id), (0, Decimal(0)))


async def test_concurrent_publishes_for_one_listing_lose_no_count(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    client = committed_client
    async with committed_factory() as db:
        host = await make_logged_in(client, db)
        listing: UnitType = await make_listing(db, host)
        ids = []
        for n in range(6):
            guest = await make_logged_in(client, db)
            made = await completed_stay(client, db, guest, listing, 5 * n)
            stay = await db.get(Reservation, uuid.UUID(made["id"]))
            assert stay is not None
            review = _review(stay, "guest", 1 + n % 5)
            db.add(review)
            ids.append(review.id)
        await db.commit()

    async def publish_one(review_id: uuid.UUID) -> None:
        async with committed_factory() as session:
            review = await session.scalar(
                select(Review).where(Review.id == review_id).with_for_update()
            )
            assert review is not None
            await publishing.publish(session, None, [review])
            await session.commit()

    await asyncio.gather(*(publish_one(i) for i in ids))
    async with committed_factory() as db:
        found = await stored(db)
        assert found[("listing", listing.id)][0] == 6
        assert found == await aggregates.recount_all(db)
