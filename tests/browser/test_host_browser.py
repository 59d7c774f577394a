"""The host pages in Chromium: a host signs in, creates a listing with a photo, publishes
it, closes nights and reprices a range on its calendar (by mouse and by keyboard),
approves a guest's request made through the API and messages the guest; then the
payouts page. Each page is screenshotted (test-artifacts/host/, also at phone width) and
checked with axe-core: no serious or critical violation."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.host.helpers import PNG
from tests.api.marketplace.test_reservations_api import START, book
from tests.factories import login, make_user

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "host"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 375, "height": 800}


async def check_page(page: Page, name: str) -> None:
    """Screenshot the page, and fail on any serious or critical axe-core violation."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does
    # not apply, and nothing is added to the page.
    await page.evaluate(AXE.read_text())
    result: dict[str, Any] = await page.evaluate("async () => await axe.run(document)")
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(
        [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in bad], indent=1
    )


async def fits_the_phone(page: Page, name: str) -> None:
    await page.set_viewport_size(PHONE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide on a 375px screen"
    await page.set_viewport_size({"width": 1280, "height": 900})


def day_button(page: Page, day: date) -> Any:
    return page.locator(f'button[data-date="{day.isoformat()}"]')


async def test_a_host_lists_closes_reprices_and_approves(
    committed_factory: async_sessionmaker[AsyncSession], live_base: str, page: Page
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        guest = await make_user(db)

    # Signed out: the guest side's sign-in, coming back here.
    await page.goto(f"{live_base}/host/listings")
    await expect(page).to_have_url(f"{live_base}/login?next=%2Fhost%2Flistings")
    # The account portal's sign-in sets the same session cookie.
    await page.goto(f"{live_base}/account/signin?next=%2Fhost%2Flistings")
    await page.get_by_label("Email").fill(host.email)
    await page.get_by_label("Password").fill(host.password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page).to_have_url(f"{live_base}/host/listings")
    await expect(page.get_by_role("heading", name="Become a host")).to_be_visible()
    await check_page(page, "01-become-a-host")
    await fits_the_phone(page, "01-become-a-host")

    # Create a listing with a photo.
    await page.get_by_role("link", name="Create your first listing").click()
    await check_page(page, "02-new-listing")
    await page.get_by_label("Title").fill("Garden studio")
    await page.get_by_label("Description").fill("Quiet studio with a garden.")
    await page.get_by_label("Property type").select_option("studio")
    await page.get_by_label("Address").fill("Rua Verde 5, Lisboa")
    await page.get_by_label("Latitude").fill("38.72")
    await page.get_by_label("Longitude").fill("-9.14")
    await page.get_by_label("Time zone (such as Europe/Lisbon)").fill("Europe/Lisbon")
    await page.get_by_label("Price per night").fill("80")
    await page.get_by_label("Cleaning fee").fill("")
    await page.get_by_label("Cancellation policy").select_option("strict")
    await page.get_by_label("A first photo").set_input_files(
        {"name": "studio.png", "mimeType": "image/png", "buffer": PNG}
    )
    await page.get_by_role("button", name="Create listing").click()
    await expect(page.get_by_role("status")).to_contain_text("Listing created")
    listing_id = re.search(r"/host/listings/([0-9a-f-]{36})", page.url)
    assert listing_id, page.url
    await expect(page.get_by_role("img", name="Photo 1 of Garden studio")).to_be_visible()
    assert await page.get_by_role("img").first.evaluate("i => i.naturalWidth") == 1
    await page.get_by_role("button", name="Publish").click()
    await expect(page.get_by_role("status")).to_contain_text("Published")
    await check_page(page, "03-listing")
    await fits_the_phone(page, "03-listing")

    # The calendar: next month, days 10-12 closed by clicks, 20-21 repriced by keyboard.
    await page.get_by_role("link", name="Calendar and prices by night").click()
    await page.get_by_role("link", name="Next month").click()
    month = date.fromisoformat(re.search(r"month=(\d{4}-\d{2})", page.url)[1] + "-01")  # type: ignore[index]
    await day_button(page, month.replace(day=10)).click()
    await day_button(page, month.replace(day=12)).click()
    await expect(page.get_by_label("First night")).to_have_value(f"{month:%Y-%m}-10")
    await expect(page.get_by_label("Last night")).to_have_value(f"{month:%Y-%m}-12")
    await page.get_by_label("Close these nights").check()
    await page.get_by_role("button", name="Apply to these nights").click()
    await expect(page.get_by_role("status")).to_have_text("Closed 3 nights.")
    await expect(day_button(page, month.replace(day=11))).to_have_text(re.compile(r", closed$"))
    await day_button(page, month.replace(day=20)).focus()
    await page.keyboard.press("Enter")
    await day_button(page, month.replace(day=21)).focus()
    await page.keyboard.press("Space")
    await expect(page.get_by_label("Last night")).to_have_value(f"{month:%Y-%m}-21")
    await page.get_by_label("Set the nightly price").check()
    await page.get_by_label("New price a night (EUR)").fill("95")
    await page.get_by_role("button", name="Apply to these nights").click()
    await expect(page.get_by_role("status")).to_have_text("Repriced 2 nights.")
    await expect(day_button(page, month.replace(day=21))).to_have_accessible_name(
        re.compile(r"^\w+day 21 \w+ \d{4}: 95\.00 EUR, min 1 night, open$")
    )
    await check_page(page, "04-calendar")
    await fits_the_phone(page, "04-calendar")

    # A guest asks for two nights through the API.
    async with httpx.AsyncClient(base_url=live_base) as api:
        await login(api, guest)
        arrival = month.replace(day=24)
        first = (arrival - START).days
        made = await book(api, guest, SimpleNamespace(id=listing_id[1]), first)  # type: ignore[arg-type]
        assert made["status"] == "request", made

    await page.get_by_role("link", name="Reservations").click()
    await expect(page.get_by_role("heading", name="Requests waiting for you")).to_be_visible()
    await check_page(page, "05-reservations")
    await fits_the_phone(page, "05-reservations")
    await page.get_by_role("link", name=re.compile(guest.user.fullname)).click()
    await page.get_by_role("button", name="Approve request").click()
    await expect(page.get_by_role("status")).to_contain_text("Approved")
    await page.get_by_label("Message to the guest").fill("See you soon!")
    await page.get_by_role("button", name="Send message").click()
    await expect(page.get_by_role("status")).to_have_text("Message sent.")
    await expect(page.get_by_text("See you soon!")).to_be_visible()
    await check_page(page, "06-reservation")
    await fits_the_phone(page, "06-reservation")

    await page.get_by_role("link", name="Payouts").click()
    await expect(page.get_by_role("heading", name="To be paid out")).to_be_visible()
    await check_page(page, "07-payouts")
    await fits_the_phone(page, "07-payouts")
