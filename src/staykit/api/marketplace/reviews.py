"""The reviewSystem service under /reviewsystem-api (spec §6.2): the seven review and
aggregate routes, by hand over staykit.domain.reviews (the rules live there: who reviews,
the double-blind, moderation, the aggregates' recount)."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from sqlalchemy import select

from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import respond
from staykit.api.marketplace.resource import (
    Resource,
    get_joins,
    list_parameters,
    list_records,
    read_parameters,
)
from staykit.api.marketplace.responses import DELETE, READ, WRITE, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.reviews_schemas import (
    AGGREGATE_FILTERS,
    REVIEW_FILTERS,
    CreateReview,
    ReviewAggregateRecord,
    ReviewRecord,
    UpdateReview,
    aggregate_json,
    review_json,
)
from staykit.domain.auth.models import User
from staykit.domain.booking import repository as reservations
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.records import Records
from staykit.domain.reviews import access, aggregates, service
from staykit.domain.reviews.models import Review, ReviewAggregate

router = APIRouter()
ReviewId = Annotated[uuid.UUID, Path(description="The review's id")]
AggregateId = Annotated[uuid.UUID, Path(description="The review aggregate's id")]
REVIEW = envelope("review", ReviewRecord)
AGGREGATE = envelope("reviewAggregate", ReviewAggregateRecord)


def _private(ctx: Ctx, review: Review, moderator: bool) -> bool:
    return moderator or (ctx.actor is not None and ctx.actor.user_id == review.reviewer_id)


async def _shape(ctx: Ctx, rows: list[Review]) -> list[dict[str, Any]]:
    moderator = await access.is_moderator(ctx.session, ctx.actor)
    return [review_json(r, private=_private(ctx, r, moderator)) for r in rows]


async def _joins(ctx: Ctx, review: Review, out: dict[str, Any]) -> None:
    """The reviewer and the reviewee (their names), and the reservation for those who may
    see it. Only ever added to a review the caller may already read."""
    users = {
        uid: name
        for uid, name in await ctx.session.execute(
            select(User.id, User.fullname).where(
                User.id.in_([review.reviewer_id, review.reviewee_id])
            )
        )
    }
    out["reviewer"] = {"id": str(review.reviewer_id), "name": users.get(review.reviewer_id)}
    if review.reviewee_type == "listing":
        title = await ctx.session.scalar(
            select(UnitType.title).where(UnitType.id == review.reviewee_id)
        )
        out["reviewee"] = {"id": str(review.reviewee_id), "name": title}
    else:
        out["reviewee"] = {"id": str(review.reviewee_id), "name": users.get(review.reviewee_id)}
    out["reservation"] = None
    if ctx.actor is not None:
        stay = await ctx.session.scalar(
            select(Reservation).where(
                Reservation.id == review.reservation_id, reservations.visible_condition(ctx.actor)
            )
        )
        if stay is not None:
            out["reservation"] = {
                "id": str(stay.id),
                "listingId": str(stay.unit_type_id),
                "checkIn": stay.arrival.isoformat(),
                "checkOut": stay.departure.isoformat(),
            }


reviews_resource = Resource(
    name="review",
    plural="reviews",
    # Lists only: the route builds the readable statement (reviews.access).
    records=Records(Review, "review"),
    id_param="reviewId",
    filters=REVIEW_FILTERS,
    shape_rows=_shape,
)


async def _aggregate_rows(_ctx: Ctx, rows: list[ReviewAggregate]) -> list[dict[str, Any]]:
    return [aggregate_json(a) for a in rows]


aggregates_resource = Resource(
    name="reviewAggregate",
    plural="reviewAggregates",
    records=Records(ReviewAggregate, "reviewAggregate"),
    id_param="reviewAggregateId",
    filters=AGGREGATE_FILTERS,
    shape_rows=_aggregate_rows,
)


# --- reviews --------------------------------------------------------------------------------


@router.post(
    "/v1/reviews",
    tags=["reviews"],
    summary="createReview",
    status_code=201,
    **described(A.LOGIN, *WRITE, model=REVIEW),
)
async def create_review(ctx: Context, body: CreateReview) -> JSONResponse:
    """Review a completed stay: its guest (the listing or the host: one review, counted
    for both) or its host (the guest), once each, until the review window closes (409
    after). Double-blind: the review stays unpublished, seen only by its reviewer and
    moderators, until the other side's is in (both are then published) or the window
    closes (a job publishes it). New reviews are approved."""
    review = await service.submit_review(
        ctx.session, ctx.user(), body.command(ctx.settings.review_window_days)
    )
    return respond(ctx, "review", review_json(review, private=True), action="create")


@router.get(
    "/v1/reviews/{reviewId}",
    tags=["reviews"],
    summary="getReview",
    **described(A.OPTIONAL, *READ, model=REVIEW, parameters=read_parameters()),
)
async def get_review(ctx: Context, reviewId: ReviewId) -> JSONResponse:
    """A published, approved review for anyone; an unpublished one only for its reviewer
    and moderators (404 for anyone else, the other side of the stay included). Joins the
    reviewer, the reviewee and (for those who may see it) the reservation."""
    joins = get_joins(ctx)
    review = await service.get_review(ctx.session, ctx.actor, reviewId)
    shaped = (await _shape(ctx, [review]))[0]
    if joins:
        await _joins(ctx, review, shaped)
    return respond(ctx, "review", shaped, action="get")


@router.get(
    "/v1/reviews",
    tags=["reviews"],
    summary="listReviews",
    **described(
        A.OPTIONAL,
        400,
        model=envelope("reviews", ReviewRecord, "page"),
        parameters=list_parameters(reviews_resource),
    ),
)
async def list_reviews(ctx: Context) -> JSONResponse:
    """The published, approved reviews, plus the caller's own whatever their state
    (filter reviewerId to list only those); moderators list every review (isActive=false:
    admins list deleted ones). Newest first."""
    moderator = await access.is_moderator(ctx.session, ctx.actor)
    base = select(Review).where(access.readable_condition(ctx.actor, moderator=moderator))
    return await list_records(ctx, reviews_resource, base=base)


@router.patch(
    "/v1/reviews/{reviewId}",
    tags=["reviews"],
    summary="updateReview",
    **described(A.LOGIN, *WRITE, model=REVIEW),
)
async def update_review(ctx: Context, reviewId: ReviewId, body: UpdateReview) -> JSONResponse:
    """The reviewer changes reviewText and rating before publication (409 after; 403 for
    anyone else); admins and moderators set moderationStatus at any time (403 for others),
    which writes an audit row and recounts the aggregates."""
    review = await service.change_review(ctx.session, ctx.user(), reviewId, body.change(ctx.ip))
    shaped = (await _shape(ctx, [review]))[0]
    return respond(ctx, "review", shaped, action="update")


@router.delete(
    "/v1/reviews/{reviewId}",
    tags=["reviews"],
    summary="deleteReview",
    **described(A.LOGIN, *DELETE, model=REVIEW),
)
async def delete_review(ctx: Context, reviewId: ReviewId) -> JSONResponse:
    """A soft delete (isActive false): the reviewer before publication (409 after),
    admins and moderators at any time (audited). The aggregates are recounted."""
    review = await service.delete_review(ctx.session, ctx.user(), reviewId, ip_address=ctx.ip)
    shaped = (await _shape(ctx, [review]))[0]
    return respond(ctx, "review", shaped, action="delete")


# --- aggregates -----------------------------------------------------------------------------


@router.get(
    "/v1/reviewaggregates",
    tags=["reviewAggregates"],
    summary="listReviewAggregates",
    **described(
        A.OPTIONAL,
        400,
        model=envelope("reviewAggregates", ReviewAggregateRecord, "page"),
        parameters=list_parameters(aggregates_resource),
    ),
)
async def list_review_aggregates(ctx: Context) -> JSONResponse:
    """Every listing's, host's and guest's rating: the count and average of their
    published, approved reviews (nothing of a review still behind the double-blind)."""
    base = select(ReviewAggregate).where(aggregates.readable_condition())
    return await list_records(ctx, aggregates_resource, base=base)


@router.get(
    "/v1/reviewaggregates/{reviewAggregateId}",
    tags=["reviewAggregates"],
    summary="getReviewAggregate",
    **described(A.OPTIONAL, *READ, model=AGGREGATE, parameters=read_parameters()),
)
async def get_review_aggregate(ctx: Context, reviewAggregateId: AggregateId) -> JSONResponse:
    """One rating, by the aggregate's id."""
    get_joins(ctx)  # the common parameters are checked; an aggregate has no joins
    found = await aggregates.get_aggregate(ctx.session, reviewAggregateId)
    return respond(ctx, "reviewAggregate", aggregate_json(found), action="get")


__all__ = ["router"]
