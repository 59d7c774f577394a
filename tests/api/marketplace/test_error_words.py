"""Domain errors speak domain words (`arrival`, `listing_id`, camelCase codes, facts);
each surface renders them in its own: the marketplace says checkIn and shows `facts`, the
Channel API keeps the domain's names and puts facts under `details`, the Cloud API makes
them problem extension members."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.channel.errors import render as channel_render
from staykit.api.cloud.errors import render as cloud_render
from staykit.api.marketplace.errors import render as marketplace_render
from staykit.api.surface import Problem
from staykit.domain.catalog.models import UnitType
from tests.api.marketplace.test_reservations_api import START
from tests.factories import Person, assert_error, iso_days_from, make_listing

RESERVATIONS = "/bookingmanagement-api/v1/reservations"
day = iso_days_from(START)

TAKEN = Problem(
    status=409,
    code="unitNotAvailable",
    message="The unit is not available on the nights of 2031-07-01.",
    field="arrival",
    errors=[{"field": "arrival", "message": "Night already taken.", "nights": ["2031-07-01"]}],
    facts={"nights": ["2031-07-01"], "unit_type_id": "u-1"},
)
RULES = Problem(
    status=400,
    code="minStay",
    message="Stays arriving on 2031-07-01 need at least 3 nights (this one has 1).",
    field="departure",
    facts={"rules": [{"rule": "minStay", "field": "departure", "date": "2031-07-01"}]},
)


# --- through a route ------------------------------------------------------------------------


def stay(listing: UnitType) -> dict[str, Any]:
    return {"listingId": str(listing.id), "checkIn": day(0), "checkOut": day(2), "guestCount": 1}


async def test_taken_nights_are_a_409_naming_checkIn_with_the_nights_as_facts(
    client: httpx.AsyncClient, listing: UnitType, guest: Person, other: Person
) -> None:
    first = await client.post(RESERVATIONS, json=stay(listing), headers=guest.headers)
    assert first.status_code == 201, first.text
    r = await client.post(RESERVATIONS, json=stay(listing), headers=other.headers)
    body = assert_error(r, 409, field="checkIn", message="errMsg_unitNotAvailable")
    assert body["facts"] == {"nights": [day(0), day(1)]}
    assert body["errors"][0]["field"] == "checkIn"
    assert body["requestId"]


async def test_an_unknown_listing_is_named_listingId(
    client: httpx.AsyncClient, guest: Person, listing: UnitType
) -> None:
    unknown = "0190f0c2-0000-7000-8000-000000000000"
    body = {**stay(listing), "listingId": unknown}
    r = await client.post(RESERVATIONS, json=body, headers=guest.headers)
    got = assert_error(r, 404, field="listingId", message="errMsg_listingNotFound")
    assert got["facts"] == {"id": unknown}


async def test_a_broken_rule_names_the_field_in_the_marketplaces_words(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    listing = await make_listing(db, host, minStay=3)
    await db.commit()
    r = await client.post(RESERVATIONS, json=stay(listing), headers=guest.headers)
    body = assert_error(r, 400, field="checkOut", message="errMsg_minStay")
    [rule] = body["facts"]["rules"]
    assert (rule["rule"], rule["field"], rule["date"]) == ("minStay", "checkOut", day(0))


# --- each renderer --------------------------------------------------------------------------


def test_the_marketplace_renames_fields_codes_and_fact_keys() -> None:
    body = marketplace_render(TAKEN, "req-1")
    assert body["field"] == "checkIn" and body["message"] == "errMsg_unitNotAvailable"
    assert body["errors"][0]["field"] == "checkIn"
    assert body["facts"] == {"nights": ["2031-07-01"], "unitTypeId": "u-1"}
    assert body["requestId"] == "req-1"
    rules = marketplace_render(RULES, None)
    assert rules["field"] == "checkOut" and rules["message"] == "errMsg_minStay"
    assert rules["facts"]["rules"][0]["field"] == "checkOut"
    coded = Problem(400, "arrivalIsInvalid", "Bad arrival.", field="arrival")
    assert marketplace_render(coded, None)["message"] == "errMsg_checkInIsInvalid"
    assert "facts" not in marketplace_render(Problem(400, "x", "y"), None)


def test_the_channel_api_shows_domain_names_and_facts_under_details() -> None:
    body = channel_render(TAKEN, "req-1")
    assert body["field"] == "arrival" and body["code"] == 409
    assert body["errors"] == [{"field": "arrival", "message": "Night already taken."}]
    assert body["details"] == {"nights": ["2031-07-01"], "unitTypeId": "u-1"}
    assert body["requestId"] == "req-1"
    assert channel_render(RULES, None)["details"]["rules"][0]["field"] == "departure"
    assert "details" not in channel_render(Problem(400, "x", "y"), None)


def test_the_cloud_api_makes_facts_problem_extension_members() -> None:
    body = cloud_render(TAKEN, "req-1")
    assert body["status"] == 409 and body["code"] == "unitNotAvailable"
    assert body["errors"] == {"arrival": ["Night already taken."]}
    assert body["nights"] == ["2031-07-01"] and body["unitTypeId"] == "u-1"
    assert body["traceId"] == "req-1"
    # A fact never overwrites a standard member.
    clash = Problem(400, "x", "What.", facts={"status": "taken", "detail": "no"})
    rendered = cloud_render(clash, None)
    assert rendered["status"] == 400 and rendered["detail"] == "What."
