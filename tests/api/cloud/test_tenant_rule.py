"""The Cloud API's tenant rule (rezStream's multi-tenant tokens) and /auth/tokendetails.

No data route exists yet, so the rule is proved on a probe route that uses the `Tenant`
dependency exactly as a data route will: with a scope and a required query parameter,
mounted as a Cloud API surface application over the same state as the real one."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, Security
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.apps import surface_app
from staykit.api.cloud import errors
from staykit.api.cloud.auth import TENANT_HEADER, ActingTenant, acting_tenant
from staykit.api.middleware import RequestMiddleware
from staykit.domain.partners import grants
from staykit.domain.tenancy.models import Business, BusinessMember
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, add_member, login, make_user, partner_token

TOKENDETAILS = "/cloudapi/auth/tokendetails"

probe = APIRouter()


@probe.get("/probe")
async def probe_route(
    tenant: ActingTenant = Security(acting_tenant, scopes=["read:bookings"]),
    since: date = ...,  # type: ignore[assignment]  # a required query parameter
) -> dict[str, Any]:
    return {
        "businessId": str(tenant.business_id),
        "businesses": sorted(str(b) for b in tenant.principal.businesses or ()),
        "since": since.isoformat(),
    }


@pytest.fixture
async def cloud(app: Any, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """The probe as a Cloud API application (its error body, its auth), on the test's
    rolled-back database (`client` points the shared state at it)."""
    probe_app = surface_app(
        app.state,
        errors.CLOUD,
        probe,
        prefix="/cloudapi",
        title="probe",
        openapi_path=None,
        error_responses={},
    )
    wrapped = RequestMiddleware(
        probe_app, max_body=1_000_000, max_upload=1_000_000, surfaces=[errors.CLOUD]
    )
    transport = httpx.ASGITransport(app=wrapped)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@dataclass
class World:
    host: Person
    a: Business
    b: Business
    elsewhere: Business  # a business the host does not belong to


@pytest.fixture
async def world(db: AsyncSession) -> World:
    host = await make_user(db, fullname="Hana")
    a = await ensure_business(db, actor_of(host))
    a.name = "A rentals"
    other = await make_user(db)
    b = await ensure_business(db, actor_of(other))
    b.name = "B rentals"
    await add_member(db, b.id, host, "manager", commit=False)
    stranger = await make_user(db)
    elsewhere = await ensure_business(db, actor_of(stranger))
    await db.commit()
    return World(host, a, b, elsewhere)


async def token(
    db: AsyncSession,
    person: Person,
    businesses: list[uuid.UUID],
    scopes: tuple[str, ...] = ("read:bookings",),
    *,
    kind: str = "oauth",
    ttl: timedelta | None = timedelta(hours=1),
) -> str:
    made = await partner_token(db, person, businesses, kind=kind, scopes=scopes, ttl=ttl)
    return made.value


def auth(value: str, tenant: object = None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {value}"}
    if tenant is not None:
        headers[TENANT_HEADER] = str(tenant)
    return headers


def problem(r: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["traceId"]
    return body


SINCE = {"since": "2027-01-01"}


# --- single-tenant tokens ------------------------------------------------------------------


async def test_a_single_tenant_token_acts_on_its_business_without_the_header(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id])
    r = await cloud.get("/probe", params=SINCE, headers=auth(value))
    assert r.status_code == 200, r.text
    assert r.json()["businessId"] == str(world.a.id)
    assert r.json()["businesses"] == [str(world.a.id)]
    # Naming its own business is fine too.
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, world.a.id))
    assert r.status_code == 200 and r.json()["businessId"] == str(world.a.id)


@pytest.mark.parametrize("which", ["managed_but_not_granted", "not_a_member", "nonexistent"])
async def test_a_single_tenant_token_naming_another_business_is_401_alike(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World, which: str
) -> None:
    value = await token(db, world.host, [world.a.id])
    named = {
        "managed_but_not_granted": world.b.id,
        "not_a_member": world.elsewhere.id,
        "nonexistent": uuid.uuid4(),
    }[which]
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, named))
    body = problem(r, 401, "tenantNotCovered")
    assert TENANT_HEADER in body["detail"]
    assert str(named) not in r.text  # says nothing about that business


async def test_a_malformed_tenant_header_is_400_naming_the_header(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id])
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, "tenant-one"))
    body = problem(r, 400, "tenantIdIsInvalid")
    assert TENANT_HEADER in body["detail"] and TENANT_HEADER in body["errors"]
    assert "tenant-one" not in r.text


# --- multi-tenant tokens -------------------------------------------------------------------


async def test_a_multi_tenant_token_without_the_header_is_401_saying_to_send_it(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id, world.b.id])
    body = problem(
        await cloud.get("/probe", params=SINCE, headers=auth(value)), 401, "tenantRequired"
    )
    assert TENANT_HEADER in body["detail"] and "2 tenants" in body["detail"]
    # An empty header is no header.
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, ""))
    problem(r, 401, "tenantRequired")


async def test_a_multi_tenant_token_acts_on_the_business_the_header_names(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id, world.b.id])
    for business in (world.a, world.b):
        r = await cloud.get("/probe", params=SINCE, headers=auth(value, business.id))
        assert r.status_code == 200, r.text
        # The route sees one business: the principal is narrowed to it.
        assert r.json() == {
            "businessId": str(business.id),
            "businesses": [str(business.id)],
            "since": "2027-01-01",
        }


@pytest.mark.parametrize("named", ["elsewhere", "nonexistent"])
async def test_a_multi_tenant_token_naming_an_uncovered_business_is_401(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World, named: str
) -> None:
    value = await token(db, world.host, [world.a.id, world.b.id])
    tenant = world.elsewhere.id if named == "elsewhere" else uuid.uuid4()
    problem(
        await cloud.get("/probe", params=SINCE, headers=auth(value, tenant)),
        401,
        "tenantNotCovered",
    )


async def test_a_token_with_no_tenant_is_403(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [])
    problem(await cloud.get("/probe", params=SINCE, headers=auth(value)), 403, "noTenant")
    problem(
        await cloud.get("/probe", params=SINCE, headers=auth(value, world.a.id)),
        401,
        "tenantNotCovered",
    )


# --- sessions: the tenants are the user's businesses ----------------------------------------


async def test_a_session_of_a_user_with_two_businesses_needs_the_header(
    cloud: httpx.AsyncClient, client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    await login(client, world.host)
    problem(
        await cloud.get("/probe", params=SINCE, headers=world.host.headers), 401, "tenantRequired"
    )
    r = await cloud.get(
        "/probe", params=SINCE, headers={**world.host.headers, TENANT_HEADER: str(world.b.id)}
    )
    assert r.status_code == 200 and r.json()["businessId"] == str(world.b.id)
    r = await cloud.get(
        "/probe",
        params=SINCE,
        headers={**world.host.headers, TENANT_HEADER: str(world.elsewhere.id)},
    )
    problem(r, 401, "tenantNotCovered")


async def test_a_session_of_a_user_with_one_business_acts_on_it(
    cloud: httpx.AsyncClient, client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    await db.commit()
    await login(client, host)
    r = await cloud.get("/probe", params=SINCE, headers=host.headers)
    assert r.status_code == 200 and r.json()["businessId"] == str(business.id)


# --- the order of the checks ---------------------------------------------------------------


async def test_the_scope_is_checked_before_the_tenant_and_the_parameters(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    """A token lacking the route's scope is 403 even with a missing required parameter,
    a bad parameter, a missing tenant header or an uncovered tenant."""
    value = await token(db, world.host, [world.a.id, world.b.id], ("read:inventory",))
    for params, tenant in (
        ({}, None),
        ({"since": "not-a-date"}, world.a.id),
        (SINCE, uuid.uuid4()),
        (SINCE, "garbage"),
    ):
        r = await cloud.get("/probe", params=params, headers=auth(value, tenant))
        body = problem(r, 403, "insufficientScope")
        assert "read:bookings" in body["detail"]
    # With the scope, the missing parameter is what is wrong.
    ok = await token(db, world.host, [world.a.id])
    r = await cloud.get("/probe", headers=auth(ok))
    assert r.status_code in (400, 422), r.text
    assert "since" in r.text


async def test_no_token_is_401_before_anything_else(cloud: httpx.AsyncClient) -> None:
    problem(await cloud.get("/probe", headers={TENANT_HEADER: "x"}), 401, "tokenMissing")


# --- /auth/tokendetails ------------------------------------------------------------------


async def test_tokendetails_lists_every_tenant_of_a_multi_tenant_token_and_ignores_the_header(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id, world.b.id], ("guest_communication",))
    for headers in (auth(value), auth(value, world.elsewhere.id), auth(value, "garbage")):
        r = await client.get(TOKENDETAILS, headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        assert [(t["id"], t["name"]) for t in body["tenants"]] == [
            (str(world.a.id), "A rentals"),
            (str(world.b.id), "B rentals"),
        ]
        assert body["credential"] == "oauth_token"
        assert "read:messages" in body["scopes"] and "read:inventory" not in body["scopes"]
        assert body["expiresAt"] is not None


async def test_tokendetails_for_a_tenant_token_and_a_session(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id], kind="tenant", ttl=None)
    body = (await client.get(TOKENDETAILS, headers=auth(value))).json()
    assert body["credential"] == "tenant_token"
    assert [t["id"] for t in body["tenants"]] == [str(world.a.id)]
    assert body["scopes"] == ["read:bookings"] and body["expiresAt"] is None

    await login(client, world.host)
    r = await client.get(TOKENDETAILS, headers=world.host.headers)
    body = r.json()
    assert body["credential"] == "session"
    assert {t["id"] for t in body["tenants"]} == {str(world.a.id), str(world.b.id)}
    assert len(body["scopes"]) == 24  # a session is not limited by scope
    assert body["expiresAt"] is not None


async def test_tokendetails_never_lists_a_granted_business_the_user_has_left(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    value = await token(db, world.host, [world.a.id, world.elsewhere.id])
    body = (await client.get(TOKENDETAILS, headers=auth(value))).json()
    assert [t["id"] for t in body["tenants"]] == [str(world.a.id)]


async def test_a_whitelisted_token_works_from_its_addresses_only(
    client: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    async def whitelisted(networks: list[str]) -> str:
        whitelist = grants.check_whitelist(networks)
        made = await partner_token(db, world.host, [world.a.id], ip_whitelist=whitelist)
        return made.value

    # The test client calls from 127.0.0.1.
    inside = await whitelisted(["127.0.0.0/8"])
    assert (
        await client.get("/cloudapi/auth/tokendetails", headers=auth(inside))
    ).status_code == 200
    outside = await whitelisted(["10.0.0.0/8"])
    r = await client.get("/cloudapi/auth/tokendetails", headers=auth(outside))
    problem(r, 401, "ipNotWhitelisted")


async def test_a_token_reaches_no_further_than_its_granting_user_does_today(
    cloud: httpx.AsyncClient, db: AsyncSession, world: World
) -> None:
    """The host granted a token for A and B, then left B: the token still covers B on
    paper, but acting on B is a 403 while A keeps working."""
    value = await token(db, world.host, [world.a.id, world.b.id])
    await db.execute(
        update(BusinessMember)
        .where(
            BusinessMember.business_id == world.b.id, BusinessMember.user_id == world.host.user.id
        )
        .values(is_active=False)
    )
    await db.commit()
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, world.b.id))
    problem(r, 403, "tenantNotReadable")
    r = await cloud.get("/probe", params=SINCE, headers=auth(value, world.a.id))
    assert r.status_code == 200, r.text
