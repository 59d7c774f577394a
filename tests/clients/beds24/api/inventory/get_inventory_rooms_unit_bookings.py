import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_inventory_rooms_unit_bookings_response_200 import (
    GetInventoryRoomsUnitBookingsResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inventory/rooms/unitBookings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetInventoryRoomsUnitBookingsResponse200.from_dict(
            response.json()
        )

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
) -> Response[GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse]:
    """Beta - Get information about which dates units have bookings

    Args:
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        property_id=property_id,
        start_date=start_date,
        end_date=end_date,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Get information about which dates units have bookings

    Args:
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        room_id=room_id,
        property_id=property_id,
        start_date=start_date,
        end_date=end_date,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse]:
    """Beta - Get information about which dates units have bookings

    Args:
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
        property_id=property_id,
        start_date=start_date,
        end_date=end_date,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    start_date: datetime.date | Unset = UNSET,
    end_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Get information about which dates units have bookings

    Args:
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        start_date (datetime.date | Unset):
        end_date (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryRoomsUnitBookingsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            room_id=room_id,
            property_id=property_id,
            start_date=start_date,
            end_date=end_date,
            page=page,
        )
    ).parsed
