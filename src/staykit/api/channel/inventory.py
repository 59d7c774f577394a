"""Channel API: /inventory reads (Beds24 API V2), scope read:inventory. Rooms are unit types
named by their integer id; every figure comes from domain/catalog/channel_calendar.py (the
type calendar, nightly rates and the quote engine), so it equals the Cloud API's and the
quote's for the same nights. Pages hold PAGE_SIZE rooms (fixed prices: PAGE_SIZE rates).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Security
from pydantic import TypeAdapter, ValidationError

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.inventory_schemas import (
    CalendarRange,
    CalendarRangeWrite,
    FixedPrice,
    OfferAnswer,
    PostIssue,
    PostResult,
    RoomAvailability,
    RoomCalendar,
    RoomCalendarWrite,
    RoomOffers,
    RoomUnitBookings,
)
from staykit.api.channel.listing import PAGE_SIZE, ListAnswer, Page, PageRequest, answer
from staykit.api.deps import DbSession
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import (
    channel_calendar,
    channel_calendar_write,
    channel_fixed_prices,
)
from staykit.domain.catalog.channel_calendar import MAX_DAYS, SLOTS, CalendarNight
from staykit.domain.catalog.dates import check_stay_dates

router = APIRouter(prefix="/inventory", tags=["Inventory"])

Inventory = Annotated[ActingAccount, Security(acting_account, scopes=["read:inventory"])]
InventoryWriter = Annotated[ActingAccount, Security(acting_account, scopes=["write:inventory"])]

MAX_IDS = 100  # ids in one filter: a query string of about 1.5 kB

RoomIds = Annotated[
    list[int] | None,
    Query(
        alias="roomId",
        max_length=MAX_IDS,
        description="Only these rooms (repeat the parameter for several). An id that is not "
        "one of the account's matches nothing.",
    ),
]
PropertyIds = Annotated[
    list[int] | None,
    Query(
        alias="propertyId",
        max_length=MAX_IDS,
        description="Only the rooms of these properties (repeat the parameter for several).",
    ),
]


def _span(start: date | None, end: date | None) -> tuple[date, date]:
    """[first, last] dates of a read: startDate (default today, UTC) to endDate (default
    startDate), at most MAX_DAYS dates."""
    first = start or utcnow().date()
    last = end or first
    if last < first:
        raise InvalidInput(
            "endDate must not be before startDate.", code="endDateIsInvalid", field="endDate"
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(
            f"A read covers at most {MAX_DAYS} dates: endDate may be at most "
            f"{first + timedelta(days=MAX_DAYS - 1)}.",
            code="endDateIsInvalid",
            field="endDate",
        )
    return first, last


async def _rooms(
    session: DbSession,
    account: ActingAccount,
    page: PageRequest,
    room_ids: list[int] | None,
    property_ids: list[int] | None,
) -> list[channel_calendar.Room]:
    """The page's rooms, and one more when another page exists (the envelope's nextPage)."""
    return await channel_calendar.rooms(
        session,
        account.principal,
        account.business_ids,
        room_ids=room_ids,
        property_ids=property_ids,
        offset=page.offset,
        limit=page.fetch,
    )


def _answer(
    request: Request,
    type_: str,
    items: list[Any],
    page_rooms: list[channel_calendar.Room],
    page: PageRequest,
) -> dict[str, Any]:
    """The envelope of the page's items; a room read beyond the page says another exists."""
    more = [None] if len(page_rooms) > PAGE_SIZE else []
    return answer(request, type_, items + more, page)


# --- calendar --------------------------------------------------------------------------------


def _range_json(
    first: date, last: date, night: CalendarNight, fields: dict[str, bool]
) -> CalendarRange:
    values: dict[str, Any] = {"from": first, "to": last}
    if fields["numAvail"]:
        values["numAvail"] = night.num_avail
    if fields["minStay"]:
        values["minStay"] = night.min_stay
    if fields["maxStay"] and night.max_stay is not None:
        values["maxStay"] = night.max_stay
    if fields["multiplier"]:
        values["multiplier"] = Decimal(1)
    if fields["override"]:
        values["override"] = night.override
    if fields["prices"]:
        for slot, price in enumerate(night.prices, start=1):
            if price is not None:
                values[f"price{slot}"] = price
    if fields["channels"]:
        values["channels"] = {}
    return CalendarRange(**values)


