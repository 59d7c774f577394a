"""The OAuth code flow with a person in Chromium: they sign in on /connect/authorize and
allow a multi-tenant client for two businesses; the client (plain httpx) exchanges the
code and its token lists both tenants."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import httpx
from playwright.async_api import Page, Route, expect
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.connect.flow import REDIRECT, Request, make_app
from tests.api.portal.helpers import host_with_business
from tests.browser.conftest import Shoot
from tests.factories import add_member


async def test_a_person_allows_a_client_for_two_businesses(
    committed_factory: async_sessionmaker[AsyncSession],
    live_base: str,
    page: Page,
    shoot: Shoot,
) -> None:
    async with committed_factory() as db:
        host, first = await host_with_business(db)
        _other, second = await host_with_business(db)
        await add_member(db, second, host, "manager")
        partner = await make_app(db, name="Channel Manager Pro")
    req = Request(partner, scope="read:bookings offline_access", extra={"multiTenant": "true"})

    # The client's redirect URI is not reachable from here: the browser's request for it
    # is answered by the test, which keeps the URL (as the client's server would).
    callbacks: list[str] = []

    async def callback(route: Route) -> None:
        callbacks.append(route.request.url)
        await route.fulfill(status=200, content_type="text/plain", body="back at the client")

    await page.route(re.compile("^" + re.escape(REDIRECT)), callback)

    await page.goto(live_base + req.url())
    await expect(page.get_by_role("heading", name="Sign in to staykit")).to_be_visible()
    await shoot("signin")
    await page.get_by_label("Email").fill(host.email)
    await page.get_by_label("Password").fill(host.password)
    await page.get_by_role("button", name="Sign in").click()

    await expect(page.get_by_role("heading", name=re.compile("^Allow"))).to_be_visible()
    boxes = page.get_by_role("checkbox")
    await expect(boxes).to_have_count(2)
    for i in range(2):
        await boxes.nth(i).check()
    await shoot("consent")
    await page.get_by_role("button", name="Allow").click()
    await expect(page.get_by_text("back at the client")).to_be_visible()
    await shoot("callback")

    [url] = callbacks
    assert url.startswith(REDIRECT)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert params["state"] == req.state

    async with httpx.AsyncClient(base_url=live_base) as client:
        r = await client.post(
            "/connect/token",
            data={
                "grant_type": "authorization_code",
                "code": params["code"],
                "code_verifier": req.verifier,
                "redirect_uri": REDIRECT,
            },
            auth=partner.basic,
        )
        assert r.status_code == 200, r.text
        access = r.json()["access_token"]
        r = await client.get(
            "/cloudapi/auth/tokendetails", headers={"Authorization": f"Bearer {access}"}
        )
        assert r.status_code == 200, r.text
        assert sorted(t["id"] for t in r.json()["tenants"]) == sorted([str(first), str(second)])
