"""ReviewDisplayView: reviews as a listing's or a profile's page shows them, one card each:
the rating and text, who wrote it (name, picture), whom it is about (a listing: its
title and photo; a person: name and picture), the listing's card and its rating figures
(average, count), and when it was published.

Who sees what: reviews' readable statement: everyone, anonymous callers too, reads the
published, approved reviews; a reviewer also reads their own whatever its state;
moderators read every one. Deleted reviews are not displayed. The rating figures are
the aggregates anyone may read (they count only published, approved reviews). Newest
publication first (unpublished ones, which only their reviewer and moderators see,
after)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.access.principal import Principal
from staykit.domain.reviews import access as reviews
from staykit.domain.reviews import aggregates
from staykit.domain.reviews.models import Review, ReviewAggregate
from staykit.domain.views.aggregated.common import (
    PageRequest,
    View,
    ViewPage,
    ViewRowNotFound,
    listings,
    page_of,
    people,
    person,
)

NAME = "ReviewDisplayView"

_ORDER = (
    Review.published_at.desc().nulls_last(),
    Review.submitted_at.desc(),
    Review.id.desc(),
)


async def _readable(session: AsyncSession, actor: Principal | None) -> Any:
    moderator = await reviews.is_moderator(session, actor)
    return select(Review).where(
        reviews.readable_condition(actor, moderator=moderator), Review.is_active
    )


async def page(
    session: AsyncSession, principal: Principal | None, request: PageRequest
) -> ViewPage:
    rows, total = await page_of(session, await _readable(session, principal), request, *_ORDER)
    return ViewPage(await _shape(session, [r for (r,) in rows]), total, request)


async def one(session: AsyncSession, principal: Principal | None, row_id: uuid.UUID) -> View:
    found = await session.scalar((await _readable(session, principal)).where(Review.id == row_id))
    if found is None:
        raise ViewRowNotFound(NAME, row_id)
    return (await _shape(session, [found]))[0]


async def _ratings(session: AsyncSession, listing_ids: set[uuid.UUID]) -> dict[uuid.UUID, View]:
    if not listing_ids:
        return {}
    rows = await session.scalars(
        select(ReviewAggregate).where(
            aggregates.readable_condition(),
            ReviewAggregate.reviewee_type == "listing",
            ReviewAggregate.reviewee_id.in_(listing_ids),
        )
    )
    return {
        a.reviewee_id: {"averageRating": a.average_rating, "reviewCount": a.review_count}
        for a in rows
    }


async def _shape(session: AsyncSession, rows: list[Review]) -> list[View]:
    found_people = await people(
        session,
        [r.reviewer_id for r in rows]
        + [r.reviewee_id for r in rows if r.reviewee_type != "listing"],
    )
    found_listings = await listings(session, [r.listing_id for r in rows])
    ratings = await _ratings(session, {r.listing_id for r in rows})
    out: list[View] = []
    for r in rows:
        listing = found_listings.get(r.listing_id)
        if r.reviewee_type == "listing":
            reviewee = {
                "type": "listing",
                "id": r.reviewee_id,
                "name": listing["title"] if listing else None,
                "picture": listing["mainPhoto"] if listing else None,
            }
        else:
            who = person(found_people, r.reviewee_id)
            reviewee = {
                "type": r.reviewee_type,
                "id": r.reviewee_id,
                "name": who["fullname"] if who else None,
                "picture": who["avatar"] if who else None,
            }
        out.append(
            {
                "id": r.id,
                "rating": r.rating,
                "reviewText": r.review_text,
                "reviewerRole": r.reviewer_role,
                "revieweeType": r.reviewee_type,
                "revieweeId": r.reviewee_id,
                "isPublished": r.is_published,
                "moderationStatus": r.moderation_status,
                "publishedAt": r.published_at,
                "submittedAt": r.submitted_at,
                "reviewer": person(found_people, r.reviewer_id),
                "reviewee": reviewee,
                "listing": listing,
                "listingRating": ratings.get(r.listing_id),
            }
        )
    return out


__all__ = ["NAME", "one", "page"]
