"""The admin API for OAuth clients (/connect/clients): only a signed-in admin registers,
lists and retires clients; the secret is shown once; a retired client gets no tokens and
its grants end."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.partners.models import OAuthClient
from staykit.domain.partners.secrets import digest
from tests.api.connect.flow import Request, make_app, tokens_for
from tests.factories import make_listing, make_logged_in, make_user

CLIENTS = "/connect/clients"
BODY = {
    "name": "Channel Manager Pro",
    "redirectUris": ["https://cm.example/callback"],
    "scopes": ["revenue_management", "offline_access"],
}


def bearer(token: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def oauth_error(r: httpx.Response, status: int, error: str) -> dict[str, object]:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"] == error and body["error_description"] and body["requestId"], body
    return dict(body)


async def test_an_admin_registers_lists_and_retires_a_client(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    r = await client.post(CLIENTS, json=BODY, headers=bearer(admin.token))
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["clientId"].startswith("stk_client_") and made["clientSecret"].startswith("stk_cs_")
    stored = await db.scalar(select(OAuthClient).where(OAuthClient.client_id == made["clientId"]))
    assert stored is not None and stored.secret_hash == digest(made["clientSecret"])
    assert stored.created_by == admin.user.id

    listed = (await client.get(CLIENTS, headers=bearer(admin.token))).json()
    mine = [c for c in listed if c["clientId"] == made["clientId"]]
    assert mine and "clientSecret" not in mine[0] and made["clientSecret"] not in str(listed)

    r = await client.delete(f"{CLIENTS}/{made['clientId']}", headers=bearer(admin.token))
    assert r.status_code == 204
    listed = (await client.get(CLIENTS, headers=bearer(admin.token))).json()
    assert made["clientId"] not in str(listed)
    r = await client.delete(f"{CLIENTS}/{made['clientId']}", headers=bearer(admin.token))
    oauth_error(r, 404, "invalid_request")


async def test_only_an_admin_session_manages_clients(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    oauth_error(await client.get(CLIENTS), 401, "invalid_token")
    oauth_error(
        await client.post(CLIENTS, json=BODY, headers=bearer("nonsense")), 401, "invalid_token"
    )
    user = await make_logged_in(client, db)
    oauth_error(
        await client.post(CLIENTS, json=BODY, headers=bearer(user.token)), 403, "insufficient_scope"
    )
    oauth_error(await client.get(CLIENTS, headers=bearer(user.token)), 403, "insufficient_scope")
    r = await client.post(CLIENTS, json=BODY, headers=bearer("stk_tt_" + "x" * 43))
    oauth_error(r, 403, "insufficient_scope")
    assert await db.scalar(select(OAuthClient).where(OAuthClient.name == BODY["name"])) is None


async def test_bad_bodies_are_a_400_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    cases = [
        ({**BODY, "redirectUris": ["http://cm.example/cb"]}, "redirectUris[0]"),
        ({**BODY, "redirectUris": []}, "redirectUris"),
        ({**BODY, "scopes": ["read:everything"]}, "scopes"),
        ({**BODY, "name": ""}, "name"),
        ({**BODY, "colour": "red"}, "colour"),
        ({k: v for k, v in BODY.items() if k != "scopes"}, "scopes"),
        ({**BODY, "scopes": "revenue_management"}, "scopes"),
    ]
    for body, field in cases:
        r = await client.post(CLIENTS, json=body, headers=bearer(admin.token))
        got = oauth_error(r, 400, "invalid_request")
        assert str(got.get("field", "")).startswith(field.split("[")[0]), (body, got)


async def test_a_retired_client_gets_no_tokens_and_its_grants_end(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    host = await make_user(db)
    await make_listing(db, host)
    app = await make_app(db)
    issued = await tokens_for(client, Request(app, scope="read:bookings offline_access"), host)
    access = issued["access_token"]
    details = "/cloudapi/auth/tokendetails"
    assert (await client.get(details, headers=bearer(access))).status_code == 200
    r = await client.delete(f"{CLIENTS}/{app.row.client_id}", headers=bearer(admin.token))
    assert r.status_code == 204
    assert (await client.get(details, headers=bearer(access))).status_code == 401
    r = await client.post(
        "/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": issued["refresh_token"]},
        auth=app.basic,
    )
    oauth_error(r, 401, "invalid_client")
