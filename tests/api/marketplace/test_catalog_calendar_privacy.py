"""A calendar entry's bookkeeping (bookedBy, iCalUrl, externalCalendarIds) is its owner's:
private feed URLs and who booked. Entries of published listings are public, but those three
are null for anyone but the listing's managers (host, business owners/managers) and admins,
in get, list and the bulk answer alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.catalog.models import UnitType
from tests.factories import Person, add_member, make_logged_in, make_user

CALENDARS = "/propertycatalog-api/v1/listingcalendars"
PRIVATE = ("bookedBy", "iCalUrl", "externalCalendarIds")
# Within the calendar write window (yesterday to 3 years ahead) whenever the tests run.
DAY = (utcnow().date() + timedelta(days=120)).isoformat()


async def _private_entry(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> dict[str, Any]:
    booker = await make_user(db)
    r = await client.post(
        CALENDARS,
        json={
            "listingId": str(listing.id),
            "date": DAY,
            "isAvailable": False,
            "priceOverride": 150,
            "bookedBy": booker.id,
            "iCalUrl": "https://calendar.example/ics/secret-token",
            "externalCalendarIds": "airbnb:123",
        },
        headers=host.headers,
    )
    assert r.status_code == 201, r.text
    got = dict(r.json()["listingCalendar"])
    assert got["bookedBy"] == booker.id  # the host sees its own bookkeeping
    return got


def _public_part(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if k not in PRIVATE}


async def _seen_by(client: httpx.AsyncClient, entry_id: str, person: Person | None) -> list[dict]:
    """The entry as get and list answer it to `person` (None: anonymous)."""
    headers = person.headers if person else {}
    one = await client.get(f"{CALENDARS}/{entry_id}", headers=headers)
    assert one.status_code == 200, one.text
    many = await client.get(CALENDARS, headers=headers)
    assert many.status_code == 200, many.text
    listed = [e for e in many.json()["listingCalendars"] if e["id"] == entry_id]
    return [one.json()["listingCalendar"], *listed]


async def test_anonymous_callers_and_other_users_get_the_entry_without_the_owners_bookkeeping(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person, listing: UnitType
) -> None:
    got = await _private_entry(client, db, host, listing)
    for person in (None, other):
        seen = await _seen_by(client, got["id"], person)
        assert len(seen) == 2
        for entry in seen:
            assert all(entry[k] is None for k in PRIVATE), entry
            assert _public_part(entry) == _public_part(got)
            assert entry["priceOverride"] == 150 and entry["isAvailable"] is False


async def test_the_host_a_business_manager_and_admins_see_the_bookkeeping(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, admin: Person, listing: UnitType
) -> None:
    got = await _private_entry(client, db, host, listing)
    manager = await make_logged_in(client, db)
    await add_member(db, listing.business_id, manager, "manager")
    for person in (host, manager, admin):
        for entry in await _seen_by(client, got["id"], person):
            assert entry == got


async def test_a_business_member_who_does_not_manage_does_not_see_the_bookkeeping(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await _private_entry(client, db, host, listing)
    staff = await make_logged_in(client, db)
    await add_member(db, listing.business_id, staff, "staff")
    for entry in await _seen_by(client, got["id"], staff):
        assert all(entry[k] is None for k in PRIVATE)
