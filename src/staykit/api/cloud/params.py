"""The Cloud API's shared query parameters: inclusive date ranges, offset paging and the
cursor of the `updated` feeds. Each is a dependency; routes list it AFTER the `Tenant`
dependency, so a caller without a valid token or scope gets its 401/403 before any 400
about parameters.

- `from`..`to`: stay dates (property-local calendar dates, never converted through a time
  zone), both included: `from=2025-09-23&to=2025-09-27` is five dates. `to` before `from`
  is a 400 (`dateRangeIsReversed`, field `to`); a range of more than MAX_DATES dates is a
  400 (`dateRangeIsTooLong`, field `to`).
- `skip` (>= 0, default 0) and `limit` (1..MAX_LIMIT, default DEFAULT_LIMIT).
- `from` (an instant), `afterAt`, `afterId`, `limit`: the cursor of the `updated` feeds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Query

from staykit.core.errors import InvalidInput

MAX_DATES = 366  # a year and a day: the seeds' from=2023-01-01&to=2024-01-01 fits
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class DateRange:
    """The dates `first`..`last`, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def end(self) -> date:
        """The day after `last`: the range as a half-open [first, end)."""
        return self.last + timedelta(days=1)

    def dates(self) -> list[date]:
        return [self.first + timedelta(days=k) for k in range(self.days)]


def date_range(
    first: Annotated[
        date, Query(alias="from", description="The first date (YYYY-MM-DD), included.")
    ],
    last: Annotated[
        date,
        Query(
            alias="to",
            description=f"The last date (YYYY-MM-DD), included; at most {MAX_DATES} dates "
            "from `from`.",
        ),
    ],
) -> DateRange:
    if last < first:
        raise InvalidInput(
            "to must not be before from (both dates are included).",
            code="dateRangeIsReversed",
            field="to",
        )
    span = DateRange(first, last)
    if span.days > MAX_DATES:
        raise InvalidInput(
            f"from..to may cover at most {MAX_DATES} dates; this range covers {span.days}. "
            "Ask for a shorter range, page by page.",
            code="dateRangeIsTooLong",
            field="to",
        )
    return span


Dates = Annotated[DateRange, Depends(date_range)]


@dataclass(frozen=True, slots=True)
class Offset:
    skip: int
    limit: int


def offset(
    skip: Annotated[int, Query(ge=0, description="How many results to skip.")] = 0,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many results (1..{MAX_LIMIT}).")
    ] = DEFAULT_LIMIT,
) -> Offset:
    return Offset(skip, limit)


Paging = Annotated[Offset, Depends(offset)]


@dataclass(frozen=True, slots=True)
class FeedCursor:
    """Where an `updated` feed page starts: after (after_at, after_id) when both are given,
    else at `since` (included)."""

    since: datetime
    after_at: datetime | None
    after_id: uuid.UUID | None
    limit: int


def _aware(value: datetime, field: str) -> datetime:
    if value.tzinfo is None:
        raise InvalidInput(
            f"{field} must be an instant with its offset (e.g. 2025-01-01T00:00:00Z).",
            code=f"{field}IsInvalid",
            field=field,
        )
    return value


def feed_cursor(
    since: Annotated[
        datetime,
        Query(
            alias="from",
            description="Changes at or after this instant (ISO 8601 with offset, e.g. "
            "2025-01-01T00:00:00Z).",
        ),
    ],
    after_at: Annotated[
        datetime | None,
        Query(
            alias="afterAt",
            description="The cursor: the updatedAt of the last item already seen (from the "
            "`next` Link). Give it with afterId.",
        ),
    ] = None,
    after_id: Annotated[
        uuid.UUID | None,
        Query(alias="afterId", description="The cursor: the id of the last item already seen."),
    ] = None,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"At most this many results (1..{MAX_LIMIT}).")
    ] = DEFAULT_LIMIT,
) -> FeedCursor:
    since = _aware(since, "from")
    if (after_at is None) != (after_id is None):
        missing = "afterId" if after_id is None else "afterAt"
        raise InvalidInput(
            "afterAt and afterId go together (copy both from the `next` Link).",
            code="cursorIsIncomplete",
            field=missing,
        )
    if after_at is not None:
        after_at = _aware(after_at, "afterAt")
    return FeedCursor(since, after_at, after_id, limit)


Feed = Annotated[FeedCursor, Depends(feed_cursor)]
