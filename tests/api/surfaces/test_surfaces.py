"""Each API surface answers in its own error body, authenticates its own way, serves its
own OpenAPI document, and sees the same principal and tenancy rule."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.config import Settings
from tests.factories import make_listing, make_logged_in, make_user

UNKNOWN_TOKEN = "eyJhbGciOiJSUzI1NiJ9.e30.bm90LWEtc2lnbmF0dXJl"


# --- error bodies, per surface ------------------------------------------------------------------


async def test_cloud_api_answers_401_in_problem_details(client: httpx.AsyncClient) -> None:
    r = await client.get("/cloudapi/auth/tokendetails", params={"requestId": "rid-cloud-1"})
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 401
    assert body["title"] == "Unauthorized"
    assert body["code"] == "tokenMissing"
    assert "Bearer" in body["detail"]
    assert body["traceId"] == "rid-cloud-1"
    assert r.headers["x-request-id"] == "rid-cloud-1"
    assert "result" not in body and "success" not in body


async def test_cloud_api_unknown_token_is_401(client: httpx.AsyncClient) -> None:
    r = await client.get(
        "/cloudapi/auth/tokendetails", headers={"Authorization": f"Bearer {UNKNOWN_TOKEN}"}
    )
    assert r.status_code == 401
    assert r.json()["status"] == 401


async def test_channel_api_errors_come_in_beds24_body(client: httpx.AsyncClient) -> None:
    r = await client.get("/v2/no-such-route", headers={"X-Request-Id": "rid-v2"})
    assert r.status_code == 404
    body = r.json()
    assert body["success"] is False
    assert body["type"] == "error"
    assert body["code"] == 404
    assert body["error"]
    assert body["requestId"] == "rid-v2"


async def test_connect_errors_come_in_oauth_body(client: httpx.AsyncClient) -> None:
    r = await client.get("/connect/userinfo")
    assert r.status_code == 401
    body = r.json()
    assert body["error"] == "invalid_token"
    assert body["error_description"]
    assert body["requestId"]


async def test_marketplace_keeps_its_body_for_unknown_paths(client: httpx.AsyncClient) -> None:
    r = await client.get("/nowhere-at-all")
    assert r.status_code == 404
    assert r.json()["result"] == "ERR"
    assert r.json()["requestId"]


@pytest.mark.parametrize(
    ("path", "check"),
    [
        ("/v2/authentication/details", lambda b: b["success"] is False and b["code"] == 413),
        ("/cloudapi/auth/tokendetails", lambda b: b["status"] == 413 and "traceId" in b),
        ("/connect/userinfo", lambda b: b["error"] == "invalid_request"),
        ("/auth-api/login", lambda b: b["result"] == "ERR" and b["status"] == 413),
    ],
)
async def test_oversized_body_is_413_in_the_surface_body(
    client: httpx.AsyncClient, settings: Settings, path: str, check: object
) -> None:
    payload = json.dumps({"x": "a" * (settings.max_body_bytes + 10)})
    r = await client.post(path, content=payload, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert check(r.json())  # type: ignore[operator]
    assert "aaaa" not in r.text  # the body is never echoed back


async def test_wrong_method_is_405_with_request_id_on_every_surface(
    client: httpx.AsyncClient,
) -> None:
    for path in ("/cloudapi/auth/tokendetails", "/v2/authentication/details", "/auth-api/health"):
        r = await client.delete(path)
        assert r.status_code == 405, path
        assert r.headers["x-request-id"], path


# --- one principal, one tenancy rule, whichever surface ---------------------------------------


async def test_cloud_token_details_lists_the_callers_businesses(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_logged_in(client, db)
    other = await make_user(db)
    mine = await make_listing(db, host)
    await make_listing(db, other)
    r = await client.get("/cloudapi/auth/tokendetails", headers=host.headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [t["id"] for t in body["tenants"]] == [str(mine.business_id)]
    assert body["tenants"][0]["role"] == "owner"
    assert body["credential"] == "session"
    assert "read:bookings" in body["scopes"]
    assert body["expiresAt"]


async def test_channel_token_details_valid_and_invalid(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host = await make_logged_in(client, db)
    r = await client.get("/v2/authentication/details", headers={"token": host.token or ""})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["validToken"] is True
    assert 0 < body["token"]["expiresIn"] <= 86_400
    assert "write:inventory" in body["token"]["scopes"]
    assert body["diagnostics"]["requestIp"]
    r = await client.get("/v2/authentication/details", headers={"token": UNKNOWN_TOKEN})
    assert r.status_code == 200
    assert r.json()["validToken"] is False
    assert "token" not in r.json()


async def test_connect_userinfo_and_jwks(client: httpx.AsyncClient, db: AsyncSession) -> None:
    person = await make_logged_in(client, db)
    r = await client.get("/connect/userinfo", headers=person.headers)
    assert r.status_code == 200, r.text
    assert r.json()["sub"] == person.id
    assert r.json()["email"] == person.email
    r = await client.get("/.well-known/jwks.json")
    assert r.status_code == 200
    keys = r.json()["keys"]
    assert keys and all(k["kty"] == "RSA" and k["alg"] == "RS256" and "d" not in k for k in keys)


# --- each surface documents itself --------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "error_field"),
    [
        ("/cloudapi/openapi", "detail"),
        ("/v2/openapi.json", "error"),
        ("/connect/openapi.json", "error_description"),
    ],
)
async def test_surface_openapi_documents_its_errors_and_security(
    client: httpx.AsyncClient, url: str, error_field: str
) -> None:
    r = await client.get(url)
    assert r.status_code == 200
    doc = r.json()
    assert doc["servers"][0]["url"] == url.rsplit("/", 1)[0]
    for item in doc["paths"].values():
        for op in item.values():
            assert "422" not in op["responses"]
            assert {"400", "401", "403", "404"} <= set(op["responses"])
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert any(error_field in s.get("properties", {}) for s in schemas.values())


async def test_cloud_openapi_names_the_oauth_scheme_and_scopes(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/cloudapi/openapi")).json()
    scheme = doc["components"]["securitySchemes"]["OAuth2"]
    flow = scheme["flows"]["authorizationCode"]
    assert flow["tokenUrl"] == "/connect/token"
    assert "read:bookings" in flow["scopes"]
    op = doc["paths"]["/auth/tokendetails"]["get"]
    assert op["security"] == [{"OAuth2": []}]


@pytest.mark.parametrize(
    ("path", "status", "key", "value"),
    [
        # the route exists; "a\nb" is no listing id
        ("/propertycatalog-api/v1/listings/a%0Ab", 400, "result", "ERR"),
        ("/v2/bookings/a%0Ab", 404, "success", False),
        ("/cloudapi/reservations/a%0Ab", 405, "title", "Method Not Allowed"),
    ],
)
async def test_path_with_a_newline_gets_the_surface_body(
    client: httpx.AsyncClient, path: str, status: int, key: str, value: object
) -> None:
    """A newline in the path (which defeats regex-based mounts) still reaches the surface
    the path belongs to, and is answered in that surface's body."""
    r = await client.patch(path, json={})
    assert r.status_code == status
    assert r.json()[key] == value
    assert r.json() != {"detail": "Not Found"}


