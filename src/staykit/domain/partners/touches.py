"""When idle-limited secrets were last used, written in batches off the request path.

Refresh tokens die after 30 days unused and long-life tokens after 90, so staykit must
know when each was last used; but writing a row on every authenticated GET would turn
reads into writes. `resolve` notes a use here at most once an hour per secret, and the
app's flusher (`flush`, every minute) writes the noted ones in one statement. A crash
loses at most a minute of notes, which moves an idle limit by at most a minute.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.core.clock import utcnow
from staykit.domain.partners.models import Secret
from staykit.domain.partners.token_cache import LAST_USE_ONLY

EVERY = timedelta(hours=1)
_pending: dict[uuid.UUID, datetime] = {}


def note(secret_id: uuid.UUID, last_used_at: datetime | None, now: datetime) -> None:
    if last_used_at is not None and now - last_used_at < EVERY:
        return
    _pending[secret_id] = now


def pending() -> int:
    return len(_pending)


async def flush(session: AsyncSession) -> int:
    """Write the noted uses (never moving a last use backwards); how many were written."""
    if not _pending:
        return 0
    batch = dict(_pending)
    _pending.clear()
    latest = max(batch.values()) if batch else utcnow()
    await session.execute(
        update(Secret)
        .where(Secret.id.in_(list(batch)))
        .where((Secret.last_used_at.is_(None)) | (Secret.last_used_at < latest))
        .values(last_used_at=latest)
        .execution_options(**{LAST_USE_ONLY: True})
    )
    return len(batch)
