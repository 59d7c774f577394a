"""A tool call is its route called in-process, through the whole application (the
shared request middleware, the service's authentication, validation, rate limits and
error body), with the caller's own token: an agent can never do what its user cannot.

Arguments map onto the request as the tool's spec says (path, query, body); the answer
is the route's JSON, and a 4xx is a failed call carrying the route's error body."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from starlette.types import ASGIApp

from staykit.api.mcp.auth import Caller
from staykit.domain.agents.tools import BODY, ToolSpec


class BadArguments(Exception):
    """The arguments do not fit the tool (unknown, missing path parameter)."""


@dataclass(frozen=True)
class RouteAnswer:
    status: int
    body: Any  # the JSON answer, or {"text": ...} when it was not JSON

    @property
    def failed(self) -> bool:
        return self.status >= 400


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def request_parts(
    tool: ToolSpec, arguments: Mapping[str, Any]
) -> tuple[str, list[tuple[str, str]], Any]:
    """(path, query, JSON body or None) of a call; BadArguments when they do not fit."""
    known = {*tool.path_params, *tool.query_params, *tool.body_props}
    if tool.whole_body:
        known.add(BODY)
    unknown = sorted(set(arguments) - known)
    if unknown:
        raise BadArguments(
            f"{tool.name} takes no argument {', '.join(unknown)}; "
            f"it takes: {', '.join(sorted(known)) or 'none'}."
        )
    path = tool.path
    for name in tool.path_params:
        value = arguments.get(name)
        if value is None or value == "":
            raise BadArguments(f"{tool.name} needs the argument {name}.")
        path = path.replace("{" + name + "}", quote(str(value), safe=""))
    query: list[tuple[str, str]] = []
    for name in tool.query_params:
        value = arguments.get(name)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            query.append((name, _query_value(item)))
    body: Any = None
    if tool.whole_body:
        body = arguments.get(BODY)
    elif tool.body_props:
        body = {k: arguments[k] for k in tool.body_props if k in arguments}
    elif tool.method in ("POST", "PUT", "PATCH"):
        body = {}
    return path, query, body


class _Transport(httpx.ASGITransport):
    """httpx's ASGI transport with the client address of each request (its extension
    `client`): the scope is built before the transport's first await, so setting it just
    before is safe with concurrent calls."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.client = request.extensions.get("client", ("127.0.0.1", 0))
        return await super().handle_async_request(request)


class RouteCaller:
    """Sends requests to the application in-process (httpx's ASGI transport)."""

    def __init__(self) -> None:
        self._client: httpx.AsyncClient | None = None

    def bind(self, app: ASGIApp) -> None:
        self._client = httpx.AsyncClient(
            transport=_Transport(app=app),
            base_url="http://staykit.internal",
            # the call itself is bounded by STAYKIT_MCP_TOOL_TIMEOUT_SECONDS
            timeout=300,
        )

    async def call(
        self,
        caller: Caller,
        method: str,
        path: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
        client_ip: str = "127.0.0.1",
        agent: str = "",
    ) -> RouteAnswer:
        assert self._client is not None, "the MCP endpoint is not bound to the application"
        headers = {"user-agent": f"staykit-mcp ({agent or 'agent'})"}
        if caller.forwards_token:
            headers["authorization"] = f"Bearer {caller.token}"
        response = await self._client.request(
            method,
            path,
            params=httpx.QueryParams(tuple(query or ())),
            json=body if body is not None or method in ("POST", "PUT", "PATCH") else None,
            headers=headers,
            # The caller's own address: per-address limits count the agent's user, not us.
            extensions={"client": (client_ip, 0)},
        )
        try:
            answer = response.json()
        except ValueError:
            answer = {"text": response.text[:4096]}
        return RouteAnswer(response.status_code, answer)

    async def call_tool(
        self, caller: Caller, tool: ToolSpec, arguments: Mapping[str, Any], **kw: Any
    ) -> RouteAnswer:
        path, query, body = request_parts(tool, arguments)
        return await self.call(caller, tool.method, path, query=query, body=body, **kw)
