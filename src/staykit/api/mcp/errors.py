"""The MCP endpoint's error body for what fails before any MCP traffic (no token, a bad
token, an oversized body): a JSON-RPC error object, which MCP clients show as it is:

{"jsonrpc": "2.0", "id": null, "error": {"code": -32001, "message": "...",
 "data": {"status": 401, "code": "tokenMissing", "requestId": "..."}}}

Failures of a tool call are not HTTP errors: they are tool results with isError (see
staykit.api.mcp.server)."""

from __future__ import annotations

from typing import Any

from staykit.api.surface import Problem, Surface

PREFIX = "/mcpbff-api"
# JSON-RPC's implementation-defined server errors (-32000 to -32099).
RPC_CODES = {401: -32001, 403: -32003, 413: -32013}


def render(problem: Problem, request_id: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {"status": problem.status, "code": problem.code}
    if problem.field:
        data["field"] = problem.field
    if request_id:
        data["requestId"] = request_id
    return {
        "jsonrpc": "2.0",
        "id": None,
        "error": {
            "code": RPC_CODES.get(problem.status, -32000),
            "message": problem.message,
            "data": data,
        },
    }


MCP = Surface("mcp", (PREFIX,), render)
