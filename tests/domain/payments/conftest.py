"""The payment tests' harness: localstripe on loopback for the session, the Stripe adapter
pointed at it, and reservations to put money on.

localstripe (a Stripe-compatible server, PyPI) runs as a subprocess of the test process
(each pytest-xdist worker has its own) through localstripe_server.py, which says how it
differs from the `localstripe` command and why.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import httpx
import pytest
import stripe
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.auth import passwords
from staykit.domain.booking.commands import NewReservation
from staykit.domain.booking.create import create_reservation
from staykit.domain.booking.models import Reservation
from staykit.domain.payments.payouts import FakePayoutSink
from staykit.domain.payments.stripe_provider import StripeProvider, make_client
from tests.factories import Person, actor_of, make_listing, make_user
from tests.localstripe import API_KEY, running_localstripe

# Stays booked this far ahead: inside the booking window whenever the tests run.
ARRIVAL_IN = timedelta(days=90)


@pytest.fixture(scope="session")
def localstripe() -> Iterator[str]:
    """A localstripe of this test process on a free loopback port: its base URL."""
    with running_localstripe() as url:
        yield url


def raw(localstripe: str, path: str) -> dict[str, object]:
    """What localstripe itself holds, read without the adapter."""
    r = httpx.get(f"{localstripe}{path}", auth=(API_KEY, ""))
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body, dict)
    return body


@pytest.fixture
async def stripe_provider(localstripe: str) -> AsyncIterator[StripeProvider]:
    """The Stripe adapter against localstripe; payouts go to the fake sink (localstripe has
    no Connect). No SDK retries, so that a failure shows at once."""
    http = stripe.HTTPXClient()
    client = make_client(API_KEY, http_client=http, api_base=localstripe, max_network_retries=0)
    provider = StripeProvider(client, FakePayoutSink(), http_client=http)
    yield provider
    await provider.aclose()


@pytest.fixture(scope="session", autouse=True)
def cheap_passwords(settings: Settings) -> None:
    """The tests make users; hash their passwords at the test settings' low cost."""
    passwords.configure(settings)


async def book(
    db: AsyncSession,
    *,
    currency: str = "EUR",
    price: str = "100.00",
    nights: int = 3,
    city_tax_percent: str = "0",
    host: Person | None = None,
) -> Reservation:
    """A confirmed reservation of a new listing (of `host`, else of a new host) by a new
    guest, committed."""
    host = host or await make_user(db)
    guest = await make_user(db)
    listing = await make_listing(
        db, host, currency=currency, pricePerNight=price, cityTaxPercent=city_tax_percent
    )
    arrival = utcnow().date() + ARRIVAL_IN
    booked = await create_reservation(
        db,
        actor_of(guest),
        NewReservation(listing.id, arrival, arrival + timedelta(days=nights), adults=2),
    )
    await db.commit()
    return booked.reservation
