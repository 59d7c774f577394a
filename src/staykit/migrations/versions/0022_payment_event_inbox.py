"""The payment webhook's inbox: payment_events becomes the queue the worker processes.

The route answers the provider once an event is verified and stored (with its processing
job deferred in the same transaction); a worker processes it afterwards. Each event now
says whether and when it was processed (`processed_at`, `outcome`), and what went wrong
the last time processing failed (`attempts`, `last_error`, no payload in it) so that an
operator can see a stuck event. Events stored before this migration were processed
inline, in the transaction that stored them: they are marked processed.

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "payment_events", sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column("payment_events", sa.Column("outcome", sa.String(40), nullable=True))
    op.add_column(
        "payment_events",
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.add_column("payment_events", sa.Column("last_error", sa.String(500), nullable=True))
    op.execute("UPDATE payment_events SET processed_at = received_at, outcome = 'processedInline'")
    # The worker's sweep of events still waiting (few at any time: a partial index).
    op.create_index(
        "ix_payment_events_unprocessed",
        "payment_events",
        ["seq"],
        postgresql_where=sa.text("processed_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_payment_events_unprocessed", table_name="payment_events")
    for column in ("last_error", "attempts", "outcome", "processed_at"):
        op.drop_column("payment_events", column)
