"""HTTP tests of GET /propertycatalog-api/v1/listings/{listingId}/quote: the envelope, amounts
as JSON numbers in the currency's minor units, who may quote which listing, and bad input."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog.listings import default_rate
from staykit.domain.catalog.models import InventoryDay, RateDay, UnitType
from tests.api.marketplace.test_fuzz import examples, problem
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

BASE = "/propertycatalog-api/v1/listings"
# Far enough ahead that "today" in any time zone is before it.
ARRIVAL = date.today() + timedelta(days=60)


day = iso_days_from(ARRIVAL)


def url(listing_id: object) -> str:
    return f"{BASE}/{listing_id}/quote"


def stay(nights: int = 3, guests: object = 2, start: int = 0) -> dict[str, Any]:
    return {"checkIn": day(start), "checkOut": day(start + nights), "guestCount": guests}


async def hosted(
    client: httpx.AsyncClient, db: AsyncSession, **fields: object
) -> tuple[Person, UnitType]:
    host = await make_logged_in(client, db)
    return host, await make_listing(db, host, **fields)


async def test_a_quote_answers_in_the_envelope_with_every_field(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, cleaningFee="25.50", cityTaxPercent="10")
    rate = await default_rate(db, listing.id)
    db.add(RateDay(rate_id=rate.id, date=ARRIVAL + timedelta(days=1), price=Decimal("133.33")))
    await db.commit()
    r = await client.get(url(listing.id), params=stay(3))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "OK" and body["statusCode"] == 200
    assert body["dataName"] == "quote" and body["action"] == "get" and body["rowCount"] == 1
    assert body["quote"] == {
        "listingId": str(listing.id),
        "checkIn": day(0),
        "checkOut": day(3),
        "guestCount": 2,
        "currency": "EUR",
        "nights": [
            {"date": day(0), "price": 100},
            {"date": day(1), "price": 133.33},
            {"date": day(2), "price": 100},
        ],
        "subtotal": 333.33,
        "extraGuestCharges": 0,
        "cleaningFee": 25.5,
        "cityTax": 33.33,
        "total": 392.16,
        "bookable": True,
        "violations": [],
    }


async def test_amounts_are_json_numbers_never_strings(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, pricePerNight="99.99", cityTaxPercent="5")
    r = await client.get(url(listing.id), params=stay(2))
    assert r.status_code == 200, r.text
    raw = r.text
    quote = json.loads(raw, parse_float=Decimal)["quote"]
    for key in ("subtotal", "extraGuestCharges", "cleaningFee", "cityTax", "total"):
        assert isinstance(quote[key], Decimal | int), (key, quote[key])
    assert quote["subtotal"] == Decimal("199.98")
    assert quote["cityTax"] == Decimal("10.00")  # 9.999 -> 10.00
    assert quote["total"] == Decimal("209.98")
    assert '"subtotal":"' not in raw.replace(" ", "")


async def test_yen_amounts_are_whole_numbers(client: httpx.AsyncClient, db: AsyncSession) -> None:
    _, listing = await hosted(client, db, currency="JPY", pricePerNight="12345", cityTaxPercent="3")
    r = await client.get(url(listing.id), params=stay(2))
    assert r.status_code == 200, r.text
    quote = r.json()["quote"]
    assert quote["currency"] == "JPY"
    assert quote["subtotal"] == 24690 and type(quote["subtotal"]) is int
    assert quote["cityTax"] == 741 and type(quote["cityTax"]) is int
    assert quote["total"] == 25431 and type(quote["total"]) is int
    assert all(type(n["price"]) is int for n in quote["nights"])
    assert '"total":25431,' in r.text.replace(" ", "")


async def test_dinar_amounts_keep_three_decimals(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, currency="KWD", pricePerNight="30.125")
    r = await client.get(url(listing.id), params=stay(3))
    assert r.status_code == 200, r.text
    quote = json.loads(r.text, parse_float=Decimal)["quote"]
    assert quote["nights"][0]["price"] == Decimal("30.125")
    assert quote["total"] == Decimal("90.375")


async def test_a_stay_that_breaks_rules_is_200_with_every_violation(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, minStay=5, maxGuests=2)
    db.add(
        InventoryDay(
            business_id=listing.business_id,
            unit_type_id=listing.id,
            date=ARRIVAL + timedelta(days=1),
            stop_sell=True,
        )
    )
    await db.commit()
    r = await client.get(url(listing.id), params=stay(2, guests=3))
    assert r.status_code == 200, r.text
    quote = r.json()["quote"]
    assert quote["bookable"] is False
    assert [(v["rule"], v["date"]) for v in quote["violations"]] == [
        ("tooManyGuests", None),
        ("minStay", day(0)),
        ("unavailable", day(1)),
    ]
    assert all(isinstance(v["message"], str) and v["message"] for v in quote["violations"])
    assert quote["total"] == 200  # still priced


async def test_an_arrival_in_the_past_is_a_violation_not_an_error(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db)
    past = date.today() - timedelta(days=10)
    r = await client.get(
        url(listing.id),
        params={
            "checkIn": past.isoformat(),
            "checkOut": (past + timedelta(days=2)).isoformat(),
            "guestCount": 1,
        },
    )
    assert r.status_code == 200, r.text
    assert [v["rule"] for v in r.json()["quote"]["violations"]] == ["arrivalInPast"]


# --- who may quote --------------------------------------------------------------------------


async def test_anyone_may_quote_a_published_listing_without_logging_in(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db)
    r = await client.get(url(listing.id), params=stay())
    assert r.status_code == 200, r.text
    assert r.json()["userId"] is None
    # A public route: a broken token quotes as a guest instead of failing.
    r = await client.get(url(listing.id), params=stay(), headers={"Authorization": "Bearer junk"})
    assert r.status_code == 200, r.text


async def test_an_unpublished_listing_is_404_to_guests_and_other_users(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, isPublished=False)
    other = await make_logged_in(client, db)
    r = await client.get(url(listing.id), params=stay())
    assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")
    r = await client.get(url(listing.id), params=stay(), headers=other.headers)
    assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")


@pytest.mark.parametrize("who", ["host", "manager", "admin", "superAdmin"])
async def test_an_unpublished_listing_can_be_quoted_by_its_host_managers_and_admins(
    client: httpx.AsyncClient, db: AsyncSession, who: str
) -> None:
    host, listing = await hosted(client, db, isPublished=False)
    if who == "host":
        person = host
    elif who == "manager":
        person = await make_logged_in(client, db)
        await add_member(db, listing.business_id, person, "manager")
    else:
        person = await make_logged_in(client, db, role=who)
    r = await client.get(url(listing.id), params=stay(), headers=person.headers)
    assert r.status_code == 200, r.text
    assert r.json()["quote"]["total"] == 300


async def test_a_business_staff_member_cannot_quote_an_unpublished_listing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db, isPublished=False)
    staff = await make_logged_in(client, db)
    await add_member(db, listing.business_id, staff, "staff")
    r = await client.get(url(listing.id), params=stay(), headers=staff.headers)
    assert_error(r, 404, field="listingId")


async def test_a_deleted_listing_is_404_even_to_its_host(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, listing = await hosted(client, db)
    listing.is_active = False
    await db.commit()
    r = await client.get(url(listing.id), params=stay(), headers=host.headers)
    assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")


async def test_an_unknown_listing_is_404(client: httpx.AsyncClient) -> None:
    r = await client.get(url(uuid.uuid4()), params=stay())
    assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")


@pytest.mark.parametrize("bad_id", ["123", "not-a-uuid", "0" * 40])
async def test_a_malformed_listing_id_is_400(client: httpx.AsyncClient, bad_id: str) -> None:
    r = await client.get(url(bad_id), params=stay())
    assert_error(r, 400, field="listingId", message="errMsg_listingIdIsNotAValidID")


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("missing", ["checkIn", "checkOut", "guestCount"])
async def test_a_missing_parameter_is_400_naming_it(
    client: httpx.AsyncClient, db: AsyncSession, missing: str
) -> None:
    _, listing = await hosted(client, db)
    params = stay()
    del params[missing]
    r = await client.get(url(listing.id), params=params)
    assert_error(r, 400, field=missing, message=f"errMsg_{missing}IsRequired")


@pytest.mark.parametrize("name", ["checkIn", "checkOut"])
@pytest.mark.parametrize(
    "value", ["", "tomorrow", "01/07/2030", "2030-7-1", "2030-02-30", "2030-13-01", "1900000000"]
)
async def test_a_malformed_date_is_400_naming_it(
    client: httpx.AsyncClient, db: AsyncSession, name: str, value: str
) -> None:
    _, listing = await hosted(client, db)
    params = {**stay(), name: value}
    r = await client.get(url(listing.id), params=params)
    assert_error(r, 400, field=name, message=f"errMsg_{name}IsInvalid")


@pytest.mark.parametrize("nights", [0, -1, -30])
async def test_check_out_on_or_before_check_in_is_400(
    client: httpx.AsyncClient, db: AsyncSession, nights: int
) -> None:
    _, listing = await hosted(client, db)
    params = {"checkIn": day(5), "checkOut": day(5 + nights), "guestCount": 2}
    r = await client.get(url(listing.id), params=params)
    body = assert_error(r, 400, field="checkOut", message="errMsg_checkOutIsInvalid")
    assert "departure must be after arrival" in str(body["detail"])


async def test_365_nights_are_quoted_and_366_are_400(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db)
    r = await client.get(url(listing.id), params=stay(365))
    assert r.status_code == 200, r.text
    assert len(r.json()["quote"]["nights"]) == 365
    assert r.json()["quote"]["total"] == 36500
    r = await client.get(url(listing.id), params=stay(366))
    body = assert_error(r, 400, field="checkOut", message="errMsg_checkOutIsInvalid")
    assert "365" in str(body["detail"])


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "101", "99999999999999999999", ""])
async def test_a_guest_count_that_is_not_1_to_100_is_400(
    client: httpx.AsyncClient, db: AsyncSession, value: str
) -> None:
    _, listing = await hosted(client, db)
    r = await client.get(url(listing.id), params=stay(guests=value))
    assert_error(r, 400, field="guestCount", message="errMsg_guestCountIsInvalid")


async def test_a_guest_count_of_100_is_quoted_as_too_many_guests(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, listing = await hosted(client, db)
    r = await client.get(url(listing.id), params=stay(guests="100"))
    assert r.status_code == 200, r.text
    assert [v["rule"] for v in r.json()["quote"]["violations"]] == ["tooManyGuests"]


async def test_bad_input_is_400_before_the_listing_is_looked_up(
    client: httpx.AsyncClient,
) -> None:
    # Unknown listing and reversed dates: the input is judged first, so no listing leaks.
    params = {"checkIn": day(5), "checkOut": day(1), "guestCount": 2}
    r = await client.get(url(uuid.uuid4()), params=params)
    assert_error(r, 400, field="checkOut")


async def test_another_host_cannot_quote_an_unpublished_listing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    # Having a business of one's own manages only that business's listings.
    _, listing = await hosted(client, db, isPublished=False)
    rival = await make_user(db)
    await make_listing(db, rival, title="Rival's place")
    await login(client, rival)
    r = await client.get(url(listing.id), params=stay(), headers=rival.headers)
    assert_error(r, 404, field="listingId")


TRICKY = [
    "",
    " ",
    "\x00",
    "2030-02-29",
    "2032-02-29",
    "0001-01-01",
    "0001-01-02",
    "9999-12-30",
    "9999-12-31",
    "\uff12\uff10\uff13\uff10-01-01",  # full-width digits
    "2030-01-01T00:00",
    "2030-01-01 ",
    "1e309",
    "-1",
    "0",
    "1",
    "100",
    "101",
    "9" * 400,
    "NaN",
    "null",
    "[]",
]


async def test_no_query_string_makes_the_quote_route_fail(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    """Every combination of odd values answers 200 or a 4xx error body naming a field."""
    _, listing = await hosted(client, db)
    values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=20), st.integers().map(str))
    cases = examples(
        st.fixed_dictionaries(
            {},
            optional={"checkIn": values, "checkOut": values, "guestCount": values},
        ),
        300,
    )
    cases += [
        {"checkIn": a, "checkOut": b, "guestCount": "2"} for a in TRICKY[3:10] for b in TRICKY[3:10]
    ]
    failures = []
    for params in cases:
        r = await client.get(url(listing.id), params=params)
        wrong = problem("/quote", r)
        if wrong is None and r.status_code == 400 and not r.json().get("field"):
            wrong = "400 without a field"
        if wrong is None and r.status_code not in (200, 400):
            wrong = f"unexpected {r.status_code}"
        if wrong:
            failures.append(f"{params!r}: {wrong} {r.text[:200]}")
    assert not failures, "\n".join(failures[:20])
