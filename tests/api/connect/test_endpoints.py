"""Discovery, the id_token against the JWKS, introspection, revocation and userinfo."""

from __future__ import annotations

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from tests.api.connect.flow import Request, make_app, tokens_for
from tests.factories import make_listing, make_user


async def test_discovery_document(client: httpx.AsyncClient, settings: Settings) -> None:
    r = await client.get("/.well-known/openid-configuration")
    assert r.status_code == 200, r.text
    doc = r.json()
    base = settings.public_base_url
    assert doc["issuer"] == base
    assert doc["authorization_endpoint"] == f"{base}/connect/authorize"
    assert doc["token_endpoint"] == f"{base}/connect/token"
    assert doc["revocation_endpoint"] == f"{base}/connect/revocation"
    assert doc["introspection_endpoint"] == f"{base}/connect/introspect"
    assert doc["userinfo_endpoint"] == f"{base}/connect/userinfo"
    assert doc["jwks_uri"] == f"{base}/.well-known/jwks.json"
    for scope in (
        "read:bookings",
        "all:messages",
        "guest_communication",
        "revenue_management",
        "offline_access",
        "openid",
        "profile",
        "email",
    ):
        assert scope in doc["scopes_supported"], scope
    assert doc["response_types_supported"] == ["code"]
    assert doc["grant_types_supported"] == [
        "authorization_code",
        "refresh_token",
        "client_credentials",
    ]
    assert doc["token_endpoint_auth_methods_supported"] == [
        "client_secret_basic",
        "client_secret_post",
    ]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["subject_types_supported"] == ["public"]


async def test_openid_id_token_verifies_against_the_jwks(
    client: httpx.AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    req = Request(app, scope="openid profile email read:bookings", extra={"nonce": "n-0S6_WzA2Mj"})
    body = await tokens_for(client, req, host)
    keys = KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json())
    token = jwt.decode(str(body["id_token"]), keys, algorithms=["RS256"])
    claims = token.claims
    assert token.header["alg"] == "RS256"
    assert claims["sub"] == host.id
    assert claims["aud"] == app.id
    assert claims["iss"] == settings.public_base_url
    assert claims["nonce"] == "n-0S6_WzA2Mj"
    assert claims["email"] == host.email
    assert claims["name"] == host.user.fullname
    assert claims["exp"] > claims["iat"]
    assert claims["auth_time"] <= claims["iat"]
    # An id_token is not a session token.
    r = await client.get(
        "/auth-api/currentuser", headers={"Authorization": f"Bearer {body['id_token']}"}
    )
    assert r.status_code == 401


async def test_id_token_without_email_scope_has_no_email(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    body = await tokens_for(client, Request(app, scope="openid read:bookings"), host)
    claims = jwt.decode(
        str(body["id_token"]),
        KeySet.import_key_set((await client.get("/.well-known/jwks.json")).json()),
    ).claims
    assert "email" not in claims and "name" not in claims


async def test_introspection_for_the_owner_client_only(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    listing = await make_listing(db, host)
    app = await make_app(db)
    other = await make_app(db, name="Other")
    body = await tokens_for(client, Request(app), host)
    r = await client.post(
        "/connect/introspect", data={"token": body["access_token"]}, auth=app.basic
    )
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["active"] is True
    assert got["scope"] == "read:bookings offline_access"
    assert got["client_id"] == app.id
    assert got["sub"] == host.id
    assert got["token_type"] == "Bearer"
    assert got["tenants"] == [str(listing.business_id)]
    assert got["exp"] - got["iat"] == 3600
    r = await client.post(
        "/connect/introspect",
        data={"token": body["refresh_token"], "token_type_hint": "refresh_token"},
        auth=app.basic,
    )
    assert r.json()["active"] is True
    r = await client.post(
        "/connect/introspect", data={"token": body["access_token"]}, auth=other.basic
    )
    assert r.json() == {"active": False}
    r = await client.post("/connect/introspect", data={"token": "stk_at_nothing"}, auth=app.basic)
    assert r.json() == {"active": False}
    r = await client.post("/connect/introspect", data={"token": body["access_token"]})
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"


async def test_revoking_a_refresh_token_revokes_its_access_tokens(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    other = await make_app(db, name="Other")
    body = await tokens_for(client, Request(app), host)
    # Another client's revocation is answered 200 and changes nothing.
    r = await client.post(
        "/connect/revocation", data={"token": body["refresh_token"]}, auth=other.basic
    )
    assert r.status_code == 200 and r.json() == {}
    details = "/cloudapi/auth/tokendetails"
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    assert (await client.get(details, headers=headers)).status_code == 200
    r = await client.post(
        "/connect/revocation",
        data={"token": body["refresh_token"], "token_type_hint": "refresh_token"},
        auth=app.basic,
    )
    assert r.status_code == 200 and r.json() == {}
    assert (await client.get(details, headers=headers)).status_code == 401
    r = await client.post(
        "/connect/introspect", data={"token": body["refresh_token"]}, auth=app.basic
    )
    assert r.json() == {"active": False}
    # Unknown and already revoked tokens: 200 all the same (RFC 7009 §2.2).
    for token in ("stk_rt_unknown", body["refresh_token"]):
        r = await client.post("/connect/revocation", data={"token": token}, auth=app.basic)
        assert r.status_code == 200
    r = await client.post("/connect/revocation", data={}, auth=app.basic)
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_request"


async def test_userinfo_with_an_openid_access_token(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    body = await tokens_for(client, Request(app, scope="openid email read:bookings"), host)
    r = await client.get(
        "/connect/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"sub": host.id, "email": host.email, "email_verified": True}
    plain = await tokens_for(client, Request(app, scope="read:bookings"), host)
    r = await client.get(
        "/connect/userinfo", headers={"Authorization": f"Bearer {plain['access_token']}"}
    )
    assert r.status_code == 403
    assert r.json()["error"] == "insufficient_scope"
    r = await client.get("/connect/userinfo", headers={"Authorization": "Bearer stk_at_nothing"})
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_token"
    assert r.json()["requestId"]
