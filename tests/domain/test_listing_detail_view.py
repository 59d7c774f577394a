"""ListingDetailView read in one statement (views.listing_detail): the host's rating, the
amenities and the next free nights come out of the same query as the listing, with the
rules the four separate reads had: amenities in the listing's order and active ones only,
the host's rating only when readable, free nights from the search index."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.catalog.models import Amenity
from staykit.domain.reviews.models import ReviewAggregate
from staykit.domain.views.filtering import ViewQuery
from staykit.domain.views.listing_detail import FREE_NIGHTS, VIEW
from tests.factories import actor_of, make_listing, make_user


async def test_amenities_keep_the_listings_order_and_skip_retired_ones(db: AsyncSession) -> None:
    host = await make_user(db)
    sauna, wifi, pool = (
        Amenity(name="Sauna"),
        Amenity(name="Wifi", icon_url="/w.svg"),
        Amenity(name="Pool"),
    )
    db.add_all([sauna, wifi, pool])
    await db.commit()
    listing = await make_listing(db, host, amenityIds=[str(wifi.id), str(pool.id), str(sauna.id)])
    pool.is_active = False
    await db.commit()

    record = await VIEW.get(db, None, listing.id)
    assert record["amenities"] == [
        {"id": wifi.id, "name": "Wifi", "iconUrl": "/w.svg"},
        {"id": sauna.id, "name": "Sauna", "iconUrl": None},
    ]


async def test_a_listing_without_amenities_has_an_empty_list(db: AsyncSession) -> None:
    listing = await make_listing(db, await make_user(db))
    assert (await VIEW.get(db, None, listing.id))["amenities"] == []


async def test_the_hosts_rating_is_shown_only_while_readable(db: AsyncSession) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    record = await VIEW.get(db, None, listing.id)
    assert (record["host"]["averageRating"], record["host"]["reviewCount"]) == (0, 0)

    rating = ReviewAggregate(
        reviewee_type="host",
        reviewee_id=host.user.id,
        average_rating=Decimal("4.50"),
        review_count=6,
        visibility_status="public",
    )
    listing_rating = ReviewAggregate(
        reviewee_type="listing",
        reviewee_id=listing.id,
        average_rating=Decimal("3.00"),
        review_count=2,
        visibility_status="public",
    )
    db.add_all([rating, listing_rating])
    await db.commit()
    record = await VIEW.get(db, None, listing.id)
    assert (record["host"]["averageRating"], record["host"]["reviewCount"]) == (Decimal("4.50"), 6)
    assert (record["averageRating"], record["reviewCount"]) == (Decimal("3.00"), 2)

    rating.is_active = False  # no longer readable (aggregates.readable_condition)
    await db.commit()
    record = await VIEW.get(db, None, listing.id)
    assert (record["host"]["averageRating"], record["host"]["reviewCount"]) == (0, 0)
    assert (record["averageRating"], record["reviewCount"]) == (Decimal("3.00"), 2)


async def test_free_nights_skip_sold_out_nights_and_a_page_reads_each_listings_own(
    db: AsyncSession,
) -> None:
    host = await make_user(db)
    first, second = await make_listing(db, host), await make_listing(db, host)
    today = utcnow().date()
    # Tonight and the next two nights sold out (what the catalog's triggers write there).
    await db.execute(
        text(
            "UPDATE search_listings SET sold_out = sold_out + datemultirange(daterange(:a, :b))"
            " WHERE unit_type_id = :id"
        ),
        {"a": today, "b": today + timedelta(days=3), "id": first.id},
    )
    await db.commit()
    one = await VIEW.get(db, None, first.id)
    two = await VIEW.get(db, None, second.id)
    assert len(one["nextFreeNights"]) == len(two["nextFreeNights"]) == FREE_NIGHTS
    assert one["nextFreeNights"] == [today + timedelta(days=n) for n in range(3, 3 + FREE_NIGHTS)]
    assert two["nextFreeNights"] == [today + timedelta(days=n) for n in range(FREE_NIGHTS)]

    rows, _total = await VIEW.list(db, actor_of(host), ViewQuery(limit=25))
    listed = {r["id"]: r["nextFreeNights"] for r in rows}
    assert listed[first.id] == one["nextFreeNights"] and listed[second.id] == two["nextFreeNights"]
