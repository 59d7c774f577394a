"""Channel API: reading bookings (GET /bookings) and their invoices (GET /bookings/invoices),
writing them (POST /bookings: create, modify, invoice and info items) and cancelling them
(DELETE /bookings).

The selection, its defaults and the paging live in domain/booking/channel_views.py; this
module parses Beds24's parameters (arrays as repeated parameters or comma-separated) and
shapes the answer. `nextPageLink` carries an opaque `after` cursor beside `page`, so
following it costs the same at any depth; a `page` number alone is still honoured.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Security

from staykit.api.channel import booking_schemas as out
from staykit.api.channel import booking_write_schemas as inp
from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.account_schemas import PostResult
from staykit.api.channel.listing import PAGE_SIZE, ListAnswer, Page, answer
from staykit.api.channel.params import After, ids_to_delete, int_ids, split
from staykit.api.deps import DbSession, ReplicaSession
from staykit.core.errors import InvalidInput
from staykit.domain.access.scopes import Scope
from staykit.domain.booking import channel_views as cv
from staykit.domain.booking import channel_words
from staykit.domain.booking import channel_writes as cw

router = APIRouter(tags=["Bookings"])

MAX_ITEMS = 10_000  # the document's limit of items per POST


def _utc(value: datetime | None) -> datetime | None:
    """The document's instants are UTC: one without an offset is read as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


Ids = Annotated[list[str] | None, Query()]


@router.get(
    "/bookings",
    response_model=ListAnswer[out.BookingOut],
    response_model_exclude_unset=True,
    summary="Get bookings matching specified criteria",
)
async def get_bookings(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["read:bookings"])],
    request: Request,
    session: DbSession,
    replica: ReplicaSession,
    page: Page,
    filter_: Annotated[
        channel_words.ChannelFilter | None,
        Query(
            alias="filter",
            description="arrivals (arriving today), departures (departing today), new "
            "(made in the past 24 hours), current (arrival <= today <= departure). Today is "
            "the property's. Without status: confirmed, new and request only.",
        ),
    ] = None,
    property_id: Annotated[list[str] | None, Query(alias="propertyId")] = None,
    room_id: Annotated[
        list[str] | None,
        Query(alias="roomId", description="Bookings holding a unit of these rooms."),
    ] = None,
    id_: Annotated[list[str] | None, Query(alias="id", description="Booking ids.")] = None,
    master_id: Annotated[
        list[str] | None,
        Query(alias="masterId", description="The groups of these masters (master included)."),
    ] = None,
    api_reference: Annotated[list[str] | None, Query(alias="apiReference")] = None,
    channel: Annotated[str | None, Query(max_length=40)] = None,
    arrival: Annotated[date | None, Query()] = None,
    arrival_from: Annotated[
        date | None, Query(alias="arrivalFrom", description="Arrival on or after.")
    ] = None,
    arrival_to: Annotated[
        date | None, Query(alias="arrivalTo", description="Arrival on or before.")
    ] = None,
    departure: Annotated[date | None, Query()] = None,
    departure_from: Annotated[
        date | None, Query(alias="departureFrom", description="Departure on or after.")
    ] = None,
    departure_to: Annotated[
        date | None, Query(alias="departureTo", description="Departure on or before.")
    ] = None,
    booking_time_from: Annotated[
        datetime | None, Query(alias="bookingTimeFrom", description="UTC, inclusive.")
    ] = None,
    booking_time_to: Annotated[
        datetime | None, Query(alias="bookingTimeTo", description="UTC, inclusive.")
    ] = None,
    modified_from: Annotated[
        datetime | None,
        Query(
            alias="modifiedFrom",
            description="UTC, inclusive. Orders the answer by modification (oldest first).",
        ),
    ] = None,
    modified_to: Annotated[
        datetime | None, Query(alias="modifiedTo", description="UTC, inclusive.")
    ] = None,
    search_string: Annotated[
        str | None,
        Query(
            alias="searchString",
            max_length=100,
            description="Guest name or email (with read:bookings-personal), apiReference "
            "or booking id.",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        Query(description="Default: confirmed, request, new, black and inquiry."),
    ] = None,
    include_invoice_items: Annotated[bool, Query(alias="includeInvoiceItems")] = False,
    include_info_items: Annotated[bool, Query(alias="includeInfoItems")] = False,
    include_guests: Annotated[
        bool,
        Query(alias="includeGuests", description="Guest data requires read:bookings-personal."),
    ] = False,
    include_booking_group: Annotated[bool, Query(alias="includeBookingGroup")] = False,
    after: After = None,
) -> dict[str, Any]:
    """By default (no filter that picks bookings) only bookings that have not departed
    yet; by default no cancelled ones. Ordered by booking id, or with modifiedFrom by
    modification time."""
    statuses = tuple(split(status))
    unknown = [s for s in statuses if s not in channel_words.CHANNEL_STATUSES]
    if unknown:
        raise InvalidInput(
            f"status must be one of {', '.join(channel_words.CHANNEL_STATUSES)}.",
            code="statusIsInvalid",
            field="status",
        )
    if channel is not None and channel not in out.CHANNELS:
        raise InvalidInput(
            "channel is not one of the document's channels.",
            code="channelIsInvalid",
            field="channel",
        )
    selection = cv.BookingSelection(
        filter=filter_,
        ids=int_ids(id_, "id"),
        master_ids=int_ids(master_id, "masterId"),
        property_ids=int_ids(property_id, "propertyId"),
        unit_type_ids=int_ids(room_id, "roomId"),
        api_references=tuple(split(api_reference)),
        channel=channel,
        arrival=arrival,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
        departure=departure,
        departure_from=departure_from,
        departure_to=departure_to,
        made_from=_utc(booking_time_from),
        made_to=_utc(booking_time_to),
        modified_from=_utc(modified_from),
        modified_to=_utc(modified_to),
        search=search_string.strip() or None if search_string else None,
        statuses=statuses,
        with_invoice_items=include_invoice_items,
        with_info_items=include_info_items,
        with_guests=include_guests,
        with_group=include_booking_group,
    )
    cursor = cv.Cursor.decode(after, by_change=selection.by_change) if after is not None else None
    found = await cv.bookings(
        # A list may be a moment stale: the replica, when there is one. Not the list by
        # modification: its cursor must never skip a change, and its horizon (the oldest
        # open transaction) is known only to the primary.
        session if selection.by_change else replica,
        account.principal,
        account.business_ids,
        selection,
        page=page.number,
        after=cursor,
        size=PAGE_SIZE,
    )
    data = [out.booking(b, group=include_booking_group) for b in found.items]
    # answer() learns "more" from PAGE_SIZE + 1 rows; the domain already knows it.
    body = answer(request, "booking", data + ([None] if found.more else []), page)
    if found.next is not None:
        body["pages"]["nextPageLink"] = str(
            request.url.include_query_params(page=page.number + 1, after=found.next.encode())
        )
    return body


