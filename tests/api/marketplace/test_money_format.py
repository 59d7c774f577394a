"""One way to write money and decimals in the marketplace: a JSON number with the
currency's decimals and no trailing zeros, the same on a listing, its quote, its search
hit and its reservations."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.marketplace.test_reservations_api import START, book
from tests.factories import Person, make_listing

LISTINGS = "/propertycatalog-api/v1/listings"


async def test_a_yen_listing_shows_the_same_whole_number_everywhere(
    client: httpx.AsyncClient, db: AsyncSession, host: Person, guest: Person
) -> None:
    policy = {"tiers": [{"daysBeforeArrival": 7, "refundPercent": 100}]}
    listing = await make_listing(
        db, host, currency="JPY", pricePerNight="12000", cancellationPolicy=policy
    )
    shown = (await client.get(f"{LISTINGS}/{listing.id}")).json()["listing"]
    assert shown["pricePerNight"] == 12000
    assert isinstance(shown["pricePerNight"], int)
    stay = {"checkIn": START.isoformat(), "checkOut": (START + timedelta(days=2)).isoformat()}
    quote = (
        await client.get(f"{LISTINGS}/{listing.id}/quote", params={**stay, "guestCount": 2})
    ).json()["quote"]
    assert quote["nights"][0]["price"] == 12000
    assert isinstance(quote["nights"][0]["price"], int)
    assert isinstance(quote["total"], int)

    res = await book(client, guest, listing)
    assert isinstance(res["totalPrice"], int)
    snapshot_tier = res["cancellationPolicySnapshot"]["tiers"][0]
    listing_tier = shown["cancellationPolicy"]["tiers"][0]
    assert snapshot_tier["refundPercent"] == listing_tier["refundPercent"] == 100
    assert isinstance(snapshot_tier["refundPercent"], int)
    assert isinstance(listing_tier["refundPercent"], int)


async def test_cents_keep_their_decimals_without_trailing_zeros(
    client: httpx.AsyncClient, db: AsyncSession, host: Person
) -> None:
    listing = await make_listing(db, host, currency="EUR", pricePerNight="99.50")
    shown = (await client.get(f"{LISTINGS}/{listing.id}")).json()["listing"]
    assert shown["pricePerNight"] == 99.5
    r = await client.get(f"{LISTINGS}/{listing.id}")
    assert '"pricePerNight":99.5' in r.text.replace(" ", "")
