"""RFC 8288 `Link` headers for the Cloud API's paged answers. The body is the bare array;
the links say where the other pages are, one `Link` header per relation, as rezStream
sends them:

    Link: <https://host/cloudapi/reservations/byDate?from=...&skip=20&limit=10>; rel="next"

Offset paging (`skip`, `limit`) gives `first` and `last` always, `prev` unless on the
first page, `next` when more results follow. Cursor paging (the `updated` feeds) gives
`first` and, when the page is full, `next` (forward only: the feed has no last page).
Every other query parameter of the request is kept as sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import Request, Response

from staykit.api.cloud.params import FeedCursor, Offset


def _instant(value: datetime) -> str:
    """An instant as the seeds' links write it: UTC with a Z (2021-10-01T14:44:54.03Z)."""
    text = value.isoformat()
    return text[: -len("+00:00")] + "Z" if text.endswith("+00:00") else text


def _link(request: Request, rel: str, **params: Any) -> str:
    query = dict(request.query_params)
    for key, value in params.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = _instant(value) if isinstance(value, datetime) else str(value)
    url = request.url.replace_query_params(**query)
    return f'<{url}>; rel="{rel}"'


def offset_links(request: Request, response: Response, page: Offset, total: int) -> None:
    """first, prev, next and last for a page of `total` results."""
    links = [_link(request, "first", skip=0, limit=page.limit)]
    if page.skip > 0:
        links.append(_link(request, "prev", skip=max(0, page.skip - page.limit), limit=page.limit))
    if page.skip + page.limit < total:
        links.append(_link(request, "next", skip=page.skip + page.limit, limit=page.limit))
    last = 0 if total == 0 else ((total - 1) // page.limit) * page.limit
    links.append(_link(request, "last", skip=last, limit=page.limit))
    for link in links:
        response.headers.append("Link", link)


def cursor_links(
    request: Request,
    response: Response,
    cursor: FeedCursor,
    *,
    returned: int,
    last_at: datetime | None,
    last_id: Any,
) -> None:
    """first (the feed from `from`) and, when this page is full, next (after its last item).
    A page shorter than `limit` has no `next`: the caller polls again later from its last
    item (or from the `first` link with a later `from`)."""
    links = [_link(request, "first", afterAt=None, afterId=None, limit=cursor.limit)]
    if returned >= cursor.limit and last_at is not None:
        links.append(_link(request, "next", afterAt=last_at, afterId=last_id, limit=cursor.limit))
    for link in links:
        response.headers.append("Link", link)
