"""GET /notification-api/stream: the signed-in user's live stream, as Server-Sent Events.

Events: `notification` (a new in-app notification, as GET /notifications lists it),
`message` (a new message in one of the user's conversations: its ids, read it through
the messaging routes), `seen` (notifications marked seen elsewhere), and first `ready`.
Each carries `id:`, its number in the user's stream; a browser's EventSource sends the
last one back as `Last-Event-ID` when it reconnects, and the stream replays everything
after it from the table before going live (`?lastEventId=` does the same for clients
that cannot set the header). Without either, the stream starts from now; `ready`
carries the current number so that even a stream that has seen nothing resumes right.

A comment line (`: ping`) every STAYKIT_LIVE_HEARTBEAT_SECONDS keeps proxies from closing
an idle stream; at each one the session is checked again (a logged-out stream ends with
an `end` event). The stream ends when the server shuts down.

The request's own transaction ends before the stream starts: an open stream holds no
database connection; the replay borrows one for each read.
"""

# No `from __future__ import annotations`: FastAPI reads the parameter annotations.

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from staykit.api.marketplace.context import Context
from staykit.api.marketplace.responses import Access as A
from staykit.api.marketplace.responses import described
from staykit.core.errors import DomainError, InvalidInput
from staykit.domain.auth.sessions import authenticate
from staykit.domain.notifications import live
from staykit.domain.notifications.hub import LiveHub, Subscriber, live_hub

router = APIRouter()
RETRY_MS = 2000  # how long a browser waits before it reconnects
MAX_EVENT_ID = 2**63 - 1

STREAM = {
    200: {
        "text/event-stream": {
            "schema": {"type": "string"},
            "example": 'id: 7\nevent: notification\ndata: {"id": "...", "title": "..."}\n\n',
        }
    }
}


class EventStreamResponse(StreamingResponse):
    media_type = "text/event-stream"


def frame(kind: str, seq: int, data: dict[str, Any]) -> str:
    return f"id: {seq}\nevent: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def resume_point(header: str | None, query: int | None) -> int | None:
    """Where the client left off: Last-Event-ID (the header wins), else ?lastEventId."""
    if header is None or not header.strip():
        return query
    value = header.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19 or int(value) > MAX_EVENT_ID:
        raise InvalidInput(
            "Last-Event-ID must be the id of an event this stream sent (a whole number).",
            code="lastEventIdIsInvalid",
            field="Last-Event-ID",
        )
    return int(value)


@router.get(
    "/stream",
    tags=["live"],
    summary="liveStream",
    response_model=None,
    # Not EventStreamResponse: FastAPI documents every other status (the 400/401/403
    # error bodies, which are JSON) in the route class's media type.
    response_class=StreamingResponse,
    **described(A.LOGIN, 400, content=STREAM),
)
async def stream(
    ctx: Context,
    lastEventId: Annotated[
        int | None, Query(ge=0, le=MAX_EVENT_ID, description="resume after this event id")
    ] = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=40)] = None,
) -> EventStreamResponse:
    """staykit's live stream of the caller's notifications and messages (Server-Sent
    Events); reconnecting with Last-Event-ID replays what was missed."""
    me = ctx.user()
    after = resume_point(last_event_id, lastEventId)
    hub = live_hub
    sub = hub.subscribe(me.user_id)  # first: nothing committed from here on is missed
    try:
        current = await live.current_number(ctx.session, me.user_id)
    except BaseException:
        hub.unsubscribe(sub)
        raise
    # From now without an id; an id past the newest (a database restored from a backup)
    # counts as the newest, or the stream would skip the numbers up to it.
    after = current if after is None else min(after, current)
    state = ctx.request.app.state
    factory = getattr(state, "read_sessionmaker", None) or state.sessionmaker
    feed = Feed(hub, sub, factory, ctx.token, ctx.settings.live_heartbeat_seconds)
    return EventStreamResponse(
        feed.events(after),
        headers={
            "Cache-Control": "no-cache",
            "X-Accel-Buffering": "no",  # nginx: pass each event on at once
            "X-Request-Id": ctx.request_id,
        },
    )


class Feed:
    """One open stream: the user's events after a number, then live ones."""

    def __init__(
        self,
        hub: LiveHub,
        sub: Subscriber,
        factory: async_sessionmaker[AsyncSession],
        token: str | None,
        heartbeat: float,
    ) -> None:
        self.hub, self.sub, self.factory = hub, sub, factory
        self.token, self.heartbeat = token, heartbeat
        self.last = 0

    async def events(self, after: int) -> AsyncIterator[str]:
        self.last = after
        try:
            yield f"retry: {RETRY_MS}\n\n"
            yield frame("ready", after, {"lastEventId": after})
            async for chunk in self._replay():
                yield chunk
            while not self.sub.closed:
                try:
                    await asyncio.wait_for(self.sub.wake.wait(), self.heartbeat)
                except TimeoutError:
                    if not await self._signed_in():
                        yield frame("end", self.last, {"reason": "the session ended"})
                        return
                    yield ": ping\n\n"
                    if self.hub.listening:
                        continue
                    self.sub.resync = True  # no LISTEN: poll the table at each heartbeat
                if self.sub.closed:
                    break
                async for chunk in self._deliver():
                    yield chunk
        finally:
            self.hub.unsubscribe(self.sub)

    async def _deliver(self) -> AsyncIterator[str]:
        """What the hub handed over: sent from the note when it follows on, else (a gap,
        a note without data, a lost connection) read from the table."""
        items = self.sub.take()
        catch_up, self.sub.resync = self.sub.resync, False
        for seq, kind, data in sorted(items, key=lambda i: i[0]):
            if seq <= self.last:
                continue
            if catch_up or data is None or seq != self.last + 1:
                catch_up = True
                break
            yield frame(kind, seq, data)
            self.last = seq
        if catch_up:
            async for chunk in self._replay():
                yield chunk

    async def _replay(self) -> AsyncIterator[str]:
        while True:
            async with self.factory() as session:
                page = await live.after(session, self.sub.user_id, self.last)
            for event in page:
                yield frame(event.kind, event.seq, event.data)
                self.last = event.seq
            if len(page) < live.REPLAY_PAGE:
                return

    async def _signed_in(self) -> bool:
        """Whether the stream's token still opens a session (a logout ends the stream)."""
        if self.token is None:
            return False
        try:
            async with self.factory() as session:
                actor = await authenticate(session, self.token)
        except DomainError:
            return False
        return actor.user_id == self.sub.user_id
