"""Channel API: booking messages (GET, POST and PATCH /bookings/messages).

Beds24 puts messages under the bookings-personal scope; staykit also opens them to its
own `messages` category (the guest_communication bundle): read:bookings-personal or
read:messages reads, write:bookings-personal or write:messages sends and marks.

The selection, the order (newest first) and the paging live in
domain/messaging/channel_views.py, the per-item writes in channel_writes.py; this module
parses Beds24's parameters and shapes the answers. `nextPageLink` carries an opaque
`after` cursor beside `page`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from staykit.api.channel import message_schemas as ms
from staykit.api.channel.account import ActingAccount, AnyOfScopes
from staykit.api.channel.account_schemas import PostResult
from staykit.api.channel.listing import PAGE_SIZE, ListAnswer, Page, answer
from staykit.api.channel.params import After, int_ids
from staykit.api.deps import AppSettings, DbSession
from staykit.api.idempotency import idempotent
from staykit.core.errors import InvalidInput
from staykit.domain.access.scopes import Scope
from staykit.domain.messaging import channel_views as cv
from staykit.domain.messaging import channel_writes as cw
from staykit.domain.messaging import service

router = APIRouter(tags=["Bookings"])

READS = AnyOfScopes(Scope.READ_BOOKINGS_PERSONAL, Scope.READ_MESSAGES)
WRITES = AnyOfScopes(Scope.WRITE_BOOKINGS_PERSONAL, Scope.WRITE_MESSAGES)
MAX_ITEMS = 10_000  # the document's limit of items per POST


def _ids(description: str, alias: str) -> Any:
    return Query(alias=alias, description=f"{description} (repeated or comma-separated).")


@router.get(
    "/bookings/messages",
    response_model=ListAnswer[ms.MessageOut],
    response_model_exclude_unset=True,
    summary="Get messages",
    openapi_extra=READS.openapi,
)
async def get_messages(
    account: Annotated[ActingAccount, Depends(READS)],
    request: Request,
    session: DbSession,
    page: Page,
    id_: Annotated[list[str] | None, _ids("Message ids", "id")] = None,
    property_id: Annotated[list[str] | None, _ids("Properties", "propertyId")] = None,
    room_id: Annotated[
        list[str] | None, _ids("Rooms the messages' bookings are in now", "roomId")
    ] = None,
    booking_id: Annotated[list[str] | None, _ids("Bookings", "bookingId")] = None,
    master_id: Annotated[
        list[str] | None, _ids("Groups: their members' and the master's messages", "masterId")
    ] = None,
    filter_: Annotated[
        Literal["read", "unread"] | None,
        Query(alias="filter", description="Only read, or only unread, messages."),
    ] = None,
    max_age: Annotated[
        int | None,
        Query(alias="maxAge", ge=1, le=999, description="Only messages of the last N days."),
    ] = None,
    source: Annotated[
        ms.WireSource | None, Query(description="Only messages of this kind.")
    ] = None,
    after: After = None,
) -> dict[str, Any]:
    """The account's booking messages, newest first, 100 a page (fewer when the page's
    attachments pass 8 MB: follow nextPageLink). Internal notes included."""
    selection = cv.MessageSelection(
        ids=int_ids(id_, "id"),
        property_ids=int_ids(property_id, "propertyId"),
        unit_type_ids=int_ids(room_id, "roomId"),
        reservation_ids=int_ids(booking_id, "bookingId"),
        master_ids=int_ids(master_id, "masterId"),
        read=None if filter_ is None else filter_ == "read",
        max_age_days=max_age,
        source=None if source is None else ms.domain_source(source),
    )
    cursor = cv.Cursor.decode(after) if after is not None else None
    found = await cv.messages(
        session,
        account.principal,
        account.business_ids,
        selection,
        page=page.number,
        after=cursor,
        size=PAGE_SIZE,
        files_from=request.app.state.settings,
    )
    body = answer(request, "message", [ms.message_out(m) for m in found.items], page)
    if found.next is not None:
        link = request.url.include_query_params(page=page.number + 1, after=found.next.encode())
        body["pages"] = {"nextPageExists": True, "nextPageLink": str(link)}
    return body


@router.post(
    "/bookings/messages",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Send messages or mark them as read",
    openapi_extra=WRITES.openapi,
)
@idempotent
async def post_messages(
    account: Annotated[ActingAccount, Depends(WRITES)],
    session: DbSession,
    settings: AppSettings,
    items: Annotated[
        list[Any],
        Body(
            description="Messages to send (no id: bookingId and message; source host by "
            "default, or internalNote; an optional attachment) or to mark (id and read); at "
            "most 10,000. Answered in request order, one result per item."
        ),
    ],
) -> JSONResponse:
    """Each item is applied on its own, in order (see domain/messaging/channel_writes.py):
    an item that fails changes nothing and does not stop the others. With an
    Idempotency-Key, a retry gets the first answer again and sends nothing twice."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"At most {MAX_ITEMS} items per request.", code="tooManyItems", field="body"
        )
    parsed = [ms.parse(raw) for raw in items]
    outcomes = await cw.write_messages(
        session,
        account.principal,
        account.business_ids,
        [p.write for p in parsed],
        settings,
    )
    results = [ms.result(p, o) for p, o in zip(parsed, outcomes, strict=True)]
    # A Response (not the list) so that @idempotent can store the very bytes it sends;
    # shaped as response_model_exclude_none would.
    return JSONResponse(
        [r.model_dump(mode="json", exclude_none=True) for r in results], status_code=201
    )


@router.patch(
    "/bookings/messages",
    response_model=ms.Marked,
    summary="Make changes in all messages in a selection",
    openapi_extra=WRITES.openapi,
)
async def patch_messages(
    account: Annotated[ActingAccount, Depends(WRITES)],
    session: DbSession,
    mark: Annotated[ms.ReadMark, Body(description="The read state to give every message.")],
    message_id: Annotated[list[str] | None, _ids("Message ids", "messageId")] = None,
    property_id: Annotated[list[str] | None, _ids("Properties", "propertyId")] = None,
    room_id: Annotated[
        list[str] | None, _ids("Rooms the messages' bookings are in now", "roomId")
    ] = None,
    booking_id: Annotated[list[str] | None, _ids("Bookings", "bookingId")] = None,
    master_id: Annotated[
        list[str] | None, _ids("Groups: their members' and the master's messages", "masterId")
    ] = None,
) -> ms.Marked:
    """Marks every message of the selection that the host's side receives (guest and
    system messages, internal notes): a host message's read mark is its guest's. The
    selection is required: a PATCH never marks the whole account."""
    selection = cv.MessageSelection(
        ids=int_ids(message_id, "messageId"),
        property_ids=int_ids(property_id, "propertyId"),
        unit_type_ids=int_ids(room_id, "roomId"),
        reservation_ids=int_ids(booking_id, "bookingId"),
        master_ids=int_ids(master_id, "masterId"),
    )
    if not selection.picks:
        raise InvalidInput(
            "Name the messages to change: messageId, bookingId, masterId, propertyId or "
            "roomId (a PATCH never changes every message of the account).",
            code="selectionIsRequired",
            field="messageId",
        )
    count = await service.mark_selection(
        session,
        account.principal,
        cv.selection_condition(account.business_ids, selection),
        read=mark.read,
    )
    return ms.Marked(count=count)
