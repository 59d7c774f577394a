"""Listing calendars over HTTP: entries are the listing's InventoryDay plus the default
rate's RateDay of that date, one per listing and date, written by the listing's host (or
its managers, or an admin), visible as far as the listing is."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.domain.catalog.models import InventoryDay, Rate, RateDay, UnitType
from tests.factories import (
    Person,
    add_member,
    assert_error,
    iso_days_from,
    login,
    make_listing,
    make_logged_in,
    make_user,
)

CALENDARS = "/propertycatalog-api/v1/listingcalendars"
# Calendar writes cover yesterday to 3 years ahead (domain/catalog/dates.py): dates are
# built from an anchor well inside that window, so the tests never age.
BASE = utcnow().date() + timedelta(days=120)
on = iso_days_from(BASE)  # on(n): BASE + n days, ISO
DAY = on(0)
# Malformed dates: everything but the format is right (a day within the window), so the
# format alone is what the 400 is about.
NEXT_YEAR = utcnow().year + 1  # 10 May of next year is always within the window
UNKNOWN = "0190f0c2-0000-7000-8000-000000000000"


def entry(listing: UnitType, **overrides: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"listingId": str(listing.id), "date": DAY, "isAvailable": True}
    out.update(overrides)
    return out


async def create(
    client: httpx.AsyncClient, person: Person, listing: UnitType, **overrides: Any
) -> dict[str, Any]:
    r = await client.post(CALENDARS, json=entry(listing, **overrides), headers=person.headers)
    assert r.status_code == 201, r.text
    return dict(r.json()["listingCalendar"])


async def rate_day(db: AsyncSession, listing_id: uuid.UUID, day: str) -> RateDay | None:
    return await db.scalar(
        select(RateDay)
        .join(Rate, Rate.id == RateDay.rate_id)
        .where(
            Rate.unit_type_id == listing_id,
            Rate.is_default,
            RateDay.date == date.fromisoformat(day),
        )
        .execution_options(populate_existing=True)
    )


# --- create ------------------------------------------------------------------------------------


async def test_host_creates_an_entry_stored_as_inventory_and_rate_day(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    guest = await make_user(db)
    r = await client.post(
        CALENDARS,
        json=entry(
            listing,
            isAvailable=False,
            priceOverride=145.5,
            minStay=3,
            bookedBy=guest.id,
            iCalUrl="https://calendar.example/ics/1",
            externalCalendarIds="airbnb:123",
        ),
        headers=host.headers,
    )
    assert r.status_code == 201, r.text
    assert r.json()["dataName"] == "listingCalendar"
    got = r.json()["listingCalendar"]
    assert got["listingId"] == str(listing.id) and got["date"] == DAY
    assert got["isAvailable"] is False
    assert got["priceOverride"] == 145.5 and got["minStay"] == 3
    assert got["bookedBy"] == guest.id
    assert got["iCalUrl"] == "https://calendar.example/ics/1"
    assert got["externalCalendarIds"] == "airbnb:123"
    assert got["isActive"] is True and got["_owner"] == host.id and got["recordVersion"] == 1

    day = await db.scalar(select(InventoryDay).where(InventoryDay.id == uuid.UUID(got["id"])))
    assert day is not None and day.stop_sell is True and day.unit_type_id == listing.id
    stored = await rate_day(db, listing.id, DAY)
    assert stored is not None and stored.price == Decimal("145.50") and stored.min_stay == 3


async def test_entry_without_overrides_writes_no_rate_day(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    assert got["priceOverride"] is None and got["minStay"] is None and got["isAvailable"] is True
    assert await rate_day(db, listing.id, DAY) is None


async def test_values_set_on_the_rate_calendar_read_back_in_the_entry(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride="99.00")
    # a channel manager (another API) changes the same date's price
    await db.execute(
        update(RateDay)
        .where(RateDay.date == date.fromisoformat(DAY))
        .values(price=Decimal("88.80"), min_stay=4)
    )
    await db.commit()
    again = (await client.get(f"{CALENDARS}/{got['id']}")).json()["listingCalendar"]
    assert again["priceOverride"] == 88.8 and again["minStay"] == 4


async def test_second_entry_for_the_same_date_is_409_naming_date(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    await create(client, host, listing, priceOverride=120)
    r = await client.post(CALENDARS, json=entry(listing, priceOverride=130), headers=host.headers)
    assert_error(r, 409, field="date", message="errMsg_listingCalendarAlreadyExists")
    stored = await rate_day(db, listing.id, DAY)
    assert stored is not None and stored.price == Decimal("120")  # the 409 wrote nothing
    # another date, or the same date on another listing, is fine
    await create(client, host, listing, date=on(1))
    second = await make_listing(db, host, title="Second")
    await create(client, host, second)


async def test_a_deleted_entry_frees_its_date(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    r = await client.delete(f"{CALENDARS}/{got['id']}", headers=host.headers)
    assert r.status_code == 200, r.text
    again = await create(client, host, listing, isAvailable=False)
    assert again["id"] != got["id"]


async def test_business_manager_and_admin_create_entries(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, listing: UnitType
) -> None:
    manager = await make_logged_in(client, db)
    await add_member(db, listing.business_id, manager, "manager")
    first = await create(client, manager, listing, date=on(22))
    second = await create(client, admin, listing, date=on(23))
    assert first["_owner"] == manager.id and second["_owner"] == admin.id


async def test_anonymous_create_is_401(client: httpx.AsyncClient, listing: UnitType) -> None:
    assert_error(await client.post(CALENDARS, json=entry(listing)), 401)


async def test_another_users_entry_on_a_published_listing_is_403_and_writes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, other: Person, listing: UnitType
) -> None:
    r = await client.post(
        CALENDARS, json=entry(listing, isAvailable=False, priceOverride=1), headers=other.headers
    )
    assert_error(r, 403, message="errMsg_notYourListing")
    count = await db.scalar(select(func.count()).select_from(InventoryDay))
    assert count == 0
    assert await rate_day(db, listing.id, DAY) is None


async def test_another_users_entry_on_an_unpublished_listing_is_404(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> None:
    hidden = await make_listing(db, host, isPublished=False)
    r = await client.post(CALENDARS, json=entry(hidden), headers=other.headers)
    assert_error(r, 404, field="listingId")


async def test_entry_on_a_deleted_listing_is_404(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.delete(f"/propertycatalog-api/v1/listings/{listing.id}", headers=host.headers)
    assert r.status_code == 200
    assert_error(await client.post(CALENDARS, json=entry(listing), headers=host.headers), 404)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"date": f"{NEXT_YEAR}-5-10"}, "date"),
        ({"date": f"{NEXT_YEAR}-02-30"}, "date"),
        ({"date": f"10/05/{NEXT_YEAR}"}, "date"),
        ({"date": int(datetime(NEXT_YEAR, 5, 10, tzinfo=UTC).timestamp())}, "date"),
        ({"date": f"{NEXT_YEAR}-05-10T00:00:00"}, "date"),
        ({"date": None}, "date"),
        ({"isAvailable": None}, "isAvailable"),
        ({"isAvailable": "perhaps"}, "isAvailable"),
        ({"priceOverride": -1}, "priceOverride"),
        ({"priceOverride": "12.345"}, "priceOverride"),  # EUR has 2 decimals
        ({"priceOverride": "lots"}, "priceOverride"),
        ({"minStay": 0}, "minStay"),
        ({"minStay": 366}, "minStay"),
        ({"listingId": "not-an-id"}, "listingId"),
        ({"bookedBy": "not-an-id"}, "bookedBy"),
        ({"iCalUrl": "javascript:alert(1)"}, "iCalUrl"),
        ({"externalCalendarIds": "x" * 2049}, "externalCalendarIds"),
        ({"nights": 3}, "nights"),
    ],
)
async def test_bad_entry_is_400_naming_the_field(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    listing: UnitType,
    overrides: dict[str, Any],
    field: str,
) -> None:
    r = await client.post(CALENDARS, json=entry(listing, **overrides), headers=host.headers)
    assert_error(r, 400, field=field)
    assert await db.scalar(select(func.count()).select_from(InventoryDay)) == 0


@pytest.mark.parametrize("missing", ["listingId", "date", "isAvailable"])
async def test_missing_required_entry_field_is_400(
    client: httpx.AsyncClient, host: Person, listing: UnitType, missing: str
) -> None:
    data = entry(listing)
    del data[missing]
    r = await client.post(CALENDARS, json=data, headers=host.headers)
    assert_error(r, 400, field=missing, message=f"errMsg_{missing}IsRequired")


async def test_unknown_listing_or_booker_is_404_naming_it(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    r = await client.post(
        CALENDARS,
        json={"listingId": UNKNOWN, "date": DAY, "isAvailable": True},
        headers=host.headers,
    )
    assert_error(r, 404, field="listingId")
    r = await client.post(CALENDARS, json=entry(listing, bookedBy=UNKNOWN), headers=host.headers)
    assert_error(r, 404, field="bookedBy")


# --- update ----------------------------------------------------------------------------------------


async def test_host_updates_price_min_stay_and_availability(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride=120, minStay=2)
    r = await client.patch(
        f"{CALENDARS}/{got['id']}",
        json={"priceOverride": "150.25", "isAvailable": False, "externalCalendarIds": "vrbo:9"},
        headers=host.headers,
    )
    assert r.status_code == 200, r.text
    updated = r.json()["listingCalendar"]
    assert updated["priceOverride"] == 150.25 and updated["minStay"] == 2  # untouched
    assert updated["isAvailable"] is False and updated["externalCalendarIds"] == "vrbo:9"
    assert updated["date"] == DAY and updated["recordVersion"] == 2
    stored = await rate_day(db, listing.id, DAY)
    assert stored is not None and stored.price == Decimal("150.25") and stored.min_stay == 2


async def test_null_override_returns_the_date_to_the_listings_defaults(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride=120, minStay=2)
    r = await client.patch(
        f"{CALENDARS}/{got['id']}", json={"priceOverride": None}, headers=host.headers
    )
    assert r.status_code == 200, r.text
    assert r.json()["listingCalendar"]["priceOverride"] is None
    stored = await rate_day(db, listing.id, DAY)
    assert stored is not None and stored.price is None and stored.min_stay == 2
    r = await client.patch(f"{CALENDARS}/{got['id']}", json={"minStay": None}, headers=host.headers)
    assert r.json()["listingCalendar"]["minStay"] is None
    assert await rate_day(db, listing.id, DAY) is None  # nothing differs: no row


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"date": on(1)}, "date"),
        ({"listingId": UNKNOWN}, "listingId"),
        ({"isAvailable": None}, "isAvailable"),
        ({"priceOverride": "1.001"}, "priceOverride"),
        ({"priceOverride": -5}, "priceOverride"),
        ({"minStay": 0}, "minStay"),
        ({"iCalUrl": "ftp://x"}, "iCalUrl"),
    ],
)
async def test_bad_update_is_400_and_changes_nothing(
    client: httpx.AsyncClient,
    host: Person,
    listing: UnitType,
    patch: dict[str, Any],
    field: str,
) -> None:
    got = await create(client, host, listing, priceOverride=120)
    r = await client.patch(f"{CALENDARS}/{got['id']}", json=patch, headers=host.headers)
    assert_error(r, 400, field=field)
    again = (await client.get(f"{CALENDARS}/{got['id']}")).json()["listingCalendar"]
    assert again["recordVersion"] == 1 and again["priceOverride"] == 120


async def test_update_by_others_is_refused_and_by_admin_allowed(
    client: httpx.AsyncClient, host: Person, other: Person, admin: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    url = f"{CALENDARS}/{got['id']}"
    assert_error(await client.patch(url, json={"isAvailable": False}), 401)
    r = await client.patch(url, json={"isAvailable": False}, headers=other.headers)
    assert_error(r, 403, message="errMsg_notYourListing")
    r = await client.patch(url, json={"isAvailable": False}, headers=admin.headers)
    assert r.status_code == 200 and r.json()["listingCalendar"]["isAvailable"] is False


async def test_update_of_an_unpublished_listings_entry_by_another_user_is_404(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, other: Person
) -> None:
    hidden = await make_listing(db, host, isPublished=False)
    got = await create(client, host, hidden)
    r = await client.patch(
        f"{CALENDARS}/{got['id']}", json={"isAvailable": False}, headers=other.headers
    )
    assert_error(r, 404, field="listingCalendarId")


# --- delete ----------------------------------------------------------------------------------------


async def test_delete_is_soft_and_clears_the_dates_overrides(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride=120, minStay=3, isAvailable=False)
    r = await client.delete(f"{CALENDARS}/{got['id']}", headers=host.headers)
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "delete"
    assert r.json()["listingCalendar"]["isActive"] is False
    day = await db.scalar(
        select(InventoryDay)
        .where(InventoryDay.id == uuid.UUID(got["id"]))
        .execution_options(populate_existing=True)
    )
    assert day is not None and day.is_active is False
    assert await rate_day(db, listing.id, DAY) is None
    assert_error(await client.get(f"{CALENDARS}/{got['id']}"), 404, field="listingCalendarId")
    r = await client.delete(f"{CALENDARS}/{got['id']}", headers=host.headers)
    assert_error(r, 404, field="listingCalendarId")


async def test_delete_keeps_other_per_date_values_of_the_rate(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride=120)
    # closed to arrival was set through the PMS API: it is not the calendar entry's
    await db.execute(
        update(RateDay)
        .where(RateDay.date == date.fromisoformat(DAY))
        .values(closed_to_arrival=True)
    )
    await db.commit()
    assert (
        await client.delete(f"{CALENDARS}/{got['id']}", headers=host.headers)
    ).status_code == 200
    stored = await rate_day(db, listing.id, DAY)
    assert stored is not None and stored.price is None and stored.closed_to_arrival is True


async def test_delete_by_others_is_refused(
    client: httpx.AsyncClient, host: Person, other: Person, admin: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    url = f"{CALENDARS}/{got['id']}"
    assert_error(await client.delete(url), 401)
    assert_error(await client.delete(url, headers=other.headers), 403)
    assert (await client.get(url)).json()["listingCalendar"]["isActive"] is True
    assert (await client.delete(url, headers=admin.headers)).status_code == 200


# --- get and list --------------------------------------------------------------------------------


async def test_entries_of_a_published_listing_are_public(
    client: httpx.AsyncClient, host: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing, priceOverride=120)
    r = await client.get(f"{CALENDARS}/{got['id']}")
    assert r.status_code == 200, r.text
    assert r.json()["action"] == "get" and r.json()["listingCalendar"] == got


async def test_entries_of_an_unpublished_listing_are_404_to_all_but_host_and_admins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    host: Person,
    other: Person,
    admin: Person,
) -> None:
    hidden = await make_listing(db, host, isPublished=False)
    got = await create(client, host, hidden)
    url = f"{CALENDARS}/{got['id']}"
    assert_error(await client.get(url), 404, field="listingCalendarId")
    assert_error(await client.get(url, headers=other.headers), 404, field="listingCalendarId")
    for person in (host, admin):
        assert (await client.get(url, headers=person.headers)).status_code == 200
    listed = await client.get(CALENDARS, params={"listingId": str(hidden.id)})
    assert listed.json()["listingCalendars"] == []
    listed = await client.get(CALENDARS, params={"listingId": str(hidden.id)}, headers=host.headers)
    assert [e["id"] for e in listed.json()["listingCalendars"]] == [got["id"]]


async def test_unknown_entry_is_404_and_malformed_id_400(client: httpx.AsyncClient) -> None:
    assert_error(await client.get(f"{CALENDARS}/{UNKNOWN}"), 404, field="listingCalendarId")
    assert_error(await client.get(f"{CALENDARS}/12"), 400, field="listingCalendarId")
    assert_error(await client.patch(f"{CALENDARS}/12", json={}), 400, field="listingCalendarId")


async def test_list_filters_by_listing_and_date_and_shows_overrides(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, listing: UnitType
) -> None:
    second = await make_listing(db, host, title="Second")
    a = await create(client, host, listing, date=on(2), priceOverride=110)
    b = await create(client, host, listing, date=DAY, minStay=2)
    c = await create(client, host, second, date=DAY)

    r = await client.get(CALENDARS, params={"listingId": str(listing.id)})
    assert r.status_code == 200, r.text
    assert r.json()["dataName"] == "listingCalendars"
    rows = r.json()["listingCalendars"]
    assert [e["id"] for e in rows] == [b["id"], a["id"]]  # by date
    assert rows[1]["priceOverride"] == 110 and rows[0]["minStay"] == 2
    assert r.json()["paging"]["totalRowCount"] == 2

    r = await client.get(CALENDARS, params={"date": DAY, "getJoins": "false"})
    assert {e["id"] for e in r.json()["listingCalendars"]} == {b["id"], c["id"]}
    by_id = {e["id"]: e for e in r.json()["listingCalendars"]}
    assert by_id[b["id"]]["minStay"] == 2  # read back without joins too

    r = await client.get(CALENDARS, params={"date": f"$btw-{on(1)}-{on(21)}"})
    assert [e["id"] for e in r.json()["listingCalendars"]] == [a["id"]]
    r = await client.get(
        CALENDARS, params=[("listingId", str(second.id)), ("listingId", str(listing.id))]
    )
    assert r.json()["paging"]["totalRowCount"] == 3
    r = await client.get(CALENDARS, params={"pageRowCount": 1, "pageNumber": 2})
    assert r.json()["rowCount"] == 1 and r.json()["paging"]["pageCount"] == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date": f"10-05-{NEXT_YEAR}"}, "date"),
        ({"listingId": "nope"}, "listingId"),
        ({"pageRowCount": "0"}, "pageRowCount"),
        ({"getJoins": "yes please"}, "getJoins"),
    ],
)
async def test_bad_list_parameter_is_400_naming_it(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    assert_error(await client.get(CALENDARS, params=params), 400, field=field)


async def test_deleted_entries_are_listed_only_for_admins_who_ask(
    client: httpx.AsyncClient, host: Person, admin: Person, listing: UnitType
) -> None:
    got = await create(client, host, listing)
    await client.delete(f"{CALENDARS}/{got['id']}", headers=host.headers)
    r = await client.get(CALENDARS, params={"isActive": "false"}, headers=host.headers)
    assert r.json()["listingCalendars"] == []
    r = await client.get(CALENDARS, params={"isActive": "false"}, headers=admin.headers)
    assert [e["id"] for e in r.json()["listingCalendars"]] == [got["id"]]


# --- the race ----------------------------------------------------------------------------------------


async def test_concurrent_entries_for_one_date_make_exactly_one(
    committed_client: httpx.AsyncClient,
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host)
    await login(committed_client, host)

    async def attempt(price: int) -> httpx.Response:
        return await committed_client.post(
            CALENDARS,
            json={
                "listingId": str(listing.id),
                "date": DAY,
                "isAvailable": True,
                "priceOverride": price,
            },
            headers=host.headers,
        )

    answers = await asyncio.gather(*(attempt(100 + n) for n in range(4)))
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [201, 409, 409, 409], [r.text for r in answers]
    for r in answers:
        if r.status_code == 409:
            assert_error(r, 409, field="date")
    winner = next(r for r in answers if r.status_code == 201).json()["listingCalendar"]
    async with committed_factory() as db:
        days = (await db.scalars(select(InventoryDay).where(InventoryDay.is_active))).all()
        assert [str(d.id) for d in days] == [winner["id"]]
        stored = await rate_day(db, listing.id, DAY)
        assert stored is not None and stored.price == Decimal(winner["priceOverride"])
