"""Extensions, the job queue schema, auth and outbound messages.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 12:04:12.131244
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


EXTENSIONS = ("btree_gist", "pg_trgm", "cube", "earthdistance")


def upgrade() -> None:
    for ext in EXTENSIONS:
        op.execute(f"CREATE EXTENSION IF NOT EXISTS {ext}")
    # procrastinate's own schema, applied as one script on the raw psycopg connection
    # (simple query protocol: it holds many statements and dollar-quoted functions).
    from staykit.jobs.app import schema_sql

    raw = op.get_bind().connection.driver_connection
    assert raw is not None
    raw.execute(schema_sql())

    op.create_table(
        "auth_login_failures",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("ip_address", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_login_failures")),
    )
    op.create_index(
        "ix_auth_login_failures_email_at", "auth_login_failures", ["email", "at"], unique=False
    )
    op.create_index(
        "ix_auth_login_failures_ip_at", "auth_login_failures", ["ip_address", "at"], unique=False
    )
    op.create_table(
        "auth_signing_keys",
        sa.Column("kid", sa.String(length=64), nullable=False),
        sa.Column("private_pem", sa.Text(), nullable=False),
        sa.Column("public_pem", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("kid", name=op.f("pk_auth_signing_keys")),
    )
    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("purpose", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_messages")),
    )
    op.create_index(
        op.f("ix_outbound_messages_created_at"), "outbound_messages", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_outbound_messages_recipient"), "outbound_messages", ["recipient"], unique=False
    )
    op.create_table(
        "user_groups",
        sa.Column("group_name", sa.String(length=200), nullable=False),
        sa.Column("avatar", sa.String(length=2048), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_groups")),
    )
    op.create_index(op.f("ix_user_groups_group_name"), "user_groups", ["group_name"], unique=False)
    op.create_table(
        "users",
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("fullname", sa.String(length=200), nullable=False),
        sa.Column("avatar", sa.String(length=2048), nullable=True),
        sa.Column("role_id", sa.String(length=20), nullable=False),
        sa.Column("email_verified", sa.Boolean(), nullable=False),
        sa.Column("preferred_language", sa.String(length=20), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("mobile", sa.String(length=32), nullable=True),
        sa.Column("mobile_verified", sa.Boolean(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.CheckConstraint(
            "role_id IN ('superAdmin', 'admin', 'user')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    )
    op.create_index(
        "ix_users_fullname_trgm",
        "users",
        ["fullname"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"fullname": "gin_trgm_ops"},
    )
    op.create_index(op.f("ix_users_role_id"), "users", ["role_id"], unique=False)
    op.create_index(
        "uq_users_email_lower", "users", [sa.literal_column("lower(email)")], unique=True
    )
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("needs_email_2fa", sa.Boolean(), nullable=False),
        sa.Column("needs_mobile_2fa", sa.Boolean(), nullable=False),
        sa.Column("ip_address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=512), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_sessions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
    )
    op.create_index(op.f("ix_auth_sessions_user_id"), "auth_sessions", ["user_id"], unique=False)
    op.create_table(
        "given_permissions",
        sa.Column("permission_name", sa.String(length=200), nullable=False),
        sa.Column("role_id", sa.String(length=20), nullable=True),
        sa.Column("subject_user_id", sa.UUID(), nullable=True),
        sa.Column("subject_user_group_id", sa.UUID(), nullable=True),
        sa.Column("object_id", sa.UUID(), nullable=True),
        sa.Column("can_do", sa.Boolean(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.CheckConstraint(
            "num_nonnulls(role_id, subject_user_id, subject_user_group_id) = 1",
            name=op.f("ck_given_permissions_one_subject"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_user_group_id"],
            ["user_groups.id"],
            name=op.f("fk_given_permissions_subject_user_group_id_user_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["subject_user_id"],
            ["users.id"],
            name=op.f("fk_given_permissions_subject_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_given_permissions")),
    )
    op.create_index(
        op.f("ix_given_permissions_permission_name"),
        "given_permissions",
        ["permission_name"],
        unique=False,
    )
    op.create_index(
        op.f("ix_given_permissions_subject_user_group_id"),
        "given_permissions",
        ["subject_user_group_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_given_permissions_subject_user_id"),
        "given_permissions",
        ["subject_user_id"],
        unique=False,
    )
    op.create_table(
        "user_avatars_files",
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("file_size", sa.Integer(), nullable=False),
        sa.Column("access_key", sa.String(length=12), nullable=False),
        sa.Column("file_data", sa.LargeBinary(), nullable=False),
        sa.Column("metadata", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("user_id", sa.UUID(), nullable=True),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_avatars_files_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_avatars_files")),
        sa.UniqueConstraint("access_key", name=op.f("uq_user_avatars_files_access_key")),
    )
    op.create_index(
        op.f("ix_user_avatars_files_mime_type"), "user_avatars_files", ["mime_type"], unique=False
    )
    op.create_index(
        op.f("ix_user_avatars_files_user_id"), "user_avatars_files", ["user_id"], unique=False
    )
    op.create_table(
        "user_group_members",
        sa.Column("group_id", sa.UUID(), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("record_version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column("owner_id", sa.UUID(), nullable=True),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["user_groups.id"],
            name=op.f("fk_user_group_members_group_id_user_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_group_members_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_group_members")),
    )
    op.create_index(
        op.f("ix_user_group_members_group_id"), "user_group_members", ["group_id"], unique=False
    )
    op.create_index(
        op.f("ix_user_group_members_user_id"), "user_group_members", ["user_id"], unique=False
    )
    op.create_index(
        "uq_user_group_members_active",
        "user_group_members",
        ["group_id", "user_id"],
        unique=True,
        postgresql_where=sa.text("is_active"),
    )
    op.create_table(
        "auth_verification_codes",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("purpose", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("session_id", sa.UUID(), nullable=True),
        sa.Column("code_hash", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("consumed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["auth_sessions.id"],
            name=op.f("fk_auth_verification_codes_session_id_auth_sessions"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_verification_codes_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_verification_codes")),
    )
    op.create_index(
        "uq_auth_verification_codes_active",
        "auth_verification_codes",
        [
            "purpose",
            "user_id",
            sa.literal_column("coalesce(session_id, '00000000-0000-0000-0000-000000000000'::uuid)"),
        ],
        unique=True,
        postgresql_where=sa.text("consumed_at IS NULL"),
    )
    op.create_index(
        "ix_users_email_trgm",
        "users",
        ["email"],
        unique=False,
        postgresql_using="gin",
        postgresql_ops={"email": "gin_trgm_ops"},
    )


def downgrade() -> None:
    # The job queue's schema and the extensions stay: other databases objects may use them.
    op.drop_index("ix_users_email_trgm", table_name="users")
    op.drop_index(
        "uq_auth_verification_codes_active",
        table_name="auth_verification_codes",
        postgresql_where=sa.text("consumed_at IS NULL"),
    )
    op.drop_table("auth_verification_codes")
    op.drop_index(
        "uq_user_group_members_active",
        table_name="user_group_members",
        postgresql_where=sa.text("is_active"),
    )
    op.drop_index(op.f("ix_user_group_members_user_id"), table_name="user_group_members")
    op.drop_index(op.f("ix_user_group_members_group_id"), table_name="user_group_members")
    op.drop_table("user_group_members")
    op.drop_index(op.f("ix_user_avatars_files_user_id"), table_name="user_avatars_files")
    op.drop_index(op.f("ix_user_avatars_files_mime_type"), table_name="user_avatars_files")
    op.drop_table("user_avatars_files")
    op.drop_index(op.f("ix_given_permissions_subject_user_id"), table_name="given_permissions")
    op.drop_index(
        op.f("ix_given_permissions_subject_user_group_id"), table_name="given_permissions"
    )
    op.drop_index(op.f("ix_given_permissions_permission_name"), table_name="given_permissions")
    op.drop_table("given_permissions")
    op.drop_index(op.f("ix_auth_sessions_user_id"), table_name="auth_sessions")
    op.drop_table("auth_sessions")
    op.drop_index("uq_users_email_lower", table_name="users")
    op.drop_index(op.f("ix_users_role_id"), table_name="users")
    op.drop_index(
        "ix_users_fullname_trgm",
        table_name="users",
        postgresql_using="gin",
        postgresql_ops={"fullname": "gin_trgm_ops"},
    )
    op.drop_table("users")
    op.drop_index(op.f("ix_user_groups_group_name"), table_name="user_groups")
    op.drop_table("user_groups")
    op.drop_index(op.f("ix_outbound_messages_recipient"), table_name="outbound_messages")
    op.drop_index(op.f("ix_outbound_messages_created_at"), table_name="outbound_messages")
    op.drop_table("outbound_messages")
    op.drop_table("auth_signing_keys")
    op.drop_index("ix_auth_login_failures_ip_at", table_name="auth_login_failures")
    op.drop_index("ix_auth_login_failures_email_at", table_name="auth_login_failures")
    op.drop_table("auth_login_failures")
