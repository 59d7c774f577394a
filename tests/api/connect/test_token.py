"""/connect/token: the code exchange with PKCE, refresh rotation, client_credentials, and
every RFC 9700 abuse case refused with the right error and nothing issued."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.core.clock import utcnow
from staykit.core.config import Settings
from staykit.domain.partners import credentials
from staykit.domain.partners.models import Secret
from tests.api.connect.flow import (
    Request,
    consent,
    exchange,
    get_code,
    make_app,
    pkce,
    redirect_params,
    sign_in,
    tokens_for,
)
from tests.factories import Person, add_member, frozen_clock, make_listing, make_user


def bearer(token: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def tenants(client: httpx.AsyncClient, token: object) -> httpx.Response:
    return await client.get("/cloudapi/auth/tokendetails", headers=bearer(token))


async def access_tokens(db: AsyncSession) -> int:
    return int(await db.scalar(select(func.count()).where(Secret.kind == "access")) or 0)


def assert_oauth_error(r: httpx.Response, status: int, error: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == error, body
    assert body["error_description"]
    assert body["requestId"]
    assert r.headers["cache-control"] == "no-store"
    return dict(body)


async def host_with_business(db: AsyncSession) -> tuple[Person, str]:
    host = await make_user(db)
    listing = await make_listing(db, host)
    return host, str(listing.business_id)


# --- happy paths ---------------------------------------------------------------------------


async def test_code_exchange_issues_opaque_tokens_for_the_chosen_business(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business = await host_with_business(db)
    app = await make_app(db)
    req = Request(app, scope="read:bookings offline_access")
    code = await get_code(client, req, host)
    assert code.startswith("stk_ac_")
    r = await exchange(client, req, code)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert body["scope"] == "read:bookings offline_access"
    assert body["access_token"].startswith("stk_at_")
    assert body["refresh_token"].startswith("stk_rt_")
    assert "id_token" not in body
    r = await tenants(client, body["access_token"])
    assert r.status_code == 200, r.text
    assert [t["id"] for t in r.json()["tenants"]] == [business]
    assert r.json()["scopes"] == ["read:bookings"]
    assert r.json()["credential"] == "oauth_token"


async def test_without_offline_access_there_is_no_refresh_token(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    body = await tokens_for(client, Request(app, scope="read:bookings"), host)
    assert "refresh_token" not in body


async def test_client_secret_post_works_like_basic(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    req = Request(app)
    code = await get_code(client, req, host)
    r = await client.post(
        "/connect/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": req.verifier,
            "redirect_uri": req.redirect_uri or "",
            "client_id": app.id,
            "client_secret": app.secret,
        },
    )
    assert r.status_code == 200, r.text


async def test_multi_tenant_consent_grants_both_businesses_and_no_other(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, first = await host_with_business(db)
    other_owner = await make_user(db)
    second_listing = await make_listing(db, other_owner)
    await add_member(db, second_listing.business_id, host, "manager")
    third = await make_listing(db, await make_user(db))  # not the host's
    app = await make_app(db)
    req = Request(app, extra={"multiTenant": "true"})
    page = await sign_in(client, req, host)
    assert 'type="checkbox"' in page.text
    assert str(third.business_id) not in page.text
    body = await _allow(client, req, page, [first, str(second_listing.business_id)])
    r = await tenants(client, body["access_token"])
    assert sorted(t["id"] for t in r.json()["tenants"]) == sorted(
        [first, str(second_listing.business_id)]
    )


async def _allow(
    client: httpx.AsyncClient, req: Request, page: httpx.Response, businesses: list[str]
) -> dict[str, object]:
    code = redirect_params(await consent(client, page, businesses))["code"]
    r = await exchange(client, req, code)
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_refresh_rotates_and_the_new_pair_works(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business = await host_with_business(db)
    app = await make_app(db)
    first = await tokens_for(client, Request(app), host)
    r = await client.post(
        "/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        auth=app.basic,
    )
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["scope"] == "read:bookings offline_access"
    r = await tenants(client, second["access_token"])
    assert [t["id"] for t in r.json()["tenants"]] == [business]


async def test_refresh_may_narrow_the_scope(client: httpx.AsyncClient, db: AsyncSession) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    first = await tokens_for(
        client, Request(app, scope="read:bookings read:inventory offline_access"), host
    )
    r = await client.post(
        "/connect/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "scope": "read:inventory",
        },
        auth=app.basic,
    )
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "read:inventory"
    details = (await tenants(client, r.json()["access_token"])).json()
    assert details["scopes"] == ["read:inventory"]
    # The new refresh token keeps the grant's scopes (RFC 6749 §6).
    r = await client.post(
        "/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": r.json()["refresh_token"]},
        auth=app.basic,
    )
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "read:bookings read:inventory offline_access"


async def test_client_credentials_token_names_no_business_and_no_scope(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_user(db, role="admin")
    app = await make_app(db, admin)
    r = await client.post(
        "/connect/token", data={"grant_type": "client_credentials"}, auth=app.basic
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["scope"] == ""
    assert "refresh_token" not in body
    details = (await tenants(client, body["access_token"])).json()
    assert details["tenants"] == []
    assert details["scopes"] == []
    r = await client.post(
        "/connect/token",
        data={"grant_type": "client_credentials", "scope": "read:bookings"},
        auth=app.basic,
    )
    assert_oauth_error(r, 400, "invalid_scope")


# --- abuse cases (RFC 9700) -----------------------------------------------------------------


async def test_wrong_pkce_verifier_is_invalid_grant_and_issues_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    req = Request(app)
    code = await get_code(client, req, host)
    wrong, _ = pkce()
    assert_oauth_error(await exchange(client, req, code, code_verifier=wrong), 400, "invalid_grant")
    r = await exchange(client, req, code, code_verifier="")
    assert_oauth_error(r, 400, "invalid_request")
    assert await access_tokens(db) == 0
    # The code was not spent by the failed attempts: the rightful client still can.
    assert (await exchange(client, req, code)).status_code == 200


async def test_redirect_uri_mismatch_at_token_is_invalid_grant(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(
        db, redirect_uris=["https://partner.example/callback", "https://partner.example/other"]
    )
    req = Request(app)
    code = await get_code(client, req, host)
    r = await exchange(client, req, code, redirect_uri="https://partner.example/other")
    assert_oauth_error(r, 400, "invalid_grant")
    r = await exchange(client, req, code, redirect_uri="")
    assert_oauth_error(r, 400, "invalid_grant")
    assert await access_tokens(db) == 0


async def test_code_replay_is_refused_and_revokes_the_first_tokens(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    req = Request(app)
    code = await get_code(client, req, host)
    first = await exchange(client, req, code)
    assert first.status_code == 200
    assert (await tenants(client, first.json()["access_token"])).status_code == 200
    assert_oauth_error(await exchange(client, req, code), 400, "invalid_grant")
    assert (await tenants(client, first.json()["access_token"])).status_code == 401
    r = await client.post(
        "/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": first.json()["refresh_token"]},
        auth=app.basic,
    )
    assert_oauth_error(r, 400, "invalid_grant")


async def test_two_exchanges_of_one_code_at_once_issue_one_pair_then_revoke_it(
    committed_client: httpx.AsyncClient, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with committed_factory() as db:
        host, _ = await host_with_business(db)
        app = await make_app(db)
        await db.commit()
    req = Request(app)
    code = await get_code(committed_client, req, host)
    answers = await asyncio.gather(
        exchange(committed_client, req, code), exchange(committed_client, req, code)
    )
    # The code row is locked by the first exchange; the second waits, finds it spent and,
    # as any replay, revokes what the first was given.
    assert sorted(a.status_code for a in answers) == [200, 400]
    winner = next(a for a in answers if a.status_code == 200)
    loser = next(a for a in answers if a.status_code == 400)
    assert_oauth_error(loser, 400, "invalid_grant")
    assert (await tenants(committed_client, winner.json()["access_token"])).status_code == 401
    async with committed_factory() as db:
        assert await access_tokens(db) == 1


async def test_a_client_cannot_use_another_clients_code(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    thief = await make_app(db, name="Thief")
    req = Request(app)
    code = await get_code(client, req, host)
    stolen = Request(thief, verifier=req.verifier, challenge=req.challenge)
    assert_oauth_error(await exchange(client, stolen, code), 400, "invalid_grant")
    assert await access_tokens(db) == 0
    assert (await exchange(client, req, code)).status_code == 200


async def test_refresh_token_reuse_revokes_the_whole_family(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    first = await tokens_for(client, Request(app), host)

    async def refresh(token: object) -> httpx.Response:
        return await client.post(
            "/connect/token",
            data={"grant_type": "refresh_token", "refresh_token": token},
            auth=app.basic,
        )

    second = await refresh(first["refresh_token"])
    assert second.status_code == 200
    assert_oauth_error(await refresh(first["refresh_token"]), 400, "invalid_grant")
    # The newest pair dies too: the rightful holder and the thief cannot be told apart.
    assert (await tenants(client, second.json()["access_token"])).status_code == 401
    assert_oauth_error(await refresh(second.json()["refresh_token"]), 400, "invalid_grant")
    assert (await tenants(client, first["access_token"])).status_code == 401


async def test_scope_escalation_on_refresh_is_invalid_scope(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    first = await tokens_for(client, Request(app), host)
    before = await access_tokens(db)
    r = await client.post(
        "/connect/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "scope": "read:bookings write:bookings offline_access",
        },
        auth=app.basic,
    )
    assert_oauth_error(r, 400, "invalid_scope")
    assert await access_tokens(db) == before


async def test_revoked_token_is_refused(client: httpx.AsyncClient, db: AsyncSession) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    body = await tokens_for(client, Request(app), host)
    r = await client.post(
        "/connect/revocation", data={"token": body["access_token"]}, auth=app.basic
    )
    assert r.status_code == 200
    r = await tenants(client, body["access_token"])
    assert r.status_code == 401
    assert r.json()["code"] == "tokenRevoked"


async def test_expired_access_token_and_code_are_refused(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    body = await tokens_for(client, Request(app), host)
    req = Request(app)
    code = await get_code(client, req, host)
    with frozen_clock(utcnow() + timedelta(seconds=settings.oauth_access_token_seconds + 1)):
        r = await tenants(client, body["access_token"])
        assert r.status_code == 401
        assert r.json()["code"] == "tokenExpired"
        assert_oauth_error(await exchange(client, req, code), 400, "invalid_grant")
        # The refresh token lives on (30 idle days) and gets a fresh access token.
        r = await client.post(
            "/connect/token",
            data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
            auth=app.basic,
        )
        assert r.status_code == 200, r.text


async def test_refresh_token_unused_for_30_days_is_dead(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    body = await tokens_for(client, Request(app), host)
    with frozen_clock(utcnow() + timedelta(days=30, seconds=1)):
        r = await client.post(
            "/connect/token",
            data={"grant_type": "refresh_token", "refresh_token": body["refresh_token"]},
            auth=app.basic,
        )
        assert_oauth_error(r, 400, "invalid_grant")


async def test_wrong_client_secret_is_invalid_client(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, _ = await host_with_business(db)
    app = await make_app(db)
    req = Request(app)
    code = await get_code(client, req, host)
    r = await client.post(
        "/connect/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": req.verifier,
            "redirect_uri": req.redirect_uri or "",
        },
        auth=httpx.BasicAuth(app.id, app.secret + "x"),
    )
    body = assert_oauth_error(r, 401, "invalid_client")
    assert app.secret not in r.text
    assert "www-authenticate" in r.headers
    assert body["requestId"]
    r = await client.post(
        "/connect/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.id,
            "client_secret": "stk_cs_wrong",
        },
    )
    assert_oauth_error(r, 401, "invalid_client")
    assert await access_tokens(db) == 0


async def test_token_of_business_a_cannot_read_business_b(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, first = await host_with_business(db)
    owner_b = await make_user(db)
    listing_b = await make_listing(db, owner_b)
    await add_member(db, listing_b.business_id, host, "owner")
    app = await make_app(db)
    body = await tokens_for(client, Request(app), host, [first])
    details = (await tenants(client, body["access_token"])).json()
    assert [t["id"] for t in details["tenants"]] == [first]
    assert str(listing_b.business_id) not in str(details)
    principal = await credentials.resolve(db, str(body["access_token"]), surface="cloud")
    assert principal.businesses == frozenset({uuid.UUID(first)})


async def test_unknown_grant_type_and_missing_code(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    app = await make_app(db)
    r = await client.post("/connect/token", data={"grant_type": "password"}, auth=app.basic)
    assert_oauth_error(r, 400, "unsupported_grant_type")
    r = await client.post(
        "/connect/token", data={"grant_type": "authorization_code"}, auth=app.basic
    )
    assert_oauth_error(r, 400, "invalid_request")