def _key(fields: dict[str, bool]) -> Any:
    """What makes two nights the same range: the values the answer shows."""

    def key(night: CalendarNight) -> tuple[Any, ...]:
        return (
            night.num_avail if fields["numAvail"] else None,
            night.min_stay if fields["minStay"] else None,
            night.max_stay if fields["maxStay"] else None,
            night.override if fields["override"] else None,
            night.prices if fields["prices"] else None,
        )

    return key


@router.get(
    "/rooms/calendar",
    response_model=ListAnswer[RoomCalendar],
    response_model_exclude_unset=True,
    summary="Gets per day values from the calendar.",
)
async def calendar(
    account: Inventory,
    session: DbSession,
    request: Request,
    page: Page,
    start_date: Annotated[date, Query(alias="startDate", description="The first date.")],
    end_date: Annotated[
        date,
        Query(alias="endDate", description=f"The last date (included); at most {MAX_DAYS} dates."),
    ],
    room_ids: RoomIds = None,
    property_ids: PropertyIds = None,
    include_num_avail: Annotated[
        bool, Query(alias="includeNumAvail", description="numAvail: units that can be sold.")
    ] = False,
    include_min_stay: Annotated[bool, Query(alias="includeMinStay")] = False,
    include_max_stay: Annotated[bool, Query(alias="includeMaxStay")] = False,
    include_multiplier: Annotated[
        bool, Query(alias="includeMultiplier", description="multiplier: always 1 here.")
    ] = False,
    include_override: Annotated[bool, Query(alias="includeOverride")] = False,
    include_prices: Annotated[
        bool, Query(alias="includePrices", description="price1..price16: each rate slot's price.")
    ] = False,
    include_linked_prices: Annotated[
        bool,
        Query(
            alias="includeLinkedPrices",
            description="Accepted; staykit has no linked prices, so it adds nothing.",
        ),
    ] = False,
    include_channels: Annotated[
        bool,
        Query(alias="includeChannels", description="channels: {} (no per-channel limits)."),
    ] = False,
) -> dict[str, Any]:
    """One item per room (by roomId) with its dates from startDate to endDate as ranges of
    consecutive dates whose asked-for values are equal. Without any include* flag the
    ranges are empty, as Beds24 answers."""
    first, last = _span(start_date, end_date)
    fields = {
        "numAvail": include_num_avail,
        "minStay": include_min_stay,
        "maxStay": include_max_stay,
        "multiplier": include_multiplier,
        "override": include_override,
        "prices": include_prices,
        "channels": include_channels,
    }
    page_rooms = await _rooms(session, account, page, room_ids, property_ids)
    shown = page_rooms[:PAGE_SIZE]
    wanted = any(fields.values())
    found = (
        await channel_calendar.room_calendars(session, account.principal, shown, first, last)
        if wanted
        else [channel_calendar.RoomCalendar(room, []) for room in shown]
    )
    items = [
        RoomCalendar(
            roomId=cal.room.room_id,
            propertyId=cal.room.property_id,
            name=cal.room.name,
            calendar=[
                _range_json(r.first, r.last, r.values, fields)
                for r in channel_calendar.ranges(cal.nights, _key(fields))
            ],
        )
        for cal in found
    ]
    return _answer(request, "calendar", items, page_rooms, page)


# --- availability ----------------------------------------------------------------------------

StartDate = Annotated[
    date | None, Query(alias="startDate", description="The first date (default: today, UTC).")
]
EndDate = Annotated[
    date | None,
    Query(
        alias="endDate",
        description="The last night to be booked, i.e. the day before check-out (default: "
        f"startDate); at most {MAX_DAYS} dates.",
    ),
]


