"""The host pages as a browser uses them, for the host tests: sign in (through the account
portal's form, which sets the marketplace session cookie the host pages read), read a
page's CSRF token, post a form, and a tiny PNG to upload."""

from __future__ import annotations

import base64
import re
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.api.portal.helpers import csrf_of, sign_in
from tests.factories import Person

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

# What the new-listing form sends when a host fills it in.
LISTING_FORM: dict[str, str] = {
    "title": "Harbour loft",
    "description": "Bright loft over the harbour.",
    "property_type": "loft",
    "address": "Cais 3, Porto",
    "city": "Porto",
    "country": "PT",
    "lat": "41.14",
    "lng": "-8.61",
    "time_zone": "Europe/Lisbon",
    "currency": "EUR",
    "price_per_night": "90.00",
    "cleaning_fee": "20",
    "min_stay": "2",
    "max_stay": "",
    "max_guests": "3",
    "approval_type": "manual",
    "house_rules": "No parties.",
    "cancellation_policy": "moderate",
}


async def signed_in_as(client: httpx.AsyncClient, person: Person) -> None:
    client.cookies.clear()
    await sign_in(client, person, "/host/listings")


async def csrf(client: httpx.AsyncClient, path: str = "/host/listings") -> str:
    r = await client.get(path)
    assert r.status_code == 200, r.text
    return csrf_of(r.text)


async def post_form(
    client: httpx.AsyncClient,
    path: str,
    data: dict[str, Any] | list[tuple[str, str]],
    *,
    token: str | None = None,
) -> httpx.Response:
    """Post a url-encoded form with the CSRF token of the host's listings page (unless one
    is given; "" sends none)."""
    pairs = list(data.items()) if isinstance(data, dict) else list(data)
    if token is None:
        token = await csrf(client)
    if token:
        pairs.append(("csrf_token", token))
    return await client.post(
        path,
        content=urlencode(pairs),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


async def post_multipart(
    client: httpx.AsyncClient,
    path: str,
    data: dict[str, Any],
    files: dict[str, tuple[str, bytes, str]] | None = None,
    *,
    token: str | None = None,
) -> httpx.Response:
    fields = dict(data)
    fields["csrf_token"] = token if token is not None else await csrf(client)
    return await client.post(path, data=fields, files=files or {})


def field_error(page: str, field_id: str) -> str:
    """The message shown under a field (its `id="<field>-error"` paragraph)."""
    found = re.search(rf'id="{field_id}-error">([^<]*)<', page)
    assert found, page
    return found.group(1)
