from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_bookings_messages_filter import (
    GetBookingsMessagesFilter,
)
from ...models.get_bookings_messages_response_200 import GetBookingsMessagesResponse200
from ...models.get_bookings_messages_source import (
    GetBookingsMessagesSource,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    filter_: GetBookingsMessagesFilter | Unset = UNSET,
    max_age: int | Unset = UNSET,
    source: GetBookingsMessagesSource | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[int] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_booking_id: list[int] | Unset = UNSET
    if not isinstance(booking_id, Unset):
        json_booking_id = booking_id

    params["bookingId"] = json_booking_id

    json_master_id: list[int] | Unset = UNSET
    if not isinstance(master_id, Unset):
        json_master_id = master_id

    params["masterId"] = json_master_id

    json_filter_: str | Unset = UNSET
    if not isinstance(filter_, Unset):
        json_filter_ = filter_

    params["filter"] = json_filter_

    params["maxAge"] = max_age

    json_source: str | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = source

    params["source"] = json_source

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/bookings/messages",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetBookingsMessagesResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetBookingsMessagesResponse200.from_dict(response.json())

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
) -> Response[GetBookingsMessagesResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    filter_: GetBookingsMessagesFilter | Unset = UNSET,
    max_age: int | Unset = UNSET,
    source: GetBookingsMessagesSource | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetBookingsMessagesResponse200 | UnsuccessfulApiResponse]:
    """Get messages

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        filter_ (GetBookingsMessagesFilter | Unset):
        max_age (int | Unset):
        source (GetBookingsMessagesSource | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBookingsMessagesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
        filter_=filter_,
        max_age=max_age,
        source=source,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    filter_: GetBookingsMessagesFilter | Unset = UNSET,
    max_age: int | Unset = UNSET,
    source: GetBookingsMessagesSource | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetBookingsMessagesResponse200 | UnsuccessfulApiResponse | None:
    """Get messages

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        filter_ (GetBookingsMessagesFilter | Unset):
        max_age (int | Unset):
        source (GetBookingsMessagesSource | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBookingsMessagesResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
        filter_=filter_,
        max_age=max_age,
        source=source,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    filter_: GetBookingsMessagesFilter | Unset = UNSET,
    max_age: int | Unset = UNSET,
    source: GetBookingsMessagesSource | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetBookingsMessagesResponse200 | UnsuccessfulApiResponse]:
    """Get messages

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        filter_ (GetBookingsMessagesFilter | Unset):
        max_age (int | Unset):
        source (GetBookingsMessagesSource | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBookingsMessagesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
        filter_=filter_,
        max_age=max_age,
        source=source,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
    filter_: GetBookingsMessagesFilter | Unset = UNSET,
    max_age: int | Unset = UNSET,
    source: GetBookingsMessagesSource | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetBookingsMessagesResponse200 | UnsuccessfulApiResponse | None:
    """Get messages

    Args:
        id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        filter_ (GetBookingsMessagesFilter | Unset):
        max_age (int | Unset):
        source (GetBookingsMessagesSource | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBookingsMessagesResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            property_id=property_id,
            room_id=room_id,
            booking_id=booking_id,
            master_id=master_id,
            filter_=filter_,
            max_age=max_age,
            source=source,
            page=page,
        )
    ).parsed
