"""The marketplace messaging API: message reports, and what messages gain for it.

- messages.media_url: a media message's link (the spec's mediaUrl).
- messages.original_content: the text as sent when contact details were masked in it
  (the masked text is `content`, which the participants read); for admins and audit.
- messages.event_id: the domain event a system message was written for, unique, so a
  reservation event writes its message once however often it is dispatched.
- ix_messages_sender_sent: a sender's messages of the last window (the send rate limit).
- message_reports: a participant's complaint about a message and an admin's handling
  (pending, reviewed, closed).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _record() -> list[sa.Column[object]]:
    """The columns every record has (staykit.core.models.Record)."""
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def upgrade() -> None:
    op.add_column("messages", sa.Column("media_url", sa.String(2048), nullable=True))
    op.add_column("messages", sa.Column("original_content", sa.Text(), nullable=True))
    op.add_column("messages", sa.Column("event_id", sa.Uuid(), nullable=True))
    op.create_unique_constraint(op.f("uq_messages_event_id"), "messages", ["event_id"])
    op.create_index("ix_messages_sender_sent", "messages", ["sender_id", "sent_at"])
    op.create_table(
        "message_reports",
        *_record(),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("reported_by", sa.Uuid(), nullable=False),
        sa.Column("report_reason", sa.String(500), nullable=False),
        sa.Column("moderation_status", sa.String(8), nullable=False),
        sa.Column("admin_id", sa.Uuid(), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolution_notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "moderation_status IN ('pending', 'reviewed', 'closed')",
            name=op.f("ck_message_reports_moderation_status"),
        ),
        sa.CheckConstraint(
            "char_length(report_reason) BETWEEN 1 AND 500",
            name=op.f("ck_message_reports_report_reason"),
        ),
        sa.CheckConstraint(
            "char_length(resolution_notes) <= 5000",
            name=op.f("ck_message_reports_resolution_notes"),
        ),
        _fk("message_reports", "message_id", "messages"),
        _fk("message_reports", "reported_by", "users"),
        _fk("message_reports", "admin_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_reports")),
    )
    op.create_index("ix_message_reports_message_id", "message_reports", ["message_id"])
    op.create_index("ix_message_reports_reported_by", "message_reports", ["reported_by"])


def downgrade() -> None:
    op.drop_table("message_reports")
    op.drop_index("ix_messages_sender_sent", table_name="messages")
    op.drop_constraint(op.f("uq_messages_event_id"), "messages", type_="unique")
    for column in ("event_id", "original_content", "media_url"):
        op.drop_column("messages", column)
