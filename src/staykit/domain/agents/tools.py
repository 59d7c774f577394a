"""Tools from OpenAPI documents: every business operation of a marketplace service becomes
one tool an agent can call, so a new route is a new tool without code.

A tool is named `service:apiName` (the operation's summary, which is the seed's API name,
e.g. `propertyCatalog:listListings`). Its input schema merges the operation's path
parameters, query parameters and JSON body properties into one object (when a body
property has the name of a parameter, or the body is not an object, the body goes whole
under `body`); its output schema is the 2xx answer's. Component references become
`$defs` of the tool's own schema, so each schema stands alone.

Not tools: the services' default routes (tag `default`: health, currentuser, permissions,
the Postman collection), the session routes (tag `session`: an agent already has its
token) and operations that take or answer something other than JSON (event streams,
downloads, uploads, pages): an agent's arguments and results are JSON.

Pure functions over the documents (plain dicts): the MCP endpoint serves these tools and
the catalog job stores them, from the same documents.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")
NOT_TOOLS = frozenset({"default", "session"})
# Parameters every route takes for the transport, not for the caller's question.
TRANSPORT_PARAMETERS = frozenset({"access_token", "requestId"})
BODY = "body"
_REF = re.compile(r"^#/components/schemas/(.+)$")


@dataclass(frozen=True)
class ToolSpec:
    """One tool: what the agent sees and how a call maps onto the route."""

    name: str
    service: str
    description: str
    method: str  # GET, POST, ...
    path: str  # the full path template, e.g. /propertycatalog-api/v1/listings/{listingId}
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]
    body_props: tuple[str, ...]  # body properties taken from top-level arguments
    whole_body: bool  # the body is the `body` argument
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None
    anonymous: bool  # the route answers without a login


@dataclass(frozen=True)
class ServiceDocument:
    """A service's name (e.g. propertyCatalog), where it is mounted, and its document."""

    name: str
    prefix: str
    document: Mapping[str, Any]


def _rewrite_refs(node: Any, seen: set[str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and (m := _REF.match(value)):
                seen.add(m.group(1))
                out[key] = f"#/$defs/{m.group(1)}"
            else:
                out[key] = _rewrite_refs(value, seen)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v, seen) for v in node]
    return node


def standalone(schema: Mapping[str, Any], components: Mapping[str, Any]) -> dict[str, Any]:
    """`schema` with its top-level reference resolved and every component it uses
    (transitively) copied under `$defs`."""
    schema = dict(schema)
    while "$ref" in schema and (m := _REF.match(schema["$ref"])):
        schema = dict(components.get(m.group(1), {}))
    names: set[str] = set()
    out = _rewrite_refs(copy.deepcopy(schema), names)
    defs: dict[str, Any] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in defs:
            continue
        found: set[str] = set()
        defs[name] = _rewrite_refs(copy.deepcopy(components.get(name, {})), found)
        todo.extend(found - defs.keys())
    if defs:
        out["$defs"] = defs
    return out


def _json_only(op: Mapping[str, Any]) -> bool:
    body = op.get("requestBody", {}).get("content", {})
    if body and set(body) != {"application/json"}:
        return False
    for status, answer in op.get("responses", {}).items():
        if str(status).startswith("2"):
            content = answer.get("content") or {}
            if content and set(content) != {"application/json"}:
                return False
    return True


def _anonymous(op: Mapping[str, Any]) -> bool:
    security = op.get("security")
    return security is None or security == [] or {} in security


def _describe(service: str, method: str, path: str, op: Mapping[str, Any]) -> str:
    summary = op.get("summary") or op.get("operationId") or ""
    text = " ".join(str(op.get("description") or "").split())
    who = "anyone" if _anonymous(op) else "a signed-in user"
    head = f"{service} {summary}: {method.upper()} {path} (callable by {who})."
    return f"{head} {text}".strip()


def tool_for(
    service: ServiceDocument, path: str, method: str, op: Mapping[str, Any]
) -> ToolSpec | None:
    """The tool of one operation, or None when the operation is not one (see above)."""
    if set(op.get("tags") or ()) & NOT_TOOLS or not _json_only(op):
        return None
    components = service.document.get("components", {}).get("schemas", {})
    properties: dict[str, Any] = {}
    required: list[str] = []
    defs: dict[str, Any] = {}
    path_params: list[str] = []
    query_params: list[str] = []
    for param in op.get("parameters", ()):
        where, name = param.get("in"), param.get("name")
        if where not in ("path", "query") or name in TRANSPORT_PARAMETERS:
            continue
        schema = standalone(param.get("schema", {}), components)
        defs.update(schema.pop("$defs", {}))
        if param.get("description") and "description" not in schema:
            schema["description"] = param["description"]
        properties[name] = schema
        if where == "path":
            path_params.append(name)
            required.append(name)
        else:
            query_params.append(name)
            if param.get("required"):
                required.append(name)
    body_props: list[str] = []
    whole_body = False
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        schema = standalone(body.get("schema", {}), components)
        defs.update(schema.pop("$defs", {}))
        props = schema.get("properties")
        if isinstance(props, dict) and props and not (set(props) & set(properties)):
            properties.update(props)
            body_props = list(props)
            required.extend(r for r in schema.get("required", ()) if r in props)
        else:
            whole_body = True
            properties[BODY] = schema
            if op["requestBody"].get("required"):
                required.append(BODY)
    input_schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        input_schema["required"] = sorted(set(required), key=required.index)
    if defs:
        input_schema["$defs"] = defs
    output: dict[str, Any] | None = None
    for status, answer in sorted(op.get("responses", {}).items()):
        media = (answer.get("content") or {}).get("application/json")
        if str(status).startswith("2") and media and media.get("schema"):
            output = standalone(media["schema"], components)
            break
    if output is not None and output.get("type") != "object":
        output = None  # MCP output schemas describe objects
    summary = op.get("summary") or op.get("operationId") or f"{method}{path}"
    full_path = service.prefix + path
    return ToolSpec(
        name=f"{service.name}:{summary}",
        service=service.name,
        description=_describe(service.name, method, full_path, op),
        method=method.upper(),
        path=full_path,
        path_params=tuple(path_params),
        query_params=tuple(query_params),
        body_props=tuple(body_props),
        whole_body=whole_body,
        input_schema=input_schema,
        output_schema=output,
        anonymous=_anonymous(op),
    )


def tools_of(services: Iterable[ServiceDocument]) -> list[ToolSpec]:
    """Every tool of every service, in the documents' order; the first of two operations
    with the same name wins (names are unique per service in practice)."""
    out: dict[str, ToolSpec] = {}
    for service in services:
        for path, item in service.document.get("paths", {}).items():
            for method, op in item.items():
                if method not in METHODS:
                    continue
                tool = tool_for(service, path, method, op)
                if tool is not None and tool.name not in out:
                    out[tool.name] = tool
    return list(out.values())
