import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_bookings_channel import (
    GetBookingsChannel,
)
from ...models.get_bookings_filter import GetBookingsFilter
from ...models.get_bookings_response_200 import GetBookingsResponse200
from ...models.get_bookings_status_item import (
    GetBookingsStatusItem,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    filter_: GetBookingsFilter | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    api_reference: list[str] | Unset = UNSET,
    channel: GetBookingsChannel | Unset = UNSET,
    arrival: datetime.date | Unset = UNSET,
    arrival_from: datetime.date | Unset = UNSET,
    arrival_to: datetime.date | Unset = UNSET,
    departure: datetime.date | Unset = UNSET,
    departure_from: datetime.date | Unset = UNSET,
    departure_to: datetime.date | Unset = UNSET,
    booking_time_from: datetime.datetime | Unset = UNSET,
    booking_time_to: datetime.datetime | Unset = UNSET,
    modified_from: datetime.datetime | Unset = UNSET,
    modified_to: datetime.datetime | Unset = UNSET,
    search_string: str | Unset = UNSET,
    include_invoice_items: bool | Unset = UNSET,
    include_info_items: bool | Unset = UNSET,
    include_guests: bool | Unset = UNSET,
    include_booking_group: bool | Unset = UNSET,
    status: list[GetBookingsStatusItem] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_filter_: str | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_

    params["filter"] = json_filter_

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_id: list[int] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_master_id: list[int] | Unset = UNSET
    if not isinstance(master_id, Unset):
        json_master_id = master_id

    params["masterId"] = json_master_id

    json_api_reference: list[str] | Unset = UNSET
    if not isinstance(api_reference, Unset):
        json_api_reference = api_reference

    params["apiReference"] = json_api_reference

    json_channel: str | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = channel

    params["channel"] = json_channel

    json_arrival: str | Unset = UNSET
    if not isinstance(arrival, Unset):
        json_arrival = arrival.isoformat()
    params["arrival"] = json_arrival

    json_arrival_from: str | Unset = UNSET
    if not isinstance(arrival_from, Unset):
        json_arrival_from = arrival_from.isoformat()
    params["arrivalFrom"] = json_arrival_from

    json_arrival_to: str | Unset = UNSET
    if not isinstance(arrival_to, Unset):
        json_arrival_to = arrival_to.isoformat()
    params["arrivalTo"] = json_arrival_to

    json_departure: str | Unset = UNSET
    if not isinstance(departure, Unset):
        json_departure = departure.isoformat()
    params["departure"] = json_departure

    json_departure_from: str | Unset = UNSET
    if not isinstance(departure_from, Unset):
        json_departure_from = departure_from.isoformat()
    params["departureFrom"] = json_departure_from

    json_departure_to: str | Unset = UNSET
    if not isinstance(departure_to, Unset):
        json_departure_to = departure_to.isoformat()
    params["departureTo"] = json_departure_to

    json_booking_time_from: str | Unset = UNSET
    if not isinstance(booking_time_from, Unset):
        json_booking_time_from = booking_time_from.isoformat()
    params["bookingTimeFrom"] = json_booking_time_from

    json_booking_time_to: str | Unset = UNSET
    if not isinstance(booking_time_to, Unset):
        json_booking_time_to = booking_time_to.isoformat()
    params["bookingTimeTo"] = json_booking_time_to

    json_modified_from: str | Unset = UNSET
    if not isinstance(modified_from, Unset):
        json_modified_from = modified_from.isoformat()
    params["modifiedFrom"] = json_modified_from

    json_modified_to: str | Unset = UNSET
    if not isinstance(modified_to, Unset):
        json_modified_to = modified_to.isoformat()
    params["modifiedTo"] = json_modified_to

    params["searchString"] = search_string

    params["includeInvoiceItems"] = include_invoice_items

    params["includeInfoItems"] = include_info_items

    params["includeGuests"] = include_guests

    params["includeBookingGroup"] = include_booking_group

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item: str = status_item_data
            json_status.append(status_item)

    params["status"] = json_status

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/bookings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetBookingsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetBookingsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UnsuccessfulApiResponse.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GetBookingsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    filter_: GetBookingsFilter | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    api_reference: list[str] | Unset = UNSET,
    channel: GetBookingsChannel | Unset = UNSET,
    arrival: datetime.date | Unset = UNSET,
    arrival_from: datetime.date | Unset = UNSET,
    arrival_to: datetime.date | Unset = UNSET,
    departure: datetime.date | Unset = UNSET,
    departure_from: datetime.date | Unset = UNSET,
    departure_to: datetime.date | Unset = UNSET,
    booking_time_from: datetime.datetime | Unset = UNSET,
    booking_time_to: datetime.datetime | Unset = UNSET,
    modified_from: datetime.datetime | Unset = UNSET,
    modified_to: datetime.datetime | Unset = UNSET,
    search_string: str | Unset = UNSET,
    include_invoice_items: bool | Unset = UNSET,
    include_info_items: bool | Unset = UNSET,
    include_guests: bool | Unset = UNSET,
    include_booking_group: bool | Unset = UNSET,
    status: list[GetBookingsStatusItem] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetBookingsResponse200 | UnsuccessfulApiResponse]:
    """Get bookings matching specified criteria

     By default only upcoming bookings will be returned

    Args:
        filter_ (GetBookingsFilter | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        id (list[int] | Unset):
        master_id (list[int] | Unset):
        api_reference (list[str] | Unset):
        channel (GetBookingsChannel | Unset):
        arrival (datetime.date | Unset):
        arrival_from (datetime.date | Unset):
        arrival_to (datetime.date | Unset):
        departure (datetime.date | Unset):
        departure_from (datetime.date | Unset):
        departure_to (datetime.date | Unset):
        booking_time_from (datetime.datetime | Unset):
        booking_time_to (datetime.datetime | Unset):
        modified_from (datetime.datetime | Unset):
        modified_to (datetime.datetime | Unset):
        search_string (str | Unset):
        include_invoice_items (bool | Unset):
        include_info_items (bool | Unset):
        include_guests (bool | Unset):
        include_booking_group (bool | Unset):
        status (list[GetBookingsStatusItem] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBookingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        filter_=filter_,
        property_id=property_id,
        room_id=room_id,
        id=id,
        master_id=master_id,
        api_reference=api_reference,
        channel=channel,
        arrival=arrival,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
        departure=departure,
        departure_from=departure_from,
        departure_to=departure_to,
        booking_time_from=booking_time_from,
        booking_time_to=booking_time_to,
        modified_from=modified_from,
        modified_to=modified_to,
        search_string=search_string,
        include_invoice_items=include_invoice_items,
        include_info_items=include_info_items,
        include_guests=include_guests,
        include_booking_group=include_booking_group,
        status=status,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    filter_: GetBookingsFilter | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    api_reference: list[str] | Unset = UNSET,
    channel: GetBookingsChannel | Unset = UNSET,
    arrival: datetime.date | Unset = UNSET,
    arrival_from: datetime.date | Unset = UNSET,
    arrival_to: datetime.date | Unset = UNSET,
    departure: datetime.date | Unset = UNSET,
    departure_from: datetime.date | Unset = UNSET,
    departure_to: datetime.date | Unset = UNSET,
    booking_time_from: datetime.datetime | Unset = UNSET,
    booking_time_to: datetime.datetime | Unset = UNSET,
    modified_from: datetime.datetime | Unset = UNSET,
    modified_to: datetime.datetime | Unset = UNSET,
    search_string: str | Unset = UNSET,
    include_invoice_items: bool | Unset = UNSET,
    include_info_items: bool | Unset = UNSET,
    include_guests: bool | Unset = UNSET,
    include_booking_group: bool | Unset = UNSET,
    status: list[GetBookingsStatusItem] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetBookingsResponse200 | UnsuccessfulApiResponse | None:
    """Get bookings matching specified criteria

     By default only upcoming bookings will be returned

    Args:
        filter_ (GetBookingsFilter | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        id (list[int] | Unset):
        master_id (list[int] | Unset):
        api_reference (list[str] | Unset):
        channel (GetBookingsChannel | Unset):
        arrival (datetime.date | Unset):
        arrival_from (datetime.date | Unset):
        arrival_to (datetime.date | Unset):
        departure (datetime.date | Unset):
        departure_from (datetime.date | Unset):
        departure_to (datetime.date | Unset):
        booking_time_from (datetime.datetime | Unset):
        booking_time_to (datetime.datetime | Unset):
        modified_from (datetime.datetime | Unset):
        modified_to (datetime.datetime | Unset):
        search_string (str | Unset):
        include_invoice_items (bool | Unset):
        include_info_items (bool | Unset):
        include_guests (bool | Unset):
        include_booking_group (bool | Unset):
        status (list[GetBookingsStatusItem] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBookingsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        filter_=filter_,
        property_id=property_id,
        room_id=room_id,
        id=id,
        master_id=master_id,
        api_reference=api_reference,
        channel=channel,
        arrival=arrival,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
        departure=departure,
        departure_from=departure_from,
        departure_to=departure_to,
        booking_time_from=booking_time_from,
        booking_time_to=booking_time_to,
        modified_from=modified_from,
        modified_to=modified_to,
        search_string=search_string,
        include_invoice_items=include_invoice_items,
        include_info_items=include_info_items,
        include_guests=include_guests,
        include_booking_group=include_booking_group,
        status=status,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    filter_: GetBookingsFilter | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    api_reference: list[str] | Unset = UNSET,
    channel: GetBookingsChannel | Unset = UNSET,
    arrival: datetime.date | Unset = UNSET,
    arrival_from: datetime.date | Unset = UNSET,
    arrival_to: datetime.date | Unset = UNSET,
    departure: datetime.date | Unset = UNSET,
    departure_from: datetime.date | Unset = UNSET,
    departure_to: datetime.date | Unset = UNSET,
    booking_time_from: datetime.datetime | Unset = UNSET,
    booking_time_to: datetime.datetime | Unset = UNSET,
    modified_from: datetime.datetime | Unset = UNSET,
    modified_to: datetime.datetime | Unset = UNSET,
    search_string: str | Unset = UNSET,
    include_invoice_items: bool | Unset = UNSET,
    include_info_items: bool | Unset = UNSET,
    include_guests: bool | Unset = UNSET,
    include_booking_group: bool | Unset = UNSET,
    status: list[GetBookingsStatusItem] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetBookingsResponse200 | UnsuccessfulApiResponse]:
    """Get bookings matching specified criteria

     By default only upcoming bookings will be returned

    Args:
        filter_ (GetBookingsFilter | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        id (list[int] | Unset):
        master_id (list[int] | Unset):
        api_reference (list[str] | Unset):
        channel (GetBookingsChannel | Unset):
        arrival (datetime.date | Unset):
        arrival_from (datetime.date | Unset):
        arrival_to (datetime.date | Unset):
        departure (datetime.date | Unset):
        departure_from (datetime.date | Unset):
        departure_to (datetime.date | Unset):
        booking_time_from (datetime.datetime | Unset):
        booking_time_to (datetime.datetime | Unset):
        modified_from (datetime.datetime | Unset):
        modified_to (datetime.datetime | Unset):
        search_string (str | Unset):
        include_invoice_items (bool | Unset):
        include_info_items (bool | Unset):
        include_guests (bool | Unset):
        include_booking_group (bool | Unset):
        status (list[GetBookingsStatusItem] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBookingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        filter_=filter_,
        property_id=property_id,
        room_id=room_id,
        id=id,
        master_id=master_id,
        api_reference=api_reference,
        channel=channel,
        arrival=arrival,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
        departure=departure,
        departure_from=departure_from,
        departure_to=departure_to,
        booking_time_from=booking_time_from,
        booking_time_to=booking_time_to,
        modified_from=modified_from,
        modified_to=modified_to,
        search_string=search_string,
        include_invoice_items=include_invoice_items,
        include_info_items=include_info_items,
        include_guests=include_guests,
        include_booking_group=include_booking_group,
        status=status,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    filter_: GetBookingsFilter | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    api_reference: list[str] | Unset = UNSET,
    channel: GetBookingsChannel | Unset = UNSET,
    arrival: datetime.date | Unset = UNSET,
    arrival_from: datetime.date | Unset = UNSET,
    arrival_to: datetime.date | Unset = UNSET,
    departure: datetime.date | Unset = UNSET,
    departure_from: datetime.date | Unset = UNSET,
    departure_to: datetime.date | Unset = UNSET,
    booking_time_from: datetime.datetime | Unset = UNSET,
    booking_time_to: datetime.datetime | Unset = UNSET,
    modified_from: datetime.datetime | Unset = UNSET,
    modified_to: datetime.datetime | Unset = UNSET,
    search_string: str | Unset = UNSET,
    include_invoice_items: bool | Unset = UNSET,
    include_info_items: bool | Unset = UNSET,
    include_guests: bool | Unset = UNSET,
    include_booking_group: bool | Unset = UNSET,
    status: list[GetBookingsStatusItem] | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetBookingsResponse200 | UnsuccessfulApiResponse | None:
    """Get bookings matching specified criteria

     By default only upcoming bookings will be returned

    Args:
        filter_ (GetBookingsFilter | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        id (list[int] | Unset):
        master_id (list[int] | Unset):
        api_reference (list[str] | Unset):
        channel (GetBookingsChannel | Unset):
        arrival (datetime.date | Unset):
        arrival_from (datetime.date | Unset):
        arrival_to (datetime.date | Unset):
        departure (datetime.date | Unset):
        departure_from (datetime.date | Unset):
        departure_to (datetime.date | Unset):
        booking_time_from (datetime.datetime | Unset):
        booking_time_to (datetime.datetime | Unset):
        modified_from (datetime.datetime | Unset):
        modified_to (datetime.datetime | Unset):
        search_string (str | Unset):
        include_invoice_items (bool | Unset):
        include_info_items (bool | Unset):
        include_guests (bool | Unset):
        include_booking_group (bool | Unset):
        status (list[GetBookingsStatusItem] | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBookingsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            filter_=filter_,
            property_id=property_id,
            room_id=room_id,
            id=id,
            master_id=master_id,
            api_reference=api_reference,
            channel=channel,
            arrival=arrival,
            arrival_from=arrival_from,
            arrival_to=arrival_to,
            departure=departure,
            departure_from=departure_from,
            departure_to=departure_to,
            booking_time_from=booking_time_from,
            booking_time_to=booking_time_to,
            modified_from=modified_from,
            modified_to=modified_to,
            search_string=search_string,
            include_invoice_items=include_invoice_items,
            include_info_items=include_info_items,
            include_guests=include_guests,
            include_booking_group=include_booking_group,
            status=status,
            page=page,
        )
    ).parsed
