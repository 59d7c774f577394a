"""Messaging: threads, messages and attachments, one model for every surface (the Channel
API's /bookings/messages now, the marketplace's messaging API later).

- message_threads: a guest-host conversation in a business, about a listing (unit type)
  and/or a reservation. At most one open, active thread per context (guest, host, unit
  type, reservation; a null part counts as a value: NULLS NOT DISTINCT, PostgreSQL 15)
  and per reservation, so a reservation's thread is found or created without a race.
- messages: with an integer id (the Channel API's), the thread's reservation kept beside
  it for filters, Beds24's four sources, read and hidden instants, flags. Indexed for a
  thread's messages in order, a business's newest first (keyset on sent_at, int_id), its
  unread ones, and a reservation's.
- message_attachments: one file per message, at most 1 MB, of the four types the channels
  take.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
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
    op.create_table(
        "message_threads",
        *_record(),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("property_id", sa.Uuid(), nullable=True),
        sa.Column("unit_type_id", sa.Uuid(), nullable=True),
        sa.Column("reservation_id", sa.Uuid(), nullable=True),
        sa.Column("guest_id", sa.Uuid(), nullable=True),
        sa.Column("host_id", sa.Uuid(), nullable=True),
        sa.Column("is_open", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("message_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_message_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("message_count >= 0", name=op.f("ck_message_threads_message_count")),
        _fk("message_threads", "business_id", "businesses"),
        _fk("message_threads", "property_id", "properties"),
        _fk("message_threads", "unit_type_id", "unit_types"),
        _fk("message_threads", "reservation_id", "reservations"),
        _fk("message_threads", "guest_id", "users"),
        _fk("message_threads", "host_id", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_threads")),
    )
    op.create_index(
        "ix_message_threads_business_last", "message_threads", ["business_id", "last_message_at"]
    )
    op.create_index(op.f("ix_message_threads_guest_id"), "message_threads", ["guest_id"])
    op.create_index(op.f("ix_message_threads_host_id"), "message_threads", ["host_id"])
    op.create_index(
        op.f("ix_message_threads_reservation_id"), "message_threads", ["reservation_id"]
    )
    op.create_index(
        "uq_message_threads_open_context",
        "message_threads",
        ["guest_id", "host_id", "unit_type_id", "reservation_id"],
        unique=True,
        postgresql_where=sa.text("is_open AND is_active"),
        postgresql_nulls_not_distinct=True,
    )
    op.create_index(
        "uq_message_threads_open_reservation",
        "message_threads",
        ["reservation_id"],
        unique=True,
        postgresql_where=sa.text("reservation_id IS NOT NULL AND is_open AND is_active"),
    )

    op.create_table(
        "messages",
        *_record(),
        sa.Column("int_id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("thread_id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("reservation_id", sa.Uuid(), nullable=True),
        sa.Column("sender_id", sa.Uuid(), nullable=True),
        sa.Column("source", sa.String(length=13), nullable=False),
        sa.Column("message_type", sa.String(length=6), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("is_flagged", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("flagged_by", sa.Uuid(), nullable=True),
        sa.Column("flag_reason", sa.String(length=500), nullable=True),
        sa.Column("is_moderated", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("hidden_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("hidden_by", sa.Uuid(), nullable=True),
        sa.CheckConstraint(
            "source IN ('guest', 'host', 'internal_note', 'system')",
            name=op.f("ck_messages_source"),
        ),
        sa.CheckConstraint(
            "message_type IN ('text', 'media', 'system')", name=op.f("ck_messages_message_type")
        ),
        sa.CheckConstraint(
            "char_length(content) BETWEEN 1 AND 20000", name=op.f("ck_messages_content")
        ),
        sa.CheckConstraint(
            "is_flagged OR (flagged_by IS NULL AND flag_reason IS NULL)",
            name=op.f("ck_messages_flag"),
        ),
        sa.CheckConstraint(
            "read_at IS NULL OR read_at >= sent_at", name=op.f("ck_messages_read_after_sent")
        ),
        _fk("messages", "thread_id", "message_threads"),
        _fk("messages", "business_id", "businesses"),
        _fk("messages", "reservation_id", "reservations"),
        _fk("messages", "sender_id", "users"),
        _fk("messages", "flagged_by", "users"),
        _fk("messages", "hidden_by", "users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("int_id", name=op.f("uq_messages_int_id")),
    )
    op.create_index("ix_messages_thread_sent", "messages", ["thread_id", "sent_at"])
    op.create_index("ix_messages_business_sent", "messages", ["business_id", "sent_at", "int_id"])
    op.create_index(
        "ix_messages_business_unread",
        "messages",
        ["business_id", "sent_at"],
        postgresql_where=sa.text("read_at IS NULL AND hidden_at IS NULL"),
    )
    op.create_index("ix_messages_reservation_sent", "messages", ["reservation_id", "sent_at"])

    op.create_table(
        "message_attachments",
        *_record(),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("business_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "mime_type IN ('image/jpeg', 'image/png', 'image/gif', 'application/pdf')",
            name=op.f("ck_message_attachments_mime_type"),
        ),
        sa.CheckConstraint(
            "size = octet_length(content) AND size BETWEEN 1 AND 1000000",
            name=op.f("ck_message_attachments_size"),
        ),
        sa.CheckConstraint(
            "char_length(name) BETWEEN 1 AND 255", name=op.f("ck_message_attachments_name")
        ),
        _fk("message_attachments", "message_id", "messages"),
        _fk("message_attachments", "business_id", "businesses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_attachments")),
        sa.UniqueConstraint("message_id", name=op.f("uq_message_attachments_message_id")),
    )
    op.create_index(
        op.f("ix_message_attachments_business_id"), "message_attachments", ["business_id"]
    )


def downgrade() -> None:
    op.drop_table("message_attachments")
    op.drop_table("messages")
    op.drop_table("message_threads")
