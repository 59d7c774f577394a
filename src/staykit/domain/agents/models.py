"""The agent hub's tables (spec §8.1): agent_overrides, agent_executions, tool_catalog.

An override's null field means "the design-time default"; the database holds the bounds
the API checks (temperature 0-2, maxTokens 1..200000, responseFormat text|json) and one
active override per agent name. An execution row is written in its own transaction by
whoever ran the agent (the MCP endpoint for each tool call), so a failed call is logged
too. The catalog is rewritten from the services' OpenAPI documents by a periodic job."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Float, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from staykit.core.models import Base, Record

AGENT_TYPES = ("design", "dynamic")
SOURCES = ("rest", "sse", "kafka", "agent")
STATUSES = ("success", "error", "timeout")
RESPONSE_FORMATS = ("text", "json")
MAX_TOKENS = 200_000


class AgentOverride(Record, Base):
    __tablename__ = "agent_overrides"
    __table_args__ = (
        CheckConstraint("temperature >= 0 AND temperature <= 2", name="temperature"),
        CheckConstraint(f"max_tokens BETWEEN 1 AND {MAX_TOKENS}", name="max_tokens"),
        CheckConstraint("response_format IN ('text', 'json')", name="response_format"),
        # A deleted (inactive) override frees its name for a new one.
        Index(
            "uq_agent_overrides_agent_name",
            "agent_name",
            unique=True,
            postgresql_where=text("is_active"),
        ),
    )

    agent_name: Mapped[str] = mapped_column(String(100))
    provider: Mapped[str | None] = mapped_column(String(50), default=None)
    model: Mapped[str | None] = mapped_column(String(100), default=None)
    system_prompt: Mapped[str | None] = mapped_column(Text, default=None)
    temperature: Mapped[float | None] = mapped_column(Float, default=None)
    max_tokens: Mapped[int | None] = mapped_column(Integer, default=None)
    response_format: Mapped[str | None] = mapped_column(String(10), default=None)
    selected_tools: Mapped[list[str] | None] = mapped_column(JSONB, default=None)
    guardrails: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    enabled: Mapped[bool] = mapped_column(default=True)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(default=None)


class AgentExecution(Record, Base):
    __tablename__ = "agent_executions"
    __table_args__ = (
        CheckConstraint("agent_type IN ('design', 'dynamic')", name="agent_type"),
        CheckConstraint("source IN ('rest', 'sse', 'kafka', 'agent')", name="source"),
        CheckConstraint("status IN ('success', 'error', 'timeout')", name="status"),
        # A user's own executions, newest first (the list a user sees).
        Index("ix_agent_executions_user_created", "user_id", "created_at"),
        Index("ix_agent_executions_created", "created_at"),
    )

    agent_name: Mapped[str] = mapped_column(String(200))
    agent_type: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    tool_name: Mapped[str | None] = mapped_column(String(200), default=None)
    input: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    output: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    tool_calls: Mapped[int] = mapped_column(Integer, default=0)
    token_usage: Mapped[dict[str, Any] | None] = mapped_column(JSONB, default=None)
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10))
    error: Mapped[str | None] = mapped_column(Text, default=None)


class ToolCatalogEntry(Record, Base):
    __tablename__ = "tool_catalog"
    __table_args__ = (Index("ix_tool_catalog_service_name", "service_name"),)

    tool_name: Mapped[str] = mapped_column(String(200), unique=True)
    service_name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    parameters: Mapped[dict[str, Any]] = mapped_column(JSONB)
    last_refreshed: Mapped[datetime] = mapped_column()
