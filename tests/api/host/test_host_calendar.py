"""/host/listings/{id}/calendar over HTTP: the month shows each night's price, minimum
stay and state; the range form closes, opens, reprices and sets minimum stays through
the catalog's bulk calendar service (what the API reads back), refuses bad ranges with
the field's message and writes nothing then."""

from __future__ import annotations

import re
from datetime import date, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.catalog.models import UnitType
from tests.api.host.helpers import field_error, post_form, signed_in_as
from tests.factories import Person, make_listing

START = utcnow().date() + timedelta(days=40)


def night(page: str, day: date) -> str:
    """The day button's text (its accessible name): "Monday 6 July 2026: 100.00 EUR, min
    1 night, open"."""
    found = re.search(rf'data-date="{day.isoformat()}"[^>]*>(.*?)</button>', page)
    assert found, page
    return " ".join(re.sub(r"<[^>]*>", "", found.group(1)).split())


async def month_of(client: httpx.AsyncClient, listing: UnitType, day: date) -> str:
    r = await client.get(f"/host/listings/{listing.id}/calendar", params={"month": f"{day:%Y-%m}"})
    assert r.status_code == 200, r.text
    return r.text


async def api_calendar(
    client: httpx.AsyncClient, listing: UnitType, day: date
) -> dict[str, object]:
    r = await client.get(
        "/propertycatalog-api/v1/listingcalendars",
        params={"listingId": str(listing.id), "date": day.isoformat()},
    )
    assert r.status_code == 200, r.text
    [entry] = r.json()["listingCalendars"]
    return dict(entry)


async def test_the_month_shows_prices_and_states(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    await signed_in_as(client, host)
    page = await month_of(client, listing, START)
    assert f"{START:%B %Y}" in page
    assert night(page, START).endswith(": 100.00 EUR, min 1 night, open")
    # Every day of the month is a button.
    assert (
        page.count('class="night ')
        == ((START.replace(day=28) + timedelta(days=4)).replace(day=1) - START.replace(day=1)).days
    )
    default = await client.get(f"/host/listings/{listing.id}/calendar?month=garbage")
    assert default.status_code == 200


async def test_close_reprice_set_min_stay_and_open_a_range(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    await signed_in_as(client, host)
    url = f"/host/listings/{listing.id}/calendar"
    first, last = START, START + timedelta(days=2)
    r = await post_form(
        client, url, {"first": first.isoformat(), "last": last.isoformat(), "action": "close"}
    )
    assert r.status_code == 303, r.text
    assert f"month={first:%Y-%m}" in r.headers["location"]
    page = (await client.get(r.headers["location"])).text
    assert "Closed 3 nights." in page
    assert night(page, first).endswith("closed") and night(page, last).endswith("closed")
    assert night(page, last + timedelta(days=1)).endswith("open")
    assert (await api_calendar(client, listing, first))["isAvailable"] is False

    r = await post_form(
        client,
        url,
        {"first": first.isoformat(), "last": first.isoformat(), "action": "price", "price": "150"},
    )
    assert r.status_code == 303
    assert (await api_calendar(client, listing, first))["priceOverride"] == 150.0
    r = await post_form(
        client,
        url,
        {
            "first": first.isoformat(),
            "last": last.isoformat(),
            "action": "min_stay",
            "min_stay": "3",
        },
    )
    assert r.status_code == 303
    r = await post_form(
        client, url, {"first": first.isoformat(), "last": last.isoformat(), "action": "open"}
    )
    page = (await client.get(r.headers["location"])).text
    assert night(page, first).endswith(": 150.00 EUR, min 3 nights, open")
    assert night(page, last).endswith(": 100.00 EUR, min 3 nights, open")

    r = await post_form(
        client,
        url,
        {"first": first.isoformat(), "last": first.isoformat(), "action": "clear_price"},
    )
    page = (await client.get(r.headers["location"])).text
    assert night(page, first).startswith(f"{first:%A} {first.day}") and ": 100.00 EUR" in night(
        page, first
    )


async def test_bad_ranges_are_shown_again_with_the_fields_message(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host)
    await signed_in_as(client, host)
    url = f"/host/listings/{listing.id}/calendar"
    day = START.isoformat()
    cases = [
        (
            {"first": "soon", "last": day, "action": "close"},
            "r-first",
            "First night must be a date",
        ),
        (
            {"first": day, "last": (START - timedelta(days=1)).isoformat(), "action": "close"},
            "r-last",
            "must not be before",
        ),
        ({"first": day, "last": day, "action": "price", "price": "free"}, "r-price", "amount"),
        (
            {"first": day, "last": day, "action": "min_stay", "min_stay": "0"},
            "r-min_stay",
            "1 to 365",
        ),
        ({"first": "2001-01-01", "last": "2001-01-02", "action": "close"}, "r-first", ""),
        ({"first": day, "last": day, "action": "price", "price": "1.234"}, "r-price", ""),
    ]
    for data, field, words in cases:
        r = await post_form(client, url, data)
        assert r.status_code == 400, (data, r.text)
        assert words in field_error(r.text, field), data
    bad_action = await post_form(client, url, {"first": day, "last": day, "action": "burn"})
    assert bad_action.status_code == 400 and "Choose what to do" in bad_action.text
    # Nothing was written: the night is as the listing says.
    assert night(await month_of(client, listing, START), START).endswith(
        ": 100.00 EUR, min 1 night, open"
    )
