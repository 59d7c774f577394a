"""The process's fan-out of live events: one LISTEN connection (channel staykit_live) per
server process, handing each notification to the streams of its user in this process.
Not one connection per stream: a thousand open streams cost one connection.

A stream subscribes before it reads where it starts, so nothing falls between its
replay and what the hub hands it; it skips numbers it has sent and reads the table
whenever it sees a gap (or a note too large to carry its data). When the listening
connection drops, every stream is told to catch up from the table once it is back, and
streams poll the table at each heartbeat meanwhile: a lost NOTIFY delays, never loses.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import psycopg
import structlog

from staykit.core.db import libpq_url
from staykit.domain.notifications.live import CHANNEL, parse_note

log = structlog.get_logger(__name__)

Item = tuple[int, str, dict[str, Any] | None]  # (number, kind, data or None)


class Subscriber:
    """One open stream of one user."""

    def __init__(self, user_id: uuid.UUID) -> None:
        self.user_id = user_id
        self.pending: list[Item] = []
        self.resync = False  # read the table: something may have been missed
        self.closed = False
        self.wake = asyncio.Event()

    def put(self, item: Item) -> None:
        self.pending.append(item)
        self.wake.set()

    def take(self) -> list[Item]:
        items, self.pending = self.pending, []
        self.wake.clear()
        return items


class LiveHub:
    def __init__(self) -> None:
        self.listening = False
        self.closed = False
        self._subscribers: dict[uuid.UUID, set[Subscriber]] = {}

    def subscribe(self, user_id: uuid.UUID) -> Subscriber:
        sub = Subscriber(user_id)
        if self.closed:
            sub.closed = True
        self._subscribers.setdefault(user_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        subs = self._subscribers.get(sub.user_id)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self._subscribers[sub.user_id]

    def __len__(self) -> int:
        return sum(len(s) for s in self._subscribers.values())

    def apply(self, payload: str) -> None:
        """A note from PostgreSQL: hand it to the user's streams in this process."""
        try:
            user_id, seq, kind, data = parse_note(payload)
        except (ValueError, KeyError, TypeError):
            log.warning("unreadable live note")
            self.lost()
            return
        for sub in self._subscribers.get(user_id, ()):
            sub.put((seq, kind, data))

    def lost(self) -> None:
        """Notes may have been missed: every stream catches up from the table."""
        for subs in self._subscribers.values():
            for sub in subs:
                sub.resync = True
                sub.wake.set()

    def close(self) -> None:
        """Shutting down: every stream ends (and no new one stays open)."""
        self.closed = True
        for subs in self._subscribers.values():
            for sub in subs:
                sub.closed = True
                sub.wake.set()


live_hub = LiveHub()


async def listen(database_url: str, hub: LiveHub = live_hub) -> None:
    """Keep the LISTEN connection open for the life of the process; reconnect on failure."""
    delay = 0.5
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                libpq_url(database_url), autocommit=True
            ) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                hub.listening = True
                hub.lost()  # whatever came while nobody listened is in the table
                delay = 0.5
                async for note in conn.notifies():
                    hub.apply(note.payload)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database went away: streams poll until it is back
            log.warning("live stream listener lost its connection", error=str(exc))
        finally:
            hub.listening = False
        await asyncio.sleep(delay)
        delay = min(delay * 2, 10.0)


@contextlib.asynccontextmanager
async def running(database_url: str, hub: LiveHub = live_hub) -> AsyncIterator[LiveHub]:
    """Run the listener for the duration of the block (the app's lifespan)."""
    hub.closed = False
    task = asyncio.create_task(listen(database_url, hub))
    for _ in range(200):  # wait up to ~2 s for LISTEN; streams poll until then
        if hub.listening:
            break
        await asyncio.sleep(0.01)
    try:
        yield hub
    finally:
        hub.close()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
