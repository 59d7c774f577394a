"""Arranging Channel API credentials for the HTTP tests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.partners import channel
from staykit.domain.tenancy.models import Business
from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, make_user

CREDIT_HEADERS = (
    "X-FiveMinCreditLimit",
    "X-FiveMinCreditLimit-Remaining",
    "X-FiveMinCreditLimit-ResetsIn",
    "X-RequestCost",
    "x-five-min-limit-remaining",
    "x-five-min-limit-resets-in",
    "x-request-cost",
)


async def business(
    db: AsyncSession, *, credit_limit: int | None = None
) -> tuple[Person, uuid.UUID]:
    host = await make_user(db)
    made = await ensure_business(db, actor_of(host))
    if credit_limit is not None:
        row = await db.get(Business, made.id)
        assert row is not None
        row.credit_limit = credit_limit
    await db.commit()
    return host, made.id


async def invite(
    db: AsyncSession,
    scopes: Sequence[str] = ("all:bookings", "read:inventory"),
    *,
    owner: tuple[Person, uuid.UUID] | None = None,
    credit_limit: int | None = None,
    **options: object,
) -> tuple[uuid.UUID, str]:
    """(business id, invite code) for a new business (or `owner`'s)."""
    host, business_id = owner or await business(db, credit_limit=credit_limit)
    _, code = await channel.create_invite(db, actor_of(host), business_id, scopes, **options)  # type: ignore[arg-type]
    await db.commit()
    return business_id, code


async def set_up(client: httpx.AsyncClient, code: str) -> dict[str, str]:
    r = await client.get("/v2/authentication/setup", headers={"code": code})
    assert r.status_code == 200, r.text
    return dict(r.json())


def credits_of(r: httpx.Response) -> dict[str, int]:
    """The credit headers, all present and consistent between their two spellings."""
    for name in CREDIT_HEADERS:
        assert name in r.headers, (name, dict(r.headers))
    figures = {
        "limit": int(r.headers["X-FiveMinCreditLimit"]),
        "remaining": int(r.headers["X-FiveMinCreditLimit-Remaining"]),
        "resets_in": int(r.headers["X-FiveMinCreditLimit-ResetsIn"]),
        "cost": int(r.headers["X-RequestCost"]),
    }
    assert int(r.headers["x-five-min-limit-remaining"]) == figures["remaining"]
    assert int(r.headers["x-five-min-limit-resets-in"]) == figures["resets_in"]
    assert int(r.headers["x-request-cost"]) == figures["cost"]
    assert 1 <= figures["resets_in"] <= 300
    return figures


def assert_channel_error(
    r: httpx.Response, status: int, *, field: str | None = None
) -> dict[str, object]:
    """Beds24's error body with this status (code = the status number) and a request id."""
    assert r.status_code == status, r.text
    body = dict(r.json())
    assert body["success"] is False and body["type"] == "error" and body["code"] == status
    assert body["error"] and body["requestId"]
    if field is not None:
        assert body.get("field") == field, body
    return body
