"""Channel API credits through HTTP: the headers on every answer (successes, 400, 401,
404, 429), the 429 with Retry-After that costs nothing, one budget per business shared by
its tokens, per-business limits, and the same behaviour on the Redis store."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import FrozenClock
from staykit.domain.partners.credits import InProcessCredits, RedisCredits
from tests.api.channel.helpers import (
    assert_channel_error,
    business,
    credits_of,
    invite,
    set_up,
)

SETUP = "/v2/authentication/setup"
TOKEN = "/v2/authentication/token"
DETAILS = "/v2/authentication/details"


@pytest.fixture(params=["memory", "redis"])
async def credit_store(request: pytest.FixtureRequest, app: object) -> AsyncIterator[str]:
    """The app's credit store for one test: a fresh in-process one, or Redis (database
    15, under a prefix of the test's own, deleted afterwards)."""
    state = app.state  # type: ignore[attr-defined]
    previous = getattr(state, "credit_store", None)
    client: Redis | None = None
    prefix = f"staykit-test:{uuid.uuid4().hex}:"
    if request.param == "redis":
        client = Redis.from_url("redis://127.0.0.1:6379/15")
        state.credit_store = RedisCredits(client, prefix=prefix)
    else:
        state.credit_store = InProcessCredits()
    try:
        yield request.param
    finally:
        state.credit_store = previous
        if client is not None:
            keys = [k async for k in client.scan_iter(match=f"{prefix}*")]
            if keys:
                await client.delete(*keys)
            await client.aclose()


async def test_success_answers_carry_the_default_budget(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    _, code = await invite(db)
    r = await client.get(SETUP, headers={"code": code})
    assert r.status_code == 200
    assert credits_of(r) | {"resets_in": 0} == {
        "limit": 100,
        "remaining": 99,
        "cost": 1,
        "resets_in": 0,
    }
    tokens = r.json()
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert credits_of(r)["remaining"] == 98
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert credits_of(r)["remaining"] == 97
    # A read that asks for more costs more.
    r = await client.get(
        DETAILS, params={"includeInvoiceItems": "true"}, headers={"token": tokens["token"]}
    )
    assert credits_of(r)["cost"] == 2 and credits_of(r)["remaining"] == 95


async def test_errors_carry_the_headers_and_cost_nothing_when_nobody_is_known(
    client: httpx.AsyncClient,
) -> None:
    for r in (
        await client.get(SETUP, headers={"code": "stk_ic_bad"}),  # 400, bad code
        await client.get(SETUP),  # 400, no code
        await client.get(TOKEN, headers={"refreshToken": "stk_cr_bad"}),  # 400
        await client.delete(TOKEN),  # 401
        await client.get("/v2/no-such-route"),  # 404
        await client.get(DETAILS, headers={"token": "not-a-token"}),  # 200, validToken false
    ):
        figures = credits_of(r)
        assert figures["cost"] == 0 and figures["remaining"] == figures["limit"] == 100, r.text


@pytest.mark.usefixtures("credit_store")
async def test_over_budget_is_429_with_retry_after_and_costs_nothing(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    _, code = await invite(db, credit_limit=3)
    tokens = await set_up(client, code)  # 1
    for remaining in (1, 0):  # 2, 3
        r = await client.get(DETAILS, headers={"token": tokens["token"]})
        assert r.status_code == 200 and credits_of(r)["remaining"] == remaining
    for _ in range(2):  # refused, again and again, without taking anything
        r = await client.get(DETAILS, headers={"token": tokens["token"]})
        body = assert_channel_error(r, 429)
        figures = credits_of(r)
        assert figures == {"limit": 3, "remaining": 0, "cost": 0, "resets_in": figures["resets_in"]}
        assert r.headers["Retry-After"] == str(figures["resets_in"])
        assert "credit limit" in str(body["error"])
    r = await client.get(TOKEN, headers={"refreshToken": tokens["refreshToken"]})
    assert_channel_error(r, 429)
    # The next period has the whole budget again.
    frozen.advance(seconds=figures["resets_in"])
    r = await client.get(DETAILS, headers={"token": tokens["token"]})
    assert r.status_code == 200 and credits_of(r)["remaining"] == 2


@pytest.mark.usefixtures("credit_store")
async def test_a_refused_setup_leaves_the_invite_unused(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    owner = await business(db, credit_limit=1)
    _, first = await invite(db, owner=owner)
    _, second = await invite(db, owner=owner)
    await set_up(client, first)
    r = await client.get(SETUP, headers={"code": second})
    assert_channel_error(r, 429)
    frozen.advance(seconds=credits_of(r)["resets_in"])
    await set_up(client, second)  # the refused exchange did not use the code up


@pytest.mark.usefixtures("credit_store")
async def test_tokens_of_one_business_share_its_budget_others_have_their_own(
    client: httpx.AsyncClient, db: AsyncSession, frozen: FrozenClock
) -> None:
    owner = await business(db, credit_limit=4)
    _, first = await invite(db, owner=owner)
    _, second = await invite(db, owner=owner)
    a = await set_up(client, first)  # 1
    b = await set_up(client, second)  # 2
    r = await client.get(DETAILS, headers={"token": a["token"]})  # 3
    assert credits_of(r)["remaining"] == 1
    r = await client.get(DETAILS, headers={"token": b["token"]})  # 4
    assert credits_of(r)["remaining"] == 0
    r = await client.get(DETAILS, headers={"token": a["token"]})
    assert_channel_error(r, 429)
    # Another business is untouched.
    _, other = await invite(db, credit_limit=4)
    c = await set_up(client, other)
    r = await client.get(DETAILS, headers={"token": c["token"]})
    assert r.status_code == 200 and credits_of(r) | {"resets_in": 0} == {
        "limit": 4,
        "remaining": 2,
        "cost": 1,
        "resets_in": 0,
    }
