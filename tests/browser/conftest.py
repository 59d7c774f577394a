"""Browser tests: Chromium (Debian's, driven by playwright) against a live staykit.

Each test gets a fresh browser context (no cookies) and a `shoot(name)` that writes a
full-page screenshot of the current page to tests/browser/screenshots/ (git-ignored),
named after the test and the step."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from staykit.core.config import Settings
from tests.live import live_server

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"

Shoot = Callable[[str], Awaitable[Path]]


@pytest.fixture
def live_base(settings: Settings, database_url: str) -> Iterator[str]:
    with live_server(settings, database_url) as base:
        yield base


@pytest.fixture
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser`")
    return CHROMIUM


@pytest.fixture
async def browser(chromium_path: str) -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        chromium = await p.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            await chromium.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context()
    context.set_default_timeout(10_000)
    try:
        yield await context.new_page()
    finally:
        await context.close()


@pytest.fixture
def shoot(page: Page, request: pytest.FixtureRequest) -> Shoot:
    SCREENSHOTS.mkdir(exist_ok=True)
    test = re.sub(r"[^a-z0-9_]+", "-", request.node.name.lower())
    steps = iter(range(1, 100))

    async def take(name: str) -> Path:
        path = SCREENSHOTS / f"{test}-{next(steps):02d}-{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        return path

    return take
