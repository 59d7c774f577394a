"""Cloud API versions (`X-RezStream-Api-Version: YYYY-MM-DD`): absent means the current
version, a known one is honoured and echoed, an unknown one is a 400 listing the known
ones (after authentication: a caller without a valid token learns nothing), and the
OpenAPI document lists them."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.cloud.versions import CURRENT, HEADER, VERSIONS
from tests.factories import partner_token

DETAILS = "/cloudapi/auth/tokendetails"


async def token(db: AsyncSession) -> dict[str, str]:
    made = await partner_token(db, ttl=timedelta(hours=1))
    return {"Authorization": f"Bearer {made.value}"}


async def test_absent_or_known_versions_answer_and_say_which(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    auth = await token(db)
    r = await client.get(DETAILS, headers=auth)
    assert r.status_code == 200 and r.headers[HEADER] == CURRENT
    for version in VERSIONS:
        r = await client.get(DETAILS, headers={**auth, HEADER: version})
        assert r.status_code == 200 and r.headers[HEADER] == version


async def test_an_unknown_version_is_a_400_listing_the_known_ones(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    auth = await token(db)
    r = await client.get(DETAILS, headers={**auth, HEADER: "2020-01-01"})
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["code"] == "apiVersionIsUnknown" and body["traceId"]
    assert HEADER in body["errors"] and "2020-01-01" in body["detail"]
    assert all(v in body["detail"] for v in VERSIONS)
    # Anything that is not a date is refused without being repeated back.
    r = await client.get(DETAILS, headers={**auth, HEADER: "<script>alert(1)</script>"})
    assert r.status_code == 400 and "script" not in r.text


async def test_authentication_comes_before_the_version(client: httpx.AsyncClient) -> None:
    r = await client.get(DETAILS, headers={HEADER: "1999-01-01"})
    assert r.status_code == 401
    r = await client.get(DETAILS, headers={HEADER: "1999-01-01", "Authorization": "Bearer x"})
    assert r.status_code == 401


async def test_the_document_lists_the_versions(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/cloudapi/openapi")).json()
    assert doc["info"]["x-api-versions"] == {
        "header": HEADER,
        "known": list(VERSIONS),
        "current": CURRENT,
    }
    params = doc["paths"]["/auth/tokendetails"]["get"]["parameters"]
    (version,) = [p for p in params if p["name"] == HEADER]
    assert version["in"] == "header" and version["schema"]["enum"] == list(VERSIONS)
