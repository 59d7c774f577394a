"""The search index ignores calendar entries that are created or deleted open for sale.

A listing's sold-out nights (0004) count an InventoryDay only when it is active and closes
its date (stop-sell, or an availability cap of 0). Creating or deleting an entry that does
neither cannot change them, yet every such row ran the index refresh: creating 10,000 open
entries (a Cloud API nightly-rates write on default rates, or a bulk calendar write) spent
about 2.6 s in those refreshes. The insert and delete triggers now fire only for rows that
close their date; updates still fire whenever the columns that matter change. The index
stays exact (search_index.stale_rows finds nothing more to fix).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP TRIGGER search_inventory_day_insert_delete ON inventory_days")
    op.execute(
        """
        CREATE TRIGGER search_inventory_day_insert AFTER INSERT ON inventory_days
        FOR EACH ROW WHEN (NEW.is_active AND (NEW.stop_sell OR NEW.availability_cap = 0))
        EXECUTE FUNCTION search_on_inventory_day()
        """
    )
    op.execute(
        """
        CREATE TRIGGER search_inventory_day_delete AFTER DELETE ON inventory_days
        FOR EACH ROW WHEN (OLD.is_active AND (OLD.stop_sell OR OLD.availability_cap = 0))
        EXECUTE FUNCTION search_on_inventory_day()
        """
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER search_inventory_day_delete ON inventory_days")
    op.execute("DROP TRIGGER search_inventory_day_insert ON inventory_days")
    op.execute(
        """
        CREATE TRIGGER search_inventory_day_insert_delete AFTER INSERT OR DELETE ON inventory_days
        FOR EACH ROW EXECUTE FUNCTION search_on_inventory_day()
        """
    )
