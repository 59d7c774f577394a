"""The per-user send rate limit of marketplace messages: at most `limit` messages in any
`window` (a sliding window), counted from the messages table itself.

Counting the sender's own committed messages needs no second store and holds across
every server process (the login throttle counts its failures the same way). Two sends
of one user at once must not both pass on the same count: each takes a transaction-level
advisory lock on the user first, so a user's sends queue (other users' do not), and the
second counts the first once it has committed. The count must be a statement after the
one that took the lock: under READ COMMITTED a statement sees what was committed when it
began, so a count in the locking statement would miss the sender it waited for. A
marketplace send takes the lock in the statement reading its thread (`rate_lock`) and
counts in its INSERT (`within_rate_parameters`: nothing is inserted over the rate); only a refused
send reads the window again (`check_send_rate`) to say when to retry.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.core.errors import TooManyRequests
from staykit.domain.messaging.models import Message


@dataclass(frozen=True, slots=True)
class SendLimits:
    """What one marketplace message may be: how many a user sends per window, how long."""

    per_window: int
    window_seconds: int
    max_chars: int


class SendingTooFast(TooManyRequests):
    code = "messageRateLimited"


def _blocking(user_id: Any, since: Any, skip: Any) -> Select[datetime]:
    """The per_window-th newest message inside the window (skip = per_window - 1): with
    it there, one more is over."""
    return (
        select(Message.sent_at)
        .where(Message.sender_id == user_id, Message.sent_at > since)
        .order_by(Message.sent_at.desc())
        .offset(skip)
        .limit(1)
    )


def within_rate_parameters() -> ColumnElement[bool]:
    """True while the sender has sent fewer than `per_window` messages in the window: a
    condition for the INSERT of their next one (the lock must be held already), with the
    bind parameters `SendRate.parameters` gives."""
    return ~exists(
        _blocking(
            bindparam("rate_sender", type_=Message.__table__.c.sender_id.type),
            bindparam("rate_since", type_=Message.__table__.c.sent_at.type),
            bindparam("rate_skip", type_=Integer()),
        )
    )


@dataclass(frozen=True, slots=True)
class SendRate:
    """Whose rate a send is held to, and which."""

    user_id: uuid.UUID
    limits: SendLimits

    def parameters(self, now: datetime) -> dict[str, Any]:
        return {
            "rate_sender": self.user_id,
            "rate_since": now - timedelta(seconds=self.limits.window_seconds),
            "rate_skip": self.limits.per_window - 1,
        }


def sending_too_fast(limits: SendLimits, wait: int) -> SendingTooFast:
    return SendingTooFast(
        f"At most {limits.per_window} messages in {limits.window_seconds} seconds; "
        f"try again in {max(1, wait)} seconds.",
        retry_after=max(1, wait),
        field="content",
    )


def rate_key(user_id: uuid.UUID) -> str:
    """The name of the user's send lock."""
    return f"message-rate:{user_id}"


def rate_lock(user_id: uuid.UUID | None = None) -> ColumnElement[object]:
    """A column expression taking the user's send lock until the transaction ends; with
    no user, the lock named by the bind parameter `rate_key` (a statement built once)."""
    key = bindparam("rate_key", type_=String()) if user_id is None else rate_key(user_id)
    return func.pg_advisory_xact_lock(func.hashtextextended(key, 0))


async def check_send_rate(
    session: AsyncSession, user_id: uuid.UUID, limits: SendLimits, *, locked: bool = False
) -> None:
    """SendingTooFast (429, Retry-After: when the oldest counted message leaves the
    window) when the user has sent `per_window` messages in the last window. Takes the
    user's lock first, unless an earlier statement of the transaction took it
    (`locked`: see the module doc)."""
    if not locked:
        await session.execute(select(rate_lock(user_id)))
    now = utcnow()
    window = timedelta(seconds=limits.window_seconds)
    blocking = await session.scalar(_blocking(user_id, now - window, limits.per_window - 1))
    if blocking is None:
        return
    raise sending_too_fast(limits, math.ceil((blocking + window - now).total_seconds()))
