"""NOTIFY staykit_auth whenever a partner grant or secret changes (token caches evict).

Payloads: `g:<grant id>` and `t:<secret id>`, beside 0002's `u:` and `s:`; the users
trigger already covers a token's user.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("partner_grants", "partner_secrets")


def upgrade() -> None:
    op.execute(
        """
        CREATE FUNCTION staykit_notify_partner_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'partner_grants' THEN
                PERFORM pg_notify('staykit_auth', 'g:' || OLD.id::text);
            ELSE
                PERFORM pg_notify('staykit_auth', 't:' || OLD.id::text);
            END IF;
            RETURN NULL;
        END;
        $$
        """
    )
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_notify_auth_change AFTER UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION staykit_notify_partner_change()"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_notify_auth_change ON {table}")
    op.execute("DROP FUNCTION IF EXISTS staykit_notify_partner_change()")
