"""The quote engine: nightly prices, extra guests, fees and taxes, and every rule a stay
can break, checked against rows written straight into the calendar tables."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from staykit.core.clock import FrozenClock
from staykit.core.config import Settings
from staykit.core.errors import InvalidInput
from staykit.domain.auth import passwords
from staykit.domain.catalog import pricing
from staykit.domain.catalog.availability import sellable_units
from staykit.domain.catalog.listings import default_rate
from staykit.domain.catalog.models import (
    AvailabilityBlock,
    GuestType,
    Occupancy,
    Rate,
    RateDay,
    Unit,
    UnitType,
)
from staykit.domain.catalog.quote import Quote, quote_stay
from tests.factories import add_units, inventory_day, make_listing, make_user

# Stays below are in 2030; quotes are judged as if the property's today were this date.
TODAY = date(2030, 1, 1)
D = Decimal


def d(day: int, month: int = 3) -> date:
    return date(2030, month, day)


@pytest.fixture(autouse=True)
def _cheap_password_hashes(settings: Settings) -> None:
    # make_user hashes a password; the test settings make that cheap.
    passwords.configure(settings)


async def listing_with_rate(db: AsyncSession, **fields: object) -> tuple[UnitType, Rate]:
    host = await make_user(db)
    listing = await make_listing(db, host, **fields)
    return listing, await default_rate(db, listing.id)


async def only_unit(db: AsyncSession, listing: UnitType) -> Unit:
    unit = await db.scalar(select(Unit).where(Unit.unit_type_id == listing.id))
    assert unit is not None
    return unit


async def occupy(
    db: AsyncSession, listing: UnitType, unit: Unit, arrival: date, departure: date
) -> None:
    """An availability block on the unit, with the occupancy row it writes."""
    block = AvailabilityBlock(
        business_id=listing.business_id,
        unit_id=unit.id,
        unit_type_id=listing.id,
        arrival=arrival,
        departure=departure,
        kind="maintenance",
    )
    db.add(block)
    await db.flush()
    db.add(
        Occupancy(
            business_id=listing.business_id,
            unit_id=unit.id,
            unit_type_id=listing.id,
            arrival=arrival,
            departure=departure,
            kind="block",
            ref=block.id,
        )
    )
    await db.flush()


async def rate_day(db: AsyncSession, rate: Rate, day: date, **values: Any) -> None:
    db.add(RateDay(rate_id=rate.id, date=day, **values))
    await db.flush()


async def quote(
    db: AsyncSession,
    listing: UnitType,
    arrival: date,
    departure: date,
    guests: int = 2,
    rate: Rate | None = None,
    today: date | None = TODAY,
) -> Quote:
    return await quote_stay(db, listing, arrival, departure, guests, rate, today=today)


def rules(q: Quote) -> list[tuple[str, date | None]]:
    return [(v.rule, v.date) for v in q.violations]


@pytest.fixture
def frozen_at() -> datetime:
    return datetime(2030, 1, 1, tzinfo=UTC)


# --- pricing: pure functions -----------------------------------------------------------------


def test_a_rate_day_price_beats_a_seasonal_rule_which_beats_the_base_price() -> None:
    seasonal = {
        "rules": [{"startDate": "2030-03-01", "endDate": "2030-03-31", "pricePerNight": "150"}]
    }
    prices = pricing.nightly_prices(
        [d(1, 2), d(1), d(2)],
        base_price=D("100.00"),
        currency="EUR",
        seasonal_pricing=seasonal,
        day_prices={d(2): D("99.50")},
    )
    assert prices == [(d(1, 2), D("100.00")), (d(1), D("150.00")), (d(2), D("99.50"))]


def test_a_seasonal_rule_with_weekdays_prices_only_those_weekdays() -> None:
    # 2030-03-01 is a Friday.
    assert d(1).weekday() == 4
    seasonal = {
        "rules": [
            {
                "startDate": "2030-03-01",
                "endDate": "2030-03-31",
                "weekdays": ["fri", "sat"],
                "pricePerNight": "180",
            }
        ]
    }
    prices = pricing.nightly_prices(
        [d(1) + timedelta(days=i) for i in range(8)],
        base_price=D("100"),
        currency="EUR",
        seasonal_pricing=seasonal,
    )
    assert [p for _, p in prices] == [
        D("180.00"),  # Fri
        D("180.00"),  # Sat
        D("100.00"),
        D("100.00"),
        D("100.00"),
        D("100.00"),
        D("100.00"),
        D("180.00"),  # next Fri
    ]


def test_later_seasonal_rules_win_where_rules_overlap() -> None:
    seasonal = {
        "rules": [
            {"startDate": "2030-03-01", "endDate": "2030-03-31", "pricePerNight": "150"},
            {"startDate": "2030-03-10", "endDate": "2030-03-12", "adjustmentPercent": "-20"},
            {
                "startDate": "2030-03-01",
                "endDate": "2030-03-31",
                "weekdays": ["mon"],
                "pricePerNight": "90",
            },
        ]
    }
    rules = pricing.parse_rules(seasonal)
    at = lambda night: pricing.nightly_price(  # noqa: E731
        night, base_price=D("100"), currency="EUR", rules=rules
    )
    assert at(d(9)) == D("150.00")  # Saturday: only the first rule
    assert at(d(10)) == D("80.00")  # Sunday: the percent rule, applied to the base price
    assert at(d(11)) == D("90.00")  # Monday: the last rule beats the percent rule
    assert at(d(12)) == D("80.00")
    assert at(d(13)) == D("150.00")


def test_percent_rules_adjust_the_rates_base_price_and_other_rates_ignore_fixed_prices() -> None:
    rules = pricing.parse_rules(
        {
            "rules": [
                {"startDate": "2030-03-01", "endDate": "2030-03-31", "adjustmentPercent": "12.5"},
                {"startDate": "2030-03-05", "endDate": "2030-03-05", "pricePerNight": "300"},
            ]
        }
    )
    default = lambda night: pricing.nightly_price(  # noqa: E731
        night, base_price=D("80"), currency="EUR", rules=rules
    )
    other = lambda night: pricing.nightly_price(  # noqa: E731
        night, base_price=D("80"), currency="EUR", rules=rules, default_rate=False
    )
    assert default(d(4)) == D("90.00")
    assert default(d(5)) == D("300.00")
    assert other(d(4)) == D("90.00")
    # The fixed price is the default rate's; another rate falls back to the percent rule.
    assert other(d(5)) == D("90.00")
    assert other(d(1, 4)) == D("80.00")


@pytest.mark.parametrize(
    ("currency", "base", "percent", "expected"),
    [
        ("EUR", "33.35", "-50", "16.68"),  # 16.675 -> half-even up to 16.68
        ("EUR", "33.25", "-50", "16.62"),  # 16.625 -> half-even down to 16.62
        ("JPY", "10001", "5", "10501"),  # 10501.05 -> whole yen
        ("JPY", "12345", "10", "13580"),  # 13579.5 -> half-even to 13580
        ("KWD", "10.125", "10", "11.138"),  # 11.1375 -> three decimals, half-even
        ("KWD", "7.001", "0", "7.001"),
    ],
)
def test_prices_are_quantized_to_the_currencys_minor_units(
    currency: str, base: str, percent: str, expected: str
) -> None:
    rules = pricing.parse_rules(
        {
            "rules": [
                {"startDate": "2030-03-01", "endDate": "2030-03-01", "adjustmentPercent": percent}
            ]
        }
    )
    price = pricing.nightly_price(d(1), base_price=D(base), currency=currency, rules=rules)
    assert price == D(expected)
    assert price.as_tuple().exponent == D(expected).as_tuple().exponent


def test_unreadable_stored_rules_are_skipped_not_fatal() -> None:
    rules = pricing.parse_rules(
        {"rules": [{"startDate": "soon", "endDate": "2030-03-01", "pricePerNight": "1"}, "x", {}]}
    )
    assert rules == []
    assert pricing.parse_rules({"rules": "nope"}) == []
    assert pricing.parse_rules(None) == []


# --- amounts ---------------------------------------------------------------------------------


async def test_a_plain_stay_costs_the_base_price_per_night_and_is_bookable(
    db: AsyncSession,
) -> None:
    listing, rate = await listing_with_rate(db)
    q = await quote(db, listing, d(1), d(4))
    assert q.nights == [(d(1), D("100.00")), (d(2), D("100.00")), (d(3), D("100.00"))]
    assert (q.subtotal, q.extra_guest_charges, q.cleaning_fee, q.city_tax, q.total) == (
        D("300.00"),
        D("0.00"),
        D("0.00"),
        D("0.00"),
        D("300.00"),
    )
    assert q.currency == "EUR" and q.rate_id == rate.id
    assert q.bookable and q.violations == []


async def test_rate_days_and_seasonal_rules_price_the_nights_of_the_stay(
    db: AsyncSession,
) -> None:
    listing, rate = await listing_with_rate(
        db,
        seasonalPricing={
            "rules": [{"startDate": "2030-03-02", "endDate": "2030-03-31", "pricePerNight": "140"}]
        },
    )
    await rate_day(db, rate, d(3), price=D("199.99"))
    await rate_day(db, rate, d(4), min_stay=1)  # no price: the seasonal rule still applies
    q = await quote(db, listing, d(1), d(5))
    assert q.nights == [
        (d(1), D("100.00")),
        (d(2), D("140.00")),
        (d(3), D("199.99")),
        (d(4), D("140.00")),
    ]
    assert q.subtotal == q.total == D("579.99")


async def test_another_rate_uses_its_own_base_price_days_and_only_percent_rules(
    db: AsyncSession,
) -> None:
    listing, default = await listing_with_rate(
        db,
        seasonalPricing={
            "rules": [
                {"startDate": "2030-03-01", "endDate": "2030-03-31", "adjustmentPercent": "10"},
                {"startDate": "2030-03-02", "endDate": "2030-03-02", "pricePerNight": "500"},
            ]
        },
    )
    other = Rate(
        business_id=listing.business_id,
        rate_plan_id=default.rate_plan_id,
        unit_type_id=listing.id,
        name="Non-refundable",
        slot=2,
        base_price=D("80.00"),
    )
    db.add(other)
    await db.flush()
    await rate_day(db, default, d(3), price=D("1.00"))  # the default rate's day: not this rate's
    await rate_day(db, other, d(1), price=D("70.00"))
    q = await quote(db, listing, d(1), d(4), rate=other)
    assert q.rate_id == other.id
    assert q.nights == [(d(1), D("70.00")), (d(2), D("88.00")), (d(3), D("88.00"))]


async def test_a_rate_of_another_listing_is_refused(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    _, foreign = await listing_with_rate(db)
    with pytest.raises(InvalidInput) as exc:
        await quote(db, listing, d(1), d(2), rate=foreign)
    assert exc.value.field == "rate_id"


async def test_a_quote_needs_at_least_one_guest(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    with pytest.raises(InvalidInput) as exc:
        await quote(db, listing, d(1), d(2), guests=0)
    assert exc.value.field == "guests"


async def adult_type(db: AsyncSession, listing: UnitType) -> str:
    guest_type = GuestType(business_id=listing.business_id, code="adult", name="Adult")
    child = GuestType(business_id=listing.business_id, code="child", name="Child")
    db.add_all([guest_type, child])
    await db.flush()
    return str(guest_type.id)


async def test_guests_above_base_occupancy_pay_the_adult_charge_per_night(
    db: AsyncSession,
) -> None:
    listing, rate = await listing_with_rate(db, maxGuests=6, baseOccupancy=2)
    adult = await adult_type(db, listing)
    rate.extra_guest_charges = {adult: "15.00"}
    await db.flush()
    # Night 2: a dearer charge for adults. Night 3: a charge for another type only, so the
    # adult charge falls back to the rate's. Night 4: a base occupancy of 3 that night.
    await rate_day(db, rate, d(2), extra_guest_charges={adult: "20.50"})
    await rate_day(db, rate, d(3), extra_guest_charges={str(uuid.uuid4()): "99"})
    await rate_day(db, rate, d(4), base_occupancy=3)
    q = await quote(db, listing, d(1), d(5), guests=5)
    # 3 extra guests on nights 1-3, 2 on night 4.
    expected = 3 * D("15.00") + 3 * D("20.50") + 3 * D("15.00") + 2 * D("15.00")
    assert q.extra_guest_charges == expected == D("181.50")
    assert q.total == D("400.00") + expected
    assert q.bookable


async def test_guests_within_base_occupancy_pay_no_extra(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, maxGuests=6, baseOccupancy=2)
    adult = await adult_type(db, listing)
    rate.extra_guest_charges = {adult: "15.00"}
    await db.flush()
    q = await quote(db, listing, d(1), d(3), guests=2)
    assert q.extra_guest_charges == D("0.00")


async def test_without_an_adult_guest_type_extra_guests_cost_nothing(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, maxGuests=6, baseOccupancy=2)
    child = GuestType(business_id=listing.business_id, code="child", name="Child")
    db.add(child)
    await db.flush()
    rate.extra_guest_charges = {str(child.id): "10"}
    await db.flush()
    q = await quote(db, listing, d(1), d(3), guests=4)
    assert q.extra_guest_charges == D("0.00")
    assert q.total == D("200.00")


async def test_a_deleted_adult_guest_type_charges_nothing(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, maxGuests=6, baseOccupancy=2)
    adult = GuestType(business_id=listing.business_id, code="adult", name="Adult", is_active=False)
    db.add(adult)
    await db.flush()
    rate.extra_guest_charges = {str(adult.id): "15.00"}
    await db.flush()
    q = await quote(db, listing, d(1), d(3), guests=4)
    assert q.extra_guest_charges == D("0.00")


async def test_city_tax_is_a_percent_of_nights_and_extra_guests_not_of_cleaning(
    db: AsyncSession,
) -> None:
    listing, rate = await listing_with_rate(
        db, cleaningFee="45.00", cityTaxPercent="7.5", maxGuests=3, baseOccupancy=2
    )
    adult = await adult_type(db, listing)
    rate.extra_guest_charges = {adult: "10.10"}
    await db.flush()
    q = await quote(db, listing, d(1), d(4), guests=3)
    assert q.subtotal == D("300.00")
    assert q.extra_guest_charges == D("30.30")
    assert q.cleaning_fee == D("45.00")
    assert q.city_tax == D("24.77")  # 7.5% of 330.30 = 24.7725
    assert q.total == D("300.00") + D("30.30") + D("45.00") + D("24.77")


async def test_yen_quotes_have_no_decimals(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(
        db, currency="JPY", pricePerNight="12345", cityTaxPercent="3", cleaningFee="3000"
    )
    q = await quote(db, listing, d(1), d(3))
    assert q.currency == "JPY"
    assert q.subtotal == D("24690")
    assert q.city_tax == D("741")  # 740.7
    assert q.total == D("28431")
    assert all(a.as_tuple().exponent == 0 for a in (q.subtotal, q.city_tax, q.total))


async def test_dinar_quotes_have_three_decimals(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(
        db, currency="KWD", pricePerNight="30.125", cityTaxPercent="2.5"
    )
    await rate_day(db, rate, d(2), price=D("31.005"))
    q = await quote(db, listing, d(1), d(3))
    assert q.nights == [(d(1), D("30.125")), (d(2), D("31.005"))]
    assert q.subtotal == D("61.130")
    assert q.city_tax == D("1.528")  # 1.52825 -> half-even
    assert q.total == D("62.658")
    assert all(a.as_tuple().exponent == -3 for a in (q.subtotal, q.city_tax, q.total))


# --- each rule on its own ------------------------------------------------------------------


async def test_a_stay_shorter_than_the_listings_minimum_breaks_min_stay(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db, minStay=3)
    q = await quote(db, listing, d(1), d(3))
    assert rules(q) == [("minStay", d(1))]
    assert not q.bookable
    assert "at least 3 nights" in q.violations[0].message
    assert (await quote(db, listing, d(1), d(4))).bookable


async def test_min_stay_is_read_on_the_arrival_dates_override(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, minStay=2)
    await rate_day(db, rate, d(1), min_stay=5)
    await rate_day(db, rate, d(10), min_stay=1)
    assert rules(await quote(db, listing, d(1), d(5))) == [("minStay", d(1))]
    assert (await quote(db, listing, d(1), d(6))).bookable
    # A later date's longer minimum does not bind a stay arriving before it.
    assert (await quote(db, listing, d(2), d(4))).bookable
    # Arriving on the date whose minimum is 1 allows one night despite the listing's 2.
    assert (await quote(db, listing, d(10), d(11))).bookable
    assert rules(await quote(db, listing, d(11), d(12))) == [("minStay", d(11))]


async def test_a_stay_longer_than_the_arrival_dates_maximum_breaks_max_stay(
    db: AsyncSession,
) -> None:
    listing, rate = await listing_with_rate(db, maxStay=7)
    await rate_day(db, rate, d(1), max_stay=3)
    assert rules(await quote(db, listing, d(1), d(5))) == [("maxStay", d(1))]
    assert (await quote(db, listing, d(1), d(4))).bookable
    assert rules(await quote(db, listing, d(2), d(10))) == [("maxStay", d(2))]
    assert (await quote(db, listing, d(2), d(9))).bookable


async def test_closed_to_arrival_applies_on_the_arrival_date_only(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db)
    await rate_day(db, rate, d(5), closed_to_arrival=True)
    assert rules(await quote(db, listing, d(5), d(7))) == [("closedToArrival", d(5))]
    assert (await quote(db, listing, d(4), d(7))).bookable  # staying through it is fine
    assert (await quote(db, listing, d(2), d(5))).bookable  # leaving on it is fine


async def test_closed_to_departure_applies_on_the_departure_date_only(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db)
    await rate_day(db, rate, d(5), closed_to_departure=True)
    assert rules(await quote(db, listing, d(2), d(5))) == [("closedToDeparture", d(5))]
    assert (await quote(db, listing, d(2), d(7))).bookable  # staying through it is fine
    assert (await quote(db, listing, d(5), d(7))).bookable  # arriving on it is fine


async def test_a_stop_sold_night_is_unavailable(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    await inventory_day(db, listing, d(2), stop_sell=True)
    q = await quote(db, listing, d(1), d(4))
    assert rules(q) == [("unavailable", d(2))]
    assert "sales are stopped" in q.violations[0].message
    assert (await quote(db, listing, d(3), d(5))).bookable


async def test_a_stop_sold_arrival_night_is_unavailable_and_a_stop_sold_departure_is_not(
    db: AsyncSession,
) -> None:
    listing, _ = await listing_with_rate(db)
    await inventory_day(db, listing, d(1), stop_sell=True)
    await inventory_day(db, listing, d(4), stop_sell=True)
    assert rules(await quote(db, listing, d(1), d(4))) == [("unavailable", d(1))]
    # The departure date is not a night of the stay.
    assert (await quote(db, listing, d(2), d(4))).bookable


async def test_an_inactive_inventory_day_does_not_stop_sales(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    await inventory_day(db, listing, d(2), stop_sell=True, is_active=False)
    assert (await quote(db, listing, d(1), d(4))).bookable


async def test_a_block_on_the_only_unit_makes_its_nights_unavailable(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    await occupy(db, listing, await only_unit(db, listing), d(3), d(5))
    q = await quote(db, listing, d(1), d(7))
    assert rules(q) == [("unavailable", d(3)), ("unavailable", d(4))]
    assert "every unit is taken" in q.violations[0].message
    # Half-open ranges: leaving on the block's arrival, arriving on its departure.
    assert (await quote(db, listing, d(1), d(3))).bookable
    assert (await quote(db, listing, d(5), d(7))).bookable


async def test_an_availability_cap_of_zero_makes_the_night_unavailable(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    await inventory_day(db, listing, d(2), availability_cap=0)
    q = await quote(db, listing, d(1), d(3))
    assert rules(q) == [("unavailable", d(2))]
    assert "cap is 0" in q.violations[0].message


async def test_three_units_with_two_occupied_are_still_bookable(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    first = await only_unit(db, listing)
    second, third = await add_units(db, listing, 2)
    await occupy(db, listing, first, d(1), d(10))
    await occupy(db, listing, second, d(2), d(4))
    assert (await quote(db, listing, d(1), d(5))).bookable
    await occupy(db, listing, third, d(3), d(4))
    assert rules(await quote(db, listing, d(1), d(5))) == [("unavailable", d(3))]


async def test_too_many_guests_break_the_listings_maximum(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db, maxGuests=4)
    assert (await quote(db, listing, d(1), d(2), guests=4)).bookable
    q = await quote(db, listing, d(1), d(2), guests=5)
    assert rules(q) == [("tooManyGuests", None)]


async def test_departure_not_after_arrival_is_reported_and_nothing_is_priced(
    db: AsyncSession,
) -> None:
    listing, _ = await listing_with_rate(db, cleaningFee="20")
    for departure in (d(5), d(4)):
        q = await quote(db, listing, d(5), departure)
        assert rules(q) == [("departureNotAfterArrival", departure)]
        assert q.nights == [] and q.total == D("0.00") and q.cleaning_fee == D("0.00")


async def test_365_nights_can_be_quoted_but_366_cannot(db: AsyncSession) -> None:
    listing, _ = await listing_with_rate(db)
    arrival = d(1)
    q = await quote(db, listing, arrival, arrival + timedelta(days=365))
    assert q.bookable
    assert len(q.nights) == 365 and q.subtotal == D("36500.00")
    q = await quote(db, listing, arrival, arrival + timedelta(days=366))
    assert rules(q) == [("stayTooLong", None)]
    assert q.nights == [] and q.total == D("0.00")


async def test_a_stay_too_long_still_reports_its_other_rules(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, maxStay=30)
    departure = d(1) + timedelta(days=400)
    await rate_day(db, rate, d(1), closed_to_arrival=True)
    await rate_day(db, rate, departure, closed_to_departure=True)
    q = await quote(db, listing, d(1), departure, guests=9, today=d(2))
    assert rules(q) == [
        ("stayTooLong", None),
        ("arrivalInPast", d(1)),
        ("tooManyGuests", None),
        ("maxStay", d(1)),
        ("closedToArrival", d(1)),
        ("closedToDeparture", departure),
    ]


async def test_every_broken_rule_is_reported_not_just_the_first(db: AsyncSession) -> None:
    listing, rate = await listing_with_rate(db, maxGuests=2)
    await rate_day(db, rate, d(1), min_stay=7, closed_to_arrival=True)
    await rate_day(db, rate, d(4), closed_to_departure=True)
    await inventory_day(db, listing, d(2), stop_sell=True)
    await occupy(db, listing, await only_unit(db, listing), d(3), d(8))
    q = await quote(db, listing, d(1), d(4), guests=3, today=d(2))
    assert rules(q) == [
        ("arrivalInPast", d(1)),
        ("tooManyGuests", None),
        ("minStay", d(1)),
        ("closedToArrival", d(1)),
        ("closedToDeparture", d(4)),
        ("unavailable", d(2)),
        ("unavailable", d(3)),
    ]
    assert all(v.message for v in q.violations)
    # Still priced, so a guest sees what the stay would cost.
    assert q.total == D("300.00")


# --- past arrival in the property's time zone ------------------------------------------------


@pytest.mark.parametrize(
    ("now", "time_zone", "past"),
    [
        # 23:30 UTC on 1 March is already 2 March in Tokyo (UTC+9)...
        (datetime(2030, 3, 1, 23, 30, tzinfo=UTC), "Asia/Tokyo", True),
        # ...but still 1 March in Los Angeles (UTC-8).
        (datetime(2030, 3, 1, 23, 30, tzinfo=UTC), "America/Los_Angeles", False),
        # 07:59 UTC on 2 March is 23:59 on 1 March in Los Angeles: arriving today is fine.
        (datetime(2030, 3, 2, 7, 59, tzinfo=UTC), "America/Los_Angeles", False),
        (datetime(2030, 3, 2, 8, 0, tzinfo=UTC), "America/Los_Angeles", True),
        # Lisbon in winter is UTC+0: midnight UTC turns the date there.
        (datetime(2030, 3, 1, 23, 59, tzinfo=UTC), "Europe/Lisbon", False),
        (datetime(2030, 3, 2, 0, 0, tzinfo=UTC), "Europe/Lisbon", True),
    ],
)
async def test_arrival_in_the_past_is_judged_in_the_propertys_time_zone(
    db: AsyncSession, frozen: FrozenClock, now: datetime, time_zone: str, past: bool
) -> None:
    listing, _ = await listing_with_rate(db, timeZone=time_zone)
    frozen.at = now
    q = await quote(db, listing, d(1), d(3), today=None)
    assert rules(q) == ([("arrivalInPast", d(1))] if past else [])
    # The stay's dates are never shifted by the time zone.
    assert [n for n, _ in q.nights] == [d(1), d(2)]


async def test_the_clock_is_restored_after_time_travel(frozen: FrozenClock) -> None:
    from staykit.core import clock

    assert clock.utcnow() == frozen.at


# --- availability and query counts --------------------------------------------------------


async def test_sellable_units_counts_free_units_then_applies_stop_sell_and_caps(
    db: AsyncSession,
) -> None:
    listing, _ = await listing_with_rate(db)
    first = await only_unit(db, listing)
    second, third, retired = await add_units(db, listing, 3)
    retired.is_active = False
    await db.flush()
    await occupy(db, listing, first, d(1), d(3))
    await occupy(db, listing, second, d(2), d(3))
    await occupy(db, listing, retired, d(4), d(6))  # an inactive unit counts neither way
    inactive = Occupancy(
        business_id=listing.business_id,
        unit_id=third.id,
        unit_type_id=listing.id,
        arrival=d(1),
        departure=d(8),
        kind="block",
        ref=uuid.uuid4(),
        active=False,
    )
    db.add(inactive)
    await inventory_day(db, listing, d(4), availability_cap=2)
    await inventory_day(db, listing, d(5), availability_cap=5)
    await inventory_day(db, listing, d(6), stop_sell=True, availability_cap=3)
    await occupy(db, listing, third, d(7), d(20))
    units = await sellable_units(db, listing.id, d(1), d(8))
    assert units == {d(1): 2, d(2): 1, d(3): 3, d(4): 2, d(5): 3, d(6): 0, d(7): 2}
    assert await sellable_units(db, listing.id, d(5), d(5)) == {}


async def test_a_quote_runs_the_same_few_queries_for_any_stay_length(
    db: AsyncSession, db_conn: AsyncConnection, frozen: FrozenClock
) -> None:
    # "Now" where the 2030 stays are within the date rule's 3-year horizon.
    frozen.at = datetime(2030, 1, 1, 12, tzinfo=UTC)
    listing, rate = await listing_with_rate(db, maxGuests=6)
    adult = await adult_type(db, listing)
    rate.extra_guest_charges = {adult: "10"}
    for i in range(0, 90, 3):
        await rate_day(db, rate, d(1) + timedelta(days=i), price=D("120"))
    await occupy(db, listing, await only_unit(db, listing), d(1, 6), d(3, 6))
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    sync = db_conn.sync_connection
    assert sync is not None
    event.listen(sync, "before_cursor_execute", count)
    try:
        short = await quote(db, listing, d(1), d(3), guests=4, today=None)
        n_short = len(statements)
        statements.clear()
        long = await quote(db, listing, d(1), d(1) + timedelta(days=120), guests=4, today=None)
        n_long = len(statements)
    finally:
        event.remove(sync, "before_cursor_execute", count)
    assert len(long.nights) == 120 and len(short.nights) == 2
    assert n_short == n_long == 1, statements
