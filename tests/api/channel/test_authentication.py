"""/v2/authentication/*: invite code -> setup -> token -> refresh -> delete, details, the
IP whitelist and long-life tokens, through HTTP."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import FrozenClock
from staykit.domain.partners import channel
from staykit.domain.tenancy.models import Business
from tests.api.channel.helpers import assert_channel_error, business, invite, set_up
from tests.factories import actor_of, make_logged_in

SETUP = "/v2/authentication/setup"
TOKEN = "/v2/authentication/token"
DETAILS = "/v2/authentication/details"


async def int_id_of(db: AsyncSession, business_id: uuid.UUID) -> int:
    """The business's integer id: the Channel API's ownerId."""
    return (await db.get_one(Business, business_id)).int_id


@pytest.fixture
async def outsider(app: object, client: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """A client calling from 10.9.9.9 (the `client` fixture calls from 127.0.0.1), on the
    same test transaction."""
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 4321))  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_setup_refresh_details_and_delete(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    business_id, code = await invite(db, allow_linked=True)
    r = await client.get(SETUP, headers={"code": code, "deviceName": "front desk"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"token", "expiresIn", "refreshToken"}
    assert body["expiresIn"] == 86_400
    assert 152 <= len(body["token"]) <= 172 and 152 <= len(body["refreshToken"]) <= 172

    r = await client.get(DETAILS, headers={"token": body["token"]})
    assert r.status_code == 200, r.text
    details = r.json()
    assert details["validToken"] is True
    token = details["token"]
    assert token["ownerId"] == await int_id_of(db, business_id)  # the API speaks int ids
    assert token["deviceName"] == "front desk"
    assert token["linkedProperties"] is True and token["whiteListOnly"] is False
    assert token["longLife"] is False and token["created"]
    assert 86_000 < token["expiresIn"] <= 86_400
    assert token["scopes"] == sorted(
        ["read:bookings", "write:bookings", "delete:bookings", "read:inventory"]
    )
    assert details["diagnostics"]["requestIp"] == "127.0.0.1"

    r = await client.get(TOKEN, headers={"refreshToken": body["refreshToken"]})
    assert r.status_code == 200, r.text
    fresh = r.json()
    assert set(fresh) == {"token", "expiresIn"} and fresh["token"] != body["token"]
    # The refresh token does not rotate.
    r = await client.get(TOKEN, headers={"refreshToken": body["refreshToken"]})
    assert r.status_code == 200

    r = await client.delete(TOKEN, headers={"refreshToken": body["refreshToken"]})
    assert r.status_code == 200, r.text
    assert r.json() == {"success": True}
    for value in (body["token"], fresh["token"]):
        r = await client.get(DETAILS, headers={"token": value})
        assert r.json()["validToken"] is False
    r = await client.get(TOKEN, headers={"refreshToken": body["refreshToken"]})
    assert_channel_error(r, 400, field="refreshToken")


async def test_an_invite_code_works_once(client: httpx.AsyncClient, db: AsyncSession) -> None:
    _, code = await invite(db)
    await set_up(client, code)
    r = await client.get(SETUP, headers={"code": code})
    body = assert_channel_error(r, 400, field="code")
    assert "already been used" in str(body["error"])
    assert code not in r.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"code": "stk_ic_not-a-code"}, {"code": "x" * 401}],
    ids=["missing", "unknown", "too-long"],
)
async def test_bad_invite_codes_are_400(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    r = await client.get(SETUP, headers=headers)
    assert_channel_error(r, 400, field="code")
    assert "not-a-code" not in r.text and "xxxx" not in r.text


async def test_an_expired_invite_is_400(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    _, code = await invite(db)
    frozen.advance(hours=24, seconds=1)
    r = await client.get(SETUP, headers={"code": code})
    body = assert_channel_error(r, 400, field="code")
    assert "expired" in str(body["error"])


async def test_unknown_refresh_token_is_400_and_changes_nothing(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, code = await invite(db)
    tokens = await set_up(client, code)
    for method in ("GET", "DELETE"):
        r = await client.request(method, TOKEN, headers={"refreshToken": "stk_cr_unknown"})
        assert_channel_error(r, 400, field="refreshToken")
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 200
    r = await client.get(TOKEN)
    assert_channel_error(r, 400, field="refreshToken")


async def test_deleting_a_refresh_token_leaves_other_grants_alone(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    owner = await business(db)
    _, first = await invite(db, owner=owner)
    _, second = await invite(db, owner=owner)
    mine, theirs = await set_up(client, first), await set_up(client, second)
    r = await client.delete(TOKEN, headers={"refreshToken": mine["refreshToken"]})
    assert r.status_code == 200, r.text
    r = await client.get(DETAILS, headers={"token": mine["token"]})
    assert r.json()["validToken"] is False
    r = await client.get(DETAILS, headers={"token": theirs["token"]})
    assert r.json()["validToken"] is True
    r = await client.get(TOKEN, headers={"refreshToken": theirs["refreshToken"]})
    assert r.status_code == 200


async def test_delete_without_refresh_token_ends_the_token_sent(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, code = await invite(db)
    tokens = await set_up(client, code)
    r = await client.delete(TOKEN, headers={"token": tokens["token"]})
    assert r.status_code == 200, r.text
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert r.json()["validToken"] is False
    # Its refresh token lives on.
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 200
    # Missing or unusable token: 401.
    for headers in ({}, {"token": tokens["token"]}, {"token": "not-a-token"}):
        r = await client.delete(TOKEN, headers=headers)
        assert_channel_error(r, 401)


async def test_a_session_token_is_not_deleted_here(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    person = await make_logged_in(client, db)
    r = await client.delete(TOKEN, headers={"token": person.token or ""})
    assert_channel_error(r, 400, field="token")
    r = await client.get(DETAILS, headers={"token": person.token or ""})
    assert r.json()["validToken"] is True


async def test_whitelist_refuses_setup_from_outside(
    client: httpx.AsyncClient, outsider: httpx.AsyncClient, db: AsyncSession
) -> None:
    _, code = await invite(db, ip_whitelist=["127.0.0.1"])
    r = await outsider.get(SETUP, headers={"code": code})
    body = assert_channel_error(r, 400, field="code")
    assert "whitelist" in str(body["error"])
    tokens = await set_up(client, code)  # from inside, the code is still good
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert r.json()["token"]["whiteListOnly"] is True
    assert r.json()["token"]["whiteList"] == ["127.0.0.1/32"]
    # Using the token or the refresh token from outside fails.
    r = await outsider.delete(TOKEN, headers={"token": tokens["token"]})
    assert_channel_error(r, 401)
    r = await outsider.get(DETAILS, headers={"token": tokens["token"]})
    assert r.json()["validToken"] is False and r.json()["diagnostics"]["requestIp"] == "10.9.9.9"
    r = await outsider.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert_channel_error(r, 400, field="refreshToken")
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert r.status_code == 200


async def test_refresh_token_unused_for_31_days_dies(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    _, code = await invite(db)
    tokens = await set_up(client, code)
    frozen.advance(days=31)
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    body = assert_channel_error(r, 400, field="refreshToken")
    assert "expired" in str(body["error"])


async def test_a_token_lasts_24_hours(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    _, code = await invite(db)
    tokens = await set_up(client, code)
    frozen.advance(hours=23, minutes=59)
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert r.json()["token"]["expiresIn"] == 60
    frozen.advance(minutes=1)
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert r.json()["validToken"] is False


async def test_long_life_token_details_and_deletion(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    host, business_id = await business(db)
    _, value = await channel.create_long_life_token(
        db, actor_of(host), business_id, ["read:bookings", "read:properties"]
    )
    await db.commit()
    r = await client.get(DETAILS, headers={"token": value})
    token = r.json()["token"]
    assert token["longLife"] is True and token["ownerId"] == await int_id_of(db, business_id)
    assert token["scopes"] == ["read:bookings", "read:properties"]
    assert 89 * 86_400 < token["expiresIn"] <= 90 * 86_400
    r = await client.delete(TOKEN, headers={"token": value})
    assert r.status_code == 200
    r = await client.get(DETAILS, headers={"token": value})
    assert r.json()["validToken"] is False


async def test_openapi_documents_the_authentication_routes(client: httpx.AsyncClient) -> None:
    doc = (await client.get("/v2/openapi.json")).json()
    setup = doc["paths"]["/authentication/setup"]["get"]
    names = {p["name"]: p for p in setup["parameters"]}
    assert names["code"]["in"] == "header" and names["code"]["required"] is True
    assert names["deviceName"]["in"] == "header"
    assert set(doc["paths"]["/authentication/token"]) == {"get", "delete"}
    for path in ("/authentication/setup", "/authentication/token", "/authentication/details"):
        for op in doc["paths"][path].values():
            for status in ("200", "400", "429"):
                headers = op["responses"][status]["headers"]
                assert "X-FiveMinCreditLimit-Remaining" in headers
                assert "x-request-cost" in headers
            assert "Retry-After" in op["responses"]["429"]["headers"]
