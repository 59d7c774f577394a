"""Fixtures of the iCal feed tests: a host with a listing (one unit), a guest, and
helpers to book a stay and close nights as the host."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
import icalendar
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.blocks import create_block
from staykit.domain.catalog.models import AvailabilityBlock, UnitType
from tests.factories import Person, actor_of, make_listing, make_logged_in, units_of

RESERVATIONS = "/bookingmanagement-api/v1/reservations"


@pytest.fixture
async def host(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(client, db, fullname="Helena Host")


@pytest.fixture
async def guest(client: httpx.AsyncClient, db: AsyncSession) -> Person:
    return await make_logged_in(
        client, db, fullname="Gustavo Guest", email="gustavo.guest@example.test"
    )


@pytest.fixture
async def listing(db: AsyncSession, host: Person) -> UnitType:
    return await make_listing(db, host, title="Tagus loft")


def feed_path(token: str, query: str = "") -> str:
    return f"/ical/{token}.ics" + (f"?{query}" if query else "")


async def book(
    client: httpx.AsyncClient,
    guest: Person,
    listing: UnitType,
    arrival: date,
    nights: int = 2,
    **extra: Any,
) -> dict[str, Any]:
    body = {
        "listingId": str(listing.id),
        "checkIn": arrival.isoformat(),
        "checkOut": (arrival + timedelta(days=nights)).isoformat(),
        "guestCount": 2,
        **extra,
    }
    r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["reservation"])


async def close(
    db: AsyncSession,
    host: Person,
    listing: UnitType,
    arrival: date,
    nights: int = 1,
    *,
    unit: int = 0,
    note: str | None = "Family visit",
) -> AvailabilityBlock:
    units = await units_of(db, listing)
    block = await create_block(
        db,
        actor_of(host),
        units[unit].id,
        arrival,
        arrival + timedelta(days=nights),
        "owner_stay",
        note,
    )
    await db.commit()
    return block


def events_of(body: bytes) -> list[icalendar.Event]:
    """The feed parsed by icalendar (which refuses what is not iCalendar)."""
    cal = icalendar.Calendar.from_ical(body)
    assert cal.name == "VCALENDAR"
    return list(cal.walk("VEVENT"))
