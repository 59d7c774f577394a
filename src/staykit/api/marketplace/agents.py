"""The agentHub service's nine routes under /agenthub-api (spec §8.2): agent overrides
(CRUD, admins only), the tool catalog (any signed-in user; filter serviceName) and the
agent executions (admins read all, a user their own).

All of them are the declarative layer over the domain's records (staykit.domain.agents):
the routes only say what the bodies look like; who may read and write, the catalog check
of selectedTools and the unique agentName are the domain's."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

from typing import Annotated, Any, Literal

from fastapi import APIRouter
from pydantic import Field, StrictBool, StrictInt, field_validator

from staykit.api.marketplace import filters as flt
from staykit.api.marketplace.envelope import Field as Prop
from staykit.api.marketplace.filters import Kind
from staykit.api.marketplace.resource import Resource, mount, resource_record
from staykit.core.schemas import Input
from staykit.domain.agents import service as agents
from staykit.domain.agents.models import (
    AGENT_TYPES,
    MAX_TOKENS,
    SOURCES,
    STATUSES,
    AgentExecution,
    ToolCatalogEntry,
)

router = APIRouter()

# --- overrides ----------------------------------------------------------------------------------

OVERRIDE_FIELDS = (
    Prop("agentName", "agent_name"),
    Prop("provider", "provider"),
    Prop("model", "model"),
    Prop("systemPrompt", "system_prompt"),
    Prop("temperature", "temperature"),
    Prop("maxTokens", "max_tokens"),
    Prop("responseFormat", "response_format"),
    Prop("selectedTools", "selected_tools"),
    Prop("guardrails", "guardrails"),
    Prop("enabled", "enabled"),
    Prop("updatedBy", "updated_by"),
)

Temperature = Annotated[float, Field(ge=0, le=2, allow_inf_nan=False)]
MaxTokens = Annotated[StrictInt, Field(ge=1, le=MAX_TOKENS)]
ToolName = Annotated[str, Field(min_length=1, max_length=200)]
Positive = Annotated[StrictInt, Field(ge=1, le=1_000_000_000)]


class Guardrails(Input):
    """Limits of one run: tool calls, seconds, tokens; each a positive whole number."""

    max_tool_calls: Positive | None = None
    timeout: Positive | None = None
    max_token_budget: Positive | None = None


class _OverrideBody(Input):
    provider: str | None = Field(default=None, min_length=1, max_length=50)
    model: str | None = Field(default=None, min_length=1, max_length=100)
    system_prompt: str | None = Field(default=None, max_length=20_000)
    temperature: Temperature | None = None
    max_tokens: MaxTokens | None = None
    response_format: Literal["text", "json"] | None = None
    selected_tools: list[ToolName] | None = Field(default=None, max_length=500)
    guardrails: Guardrails | None = None
    enabled: StrictBool | None = None

    @field_validator("enabled")
    @classmethod
    def _enabled_not_null(cls, value: bool | None) -> bool | None:
        if value is None:
            raise ValueError("must be true or false (leave it out to keep it)")
        return value

    def _values(self, *, partial: bool) -> dict[str, Any]:
        values = self.model_dump(exclude_unset=partial, exclude={"guardrails"})
        if not partial or "guardrails" in self.model_fields_set:
            values["guardrails"] = (
                None
                if self.guardrails is None
                else self.guardrails.model_dump(by_alias=True, exclude_none=True)
            )
        if values.get("selected_tools") is not None:
            values["selected_tools"] = list(dict.fromkeys(values["selected_tools"]))
        return values


class CreateAgentOverride(_OverrideBody):
    """createAgentOverride: agentName, and any field to override (null or absent: the
    agent's design-time default). enabled defaults to true."""

    agent_name: str = Field(min_length=1, max_length=100)

    def to_command(self) -> dict[str, Any]:
        values = self._values(partial=False)
        if values.get("enabled") is None:
            values["enabled"] = True
        return values


class UpdateAgentOverride(_OverrideBody):
    """updateAgentOverride: only what is sent changes; null puts a field back to the
    design-time default. agentName cannot change."""

    def to_command(self) -> dict[str, Any]:
        return self._values(partial=True)


overrides = Resource(
    name="sys_agentOverride",
    plural="sys_agentOverrides",
    records=agents.OVERRIDES,
    id_param="sys_agentOverrideId",
    fields=OVERRIDE_FIELDS,
    create_schema=CreateAgentOverride,
    update_schema=UpdateAgentOverride,
)
OverrideRecord = resource_record(overrides)
NAMES = {
    "list": "listAgentOverrides",
    "get": "getAgentOverride",
    "create": "createAgentOverride",
    "update": "updateAgentOverride",
    "delete": "deleteAgentOverride",
}
mount(
    router,
    overrides,
    "/v1/agentoverrides",
    ops=("list",),
    names=NAMES,
    tags=["agentOverrides"],
    record=OverrideRecord,
)
mount(
    router,
    overrides,
    "/v1/agentoverride",
    ops=("get", "create", "update", "delete"),
    names=NAMES,
    tags=["agentOverrides"],
    record=OverrideRecord,
)

# --- the tool catalog ---------------------------------------------------------------------------

CATALOG_FIELDS = (
    Prop("toolName", "tool_name"),
    Prop("serviceName", "service_name"),
    Prop("description", "description"),
    Prop("parameters", "parameters"),
    Prop("lastRefreshed", "last_refreshed"),
)
catalog = Resource(
    name="sys_toolCatalog",
    plural="sys_toolCatalogs",
    records=agents.CATALOG,
    id_param="sys_toolCatalogId",
    fields=CATALOG_FIELDS,
    filters={
        "serviceName": flt.FilterSpec("serviceName", ToolCatalogEntry.service_name, Kind.STRING),
        "toolName": flt.FilterSpec("toolName", ToolCatalogEntry.tool_name, Kind.STRING),
    },
)
CatalogRecord = resource_record(catalog)
mount(
    router,
    catalog,
    "/v1/toolcatalog",
    ops=("list",),
    names={"list": "listToolCatalog"},
    tags=["toolCatalog"],
    record=CatalogRecord,
)
mount(
    router,
    catalog,
    "/v1/toolcatalogentry",
    ops=("get",),
    names={"get": "getToolCatalogEntry"},
    tags=["toolCatalog"],
    record=CatalogRecord,
)

# --- executions ---------------------------------------------------------------------------------

EXECUTION_FIELDS = (
    Prop("agentName", "agent_name"),
    Prop("agentType", "agent_type", AGENT_TYPES),
    Prop("source", "source", SOURCES),
    Prop("userId", "user_id"),
    Prop("toolName", "tool_name"),
    Prop("input", "input"),
    Prop("output", "output"),
    Prop("toolCalls", "tool_calls"),
    Prop("tokenUsage", "token_usage"),
    Prop("durationMs", "duration_ms"),
    Prop("status", "status", STATUSES),
    Prop("error", "error"),
)
executions = Resource(
    name="sys_agentExecution",
    plural="sys_agentExecutions",
    records=agents.EXECUTIONS,
    id_param="sys_agentExecutionId",
    fields=EXECUTION_FIELDS,
    filters={
        "agentName": flt.FilterSpec("agentName", AgentExecution.agent_name, Kind.STRING),
        "agentType": flt.FilterSpec("agentType", AgentExecution.agent_type, Kind.ENUM, AGENT_TYPES),
        "source": flt.FilterSpec("source", AgentExecution.source, Kind.ENUM, SOURCES),
        "userId": flt.FilterSpec("userId", AgentExecution.user_id, Kind.ID),
        "status": flt.FilterSpec("status", AgentExecution.status, Kind.ENUM, STATUSES),
        "toolName": flt.FilterSpec("toolName", AgentExecution.tool_name, Kind.STRING),
    },
)
ExecutionRecord = resource_record(executions)
mount(
    router,
    executions,
    "/v1/agentexecutions",
    ops=("list",),
    names={"list": "listAgentExecutions"},
    tags=["agentExecutions"],
    record=ExecutionRecord,
)
mount(
    router,
    executions,
    "/v1/agentexecution",
    ops=("get",),
    names={"get": "getAgentExecution"},
    tags=["agentExecutions"],
    record=ExecutionRecord,
)