@router.get(
    "/rooms/availability",
    response_model=ListAnswer[RoomAvailability],
    summary="Get the availability status of dates",
)
async def availability(
    account: Inventory,
    session: DbSession,
    request: Request,
    page: Page,
    room_ids: RoomIds = None,
    property_ids: PropertyIds = None,
    start_date: StartDate = None,
    end_date: EndDate = None,
) -> dict[str, Any]:
    """Per room, per date: true when at least one unit can be sold that night (numAvail >
    0, the Cloud API type calendar's `available`). A false date can still be a departure:
    a stay may end on it when the night before is true."""
    first, last = _span(start_date, end_date)
    page_rooms = await _rooms(session, account, page, room_ids, property_ids)
    shown = page_rooms[:PAGE_SIZE]
    found = await channel_calendar.room_availability(session, account.principal, shown, first, last)
    items = [
        RoomAvailability(
            roomId=room.room_id,
            propertyId=room.property_id,
            name=room.name,
            availability={first + timedelta(days=k): free for k, free in enumerate(nights)},
        )
        for room, nights in found
    ]
    return _answer(request, "availability", items, page_rooms, page)


# --- unit bookings ---------------------------------------------------------------------------


@router.get(
    "/rooms/unitBookings",
    response_model=ListAnswer[RoomUnitBookings],
    summary="Beta - Get information about which dates units have bookings",
)
async def unit_bookings(
    account: Inventory,
    session: DbSession,
    request: Request,
    page: Page,
    room_ids: RoomIds = None,
    property_ids: PropertyIds = None,
    start_date: StartDate = None,
    end_date: EndDate = None,
) -> dict[str, Any]:
    """Per room, per date, per unit (its integer id): the bookings on it that night (0 or
    1: no unit is ever sold twice), and `unassigned` (0). Blocks are not bookings."""
    first, last = _span(start_date, end_date)
    page_rooms = await _rooms(session, account, page, room_ids, property_ids)
    shown = page_rooms[:PAGE_SIZE]
    found = await channel_calendar.unit_bookings(session, account.principal, shown, first, last)
    items = []
    for room, units in found:
        dates = {}
        for k in range((last - first).days + 1):
            day = {str(unit.unit_id): unit.booked[k] for unit in units}
            day["unassigned"] = 0
            dates[first + timedelta(days=k)] = day
        items.append(
            RoomUnitBookings(
                roomId=room.room_id,
                propertyId=room.property_id,
                name=room.name,
                qty=room.qty,
                unitBookings=dates,
            )
        )
    return _answer(request, "unitBookings", items, page_rooms, page)


# --- offers ----------------------------------------------------------------------------------


@router.get(
    "/rooms/offers",
    response_model=ListAnswer[RoomOffers],
    summary="Get offer based on specified criteria",
)
async def offers(
    account: Inventory,
    session: DbSession,
    request: Request,
    page: Page,
    arrival: Annotated[date, Query(description="The first night (YYYY-MM-DD).")],
    departure: Annotated[date, Query(description="The check-out date (YYYY-MM-DD).")],
    num_adults: Annotated[int, Query(alias="numAdults", ge=1, le=100)],
    num_children: Annotated[int, Query(alias="numChildren", ge=0, le=100)] = 0,
    property_ids: PropertyIds = None,
    room_ids: RoomIds = None,
    offer_ids: Annotated[
        list[int] | None,
        Query(
            alias="offerId",
            max_length=SLOTS,
            description="Only these offers (rate slots 1..16).",
        ),
    ] = None,
    include_texts: Annotated[
        list[str] | None,
        Query(
            alias="includeTexts",
            max_length=10,
            description="Accepted; offers carry no texts here.",
        ),
    ] = None,
    agent_code: Annotated[
        str | None,
        Query(alias="agentCode", max_length=100, description="Accepted; no agent prices."),
    ] = None,
) -> dict[str, Any]:
    """Per room: one offer per rate (offerId = its slot) on which the stay can be booked
    for numAdults + numChildren guests, priced by the quote engine (the quote's total). A
    room with no bookable rate has no offers."""
    check_stay_dates(arrival, departure)
    page_rooms = await _rooms(session, account, page, room_ids, property_ids)
    shown = page_rooms[:PAGE_SIZE]
    found = await channel_calendar.room_offers(
        session,
        account.principal,
        shown,
        arrival,
        departure,
        num_adults + num_children,
        offer_ids=offer_ids,
    )
    items = [
        RoomOffers(
            roomId=room.room_id,
            propertyId=room.property_id,
            offers=[
                OfferAnswer(
                    offerId=o.offer_id,
                    offerName=o.name,
                    price=o.price,
                    unitsAvailable=o.units_available,
                )
                for o in room_offers
            ],
        )
        for room, room_offers in found
    ]
    return _answer(request, "offer", items, page_rooms, page)


