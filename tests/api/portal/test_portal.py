"""The account portal at /account, through HTTP as a browser sends it: sign-in is needed
for every page, a business's page is only for its owners and managers (404 for anyone
else), every form needs its CSRF token, each generate form makes a value that works and
is shown once, each revoke makes it stop working, and bad input changes nothing."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from staykit.domain.notifications.models import OutboundMessage
from staykit.domain.partners.models import Grant
from tests.api.connect.flow import Request, make_app, tokens_for
from tests.api.portal.helpers import (
    business_page,
    csrf_of,
    host_with_business,
    shown_value,
    sign_in,
    submit,
)
from tests.factories import add_member, make_user


async def grant_count(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).select_from(Grant)) or 0)


def assert_error_page(r: httpx.Response, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text
    assert "Request id" in r.text
    assert r.headers["x-request-id"] in r.text


async def token_details(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get(
        "/cloudapi/auth/tokendetails", headers={"Authorization": f"Bearer {token}"}
    )


def revoke_path(page: str) -> str:
    [path] = re.findall(r'action="(/account/businesses/[^"]*/revoke)"', page)
    return path


# --- sign-in -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/account", "/account/", "/account/businesses/0190b2a4-1c7e-7000-8000-000000000001"]
)
async def test_every_page_needs_sign_in(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/account/signin?next=%2Faccount")


async def test_posts_without_sign_in_go_to_sign_in_and_make_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, business_id = await host_with_business(db)
    r = await client.post(
        f"/account/businesses/{business_id}/tokens", data={"scopes": "read:bookings"}
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/account/signin")
    assert await grant_count(db) == 0


async def test_sign_in_lists_the_persons_businesses_and_roles(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    _other, other_id = await host_with_business(db)
    await add_member(db, other_id, host, "staff")
    await sign_in(client, host)
    r = await client.get("/account")
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    assert f'href="/account/businesses/{business_id}"' in r.text
    assert f"/account/businesses/{other_id}" not in r.text  # staff: listed, not managed
    assert r.text.count("<tr>") == 3  # header + two businesses
    assert "owner" in r.text and "staff" in r.text


async def test_sign_in_goes_back_to_the_page_asked_for(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    r = await client.get(f"/account/businesses/{business_id}")
    target = f"/account/businesses/{business_id}"
    assert r.headers["location"] == "/account/signin?next=" + target.replace("/", "%2F")
    await sign_in(client, host, target)
    await business_page(client, business_id)


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/account",
        "/\\evil.example",
        "javascript:alert(1)",
        "account",
    ],
)
async def test_sign_in_refuses_a_next_that_leaves_the_site(
    client: httpx.AsyncClient, db: AsyncSession, target: str
) -> None:
    host = await make_user(db)
    assert_error_page(
        await client.get("/account/signin", params={"next": target}), 400, "page of this site"
    )
    page = await client.get("/account/signin")
    r = await client.post(
        "/account/signin",
        data={
            "csrf_token": csrf_of(page.text),
            "next": target,
            "username": host.email,
            "password": host.password,
        },
    )
    assert_error_page(r, 400, "page of this site")
    assert "set-cookie" not in r.headers or "access-token" not in r.headers["set-cookie"]


async def test_wrong_password_shows_the_form_again(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    page = await client.get("/account/signin")
    r = await client.post(
        "/account/signin",
        data={
            "csrf_token": csrf_of(page.text),
            "next": "/account",
            "username": host.email,
            "password": "not-it",
        },
    )
    assert r.status_code == 401
    assert 'role="alert"' in r.text and host.email in r.text
    assert (await client.get("/account")).status_code == 303


async def test_sign_in_needs_its_csrf_token(client: httpx.AsyncClient, db: AsyncSession) -> None:
    host = await make_user(db)
    await client.get("/account/signin")
    r = await client.post(
        "/account/signin",
        data={"csrf_token": "forged", "username": host.email, "password": host.password},
    )
    assert_error_page(r, 403, "security token")
    assert (await client.get("/account")).status_code == 303


async def test_sign_out_ends_the_session(client: httpx.AsyncClient, db: AsyncSession) -> None:
    host, _ = await host_with_business(db)
    await sign_in(client, host)
    page = await client.get("/account")
    r = await client.post("/account/signout", data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 303 and r.headers["location"] == "/account/signin"
    assert (await client.get("/account")).status_code == 303


# --- who sees a business ---------------------------------------------------------------------


async def test_another_business_is_a_404_page(client: httpx.AsyncClient, db: AsyncSession) -> None:
    host, _ = await host_with_business(db)
    _, other_id = await host_with_business(db)
    await sign_in(client, host)
    missing = assert_error_page
    missing(await client.get(f"/account/businesses/{other_id}"), 404, "no such page")
    missing(await client.get(f"/account/businesses/{uuid.uuid4()}"), 404, "no such page")
    missing(await client.get("/account/businesses/not-a-uuid"), 404, "no such page")
    missing(await client.get("/account/nowhere"), 404, "no such page")


async def test_staff_member_gets_the_404_page_and_cannot_generate(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, business_id = await host_with_business(db)
    staff = await make_user(db)
    await add_member(db, business_id, staff, "staff")
    await sign_in(client, staff)
    assert_error_page(await client.get(f"/account/businesses/{business_id}"), 404, "no such page")
    csrf = csrf_of((await client.get("/account")).text)
    r = await submit(client, business_id, "tokens", [("scopes", "read:bookings")], csrf=csrf)
    assert_error_page(r, 404, "no such page")
    assert await grant_count(db) == 0


async def test_manager_manages_the_business(client: httpx.AsyncClient, db: AsyncSession) -> None:
    _, business_id = await host_with_business(db)
    manager = await make_user(db)
    await add_member(db, business_id, manager, "manager")
    await sign_in(client, manager)
    r = await business_page(client, business_id)
    assert "Manage app authorizations" in r.text


# --- CSRF -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("csrf", ["", "forged", "0" * 64])
async def test_generate_without_the_right_csrf_token_is_403_and_makes_nothing(
    client: httpx.AsyncClient, db: AsyncSession, csrf: str
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    await business_page(client, business_id)
    r = await submit(client, business_id, "tokens", [("scopes", "read:bookings")], csrf=csrf)
    assert_error_page(r, 403, "security token")
    assert await grant_count(db) == 0


async def test_a_csrf_token_from_before_sign_in_does_not_work_after_it(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    anonymous = csrf_of((await client.get("/account/signin")).text)
    await sign_in(client, host)
    r = await submit(client, business_id, "tokens", [("scopes", "read:bookings")], csrf=anonymous)
    assert_error_page(r, 403, "security token")
    assert await grant_count(db) == 0


async def test_revoke_without_csrf_is_403_and_the_token_still_works(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    token = shown_value(
        (await submit(client, business_id, "tokens", [("scopes", "read:bookings")])).text
    )
    path = revoke_path((await business_page(client, business_id)).text)
    r = await client.post(path, data={"csrf_token": "forged"})
    assert_error_page(r, 403, "security token")
    assert (await token_details(client, token)).status_code == 200


# --- generate and revoke ------------------------------------------------------------------------


async def test_manual_token_is_shown_once_works_and_stops_when_revoked(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    r = await submit(
        client,
        business_id,
        "tokens",
        [("label", "Night audit"), ("scopes", "read:bookings"), ("scopes", "read:inventory")],
    )
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    token = shown_value(r.text)
    assert token.startswith("stk_")
    assert "only time" in r.text
    assert token not in r.headers.get("set-cookie", "")
    assert token not in str(r.url)

    details = await token_details(client, token)
    assert details.status_code == 200, details.text
    assert [t["id"] for t in details.json()["tenants"]] == [str(business_id)]
    assert sorted(details.json()["scopes"]) == ["read:bookings", "read:inventory"]

    page = await business_page(client, business_id)
    assert token not in page.text  # never shown again
    assert "Night audit" in page.text and "See bookings" in page.text

    r = await client.post(revoke_path(page.text), data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 303
    assert r.headers["location"] == f"/account/businesses/{business_id}?notice=revoked"
    after = await client.get(r.headers["location"])
    assert "Revoked." in after.text and "Night audit" not in after.text
    assert (await token_details(client, token)).status_code == 401


async def test_invite_code_sets_up_a_channel_connection_and_revoking_ends_it(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    r = await submit(
        client,
        business_id,
        "invites",
        [
            ("scopes", "read:bookings"),
            ("scopes", "write:inventory"),
            ("ipWhitelist", "127.0.0.1\n\n10.0.0.0/8\n"),
            ("allowLinked", "on"),
        ],
    )
    assert r.status_code == 200, r.text
    code = shown_value(r.text)
    page = await business_page(client, business_id)
    assert "Invite code not used yet" in page.text
    assert "127.0.0.1/32, 10.0.0.0/8" in page.text and "linked properties allowed" in page.text

    setup = await client.get(
        "/v2/authentication/setup", headers={"code": code, "deviceName": "Front desk"}
    )
    assert setup.status_code == 200, setup.text
    token = setup.json()["token"]
    details = await client.get("/v2/authentication/details", headers={"token": token})
    assert details.json()["validToken"] is True

    page = await business_page(client, business_id)
    assert "Set up on Front desk" in page.text
    await client.post(revoke_path(page.text), data={"csrf_token": csrf_of(page.text)})
    details = await client.get("/v2/authentication/details", headers={"token": token})
    assert details.json()["validToken"] is False


async def test_long_life_token_reads_and_stops_when_revoked(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    r = await submit(
        client, business_id, "longlife", [("label", "BI export"), ("scopes", "read:bookings")]
    )
    assert r.status_code == 200, r.text
    token = shown_value(r.text)
    details = await client.get("/v2/authentication/details", headers={"token": token})
    assert details.json()["validToken"] is True, details.text
    page = await business_page(client, business_id)
    assert "BI export" in page.text
    await client.post(revoke_path(page.text), data={"csrf_token": csrf_of(page.text)})
    details = await client.get("/v2/authentication/details", headers={"token": token})
    assert details.json()["validToken"] is False


async def test_api_key_works_on_the_cloud_api_and_stops_when_revoked(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    r = await submit(
        client, business_id, "apikeys", [("label", "Scripts"), ("scopes", "all:bookings")]
    )
    assert r.status_code == 200, r.text
    key = shown_value(r.text)
    assert (await token_details(client, key)).status_code == 200
    page = await business_page(client, business_id)
    assert "Scripts" in page.text
    await client.post(revoke_path(page.text), data={"csrf_token": csrf_of(page.text)})
    assert (await token_details(client, key)).status_code == 401


async def test_revoking_another_business_grant_is_a_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    other, other_id = await host_with_business(db)
    await sign_in(client, other)
    token = shown_value(
        (await submit(client, other_id, "tokens", [("scopes", "read:bookings")])).text
    )
    path = revoke_path((await business_page(client, other_id)).text)
    await client.post(
        "/account/signout", data={"csrf_token": csrf_of((await client.get("/account")).text)}
    )
    await sign_in(client, host)
    csrf = csrf_of((await client.get("/account")).text)
    # The other business's grant, through the other business's path and through ours.
    for attempt in (path, path.replace(str(other_id), str(business_id))):
        assert_error_page(await client.post(attempt, data={"csrf_token": csrf}), 404, "no such")
    assert (await token_details(client, token)).status_code == 200


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "data", "words"),
    [
        ("tokens", [("label", "x")], "at least one"),
        ("tokens", [("scopes", "read:nothing")], "is not a scope"),
        ("tokens", [("scopes", "read:bookings"), ("label", "x" * 201)], "at most 200"),
        ("apikeys", [], "at least one"),
        ("invites", [], "at least one"),
        ("invites", [("scopes", "read:messages")], "not a Channel API scope"),
        (
            "invites",
            [("scopes", "read:bookings"), ("ipWhitelist", "10.0.0.1\nnot-an-ip")],
            "Line 2 (&#39;not-an-ip&#39;) is not an IP address",
        ),
        ("longlife", [("scopes", "write:bookings")], "read-only"),
        ("longlife", [("scopes", "read:bookings"), ("ipWhitelist", "300.1.1.1")], "Line 1"),
    ],
)
async def test_bad_input_is_400_with_the_error_by_its_field_and_makes_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    what: str,
    data: list[tuple[str, str]],
    words: str,
) -> None:
    host, business_id = await host_with_business(db)
    await sign_in(client, host)
    r = await submit(client, business_id, what, data)
    assert r.status_code == 400, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text
    assert 'class="field-error" role="alert"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert 'data-testid="secret-value"' not in r.text
    assert await grant_count(db) == 0


# --- OAuth authorizations and the login-code step -------------------------------------------------


async def test_oauth_authorization_is_listed_in_words_and_revoking_ends_its_tokens(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await host_with_business(db)
    partner = await make_app(db, name="Acme Channel Manager")
    req = Request(partner, scope="guest_communication offline_access")
    tokens = await tokens_for(client, req, host, [str(business_id)])
    access = str(tokens["access_token"])
    assert (await token_details(client, access)).status_code == 200

    # Signed in on the consent pages: the same browser session opens the portal.
    r = await client.get("/account/signin")
    assert r.status_code == 303 and r.headers["location"] == "/account"
    page = await business_page(client, business_id)
    assert "Acme Channel Manager" in page.text
    assert "Guest communication: see bookings" in page.text
    r = await client.post(revoke_path(page.text), data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 303
    assert (await token_details(client, access)).status_code == 401
    refreshed = await client.post(
        "/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": str(tokens["refresh_token"])},
        auth=partner.basic,
    )
    assert refreshed.status_code == 400, refreshed.text
    assert "Acme Channel Manager" not in (await business_page(client, business_id)).text


async def test_login_code_step_before_the_portal_opens(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "email_2fa_required", True)
    host, business_id = await host_with_business(db)
    target = f"/account/businesses/{business_id}"
    page = await client.get("/account/signin", params={"next": target})
    r = await client.post(
        "/account/signin",
        data={
            "csrf_token": csrf_of(page.text),
            "next": target,
            "username": host.email,
            "password": host.password,
        },
    )
    assert r.status_code == 200, r.text
    assert "Enter your login code" in r.text
    # Until the code is entered, the portal is not open.
    assert (await client.get(target)).status_code == 303
    mail = await db.scalar(
        select(OutboundMessage)
        .where(OutboundMessage.recipient == host.email)
        .order_by(OutboundMessage.created_at.desc())
    )
    assert mail is not None
    code = re.search(r"code is (\w+)", mail.body)
    assert code is not None
    form = {"csrf_token": csrf_of(r.text), "next": target}
    wrong = await client.post("/account/signin/code", data={**form, "code": "000000x"})
    assert wrong.status_code == 403 and "Enter your login code" in wrong.text
    r = await client.post("/account/signin/code", data={**form, "code": code.group(1)})
    assert r.status_code == 303 and r.headers["location"] == target
    await business_page(client, business_id)
