"""Scrubbing a person out of logs and free text that other people own: domain events,
webhook deliveries, payment provider events, live events, notifications and mails to
others, other people's messages that name them, calendar notes.

These rows are not the person's, so no foreign key finds them; their words are found
by value instead: the person's email, name and phone anywhere in a column, and the
exact messages they wrote as whole JSON strings (a short message is not hunted as a
substring, which would garble other people's words). Each needle is replaced by its
placeholder in place; rows without it are not touched. The audit log is not scrubbed:
it is append-only (legal retention) and holds ids and summaries, not contact details.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.gdpr.activity import message_texts
from staykit.domain.gdpr.registry import ERASED_NAME, ERASED_TEXT, Subject


@dataclass(frozen=True)
class Column:
    table: str
    column: str
    kind: str  # "text", "jsonb" or "bytea" (a row holding the needle is deleted: a cache)


# Every column outside the person's own rows where their words can end up.
COLUMNS = (
    Column("domain_events", "payload", "jsonb"),
    Column("webhook_deliveries", "payload", "jsonb"),
    Column("webhook_attempts", "response_excerpt", "text"),
    Column("payment_events", "payload", "jsonb"),
    Column("live_events", "payload", "jsonb"),
    Column("notifications", "title", "text"),
    Column("notifications", "body", "text"),
    Column("notifications", "data", "jsonb"),
    Column("outbound_messages", "recipient", "text"),
    Column("outbound_messages", "subject", "text"),
    Column("outbound_messages", "body", "text"),
    Column("messages", "content", "text"),
    Column("messages", "original_content", "text"),
    Column("reservations", "notes", "text"),
    Column("availability_blocks", "note", "text"),
    Column("ical_import_events", "summary", "text"),
    Column("invoice_items", "description", "text"),
    Column("info_items", "text", "text"),
    Column("idempotency_keys", "body", "bytea"),
    # Queued and finished jobs keep their arguments (a push's title and body).
    Column("procrastinate_jobs", "args", "jsonb"),
)


def _json_inner(value: str) -> str:
    """How `value` is written inside a JSON string as PostgreSQL prints jsonb."""
    return json.dumps(value, ensure_ascii=False)[1:-1]


async def _replace(session: AsyncSession, col: Column, needle: str, placeholder: str) -> int:
    # Names come from the constant COLUMNS above, never from input.
    if col.kind == "bytea":
        sql = (
            f"DELETE FROM {col.table} WHERE position(convert_to(:n, 'UTF8') in {col.column}) > 0"
        )
        result = await session.execute(text(sql), {"n": needle})
    elif col.kind == "jsonb":
        sql = (
            f"UPDATE {col.table} SET {col.column} = "
            f"replace({col.column}::text, :n, :p)::jsonb "
            f"WHERE strpos({col.column}::text, :n) > 0"
        )
        result = await session.execute(
            text(sql), {"n": _json_inner(needle), "p": _json_inner(placeholder)}
        )
    else:
        sql = (
            f"UPDATE {col.table} SET {col.column} = replace({col.column}, :n, :p) "
            f"WHERE strpos({col.column}, :n) > 0"
        )
        result = await session.execute(text(sql), {"n": needle, "p": placeholder})
    return int(getattr(result, "rowcount", 0) or 0)


async def _replace_whole(session: AsyncSession, col: Column, value: str) -> int:
    """A message they wrote, where it stands whole: a JSON string or a whole column."""
    if col.kind == "jsonb":
        quoted = json.dumps(value, ensure_ascii=False)
        sql = (
            f"UPDATE {col.table} SET {col.column} = replace({col.column}::text, :n, :p)::jsonb "
            f"WHERE strpos({col.column}::text, :n) > 0"
        )
        params = {"n": quoted, "p": json.dumps(ERASED_TEXT)}
    elif col.kind == "text":
        sql = f"UPDATE {col.table} SET {col.column} = :p WHERE {col.column} = :n"
        params = {"n": value, "p": ERASED_TEXT}
    else:
        sql = f"DELETE FROM {col.table} WHERE position(convert_to(:n, 'UTF8') in {col.column}) > 0"
        params = {"n": value}
    result = await session.execute(text(sql), params)
    return int(getattr(result, "rowcount", 0) or 0)


async def scrub_logs(session: AsyncSession, subject: Subject) -> int:
    """Replace the person's email, name and phone, and the messages they wrote, wherever
    COLUMNS hold them. Run before their messages are erased (they say what to look for)."""
    placeholders = {
        subject.email: subject.erased_email,
        subject.email.lower(): subject.erased_email,
        subject.fullname: ERASED_NAME,
        subject.mobile or "": ERASED_TEXT,
    }
    written = await message_texts(session, subject)
    n = 0
    for col in COLUMNS:
        for value in written:
            n += await _replace_whole(session, col, value)
        for needle in subject.identifiers():
            n += await _replace(session, col, needle, placeholders[needle])
    return n