@pytest.mark.parametrize(
    ("document", "path", "url", "status", "types"),
    [
        ("/cloudapi/openapi", "/inventory", "/inventory", 401, "application/problem+json"),
        ("/v2/openapi.json", "/bookings", "/bookings", 401, "application/json"),
        ("/connect/openapi.json", "/userinfo", "/userinfo", 401, "application/json"),
        ("/ical/openapi.json", "/{token}.ics", "/unknown.ics", 404, "application/json"),
    ],
)
async def test_errors_are_documented_under_the_content_type_they_are_sent_as(
    client: httpx.AsyncClient, document: str, path: str, url: str, status: int, types: str
) -> None:
    """The Cloud API sends its errors as application/problem+json and the iCal feeds as
    JSON: their documents said application/json and text/calendar (FastAPI files an error
    model under the route's own type), so a generated client (and schemathesis'
    content-type check) expected another type than every such answer carries."""
    prefix = document.rsplit("/", 1)[0]
    r = await client.get(prefix + url)  # no credential, or no such feed
    assert r.status_code == status
    assert r.headers["content-type"].split(";")[0] == types
    doc = (await client.get(document)).json()
    answers = doc["paths"][path]["get"]["responses"]
    assert list(answers[str(status)]["content"]) == [types]
    success = "text/calendar" if path.endswith(".ics") else "application/json"
    assert list(answers["200"]["content"]) == [success]  # left as it was
