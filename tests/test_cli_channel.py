"""`staykit invite create` and `staykit longlife create`, run as real subprocesses against
the test database; what they print works against the API."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import ensure_business
from tests.factories import actor_of, make_user
from tests.test_cli import run


async def _owner(factory: async_sessionmaker[AsyncSession]) -> tuple[str, str]:
    async with factory() as db:
        host = await make_user(db)
        business = await ensure_business(db, actor_of(host))
        await db.commit()
        return host.email, str(business.id)


async def test_invite_create_prints_a_code_that_sets_up(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    email, business_id = await _owner(committed_factory)
    done = run(
        database_url,
        "invite",
        "create",
        "--business",
        email,
        "--scopes",
        "read:bookings all:inventory",
        "--ip",
        "127.0.0.1",
        "--allow-linked",
    )
    assert done.returncode == 0, done.stderr
    code = done.stdout.strip().splitlines()[-1]
    assert code.startswith("stk_ic_") and business_id in done.stdout
    r = await committed_client.get("/v2/authentication/setup", headers={"code": code})
    assert r.status_code == 200, r.text
    r = await committed_client.get(
        "/v2/authentication/details", headers={"token": r.json()["token"]}
    )
    token = r.json()["token"]
    async with committed_factory() as db:  # the API names the business by its integer id
        owner = (await db.get_one(Business, uuid.UUID(business_id))).int_id
    assert token["ownerId"] == owner and token["linkedProperties"] is True
    assert token["whiteList"] == ["127.0.0.1/32"]
    assert "write:inventory" in token["scopes"] and "write:bookings" not in token["scopes"]


async def test_longlife_create_by_business_id_with_all_is_read_only(
    database_url: str,
    committed_factory: async_sessionmaker[AsyncSession],
    committed_client: httpx.AsyncClient,
) -> None:
    _, business_id = await _owner(committed_factory)
    done = run(database_url, "longlife", "create", "--business", business_id, "--scopes", "all")
    assert done.returncode == 0, done.stderr
    value = done.stdout.strip().splitlines()[-1]
    r = await committed_client.get("/v2/authentication/details", headers={"token": value})
    token = r.json()["token"]
    assert token["longLife"] is True
    assert token["scopes"] and all(s.startswith("read:") for s in token["scopes"])


async def test_cli_refuses_write_scopes_for_long_life_and_unknown_businesses(
    database_url: str, committed_factory: async_sessionmaker[AsyncSession]
) -> None:
    email, _ = await _owner(committed_factory)
    done = run(
        database_url, "longlife", "create", "--business", email, "--scopes", "write:bookings"
    )
    assert done.returncode == 2
    assert "read-only" in done.stderr and "write:bookings" in done.stderr
    done = run(
        database_url, "invite", "create", "--business", "nobody@example.test", "--scopes", "all"
    )
    assert done.returncode == 2 and "No active user nobody@example.test" in done.stderr
