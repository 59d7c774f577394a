"""Who acts on which events. Each domain package registers its consumers from its own
module (`@consumer("reservation.*")`), so this package never imports the packages that
consume its events. Registration happens when the consumer's module is imported: the
worker's app (staykit.jobs.app) imports every consumer module before it runs a job."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from fnmatch import fnmatchcase

from sqlalchemy.ext.asyncio import AsyncSession

from staykit.domain.events.models import DomainEvent

Handler = Callable[[AsyncSession, DomainEvent], Awaitable[None]]

_consumers: list[tuple[str, Handler]] = []


def register(pattern: str, handler: Handler) -> None:
    """Run `handler` for every event whose type matches `pattern` (fnmatch: `*` matches
    anything, so "reservation.*" is every reservation event). Registering the same pair
    twice keeps one: a module imported again must not double the emails."""
    if (pattern, handler) not in _consumers:
        _consumers.append((pattern, handler))


def consumer(pattern: str) -> Callable[[Handler], Handler]:
    """Decorator form of `register`."""

    def decorate(handler: Handler) -> Handler:
        register(pattern, handler)
        return handler

    return decorate


def consumers_for(event_type: str) -> list[Handler]:
    """The handlers for an event type, in registration order (each at most once)."""
    found: list[Handler] = []
    for pattern, handler in _consumers:
        if handler not in found and fnmatchcase(event_type, pattern):
            found.append(handler)
    return found
