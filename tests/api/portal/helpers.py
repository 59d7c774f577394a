"""The account portal as a browser uses it, for the portal tests: sign in through its
form, read a page's CSRF token, post a form."""

from __future__ import annotations

import html
import re
import uuid
from urllib.parse import urlencode

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.tenancy.service import ensure_business
from tests.factories import Person, actor_of, make_user


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert found, page
    return html.unescape(found.group(1))


def shown_value(page: str) -> str:
    found = re.search(r'data-testid="secret-value">([^<]*)<', page)
    assert found, page
    return html.unescape(found.group(1))


async def host_with_business(db: AsyncSession) -> tuple[Person, uuid.UUID]:
    host = await make_user(db)
    business = await ensure_business(db, actor_of(host))
    await db.commit()
    return host, business.id


async def sign_in(client: httpx.AsyncClient, person: Person, next_path: str = "/account") -> None:
    r = await client.get("/account/signin", params={"next": next_path})
    assert r.status_code == 200, r.text
    r = await client.post(
        "/account/signin",
        data={
            "csrf_token": csrf_of(r.text),
            "next": next_path,
            "username": person.email,
            "password": person.password,
        },
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == next_path


async def business_page(client: httpx.AsyncClient, business_id: uuid.UUID) -> httpx.Response:
    r = await client.get(f"/account/businesses/{business_id}")
    assert r.status_code == 200, r.text
    return r


async def submit(
    client: httpx.AsyncClient,
    business_id: uuid.UUID,
    what: str,
    data: list[tuple[str, str]],
    *,
    csrf: str | None = None,
) -> httpx.Response:
    """Post one of the business page's generate forms (`tokens`, `invites`, `longlife`,
    `apikeys`) with the page's CSRF token unless one is given."""
    if csrf is None:
        csrf = csrf_of((await business_page(client, business_id)).text)
    return await client.post(
        f"/account/businesses/{business_id}/{what}",
        content=urlencode([("csrf_token", csrf), *data]),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
