"""The MCP endpoint at /mcpbff-api (spec §1.11), on the official `mcp` SDK:

- `/mcpbff-api/mcp`: Streamable HTTP (recommended): POST messages, GET the server's
  stream, DELETE the session. Sessions are kept in this process (the client's name from
  `initialize` names its executions); STAYKIT_MCP_STATELESS=true serves every request
  on its own, for several processes behind a balancer without sticky sessions.
- `/mcpbff-api/mcp/sse`: the legacy SSE transport (GET the stream; messages are POSTed
  to the `endpoint` it announces, /mcpbff-api/mcp/messages/?session_id=...).

Every HTTP request must carry `Authorization: Bearer <login JWT or API key>`; without a
valid one it is a 401 (in the JSON-RPC error body, staykit.api.mcp.errors) before any
MCP traffic. The Streamable HTTP session manager needs its task group running:
`running()` is entered by the service's lifespan.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

from mcp.server.sse import SseServerTransport
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from starlette.datastructures import State
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from staykit.api.errors import from_domain, respond
from staykit.api.mcp.auth import authenticate
from staykit.api.mcp.dispatch import RouteCaller
from staykit.api.mcp.errors import MCP
from staykit.api.mcp.server import CALLER_KEY, SOURCE_KEY, McpServer, Tools
from staykit.api.surface import Problem
from staykit.core.errors import DomainError
from staykit.domain.agents.tools import ServiceDocument

STREAMABLE = "/mcp"
SSE = "/mcp/sse"
SSE_MESSAGES = "/mcp/messages/"


class McpApp:
    def __init__(self, state: State, documents: Callable[[], Iterable[ServiceDocument]]) -> None:
        self.state = state
        self.routes = RouteCaller()
        self.tools = Tools(documents)
        self.mcp = McpServer(
            self.tools,
            self.routes,
            sessionmaker=lambda: state.sessionmaker,
            timeout=lambda: float(state.settings.mcp_tool_timeout_seconds),
        )
        self.sse = SseServerTransport(SSE_MESSAGES)
        self._manager: StreamableHTTPSessionManager | None = None

    def bind(self, app: ASGIApp) -> None:
        """The application whose routes the tools call (the whole service)."""
        self.routes.bind(app)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """The Streamable HTTP session manager's task group, for the server's lifetime (a
        manager runs once: each lifespan gets its own). It runs in a task of its own: an
        anyio task group must be left by the task that entered it, and whoever runs the
        lifespan may start and stop it from different tasks (the tests' fixtures do)."""
        manager = StreamableHTTPSessionManager(
            app=self.mcp.server,
            stateless=bool(self.state.settings.mcp_stateless),
            # A tool call is one answer: plain JSON, not an event stream to frame and close.
            json_response=True,
        )
        started, stop = asyncio.Event(), asyncio.Event()

        async def hold() -> None:
            async with manager.run():
                started.set()
                await stop.wait()

        task = asyncio.create_task(hold())
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():  # it failed to start: say why
            waiter.cancel()
            await task
        self._manager = manager
        try:
            yield
        finally:
            self._manager = None
            stop.set()
            await task
            await self.mcp.drain()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"][len(scope.get("root_path", "")) :] or "/"
        if path not in (STREAMABLE, SSE) and not path.startswith(SSE_MESSAGES):
            await self._problem(scope, receive, send, _not_found(path))
            return
        request = Request(scope, receive)
        client = scope.get("client")
        try:
            caller = await authenticate(
                self.state.sessionmaker,
                request.headers.get("authorization"),
                client[0] if client else None,
            )
        except DomainError as exc:
            problem = from_domain(exc)
            headers = {**(problem.headers or {}), "WWW-Authenticate": 'Bearer realm="staykit"'}
            await self._problem(scope, receive, send, _with_headers(problem, headers))
            return
        scope[CALLER_KEY] = caller
        scope.setdefault("state", {})["principal"] = caller.principal
        if path == STREAMABLE:
            scope[SOURCE_KEY] = "rest"
            if self._manager is None:
                await self._problem(scope, receive, send, _not_running())
                return
            await self._manager.handle_request(scope, receive, send)
        elif path == SSE:
            scope[SOURCE_KEY] = "sse"
            await self._sse(scope, receive, send)
        else:
            scope[SOURCE_KEY] = "sse"
            await self.sse.handle_post_message(scope, receive, send)

    async def _sse(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = self.mcp.server
        with contextlib.suppress(ValueError):  # the transport answered a refused request
            async with self.sse.connect_sse(scope, receive, send) as (reader, writer):
                await server.run(reader, writer, server.create_initialization_options())

    async def _problem(self, scope: Scope, receive: Receive, send: Send, problem: Problem) -> None:
        response: Response = respond(MCP, Request(scope, receive), problem)
        await response(scope, receive, send)


def _not_found(path: str) -> Problem:
    return Problem(
        status=404,
        code="notFound",
        message=f"Nothing at {path[:80]!r} here: the MCP endpoint is {STREAMABLE} "
        f"(Streamable HTTP) or {SSE} (SSE).",
    )


def _not_running() -> Problem:
    return Problem(status=503, code="notRunning", message="The MCP endpoint is starting.")


def _with_headers(problem: Problem, headers: dict[str, Any]) -> Problem:
    return Problem(
        status=problem.status,
        code=problem.code,
        message=problem.message,
        field=problem.field,
        headers=headers,
        domain_words=problem.domain_words,
    )


def create_mcp_app(state: State, documents: Callable[[], Iterable[ServiceDocument]]) -> McpApp:
    return McpApp(state, documents)
