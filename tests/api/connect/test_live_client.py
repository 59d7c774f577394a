"""The whole code flow against a live staykit (uvicorn on a loopback port, a committed
database), driven by an OAuth client library no one here wrote: requests-oauthlib's
OAuth2Session with PKCE S256. The person's sign-in and consent are plain form posts."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.config import Settings
from tests.api.connect.flow import REDIRECT, business_options, hidden_fields, make_app
from tests.factories import make_listing, make_user
from tests.live import live_server


@pytest.fixture
def live_base(settings: Settings, database_url: str) -> Iterator[str]:
    """staykit under uvicorn in a subprocess on a free loopback port, on the test database."""
    with live_server(settings, database_url) as base:
        yield base


async def test_requests_oauthlib_runs_the_whole_flow(
    committed_factory: async_sessionmaker[AsyncSession],
    live_base: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with committed_factory() as db:
        host = await make_user(db)
        listing = await make_listing(db, host)
        partner = await make_app(db)
    # The loopback server speaks plain http; oauthlib insists on https unless told.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    oauth = OAuth2Session(
        partner.id,
        redirect_uri=REDIRECT,
        scope=["read:bookings", "offline_access", "openid"],
        pkce="S256",
    )
    url, state = oauth.authorization_url(f"{live_base}/connect/authorize")
    assert "code_challenge_method=S256" in url

    # The person, in a browser: sign in, then allow for their business.
    async with httpx.AsyncClient(base_url=live_base) as browser:
        r = await browser.get(url)
        assert r.status_code == 200 and "Sign in" in r.text
        fields = dict(hidden_fields(r.text))
        r = await browser.post(
            "/connect/signin",
            data={**fields, "username": host.email, "password": host.password},
        )
        assert r.status_code == 303, r.text
        page = await browser.get(r.headers["location"])
        assert business_options(page.text) == [str(listing.business_id)]
        r = await browser.post(
            "/connect/authorize",
            data={
                **dict(hidden_fields(page.text)),
                "business": str(listing.business_id),
                "decision": "allow",
            },
        )
        assert r.status_code == 302, r.text
        callback = r.headers["location"]
    assert callback.startswith(REDIRECT)

    token = oauth.fetch_token(
        f"{live_base}/connect/token",
        authorization_response=callback,
        client_secret=partner.secret,
    )
    assert token["token_type"] == "Bearer"
    assert token["refresh_token"].startswith("stk_rt_")
    assert token["id_token"]
    assert oauth._state == state  # the library checked the state it sent came back

    refreshed = oauth.refresh_token(
        f"{live_base}/connect/token", auth=HTTPBasicAuth(partner.id, partner.secret)
    )
    assert refreshed["access_token"] != token["access_token"]
    assert refreshed["refresh_token"] != token["refresh_token"]

    r = oauth.get(f"{live_base}/cloudapi/auth/tokendetails")
    assert r.status_code == 200, r.text
    assert [t["id"] for t in r.json()["tenants"]] == [str(listing.business_id)]
    assert r.json()["credential"] == "oauth_token"
