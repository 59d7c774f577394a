"""The MCP server (the official SDK's low-level `Server`): its tools are every business
route of every marketplace service (generated from their OpenAPI documents) plus the
journey tools; a call runs the route in-process as the caller, and is logged as an agent
execution in a transaction of its own (so a failed call is logged too).

The caller was authenticated by the HTTP layer (staykit.api.mcp.app) and rides on the
HTTP request of each MCP message (its ASGI scope)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import mcp_types as types
import structlog
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit import __version__
from staykit.api.mcp.auth import Caller
from staykit.api.mcp.dispatch import BadArguments, RouteAnswer, RouteCaller
from staykit.api.mcp.journey import JOURNEY, JourneyTool
from staykit.core.clock import utcnow
from staykit.core.db import unit_of_work
from staykit.domain.agents.service import NewExecution, log_executions
from staykit.domain.agents.tools import ServiceDocument, ToolSpec, tools_of

log = structlog.get_logger(__name__)

# The execution log's batches: rows wait at most this long, or until this many wait.
LOG_BATCH_SECONDS = 0.25
LOG_BATCH_ROWS = 200

CALLER_KEY = "staykit.mcp.caller"
SOURCE_KEY = "staykit.mcp.source"
INSTRUCTIONS = (
    "staykit, a short-term rental marketplace. Tools are named service:apiName, one per "
    "route of the marketplace services, plus journey:* for a guest's usual steps (search "
    "stays, quote, book, message the host, list my trips, cancel). Every call runs as the "
    "signed-in user: it may do exactly what that user may do in the API."
)


class Tools:
    """The tool set, built once from the services' documents (they do not change while
    the process runs)."""

    def __init__(self, documents: Callable[[], Iterable[ServiceDocument]]) -> None:
        self._documents = documents
        self._generated: dict[str, ToolSpec] | None = None
        self.journey: dict[str, JourneyTool] = {t.name: t for t in JOURNEY}

    @property
    def generated(self) -> dict[str, ToolSpec]:
        if self._generated is None:
            self._generated = {t.name: t for t in tools_of(self._documents())}
        return self._generated

    def listed_for(self, caller: Caller) -> list[types.Tool]:
        anonymous_only = not caller.forwards_token
        out = [
            types.Tool(
                name=t.name,
                description=t.description,
                input_schema=t.input_schema,
                output_schema=t.output_schema,
            )
            for t in self.generated.values()
            if t.anonymous or not anonymous_only
        ]
        out += [
            types.Tool(name=t.name, description=t.description, input_schema=t.input_schema)
            for t in self.journey.values()
            if t.anonymous or not anonymous_only
        ]
        return out


def _result(answer: RouteAnswer, structured: bool) -> types.CallToolResult:
    text = json.dumps(answer.body, ensure_ascii=False)
    content: list[types.ContentBlock] = [types.TextContent(type="text", text=text)]
    body = answer.body if isinstance(answer.body, dict) else None
    if answer.failed:
        return types.CallToolResult(content=content, structured_content=body, is_error=True)
    return types.CallToolResult(content=content, structured_content=body if structured else None)


def _error(message: str, code: str) -> types.CallToolResult:
    body = {"code": code, "message": message}
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=json.dumps(body))],
        structured_content=body,
        is_error=True,
    )


def _agent_name(ctx: ServerRequestContext[Any, Any]) -> str:
    params = ctx.session.client_params
    if params is not None and params.client_info.name:
        return params.client_info.name
    # Stateless Streamable HTTP keeps no initialize: the client's User-Agent names it.
    headers = getattr(ctx.request, "headers", None)
    return str(headers.get("user-agent", "unknown"))[:200] if headers is not None else "unknown"


class McpServer:
    def __init__(
        self,
        tools: Tools,
        routes: RouteCaller,
        sessionmaker: Callable[[], async_sessionmaker[AsyncSession]],
        timeout: Callable[[], float],
    ) -> None:
        self.tools = tools
        self.routes = routes
        self._sessionmaker = sessionmaker
        self._timeout = timeout
        self._pending: list[tuple[NewExecution, datetime]] = []
        self._flush_now = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None
        self.server: Server[Any] = Server(
            "staykit",
            version=__version__,
            instructions=INSTRUCTIONS,
            on_list_tools=self.list_tools,
            on_call_tool=self.call_tool,
        )

    @staticmethod
    def _caller(ctx: ServerRequestContext[Any, Any]) -> tuple[Caller, str, str]:
        request = ctx.request
        scope = getattr(request, "scope", None) or {}
        caller = scope.get(CALLER_KEY)
        if not isinstance(caller, Caller):  # the HTTP layer always sets it
            raise RuntimeError("an MCP message without an authenticated caller")
        client = scope.get("client") or ("127.0.0.1", 0)
        return caller, str(scope.get(SOURCE_KEY, "rest")), str(client[0])

    async def list_tools(
        self, ctx: ServerRequestContext[Any, Any], _params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        caller, _source, _ip = self._caller(ctx)
        return types.ListToolsResult(tools=self.tools.listed_for(caller))

    async def call_tool(
        self, ctx: ServerRequestContext[Any, Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        caller, source, ip = self._caller(ctx)
        agent = _agent_name(ctx)
        arguments: dict[str, Any] = dict(params.arguments or {})
        started = time.perf_counter()
        status, error, output = "success", None, None
        try:
            async with asyncio.timeout(self._timeout()):
                result, output = await self._run(caller, params.name, arguments, ip, agent)
            if result.is_error:
                status = "error"
                error = _error_text(output)
        except TimeoutError:
            status, error = "timeout", f"{params.name} took longer than {self._timeout():g} s."
            result = _error(error, "toolTimeout")
        except BadArguments as exc:
            status, error = "error", str(exc)
            result = _error(error, "badArguments")
        except Exception as exc:  # a bug: the agent gets an error, the log the reason
            log.exception("MCP tool call failed", tool=params.name)
            status, error = "error", f"internal error: {type(exc).__name__}"
            result = _error("The tool failed on the server; it has been logged.", "serverError")
        self._log_soon(
            NewExecution(
                agent_name=agent,
                agent_type="dynamic",
                source=source,
                user_id=caller.principal.user_id,
                tool_name=params.name,
                input=arguments,
                output=output,
                status=status,
                error=error,
                duration_ms=int((time.perf_counter() - started) * 1000),
            )
        )
        return result

    async def _run(
        self, caller: Caller, name: str, arguments: dict[str, Any], ip: str, agent: str
    ) -> tuple[types.CallToolResult, Any]:
        anonymous_only = not caller.forwards_token
        tool = self.tools.generated.get(name)
        if tool is not None and (tool.anonymous or not anonymous_only):
            answer = await self.routes.call_tool(caller, tool, arguments, client_ip=ip, agent=agent)
            return _result(answer, tool.output_schema is not None), answer.body
        journey = self.tools.journey.get(name)
        if journey is not None and (journey.anonymous or not anonymous_only):
            unknown = sorted(set(arguments) - set(journey.input_schema["properties"]))
            if unknown:
                raise BadArguments(f"{name} takes no argument {', '.join(unknown)}.")
            missing = [r for r in journey.input_schema["required"] if arguments.get(r) is None]
            if missing:
                raise BadArguments(f"{name} needs the argument {', '.join(missing)}.")
            answer = await journey.run(_Calls(self.routes, caller, ip, agent), arguments)
            return _result(answer, False), answer.body
        known = "an API key reaches only public tools; " if anonymous_only else ""
        message = f"There is no tool {name!r} for this caller ({known}tools/list lists them)."
        return _error(message, "toolNotFound"), None

    def _log_soon(self, command: NewExecution) -> None:
        """The execution row is written beside the answer, not before it: the agent does
        not wait for the log's commit. Rows wait up to LOG_BATCH_SECONDS (or until
        LOG_BATCH_ROWS are waiting) and go in together, one INSERT per batch, so a busy
        agent costs one statement per batch rather than a transaction per call. `drain`
        writes what waits at shutdown."""
        self._pending.append((command, utcnow()))
        if self._flusher is None or self._flusher.done():
            # an event of the running loop's own (tests run servers in several loops)
            self._flush_now = asyncio.Event()
            self._flusher = asyncio.create_task(self._flush_soon(self._flush_now))
        if len(self._pending) >= LOG_BATCH_ROWS:
            self._flush_now.set()

    async def _flush_soon(self, now: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(now.wait(), LOG_BATCH_SECONDS)
        while self._pending:
            batch, self._pending = self._pending[:LOG_BATCH_ROWS], self._pending[LOG_BATCH_ROWS:]
            await self._write(batch)

    async def drain(self) -> None:
        if self._flusher is not None and not self._flusher.done():
            self._flush_now.set()
            await asyncio.gather(self._flusher, return_exceptions=True)
        while self._pending:  # a flusher that failed left rows behind
            batch, self._pending = self._pending[:LOG_BATCH_ROWS], self._pending[LOG_BATCH_ROWS:]
            await self._write(batch)

    async def _write(self, batch: list[tuple[NewExecution, datetime]]) -> None:
        try:
            async with unit_of_work(self._sessionmaker()) as session:
                await log_executions(session, batch)
        except Exception as exc:  # the calls' answers matter more than their log lines
            log.warning(
                "agent executions not logged",
                tools=sorted({c.tool_name or "" for c, _ in batch}),
                count=len(batch),
                error=str(exc),
            )


def _error_text(output: Any) -> str:
    if isinstance(output, Mapping):
        detail = output.get("detail") or output.get("message")
        if detail:
            return str(detail)[:1000]
    return json.dumps(output, default=str)[:1000]


class _Calls:
    """Routes called as the caller, for the journey tools."""

    def __init__(self, routes: RouteCaller, caller: Caller, ip: str, agent: str) -> None:
        self._routes, self._caller, self._ip, self._agent = routes, caller, ip, agent
        self.me = caller.principal.user_id

    async def __call__(
        self,
        method: str,
        path: str,
        *,
        query: list[tuple[str, str]] | None = None,
        body: Any = None,
    ) -> RouteAnswer:
        return await self._routes.call(
            self._caller,
            method,
            path,
            query=query,
            body=body,
            client_ip=self._ip,
            agent=self._agent,
        )
