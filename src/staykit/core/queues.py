"""What is waiting in the job queues (procrastinate's tables): depth and the age of the
oldest due job, per queue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_DEPTHS = text(
    """
    SELECT j.queue_name,
           count(*) AS depth,
           coalesce(extract(epoch FROM now() - min(coalesce(j.scheduled_at, e.at))), 0) AS age
    FROM procrastinate_jobs j
    LEFT JOIN procrastinate_events e ON e.job_id = j.id AND e.type = 'deferred'
    WHERE j.status = 'todo' AND (j.scheduled_at IS NULL OR j.scheduled_at <= now())
    GROUP BY j.queue_name
    """
)


@dataclass(frozen=True)
class QueueDepth:
    queue: str
    depth: int  # jobs due and not started
    oldest_seconds: float  # how long the oldest of them has waited


async def queue_depths(session: AsyncSession) -> list[QueueDepth]:
    rows = (await session.execute(_DEPTHS)).all()
    return [QueueDepth(str(r.queue_name), int(r.depth), max(0.0, float(r.age))) for r in rows]
