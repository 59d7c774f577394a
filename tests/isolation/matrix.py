"""The isolation matrix: every operation of a surface's OpenAPI document, called by each of
A's principals with B's ids put wherever the operation names an id (path, query, body).

The rule checked ("0 leaks"): no answer to A carries one of B's private markers, none is
a 5xx, no write (POST, PUT, PATCH, DELETE) naming B's objects succeeds, and B's objects
read back by B afterwards are what they were before. Routes are read from the documents,
so a new route is in the matrix the day it is added; what the matrix cannot aim at B
(no object of that kind was built for B) is collected in `Summary.unaimed`, visibly.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

from tests.isolation.world import Business_, Principal

WRITES = ("post", "put", "patch", "delete")
REFUSED = {400, 401, 403, 404, 405, 409, 422, 429}
# Keys whose values differ from one read to the next whatever happens to the object.
VOLATILE = {
    "requestId",
    "traceId",
    "elapsedMs",
    "ssoTime",
    "source",
    "cacheKey",
    "serverTime",
    "generatedAt",
    "now",
}

# Which of B's objects a wire id name means. A name with "{segment}" resolves by the path
# segment before it (`/webhooks/{id}`); "ch:" ids are the Channel API's integer ids.
ID_NAMES: dict[str, str] = {
    "userId": "host",
    "hostId": "host",
    "ownerId": "host",
    "guestId": "guest",
    "revieweeId": "host",
    "subjectUserId": "member",
    "businessId": "business",
    "listingId": "listing",
    "unitTypeId": "listing",
    "unitId": "unit",
    "rateId": "rate",
    "reservationId": "reservation",
    "messageThreadId": "thread",
    "threadId": "thread",
    "messageId": "hostMessage",
    "messageReportId": "messageReport",
    "listingCalendarId": "listingCalendar",
    "listingLocaleTextId": "listingLocaleText",
    "disputeId": "dispute",
    "userGroupId": "userGroup",
    "groupId": "userGroup",
    "subjectUserGroupId": "userGroup",
    "filterId": "filter",
    "clientId": "client",
    "objectId": "listing",
    "X-RezStream-Tenant-ID": "business",
}
# `{id}` (and the Channel API's `id`) by the path segment it follows.
ID_BY_SEGMENT: dict[str, str] = {
    "BookingListView": "reservation",
    "ReservationDetailView": "reservation",
    "MessageThreadView": "thread",
    "chatContext": "thread",
    "disputeDetailView": "dispute",
    "ListingDetailView": "listing",
    "reservations": "reservation",
    "webhooks": "webhook",
    # Channel API (integers)
    "bookings": "ch:booking",
    "properties": "ch:property",
    "rooms": "ch:room",
    "messages": "ch:message",
}
CHANNEL_NAMES: dict[str, str] = {
    "propertyId": "ch:property",
    "roomId": "ch:room",
    "bookingId": "ch:booking",
    "masterId": "ch:booking",
    "messageId": "ch:message",
}
FIXED_VALUES: dict[str, str] = {"indexName": "ReservationDetailView"}
# Path parameters that name no tenant-owned object (a permission's name, a public key id).
NOT_IDS = {"permissionName", "requestId", "keyId", "lastEventId", "Last-Event-ID"}


@dataclass
class Operation:
    surface: str
    method: str
    path: str  # with the surface's prefix, still templated
    op: dict[str, Any]
    doc: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


def operations(doc: dict[str, Any], prefix: str, surface: str) -> list[Operation]:
    found = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                found.append(Operation(surface, method, prefix + path, op, doc))
    return found


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            if options:
                merged = dict(_resolve(doc, options[0]))
                return merged
    return schema


@dataclass
class Aim:
    """How one operation's ids are aimed at B: the values chosen, and what was not."""

    ids: dict[str, str]
    surface: str
    segment_ids: dict[str, str]
    named: list[str] = field(default_factory=list)  # B's objects the call names
    unaimed: list[str] = field(default_factory=list)  # id names with no B object built

    def value(self, name: str, segment: str | None, fmt: str | None) -> str | None:
        key: str | None = None
        if self.surface == "channel" and name in CHANNEL_NAMES:
            key = CHANNEL_NAMES[name]
        elif name in ID_NAMES:
            key = ID_NAMES[name]
        elif name == "id" and segment is not None:
            key = ID_BY_SEGMENT.get(segment)
        if name in FIXED_VALUES:
            return FIXED_VALUES[name]
        if key is not None and key in self.ids:
            self.named.append(key)
            return self.ids[key]
        if name in NOT_IDS or not (name == "id" or name.endswith("Id") or name == "token"):
            return None
        self.unaimed.append(name)
        return "1" if self.surface == "channel" else str(uuid.uuid4())


