"""Domain events record how the acting principal came in: its credential, the partner
client behind it and the API surface, beside the acting user (actor_id). Events written
before this revision keep NULL there (unknown).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 00:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("domain_events", sa.Column("credential", sa.String(length=20), nullable=True))
    op.add_column("domain_events", sa.Column("client_id", sa.String(length=100), nullable=True))
    op.add_column("domain_events", sa.Column("surface", sa.String(length=20), nullable=True))


def downgrade() -> None:
    op.drop_column("domain_events", "surface")
    op.drop_column("domain_events", "client_id")
    op.drop_column("domain_events", "credential")
