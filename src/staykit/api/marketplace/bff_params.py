"""The BFF's list parameters and bodies: page, limit, sortBy, sortOrder and q in the
query; the filter object (domain/views/filtering.py's language) in a POST body."""

# No `from __future__ import annotations`: FastAPI must see the real body classes.

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from pydantic import Field

from staykit.core.errors import InvalidInput
from staykit.core.schemas import Input
from staykit.domain.views.filtering import DEFAULT_LIMIT, MAX_LIMIT, ViewQuery

NO_NUL = r"^[^\x00]*$"


@dataclass(frozen=True)
class ListParams:
    page: int
    limit: int
    sort_by: str | None
    sort_order: str
    q: str | None

    def query(self, filters: dict[str, Any] | None = None) -> ViewQuery:
        return ViewQuery(self.page, self.limit, self.sort_by, self.sort_order, self.q, filters)


def list_params(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="1-based page.")] = 1,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page ({DEFAULT_LIMIT}).")
    ] = DEFAULT_LIMIT,
    sortBy: Annotated[
        str | None,
        Query(max_length=60, pattern=NO_NUL, description="A sortable field (see /schema)."),
    ] = None,
    sortOrder: Annotated[Literal["asc", "desc"], Query(description="asc or desc.")] = "desc",
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="Text search.")
    ] = None,
) -> ListParams:
    return ListParams(page, limit, sortBy, sortOrder, q)


def search_param(
    q: Annotated[
        str | None, Query(max_length=200, pattern=NO_NUL, description="Text search.")
    ] = None,
) -> ListParams:
    return ListParams(1, DEFAULT_LIMIT, None, "desc", q)


def page_params(
    page: Annotated[int, Query(ge=1, le=1_000_000, description="1-based page.")] = 1,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Rows per page ({DEFAULT_LIMIT}).")
    ] = DEFAULT_LIMIT,
) -> ListParams:
    return ListParams(page, limit, None, "desc", None)


Paged = Annotated[ListParams, Depends(list_params)]
Searched = Annotated[ListParams, Depends(search_param)]
Pages = Annotated[ListParams, Depends(page_params)]


class FilterBody(Input):
    """POST list and count: `filters`, an object keyed by field name (see /schema)."""

    filters: dict[str, Any] = Field(
        description='e.g. {"bookingStatus": ["confirmed"], "totalPrice": {"gte": 100}}'
    )


class SaveFilterBody(Input):
    """POST filters: a name and the conditions (a filter object as POST list takes).
    The seed's example sends `conditions`; its route table names `filters`: either is
    taken, not both."""

    filter_name: str = Field(min_length=1, max_length=100)
    conditions: dict[str, Any] | None = None
    filters: dict[str, Any] | None = None

    def chosen(self) -> dict[str, Any]:
        """The conditions, sent under one of the two names."""
        if (self.conditions is None) == (self.filters is None):
            raise InvalidInput(
                "Send the filter's conditions in `conditions` (or `filters`), once.",
                code="conditionsIsRequired",
                field="conditions",
            )
        return self.conditions if self.conditions is not None else (self.filters or {})
