"""The agent hub's rules: who may read and change overrides, executions and the tool
catalog; an override's checks; writing an execution; refreshing the catalog.

- Overrides are admin-only (read and write). A null field falls back to the design-time
  default; `selectedTools` must name tools of the catalog (400 naming the first missing
  one); `agentName` is unique among active overrides (409). The editor is `updatedBy`.
- Executions are read by admins (all of them) and users (their own); they are written
  by the runner of an agent (`log_execution`), never through the API.
- The catalog is read by any signed-in user and rewritten by `refresh_catalog` from the
  services' documents (a periodic job, and once when the server starts).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.agents.models import AgentExecution, AgentOverride, ToolCatalogEntry
from staykit.domain.agents.tools import ServiceDocument, ToolSpec, tools_of
from staykit.domain.auth import policy
from staykit.domain.records import Records, UniqueRule

# --- overrides ----------------------------------------------------------------------------------


async def check_selected_tools(session: AsyncSession, tools: Sequence[str] | None) -> None:
    """Every selected tool is in the catalog (active); 400 naming the first that is not."""
    if not tools:
        return
    known = set(
        (
            await session.scalars(
                select(ToolCatalogEntry.tool_name).where(
                    ToolCatalogEntry.tool_name.in_(list(tools)),
                    ToolCatalogEntry.is_active.is_(True),
                )
            )
        ).all()
    )
    for index, name in enumerate(tools):
        if name not in known:
            raise InvalidInput(
                f"selectedTools: {name!r} is not a tool of the catalog "
                "(GET /agenthub-api/v1/toolcatalog lists them).",
                code="selectedToolsIsInvalid",
                field=f"selected_tools.{index}",
            )


async def _before_create(
    session: AsyncSession, principal: Principal | None, row: AgentOverride, _command: Any
) -> None:
    await check_selected_tools(session, row.selected_tools)
    row.updated_by = principal.user_id if principal is not None else None


async def _before_update(
    session: AsyncSession, principal: Principal | None, row: AgentOverride, changes: Any
) -> None:
    if "selected_tools" in changes:
        await check_selected_tools(session, changes["selected_tools"])
    row.updated_by = principal.user_id if principal is not None else None


OVERRIDES = Records(
    AgentOverride,
    "agentOverride",
    id_field="agent_override_id",
    may_read=policy.require_admin,
    may_create=policy.require_admin,
    may_update=policy.require_admin,
    may_delete=policy.require_admin,
    before_create=_before_create,
    before_update=_before_update,
    unique=(
        UniqueRule(
            "uq_agent_overrides_agent_name",
            "agent_name",
            "An override for this agentName already exists: update it instead.",
            "agentNameAlreadyExists",
        ),
    ),
)

# --- executions ---------------------------------------------------------------------------------


def readable_executions(principal: Principal | None) -> ColumnElement[bool]:
    """Admins see every execution; a user sees the executions run for them."""
    me = policy.require_login(principal)
    if me.is_admin:
        return true()
    return AgentExecution.user_id == me.user_id


async def _check_execution(
    _session: AsyncSession, principal: Principal | None, row: AgentExecution
) -> None:
    me = policy.require_login(principal)
    if not me.is_admin and row.user_id != me.user_id:
        raise EXECUTIONS.not_found(row.id)  # another user's: as if it did not exist


EXECUTIONS = Records(
    AgentExecution,
    "agentExecution",
    id_field="agent_execution_id",
    readable=readable_executions,
    may_read=policy.require_login,
    check_read=_check_execution,
)

# What an execution keeps of its input and output: secrets never, and at most this much.
MAX_LOGGED_BYTES = 4096
SECRET_WORDS = ("password", "secret", "token", "authorization", "cookie", "apikey", "cvc")
SECRET_NAMES = frozenset({"key", "cardnumber", "card_number", "otp", "code"})


def _is_secret(name: str) -> bool:
    low = name.lower().replace("-", "")
    return low in SECRET_NAMES or any(word in low for word in SECRET_WORDS)


def without_secrets(value: Any) -> Any:
    """`value` with every property whose name says it is a secret dropped, at any depth."""
    if isinstance(value, Mapping):
        return {str(k): without_secrets(v) for k, v in value.items() if not _is_secret(str(k))}
    if isinstance(value, list | tuple):
        return [without_secrets(v) for v in value]
    return value


def loggable(value: Any, limit: int = MAX_LOGGED_BYTES) -> dict[str, Any] | None:
    """What an execution row stores of an input or output: secrets dropped, and when the
    JSON is longer than `limit`, its first `limit` characters as a preview."""
    if value is None:
        return None
    clean = without_secrets(value)
    text = json.dumps(clean, default=str, ensure_ascii=False)
    if len(text) > limit:
        return {"truncated": True, "size": len(text), "preview": text[:limit]}
    return clean if isinstance(clean, dict) else {"value": clean}


@dataclass(frozen=True, slots=True)
class NewExecution:
    agent_name: str
    agent_type: str  # design | dynamic
    source: str  # rest | sse | kafka | agent
    user_id: uuid.UUID | None
    status: str  # success | error | timeout
    duration_ms: int
    tool_name: str | None = None
    input: Any = None
    output: Any = None
    tool_calls: int = 1
    error: str | None = None
    token_usage: dict[str, int] | None = None


def _execution_row(command: NewExecution) -> dict[str, Any]:
    return {
        "agent_name": command.agent_name[:200] or "unknown",
        "agent_type": command.agent_type,
        "source": command.source,
        "user_id": command.user_id,
        "tool_name": command.tool_name,
        "input": loggable(command.input),
        "output": loggable(command.output),
        "tool_calls": command.tool_calls,
        "token_usage": command.token_usage,
        "duration_ms": max(0, command.duration_ms),
        "status": command.status,
        "error": None if command.error is None else command.error[:MAX_LOGGED_BYTES],
        "owner_id": command.user_id,
    }


async def log_execution(session: AsyncSession, command: NewExecution) -> AgentExecution:
    """One agent execution, its input and output made loggable. The caller commits (on
    a session of its own, so that the run's failure does not take the log with it)."""
    row = AgentExecution(**_execution_row(command))
    session.add(row)
    await session.flush()
    return row


async def log_executions(
    session: AsyncSession, commands: Sequence[tuple[NewExecution, datetime]]
) -> None:
    """Many executions, each with the moment it ended, in one INSERT (the MCP endpoint
    writes its calls' log rows in batches: one statement per batch, not per call)."""
    if commands:
        rows = [{**_execution_row(c), "created_at": at, "updated_at": at} for c, at in commands]
        await session.execute(insert(AgentExecution), rows)


# --- the tool catalog ---------------------------------------------------------------------------

CATALOG = Records(
    ToolCatalogEntry,
    "toolCatalogEntry",
    id_field="tool_catalog_id",
    may_read=policy.require_login,
    order_by=lambda m: (m.service_name, m.tool_name, m.id),
)

DocumentSource = Callable[[], Iterable[ServiceDocument]]
_sources: list[DocumentSource] = []


def provide_documents(source: DocumentSource) -> None:
    """Where the catalog job finds the services' documents: the process that mounts the
    services (the server, the worker) registers them; the domain never imports the API."""
    if source not in _sources:
        _sources.append(source)


def current_tools() -> list[ToolSpec]:
    """The tools of every registered source's services."""
    return tools_of(doc for source in _sources for doc in source())


async def refresh_catalog(session: AsyncSession, tools: Sequence[ToolSpec]) -> int:
    """The catalog becomes `tools`: new ones are added, known ones rewritten (and made
    active again), the ones no service offers any more made inactive. Returns the count."""
    now = utcnow()
    if tools:
        rows = [
            {
                "id": uuid.uuid4(),
                "tool_name": t.name,
                "service_name": t.service,
                "description": t.description,
                "parameters": t.input_schema,
                "last_refreshed": now,
            }
            for t in tools
        ]
        stmt = insert(ToolCatalogEntry).values(rows)
        stmt = stmt.on_conflict_do_update(
            index_elements=[ToolCatalogEntry.tool_name],
            set_={
                "service_name": stmt.excluded.service_name,
                "description": stmt.excluded.description,
                "parameters": stmt.excluded.parameters,
                "last_refreshed": stmt.excluded.last_refreshed,
                "is_active": True,
                "updated_at": now,
                "record_version": ToolCatalogEntry.record_version + 1,
            },
        )
        await session.execute(stmt)
    await session.execute(
        update(ToolCatalogEntry)
        .where(
            ToolCatalogEntry.tool_name.not_in([t.name for t in tools]),
            ToolCatalogEntry.is_active.is_(True),
        )
        .values(is_active=False, updated_at=now, last_refreshed=now)
        .execution_options(synchronize_session=False)
    )
    await session.flush()
    return len(tools)
