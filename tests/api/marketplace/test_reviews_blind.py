"""The double-blind (spec §6, §13): before both reviews are in or the window closes,
neither side of the stay sees the other's review through any route (get, list with each
filter, the aggregates, listing reads and search); the job publishes reviews at the
window's end (frozen clock); a review after the window is refused; search sorts by
rating."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from staykit.domain.reviews.publishing import publish_due
from tests.api.marketplace.reviews import (
    AGGREGATES,
    LISTINGS,
    REVIEWS,
    aggregate,
    completed_stay,
    guest_review,
    host_review,
    submit,
    visible_ids,
)
from tests.factories import Person, assert_error, frozen_clock, make_listing


async def what_they_see(
    client: httpx.AsyncClient, person: Person | None, review: dict[str, Any]
) -> list[str]:
    """Every way `person` could learn of `review`: the routes that showed it."""
    shown = []
    headers = person.headers if person is not None else {}
    if (await client.get(f"{REVIEWS}/{review['id']}", headers=headers)).status_code != 404:
        shown.append("get")
    filters: list[dict[str, Any]] = [
        {},
        {"revieweeId": review["revieweeId"]},
        {"reservationId": review["reservationId"]},
        {"reviewerId": review["reviewerId"]},
        {"revieweeType": review["revieweeType"]},
        {"listingId": review["listingId"]},
        {"isPublished": "false"},
        {"moderationStatus": "approved"},
        {"getJoins": "false", "pageNumber": 0},
    ]
    for params in filters:
        if review["id"] in await visible_ids(client, person, **params):
            shown.append(f"list {params}")
    # Any aggregate counting anything (the tests publish nothing else meanwhile).
    r = await client.get(AGGREGATES, params={"pageNumber": 0}, headers=headers)
    for found in r.json()["reviewAggregates"]:
        if found["reviewCount"]:
            shown.append(f"aggregate {found['revieweeType']}")
    listing = (await client.get(f"{LISTINGS}/{review['listingId']}", headers=headers)).json()
    if listing["listing"]["reviewCount"]:
        shown.append("getListing")
    for params in ({}, {"sort": "rating"}):
        found = (await client.get(LISTINGS, params=params, headers=headers)).json()["listings"]
        if any(x["id"] == review["listingId"] and x["reviewCount"] for x in found):
            shown.append(f"search {params}")
    return shown


async def test_neither_side_sees_the_others_review_before_both_are_in(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    host: Person,
    other: Person,
    listing: UnitType,
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    mine = await submit(client, guest, guest_review(stay))
    for person in (host, other, None):
        assert await what_they_see(client, person, mine) == []
    # The reviewer sees their own (never counted yet).
    assert "get" in await what_they_see(client, guest, mine)
    assert mine["id"] in await visible_ids(client, guest, reviewerId=guest.id)
    # And the same the other way round, with the host's review in first elsewhere.
    second = await make_listing(db, host, title="Second flat")
    later = await completed_stay(client, db, guest, second, 10)
    theirs = await submit(client, host, host_review(later))
    for person in (guest, other, None):
        assert await what_they_see(client, person, theirs) == []
    r = await client.get(f"{REVIEWS}/{theirs['id']}", headers=guest.headers)
    assert_error(r, 404, field="reviewId")
    # Both in for the first stay: each sees the other's, and so does everyone.
    await submit(client, host, host_review(stay))
    for person in (host, other, None):
        shown = await what_they_see(client, person, mine)
        assert "get" in shown and "aggregate listing" in shown and "getListing" in shown
        assert "search {'sort': 'rating'}" in shown
    r = await client.get(f"{REVIEWS}/{mine['id']}", headers=other.headers)
    assert r.json()["review"]["blindSubmissionCode"] is None  # the reviewer's and moderators'
    assert r.json()["review"]["reviewer"]["id"] == guest.id
    assert r.json()["review"]["reservation"] is None  # a stranger does not see the stay


async def test_the_job_publishes_a_lone_review_when_the_window_closes(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    mine = await submit(client, guest, guest_review(stay, rating=3))
    closes = mine["blindUntil"]
    # Check-out (11:00 in Lisbon) plus 14 days.
    assert closes.startswith((utcnow().date() + timedelta(days=40 + 2 + 14)).isoformat()), closes
    at = datetime.fromisoformat(closes)
    with frozen_clock(at - timedelta(seconds=1)):
        assert await publish_due(db) == 0
    assert await what_they_see(client, host, mine) == []
    with frozen_clock(at):
        assert await publish_due(db) == 1
        await db.commit()
    shown = await what_they_see(client, host, mine)
    assert "get" in shown and "aggregate listing" in shown and "aggregate host" in shown
    found = await aggregate(client, "listing", str(listing.id))
    assert found is not None and (found["averageRating"], found["reviewCount"]) == (3, 1)
    # A published review is final for its reviewer.
    r = await client.patch(f"{REVIEWS}/{mine['id']}", json={"rating": 5}, headers=guest.headers)
    assert_error(r, 409)


async def test_a_review_after_the_window_closed_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    stay = await completed_stay(client, db, guest, listing)
    # Moved into the past: checked out 15 days ago (the window is 14 days).
    departed = utcnow().date() - timedelta(days=15)
    await db.execute(
        update(Reservation)
        .where(Reservation.id == uuid.UUID(stay["id"]))
        .values(arrival=departed - timedelta(days=2), departure=departed)
    )
    await db.commit()
    for person, body in ((guest, guest_review(stay)), (host, host_review(stay))):
        r = await client.post(REVIEWS, json=body, headers=person.headers)
        found = assert_error(r, 409, field="reservationId")
        closed = datetime.fromisoformat(str(found["facts"]["windowClosedAt"]))  # type: ignore[index]
        assert closed.date() in (departed + timedelta(days=14), departed + timedelta(days=15))
    # One day less and it is still open.
    await db.execute(
        update(Reservation)
        .where(Reservation.id == uuid.UUID(stay["id"]))
        .values(arrival=departed, departure=departed + timedelta(days=2))
    )
    await db.commit()
    await submit(client, guest, guest_review(stay))


async def test_search_sorts_by_rating_best_first(
    client: httpx.AsyncClient, db: AsyncSession, guest: Person, host: Person, listing: UnitType
) -> None:
    ratings = {}
    for n, rating in enumerate((3, 5, 1)):
        flat = await make_listing(db, host, title=f"Rated flat {n}")
        stay = await completed_stay(client, db, guest, flat, 10 * n)
        await submit(client, guest, guest_review(stay, rating=rating))
        await submit(client, host, host_review(stay))
        ratings[str(flat.id)] = rating
    r = await client.get(LISTINGS, params={"sort": "rating", "q": "rated flat"})
    assert r.status_code == 200, r.text
    found = [(x["id"], x["averageRating"], x["reviewCount"]) for x in r.json()["listings"]]
    assert [a for _, a, _ in found] == [5, 3, 1]
    assert all(ratings[i] == a and c == 1 for i, a, c in found)
    # With dates the hits are priced and still sorted.
    day = (utcnow().date() + timedelta(days=200)).isoformat()
    out = (utcnow().date() + timedelta(days=202)).isoformat()
    r = await client.get(
        LISTINGS, params={"sort": "rating", "q": "rated flat", "checkIn": day, "checkOut": out}
    )
    assert [x["averageRating"] for x in r.json()["listings"]] == [5, 3, 1]
    assert all(x["quote"] for x in r.json()["listings"])
    unrated = (await client.get(f"{LISTINGS}/{listing.id}")).json()["listing"]
    assert (unrated["averageRating"], unrated["reviewCount"]) == (0, 0)