# --- fixed prices ----------------------------------------------------------------------------


@router.get(
    "/fixedPrices",
    response_model=ListAnswer[FixedPrice],
    response_model_exclude_unset=True,
    summary="Gets fixed prices",
)
async def fixed_prices(
    account: Inventory,
    session: DbSession,
    request: Request,
    page: Page,
    ids: Annotated[
        list[int] | None,
        Query(alias="id", max_length=MAX_IDS, description="Only these fixed prices (rates)."),
    ] = None,
    room_ids: RoomIds = None,
    property_ids: PropertyIds = None,
    include_rate_codes: Annotated[
        bool,
        Query(alias="includeRateCodes", description="Accepted; staykit has no rate codes."),
    ] = False,
) -> dict[str, Any]:
    """One fixed price per active rate, by id: its base nightly price for up to the base
    occupancy, the adult charge above it, the room's stay limits. Dated prices (per-date
    values, seasonal rules) are the calendar's price1..16."""
    found = await channel_calendar.fixed_prices(
        session,
        account.principal,
        account.business_ids,
        ids=ids,
        room_ids=room_ids,
        property_ids=property_ids,
        offset=page.offset,
        limit=page.fetch,
    )
    items = []
    for fp in found:
        values: dict[str, Any] = {
            "id": fp.id,
            "roomId": fp.room_id,
            "propertyId": fp.property_id,
            "offerId": fp.offer_id,
            "name": fp.name,
            "minNights": fp.min_nights,
            "strategy": "default",
            "allowMultiplier": False,
            "pricesPerNights": 1,
            "roomPrice": fp.room_price,
            "roomPriceEnable": True,
            "roomPriceGuests": fp.room_price_guests,
        }
        if fp.max_nights is not None:
            values["maxNights"] = fp.max_nights
        if fp.extra_person_price is not None:
            values["extraPersonPrice"] = fp.extra_person_price
            values["extraPersonPriceEnable"] = True
        items.append(FixedPrice(**values))
    return answer(request, "fixedPrice", items, page)


@router.post(
    "/fixedPrices",
    status_code=201,
    response_model=list[PostResult],
    response_model_exclude_none=True,
    summary="Create or modify fixed prices",
)
async def write_fixed_prices(
    account: InventoryWriter,
    session: DbSession,
    body: Annotated[
        list[Any],
        Body(
            description="An array of fixed prices as GET /inventory/fixedPrices answers them "
            f"(at most {channel_fixed_prices.MAX_ITEMS} items): without `id` a new one (a new "
            "rate of roomId), with `id` a change to it, with only `id` its deletion.",
            openapi_examples={
                "create": {
                    "summary": "A new fixed price in a free offer of a room",
                    "value": [
                        {
                            "roomId": 1234567,
                            "name": "Non refundable",
                            "roomPrice": 89,
                            "extraPersonPrice": 10,
                        }
                    ],
                },
                "modifyAndDelete": {
                    "summary": "Change one fixed price's price, delete another",
                    "value": [{"id": 1001, "roomPrice": 95.5}, {"id": 1002}],
                },
            },
        ),
    ],
) -> list[PostResult]:
    """Per item, in request order, its own result: `new` (id, roomId, offerId) for a
    created fixed price, `modified` (id and the fields changed) otherwise; errors mean
    nothing of that item was written. See docs/channel-api.md for how each field maps onto
    staykit's rates and which ones are refused or ignored."""
    if len(body) > channel_fixed_prices.MAX_ITEMS:
        raise InvalidInput(
            f"A write holds at most {channel_fixed_prices.MAX_ITEMS} items; send the rest in "
            "another request.",
            code="tooManyItems",
            field="body",
        )
    outcomes = await channel_fixed_prices.save_fixed_prices(
        session, account.principal, account.business_ids, body
    )
    return [
        PostResult(
            success=o.success,
            new=o.new,
            modified=o.modified,
            errors=_issues(o.errors),
            warnings=_issues(o.warnings),
            info=_issues(o.info),
        )
        for o in outcomes
    ]


