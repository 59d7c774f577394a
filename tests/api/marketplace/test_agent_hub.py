"""The agentHub service (/agenthub-api): overrides (admins only), the tool catalog (any
signed-in user) and agent executions (admins all, users their own); the overrides'
validation; and the permission matrix over the nine routes."""

from __future__ import annotations

import functools
import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace.app import services
from staykit.domain.agents.service import NewExecution, log_execution, refresh_catalog
from staykit.domain.agents.tools import ServiceDocument, ToolSpec, tools_of
from tests.factories import Person, assert_error, make_logged_in

BASE = "/agenthub-api/v1"
UNKNOWN = "0190a000-0000-7000-8000-000000000000"


@functools.cache
def every_tool() -> tuple[ToolSpec, ...]:
    return tuple(tools_of(ServiceDocument(s.name, s.prefix, s.openapi()) for s in services()))


@pytest.fixture
async def catalog(db: AsyncSession) -> list[str]:
    await refresh_catalog(db, every_tool())
    return [t.name for t in every_tool()]


async def _execution(db: AsyncSession, person: Person, **kw: object) -> str:
    row = await log_execution(
        db,
        NewExecution(
            agent_name=str(kw.get("agent_name", "claude")),
            agent_type="dynamic",
            source="rest",
            user_id=person.user.id,
            status=str(kw.get("status", "success")),
            duration_ms=12,
            tool_name="propertyCatalog:getListing",
            input={"listingId": "x", "password": "hunter2", "nested": {"accessToken": "t"}},
            output={"big": "y" * 5000},
        ),
    )
    return str(row.id)


async def test_an_admin_creates_reads_updates_and_deletes_an_override(
    client: httpx.AsyncClient, admin: Person, catalog: list[str]
) -> None:
    body = {
        "agentName": "concierge",
        "provider": "anthropic",
        "model": "claude-x",
        "temperature": 0.3,
        "maxTokens": 4000,
        "responseFormat": "json",
        "selectedTools": ["propertyCatalog:listListings", "journey:none"][:1],
        "guardrails": {"maxToolCalls": 5, "timeout": 30, "maxTokenBudget": 10000},
    }
    r = await client.post(f"{BASE}/agentoverride", json=body, headers=admin.headers)
    assert r.status_code == 201, r.text
    made = r.json()["sys_agentOverride"]
    assert made["enabled"] is True and made["updatedBy"] == str(admin.user.id)
    assert made["guardrails"] == body["guardrails"]
    oid = made["id"]
    r = await client.patch(
        f"{BASE}/agentoverride/{oid}",
        json={"temperature": None, "enabled": False},
        headers=admin.headers,
    )
    assert r.status_code == 200, r.text
    changed = r.json()["sys_agentOverride"]
    assert changed["temperature"] is None and changed["enabled"] is False
    assert changed["model"] == "claude-x"  # untouched
    r = await client.get(f"{BASE}/agentoverride/{oid}", headers=admin.headers)
    assert r.json()["sys_agentOverride"]["enabled"] is False
    listed = await client.get(f"{BASE}/agentoverrides", headers=admin.headers)
    assert [o["id"] for o in listed.json()["sys_agentOverrides"]] == [oid]
    r = await client.post(f"{BASE}/agentoverride", json=body, headers=admin.headers)
    assert_error(r, 409, field="agentName")
    assert (
        await client.delete(f"{BASE}/agentoverride/{oid}", headers=admin.headers)
    ).status_code == 200
    assert (
        await client.get(f"{BASE}/agentoverride/{oid}", headers=admin.headers)
    ).status_code == 404
    # the name is free again
    r = await client.post(f"{BASE}/agentoverride", json=body, headers=admin.headers)
    assert r.status_code == 201, r.text


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"temperature": 2.5}, "temperature"),
        ({"temperature": -0.1}, "temperature"),
        ({"temperature": "hot"}, "temperature"),
        ({"maxTokens": 0}, "maxTokens"),
        ({"maxTokens": 200_001}, "maxTokens"),
        ({"maxTokens": 1.5}, "maxTokens"),
        ({"responseFormat": "xml"}, "responseFormat"),
        ({"selectedTools": "propertyCatalog:listListings"}, "selectedTools"),
        ({"selectedTools": ["nope:missing"]}, "selectedTools.0"),
        ({"guardrails": {"maxToolCalls": 0}}, "guardrails.maxToolCalls"),
        ({"guardrails": {"timeout": "30"}}, "guardrails.timeout"),
        ({"guardrails": {"maxTokens": 5}}, "guardrails.maxTokens"),
        ({"guardrails": [1]}, "guardrails"),
        ({"enabled": None}, "enabled"),
        ({"agentName": ""}, "agentName"),
        ({"unknownField": 1}, "unknownField"),
    ],
)
async def test_bad_override_fields_are_400_naming_the_field(
    client: httpx.AsyncClient, admin: Person, catalog: list[str], change: dict, field: str
) -> None:
    body = {"agentName": "planner", **change}
    r = await client.post(f"{BASE}/agentoverride", json=body, headers=admin.headers)
    error = assert_error(r, 400, field=field)
    if field == "selectedTools.0":
        assert "nope:missing" in str(error["detail"])


