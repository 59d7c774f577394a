"""A tool call is its route called in-process, through the whole application (the
shared request middleware, the service's authentication, validation, rate limits and
error body), with the caller's own token: an agent can never do what its user cannot.

Arguments map onto the request as the tool's spec says (path, query, body); the answer
is the route's JSON, and a 4xx is a failed call carrying the route's error body."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlencode

from starlette.types import ASGIApp, Message, Scope

from staykit.api.mcp.auth import Caller
from staykit.domain.agents.tools import BODY, ToolSpec

HOST = b"staykit.internal"


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


class RouteCaller:
    """Sends requests to the application in-process: one ASGI call per request, its scope
    built here (an HTTP client's ASGI transport did the same with a client's request and
    response objects around it, about a tenth of a tool call's own CPU)."""

    def __init__(self) -> None:
        self._app: ASGIApp | None = None

    def bind(self, app: ASGIApp) -> None:
        self._app = app

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
        assert self._app is not None, "the MCP endpoint is not bound to the application"
        headers = [
            (b"host", HOST),
            (b"user-agent", f"staykit-mcp ({agent or 'agent'})".encode("latin-1", "replace")),
            (b"accept", b"application/json"),
        ]
        if caller.forwards_token:
            headers.append((b"authorization", f"Bearer {caller.token}".encode("latin-1")))
        content = b""
        if body is not None or method in ("POST", "PUT", "PATCH"):
            content = json.dumps(body, ensure_ascii=False).encode()
            headers += [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(content)).encode()),
            ]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": unquote(path),
            "raw_path": path.encode(),
            "query_string": urlencode(query or ()).encode(),
            "root_path": "",
            "headers": headers,
            # The caller's own address: per-address limits count the agent's user, not us.
            "client": (client_ip, 0),
            "server": ("staykit.internal", 80),
        }
        status, answer = await _exchange(self._app, scope, content)
        try:
            return RouteAnswer(status, json.loads(answer))
        except ValueError:
            return RouteAnswer(status, {"text": answer[:4096].decode("utf-8", "replace")})

    async def call_tool(
        self, caller: Caller, tool: ToolSpec, arguments: Mapping[str, Any], **kw: Any
    ) -> RouteAnswer:
        path, query, body = request_parts(tool, arguments)
        return await self.call(caller, tool.method, path, query=query, body=body, **kw)


async def _exchange(app: ASGIApp, scope: Scope, content: bytes) -> tuple[int, bytes]:
    """Run one request through the application: (status, body)."""
    status = 500
    chunks: list[bytes] = []
    done = asyncio.Event()
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": content, "more_body": False}
        await done.wait()  # as a server does: the client leaves once the answer is in
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    await app(scope, receive, send)
    done.set()
    return status, b"".join(chunks)
