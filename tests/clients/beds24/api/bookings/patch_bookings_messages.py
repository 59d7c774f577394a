from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patch_bookings_messages_body import PatchBookingsMessagesBody
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PatchBookingsMessagesBody | Unset = UNSET,
    message_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_message_id: list[int] | Unset = UNSET
    if not isinstance(message_id, Unset):
        json_message_id = message_id

    params["messageId"] = json_message_id

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/bookings/messages",
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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
) -> Response[Any | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchBookingsMessagesBody | Unset = UNSET,
    message_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
) -> Response[Any | UnsuccessfulApiResponse]:
    """Make changes in all messages in a selection.

    Args:
        message_id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        body (PatchBookingsMessagesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        message_id=message_id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PatchBookingsMessagesBody | Unset = UNSET,
    message_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
) -> Any | UnsuccessfulApiResponse | None:
    """Make changes in all messages in a selection.

    Args:
        message_id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        body (PatchBookingsMessagesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        message_id=message_id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PatchBookingsMessagesBody | Unset = UNSET,
    message_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
) -> Response[Any | UnsuccessfulApiResponse]:
    """Make changes in all messages in a selection.

    Args:
        message_id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        body (PatchBookingsMessagesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        message_id=message_id,
        property_id=property_id,
        room_id=room_id,
        booking_id=booking_id,
        master_id=master_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PatchBookingsMessagesBody | Unset = UNSET,
    message_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    booking_id: list[int] | Unset = UNSET,
    master_id: list[int] | Unset = UNSET,
) -> Any | UnsuccessfulApiResponse | None:
    """Make changes in all messages in a selection.

    Args:
        message_id (list[int] | Unset):
        property_id (list[int] | Unset):
        room_id (list[int] | Unset):
        booking_id (list[int] | Unset):
        master_id (list[int] | Unset):
        body (PatchBookingsMessagesBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            message_id=message_id,
            property_id=property_id,
            room_id=room_id,
            booking_id=booking_id,
            master_id=master_id,
        )
    ).parsed