async def test_a_missing_selected_tool_is_refused_on_update_too(
    client: httpx.AsyncClient, admin: Person, catalog: list[str]
) -> None:
    r = await client.post(f"{BASE}/agentoverride", json={"agentName": "a"}, headers=admin.headers)
    oid = r.json()["sys_agentOverride"]["id"]
    r = await client.patch(
        f"{BASE}/agentoverride/{oid}",
        json={"selectedTools": [catalog[0], "ghost:tool"]},
        headers=admin.headers,
    )
    error = assert_error(r, 400, field="selectedTools.1")
    assert "ghost:tool" in str(error["detail"])
    r = await client.patch(
        f"{BASE}/agentoverride/{oid}", json={"agentName": "b"}, headers=admin.headers
    )
    assert_error(r, 400, field="agentName")


async def test_the_catalog_lists_every_tool_and_filters_by_service(
    client: httpx.AsyncClient, user: Person, catalog: list[str]
) -> None:
    r = await client.get(f"{BASE}/toolcatalog", params={"pageNumber": 0}, headers=user.headers)
    assert r.status_code == 200, r.text
    listed = r.json()["sys_toolCatalogs"]
    assert {t["toolName"] for t in listed} == set(catalog)
    r = await client.get(
        f"{BASE}/toolcatalog",
        params={"serviceName": "agentHub", "pageNumber": 0},
        headers=user.headers,
    )
    hub = r.json()["sys_toolCatalogs"]
    assert {t["toolName"] for t in hub} == {n for n in catalog if n.startswith("agentHub:")}
    assert len(hub) == 9
    one = hub[0]
    r = await client.get(f"{BASE}/toolcatalogentry/{one['id']}", headers=user.headers)
    entry = r.json()["sys_toolCatalog"]
    assert entry["parameters"]["type"] == "object" and entry["lastRefreshed"]


async def test_executions_are_an_admins_to_read_all_and_a_users_to_read_their_own(
    client: httpx.AsyncClient, db: AsyncSession, admin: Person, user: Person, other: Person
) -> None:
    mine = await _execution(db, user)
    theirs = await _execution(db, other, status="error", agent_name="cursor")
    r = await client.get(f"{BASE}/agentexecutions", headers=user.headers)
    assert [e["id"] for e in r.json()["sys_agentExecutions"]] == [mine]
    row = r.json()["sys_agentExecutions"][0]
    assert row["input"] == {"listingId": "x", "nested": {}}  # secrets dropped
    assert row["output"]["truncated"] is True and len(row["output"]["preview"]) == 4096
    assert row["agentType_idx"] == 1 and row["status_idx"] == 0
    assert (
        await client.get(f"{BASE}/agentexecution/{theirs}", headers=user.headers)
    ).status_code == 404
    r = await client.get(f"{BASE}/agentexecutions", headers=admin.headers)
    assert {e["id"] for e in r.json()["sys_agentExecutions"]} == {mine, theirs}
    r = await client.get(
        f"{BASE}/agentexecutions",
        params={"status": "error", "agentName": "curs"},
        headers=admin.headers,
    )
    assert [e["id"] for e in r.json()["sys_agentExecutions"]] == [theirs]
    r = await client.get(
        f"{BASE}/agentexecutions", params={"status": "nope"}, headers=admin.headers
    )
    assert_error(r, 400, field="status")
    r = await client.get(f"{BASE}/agentexecution/{theirs}", headers=admin.headers)
    assert r.json()["sys_agentExecution"]["userId"] == str(other.user.id)


