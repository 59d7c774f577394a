"""The notification service: in-app notifications, push devices, preferences, and the
per-user live event log the SSE stream replays from.

notifications: a user's in-app notifications; `seq` is its number in the user's live
stream.

push_devices: Web Push subscriptions (endpoint and the browser's keys); one active row
per endpoint.

notification_preferences: the channels a user chose per event (only what they changed).

live_cursors, live_events: each user's live stream, numbered per user. The writer bumps
the user's cursor row (and holds its lock until commit), so a user's events commit in
the order of their numbers; the stream replays `seq > Last-Event-ID` from live_events.
A NOTIFY on channel staykit_live (sent by the writer, delivered on commit) wakes the
streams in every server process.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-09
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

UUID = postgresql.UUID(as_uuid=True)
TS = sa.DateTime(timezone=True)


def _record() -> list[sa.Column[object]]:
    return [
        sa.Column("id", UUID, primary_key=True),
        sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("record_version", sa.Integer, nullable=False, server_default=sa.text("1")),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("owner_id", UUID, nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "notifications",
        *_record(),
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_notifications_user_id_users"),
            nullable=False,
        ),
        sa.Column("event", sa.String(60), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column(
            "sender_id",
            UUID,
            sa.ForeignKey("users.id", ondelete="SET NULL", name="fk_notifications_sender_id_users"),
            nullable=True,
        ),
        sa.Column("seen_at", TS, nullable=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.CheckConstraint("char_length(title) BETWEEN 1 AND 200", name="ck_notifications_title"),
        sa.CheckConstraint("char_length(body) <= 2000", name="ck_notifications_body"),
        sa.PrimaryKeyConstraint("id", name="pk_notifications"),
    )
    op.create_index("ix_notifications_user_created", "notifications", ["user_id", "created_at"])
    op.create_index(
        "ix_notifications_user_unseen",
        "notifications",
        ["user_id"],
        postgresql_where=sa.text("seen_at IS NULL AND is_active"),
    )

    op.create_table(
        "push_devices",
        *_record(),
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_push_devices_user_id_users"),
            nullable=False,
        ),
        sa.Column("endpoint", sa.String(2048), nullable=False),
        sa.Column("p256dh", sa.String(200), nullable=False),
        sa.Column("auth", sa.String(100), nullable=False),
        sa.Column("name", sa.String(100), nullable=True),
        sa.Column("last_pushed_at", TS, nullable=True),
        sa.Column("retired_reason", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_push_devices"),
    )
    op.create_index(
        "uq_push_devices_active_endpoint",
        "push_devices",
        ["endpoint"],
        unique=True,
        postgresql_where=sa.text("is_active"),
    )
    op.create_index(
        "ix_push_devices_user", "push_devices", ["user_id"], postgresql_where=sa.text("is_active")
    )

    op.create_table(
        "notification_preferences",
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_notification_preferences_user_id_users"
            ),
            nullable=False,
        ),
        sa.Column("channels", postgresql.JSONB, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_notification_preferences"),
    )

    op.create_table(
        "live_cursors",
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_live_cursors_user_id_users"),
            nullable=False,
        ),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_live_cursors"),
    )
    op.create_table(
        "live_events",
        sa.Column(
            "user_id",
            UUID,
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_live_events_user_id_users"),
            nullable=False,
        ),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "seq", name="pk_live_events"),
    )
    op.create_index("ix_live_events_created", "live_events", ["created_at"])


def downgrade() -> None:
    op.drop_table("live_events")
    op.drop_table("live_cursors")
    op.drop_table("notification_preferences")
    op.drop_table("push_devices")
    op.drop_table("notifications")
