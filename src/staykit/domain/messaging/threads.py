"""A reservation's conversation, found or created without a race, and its counters.

Two first messages to one reservation, sent at once, must land in one thread. Each
sender INSERTs the thread with ON CONFLICT DO NOTHING and then SELECTs the open one: the
unique indexes on open threads make the second INSERT wait for the first transaction and
then do nothing, and its SELECT (a new snapshot under READ COMMITTED) finds the winner's
row. Counters move by one UPDATE each (`message_count = message_count + 1`), which takes
the row's lock, so concurrent senders queue there and no count is lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import CTE, ColumnElement, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.ids import uuid7
from staykit.domain.booking.models import Reservation
from staykit.domain.messaging.models import MessageThread


async def thread_of_reservation(
    session: AsyncSession, reservation: Reservation, *, opened_by: uuid.UUID | None
) -> uuid.UUID:
    """The id of the reservation's open thread, created when it has none."""
    now = utcnow()
    await session.execute(
        insert(MessageThread)
        .values(
            id=uuid7(),
            is_active=True,
            record_version=1,
            created_at=now,
            updated_at=now,
            owner_id=opened_by,
            business_id=reservation.business_id,
            property_id=reservation.property_id,
            unit_type_id=reservation.unit_type_id,
            reservation_id=reservation.id,
            guest_id=reservation.guest_id,
            host_id=reservation.host_id,
            is_open=True,
            message_count=0,
        )
        .on_conflict_do_nothing()
    )
    thread_id = await session.scalar(
        select(MessageThread.id).where(
            MessageThread.reservation_id == reservation.id,
            MessageThread.is_open,
            MessageThread.is_active,
        )
    )
    if thread_id is None:  # pragma: no cover - the indexes make this unreachable
        raise RuntimeError(f"no open thread for reservation {reservation.id}")
    return thread_id


def counted(thread_id: Any, sent_at: Any, condition: ColumnElement[bool] | None = None) -> CTE:
    """One more message in the thread: the UPDATE as a CTE of the message's INSERT, so
    the two are one round trip (see the module doc for why it never loses a count).
    `condition` is the INSERT's own: both count, or neither."""
    stmt = update(MessageThread).where(MessageThread.id == thread_id)
    if condition is not None:
        stmt = stmt.where(condition)
    return (
        stmt.values(
            message_count=MessageThread.message_count + 1,
            last_message_at=func.greatest(MessageThread.last_message_at, sent_at),
            record_version=MessageThread.record_version + 1,
            updated_at=sent_at,
        )
        .returning(MessageThread.id)
        .cte("counted_thread")
    )


async def lock_conversations(session: AsyncSession, reservation_ids: Iterable[uuid.UUID]) -> None:
    """Serialise writers of these reservations' conversations until the transaction ends,
    taking the locks in sorted order: two requests that each send to the same bookings,
    in different orders, queue instead of deadlocking on each other's thread rows."""
    keys = [f"conversation:{rid}" for rid in sorted(set(reservation_ids))]
    if not keys:
        return
    await session.execute(
        text(
            "WITH wanted AS MATERIALIZED (SELECT k FROM unnest(CAST(:keys AS text[])) AS k "
            "ORDER BY k) SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) "
            "FROM wanted"
        ),
        {"keys": keys},
    )
