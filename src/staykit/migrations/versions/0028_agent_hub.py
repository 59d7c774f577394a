"""The agent hub: agent overrides, the log of agent executions (every MCP tool call) and
the catalog of tools the marketplace services offer.

agent_overrides: one active override per agent name (a partial unique index: deleting
frees the name); the bounds the API checks are checks here too.
agent_executions: written in their own transaction by the MCP endpoint; read newest first,
by user for a user's own list.
tool_catalog: one row per tool name, rewritten by the refresh job.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
JSONB = postgresql.JSONB(astext_type=sa.Text())


def _record() -> list[sa.Column[object]]:
    """The columns every record has (staykit.core.models.Record)."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", TS, server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", TS, server_default=sa.func.now(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "agent_overrides",
        *_record(),
        sa.Column("agent_name", sa.String(length=100), nullable=False),
        sa.Column("provider", sa.String(length=50), nullable=True),
        sa.Column("model", sa.String(length=100), nullable=True),
        sa.Column("system_prompt", sa.Text(), nullable=True),
        sa.Column("temperature", sa.Float(), nullable=True),
        sa.Column("max_tokens", sa.Integer(), nullable=True),
        sa.Column("response_format", sa.String(length=10), nullable=True),
        sa.Column("selected_tools", JSONB, nullable=True),
        sa.Column("guardrails", JSONB, nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "temperature >= 0 AND temperature <= 2", name=op.f("ck_agent_overrides_temperature")
        ),
        sa.CheckConstraint(
            "max_tokens BETWEEN 1 AND 200000", name=op.f("ck_agent_overrides_max_tokens")
        ),
        sa.CheckConstraint(
            "response_format IN ('text', 'json')", name=op.f("ck_agent_overrides_response_format")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_overrides")),
    )
    op.create_index(
        "uq_agent_overrides_agent_name",
        "agent_overrides",
        ["agent_name"],
        unique=True,
        postgresql_where=sa.text("is_active"),
    )
    op.create_table(
        "agent_executions",
        *_record(),
        sa.Column("agent_name", sa.String(length=200), nullable=False),
        sa.Column("agent_type", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("tool_name", sa.String(length=200), nullable=True),
        sa.Column("input", JSONB, nullable=True),
        sa.Column("output", JSONB, nullable=True),
        sa.Column("tool_calls", sa.Integer(), nullable=False),
        sa.Column("token_usage", JSONB, nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "agent_type IN ('design', 'dynamic')", name=op.f("ck_agent_executions_agent_type")
        ),
        sa.CheckConstraint(
            "source IN ('rest', 'sse', 'kafka', 'agent')", name=op.f("ck_agent_executions_source")
        ),
        sa.CheckConstraint(
            "status IN ('success', 'error', 'timeout')", name=op.f("ck_agent_executions_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_executions")),
    )
    op.create_index(
        "ix_agent_executions_user_created", "agent_executions", ["user_id", "created_at"]
    )
    op.create_index("ix_agent_executions_created", "agent_executions", ["created_at"])
    op.create_table(
        "tool_catalog",
        *_record(),
        sa.Column("tool_name", sa.String(length=200), nullable=False),
        sa.Column("service_name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parameters", JSONB, nullable=False),
        sa.Column("last_refreshed", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tool_catalog")),
        sa.UniqueConstraint("tool_name", name=op.f("uq_tool_catalog_tool_name")),
    )
    op.create_index("ix_tool_catalog_service_name", "tool_catalog", ["service_name"])


def downgrade() -> None:
    op.drop_table("tool_catalog")
    op.drop_table("agent_executions")
    op.drop_table("agent_overrides")
