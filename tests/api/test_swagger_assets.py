"""Every Swagger page works offline: Swagger UI's files come from staykit itself."""

from __future__ import annotations

import re

import httpx
import pytest

PAGES = (
    "/auth-api/swagger",
    "/propertycatalog-api/swagger",
    "/bookingmanagement-api/swagger",
    "/cloudapi/swagger",
    "/v2/swagger",
    "/connect/swagger",
)
CONTENT_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
}


@pytest.mark.parametrize("page", PAGES)
async def test_swagger_page_loads_every_asset_from_staykit(
    client: httpx.AsyncClient, page: str
) -> None:
    r = await client.get(page)
    assert r.status_code == 200
    assert "SwaggerUIBundle" in r.text
    # No external host anywhere in the page: no CDN, no validator badge.
    assert not re.findall(r"(?:https?:)?//[\w.-]+", r.text), r.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert {a.rsplit(".", 1)[-1] for a in assets} == {"js", "css", "png"}
    for asset in assets:
        assert asset.startswith("/static/swagger/")
        got = await client.get(asset)
        assert got.status_code == 200, asset
        kind = got.headers["content-type"].split(";")[0]
        assert kind in CONTENT_TYPES["." + asset.rsplit(".", 1)[-1]], (asset, kind)
        assert len(got.content) > 1000
    # The page's OpenAPI document is served where the page says.
    spec = re.search(r"url: '([^']+)'", r.text)
    assert spec is not None
    assert (await client.get(spec.group(1))).json()["openapi"].startswith("3.")


async def test_the_bundle_is_swagger_ui_5_which_renders_openapi_3_1(
    client: httpx.AsyncClient,
) -> None:
    js = (await client.get("/static/swagger/swagger-ui-bundle.js")).text
    assert "SwaggerUIBundle" in js and "isOAS31" in js


async def test_an_unknown_asset_is_a_404_in_the_marketplace_body(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/static/swagger/nothing-here.js", headers={"X-Request-Id": "asset-1"})
    assert r.status_code == 404
    assert r.json()["message"] == "errMsg_routeNotFound"
    assert r.json()["requestId"] == "asset-1"
