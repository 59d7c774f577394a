"""createReview, updateReview and deleteReview over HTTP (spec §6.2): who reviews what and
when, the server's fields, the double-blind's publication of both sides, the reviewer's
edits and deletes before publication, moderation with its audit row, and bad input
answered with a 400 naming the field."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.audit.models import AuditLog
from staykit.domain.catalog.models import UnitType
from staykit.domain.events.models import DomainEvent
from staykit.domain.reviews.models import Review
from tests.api.marketplace.reviews import (
    REVIEWS,
    aggregate,
    completed_stay,
    guest_review,
    host_review,
    submit,
)
from tests.api.marketplace.test_reservations_api import member
from tests.factories import Person, assert_error, make_logged_in

SPEC_FIELDS = {
    "moderationStatus",
    "moderationStatus_idx",
    "isPublished",
    "reviewText",
    "rating",
    "blindSubmissionCode",
    "revieweeId",
    "reservationId",
    "reviewerId",
    "revieweeType",
    "revieweeType_idx",
    "submittedAt",
    "id",
    "isActive",
    "recordVersion",
    "createdAt",
    "updatedAt",
    "_owner",
}
STAYKIT_FIELDS = {"listingId", "reviewerRole", "publishedAt", "blindUntil"}


async def reviews_in_db(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(Review)) or 0)


# --- submitting ------------------------------------------------------------------------------


async def test_the_guest_reviews_a_completed_stay_unpublished_and_approved(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    r = await client.post(REVIEWS, json=guest_review(stay), headers=guest.headers)
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["dataName"], body["action"]) == ("review", "create")
    review = body["review"]
    assert set(review) == SPEC_FIELDS | STAYKIT_FIELDS
    assert review["reviewerId"] == guest.id and review["reviewerRole"] == "guest"
    assert (review["moderationStatus"], review["moderationStatus_idx"]) == ("approved", 1)
    assert review["isPublished"] is False and review["publishedAt"] is None
    assert (review["revieweeType"], review["revieweeType_idx"]) == ("listing", 2)
    assert review["blindSubmissionCode"] and review["listingId"] == str(listing.id)
    events = await db.scalars(
        select(DomainEvent.type).where(DomainEvent.aggregate_id == uuid.UUID(review["id"]))
    )
    assert list(events) == ["review.submitted"]


async def test_the_second_side_publishes_both_reviews_and_the_aggregates_count_them(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    first = await submit(client, guest, guest_review(stay, rating=4))
    assert await aggregate(client, "listing", str(listing.id)) is None
    second = await submit(client, host, host_review(stay, rating=2))
    assert second["isPublished"] is True and second["publishedAt"]
    r = await client.get(f"{REVIEWS}/{first['id']}", headers=guest.headers)
    assert r.json()["review"]["isPublished"] is True
    # The guest's one review counts for the listing and for its host.
    for kind, reviewee, figures in (
        ("listing", str(listing.id), (4, 1)),
        ("host", host.id, (4, 1)),
        ("guest", guest.id, (2, 1)),
    ):
        found = await aggregate(client, kind, reviewee)
        assert found is not None
        assert (found["averageRating"], found["reviewCount"]) == figures
        assert found["visibilityStatus"] == "public"
    published = await db.scalar(select(func.count()).where(DomainEvent.type == "review.published"))
    assert published == 2


async def test_the_guest_may_review_the_host_instead_and_it_counts_for_the_listing_too(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    body = guest_review(stay, revieweeType="host", revieweeId=host.id, rating=3)
    await submit(client, guest, body)
    await submit(client, host, host_review(stay))
    for kind, reviewee in (("listing", str(listing.id)), ("host", host.id)):
        found = await aggregate(client, kind, reviewee)
        assert found is not None and (found["averageRating"], found["reviewCount"]) == (3, 1)


async def test_a_member_of_the_hosts_business_reviews_as_the_host(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    manager = await member(client, db, listing, "manager")
    review = await submit(client, manager, host_review(stay))
    assert review["reviewerRole"] == "host" and review["reviewerId"] == manager.id


async def test_each_side_reviews_once(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    await submit(client, guest, guest_review(stay))
    again = guest_review(stay, revieweeType="host", revieweeId=host.id)
    assert_error(
        await client.post(REVIEWS, json=again, headers=guest.headers), 409, field="reservationId"
    )
    await submit(client, host, host_review(stay))
    manager = await member(client, db, listing, "manager")
    r = await client.post(REVIEWS, json=host_review(stay), headers=manager.headers)
    assert_error(r, 409, field="reservationId")
    assert await reviews_in_db(db) == 2


@pytest.mark.parametrize("status", ["confirmed", "cancelled", "new"])
async def test_only_a_completed_stay_is_reviewed(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    listing: UnitType,
    status: str,
) -> None:
    stay = await completed_stay(client, db, guest, listing, status=status)
    r = await client.post(REVIEWS, json=guest_review(stay), headers=guest.headers)
    body = assert_error(r, 409, field="reservationId")
    assert body["facts"] == {"bookingStatus": status}
    assert await reviews_in_db(db) == 0


@pytest.mark.parametrize(
    ("side", "change", "field"),
    [
        ("guest", {"revieweeType": "guest"}, "revieweeType"),
        ("guest", {"revieweeId": str(uuid.uuid4())}, "revieweeId"),
        ("guest", {"revieweeType": "host"}, "revieweeId"),  # the listing's id is not the host
        ("host", {"revieweeType": "listing"}, "revieweeType"),
        ("host", {"revieweeId": str(uuid.uuid4())}, "revieweeId"),
    ],
)
async def test_the_reviewee_must_be_the_stays_other_side(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    listing: UnitType,
    side: str,
    change: dict[str, Any],
    field: str,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    person, body = (guest, guest_review(stay)) if side == "guest" else (host, host_review(stay))
    r = await client.post(REVIEWS, json={**body, **change}, headers=person.headers)
    assert_error(r, 400, field=field)
    assert await reviews_in_db(db) == 0


async def test_strangers_cannot_review_and_unknown_stays_are_404(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    r = await client.post(REVIEWS, json=guest_review(stay), headers=other.headers)
    assert_error(r, 404, field="reservationId")
    # An admin sees the reservation but is no party to it.
    r = await client.post(REVIEWS, json=guest_review(stay), headers=admin.headers)
    assert_error(r, 403, field="reservationId")
    unknown = guest_review(stay, reservationId=str(uuid.uuid4()))
    assert_error(await client.post(REVIEWS, json=unknown, headers=guest.headers), 404)
    assert_error(await client.post(REVIEWS, json=guest_review(stay)), 401)
    assert await reviews_in_db(db) == 0


async def test_server_fields_are_never_taken_from_the_body(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, other: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    body = guest_review(
        stay,
        moderationStatus="approved",
        isPublished=False,
        submittedAt="2001-01-01T00:00:00Z",
        blindSubmissionCode="mine",
        reviewerId=guest.id,
    )
    review = await submit(client, guest, body)
    assert review["submittedAt"] > "2020" and review["blindSubmissionCode"] != "mine"
    assert review["isPublished"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"isPublished": True}, "isPublished"),
        ({"reviewerId": "OTHER"}, "reviewerId"),
        ({"moderationStatus": "excellent"}, "moderationStatus"),
        ({"rating": 0}, "rating"),
        ({"rating": 6}, "rating"),
        ({"rating": 4.5}, "rating"),
        ({"rating": "5"}, "rating"),
        ({"rating": True}, "rating"),
        ({"reviewText": ""}, "reviewText"),
        ({"reviewText": "x" * 5001}, "reviewText"),
        ({"reviewText": None}, "reviewText"),
        ({"reservationId": "not-an-id"}, "reservationId"),
        ({"revieweeType": "neighbour"}, "revieweeType"),
        ({"surprise": 1}, "surprise"),
    ],
)
async def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    other: Person,
    listing: UnitType,
    change: dict[str, Any],
    field: str,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    if change.get("reviewerId") == "OTHER":
        change = {"reviewerId": other.id}
    r = await client.post(REVIEWS, json=guest_review(stay, **change), headers=guest.headers)
    assert_error(r, 400, field=field)
    assert await reviews_in_db(db) == 0


async def test_missing_required_fields_are_named(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    for name in ("reservationId", "revieweeType", "revieweeId", "rating", "reviewText"):
        body = guest_review(stay)
        del body[name]
        assert_error(await client.post(REVIEWS, json=body, headers=guest.headers), 400, field=name)


# --- editing and deleting before publication ----------------------------------------------------


async def test_the_reviewer_edits_until_publication_then_not(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    review = await submit(client, guest, guest_review(stay))
    url = f"{REVIEWS}/{review['id']}"
    r = await client.patch(
        url, json={"reviewText": "Better said.", "rating": 3}, headers=guest.headers
    )
    assert r.status_code == 200, r.text
    assert (r.json()["review"]["reviewText"], r.json()["review"]["rating"]) == ("Better said.", 3)
    await submit(client, host, host_review(stay))
    r = await client.patch(url, json={"reviewText": "Too late."}, headers=guest.headers)
    assert_error(r, 409, field="isPublished")
    assert_error(await client.delete(url, headers=guest.headers), 409, field="isPublished")
    found = await aggregate(client, "listing", str(listing.id))
    assert found is not None and found["averageRating"] == 3


async def test_the_reviewer_deletes_before_publication_and_cannot_review_again(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    review = await submit(client, guest, guest_review(stay))
    r = await client.delete(f"{REVIEWS}/{review['id']}", headers=guest.headers)
    assert r.status_code == 200 and r.json()["review"]["isActive"] is False
    assert_error(await client.get(f"{REVIEWS}/{review['id']}", headers=guest.headers), 404)
    again = await client.post(REVIEWS, json=guest_review(stay), headers=guest.headers)
    assert_error(again, 409, field="reservationId")
    # The host's review does not publish the deleted one.
    host_side = await submit(client, host, host_review(stay))
    assert host_side["isPublished"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body"),
        ({"isPublished": True}, "isPublished"),
        ({"rating": 9}, "rating"),
        ({"reviewText": None}, "reviewText"),
        ({"moderationStatus": "maybe"}, "moderationStatus"),
    ],
)
async def test_bad_updates_are_refused_with_the_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    body: dict[str, Any],
    field: str,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    review = await submit(client, guest, guest_review(stay))
    r = await client.patch(f"{REVIEWS}/{review['id']}", json=body, headers=guest.headers)
    assert_error(r, 400, field=field)


# --- moderation ------------------------------------------------------------------------------


async def published_pair(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> tuple[dict[str, Any], dict[str, Any]]:
    stay = await completed_stay(client, db, guest, listing)
    mine = await submit(client, guest, guest_review(stay, rating=5))
    theirs = await submit(client, host, host_review(stay, rating=4))
    return mine, theirs


async def test_an_admin_rejects_a_review_it_leaves_lists_and_aggregates_and_is_audited(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    other: Person,
    listing: UnitType,
) -> None:
    mine, _ = await published_pair(client, db, guest, host, listing)
    url = f"{REVIEWS}/{mine['id']}"
    r = await client.patch(url, json={"moderationStatus": "rejected"}, headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["review"]["moderationStatus"] == "rejected"
    assert_error(await client.get(url, headers=other.headers), 404)
    assert (await client.get(url, headers=guest.headers)).status_code == 200  # the reviewer's own
    found = await aggregate(client, "listing", str(listing.id))
    assert found is not None and found["reviewCount"] == 0 and found["visibilityStatus"] == "hidden"
    audit = (
        await db.scalars(select(AuditLog).where(AuditLog.object_id == uuid.UUID(mine["id"])))
    ).one()
    assert audit.action_type == "review.rejected" and audit.performed_by == admin.user.id
    assert audit.details["before"]["moderationStatus"] == "approved"
    assert audit.details["after"]["moderationStatus"] == "rejected"
    r = await client.patch(url, json={"moderationStatus": "approved"}, headers=admin.headers)
    assert r.status_code == 200
    found = await aggregate(client, "listing", str(listing.id))
    assert found is not None and found["reviewCount"] == 1


async def test_only_moderators_moderate_and_a_granted_permission_makes_one(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    other: Person,
    listing: UnitType,
) -> None:
    mine, theirs = await published_pair(client, db, guest, host, listing)
    for person, review in ((guest, mine), (host, mine), (host, theirs), (other, mine)):
        r = await client.patch(
            f"{REVIEWS}/{review['id']}",
            json={"moderationStatus": "rejected"},
            headers=person.headers,
        )
        assert_error(r, 403, field="moderationStatus")
    grant = {"permissionName": "reviews.moderate", "subjectUserId": other.id, "canDo": True}
    r = await client.post("/auth-api/v1/givenpermissions", json=grant, headers=admin.headers)
    assert r.status_code == 201, r.text
    r = await client.patch(
        f"{REVIEWS}/{mine['id']}", json={"moderationStatus": "pending"}, headers=other.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["review"]["blindSubmissionCode"]  # moderators see it


async def test_a_moderator_deletes_a_published_review_and_the_aggregates_follow(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    admin: Person,
    listing: UnitType,
) -> None:
    mine, _theirs = await published_pair(client, db, guest, host, listing)
    assert_error(await client.delete(f"{REVIEWS}/{mine['id']}", headers=host.headers), 403)
    r = await client.delete(f"{REVIEWS}/{mine['id']}", headers=admin.headers)
    assert r.status_code == 200 and r.json()["action"] == "delete"
    for kind, reviewee in (("listing", str(listing.id)), ("host", host.id)):
        found = await aggregate(client, kind, reviewee)
        assert found is not None and found["reviewCount"] == 0
    guest_side = await aggregate(client, "guest", guest.id)
    assert guest_side is not None and guest_side["reviewCount"] == 1
    audit = await db.scalar(
        select(AuditLog.action_type).where(AuditLog.object_id == uuid.UUID(mine["id"]))
    )
    assert audit == "review.delete"
    assert_error(await client.delete(f"{REVIEWS}/{mine['id']}", headers=admin.headers), 404)
    deleted = await client.get(REVIEWS, params={"isActive": "false"}, headers=admin.headers)
    assert [x["id"] for x in deleted.json()["reviews"]] == [mine["id"]]


async def test_unknown_ids_are_404(client: httpx.AsyncClient, guest: Person, admin: Person) -> None:
    unknown = uuid.uuid4()
    for person in (guest, admin):
        assert_error(await client.get(f"{REVIEWS}/{unknown}", headers=person.headers), 404)
        r = await client.patch(f"{REVIEWS}/{unknown}", json={"rating": 2}, headers=person.headers)
        assert_error(r, 404)
        assert_error(await client.delete(f"{REVIEWS}/{unknown}", headers=person.headers), 404)
    assert_error(await client.get(f"{REVIEWS}/not-an-id"), 400)
    assert_error(await client.get(f"/reviewsystem-api/v1/reviewaggregates/{unknown}"), 404)


async def test_another_guests_stay_cannot_be_reviewed(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    someone = await make_logged_in(client, db)
    r = await client.post(REVIEWS, json=host_review(stay), headers=someone.headers)
    assert_error(r, 404, field="reservationId")