def _segment_before(path: str, param: str) -> str | None:
    parts = path.split("/")
    marker = "{" + param + "}"
    if marker in parts:
        i = parts.index(marker)
        return parts[i - 1] if i > 0 else None
    return parts[-1] if parts else None


def _sample(
    doc: dict[str, Any], schema: dict[str, Any], aim: Aim, segment: str | None, depth: int = 0
) -> Any:
    schema = _resolve(doc, schema)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if "example" in schema and kind not in ("object", "array"):
        return schema["example"]
    if kind == "array":
        return [_sample(doc, schema.get("items", {}), aim, segment, depth + 1)] if depth < 3 else []
    if kind == "object" or "properties" in schema:
        props: dict[str, Any] = schema.get("properties", {})
        out: dict[str, Any] = {}
        for name, sub in props.items():
            required = name in schema.get("required", [])
            fmt = _resolve(doc, sub).get("format")
            chosen = aim.value(name, segment, fmt) if _is_id_name(name) else None
            if chosen is not None:
                out[name] = int(chosen) if _resolve(doc, sub).get("type") == "integer" else chosen
            elif required and depth < 3:
                out[name] = _sample(doc, sub, aim, segment, depth + 1)
        if not out and props:  # an update with nothing in it says nothing: change one field
            for name, sub in props.items():
                if _resolve(doc, sub).get("type") == "string" and not _is_id_name(name):
                    out[name] = "ISOAWROTE"
                    break
        return out
    fmt = schema.get("format")
    if kind == "integer":
        return max(1, int(schema.get("minimum", 1)))
    if kind == "number":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if fmt == "date":
        return (date.today() + timedelta(days=50)).isoformat()
    if fmt == "date-time":
        return (date.today() + timedelta(days=50)).isoformat() + "T12:00:00Z"
    if fmt == "email":
        return "isoawrote@example.test"
    if fmt == "uuid":
        return str(uuid.uuid4())
    if fmt == "uri":
        return "https://isoawrote.example.test/"
    return "ISOAWROTE"


def _is_id_name(name: str) -> bool:
    return name == "id" or name.endswith("Id") or name in ID_NAMES


@dataclass
class Call:
    method: str
    url: str
    params: dict[str, str]
    headers: dict[str, str]
    json: Any
    aim: Aim


def build_call(operation: Operation, ids: dict[str, str]) -> Call:
    """The request that aims `operation` at B's objects."""
    aim = Aim(ids, operation.surface, {})
    url = operation.path
    params: dict[str, str] = {}
    headers: dict[str, str] = {}
    for p in operation.op.get("parameters", []):
        name, where = p["name"], p["in"]
        schema = _resolve(operation.doc, p.get("schema", {}))
        segment = _segment_before(operation.path, name) if where == "path" else None
        if where == "query" and name == "id":
            segment = operation.path.rstrip("/").split("/")[-1]
        value = aim.value(name, segment, schema.get("format"))
        if where == "path":
            if value is None:
                value = "iso-probe"
            url = url.replace("{" + name + "}", value)
        elif where == "query" and value is not None:
            params[name] = value
        elif where == "query" and p.get("required"):
            params[name] = str(_sample(operation.doc, schema, aim, None))
        elif where == "header" and name == "X-RezStream-Tenant-ID":
            pass  # the principal's own tenant; B's tenant is a principal variant of its own
    body = None
    content = operation.op.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        segment = operation.path.rstrip("/").split("/")[-1]
        body = _sample(operation.doc, content["application/json"].get("schema", {}), aim, segment)
    return Call(operation.method, url, params, headers, body, aim)


