"""platformAdmin API keys: the identity layer's api_key grants seen by admins. A key made
here works where API keys are accepted (the Cloud API) and stops the moment it is revoked
here; its raw value is shown once and stored only as a hash."""

from __future__ import annotations

import secrets

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.audit.models import AuditLog
from staykit.domain.partners.models import Grant, Secret
from staykit.domain.partners.secrets import digest
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, assert_error, make_logged_in

KEYS = "/platformadmin-api/v1/apikeys"


async def details(client: httpx.AsyncClient, key: str) -> httpx.Response:
    return await client.get(
        "/cloudapi/auth/tokendetails", headers={"Authorization": f"Bearer {key}"}
    )


async def test_a_key_made_here_works_on_the_cloud_api_until_revoked_here(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    business = await ensure_business(db, actor_of(admin))
    await db.commit()
    body = {
        "active": True,
        "description": "BI export",
        "createdBy": admin.id,
        "businessIds": [str(business.id)],
        "scopes": ["read:bookings"],
    }
    r = await client.post(KEYS, json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    made = r.json()["apiKey"]
    key = made["key"]
    assert key.startswith("stk_ak_") and len(key) >= 40
    assert made["keyHash"] == digest(key) and made["active"] is True
    assert made["createdBy"] == admin.id
    # One mechanism: the key is an api_key grant whose secret is stored as its hash only.
    grant = await db.get(Grant, made["id"])
    assert grant is not None and grant.kind == "api_key" and grant.label == "BI export"
    stored = await db.scalar(select(Secret).where(Secret.grant_id == grant.id))
    assert stored is not None and stored.token_hash == digest(key)
    assert key not in str(stored.extra)
    assert (await details(client, key)).status_code == 200

    listed = (await client.get(KEYS, headers=admin.headers)).json()["apiKeys"]
    [row] = [k for k in listed if k["id"] == made["id"]]
    assert key not in str(listed)
    assert row["key"] == key[:11] + "..." and row["keyHash"] == digest(key)

    r = await client.patch(f"{KEYS}/{made['id']}", json={"active": False}, headers=admin.headers)
    assert r.status_code == 200, r.text
    assert r.json()["apiKey"]["active"] is False and r.json()["apiKey"]["revokedAt"]
    assert (await details(client, key)).status_code == 401
    # A revoked key stays revoked.
    r = await client.patch(f"{KEYS}/{made['id']}", json={"active": True}, headers=admin.headers)
    assert_error(r, 409, field="active")

    audits = list(
        await db.scalars(
            select(AuditLog).where(AuditLog.object_id == grant.id).order_by(AuditLog.id)
        )
    )
    assert [a.action_type for a in audits] == ["apiKey.create", "apiKey.revoke"]
    assert audits[1].details["before"]["active"] is True
    assert audits[1].details["after"]["active"] is False
    assert all(key not in str(a.details) for a in audits)


async def test_revoking_by_revoked_at_uses_the_servers_clock_and_relabelling_is_audited(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    made = (await client.post(KEYS, json={}, headers=admin.headers)).json()["apiKey"]
    r = await client.patch(
        f"{KEYS}/{made['id']}", json={"description": "renamed"}, headers=admin.headers
    )
    assert r.json()["apiKey"]["description"] == "renamed"
    r = await client.patch(
        f"{KEYS}/{made['id']}", json={"revokedAt": "1999-01-01T00:00:00Z"}, headers=admin.headers
    )
    assert not r.json()["apiKey"]["revokedAt"].startswith("1999")
    assert (await details(client, made["key"])).status_code == 401
    types = await db.scalars(
        select(AuditLog.action_type).where(AuditLog.object_id == made["id"]).order_by(AuditLog.id)
    )
    assert list(types) == ["apiKey.create", "apiKey.update", "apiKey.revoke"]


async def test_a_client_chosen_key_is_accepted_only_when_strong(
    client: httpx.AsyncClient, admin: Person
) -> None:
    for weak in (
        "short",
        "stk_ak_" + "a" * 40,
        "stk_ak_tooShort123",
        "x" * 64,
        "stk_ak_" + "é" * 40,
    ):
        r = await client.post(KEYS, json={"key": weak}, headers=admin.headers)
        body = assert_error(r, 400, field="key")
        assert weak not in str(body)  # a secret is never echoed
    strong = "stk_ak_" + secrets.token_urlsafe(32)
    r = await client.post(KEYS, json={"key": strong}, headers=admin.headers)
    assert r.status_code == 201, r.text
    assert r.json()["apiKey"]["key"] == strong
    assert (await details(client, strong)).status_code == 200
    assert_error(await client.post(KEYS, json={"key": strong}, headers=admin.headers), 409)


async def test_bad_create_bodies_are_400s_naming_the_field(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, user: Person
) -> None:
    cases = [
        ({"createdBy": user.id}, "createdBy"),
        ({"active": False}, "active"),
        ({"revokedAt": "2030-01-01T00:00:00Z"}, "revokedAt"),
        ({"scopes": ["nope"]}, "scopes"),
        ({"active": "maybe"}, "active"),
    ]
    for body, field in cases:
        r = await client.post(KEYS, json=body, headers=admin.headers)
        assert r.status_code == 400 and field in r.text, (body, r.text)
    # A business the admin does not manage (another's, or none at all) is a 404.
    theirs = await ensure_business(db, actor_of(user))
    await db.commit()
    r = await client.post(KEYS, json={"businessIds": [str(theirs.id)]}, headers=admin.headers)
    assert r.status_code == 404, r.text
    assert_error(
        await client.patch(
            f"{KEYS}/0190a000-0000-7000-8000-000000000000", json={}, headers=admin.headers
        ),
        404,
    )


async def test_admins_see_and_revoke_the_keys_hosts_made_in_the_portal(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person
) -> None:
    from staykit.domain.partners import portal

    host = await make_logged_in(client, db)
    business = await ensure_business(db, actor_of(host))
    grant, value = await portal.create_api_key(db, actor_of(host), business.id, ["read:bookings"])
    await db.commit()
    listed = (await client.get(KEYS, headers=admin.headers)).json()["apiKeys"]
    [row] = [k for k in listed if k["id"] == str(grant.id)]
    assert row["key"] == value[:11] + "..." and row["createdBy"] == host.id
    await client.patch(f"{KEYS}/{grant.id}", json={"active": False}, headers=admin.headers)
    assert (await details(client, value)).status_code == 401
