"""/connect/authorize and its pages: every request checked before any page shows, the
sign-in page (the marketplace login, its throttling, the login-code step), CSRF on
every form, and a consent page that offers only the businesses the person manages."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.auth.models import LoginFailure
from staykit.domain.notifications.models import OutboundMessage
from staykit.domain.partners.models import Secret
from tests.api.connect.flow import (
    OTHER_REDIRECT,
    REDIRECT,
    Request,
    business_options,
    consent,
    hidden_fields,
    make_app,
    redirect_params,
    sign_in,
)
from tests.factories import add_member, make_listing, make_user


async def codes(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).where(Secret.kind == "code")) or 0)


def assert_error_page(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "location" not in r.headers
    assert words in r.text
    assert "Request id" in r.text


# --- checked before any page ----------------------------------------------------------------


async def test_unknown_client_gets_an_error_page_never_a_redirect(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    app = await make_app(db)
    req = Request(app, extra={"client_id": "stk_client_nobody"})
    assert_error_page(await client.get(req.url()), 400, "does not exist")


async def test_unregistered_redirect_uri_gets_an_error_page(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    app = await make_app(db)
    for uri in ("https://evil.example/callback", REDIRECT + "/", REDIRECT + "?x=1"):
        r = await client.get(Request(app, redirect_uri=uri).url())
        assert_error_page(r, 400, "not supported")


async def test_redirect_uri_may_be_omitted_only_when_one_is_registered(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    single = await make_app(db)
    page = await sign_in(client, Request(single, redirect_uri=None), host)
    assert "Allow" in page.text
    params = redirect_params(await consent(client, page))
    assert params["code"]
    double = await make_app(db, redirect_uris=[REDIRECT, OTHER_REDIRECT])
    assert_error_page(
        await client.get(Request(double, redirect_uri=None).url()), 400, "redirect_uri"
    )


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"code_challenge": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": ""}, "invalid_request"),
        ({"scope": "read:bookings read:nonsense"}, "invalid_scope"),
        ({"scope": "all:channels"}, "invalid_scope"),  # not registered for this client
        ({"scope": ""}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
async def test_bad_requests_go_back_to_the_client_with_error_and_state(
    client: httpx.AsyncClient, db: AsyncSession, change: dict[str, str], error: str
) -> None:
    app = await make_app(db)
    req = Request(app)
    params = {k: v for k, v in {**req.params(), **change}.items() if v}
    r = await client.get("/connect/authorize?" + urlencode(params))
    got = redirect_params(r)
    assert r.headers["location"].startswith(REDIRECT + "?")
    assert got["error"] == error
    assert got["state"] == req.state
    assert got.get("error_description")


async def test_user_denies_and_the_client_gets_access_denied(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    req = Request(app, extra={"prompt": "consent"})
    page = await sign_in(client, req, host)
    got = redirect_params(await consent(client, page, decision="deny"))
    assert got["error"] == "access_denied"
    assert got["state"] == req.state
    assert "code" not in got
    assert await codes(db) == 0


async def test_prompt_none_is_consent_required(client: httpx.AsyncClient, db: AsyncSession) -> None:
    app = await make_app(db)
    req = Request(app, extra={"prompt": "none"})
    got = redirect_params(await client.get(req.url()))
    assert got["error"] == "consent_required"
    assert got["state"] == req.state


# --- sign-in -----------------------------------------------------------------------------------


async def _signin_form(client: httpx.AsyncClient, req: Request) -> dict[str, str]:
    r = await client.get(req.url())
    assert r.status_code == 200 and "Sign in" in r.text
    assert r.headers["cache-control"] == "no-store"
    return dict(hidden_fields(r.text))


async def test_wrong_password_shows_an_error_and_counts_toward_throttling(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    host = await make_user(db)
    app = await make_app(db)
    fields = await _signin_form(client, Request(app))
    for _ in range(settings.login_max_failures_per_account):
        r = await client.post(
            "/connect/signin", data={**fields, "username": host.email, "password": "wrong-one"}
        )
        assert r.status_code == 401
        assert "Wrong username or password." in r.text
        assert "wrong-one" not in r.text
        assert host.email in r.text  # the form keeps what was typed, but not the password
    failures = await db.scalar(select(func.count()).where(LoginFailure.email == host.email.lower()))
    assert failures == settings.login_max_failures_per_account
    r = await client.post(
        "/connect/signin", data={**fields, "username": host.email, "password": host.password}
    )
    assert r.status_code == 429
    assert "Too many failed logins" in r.text
    assert int(r.headers["retry-after"]) > 0


async def test_sign_in_without_csrf_token_is_403(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    app = await make_app(db)
    fields = await _signin_form(client, Request(app))
    data = {k: v for k, v in fields.items() if k != "csrf_token"}
    r = await client.post(
        "/connect/signin", data={**data, "username": host.email, "password": host.password}
    )
    assert r.status_code == 403
    assert "security token" in r.text
    assert "set-cookie" not in r.headers or "airbnb3-access-token" not in r.headers["set-cookie"]
    r = await client.post(
        "/connect/signin",
        data={**fields, "csrf_token": "0" * 64, "username": host.email, "password": host.password},
    )
    assert r.status_code == 403


async def test_consent_without_csrf_token_is_403_and_issues_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    app = await make_app(db)
    page = await sign_in(client, Request(app), host)
    fields = [(k, v) for k, v in hidden_fields(page.text) if k != "csrf_token"]
    data = [*fields, ("business", str(listing.business_id)), ("decision", "allow")]
    r = await client.post(
        "/connect/authorize",
        content=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 403
    assert await codes(db) == 0


async def test_a_csrf_token_from_before_sign_in_does_not_work_after(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    app = await make_app(db)
    req = Request(app)
    anonymous = await _signin_form(client, req)
    page = await sign_in(client, req, host)
    fields = [
        (k, anonymous["csrf_token"] if k == "csrf_token" else v)
        for k, v in hidden_fields(page.text)
    ]
    data = [*fields, ("business", str(listing.business_id)), ("decision", "allow")]
    r = await client.post(
        "/connect/authorize",
        content=urlencode(data),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 403


async def test_login_code_step_when_the_account_needs_email_2fa(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    req = Request(app)
    fields = await _signin_form(client, req)
    r = await client.post(
        "/connect/signin", data={**fields, "username": host.email, "password": host.password}
    )
    assert r.status_code == 200, r.text
    assert "Enter your login code" in r.text
    # Until the code is entered, the authorize page asks to sign in again.
    assert "Sign in" in (await client.get(req.url())).text
    mail = await db.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == host.email)
        .order_by(OutboundMessage.created_at.desc())
    )
    assert mail is not None
    code = re.search(r"code is (\w+)", mail.body)
    assert code is not None
    code_fields = dict(hidden_fields(r.text))
    r = await client.post("/connect/signin/code", data={**code_fields, "code": "000000x"})
    assert r.status_code == 403
    assert "Enter your login code" in r.text
    r = await client.post("/connect/signin/code", data={**code_fields, "code": code.group(1)})
    assert r.status_code == 303, r.text
    page = await client.get(r.headers["location"])
    assert "Allow" in page.text
    assert redirect_params(await consent(client, page))["code"]


# --- consent -------------------------------------------------------------------------------------


async def test_consent_lists_only_managed_businesses_and_scopes_in_words(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    own = await make_listing(db, host)
    managed = await make_listing(db, await make_user(db))
    await add_member(db, managed.business_id, host, "manager")
    staffed = await make_listing(db, await make_user(db))
    await add_member(db, staffed.business_id, host, "staff")
    stranger = await make_listing(db, await make_user(db))
    app = await make_app(db, name="Acme Channel Manager")
    page = await sign_in(client, Request(app, scope="guest_communication offline_access"), host)
    assert "Acme Channel Manager" in page.text
    assert "Guest communication" in page.text
    assert "Keep this access" in page.text
    assert 'type="radio"' in page.text
    assert sorted(business_options(page.text)) == sorted(
        [str(own.business_id), str(managed.business_id)]
    )
    assert str(staffed.business_id) not in page.text
    assert str(stranger.business_id) not in page.text


@pytest.mark.parametrize("which", ["staff", "stranger", "garbage", "none", "two"])
async def test_consent_naming_a_business_not_managed_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, which: str
) -> None:
    host = await make_user(db)
    own = await make_listing(db, host)
    second = await make_listing(db, host)  # the same business (one per owner)
    staffed = await make_listing(db, await make_user(db))
    await add_member(db, staffed.business_id, host, "staff")
    stranger = await make_listing(db, await make_user(db))
    chosen = {
        "staff": [str(staffed.business_id)],
        "stranger": [str(stranger.business_id)],
        "garbage": ["not-a-uuid"],
        "none": [],
        "two": [str(own.business_id), str(stranger.business_id)],
    }[which]
    assert second.business_id == own.business_id
    app = await make_app(db)
    page = await sign_in(client, Request(app), host)
    r = await consent(client, page, chosen)
    assert r.status_code == 400, r.text
    assert "location" not in r.headers
    assert await codes(db) == 0


async def test_a_person_managing_no_business_gets_a_clear_page(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_user(db)
    app = await make_app(db)
    req = Request(app)
    page = await sign_in(client, req, person)
    assert "You manage no business yet" in page.text
    got = redirect_params(await consent(client, page, [], decision="deny"))
    assert got["error"] == "access_denied"
    assert got["state"] == req.state
