"""The one date rule over HTTP, at both edges of every entry point: stays arrive from today
and leave at most 3 years ahead (property-local); calendar writes cover yesterday to 3
years ahead; a search, with no property yet, takes the widest zone. Outside: a 400 naming
the field, with the first and last date allowed as facts. The clock is frozen at the real
instant (`frozen`), so the tests and the server agree on "today" even at midnight."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import FrozenClock
from staykit.domain.catalog.models import InventoryDay, UnitType
from tests.factories import Person, assert_error, make_listing

LISTINGS = "/propertycatalog-api/v1/listings"
CALENDARS = "/propertycatalog-api/v1/listingcalendars"
RESERVATIONS = "/bookingmanagement-api/v1/reservations"
ONE = timedelta(days=1)


def plus_three_years(day: date) -> date:
    try:
        return day.replace(year=day.year + 3)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 3, day=28)


def local_today(frozen: FrozenClock, zone: str = "Europe/Lisbon") -> date:
    return frozen.at.astimezone(ZoneInfo(zone)).date()


def out_of_range(r: httpx.Response, field: str, first: date, last: date) -> None:
    body = assert_error(r, 400, field=field, message="errMsg_dateOutOfRange")
    assert body["facts"] == {"first": first.isoformat(), "last": last.isoformat()}
    assert body["requestId"]


def iso(day: date) -> str:
    return day.isoformat()


# --- quotes -------------------------------------------------------------------------------


async def test_a_quote_may_leave_three_years_ahead_and_not_a_day_later(
    client: httpx.AsyncClient, listing: UnitType, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    last = plus_three_years(today)
    url = f"{LISTINGS}/{listing.id}/quote"
    ok = await client.get(
        url, params={"checkIn": iso(last - 2 * ONE), "checkOut": iso(last), "guestCount": 1}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["quote"]["bookable"] is True
    beyond = await client.get(
        url, params={"checkIn": iso(last - ONE), "checkOut": iso(last + ONE), "guestCount": 1}
    )
    out_of_range(beyond, "checkOut", today, last)
    # The far future a newcomer tried is refused too, not quoted as bookable.
    far = await client.get(
        url, params={"checkIn": "9999-12-30", "checkOut": "9999-12-31", "guestCount": 1}
    )
    out_of_range(far, "checkOut", today, last)


async def test_a_quote_arriving_today_is_bookable_and_yesterday_is_the_arrivalInPast_rule(
    client: httpx.AsyncClient, listing: UnitType, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    url = f"{LISTINGS}/{listing.id}/quote"
    ok = await client.get(
        url, params={"checkIn": iso(today), "checkOut": iso(today + 2 * ONE), "guestCount": 1}
    )
    assert ok.json()["quote"]["bookable"] is True, ok.text
    past = await client.get(
        url, params={"checkIn": iso(today - ONE), "checkOut": iso(today + ONE), "guestCount": 1}
    )
    assert past.status_code == 200, past.text
    assert [v["rule"] for v in past.json()["quote"]["violations"]] == ["arrivalInPast"]


# --- bookings -----------------------------------------------------------------------------


def stay(listing: UnitType, arrival: date, departure: date) -> dict[str, Any]:
    return {
        "listingId": str(listing.id),
        "checkIn": iso(arrival),
        "checkOut": iso(departure),
        "guestCount": 1,
    }


async def test_a_booking_may_leave_three_years_ahead_and_not_a_day_later(
    client: httpx.AsyncClient, listing: UnitType, guest: Person, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    last = plus_three_years(today)
    beyond = await client.post(
        RESERVATIONS, json=stay(listing, last - ONE, last + ONE), headers=guest.headers
    )
    out_of_range(beyond, "checkOut", today, last)
    ok = await client.post(
        RESERVATIONS, json=stay(listing, last - 2 * ONE, last), headers=guest.headers
    )
    assert ok.status_code == 201, ok.text


async def test_a_booking_may_arrive_today_and_not_yesterday(
    client: httpx.AsyncClient, listing: UnitType, guest: Person, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    past = await client.post(
        RESERVATIONS, json=stay(listing, today - ONE, today + ONE), headers=guest.headers
    )
    body = assert_error(past, 400, field="checkIn", message="errMsg_arrivalInPast")
    assert body["facts"]["rules"][0]["rule"] == "arrivalInPast"
    assert body["facts"]["rules"][0]["field"] == "checkIn"
    ok = await client.post(
        RESERVATIONS, json=stay(listing, today, today + ONE), headers=guest.headers
    )
    assert ok.status_code == 201, ok.text


# --- search -------------------------------------------------------------------------------


def widest(frozen: FrozenClock) -> tuple[date, date]:
    """The first arrival anywhere on Earth (UTC-12) and the last departure (UTC+14)."""
    first = (frozen.at - timedelta(hours=12)).date()
    return first, plus_three_years((frozen.at + timedelta(hours=14)).date())


async def search(client: httpx.AsyncClient, arrival: date, departure: date) -> httpx.Response:
    return await client.get(LISTINGS, params={"checkIn": iso(arrival), "checkOut": iso(departure)})


def titles(r: httpx.Response) -> set[str]:
    assert r.status_code == 200, r.text
    return {hit["title"] for hit in r.json()["listings"]}


async def test_a_search_takes_the_widest_zone_at_both_edges(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, frozen: FrozenClock
) -> None:
    await make_listing(db, host, title="East", timeZone="Pacific/Kiritimati")
    await db.commit()
    first, last = widest(frozen)
    assert "East" in titles(await search(client, last - 2 * ONE, last))
    out_of_range(await search(client, last - ONE, last + ONE), "checkOut", first, last)
    assert titles(await search(client, first, first + 2 * ONE)) == set()  # past in Kiribati
    out_of_range(await search(client, first - ONE, first + ONE), "checkIn", first, last)


async def test_each_listing_meets_the_horizon_in_its_own_zone(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, frozen: FrozenClock
) -> None:
    await make_listing(db, host, title="West", timeZone="Etc/GMT+12")
    await db.commit()
    last = plus_three_years(local_today(frozen, "Etc/GMT+12"))
    assert "West" in titles(await search(client, last - 2 * ONE, last))
    # Still within the widest zone's horizon (UTC+14 is always a day or two ahead), but
    # beyond this listing's own.
    assert "West" not in titles(await search(client, last - ONE, last + ONE))


# --- calendar writes ------------------------------------------------------------------------


async def test_a_calendar_entry_may_be_written_from_yesterday_to_three_years_ahead(
    client: httpx.AsyncClient, listing: UnitType, host: Person, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    first, last = today - ONE, plus_three_years(today)

    async def create(day: date) -> httpx.Response:
        body = {"listingId": str(listing.id), "date": iso(day), "isAvailable": False}
        return await client.post(CALENDARS, json=body, headers=host.headers)

    for day in (first, last):
        r = await create(day)
        assert r.status_code == 201, r.text
    out_of_range(await create(first - ONE), "date", first, last)
    out_of_range(await create(last + ONE), "date", first, last)


async def test_a_calendar_entry_is_updated_only_while_its_date_is_writable(
    client: httpx.AsyncClient,
    db: AsyncSession,
    listing: UnitType,
    host: Person,
    frozen: FrozenClock,
) -> None:
    today = local_today(frozen)
    first, last = today - ONE, plus_three_years(today)
    # Entries written earlier, when these dates were still ahead.
    rows = {
        day: InventoryDay(business_id=listing.business_id, unit_type_id=listing.id, date=day)
        for day in (first, first - ONE)
    }
    db.add_all(rows.values())
    await db.commit()

    async def update(day: date) -> httpx.Response:
        return await client.patch(
            f"{CALENDARS}/{rows[day].id}", json={"priceOverride": 90}, headers=host.headers
        )

    r = await update(first)
    assert r.status_code == 200, r.text
    out_of_range(await update(first - ONE), "date", first, last)


async def test_bulk_calendar_ranges_cover_yesterday_to_three_years_ahead(
    client: httpx.AsyncClient, listing: UnitType, host: Person, frozen: FrozenClock
) -> None:
    today = local_today(frozen)
    first, last = today - ONE, plus_three_years(today)
    url = f"{LISTINGS}/{listing.id}/calendar"

    async def put(*ranges: tuple[date, date]) -> httpx.Response:
        body = {"ranges": [{"from": iso(a), "to": iso(b), "minStay": 2} for a, b in ranges]}
        return await client.put(url, json=body, headers=host.headers)

    ok = await put((first, first), (last, last))
    assert ok.status_code == 200, ok.text
    assert [e["date"] for e in ok.json()["listingCalendars"]] == [iso(first), iso(last)]
    out_of_range(await put((first - ONE, first)), "ranges.0.from", first, last)
    out_of_range(await put((first, first), (last, last + ONE)), "ranges.1.to", first, last)
