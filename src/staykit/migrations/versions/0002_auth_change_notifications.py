"""NOTIFY staykit_auth whenever a user or a login session changes (session caches evict).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION staykit_notify_auth_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'users' THEN
                PERFORM pg_notify('staykit_auth', 'u:' || OLD.id::text);
            ELSE
                PERFORM pg_notify('staykit_auth', 's:' || OLD.id::text);
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for table in ("users", "auth_sessions"):
        op.execute(
            f"CREATE TRIGGER {table}_notify_auth_change AFTER UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION staykit_notify_auth_change()"
        )


def downgrade() -> None:
    for table in ("users", "auth_sessions"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_auth_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS staykit_notify_auth_change()")
