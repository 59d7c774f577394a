"""The MCP endpoint refuses requests without a valid token before any MCP traffic, in
its JSON-RPC error body; unknown paths under it are 404 in the same body."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.factories import make_logged_in

INIT = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "curl", "version": "1"},
    },
}
ACCEPT = {"Accept": "application/json, text/event-stream"}


@pytest.mark.parametrize("path", ["/mcpbff-api/mcp", "/mcpbff-api/mcp/sse"])
@pytest.mark.parametrize(
    ("authorization", "code"),
    [
        (None, "tokenMissing"),
        ("Basic abc", "tokenMalformed"),
        ("Bearer not-a-token", None),
        ("Bearer stk_ak_" + "x" * 40, None),
    ],
)
async def test_no_or_a_bad_token_is_401_before_any_mcp_traffic(
    client: httpx.AsyncClient, path: str, authorization: str | None, code: str | None
) -> None:
    headers = dict(ACCEPT)
    if authorization:
        headers["Authorization"] = authorization
    r = await (
        client.post(path, json=INIT, headers=headers)
        if path.endswith("/mcp")
        else client.get(path, headers=headers)
    )
    assert r.status_code == 401, r.text
    assert r.headers["www-authenticate"].startswith("Bearer")
    error = r.json()["error"]
    assert r.json()["jsonrpc"] == "2.0" and error["code"] == -32001
    assert error["data"]["status"] == 401 and error["message"]
    if code:
        assert error["data"]["code"] == code
    assert "not-a-token" not in r.text and "x" * 40 not in r.text


async def test_a_login_token_opens_a_session_and_unknown_paths_are_404(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    user = await make_logged_in(client, db)
    r = await client.get("/mcpbff-api/other", headers=user.headers)
    assert r.status_code == 404 and r.json()["error"]["data"]["code"] == "notFound"
    r = await client.post("/mcpbff-api/mcp", json=INIT, headers={**user.headers, **ACCEPT})
    assert r.status_code == 200, r.text
    assert r.headers.get("mcp-session-id")
