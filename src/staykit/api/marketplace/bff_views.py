"""The BFF's five aggregated views under /bff-service (spec §9): BookingListView,
MessageThreadView, ReviewDisplayView, PaymentRecordView and disputeDetailView, each a
paged list (GET /<view>) and one row (GET /<view>/{id}).

The spec gives them no parameters; they take `page` and `limit` (a host's bookings can
run to thousands) and nothing else. Each view is a query of
staykit.domain.views.aggregated, which applies the owning package's visibility rule:
these routes parse, call it, and write the envelope."""

# No `from __future__ import annotations`: FastAPI must see the real path parameter types.

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from staykit.api.marketplace.bff_views_schemas import (
    BookingListRow,
    DisputeDetailRow,
    MessageThreadRow,
    PaymentRecordRow,
    ReviewDisplayRow,
)
from staykit.api.marketplace.context import Context, Ctx
from staykit.api.marketplace.envelope import Paging, jsonable, respond
from staykit.api.marketplace.responses import READ, described, envelope
from staykit.api.marketplace.responses import Access as A
from staykit.core.errors import InvalidInput
from staykit.domain.access.principal import Principal
from staykit.domain.views.aggregated import (
    booking_list,
    dispute_detail,
    message_thread,
    payment_record,
    review_display,
)
from staykit.domain.views.aggregated.common import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    PageRequest,
    View,
    ViewPage,
)

router = APIRouter()
RowId = Annotated[uuid.UUID, Path(description="The row's id (the source record's id).")]

MAX_PAGE = 1_000_000
PAGE_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "page",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        "description": "1-based page number.",
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        "description": f"Rows per page ({DEFAULT_LIMIT}; at most {MAX_LIMIT}).",
    },
    {
        "name": "requestId",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "maxLength": 64},
        "description": "Echoed for log tracing.",
    },
]


def _whole(ctx: Ctx, name: str, default: int, hi: int) -> int:
    raw = ctx.request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(
            f"{name} must be a whole number.", code=f"{name}IsInvalid", field=name
        ) from None
    if not 1 <= value <= hi:
        raise InvalidInput(
            f"{name} must be between 1 and {hi}.", code=f"{name}IsOutOfRange", field=name
        )
    return value


def page_request(ctx: Ctx) -> PageRequest:
    """`page` and `limit` from the query, checked (400 naming the parameter)."""
    return PageRequest(
        page=_whole(ctx, "page", 1, MAX_PAGE), limit=_whole(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    )


ListView = Callable[[AsyncSession, Principal | None, PageRequest], Awaitable[ViewPage]]
OneView = Callable[[AsyncSession, Principal | None, uuid.UUID], Awaitable[View]]


@dataclass(frozen=True)
class AggregatedView:
    name: str  # as in the path and the envelope's dataName
    row: type[BaseModel]
    access: A
    list_view: ListView
    one_view: OneView
    about: str


VIEWS = (
    AggregatedView(
        booking_list.NAME,
        BookingListRow,
        A.LOGIN,
        booking_list.page,
        booking_list.one,
        "The caller's reservations as guest and on the host side (the listing's host, its "
        "business's members; admins: all), newest check-in first: the stay, the listing's "
        "card, guest and host, the reader's part, and the stay's conversation.",
    ),
    AggregatedView(
        message_thread.NAME,
        MessageThreadRow,
        A.LOGIN,
        message_thread.page,
        message_thread.one,
        "The caller's conversations (guest, host side, admins), most recent first: who it "
        "is with, the listing and stay, the last message the caller may read and how many "
        "are unread. By id, also the newest 50 messages.",
    ),
    AggregatedView(
        review_display.NAME,
        ReviewDisplayRow,
        A.OPTIONAL,
        review_display.page,
        review_display.one,
        "Published, approved reviews (anyone); a reviewer's own too, moderators' all; "
        "newest first: rating, text, reviewer, reviewee, the listing and its rating.",
    ),
    AggregatedView(
        payment_record.NAME,
        PaymentRecordRow,
        A.LOGIN,
        payment_record.page,
        payment_record.one,
        "The payment records of the caller's stays (guest, host side, admins: all), newest "
        "first: what moved, how much, when, with the stay, its listing, guest and host.",
    ),
    AggregatedView(
        dispute_detail.NAME,
        DisputeDetailRow,
        A.LOGIN,
        dispute_detail.page,
        dispute_detail.one,
        "Disputes the caller may see (the stay's guest and host side, who raised it, "
        "admins), newest first: the complaint, its state, the stay, listing, guest, host, "
        "the stay's payment records and, for admins, the admins' actions.",
    ),
)


def _mount(view: AggregatedView) -> None:
    name = view.name

    @router.get(
        f"/{name}",
        tags=["aggregated views"],
        summary=f"list{name[0].upper()}{name[1:]}",
        description=view.about,
        **described(
            view.access, 400, model=envelope(name, view.row, "page"), parameters=PAGE_PARAMETERS
        ),
    )
    async def list_view(ctx: Context) -> JSONResponse:
        found = await view.list_view(ctx.session, ctx.actor or _caller(ctx), page_request(ctx))
        paging = Paging(found.request.page, found.request.limit, found.total)
        return respond(ctx, name, jsonable(found.rows), action="list", paging=paging)

    @router.get(
        f"/{name}/{{id}}",
        tags=["aggregated views"],
        summary=f"get{name[0].upper()}{name[1:]}",
        description=f"One row of {name} by its id; 404 when there is none the caller may see.",
        **described(view.access, *READ, model=envelope(name, view.row)),
    )
    async def get_view(ctx: Context, id: RowId) -> JSONResponse:
        row = await view.one_view(ctx.session, ctx.actor or _caller(ctx), id)
        return respond(ctx, name, jsonable(row), action="get")


def _caller(ctx: Ctx) -> Principal | None:
    """No actor: a token that did not authenticate is refused with its own problem (401);
    without a token the view decides (public views answer anonymous callers)."""
    if ctx.auth_error is not None:
        raise ctx.auth_error
    return None


for _view in VIEWS:
    _mount(_view)
