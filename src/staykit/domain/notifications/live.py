"""Each user's live stream: numbered events written in the business transaction, a NOTIFY
that wakes the streams of every server process on commit, and the replay a reconnecting
stream reads (everything after its Last-Event-ID).

Numbers are per user and taken from the user's cursor row, which the writer keeps locked
until it commits: two transactions writing to one user commit in the order of their
numbers, so a stream that has delivered number n has delivered every number before it.
A rolled-back change takes its numbers back with it (the cursor update is rolled back
too) and NOTIFY is only sent on commit, so no stream hears of it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.notifications.models import LiveCursor, LiveEvent

CHANNEL = "staykit_live"
# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a larger event is announced
# without its data and the stream reads it from the table.
MAX_NOTIFY_BYTES = 7900
REPLAY_PAGE = 500

_NEXT_NUMBERS = text(
    """
    INSERT INTO live_cursors (user_id, last_seq)
    SELECT u, 1 FROM unnest(CAST(:users AS uuid[])) AS u ORDER BY u
    ON CONFLICT (user_id) DO UPDATE SET last_seq = live_cursors.last_seq + 1
    RETURNING user_id, last_seq
    """
)
# The events and their NOTIFYs in one statement over arrays, however many users: the
# note carries the data when it fits in a NOTIFY, else only who, which number and kind.
_APPEND = text(
    """
    WITH written AS (
        INSERT INTO live_events (user_id, seq, kind, payload, created_at)
        SELECT t.u, t.s, :kind, j.p, :now
        FROM unnest(CAST(:users AS uuid[]), CAST(:seqs AS bigint[])) WITH ORDINALITY
            AS t(u, s, n)
        JOIN jsonb_array_elements(CAST(:payloads AS jsonb)) WITH ORDINALITY AS j(p, m)
            ON j.m = t.n
        RETURNING user_id, seq, payload
    ), notes AS (
        SELECT user_id, seq,
            jsonb_build_object('u', user_id, 's', seq, 'k', :kind, 'd', payload)::text AS whole
        FROM written
    )
    SELECT count(pg_notify(:channel, CASE WHEN octet_length(whole) <= :max_bytes THEN whole
        ELSE jsonb_build_object('u', user_id, 's', seq, 'k', :kind)::text END))
    FROM notes
    """
)


@dataclass(frozen=True)
class Live:
    """One event of one user's stream."""

    user_id: uuid.UUID
    seq: int
    kind: str  # notification | message
    data: dict[str, Any]


async def next_numbers(
    session: AsyncSession, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, int]:
    """The next number of each user's stream (locking their cursor rows, in id order so
    two writers never wait on each other crosswise)."""
    users = sorted(set(user_ids))
    if not users:
        return {}
    rows = await session.execute(_NEXT_NUMBERS, {"users": users})
    return {user_id: seq for user_id, seq in rows}


async def append(
    session: AsyncSession,
    kind: str,
    items: Sequence[tuple[uuid.UUID, dict[str, Any]]],
    numbers: dict[uuid.UUID, int] | None = None,
) -> list[Live]:
    """Write `kind` events (user, data) to the users' streams and announce them on commit.
    `numbers` are the users' numbers when the caller took them already (a notification
    keeps its number); each user appears at most once."""
    if not items:
        return []
    numbers = numbers or await next_numbers(session, [user for user, _ in items])
    now = utcnow()
    events = [Live(user, numbers[user], kind, data) for user, data in items]
    await session.execute(
        _APPEND,
        {
            "users": [e.user_id for e in events],
            "seqs": [e.seq for e in events],
            "payloads": json.dumps([e.data for e in events], default=str),
            "kind": kind,
            "now": now,
            "channel": CHANNEL,
            "max_bytes": MAX_NOTIFY_BYTES,
        },
    )
    return events


def parse_note(payload: str) -> tuple[uuid.UUID, int, str, dict[str, Any] | None]:
    """A NOTIFY payload back: (user, number, kind, data or None). Raises ValueError."""
    raw = json.loads(payload)
    data = raw.get("d")
    return (
        uuid.UUID(raw["u"]),
        int(raw["s"]),
        str(raw["k"]),
        data if isinstance(data, dict) else None,
    )


async def current_number(session: AsyncSession, user_id: uuid.UUID) -> int:
    """The number of the user's latest event (0: none yet)."""
    seq = await session.scalar(select(LiveCursor.last_seq).where(LiveCursor.user_id == user_id))
    return int(seq or 0)


async def after(
    session: AsyncSession, user_id: uuid.UUID, seq: int, limit: int = REPLAY_PAGE
) -> list[Live]:
    """The user's events after number `seq`, in order (at most `limit`)."""
    rows = await session.scalars(
        select(LiveEvent)
        .where(LiveEvent.user_id == user_id, LiveEvent.seq > seq)
        .order_by(LiveEvent.seq)
        .limit(limit)
    )
    return [Live(r.user_id, r.seq, r.kind, r.payload) for r in rows]


async def purge(session: AsyncSession, older_than: timedelta) -> int:
    """Forget live events older than the retention (a stream away longer than that starts
    again from now; the notifications themselves stay in their list)."""
    cutoff: datetime = utcnow() - older_than
    result = await session.execute(delete(LiveEvent).where(LiveEvent.created_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