def leaked_markers(text: str, markers: Iterable[str]) -> list[str]:
    low = text.lower()
    return [m for m in markers if m.lower() in low]


def normalized(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: normalized(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [normalized(v) for v in value]
    return value


@dataclass
class Summary:
    surface: str
    routes: set[str] = field(default_factory=set)
    calls: Counter[str] = field(default_factory=Counter)  # by method
    statuses: Counter[int] = field(default_factory=Counter)
    principals: set[str] = field(default_factory=set)
    authenticated: Counter[str] = field(default_factory=Counter)  # principal -> non-401
    unaimed: dict[str, set[str]] = field(default_factory=dict)
    leaks: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.surface}: {len(self.routes)} routes x {len(self.principals)} principals, "
            f"{sum(self.calls.values())} calls {dict(self.calls)}, statuses "
            f"{dict(sorted(self.statuses.items()))}, accepted (not 401) per principal "
            f"{dict(sorted(self.authenticated.items()))}"
        )


async def probe(
    client: httpx.AsyncClient,
    call: Call,
    who: Principal,
    victim: Business_,
    summary: Summary,
    label: str,
) -> httpx.Response:
    """One call as `who`; any leak is recorded in the summary (asserted by the caller)."""
    client.cookies.clear()
    r = await client.request(
        call.method.upper(),
        call.url,
        params=call.params,
        json=call.json,
        headers={**who.headers, **call.headers},
        cookies=who.cookies,
    )
    client.cookies.clear()
    summary.calls[call.method] += 1
    summary.statuses[r.status_code] += 1
    summary.principals.add(who.name)
    summary.routes.add(label)
    if r.status_code != 401:
        summary.authenticated[who.name] += 1
    where = f"{label} as A's {who.name} -> {r.status_code}"
    if r.status_code >= 500:
        summary.leaks.append(f"{where}: a 5xx: {r.text[:300]}")
    found = leaked_markers(r.text, victim.markers)
    if found:
        summary.leaks.append(f"{where}: B's markers {found} in {r.text[:300]}")
    if call.method != "get" and r.status_code < 300 and call.aim.named and not _refused_items(r):
        summary.leaks.append(
            f"{where}: a write naming B's {sorted(set(call.aim.named))} succeeded: {r.text[:300]}"
        )
    if call.aim.unaimed:
        summary.unaimed.setdefault(label, set()).update(call.aim.unaimed)
    return r


def differences(before: Any, after: Any, where: str = "") -> list[str]:
    """Where two JSON values differ, as paths (for the failure message)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [
            d
            for k in sorted(set(before) | set(after))
            for d in differences(before.get(k), after.get(k), f"{where}.{k}")
        ]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [
            d
            for i, (x, y) in enumerate(zip(before, after))
            for d in differences(x, y, f"{where}[{i}]")
        ]
    return [] if before == after else [f"{where}: {before!r} -> {after!r}"]


def _refused_items(r: httpx.Response) -> bool:
    """The Channel API answers a write 2xx with one result per item (Beds24's shape): the
    write was refused when every item failed, or when it changed nothing (`count` 0)."""
    try:
        body = r.json()
    except ValueError:
        return False
    if isinstance(body, list) and body:
        return all(isinstance(i, dict) and i.get("success") is False for i in body)
    return isinstance(body, dict) and body.get("count") == 0


def snapshot_key(call: Call) -> str:
    return call.url + "?" + "&".join(f"{k}={v}" for k, v in sorted(call.params.items()))


async def read_back(
    client: httpx.AsyncClient, calls: Iterable[Call], owner: Principal
) -> dict[str, Any]:
    """B's own view of the objects the GETs name (those B can read), to compare later."""
    seen: dict[str, Any] = {}
    for call in calls:
        client.cookies.clear()
        r = await client.get(call.url, params=call.params, headers=owner.headers)
        if r.status_code == 200 and r.headers.get("content-type", "").startswith(
            "application/json"
        ):
            seen[snapshot_key(call)] = normalized(r.json())
    client.cookies.clear()
    return seen


def is_write(operation: Operation) -> bool:
    return operation.method in WRITES