def _issues(found: list[channel_fixed_prices.Issue]) -> list[PostIssue] | None:
    return [PostIssue(action=i.action, field=i.field, message=i.message) for i in found] or None


# --- calendar writes -------------------------------------------------------------------------

MAX_ITEMS = 10_000  # items in one write (Beds24's); the body limit (1 MiB) also applies
_ROOM_WRITE = TypeAdapter(RoomCalendarWrite)
_RANGE_FIELDS = frozenset(CalendarRangeWrite.model_fields) - {"from_", "to"}


def _issue(field: str, message: str) -> PostIssue:
    return PostIssue(action="modify", field=field, message=message)


def _parse_room(
    raw: Any,
) -> tuple[channel_calendar_write.RoomRanges | None, list[PostIssue], list[PostIssue]]:
    """The item as the domain's command, or its errors; warnings name unknown fields."""
    try:
        item = _ROOM_WRITE.validate_python(raw)
    except ValidationError as exc:
        return (
            None,
            [
                _issue(".".join(str(part) for part in e["loc"]) or "item", e["msg"])
                for e in exc.errors(include_url=False)
            ],
            [],
        )
    warnings = []
    ranges = []
    for k, entry in enumerate(item.calendar):
        for name in entry.model_extra or {}:
            warnings.append(_issue(f"calendar.{k}.{name}", "unknown field; ignored."))
        values = {name: getattr(entry, name) for name in entry.model_fields_set & _RANGE_FIELDS}
        ranges.append(channel_calendar_write.DayRange(entry.from_, entry.to, values))
    return channel_calendar_write.RoomRanges(item.roomId, ranges), [], warnings


@router.post(
    "/rooms/calendar",
    status_code=201,
    response_model=list[PostResult],
    response_model_exclude_none=True,
    summary="Modify per day calendar values.",
)
async def write_calendar(
    account: InventoryWriter,
    session: DbSession,
    body: Annotated[
        list[Any],
        Body(
            description="An array of {roomId, calendar: [{from, to, numAvail?, minStay?, "
            "maxStay?, multiplier?, override?, price1..price16?, channels?}]} (at most "
            f"{MAX_ITEMS} items); null removes a value.",
            openapi_examples={
                "changeValues": {
                    "summary": "Change the minStay, numAvail and a price for a date range",
                    "value": [
                        {
                            "roomId": 1234567,
                            "calendar": [
                                {
                                    "from": "2030-04-01",
                                    "to": "2030-05-01",
                                    "minStay": 3,
                                    "price1": 450,
                                    "numAvail": 1,
                                }
                            ],
                        }
                    ],
                }
            },
        ),
    ],
) -> list[PostResult]:
    """Per room item, its ranges in order; each item is written whole or not at all, with
    its own result (errors, warnings) in request order. See docs/channel-api.md for how
    each value maps onto staykit's calendar and rates."""
    if len(body) > MAX_ITEMS:
        raise InvalidInput(
            f"A write holds at most {MAX_ITEMS} items; send the rest in another request.",
            code="tooManyItems",
            field="body",
        )
    parsed = [_parse_room(raw) for raw in body]
    commands = [command for command, _, _ in parsed if command is not None]
    written = iter(
        await channel_calendar_write.apply_calendar(
            session, account.principal, account.business_ids, commands
        )
    )
    results = []
    for raw, (command, errors, warnings) in zip(body, parsed, strict=True):
        if command is None:
            results.append(PostResult(success=False, errors=errors))
            continue
        done = next(written)
        warnings += [_issue(n.field, n.message) for n in done.warnings]
        result = PostResult(success=done.success, warnings=warnings or None)
        if done.success:
            result.modified = {"roomId": command.room_id, "calendar": raw.get("calendar", [])}
        else:
            result.errors = [_issue(n.field, n.message) for n in done.errors]
        results.append(result)
    return results
