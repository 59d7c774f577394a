"""GET (and HEAD) /ical/{token}.ics: a feed, with ETag and Last-Modified, and 304 when
the caller already has this body (If-None-Match, or If-Modified-Since without it)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from staykit.api.deps import WRITES, DbSession
from staykit.domain.ical import export

router = APIRouter()

MEDIA_TYPE = "text/calendar; charset=utf-8"
# Calendars may keep the feed but must ask again each time (with its ETag).
CACHE_CONTROL = "no-cache"


class CalendarResponse(Response):
    media_type = "text/calendar"


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match's weak comparison (RFC 9110 13.1.2): any listed tag, W/ or not."""
    wanted = etag.removeprefix("W/")
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*" or tag.removeprefix("W/") == wanted:
            return True
    return False


def _not_modified_since(header: str, changed: datetime) -> bool:
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return False  # an unreadable date is ignored, as RFC 9110 13.1.3 says
    if since.tzinfo is None:
        return False
    return changed <= since


def _fresh(request: Request, feed: export.Feed) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return _etag_matches(if_none_match, feed.etag)
    since = request.headers.get("if-modified-since")
    return since is not None and _not_modified_since(since, feed.last_modified)


_ROUTE: dict[str, Any] = {
    "response_class": CalendarResponse,
    "dependencies": [WRITES],  # records when the body last changed (Last-Modified)
    "responses": {
        200: {
            "description": "The calendar (RFC 5545), every occupied night as an all-day event.",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        304: {"description": "Not modified: the ETag (or date) the caller sent is current."},
    },
}


@router.head(
    "/{token}.ics", operation_id="headFeed", summary="The calendar's headers only", **_ROUTE
)
@router.get(
    "/{token}.ics", operation_id="getFeed", summary="A unit type's or unit's calendar", **_ROUTE
)
async def get_feed(
    request: Request,
    session: DbSession,
    token: Annotated[str, Path(max_length=100, description="The feed's secret.")],
    description: Annotated[
        Literal["property", "room", "propertyAndRoom"] | None,
        Query(description="Add the property's, the room's or both iCal descriptions."),
    ] = None,
) -> Response:
    feed = await export.serve_feed(session, token, description or "plain")
    headers = {
        "ETag": feed.etag,
        "Last-Modified": format_datetime(feed.last_modified.astimezone(UTC), usegmt=True),
        "Cache-Control": CACHE_CONTROL,
    }
    if _fresh(request, feed):
        return Response(status_code=304, headers=headers)
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(feed.body))
        return Response(headers=headers, media_type=MEDIA_TYPE)
    return CalendarResponse(feed.body, headers=headers, media_type=MEDIA_TYPE)
