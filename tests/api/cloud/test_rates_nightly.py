"""GET and POST /cloudapi/rates/nightly on the PMS-shaped tenant: the values a quote uses,
date by date, for every rate; per-date writes, all or nothing, that the marketplace
calendar, quotes and search see at once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.catalog import search_index
from staykit.domain.catalog.dates import property_today, write_window
from staykit.domain.catalog.models import InventoryDay, Rate, RateDay
from staykit.domain.catalog.quote import quote_stay
from tests.factories import add_member, days_from, frozen_clock, make_user, partner_token
from tests.pms import Pms

URL = "/cloudapi/rates/nightly"
LISTINGS = "/propertycatalog-api/v1/listings"
CALENDARS = "/propertycatalog-api/v1/listingcalendars"
# Dates well inside the write window (yesterday to 3 years ahead where the property is)
# whatever the hour: the tests never age.
day = days_from()


def iso(n: int) -> str:
    return day(n).isoformat()


async def read(client: httpx.AsyncClient, pms: Pms, **params: Any) -> list[dict[str, Any]]:
    r = await client.get(URL, params=params, headers=await pms.headers("read:inventory"))
    assert r.status_code == 200, r.text
    return list(r.json())


async def post(client: httpx.AsyncClient, pms: Pms, body: Any) -> httpx.Response:
    return await client.post(URL, json=body, headers=await pms.headers("write:inventory"))


def by_rate(rates: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["rateId"]: r for r in rates}


async def rate_day(db: AsyncSession, rate: Rate, on: date) -> RateDay | None:
    return await db.scalar(
        select(RateDay)
        .where(RateDay.rate_id == rate.id, RateDay.date == on)
        .execution_options(populate_existing=True)
    )


async def rate_days(db: AsyncSession, pms: Pms) -> int:
    rates = [pms.queen_rate.id, pms.breakfast.id, pms.weekly.id, pms.cabin_rate.id]
    return int(
        await db.scalar(select(func.count()).select_from(RateDay).where(RateDay.rate_id.in_(rates)))
        or 0
    )


@pytest.fixture
async def priced(db: AsyncSession, pms: Pms) -> Pms:
    """The pms world with a calendar worth reading, from day 30 on: the queen's default
    rate has a RateDay on day 31 (price, minimum stay, closed to arrival) and the queen two
    seasonal rules (a fixed price on days 32-33, then +10% on days 33-34: the later rule
    wins on day 33); the breakfast rate a RateDay on day 34 (base occupancy 1, its own
    adult charge)."""
    pms.queen.seasonal_pricing = {
        "rules": [
            {"startDate": iso(32), "endDate": iso(33), "pricePerNight": "200"},
            {"startDate": iso(33), "endDate": iso(34), "adjustmentPercent": "10"},
        ]
    }
    db.add_all(
        [
            RateDay(
                rate_id=pms.queen_rate.id,
                date=day(31),
                price=Decimal("99.50"),
                min_stay=3,
                closed_to_arrival=True,
            ),
            RateDay(
                rate_id=pms.breakfast.id,
                date=day(34),
                base_occupancy=1,
                extra_guest_charges={str(pms.adult.id): "20.00"},
            ),
        ]
    )
    await db.commit()
    return pms


# --- GET -----------------------------------------------------------------------------------


async def test_every_active_rate_has_one_entry_per_date_with_the_effective_values(
    client: httpx.AsyncClient, priced: Pms
) -> None:
    pms = priced
    rates = await read(client, pms, **{"from": iso(30), "to": iso(35)})
    assert [r["rateId"] for r in rates] == [
        str(r.id) for r in (pms.queen_rate, pms.breakfast, pms.weekly, pms.cabin_rate)
    ]
    queen = rates[0]
    assert queen == {
        "rateId": str(pms.queen_rate.id),
        "rateName": "Rack",
        "ratePlanId": str(pms.queen_rate.rate_plan_id),
        "ratePlanName": queen["ratePlanName"],
        "unitTypeId": str(pms.queen.id),
        "propertyId": str(pms.property.id),
        "currency": "USD",
        "defaultRate": True,
        "seasonType": "Daily",
        "startDate": iso(30),
        "endDate": iso(35),
        "allowUpdates": True,
        "data": [
            {"date": iso(30), "price": 120, "baseOccupancy": 2},
            {
                "date": iso(31),
                "price": 99.5,
                "baseOccupancy": 2,
                "minimumNights": 3,
                "closedToArrival": True,
            },
            {"date": iso(32), "price": 200, "baseOccupancy": 2},  # the fixed seasonal price
            {"date": iso(33), "price": 132, "baseOccupancy": 2},  # the later rule: +10%
            {"date": iso(34), "price": 132, "baseOccupancy": 2},
            {"date": iso(35), "price": 120, "baseOccupancy": 2},
        ],
    }
    breakfast = rates[1]
    charges = {str(pms.adult.id): 15, str(pms.child.id): 5}
    assert breakfast["defaultRate"] is False and breakfast["ratePlanName"] == "Packages"
    # Other rates follow percent rules only, on their own base price.
    assert [d["price"] for d in breakfast["data"]] == [150, 150, 150, 165, 165, 150]
    assert breakfast["data"][0] == {
        "date": iso(30),
        "price": 150,
        "baseOccupancy": 2,
        "extraGuestCharges": charges,
    }
    # The date's own adult charge, the rate's child charge (per guest type, as quotes read).
    assert breakfast["data"][4] == {
        "date": iso(34),
        "price": 165,
        "baseOccupancy": 1,
        "extraGuestCharges": {str(pms.adult.id): 20, str(pms.child.id): 5},
    }
    weekly, cabin = rates[2], rates[3]
    assert weekly["allowUpdates"] is False and weekly["rateName"] == "Weekly"
    assert [d["price"] for d in weekly["data"]] == [700, 700, 700, 770, 770, 700]
    assert cabin["unitTypeId"] == str(pms.cabin.id) and cabin["defaultRate"] is True
    assert cabin["data"][0] == {"date": iso(30), "price": 200, "baseOccupancy": 4}


@pytest.mark.parametrize("rate", ["queen_rate", "breakfast"])
async def test_a_quote_adds_up_from_the_nightly_values(
    client: httpx.AsyncClient, db: AsyncSession, priced: Pms, rate: str
) -> None:
    pms = priced
    chosen: Rate = getattr(pms, rate)
    [got] = await read(client, pms, rateId=str(chosen.id), **{"from": iso(30), "to": iso(35)})
    nights = {d["date"]: d for d in got["data"]}
    guests = 3
    quote = await quote_stay(db, pms.queen, day(30), day(35), guests, chosen)
    assert [(n.isoformat(), p) for n, p in quote.nights] == [
        (d, Decimal(str(nights[d]["price"]))) for d in sorted(nights)[:5]
    ]
    assert quote.subtotal == sum(Decimal(str(nights[iso(n)]["price"])) for n in range(30, 35))
    adult = str(pms.adult.id)
    extras = sum(
        (guests - nights[iso(n)]["baseOccupancy"])
        * Decimal(str(nights[iso(n)].get("extraGuestCharges", {}).get(adult, 0)))
        for n in range(30, 35)
    )
    assert quote.extra_guest_charges == extras
    if rate == "breakfast":
        assert extras == 4 * 15 + 2 * 20  # day 34: base occupancy 1, its own adult charge
    # The arrival date's minimum stay and closed arrival are the quote's rules.
    arriving = await quote_stay(db, pms.queen, day(31), day(33), 2, chosen)
    rules = {v.rule for v in arriving.violations}
    assert ("minStay" in rules) == ("minimumNights" in nights[iso(31)])
    assert ("closedToArrival" in rules) == nights[iso(31)].get("closedToArrival", False)


async def test_rate_and_unit_type_filters(client: httpx.AsyncClient, pms: Pms) -> None:
    dates = {"from": iso(1), "to": iso(1)}
    only = await read(client, pms, rateId=[str(pms.breakfast.id), str(pms.cabin_rate.id)], **dates)
    assert [r["rateId"] for r in only] == [str(pms.breakfast.id), str(pms.cabin_rate.id)]
    cabin = await read(client, pms, unitTypeId=str(pms.cabin.id), **dates)
    assert [r["rateId"] for r in cabin] == [str(pms.cabin_rate.id)]
    both = await read(client, pms, unitTypeId=str(pms.cabin.id), rateId=str(pms.weekly.id), **dates)
    assert both == []


async def test_only_the_tenants_active_rates_are_read(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    other_rate = await db.scalar(select(Rate).where(Rate.unit_type_id == pms.other_listing.id))
    assert other_rate is not None
    pms.weekly.is_active = False
    await db.commit()
    dates = {"from": iso(1), "to": iso(2)}
    ids = {r["rateId"] for r in await read(client, pms, **dates)}
    assert ids == {str(pms.queen_rate.id), str(pms.breakfast.id), str(pms.cabin_rate.id)}
    # Another business's rate or unit type named as a filter: nothing, as an unknown id.
    assert await read(client, pms, rateId=str(other_rate.id), **dates) == []
    assert await read(client, pms, unitTypeId=str(pms.other_listing.id), **dates) == []


async def test_reading_needs_read_inventory(client: httpx.AsyncClient, pms: Pms) -> None:
    r = await client.get(
        URL,
        params={"from": iso(1), "to": iso(2)},
        headers=await pms.headers("read:properties", "write:inventory"),
    )
    assert r.status_code == 403, r.text
    assert "read:inventory" in r.json()["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": iso(5), "to": iso(4)}, "to"),
        ({"from": iso(1), "to": iso(367)}, "to"),  # 367 dates
        ({"to": iso(1)}, "from"),
        ({"from": "tomorrow", "to": iso(1)}, "from"),
        ({"from": iso(1), "to": iso(2), "rateId": "not-an-id"}, "rateId.0"),
        ({"from": iso(1), "to": iso(2), "unitTypeId": "42"}, "unitTypeId.0"),
    ],
)
async def test_bad_parameters_are_400_naming_the_parameter(
    client: httpx.AsyncClient, pms: Pms, params: dict[str, str], field: str
) -> None:
    r = await client.get(URL, params=params, headers=await pms.headers("read:inventory"))
    assert r.status_code == 400, r.text
    assert field in r.json()["errors"], r.json()


# --- POST ----------------------------------------------------------------------------------


def seed_body(rate_id: uuid.UUID, start: int) -> list[dict[str, Any]]:
    """The documented example body, on dates from day `start`."""
    return [
        {
            "rateId": str(rate_id),
            "data": [
                {"date": iso(start), "price": 190.0, "closedToArrival": False},
                {"date": iso(start + 1), "price": 190.0},
                {
                    "date": iso(start + 2),
                    "price": 215.0,
                    "minimumNights": 2,
                    "closedToDeparture": False,
                },
                {
                    "date": iso(start + 3),
                    "price": 215.0,
                    "minimumNights": 2,
                    "closedToDeparture": True,
                    "closedToArrival": True,
                },
            ],
        }
    ]


async def test_the_documented_body_is_applied_and_read_back(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    r = await post(client, pms, seed_body(pms.breakfast.id, 40))
    assert r.status_code == 200, r.text
    assert r.json() == {"applied": 4, "rates": 1, "dates": 4}
    [got] = await read(
        client, pms, rateId=str(pms.breakfast.id), **{"from": iso(40), "to": iso(44)}
    )
    assert [
        {k: v for k, v in d.items() if k not in ("extraGuestCharges", "baseOccupancy")}
        for d in got["data"]
    ] == [
        {"date": iso(40), "price": 190, "closedToArrival": False},
        {"date": iso(41), "price": 190},
        {"date": iso(42), "price": 215, "minimumNights": 2, "closedToDeparture": False},
        {
            "date": iso(43),
            "price": 215,
            "minimumNights": 2,
            "closedToArrival": True,
            "closedToDeparture": True,
        },
        {"date": iso(44), "price": 150},
    ]
    stored = await rate_day(db, pms.breakfast, day(43))
    assert stored is not None and stored.price == Decimal("215.000")
    # Not the default rate: the marketplace calendar is not touched.
    entries = await db.scalar(
        select(func.count())
        .select_from(InventoryDay)
        .where(InventoryDay.unit_type_id == pms.queen.id)
    )
    assert entries == 0


async def test_a_default_rate_write_is_what_calendar_quote_and_search_see_at_once(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    before = await client.get(
        LISTINGS, params={"checkIn": iso(50), "checkOut": iso(52), "guestCount": 2}
    )
    [hit] = [h for h in before.json()["listings"] if h["id"] == str(pms.queen.id)]
    assert hit["quote"]["subtotal"] == 240
    body = [
        {
            "rateId": str(pms.queen_rate.id),
            "data": [
                {"date": iso(50), "price": 99.99, "minimumNights": 2},
                {"date": iso(51), "price": 100.01},
            ],
        }
    ]
    r = await post(client, pms, body)
    assert r.status_code == 200, r.text

    calendar = await client.get(CALENDARS, params={"listingId": str(pms.queen.id)})
    assert calendar.status_code == 200, calendar.text
    entries = {e["date"]: e for e in calendar.json()["listingCalendars"]}
    assert entries[iso(50)]["priceOverride"] == 99.99 and entries[iso(50)]["minStay"] == 2
    assert entries[iso(51)]["priceOverride"] == 100.01 and entries[iso(51)]["isAvailable"]
    quote = await client.get(
        f"{LISTINGS}/{pms.queen.id}/quote",
        params={"checkIn": iso(50), "checkOut": iso(52), "guestCount": 2},
    )
    assert quote.json()["quote"]["subtotal"] == 200
    after = await client.get(
        LISTINGS, params={"checkIn": iso(50), "checkOut": iso(52), "guestCount": 2}
    )
    [hit] = [h for h in after.json()["listings"] if h["id"] == str(pms.queen.id)]
    assert hit["quote"]["subtotal"] == 200
    assert await search_index.stale_rows(db) == []  # the index is exact after the write
    # A second write of the same dates keeps their one calendar entry each.
    again = await post(
        client, pms, [{"rateId": str(pms.queen_rate.id), "data": [{"date": iso(50), "price": 80}]}]
    )
    assert again.status_code == 200, again.text
    count = await db.scalar(
        select(func.count())
        .select_from(InventoryDay)
        .where(InventoryDay.unit_type_id == pms.queen.id, InventoryDay.is_active)
    )
    assert count == 2


async def test_repeated_dates_apply_in_order_the_later_entry_winning_per_value(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    rate = str(pms.breakfast.id)
    body = [
        {
            "rateId": rate,
            "data": [
                {"date": iso(60), "price": 100, "minimumNights": 2},
                {"date": iso(61), "price": 50},
                {"date": iso(60), "price": 110},
            ],
        },
        {"rateId": str(pms.cabin_rate.id), "data": [{"date": iso(60), "price": 300}]},
        {"rateId": rate, "data": [{"date": iso(60), "price": None, "closedToArrival": True}]},
    ]
    r = await post(client, pms, body)
    assert r.status_code == 200, r.text
    assert r.json() == {"applied": 5, "rates": 2, "dates": 3}
    stored = await rate_day(db, pms.breakfast, day(60))
    assert stored is not None
    assert (stored.price, stored.min_stay, stored.closed_to_arrival) == (Decimal(110), 2, True)
    assert stored.closed_to_departure is None and stored.base_occupancy is None


async def test_null_or_absent_values_leave_what_is_stored(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    db.add(
        RateDay(
            rate_id=pms.breakfast.id,
            date=day(70),
            price=Decimal(90),
            min_stay=4,
            base_occupancy=1,
            closed_to_arrival=True,
            extra_guest_charges={str(pms.adult.id): "12"},
        )
    )
    await db.commit()
    body = [
        {
            "rateId": str(pms.breakfast.id),
            "data": [
                {"date": iso(70), "price": None, "minimumNights": None, "closedToDeparture": False},
                {"date": iso(71)},  # says nothing: writes nothing
            ],
        }
    ]
    r = await post(client, pms, body)
    assert r.status_code == 200, r.text
    assert r.json() == {"applied": 2, "rates": 1, "dates": 1}
    stored = await rate_day(db, pms.breakfast, day(70))
    assert stored is not None
    assert (stored.price, stored.min_stay, stored.base_occupancy) == (Decimal(90), 4, 1)
    assert (stored.closed_to_arrival, stored.closed_to_departure) == (True, False)
    assert stored.extra_guest_charges == {str(pms.adult.id): "12"}
    assert await rate_day(db, pms.breakfast, day(71)) is None


def _valid(pms: Pms) -> dict[str, Any]:
    return {"rateId": str(pms.queen_rate.id), "data": [{"date": iso(80), "price": 111}]}


def _item(pms: Pms, **entry: Any) -> dict[str, Any]:
    return {"rateId": str(pms.queen_rate.id), "data": [{"date": iso(81), "price": 1}, entry]}


BAD_ENTRIES: list[tuple[dict[str, Any], str, str | None]] = [
    ({"date": iso(82), "price": -1}, "1.data.1.price", None),
    ({"date": iso(82), "price": 10.005}, "1.data.1.price", "priceIsInvalid"),  # USD: 2 decimals
    ({"date": iso(82), "price": 10_000_001}, "1.data.1.price", None),
    ({"date": iso(82), "price": "lots"}, "1.data.1.price", None),
    ({"date": iso(82), "minimumNights": 0}, "1.data.1.minimumNights", None),
    ({"date": iso(82), "minimumNights": 366}, "1.data.1.minimumNights", None),
    ({"date": iso(82), "minimumNights": 2.5}, "1.data.1.minimumNights", None),
    ({"date": iso(82), "baseOccupancy": 0}, "1.data.1.baseOccupancy", None),
    ({"date": iso(82), "baseOccupancy": 5}, "1.data.1.baseOccupancy", "baseOccupancyIsInvalid"),
    ({"date": iso(82), "closedToArrival": "yes"}, "1.data.1.closedToArrival", None),
    ({"date": iso(82), "closedToDeparture": 1}, "1.data.1.closedToDeparture", None),
    ({"date": iso(82), "prise": 100}, "1.data.1.prise", None),
    ({"price": 100}, "1.data.1.date", None),
    ({"date": f"{day(400).year}-02-30", "price": 100}, "1.data.1.date", None),
    ({"date": "2020-01-01", "price": 100}, "1.data.1.date", "dateOutOfRange"),
]


@pytest.mark.parametrize(("entry", "field", "code"), BAD_ENTRIES)
async def test_a_bad_entry_rejects_the_whole_request_naming_it(
    client: httpx.AsyncClient,
    db: AsyncSession,
    pms: Pms,
    entry: dict[str, Any],
    field: str,
    code: str | None,
) -> None:
    r = await post(client, pms, [_valid(pms), _item(pms, **entry)])
    assert r.status_code == 400, r.text
    problem = r.json()
    assert problem["errors"].keys() == {field}, problem
    if code is not None:
        assert problem["code"] == code
    assert await rate_days(db, pms) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ([], "body"),
        ({"rateId": "x"}, "body"),
        ([{"rateId": "not-an-id", "data": [{"date": iso(80)}]}], "0.rateId"),
        ([{"data": [{"date": iso(80)}]}], "0.rateId"),
        ([{"rateId": str(uuid.uuid4())}], "0.data"),
        ([{"rateId": str(uuid.uuid4()), "data": []}], "0.data"),
        ([{"rateId": str(uuid.uuid4()), "data": [], "colour": "red"}], "0.data"),
    ],
)
async def test_a_malformed_body_is_400_naming_the_item(
    client: httpx.AsyncClient, pms: Pms, body: Any, field: str
) -> None:
    r = await post(client, pms, body)
    assert r.status_code == 400, r.text
    assert field in r.json()["errors"], r.json()


async def test_an_unknown_inactive_or_other_tenants_rate_is_the_same_404(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    other_rate = await db.scalar(select(Rate).where(Rate.unit_type_id == pms.other_listing.id))
    assert other_rate is not None
    pms.cabin_rate.is_active = False
    await db.commit()
    answers = []
    for rate_id in (uuid.uuid4(), pms.cabin_rate.id, other_rate.id):
        body = [_valid(pms), {"rateId": str(rate_id), "data": [{"date": iso(80), "price": 5}]}]
        r = await post(client, pms, body)
        assert r.status_code == 404, r.text
        problem = r.json()
        answers.append(
            (
                problem["code"],
                list(problem["errors"]),
                problem["detail"].replace(str(rate_id), "ID"),
            )
        )
    assert answers == [("rateNotFound", ["1.rateId"], "No rate with id ID.")] * 3
    assert await rate_days(db, pms) == 0
    stored = await db.scalar(
        select(func.count()).select_from(RateDay).where(RateDay.rate_id == other_rate.id)
    )
    assert stored == 0


async def test_a_rate_that_does_not_allow_updates_is_400(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    body = [_valid(pms), {"rateId": str(pms.weekly.id), "data": [{"date": iso(80), "price": 5}]}]
    r = await post(client, pms, body)
    assert r.status_code == 400, r.text
    assert r.json()["code"] == "rateDoesNotAllowUpdates"
    assert list(r.json()["errors"]) == ["1.rateId"]
    assert await rate_days(db, pms) == 0


async def test_writing_needs_write_inventory(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    r = await client.post(URL, json=[_valid(pms)], headers=await pms.headers("read:inventory"))
    assert r.status_code == 403, r.text
    assert "write:inventory" in r.json()["detail"]
    assert await rate_days(db, pms) == 0


async def test_a_staff_members_token_may_read_but_not_change_rates(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    staff = await make_user(db, fullname="Front Desk")
    await add_member(db, pms.business_id, staff, "staff")
    token = await partner_token(
        db, staff, [pms.business_id], scopes=("read:inventory", "write:inventory")
    )
    headers = {"Authorization": f"Bearer {token.value}"}
    got = await client.get(URL, params={"from": iso(1), "to": iso(1)}, headers=headers)
    assert got.status_code == 200 and len(got.json()) == 4
    r = await client.post(URL, json=[_valid(pms)], headers=headers)
    assert r.status_code == 403, r.text
    assert list(r.json()["errors"]) == ["0.rateId"]
    assert await rate_days(db, pms) == 0


@pytest.mark.parametrize(
    ("zone", "hour"),
    [
        ("America/Chicago", 12),
        ("Pacific/Kiritimati", 12),  # UTC+14: already tomorrow there
        ("Etc/GMT+12", 6),  # UTC-12: still yesterday there
    ],
)
async def test_dates_from_yesterday_to_three_years_ahead_where_the_property_is(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms, zone: str, hour: int
) -> None:
    pms.property.time_zone = zone
    await db.commit()
    now = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    with frozen_clock(now):
        window = write_window(property_today(zone, now))
        assert window.first == property_today(zone, now) - timedelta(days=1)

        def write(on: date) -> dict[str, Any]:
            return {
                "rateId": str(pms.queen_rate.id),
                "data": [{"date": on.isoformat(), "price": 5}],
            }

        ok = await post(client, pms, [write(window.first), write(window.last)])
        assert ok.status_code == 200, ok.text
        for k, outside in enumerate(
            (window.first - timedelta(days=1), window.last + timedelta(days=1))
        ):
            body = [write(window.first), write(outside)] if k else [write(outside)]
            r = await post(client, pms, body)
            assert r.status_code == 400, r.text
            problem = r.json()
            assert problem["code"] == "dateOutOfRange"
            assert list(problem["errors"]) == [f"{k}.data.0.date"]
            assert (problem["first"], problem["last"]) == (
                window.first.isoformat(),
                window.last.isoformat(),
            )


async def test_at_most_ten_thousand_entries_in_all(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    rate = str(pms.breakfast.id)
    full = [
        {"rateId": rate, "data": [{"date": iso(90), "price": 100 + k % 7}] * 5_000}
        for k in range(2)
    ]
    r = await post(client, pms, full)
    assert r.status_code == 200, r.text
    assert r.json() == {"applied": 10_000, "rates": 1, "dates": 1}
    over = [*full, {"rateId": rate, "data": [{"date": iso(91), "price": 1}]}]
    r = await post(client, pms, over)
    assert r.status_code == 400, r.text
    assert r.json()["code"] == "tooManyEntries" and list(r.json()["errors"]) == ["2.data"]
    assert await rate_day(db, pms.breakfast, day(91)) is None
