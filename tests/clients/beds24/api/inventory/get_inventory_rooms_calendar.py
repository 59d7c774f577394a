import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_inventory_rooms_calendar_response_200 import (
    GetInventoryRoomsCalendarResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start_date: datetime.date,
    end_date: datetime.date,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_num_avail: bool | Unset = UNSET,
    include_min_stay: bool | Unset = UNSET,
    include_max_stay: bool | Unset = UNSET,
    include_multiplier: bool | Unset = UNSET,
    include_override: bool | Unset = UNSET,
    include_prices: bool | Unset = UNSET,
    include_linked_prices: bool | Unset = UNSET,
    include_channels: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    params["includeNumAvail"] = include_num_avail

    params["includeMinStay"] = include_min_stay

    params["includeMaxStay"] = include_max_stay

    params["includeMultiplier"] = include_multiplier

    params["includeOverride"] = include_override

    params["includePrices"] = include_prices

    params["includeLinkedPrices"] = include_linked_prices

    params["includeChannels"] = include_channels

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inventory/rooms/calendar",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetInventoryRoomsCalendarResponse200.from_dict(response.json())

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
) -> Response[GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    start_date: datetime.date,
    end_date: datetime.date,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_num_avail: bool | Unset = UNSET,
    include_min_stay: bool | Unset = UNSET,
    include_max_stay: bool | Unset = UNSET,
    include_multiplier: bool | Unset = UNSET,
    include_override: bool | Unset = UNSET,
    include_prices: bool | Unset = UNSET,
    include_linked_prices: bool | Unset = UNSET,
    include_channels: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse]:
    """Gets per day values from the calendar.

     Values that are set in other places, such as per room, are not returned here - only values that you
    can see in the calendar (there is an exception with minStay and maxStay, if these are not set in the
    calendar then the minimum/maximum restrictions from the room will be returned). By default no data
    will be returned. You should include at least one includeX parameter.

    Args:
        start_date (datetime.date):
        end_date (datetime.date):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_num_avail (bool | Unset):
        include_min_stay (bool | Unset):
        include_max_stay (bool | Unset):
        include_multiplier (bool | Unset):
        include_override (bool | Unset):
        include_prices (bool | Unset):
        include_linked_prices (bool | Unset):
        include_channels (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        start_date=start_date,
        end_date=end_date,
        room_id=room_id,
        property_id=property_id,
        include_num_avail=include_num_avail,
        include_min_stay=include_min_stay,
        include_max_stay=include_max_stay,
        include_multiplier=include_multiplier,
        include_override=include_override,
        include_prices=include_prices,
        include_linked_prices=include_linked_prices,
        include_channels=include_channels,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    start_date: datetime.date,
    end_date: datetime.date,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_num_avail: bool | Unset = UNSET,
    include_min_stay: bool | Unset = UNSET,
    include_max_stay: bool | Unset = UNSET,
    include_multiplier: bool | Unset = UNSET,
    include_override: bool | Unset = UNSET,
    include_prices: bool | Unset = UNSET,
    include_linked_prices: bool | Unset = UNSET,
    include_channels: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse | None:
    """Gets per day values from the calendar.

     Values that are set in other places, such as per room, are not returned here - only values that you
    can see in the calendar (there is an exception with minStay and maxStay, if these are not set in the
    calendar then the minimum/maximum restrictions from the room will be returned). By default no data
    will be returned. You should include at least one includeX parameter.

    Args:
        start_date (datetime.date):
        end_date (datetime.date):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_num_avail (bool | Unset):
        include_min_stay (bool | Unset):
        include_max_stay (bool | Unset):
        include_multiplier (bool | Unset):
        include_override (bool | Unset):
        include_prices (bool | Unset):
        include_linked_prices (bool | Unset):
        include_channels (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        start_date=start_date,
        end_date=end_date,
        room_id=room_id,
        property_id=property_id,
        include_num_avail=include_num_avail,
        include_min_stay=include_min_stay,
        include_max_stay=include_max_stay,
        include_multiplier=include_multiplier,
        include_override=include_override,
        include_prices=include_prices,
        include_linked_prices=include_linked_prices,
        include_channels=include_channels,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    start_date: datetime.date,
    end_date: datetime.date,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_num_avail: bool | Unset = UNSET,
    include_min_stay: bool | Unset = UNSET,
    include_max_stay: bool | Unset = UNSET,
    include_multiplier: bool | Unset = UNSET,
    include_override: bool | Unset = UNSET,
    include_prices: bool | Unset = UNSET,
    include_linked_prices: bool | Unset = UNSET,
    include_channels: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse]:
    """Gets per day values from the calendar.

     Values that are set in other places, such as per room, are not returned here - only values that you
    can see in the calendar (there is an exception with minStay and maxStay, if these are not set in the
    calendar then the minimum/maximum restrictions from the room will be returned). By default no data
    will be returned. You should include at least one includeX parameter.

    Args:
        start_date (datetime.date):
        end_date (datetime.date):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_num_avail (bool | Unset):
        include_min_stay (bool | Unset):
        include_max_stay (bool | Unset):
        include_multiplier (bool | Unset):
        include_override (bool | Unset):
        include_prices (bool | Unset):
        include_linked_prices (bool | Unset):
        include_channels (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        start_date=start_date,
        end_date=end_date,
        room_id=room_id,
        property_id=property_id,
        include_num_avail=include_num_avail,
        include_min_stay=include_min_stay,
        include_max_stay=include_max_stay,
        include_multiplier=include_multiplier,
        include_override=include_override,
        include_prices=include_prices,
        include_linked_prices=include_linked_prices,
        include_channels=include_channels,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    start_date: datetime.date,
    end_date: datetime.date,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_num_avail: bool | Unset = UNSET,
    include_min_stay: bool | Unset = UNSET,
    include_max_stay: bool | Unset = UNSET,
    include_multiplier: bool | Unset = UNSET,
    include_override: bool | Unset = UNSET,
    include_prices: bool | Unset = UNSET,
    include_linked_prices: bool | Unset = UNSET,
    include_channels: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse | None:
    """Gets per day values from the calendar.

     Values that are set in other places, such as per room, are not returned here - only values that you
    can see in the calendar (there is an exception with minStay and maxStay, if these are not set in the
    calendar then the minimum/maximum restrictions from the room will be returned). By default no data
    will be returned. You should include at least one includeX parameter.

    Args:
        start_date (datetime.date):
        end_date (datetime.date):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_num_avail (bool | Unset):
        include_min_stay (bool | Unset):
        include_max_stay (bool | Unset):
        include_multiplier (bool | Unset):
        include_override (bool | Unset):
        include_prices (bool | Unset):
        include_linked_prices (bool | Unset):
        include_channels (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsCalendarResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            start_date=start_date,
            end_date=end_date,
            room_id=room_id,
            property_id=property_id,
            include_num_avail=include_num_avail,
            include_min_stay=include_min_stay,
            include_max_stay=include_max_stay,
            include_multiplier=include_multiplier,
            include_override=include_override,
            include_prices=include_prices,
            include_linked_prices=include_linked_prices,
            include_channels=include_channels,
            page=page,
        )
    ).parsed
