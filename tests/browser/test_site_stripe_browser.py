"""The booking page's Stripe Payment Element in Chromium, with payments going through the
Stripe adapter to localstripe on loopback. js.stripe.com is out of this machine's reach,
so the page loads a FAKE Stripe.js (served by the tests' localstripe launcher; see
tests/domain/payments/localstripe_server.py) through STAYKIT_STRIPE_JS_URL: the page's
own script (site.js) drives it as it drives Stripe's, the card becomes a payment method
at localstripe, and the server charges that method for the amount it computed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import urlencode

import httpx
import pytest
from playwright.async_api import Browser, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.booking.models import Reservation
from tests.browser.test_site_browser import Checked, context_of, log_in
from tests.factories import make_listing, make_user
from tests.live import live_server
from tests.localstripe import API_KEY, FAKE_STRIPE_JS, PUBLISHABLE_KEY, running_localstripe


@pytest.fixture(scope="module")
def stripe_site(settings: Settings, database_url: str) -> Iterator[tuple[str, str]]:
    """(staykit's base URL, localstripe's) with the site paying through Stripe; one for
    the module (the tests look only at their own listing's reservations and intents)."""
    with (
        running_localstripe() as stripe_base,
        live_server(
            settings,
            database_url,
            STAYKIT_PAYMENT_PROVIDER="stripe",
            STAYKIT_STRIPE_API_KEY=API_KEY,
            STAYKIT_STRIPE_API_BASE=stripe_base,
            STAYKIT_STRIPE_PUBLISHABLE_KEY=PUBLISHABLE_KEY,
            STAYKIT_STRIPE_JS_URL=stripe_base + FAKE_STRIPE_JS,
        ) as base,
    ):
        yield base, stripe_base


@pytest.fixture
def checked(request: pytest.FixtureRequest) -> Checked:
    return Checked(re.sub(r"[^a-z0-9_]+", "-", request.node.name.lower()))


async def test_a_guest_pays_with_the_payment_element_and_the_server_charges_its_own_price(
    committed_factory: async_sessionmaker[AsyncSession],
    stripe_site: tuple[str, str],
    browser: Browser,
    checked: Checked,
) -> None:
    base, stripe_base = stripe_site
    async with committed_factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host, pricePerNight="120.00")
        guest = await make_user(db)
    arrival = utcnow().date() + timedelta(days=40)
    stay = f"checkIn={arrival}&checkOut={arrival + timedelta(days=2)}&guests=2"
    book = f"/book/{listing.id}?{stay}"

    context = await context_of(browser)
    page = await context.new_page()
    csp: list[str] = []
    page.on(
        "response",
        lambda response: (
            csp.append(response.headers.get("content-security-policy", ""))
            if "/book/" in response.url
            else None
        ),
    )
    try:
        await page.goto(f"{base}/login?{urlencode({'next': book})}")
        await log_in(page, guest)
        await expect(page.get_by_role("heading", name="Confirm and pay")).to_be_visible()
        card = page.get_by_label("Card number")  # mounted by Stripe.js into the form
        await expect(card).to_be_visible()
        # The page's policy lets in the configured Stripe.js and the API it calls.
        assert any(
            f"script-src 'self' {stripe_base};" in p and f"connect-src 'self' {stripe_base};" in p
            for p in csp
        ), csp
        await checked(page, "payment-element")
        shown = int(await page.locator("#payment-element").get_attribute("data-amount") or 0)

        # An incomplete card is refused in the page: nothing is booked.
        await card.fill("4242")
        await page.get_by_role("button", name=re.compile("^Book and pay")).click()
        await expect(page.locator("#payment-error")).to_contain_text("incomplete")
        async with committed_factory() as db:
            mine = select(Reservation.id).where(Reservation.guest_id == guest.user.id)
            assert (await db.scalars(mine)).all() == []

        await card.fill("4242 4242 4242 4242")
        await page.get_by_role("button", name=re.compile("^Book and pay")).click()
        await expect(page.get_by_role("status")).to_contain_text("Booked!")
        await checked(page, "paid")
    finally:
        await context.close()

    async with committed_factory() as db:
        reservation = (
            await db.scalars(select(Reservation).where(Reservation.guest_id == guest.user.id))
        ).one()
    assert reservation.payment_confirmation == "paid"
    # localstripe holds one succeeded intent, for the server's total, with the card's method.
    async with httpx.AsyncClient(base_url=stripe_base, auth=(API_KEY, "")) as stripe:
        intents = (await stripe.get("/v1/payment_intents")).json()["data"]
    intents = [i for i in intents if i["metadata"].get("reservation_id") == str(reservation.id)]
    assert len(intents) == 1
    intent = intents[0]
    assert intent["status"] == "succeeded"
    assert intent["payment_method"].startswith("pm_")
    assert intent["amount"] == shown >= round(reservation.total * 100)


async def test_a_declined_card_keeps_the_booking_unpaid_and_offers_to_pay_again(
    committed_factory: async_sessionmaker[AsyncSession],
    stripe_site: tuple[str, str],
    browser: Browser,
) -> None:
    base, _ = stripe_site
    async with committed_factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host)
        guest = await make_user(db)
    arrival = utcnow().date() + timedelta(days=50)
    stay = f"checkIn={arrival}&checkOut={arrival + timedelta(days=1)}&guests=1"
    context = await context_of(browser)
    page = await context.new_page()
    try:
        await page.goto(f"{base}/login?{urlencode({'next': f'/book/{listing.id}?{stay}'})}")
        await log_in(page, guest)
        # Stripe's test card that is always declined.
        await page.get_by_label("Card number").fill("4000000000000002")
        await page.get_by_role("button", name=re.compile("^Book and pay")).click()
        await expect(page).to_have_url(re.compile(r"/trips/.+\?payment=failed"))
        await expect(page.get_by_label("Card number")).to_be_visible()  # pay again
    finally:
        await context.close()
    async with committed_factory() as db:
        reservation = (
            await db.scalars(select(Reservation).where(Reservation.guest_id == guest.user.id))
        ).one()
    assert reservation.payment_confirmation != "paid"
