"""What a PMS integrator does end to end, through the public APIs only: the OAuth code
flow with PKCE for a revenue-management integration, the tenant's inventory, new nightly
prices posted for the queen room, a marketplace guest booking those nights at the new
price, and the reservation arriving in the Cloud API's change feed with the right totals.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.api.connect.flow import Request, make_app, tokens_for
from tests.factories import days_from, make_logged_in, make_user
from tests.pms import Pms

RESERVATIONS = "/bookingmanagement-api/v1/reservations"


async def test_oauth_inventory_new_prices_a_guest_books_and_the_feed_shows_it(
    client: httpx.AsyncClient, db: AsyncSession, pms: Pms
) -> None:
    started = datetime.now(UTC) - timedelta(seconds=5)
    admin = await make_user(db, role="admin")
    app = await make_app(db, admin)
    req = Request(app, scope="revenue_management read:bookings-personal offline_access")
    tokens: dict[str, Any] = await tokens_for(client, req, pms.host)
    assert tokens["refresh_token"]
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    # A browser session would follow the partner's redirect; the partner calls from here.
    client.cookies.clear()

    r = await client.get("/cloudapi/inventory", headers=auth)
    assert r.status_code == 200, r.text
    inventory = r.json()
    assert inventory["business"]["id"] == str(pms.business_id)
    [queen] = [t for t in inventory["unitTypes"] if t["id"] == str(pms.queen.id)]
    [rate] = [x for x in inventory["rates"] if x["unitTypeId"] == queen["id"] and x["defaultRate"]]
    assert rate["allowUpdates"] is True

    day = days_from()
    arrival, departure = day(40), day(43)
    nights = [arrival + timedelta(days=k) for k in range(3)]
    prices = [Decimal("99.50"), Decimal("101.25"), Decimal("130")]
    body = [
        {
            "rateId": rate["id"],
            "data": [{"date": n.isoformat(), "price": float(p)} for n, p in zip(nights, prices)],
        }
    ]
    r = await client.post("/cloudapi/rates/nightly", json=body, headers=auth)
    assert r.status_code == 200, r.text

    r = await client.get(
        "/cloudapi/rates/nightly",
        params={"from": nights[0].isoformat(), "to": nights[-1].isoformat(), "rateId": rate["id"]},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    [nightly] = r.json()
    assert [Decimal(str(d["price"])) for d in nightly["data"]] == prices

    guest = await make_logged_in(client, db, fullname="Gail Guest")
    r = await client.post(
        RESERVATIONS,
        json={
            "listingId": str(pms.queen.id),
            "checkIn": arrival.isoformat(),
            "checkOut": departure.isoformat(),
            "guestCount": 2,
        },
        headers=guest.headers,
    )
    assert r.status_code == 201, r.text
    booked = r.json()["reservation"]
    subtotal = sum(prices)
    assert Decimal(str(booked["totalPrice"])) >= subtotal

    r = await client.get(
        "/cloudapi/reservations/updated",
        params={"from": started.isoformat(), "limit": 100},
        headers=auth,
    )
    assert r.status_code == 200, r.text
    [seen] = [x for x in r.json() if x["id"] == booked["id"]]
    assert seen["arrival"] == arrival.isoformat() and seen["departure"] == departure.isoformat()
    assert seen["ingestionSource"] == "Marketplace"
    assert seen["currency"] == "USD"
    assert Decimal(str(seen["totals"]["subtotal"])) == subtotal
    assert Decimal(str(seen["totals"]["total"])) == Decimal(str(booked["totalPrice"]))
    [assignment] = seen["unitAssignments"]
    assert assignment["unitTypeId"] == str(pms.queen.id) and assignment["nights"] == 3
    assert assignment["rateId"] == rate["id"]
    primary = [p for p in seen["people"] if p["isPrimary"]]
    # A marketplace account has one full name, which the person row keeps as firstName.
    assert primary and primary[0]["firstName"] == "Gail Guest"