# --- the permission matrix ----------------------------------------------------------------------

# route -> expected status for (anonymous, user, other user, admin)
MATRIX = {
    "listAgentOverrides": (401, 403, 403, 200),
    "getAgentOverride": (401, 403, 403, 200),
    "createAgentOverride": (401, 403, 403, 201),
    "updateAgentOverride": (401, 403, 403, 200),
    "deleteAgentOverride": (401, 403, 403, 200),
    "listToolCatalog": (401, 200, 200, 200),
    "getToolCatalogEntry": (401, 200, 200, 200),
    "listAgentExecutions": (401, 200, 200, 200),
    "getAgentExecution": (401, 200, 404, 200),  # the user's own execution
}


@pytest.mark.parametrize("route", sorted(MATRIX))
async def test_the_permission_matrix(
    client: httpx.AsyncClient, db: AsyncSession, catalog: list[str], route: str
) -> None:
    admin = await make_logged_in(client, db, role="admin")
    user = await make_logged_in(client, db)
    other = await make_logged_in(client, db)
    execution = await _execution(db, user)
    entry = (
        await client.get(f"{BASE}/toolcatalog", params={"pageRowCount": 1}, headers=user.headers)
    ).json()["sys_toolCatalogs"][0]["id"]
    callers = [None, user, other, admin]
    for caller, expected in zip(callers, MATRIX[route], strict=True):
        headers = caller.headers if caller else {}
        made = await client.post(
            f"{BASE}/agentoverride",
            json={"agentName": f"agent-{uuid.uuid4().hex[:8]}"},
            headers=admin.headers,
        )
        oid = made.json()["sys_agentOverride"]["id"]
        request = {
            "listAgentOverrides": ("GET", f"{BASE}/agentoverrides", None),
            "getAgentOverride": ("GET", f"{BASE}/agentoverride/{oid}", None),
            "createAgentOverride": (
                "POST",
                f"{BASE}/agentoverride",
                {"agentName": f"new-{uuid.uuid4().hex[:8]}"},
            ),
            "updateAgentOverride": ("PATCH", f"{BASE}/agentoverride/{oid}", {"model": "m"}),
            "deleteAgentOverride": ("DELETE", f"{BASE}/agentoverride/{oid}", None),
            "listToolCatalog": ("GET", f"{BASE}/toolcatalog", None),
            "getToolCatalogEntry": ("GET", f"{BASE}/toolcatalogentry/{entry}", None),
            "listAgentExecutions": ("GET", f"{BASE}/agentexecutions", None),
            "getAgentExecution": ("GET", f"{BASE}/agentexecution/{execution}", None),
        }[route]
        method, url, body = request
        r = await client.request(method, url, json=body, headers=headers)
        who = caller.user.email if caller else "anonymous"
        assert r.status_code == expected, f"{route} as {who}: {r.status_code} {r.text}"


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/agentoverride/{UNKNOWN}",
        f"{BASE}/toolcatalogentry/{UNKNOWN}",
        f"{BASE}/agentexecution/{UNKNOWN}",
    ],
)
async def test_unknown_ids_are_404_and_malformed_ids_400(
    client: httpx.AsyncClient, admin: Person, url: str
) -> None:
    assert_error(await client.get(url, headers=admin.headers), 404)
    bad = url.replace(UNKNOWN, "not-an-id")
    assert_error(await client.get(bad, headers=admin.headers), 400)
