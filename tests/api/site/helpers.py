"""The guest web app as a browser uses it, for the site tests: sign in through its form,
read a page's CSRF token, post a form, and a published listing with a guest."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import httpx

from tests.factories import Person


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert found, page
    return html.unescape(found.group(1))


async def sign_in(client: httpx.AsyncClient, person: Person, next_path: str = "/") -> None:
    r = await client.get("/login", params={"next": next_path})
    assert r.status_code == 200, r.text
    r = await client.post(
        "/login",
        data={
            "csrf_token": csrf_of(r.text),
            "next": next_path,
            "username": person.email,
            "password": person.password,
        },
    )
    assert r.status_code == 303, r.text
    assert r.headers["location"] == next_path


async def post_form(
    client: httpx.AsyncClient, path: str, data: list[tuple[str, str]], *, csrf_from: str
) -> httpx.Response:
    """POST `data` to `path` with the CSRF token of the page at `csrf_from`."""
    page = await client.get(csrf_from)
    assert page.status_code == 200, page.text
    return await client.post(
        path,
        content=urlencode([("csrf_token", csrf_of(page.text)), *data]),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def stay_query(check_in: str, check_out: str, guests: int = 2) -> str:
    return urlencode({"checkIn": check_in, "checkOut": check_out, "guests": guests})
