"""Partner identity: OAuth clients, the grants a person gives partners (OAuth consents,
manual tenant tokens, Channel API setups, long-life tokens, API keys) and the hashed
secrets issued under them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 07:50:19.220198
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("businesses", sa.Column("credit_limit", sa.Integer(), nullable=True))
    op.create_table(
        "oauth_clients",
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("redirect_uris", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("created_by", sa.UUID(), nullable=True),
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
            ["created_by"], ["users.id"], name=op.f("fk_oauth_clients_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_clients")),
        sa.UniqueConstraint("client_id", name=op.f("uq_oauth_clients_client_id")),
    )
    op.create_table(
        "partner_grants",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.UUID(), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=True),
        sa.Column("business_ids", postgresql.ARRAY(sa.UUID()), nullable=False),
        sa.Column("scopes", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=True),
        sa.Column("device_name", sa.String(length=200), nullable=True),
        sa.Column(
            "ip_whitelist",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'"),
            nullable=False,
        ),
        sa.Column("allow_linked", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('oauth', 'tenant', 'channel', 'longlife', 'api_key')",
            name=op.f("ck_partner_grants_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["oauth_clients.client_id"],
            name=op.f("fk_partner_grants_client_id_oauth_clients"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_partner_grants_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_grants")),
    )
    op.create_index(
        "ix_partner_grants_business_ids",
        "partner_grants",
        ["business_ids"],
        unique=False,
        postgresql_using="gin",
    )
    op.create_index(
        op.f("ix_partner_grants_client_id"), "partner_grants", ["client_id"], unique=False
    )
    op.create_index(op.f("ix_partner_grants_user_id"), "partner_grants", ["user_id"], unique=False)
    op.create_table(
        "partner_secrets",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("grant_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("parent_id", sa.UUID(), nullable=True),
        sa.Column("scopes", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("idle_seconds", sa.Integer(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "extra",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        sa.CheckConstraint(
            "kind IN ('access', 'refresh', 'code', 'invite')", name=op.f("ck_partner_secrets_kind")
        ),
        sa.ForeignKeyConstraint(
            ["grant_id"],
            ["partner_grants.id"],
            name=op.f("fk_partner_secrets_grant_id_partner_grants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["partner_secrets.id"],
            name=op.f("fk_partner_secrets_parent_id_partner_secrets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_secrets")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_partner_secrets_token_hash")),
    )
    op.create_index(
        op.f("ix_partner_secrets_grant_id"), "partner_secrets", ["grant_id"], unique=False
    )
    op.create_index(
        op.f("ix_partner_secrets_parent_id"), "partner_secrets", ["parent_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_partner_secrets_parent_id"), table_name="partner_secrets")
    op.drop_index(op.f("ix_partner_secrets_grant_id"), table_name="partner_secrets")
    op.drop_table("partner_secrets")
    op.drop_index(op.f("ix_partner_grants_user_id"), table_name="partner_grants")
    op.drop_index(op.f("ix_partner_grants_client_id"), table_name="partner_grants")
    op.drop_index(
        "ix_partner_grants_business_ids", table_name="partner_grants", postgresql_using="gin"
    )
    op.drop_table("partner_grants")
    op.drop_table("oauth_clients")
    op.drop_column("businesses", "credit_limit")
