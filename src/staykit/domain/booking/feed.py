"""The reservation change feed: every change, in (updated_at, id) order, with a cursor that
never skips one, even while reservations are being changed during paging.

Why a plain `updated_at > cursor` would skip: a transaction that started at T1 writes
updated_at = T1 (the database's transaction time, models.Reservation) but may commit after
a reader has already read rows up to T2 > T1 and moved its cursor past T1; the late row is
then behind the cursor for ever.

So a page only returns rows strictly older than the HORIZON: the start time of the oldest
transaction still open on this database (pg_stat_activity; this process's own role sees
its sessions). Any transaction that is still to commit started at or after the horizon,
so every row it writes will have updated_at >= horizon and lands after the cursor. A row
changed again during paging moves to the end of the feed and is returned again: every
change at least once, in order. The price: a long-open transaction holds the feed back
(never wrong, only later), so keep transactions short; `lag` reports it.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.errors import InvalidInput
from staykit.domain.booking.models import Reservation

MAX_LIMIT = 1000

_HORIZON_SQL = text(
    """
    SELECT least(
        statement_timestamp(),
        (SELECT min(xact_start) FROM pg_stat_activity
          WHERE datname = current_database()
            AND backend_type = 'client backend'
            AND pid <> pg_backend_pid()
            AND xact_start IS NOT NULL)
    )
    """
)


@dataclass(frozen=True)
class Cursor:
    after_at: datetime
    after_id: uuid.UUID

    def encode(self) -> str:
        raw = f"{self.after_at.isoformat()}|{self.after_id}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str, *, field: str = "cursor") -> Cursor:
        try:
            padded = value + "=" * (-len(value) % 4)
            at, _, ident = base64.urlsafe_b64decode(padded.encode()).decode().partition("|")
            parsed = datetime.fromisoformat(at)
            if parsed.tzinfo is None:
                raise ValueError(at)
            return cls(parsed, uuid.UUID(ident))
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(
                f"{field} is not a cursor this feed handed out.",
                code=f"{field}IsInvalid",
                field=field,
            ) from None


@dataclass
class FeedPage:
    rows: list[Reservation]
    next: Cursor | None  # where the next page starts (None: nothing returned)
    horizon: datetime


async def horizon(session: AsyncSession) -> datetime:
    # pg_stat_activity is cached per transaction: read it afresh.
    await session.execute(text("SELECT pg_stat_clear_snapshot()"))
    value = await session.scalar(_HORIZON_SQL)
    assert value is not None
    return value


async def changes(
    session: AsyncSession,
    *,
    business_ids: Sequence[uuid.UUID] | None,
    since: datetime | None = None,
    after: Cursor | None = None,
    limit: int = 100,
) -> FeedPage:
    """Reservations changed after the cursor (or at/after `since`), oldest change first.
    `business_ids` scopes the feed to tenants (None: every business, for admins)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(
            f"limit must be between 1 and {MAX_LIMIT}.", code="limitIsInvalid", field="limit"
        )
    if business_ids is not None and not business_ids:
        return FeedPage([], after, await horizon(session))
    # Read the horizon in its own statement BEFORE the rows: under READ COMMITTED the rows'
    # statement then sees every transaction that had ended when the horizon was taken.
    top = await horizon(session)
    stmt = statement(business_ids=business_ids, since=since, after=after, limit=limit, horizon=top)
    rows = list(await session.scalars(stmt))
    nxt = Cursor(rows[-1].updated_at, rows[-1].id) if rows else after
    return FeedPage(rows, nxt, top)


def statement(
    *,
    business_ids: Sequence[uuid.UUID] | None,
    since: datetime | None,
    after: Cursor | None,
    limit: int,
    horizon: datetime,
) -> Select[Reservation]:
    """The rows query of `changes` (also what benchmarks EXPLAIN)."""
    stmt = select(Reservation).where(Reservation.updated_at < horizon)
    if business_ids is not None:
        stmt = stmt.where(Reservation.business_id.in_(list(business_ids)))
    if after is not None:
        # A row comparison, not `updated_at > a OR (updated_at = a AND id > b)`: the same
        # rows, but PostgreSQL makes it a range condition on (updated_at, id) of the feed
        # indexes, so a page deep in the feed starts where the cursor is instead of
        # filtering every earlier change (the OR form does under a generic plan, which
        # prepared statements switch to after a few calls).
        stmt = stmt.where(
            tuple_(Reservation.updated_at, Reservation.id) > tuple_(after.after_at, after.after_id)
        )
    elif since is not None:
        stmt = stmt.where(Reservation.updated_at >= since)
    return stmt.order_by(Reservation.updated_at, Reservation.id).limit(limit)
