"""The clock: instants are aware UTC datetimes; tests can move time by swapping the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock(Clock):
    """A clock tests can set and advance."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at = self.at + timedelta(**kwargs)


clock: Clock = Clock()


def utcnow() -> datetime:
    return clock.now()


def set_clock(new: Clock) -> Clock:
    """Replace the process clock; returns the previous one."""
    global clock
    old, clock = clock, new
    return old
