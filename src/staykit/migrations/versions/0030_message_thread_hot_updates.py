"""Message threads: a send's counter UPDATE becomes a HOT update.

Every message sent rewrites its thread's row (message_count, last_message_at,
record_version, updated_at). With last_message_at in an index
(ix_message_threads_business_last) no such update could be HOT: each wrote a new entry
into all seven of the table's indexes, and a busy thread's id lookups walked the dead
ones. No query used the index's second column (the thread list sorts last_message_at
DESC NULLS LAST across businesses, which it cannot serve), so it becomes an index on
business_id alone, which the tenancy filter uses; and the table keeps a fifth of each
page free (fillfactor 80) so that the new row version fits on its page, as HOT needs.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-20
"""

from __future__ import annotations

from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_message_threads_business_last", table_name="message_threads")
    op.create_index("ix_message_threads_business_id", "message_threads", ["business_id"])
    op.execute("ALTER TABLE message_threads SET (fillfactor = 80)")


def downgrade() -> None:
    op.execute("ALTER TABLE message_threads RESET (fillfactor)")
    op.drop_index("ix_message_threads_business_id", table_name="message_threads")
    op.create_index(
        "ix_message_threads_business_last",
        "message_threads",
        ["business_id", "last_message_at"],
    )
