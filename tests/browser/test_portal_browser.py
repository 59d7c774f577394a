"""The account portal in Chromium: a person signs in, generates a manual Cloud API token,
the token works, they revoke it and it is refused."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.portal.helpers import host_with_business
from tests.browser.conftest import Shoot


async def test_generate_use_and_revoke_a_manual_token(
    committed_factory: async_sessionmaker[AsyncSession],
    live_base: str,
    page: Page,
    shoot: Shoot,
) -> None:
    async with committed_factory() as db:
        host, business_id = await host_with_business(db)

    await page.goto(f"{live_base}/account")
    await expect(page).to_have_url(re.compile(r"/account/signin\?next=%2Faccount$"))
    await shoot("signin")
    await page.get_by_label("Email").fill(host.email)
    await page.get_by_label("Password").fill(host.password)
    await page.get_by_role("button", name="Sign in").click()

    await expect(page).to_have_url(f"{live_base}/account")
    await shoot("businesses")
    await page.get_by_role("link", name=re.compile("^Manage app authorizations")).click()
    await expect(page).to_have_url(f"{live_base}/account/businesses/{business_id}")
    await expect(page.get_by_role("heading", name="Manage app authorizations")).to_be_visible()
    await shoot("business")

    form = page.locator("form", has=page.get_by_role("heading", name="Generate a Cloud API token"))
    await form.get_by_label("Label").fill("Browser token")
    await form.get_by_label("See bookings", exact=True).check()
    await form.get_by_label("See availability, rates and stay restrictions").check()
    await form.get_by_role("button", name="Generate token").click()

    await expect(page.get_by_role("heading", name="Your new Cloud API token")).to_be_visible()
    await shoot("token-shown")
    token = (await page.get_by_test_id("secret-value").text_content() or "").strip()
    assert token.startswith("stk_")
    assert token not in page.url

    async with httpx.AsyncClient(base_url=live_base) as partner:
        auth = {"Authorization": f"Bearer {token}"}
        r = await partner.get("/cloudapi/auth/tokendetails", headers=auth)
        assert r.status_code == 200, r.text
        assert [t["id"] for t in r.json()["tenants"]] == [str(business_id)]
        assert sorted(r.json()["scopes"]) == ["read:bookings", "read:inventory"]

        await page.get_by_role("link", name=re.compile("^Done")).click()
        await expect(page.get_by_role("cell", name="Browser token", exact=True)).to_be_visible()
        assert token not in await page.content()
        await shoot("token-listed")
        await page.get_by_role("button", name="Revoke token Browser token").click()
        await expect(page.get_by_role("status")).to_contain_text("Revoked.")
        await expect(page.get_by_role("cell", name="Browser token", exact=True)).to_have_count(0)
        await shoot("revoked")

        r = await partner.get("/cloudapi/auth/tokendetails", headers=auth)
        assert r.status_code == 401, r.text
