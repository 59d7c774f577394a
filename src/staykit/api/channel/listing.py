"""The Channel API's answer to a read, as Beds24 API V2 gives it:

    {"success": true, "type": "booking", "count": 2,
     "pages": {"nextPageExists": true, "nextPageLink": "https://host/v2/bookings?...&page=2"},
     "data": [...]}

Pages hold PAGE_SIZE items; `page` (1 = the first) asks for a later one. A route reads
PAGE_SIZE + 1 rows to know whether another page exists; `nextPageLink` is the request's
own URL with `page` one higher (every other parameter kept), null on the last page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

PAGE_SIZE = 100
T = TypeVar("T")


class Pages(BaseModel):
    nextPageExists: bool
    nextPageLink: str | None = Field(
        default=None, description="The next page's URL (this request with page + 1)."
    )


class ListAnswer(BaseModel, Generic[T]):
    """A read's answer: `data` is this page's items."""

    success: bool = True
    type: str = Field(description="What the items are: booking, property, room, ...")
    count: int = Field(description="Items on this page.")
    pages: Pages
    data: list[T]


class PageRequest:
    """Which page a read asks for, as an offset and a limit."""

    def __init__(self, number: int) -> None:
        self.number = number

    @property
    def offset(self) -> int:
        return (self.number - 1) * PAGE_SIZE

    @property
    def fetch(self) -> int:
        """Rows to read: one more than a page, to learn whether another page exists."""
        return PAGE_SIZE + 1


def page_request(
    page: Annotated[
        int,
        Query(ge=1, le=100_000, description="Get a page of items beyond the first (1 = first)."),
    ] = 1,
) -> PageRequest:
    return PageRequest(page)


Page = Annotated[PageRequest, Depends(page_request)]


def answer(request: Request, type_: str, rows: Sequence[Any], page: PageRequest) -> dict[str, Any]:
    """The envelope for `rows` (up to PAGE_SIZE + 1 of them, as read with page.fetch)."""
    more = len(rows) > PAGE_SIZE
    data = list(rows[:PAGE_SIZE])
    link = str(request.url.include_query_params(page=page.number + 1)) if more else None
    return {
        "success": True,
        "type": type_,
        "count": len(data),
        "pages": {"nextPageExists": more, "nextPageLink": link},
        "data": data,
    }