@router.get(
    "/bookings/invoices",
    response_model=ListAnswer[out.InvoiceOut],
    response_model_exclude_unset=True,
    summary="Alpha - Get invoices",
)
async def get_invoices(
    account: Annotated[
        ActingAccount,
        Security(acting_account, scopes=["read:bookings", "read:bookings-financial"]),
    ],
    request: Request,
    session: DbSession,
    page: Page,
    booking_id: Annotated[
        list[str] | None,
        Query(alias="bookingId", description="Bookings whose invoice to get (default: all)."),
    ] = None,
) -> dict[str, Any]:
    """One invoice per booking that has invoice items (staykit does not number invoices:
    invoiceId and invoiceDate are null), in booking id order. Money only: the route needs
    read:bookings-financial."""
    found, more = await cv.invoices(
        session,
        account.business_ids,
        int_ids(booking_id, "bookingId"),
        page=page.number,
        size=PAGE_SIZE,
    )
    data = [
        out.InvoiceOut(
            invoiceId=None,
            invoiceDate=None,
            bookingId=inv.booking_id,
            invoiceItems=[out.invoice_item(i) for i in inv.items],
        )
        for inv in found
    ]
    return answer(request, "invoice", data + ([None] if more else []), page)


@router.post(
    "/bookings",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Create or update bookings",
)
async def post_bookings(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["write:bookings"])],
    session: DbSession,
    items: Annotated[
        list[Any],
        Body(
            description="Bookings to create (no id) or modify (with id); at most 10,000. "
            "Answered in request order, one result per item."
        ),
    ],
) -> list[PostResult]:
    """Each item is applied on its own, in order (see domain/booking/channel_writes.py):
    priced, allocated and checked by the booking engine; an item that fails changes
    nothing and does not stop the others."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            f"At most {MAX_ITEMS} items per request.", code="tooManyItems", field="body"
        )
    me = account.principal
    personal = me.allows(Scope.WRITE_BOOKINGS_PERSONAL)
    financial = me.allows(Scope.WRITE_BOOKINGS_FINANCIAL)
    parsed = [inp.parse(raw, personal=personal, financial=financial) for raw in items]
    outcomes = await cw.write_bookings(session, me, account.business_ids, [p.write for p in parsed])
    return [
        inp.result(p, o, financial=me.allows(Scope.READ_BOOKINGS_FINANCIAL) or financial)
        for p, o in zip(parsed, outcomes, strict=True)
    ]


@router.delete(
    "/bookings",
    response_model=list[PostResult],
    response_model_exclude_none=True,
    status_code=201,
    summary="Delete bookings by id",
)
async def delete_bookings(
    account: Annotated[ActingAccount, Security(acting_account, scopes=["delete:bookings"])],
    session: DbSession,
    id_: Annotated[
        list[str] | None,
        Query(alias="id", description="The booking ids (repeated or comma-separated)."),
    ] = None,
) -> list[PostResult]:
    """staykit cancels: each booking goes through the cancellation rules (nights freed,
    refund recorded) and stays readable with status cancelled; nothing is erased, so its
    invoice and money history remain."""
    ids = ids_to_delete(id_)
    outcomes = await cw.cancel_bookings(session, account.principal, account.business_ids, ids)
    financial = account.principal.allows(Scope.READ_BOOKINGS_FINANCIAL)
    return [inp.result(inp.Parsed(), o, financial=financial) for o in outcomes]
