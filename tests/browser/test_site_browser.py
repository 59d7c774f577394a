"""The guest web app in Chromium: a guest searches (with a typo), opens a listing, signs
in on the way to booking, books and pays with a test card, messages the host, finds the
conversation in the inbox, and cancels seeing the refund first; two guests race for the
same night in two browser contexts and one is told the night was just taken. Every page
gets a screenshot (tests/browser/screenshots/, git-ignored) and an axe-core check that
finds no serious or critical accessibility violation."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.async_api import Browser, BrowserContext, Page, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from tests.browser.conftest import SCREENSHOTS
from tests.factories import Person, make_listing, make_user

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
}"""


async def context_of(browser: Browser) -> BrowserContext:
    # bypass_csp: axe is injected as an inline script, which the pages' CSP refuses.
    context = await browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    return context


class Checked:
    """Screenshots of every page a test visits, each checked by axe-core."""

    def __init__(self, test: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.test = test
        self.step = 0

    async def __call__(self, page: Page, name: str) -> None:
        self.step += 1
        path = SCREENSHOTS / f"{self.test}-{self.step:02d}-{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        await page.add_script_tag(path=str(AXE))
        violations: list[dict[str, Any]] = await page.evaluate(SERIOUS)
        assert violations == [], f"{name} ({page.url}): {violations}"


@pytest.fixture
def checked(request: pytest.FixtureRequest) -> Checked:
    return Checked(re.sub(r"[^a-z0-9_]+", "-", request.node.name.lower()))


async def log_in(page: Page, person: Person) -> None:
    await page.get_by_label("Email").fill(person.email)
    await page.get_by_label("Password").fill(person.password)
    await page.get_by_role("button", name="Log in").click()


async def test_a_guest_searches_books_pays_messages_and_cancels(
    committed_factory: async_sessionmaker[AsyncSession],
    live_base: str,
    browser: Browser,
    checked: Checked,
) -> None:
    async with committed_factory() as db:
        host = await make_user(db, fullname="Helena Host")
        listing = await make_listing(
            db,
            host,
            houseRules="No parties.",
            cancellationPolicy={"tiers": [{"daysBeforeArrival": 7, "refundPercent": 50}]},
        )
        guest = await make_user(db, fullname="Gil Guest")
    arrival = utcnow().date() + timedelta(days=30)
    context = await context_of(browser)
    page = await context.new_page()
    try:
        await page.goto(f"{live_base}/")
        await checked(page, "home")
        await page.get_by_label("Where").fill("rivr")  # a typo for "river"
        await page.get_by_label("Check-in").fill(arrival.isoformat())
        await page.get_by_label("Check-out").fill((arrival + timedelta(days=2)).isoformat())
        await page.get_by_label("Guests").fill("2")
        await page.get_by_role("button", name="Search").click()
        await expect(page.get_by_role("heading", name=re.compile("1 stay found"))).to_be_visible()
        await expect(page.get_by_text("EUR 200.00")).to_be_visible()
        await checked(page, "results")

        await page.get_by_role("link", name=listing.title).click()
        await expect(page.get_by_role("heading", name=listing.title, level=1)).to_be_visible()
        await expect(page.get_by_text("No parties.")).to_be_visible()
        await checked(page, "listing")
        await page.get_by_role("link", name="Book", exact=True).click()

        await expect(page).to_have_url(re.compile(r"/login\?next=%2Fbook%2F"))
        await checked(page, "login")
        await log_in(page, guest)
        await expect(page.get_by_role("heading", name="Confirm and pay")).to_be_visible()
        await expect(page.get_by_test_id("total")).to_contain_text("EUR")
        await checked(page, "book")
        await page.get_by_label("Message to the host (optional)").fill("We arrive by train.")
        await page.get_by_label(re.compile("Test Visa ending 4242")).check()
        await page.get_by_role("button", name=re.compile("^Book and pay")).click()

        await expect(page.get_by_role("status")).to_contain_text("Booked!")
        await checked(page, "trip-booked")
        await page.get_by_label("Message the host").fill("Is there parking?")
        await page.get_by_role("button", name="Send message").click()
        await expect(page.get_by_role("status")).to_contain_text("Message sent.")
        await expect(page.get_by_text("Is there parking?")).to_be_visible()

        await page.get_by_role("link", name="Inbox").click()
        await expect(page.get_by_text("Is there parking?")).to_be_visible()
        await checked(page, "inbox")
        await page.get_by_role("link", name="Trips").click()
        await expect(page.get_by_role("link", name=listing.title)).to_be_visible()
        await checked(page, "trips")

        await page.get_by_role("link", name=listing.title).click()
        await page.get_by_role("link", name="Cancel this trip").click()
        # 30 days' notice under a 7-day 50% tier: half of the EUR 200 stay.
        await expect(page.get_by_test_id("refund")).to_contain_text("EUR 100.00")
        await checked(page, "cancel")
        await page.get_by_role("button", name="Yes, cancel the trip").click()
        await expect(page.get_by_role("status")).to_contain_text("Your trip is cancelled.")
        await checked(page, "trip-cancelled")

        await page.get_by_role("button", name=re.compile("^Log out")).click()
        await page.goto(f"{live_base}/signup")
        await checked(page, "signup")
        await page.goto(f"{live_base}/rooms/0190b2a4-1c7e-7000-8000-000000000001")
        await expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        await checked(page, "not-found")
    finally:
        await context.close()


async def test_two_guests_race_for_the_same_night_and_one_is_told_it_was_just_taken(
    committed_factory: async_sessionmaker[AsyncSession],
    live_base: str,
    browser: Browser,
    checked: Checked,
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host)
        guests = [await make_user(db), await make_user(db)]
    arrival = utcnow().date() + timedelta(days=12)
    stay = f"checkIn={arrival}&checkOut={arrival + timedelta(days=1)}&guests=1"
    contexts = [await context_of(browser) for _ in guests]
    try:
        pages = [await c.new_page() for c in contexts]
        for page, guest in zip(pages, guests, strict=True):
            await page.goto(
                f"{live_base}/login?{urlencode({'next': f'/book/{listing.id}?{stay}'})}"
            )
            await log_in(page, guest)
            await expect(page.get_by_role("heading", name="Confirm and pay")).to_be_visible()
        await asyncio.gather(
            *(p.get_by_role("button", name=re.compile("^Book and pay")).click() for p in pages)
        )
        outcomes = []
        for page in pages:
            await page.wait_for_load_state()
            booked = page.get_by_role("status").filter(has_text="Booked!")
            taken = page.get_by_role("alert").filter(has_text="just taken")
            await expect(booked.or_(taken)).to_be_visible()
            outcomes.append("booked" if await booked.count() else "taken")
        assert sorted(outcomes) == ["booked", "taken"]
        await checked(pages[outcomes.index("taken")], "just-taken")
    finally:
        for c in contexts:
            await c.close()
