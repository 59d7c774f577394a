"""Tools from OpenAPI documents (names, merged input schemas, what is not a tool) and the
catalog refresh (new, rewritten and vanished tools), and the periodic job that runs it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.agents import service as agents
from staykit.domain.agents.models import ToolCatalogEntry
from staykit.domain.agents.tools import ServiceDocument, tool_for, tools_of

BODY_REF = {"$ref": "#/components/schemas/NewThing"}
DOC: dict[str, Any] = {
    "paths": {
        "/v1/things/{thingId}": {
            "patch": {
                "summary": "updateThing",
                "tags": ["things"],
                "security": [{"bearerAuth": []}],
                "parameters": [
                    {
                        "name": "thingId",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}},
                    {"name": "requestId", "in": "query", "schema": {"type": "string"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": BODY_REF}},
                },
                "responses": {"200": {"content": {"application/json": {"schema": BODY_REF}}}},
            }
        },
        "/v1/clash/{name}": {
            "post": {
                "summary": "clash",
                "security": [],
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {}}],
                "requestBody": {"content": {"application/json": {"schema": BODY_REF}}},
                "responses": {
                    "201": {"content": {"application/json": {"schema": {"type": "array"}}}}
                },
            }
        },
        "/health": {"get": {"summary": "health", "tags": ["default"], "responses": {}}},
        "/stream": {
            "get": {
                "summary": "stream",
                "responses": {"200": {"content": {"text/event-stream": {}}}},
            }
        },
    },
    "components": {
        "schemas": {
            "NewThing": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "tag": {"$ref": "#/components/schemas/Tag"},
                },
                "required": ["name"],
            },
            "Tag": {"type": "object", "properties": {"label": {"type": "string"}}},
        }
    },
}


def test_an_operation_becomes_a_tool_with_path_query_and_body_merged() -> None:
    service = ServiceDocument("things", "/things-api", DOC)
    tools = {t.name: t for t in tools_of([service])}
    assert set(tools) == {"things:updateThing", "things:clash"}  # no default route, no stream
    tool = tools["things:updateThing"]
    schema = tool.input_schema
    assert set(schema["properties"]) == {"thingId", "dryRun", "name", "tag"}
    assert schema["required"] == ["thingId", "name"]
    assert schema["properties"]["tag"] == {"$ref": "#/$defs/Tag"}
    assert set(schema["$defs"]) == {"Tag"}
    assert (tool.method, tool.path, tool.anonymous) == (
        "PATCH",
        "/things-api/v1/things/{thingId}",
        False,
    )
    assert tool.output_schema is not None and tool.output_schema["type"] == "object"
    assert tool.path_params == ("thingId",) and tool.query_params == ("dryRun",)


def test_a_body_clashing_with_a_parameter_goes_whole_under_body() -> None:
    service = ServiceDocument("things", "/things-api", DOC)
    tool = tool_for(service, "/v1/clash/{name}", "post", DOC["paths"]["/v1/clash/{name}"]["post"])
    assert tool is not None and tool.whole_body and tool.anonymous
    assert set(tool.input_schema["properties"]) == {"name", "body"}
    assert tool.output_schema is None  # an array: MCP output schemas are objects


def _tool(name: str, service: str = "things") -> Any:
    doc = {"paths": {f"/{name}": {"get": {"summary": name, "responses": {}}}}}
    return tools_of([ServiceDocument(service, "/x", doc)])[0]


async def test_a_refresh_adds_rewrites_and_retires_tools(db: AsyncSession) -> None:
    await agents.refresh_catalog(db, [_tool("a"), _tool("b")])
    await agents.refresh_catalog(db, [_tool("a", "renamed"), _tool("c")])
    rows = {r.tool_name: r for r in (await db.scalars(select(ToolCatalogEntry))).all()}
    active = {n for n, r in rows.items() if r.is_active}
    assert active == {"renamed:a", "things:c"}
    assert not rows["things:b"].is_active and not rows["things:a"].is_active
    await agents.check_selected_tools(db, ["things:c"])
    await agents.refresh_catalog(db, [_tool("b")])  # back: active again
    await db.refresh(rows["things:b"])
    assert rows["things:b"].is_active


async def test_the_periodic_job_refreshes_from_the_registered_documents(
    committed_factory: Any, app: Any
) -> None:
    from staykit.domain.agents.tasks import refresh_tool_catalog

    await refresh_tool_catalog(0)
    async with committed_factory() as db:
        names = set((await db.scalars(select(ToolCatalogEntry.tool_name))).all())
    assert {"propertyCatalog:listListings", "agentHub:listToolCatalog"} <= names
