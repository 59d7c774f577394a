"""An index for reading a business's reservations by stay dates: (business_id, departure).

The Cloud API's /reservations/byDate and /rates/reserved/byDate (stays with departure >
from and arrival <= to) and the Channel API's GET /bookings (by default the bookings not
yet departed; its departure and arrival filters) select by departure first: with this
index a window near today reads the current and future stays, not the business's whole
history.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_reservations_business_departure", "reservations", ["business_id", "departure"]
    )


def downgrade() -> None:
    op.drop_index("ix_reservations_business_departure", table_name="reservations")
