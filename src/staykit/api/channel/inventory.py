"""Channel API: /inventory reads (Beds24 API V2), scope read:inventory; the writes are in
inventory_writes.py. Rooms are unit types named by their integer id; every figure comes
from domain/catalog/channel_calendar.py (the type calendar, nightly rates and the quote
engine), so it equals the Cloud API's and the quote's for the same nights. Pages hold
PAGE_SIZE rooms (fixed prices: PAGE_SIZE rates).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Security

from staykit.api.channel.account import ActingAccount, acting_account
from staykit.api.channel.inventory_schemas import (
    CalendarRange,
    FixedPrice,
    OfferAnswer,
    RoomAvailability,
    RoomCalendar,
    RoomOffers,
    RoomUnitBookings,
)
from staykit.api.channel.listing import PAGE_SIZE, ListAnswer, Page, PageRequest, answer
from staykit.api.deps import DbSession, ReplicaSession
from staykit.core.clock import utcnow
from staykit.core.errors import InvalidInput
from staykit.domain.catalog import channel_calendar
from staykit.domain.catalog.channel_calendar import MAX_DAYS, SLOTS, CalendarNight
from staykit.domain.catalog.dates import check_stay_dates

router = APIRouter(prefix="/inventory", tags=["Inventory"])

Inventory = Annotated[ActingAccount, Security(acting_account, scopes=["read:inventory"])]

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
    session: ReplicaSession,  # a calendar may be a moment stale
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
    session: ReplicaSession,  # a calendar may be a moment stale
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
