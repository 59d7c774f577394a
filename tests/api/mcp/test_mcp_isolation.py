"""The isolation matrix over MCP: every generated tool (one per marketplace route) called
through a real `staykit serve` by each of business A's people, with business B's ids
wherever the tool takes an id (path, query, body), as tests/isolation does over HTTP.

No answer may carry one of B's private markers, no write naming B's objects may succeed,
and B's objects read back by B afterwards are what they were. The two businesses are
committed (a live server reads them), under tags of their own ("MA", "MB") so that they
never collide with the HTTP matrix's uncommitted pair in the same database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import httpx2
import mcp_types as types
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.api.marketplace.app import services
from staykit.core.config import Settings
from staykit.domain.agents.tools import ServiceDocument, ToolSpec, tools_of
from tests.isolation.matrix import (
    Operation,
    build_call,
    differences,
    leaked_markers,
    read_back,
)
from tests.isolation.test_api_matrix import NOT_DRIVEN
from tests.isolation.world import build_business
from tests.sse import serve

MCP = "/mcpbff-api/mcp"
# The sessions of A's people: the MCP endpoint takes login tokens (and API keys, which
# reach only public tools, covered by tests/api/mcp/test_mcp_auth.py).
ATTACKERS = ("host-session", "member-session", "guest-session")


@asynccontextmanager
async def mcp_session(base: str, token: str) -> AsyncIterator[ClientSession]:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http,
        streamable_http_client(base + MCP, http_client=http) as (read, write, *_),
        ClientSession(
            read, write, client_info=types.Implementation(name="iso", version="1")
        ) as session,
    ):
        await session.initialize()
        yield session


def _operations() -> dict[tuple[str, str], Operation]:
    found = {}
    for service in services():
        doc = service.openapi()
        for path, item in doc["paths"].items():
            for method, op in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    full = service.prefix + path
                    found[(method.upper(), full)] = Operation("marketplace", method, full, op, doc)
    return found


def _arguments(tool: ToolSpec, url: str, params: dict[str, str], body: Any) -> dict[str, Any]:
    """The tool's arguments that make the same request as the aimed call."""
    args: dict[str, Any] = {}
    for template, actual in zip(tool.path.split("/"), url.split("/"), strict=True):
        if template.startswith("{") and template.endswith("}"):
            args[template[1:-1]] = actual
    args.update({k: v for k, v in params.items() if k in tool.query_params})
    if tool.whole_body and body is not None:
        args["body"] = body
    elif isinstance(body, dict):
        args.update({k: v for k, v in body.items() if k in tool.body_props})
    return args


async def test_no_tool_call_of_a_reads_writes_or_deletes_b_objects(
    committed_factory: async_sessionmaker[AsyncSession], database_url: str, settings: Settings
) -> None:
    async with serve(database_url, STAYKIT_RUN_WORKER="false") as (base, _):
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            async with committed_factory() as db:
                a = await build_business(client, db, settings, "MA")
                b = await build_business(client, db, settings, "MB")
                await db.commit()
            docs = [ServiceDocument(s.name, s.prefix, s.openapi()) for s in services()]
            operations = _operations()
            aimed = []
            for tool in tools_of(docs):
                op = operations[(tool.method, tool.path)]
                if op.label in NOT_DRIVEN:
                    continue
                call = build_call(op, b.ids)
                if not call.aim.named:
                    continue  # names nothing of B's: acts on the caller's own objects
                aimed.append((tool, call))
            assert len(aimed) > 60, [t.name for t, _ in aimed]
            owner = next(p for p in b.principals if p.name == "host-session")
            reads = [c for t, c in aimed if t.method == "GET"]
            before = await read_back(client, reads, owner)
            assert before, "B reads none of its own objects back: the matrix would prove nothing"

            leaks: list[str] = []
            calls = 0
            order = {"GET": 0, "POST": 1, "PUT": 1, "PATCH": 1, "DELETE": 2}
            for who in (p for p in a.principals if p.name in ATTACKERS):
                token = who.headers["Authorization"].removeprefix("Bearer ")
                async with mcp_session(base, token) as mcp:
                    for tool, call in sorted(aimed, key=lambda tc: order[tc[0].method]):
                        args = _arguments(tool, call.url, call.params, call.json)
                        result = await mcp.call_tool(tool.name, args)
                        calls += 1
                        text = json.dumps(
                            [c.model_dump() for c in result.content], ensure_ascii=False
                        )
                        where = f"{who.name} {tool.name} {args}"
                        leaks += [f"{where}: {m}" for m in leaked_markers(text, b.markers)]
                        if tool.method != "GET" and not result.is_error:
                            leaks.append(f"{where}: a write naming B's objects succeeded")
                        status = (result.structured_content or {}).get("status")
                        if isinstance(status, int) and status >= 500:
                            leaks.append(f"{where}: {status}")
            after = await read_back(client, reads, owner)
    assert calls >= 3 * len(aimed)
    assert not leaks, "\n".join(leaks)
    changed = [
        f"{k}: {differences(before[k], after.get(k))}" for k in before if before[k] != after.get(k)
    ]
    assert not changed, changed
    assert a.business_id != b.business_id
