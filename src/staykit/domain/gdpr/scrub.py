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
from typing import Any

from sqlalchemy import LargeBinary, Text, cast, column, delete, func, table, update
from sqlalchemy.dialects.postgresql import JSONB
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


def _table(col: Column) -> tuple[Any, Any]:
    """The table and column as SQL constructs (names from COLUMNS, never from input)."""
    kinds: dict[str, Any] = {"text": Text(), "jsonb": JSONB(), "bytea": LargeBinary()}
    c: Any = column(col.column, kinds[col.kind])
    return table(col.table, c), c


async def _run(session: AsyncSession, statement: Any) -> int:
    result = await session.execute(statement)
    return int(getattr(result, "rowcount", 0) or 0)


def _bytes_hold(c: Any, needle: str) -> Any:
    # In hex, so any bytes compare; a match at an odd offset only deletes a cache row more.
    return func.strpos(func.encode(c, "hex"), needle.encode().hex()) > 0


async def _replace(session: AsyncSession, col: Column, needle: str, placeholder: str) -> int:
    t, c = _table(col)
    if col.kind == "bytea":
        return await _run(session, delete(t).where(_bytes_hold(c, needle)))
    if col.kind == "jsonb":
        as_text = cast(c, Text)
        n, p = _json_inner(needle), _json_inner(placeholder)
        return await _run(
            session,
            update(t)
            .where(func.strpos(as_text, n) > 0)
            .values({col.column: cast(func.replace(as_text, n, p), JSONB)}),
        )
    return await _run(
        session,
        update(t)
        .where(func.strpos(c, needle) > 0)
        .values({col.column: func.replace(c, needle, placeholder)}),
    )


async def _replace_whole(session: AsyncSession, col: Column, value: str) -> int:
    """A message they wrote, where it stands whole: a JSON string or a whole column."""
    t, c = _table(col)
    if col.kind == "bytea":
        return await _run(session, delete(t).where(_bytes_hold(c, value)))
    if col.kind == "jsonb":
        as_text = cast(c, Text)
        n, p = json.dumps(value, ensure_ascii=False), json.dumps(ERASED_TEXT)
        return await _run(
            session,
            update(t)
            .where(func.strpos(as_text, n) > 0)
            .values({col.column: cast(func.replace(as_text, n, p), JSONB)}),
        )
    return await _run(session, update(t).where(c == value).values({col.column: ERASED_TEXT}))


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
