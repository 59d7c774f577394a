"""Helpers of the review tests: a completed stay (a guest's reservation of a host's
listing, marked completed as the stay-completing job would) and review bodies."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.booking.models import Reservation
from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.test_reservations_api import book_unpaid
from tests.factories import Person

REVIEWS = "/reviewsystem-api/v1/reviews"
AGGREGATES = "/reviewsystem-api/v1/reviewaggregates"
LISTINGS = "/propertycatalog-api/v1/listings"


async def completed_stay(
    client: httpx.AsyncClient,
    db: AsyncSession,
    guest: Person,
    listing: UnitType,
    first: int = 0,
    *,
    status: str = "completed",
) -> dict[str, Any]:
    """The guest's reservation of the listing, then in `status` (completed by default)."""
    made = await book_unpaid(client, guest, listing, first)
    await db.execute(
        update(Reservation)
        .where(Reservation.id == uuid.UUID(made["id"]))
        .values(status=status, completed_at=utcnow() if status == "completed" else None)
    )
    await db.commit()
    return made


def guest_review(stay: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "reservationId": stay["id"],
        "revieweeType": "listing",
        "revieweeId": stay["listingId"],
        "rating": 5,
        "reviewText": "Spotless flat, lovely view of the river.",
        **fields,
    }


def host_review(stay: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "reservationId": stay["id"],
        "revieweeType": "guest",
        "revieweeId": stay["guestId"],
        "rating": 4,
        "reviewText": "Quiet guests, left the flat tidy.",
        **fields,
    }


async def submit(client: httpx.AsyncClient, person: Person, body: dict[str, Any]) -> dict[str, Any]:
    r = await client.post(REVIEWS, json=body, headers=person.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["review"])


async def visible_ids(client: httpx.AsyncClient, person: Person | None, **params: Any) -> set[str]:
    headers = person.headers if person is not None else {}
    r = await client.get(REVIEWS, params={"pageRowCount": 100, **params}, headers=headers)
    assert r.status_code == 200, r.text
    return {item["id"] for item in r.json()["reviews"]}


async def aggregate(
    client: httpx.AsyncClient, kind: str, reviewee_id: str
) -> dict[str, Any] | None:
    r = await client.get(AGGREGATES, params={"revieweeType": kind, "revieweeId": reviewee_id})
    assert r.status_code == 200, r.text
    found = r.json()["reviewAggregates"]
    return found[0] if found else None
