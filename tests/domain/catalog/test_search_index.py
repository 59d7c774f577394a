"""The search index (search_listings, kept by triggers): it stays exactly what its sources
say after every kind of write, under concurrent writers too, and search over it returns
what quote_stay and sellable_units say, on random data."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.api.marketplace.catalog_schemas import UpdateListing
from staykit.core.config import Settings
from staykit.core.ids import uuid7
from staykit.domain.catalog import calendar
from staykit.domain.catalog.availability import sellable_units
from staykit.domain.catalog.blocks import create_block, delete_block
from staykit.domain.catalog.commands import CalendarValues, NewCalendarDay
from staykit.domain.catalog.listings import default_rate, delete_listing, update_listing
from staykit.domain.catalog.models import (
    GuestType,
    InventoryDay,
    Occupancy,
    Property,
    RateDay,
    Unit,
    UnitType,
)
from staykit.domain.catalog.quote import quote_stay
from staykit.domain.catalog.search import SearchParams, search_listings
from staykit.domain.catalog.search_index import SearchListing, rebuild, stale_rows
from tests.factories import Person, actor_of, add_unit, days_from, make_listing, make_user, units_of

BUDAPEST = {"lat": 47.4979, "lng": 19.0402, "city": "Budapest", "country": "HU"}


day = days_from()  # from today (UTC); tests use offsets far enough ahead for every time zone


def occupancy(unit: Unit, arrival: date, departure: date, kind: str = "reservation") -> Occupancy:
    return Occupancy(
        business_id=unit.business_id,
        unit_id=unit.id,
        unit_type_id=unit.unit_type_id,
        arrival=arrival,
        departure=departure,
        kind=kind,
        ref=uuid7(),
    )


async def sold_out(db: AsyncSession, listing: UnitType, start: int, end: int) -> set[int]:
    """The day offsets in [start, end) that the index says are sold out."""
    rows = await db.execute(
        text(
            "SELECT d::date FROM generate_series(CAST(:a AS date), CAST(:b AS date) - 1, "
            "interval '1 day') d, search_listings s "
            "WHERE s.unit_type_id = :id AND s.sold_out @> d::date"
        ),
        {"a": day(start), "b": day(end), "id": listing.id},
    )
    return {(night - day(0)).days for (night,) in rows}


async def sellable_says(db: AsyncSession, listing: UnitType, start: int, end: int) -> set[int]:
    """The day offsets in [start, end) with no sellable unit, by availability.py."""
    counts = await sellable_units(db, listing.id, day(start), day(end))
    return {(night - day(0)).days for night, n in counts.items() if n == 0}


async def assert_exact(
    db: AsyncSession, *listings: UnitType, start: int = 0, end: int = 60
) -> None:
    """The whole index equals a recomputation from the sources, and each listing's sold-out
    nights are exactly the nights availability.py finds nothing to sell."""
    await db.flush()
    assert await stale_rows(db) == []
    for listing in listings:
        assert await sold_out(db, listing, start, end) == await sellable_says(
            db, listing, start, end
        )


# --- exact after each kind of write ---------------------------------------------------------


async def test_a_new_listing_has_its_row_with_nothing_sold_out(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Fresh", pricePerNight="80.00")
    row = await db.get(SearchListing, listing.id)
    assert row is not None
    assert row.price_per_night == Decimal("80.000") and row.is_published is True
    rate = await default_rate(db, listing.id)
    assert row.rate_id == rate.id and row.base_price == Decimal("80.000")
    assert await sold_out(db, listing, 0, 60) == set()
    await assert_exact(db, listing)


async def test_sold_out_nights_are_those_where_every_unit_is_taken(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Two rooms")
    first = (await units_of(db, listing))[0]
    second = await add_unit(db, listing)
    db.add_all([occupancy(first, day(10), day(13)), occupancy(second, day(11), day(15))])
    await db.flush()
    # Both rooms are taken only on the nights of day 11 and day 12.
    assert await sold_out(db, listing, 0, 30) == {11, 12}
    await assert_exact(db, listing)


async def test_blocks_created_and_deleted_through_the_service(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Blocked")
    unit = (await units_of(db, listing))[0]
    block = await create_block(db, actor_of(host), unit.id, day(5), day(8), "maintenance")
    assert await sold_out(db, listing, 0, 30) == {5, 6, 7}
    await assert_exact(db, listing)
    await delete_block(db, actor_of(host), block.id)
    assert await sold_out(db, listing, 0, 30) == set()
    await assert_exact(db, listing)


async def test_occupancies_inserted_moved_deactivated_and_deleted(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Busy")
    other = await make_listing(db, host, title="Other")
    unit = (await units_of(db, listing))[0]
    other_unit = (await units_of(db, other))[0]
    booking = occupancy(unit, day(3), day(6))
    db.add(booking)
    await db.flush()
    assert await sold_out(db, listing, 0, 30) == {3, 4, 5}
    booking.arrival, booking.departure = day(4), day(9)  # dates changed
    await db.flush()
    assert await sold_out(db, listing, 0, 30) == {4, 5, 6, 7, 8}
    booking.unit_id, booking.unit_type_id = other_unit.id, other.id  # moved to another type
    await db.flush()
    assert await sold_out(db, listing, 0, 30) == set()
    assert await sold_out(db, other, 0, 30) == {4, 5, 6, 7, 8}
    await assert_exact(db, listing, other)
    booking.active = False  # cancelled
    await db.flush()
    assert await sold_out(db, other, 0, 30) == set()
    booking.active = True
    await db.flush()
    await db.delete(booking)
    await db.flush()
    assert await sold_out(db, other, 0, 30) == set()
    await assert_exact(db, listing, other)


async def test_an_occupancy_counts_for_the_type_its_unit_belongs_to(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Real home")
    other = await make_listing(db, host, title="Wrongly named")
    unit = (await units_of(db, listing))[0]
    row = occupancy(unit, day(2), day(4))
    row.unit_type_id = other.id  # as availability.py: the unit decides, not this column
    db.add(row)
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {2, 3}
    assert await sold_out(db, other, 0, 10) == set()
    await assert_exact(db, listing, other)


async def test_units_added_deactivated_moved_and_removed(db: AsyncSession, host: Person) -> None:
    listing = await make_listing(db, host, title="Rooms")
    other = await make_listing(db, host, title="Elsewhere")
    first = (await units_of(db, listing))[0]
    db.add(occupancy(first, day(1), day(4)))
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {1, 2, 3}
    second = await add_unit(db, listing)
    assert await sold_out(db, listing, 0, 10) == set()
    await assert_exact(db, listing)
    second.is_active = False  # taken out of service: the first unit alone again
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {1, 2, 3}
    second.is_active = True
    second.unit_type_id = other.id  # moved to another type
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {1, 2, 3}
    await assert_exact(db, listing, other)
    first.is_active = False  # no active unit left: nothing can be sold, ever
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == set(range(10))
    everything = await db.scalar(
        text("SELECT sold_out = '{(,)}' FROM search_listings WHERE unit_type_id = :id"),
        {"id": listing.id},
    )
    assert everything is True
    await assert_exact(db, listing, other)
    await db.delete(second)
    await db.flush()
    await assert_exact(db, listing, other)


async def test_inventory_stop_sell_caps_and_their_changes(db: AsyncSession, host: Person) -> None:
    listing = await make_listing(db, host, title="Managed")
    second = await add_unit(db, listing)
    stop = InventoryDay(
        business_id=listing.business_id, unit_type_id=listing.id, date=day(3), stop_sell=True
    )
    zero = InventoryDay(
        business_id=listing.business_id, unit_type_id=listing.id, date=day(4), availability_cap=0
    )
    one = InventoryDay(
        business_id=listing.business_id, unit_type_id=listing.id, date=day(5), availability_cap=1
    )
    db.add_all([stop, zero, one])
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {3, 4}
    db.add(occupancy(second, day(5), day(6)))  # a cap of 1 with one of two units free: fine
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {3, 4}
    stop.stop_sell = False
    zero.date = day(7)
    one.availability_cap = 0
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == {5, 7}
    zero.is_active = False
    await db.flush()
    await db.delete(one)
    await db.flush()
    assert await sold_out(db, listing, 0, 10) == set()
    await assert_exact(db, listing)


async def test_calendar_entries_through_the_service(db: AsyncSession, host: Person) -> None:
    listing = await make_listing(db, host, title="Calendar")
    me = actor_of(host)
    available = frozenset({"available"})
    entry = await calendar.CALENDAR.create(
        db,
        me,
        NewCalendarDay(listing.id, day(12), CalendarValues(available=False, provided=available)),
    )
    assert await sold_out(db, listing, 0, 30) == {12}
    await calendar.CALENDAR.update(
        db, me, entry.id, CalendarValues(available=True, provided=available)
    )
    assert await sold_out(db, listing, 0, 30) == set()
    await calendar.CALENDAR.update(
        db, me, entry.id, CalendarValues(available=False, provided=available)
    )
    await calendar.CALENDAR.delete(db, me, entry.id)
    assert await sold_out(db, listing, 0, 30) == set()
    await assert_exact(db, listing)


async def test_listing_property_and_rate_updates(
    db: AsyncSession, host: Person, settings: Settings
) -> None:
    listing = await make_listing(db, host, title="Changing", pricePerNight="100.00")
    me = actor_of(host)
    await update_listing(
        db,
        me,
        listing.id,
        UpdateListing.model_validate(
            {
                "pricePerNight": "120.00",
                "maxGuests": 6,
                "minStay": 2,
                "cleaningFee": "30.00",
                "cityTaxPercent": "5",
                "isPublished": False,
                "location": BUDAPEST,
                "timeZone": "Europe/Budapest",
                "seasonalPricing": {
                    "rules": [
                        {
                            "startDate": day(1).isoformat(),
                            "endDate": day(9).isoformat(),
                            "adjustmentPercent": "10",
                        }
                    ]
                },
            }
        ).to_command(),
    )
    row = await db.get(SearchListing, listing.id, populate_existing=True)
    assert row is not None
    assert (row.price_per_night, row.base_price) == (Decimal("120.000"), Decimal("120.000"))
    assert (row.max_guests, row.min_stay, row.is_published) == (6, 2, False)
    assert row.time_zone == "Europe/Budapest" and row.seasonal_pricing is not None
    await assert_exact(db, listing)
    # Written past the services: a property moved, a rate's charges set, the default rate
    # retired (no rate: no dated search finds the listing).
    prop = await db.get(Property, listing.property_id)
    assert prop is not None
    prop.latitude, prop.longitude = 48.2082, 16.3738
    rate = await default_rate(db, listing.id)
    rate.extra_guest_charges = {str(uuid.uuid4()): "12.00"}
    await db.flush()
    await assert_exact(db, listing)
    rate.is_active = False
    await db.flush()
    row = await db.get(SearchListing, listing.id, populate_existing=True)
    assert row is not None and row.rate_id is None
    await assert_exact(db, listing)
    await delete_listing(db, me, settings, listing.id)
    row = await db.get(SearchListing, listing.id, populate_existing=True)
    assert row is not None and row.is_active is False
    await assert_exact(db, listing)


async def test_a_bulk_update_of_many_rows_in_one_statement(db: AsyncSession, host: Person) -> None:
    listings = [await make_listing(db, host, title=f"Bulk {n}") for n in range(3)]
    for listing in listings:
        unit = (await units_of(db, listing))[0]
        db.add_all([occupancy(unit, day(2), day(5)), occupancy(unit, day(20), day(22))])
    await db.flush()
    await assert_exact(db, *listings)
    ids = [listing.id for listing in listings]
    await db.execute(
        update(Occupancy)
        .where(Occupancy.unit_type_id.in_(ids), Occupancy.arrival == day(2))
        .values(active=False)
    )
    for listing in listings:
        assert await sold_out(db, listing, 0, 30) == {20, 21}
    await assert_exact(db, *listings)


async def test_stale_rows_finds_a_tampered_row_and_rebuild_repairs_it(
    db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, title="Tampered")
    await db.execute(
        update(SearchListing)
        .where(SearchListing.unit_type_id == listing.id)
        .values(sold_out=text("'{[2030-01-01,2030-01-05)}'::datemultirange"), max_guests=99)
    )
    assert await stale_rows(db) == [listing.id]
    assert await rebuild(db) >= 1
    assert await stale_rows(db) == []


# --- concurrent writers ---------------------------------------------------------------------


async def test_two_concurrent_bookings_of_the_last_two_units_leave_the_night_sold_out(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    """Each transaction sees only its own booking; recomputing after the other's commit
    (the row lock) is what makes the night sold out. Without the lock both would find a
    free unit left and the index would say the night can still be sold."""
    async with committed_factory() as setup:
        host = await make_user(setup)
        listing = await make_listing(setup, host, title="Three rooms")
        await add_unit(setup, listing, "second")
        await add_unit(setup, listing, "third")
        units = await units_of(setup, listing)
        setup.add(occupancy(units[2], day(9), day(12)))  # the third room is taken already
        await setup.commit()

    async with committed_factory() as first, committed_factory() as second:
        first.add(occupancy(units[0], day(10), day(11)))
        await first.flush()  # holds the index row's lock until it commits

        async def book_second() -> None:
            second.add(occupancy(units[1], day(10), day(11)))
            await second.flush()
            await second.commit()

        waiting = asyncio.create_task(book_second())
        await asyncio.sleep(0.3)
        assert not waiting.done()  # waits for the first writer of this unit type
        await first.commit()
        await asyncio.wait_for(waiting, timeout=10)

    async with committed_factory() as check:
        assert await sold_out(check, listing, 0, 20) == {10}
        await assert_exact(check, listing, end=20)


async def test_concurrent_cancel_and_booking_on_one_type(
    committed_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with committed_factory() as setup:
        host = await make_user(setup)
        listing = await make_listing(setup, host, title="Pair")
        await add_unit(setup, listing, "second")
        first_unit, second_unit = await units_of(setup, listing)
        held = occupancy(first_unit, day(4), day(8))
        setup.add(held)
        await setup.commit()
        held_id = held.id

    async def cancel() -> None:
        async with committed_factory() as session:
            await session.execute(
                update(Occupancy).where(Occupancy.id == held_id).values(active=False)
            )
            await asyncio.sleep(0.1)
            await session.commit()

    async def book() -> None:
        async with committed_factory() as session:
            session.add(occupancy(second_unit, day(6), day(10)))
            await session.flush()
            await asyncio.sleep(0.1)
            await session.commit()

    await asyncio.gather(cancel(), book())
    async with committed_factory() as check:
        assert await sold_out(check, listing, 0, 20) == set()
        await assert_exact(check, listing, end=20)


# --- search over the index, against quote_stay, on random data ------------------------------

WINDOW = 40  # day offsets 25 .. 25 + WINDOW


async def _random_catalog(db: AsyncSession, host: Person, rng: random.Random) -> list[UnitType]:
    adult = None
    listings: list[UnitType] = []
    for n in range(6):
        fields: dict[str, Any] = {
            "title": f"Random {n}",
            "pricePerNight": f"{rng.randint(40, 300)}.{rng.choice(['00', '15', '50', '99'])}",
            "maxGuests": rng.randint(2, 5),
            "baseOccupancy": 2,
            "cleaningFee": rng.choice(["0", "25.00", "40.50"]),
            "cityTaxPercent": rng.choice(["0", "6.5", "10"]),
            "minStay": rng.choice([1, 1, 2]),
        }
        if rng.random() < 0.5:
            fields["seasonalPricing"] = {
                "rules": [
                    {
                        "startDate": day(25 + rng.randint(0, 10)).isoformat(),
                        "endDate": day(25 + rng.randint(11, WINDOW)).isoformat(),
                        "adjustmentPercent": str(rng.choice([-15, 10, 12.5])),
                    },
                    {
                        "startDate": day(25).isoformat(),
                        "endDate": day(25 + WINDOW).isoformat(),
                        "weekdays": rng.sample(["mon", "tue", "wed", "thu", "fri", "sat"], 2),
                        "pricePerNight": "199.99",
                    },
                ]
            }
        listing = await make_listing(db, host, **fields)
        listings.append(listing)
        if adult is None:
            adult = GuestType(business_id=listing.business_id, code="adult", name="Adult")
            db.add(adult)
            await db.flush()
        for _ in range(rng.randint(0, 2)):
            await add_unit(db, listing)
        rate = await default_rate(db, listing.id)
        if rng.random() < 0.5:
            rate.extra_guest_charges = {str(adult.id): rng.choice(["10.00", "15.50"])}
        for unit in await units_of(db, listing):
            start = 25 + rng.randint(0, 8)
            while start < 25 + WINDOW:
                length = rng.randint(1, 5)
                if rng.random() < 0.6:
                    db.add(
                        occupancy(
                            unit,
                            day(start),
                            day(start + length),
                            rng.choice(["block", "reservation"]),
                        )
                    )
                start += length + rng.randint(1, 6)
        for offset in rng.sample(range(25, 25 + WINDOW), 4):
            db.add(
                InventoryDay(
                    business_id=listing.business_id,
                    unit_type_id=listing.id,
                    date=day(offset),
                    stop_sell=rng.random() < 0.4,
                    availability_cap=rng.choice([None, 0, 1, 2]),
                )
            )
        for offset in rng.sample(range(25, 25 + WINDOW + 1), 10):
            db.add(
                RateDay(
                    rate_id=rate.id,
                    date=day(offset),
                    price=rng.choice([None, Decimal("88.88"), Decimal("150.125"), Decimal("310")]),
                    min_stay=rng.choice([None, None, 2, 3]),
                    max_stay=rng.choice([None, None, 4]),
                    base_occupancy=rng.choice([None, None, 1, 3]),
                    extra_guest_charges=rng.choice([None, {str(adult.id): "7.25"}]),
                    closed_to_arrival=rng.choice([None, None, True]),
                    closed_to_departure=rng.choice([None, None, True]),
                )
            )
        await db.flush()
    return listings


async def _compare(db: AsyncSession, listings: list[UnitType], rng: random.Random) -> None:
    for _ in range(12):
        check_in = day(25 + rng.randint(0, WINDOW - 6))
        check_out = check_in + timedelta(days=rng.randint(1, 5))
        guests = rng.randint(1, 5)
        hits, total = await search_listings(
            db,
            None,
            SearchParams(check_in=check_in, check_out=check_out, guest_count=guests, page_number=0),
        )
        found = {hit.listing.id: hit for hit in hits}
        assert total == len(found)
        quotes = {
            listing.id: await quote_stay(db, listing, check_in, check_out, guests)
            for listing in listings
        }
        bookable = {i for i, quote in quotes.items() if quote.bookable}
        assert set(found) == bookable, (check_in, check_out, guests)
        for listing_id in bookable:
            assert found[listing_id].subtotal == quotes[listing_id].subtotal
            assert found[listing_id].total == quotes[listing_id].total
        # The price range is on exactly those totals, and sort=price orders by them (ties:
        # newest first).
        if bookable:
            low = min(quotes[i].total for i in bookable)
            high = max(quotes[i].total for i in bookable)
            cut = (low + high) / 2
            hits, _ = await search_listings(
                db,
                None,
                SearchParams(
                    check_in=check_in,
                    check_out=check_out,
                    guest_count=guests,
                    min_price=cut,
                    sort="price",
                    page_number=0,
                ),
            )
            created = {listing.id: listing.created_at for listing in listings}
            expected = sorted(
                (i for i in bookable if quotes[i].total >= cut), key=lambda i: i, reverse=True
            )
            expected.sort(key=lambda i: created[i], reverse=True)
            expected.sort(key=lambda i: quotes[i].total)
            assert [h.listing.id for h in hits] == expected


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_search_agrees_with_quote_stay_on_random_calendars(
    db: AsyncSession, host: Person, seed: int
) -> None:
    rng = random.Random(seed)
    listings = await _random_catalog(db, host, rng)
    await assert_exact(db, *listings, start=20, end=25 + WINDOW + 2)
    await _compare(db, listings, rng)
    # Then change the calendars: cancel some occupancies, retire a unit, lift a stop-sell.
    occupancies = (
        await db.scalars(
            select(Occupancy).where(Occupancy.unit_type_id.in_([x.id for x in listings]))
        )
    ).all()
    for row in rng.sample(list(occupancies), len(occupancies) // 3):
        row.active = False
    units = await units_of(db, listings[0])
    units[-1].is_active = False
    days = (
        await db.scalars(
            select(InventoryDay).where(InventoryDay.unit_type_id.in_([x.id for x in listings]))
        )
    ).all()
    for row in rng.sample(list(days), len(days) // 2):
        row.stop_sell = False
    await db.flush()
    await assert_exact(db, *listings, start=20, end=25 + WINDOW + 2)
    await _compare(db, listings, rng)


# --- text search -----------------------------------------------------------------------------


async def test_q_holds_its_threshold_whatever_the_session_set(
    db: AsyncSession, host: Person
) -> None:
    """word_similarity('buapest', 'Budapest') is 0.55: the `<%` operator and its index
    find it only at search's threshold (0.5), which the statement sets for itself."""
    await make_listing(db, host, title="Flat by the river", location=BUDAPEST)
    await db.execute(text("SET LOCAL pg_trgm.word_similarity_threshold = 0.9"))
    hits, total = await search_listings(db, None, SearchParams(q="buapest"))
    assert total == 1 and hits[0].listing.title == "Flat by the river"


async def test_q_words_are_answered_by_the_trigram_indexes(db: AsyncSession, host: Person) -> None:
    from staykit.domain.catalog.search import build_query, page_values, paged_query

    await make_listing(db, host, title="Flat by the river", location=BUDAPEST)
    template, values = build_query(None, SearchParams(q="buapest apartmnt"))
    conn = await db.connection()
    compiled = paged_query(template).compile(dialect=conn.dialect)
    await db.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(
        row[0]
        for row in await conn.exec_driver_sql(
            "EXPLAIN " + str(compiled), {**compiled.params, **values, **page_values(25, 0)}
        )
    )
    for index in (
        "ix_unit_types_title_trgm",
        "ix_unit_types_description_trgm",
        "ix_properties_city_trgm",
    ):
        assert index in plan, plan
