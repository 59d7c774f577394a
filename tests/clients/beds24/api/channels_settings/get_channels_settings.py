from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_channels_settings_channel_item import (
    GetChannelsSettingsChannelItem,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    property_id: str,
    room_id: list[int] | Unset = UNSET,
    channel: list[GetChannelsSettingsChannelItem] | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["propertyId"] = property_id

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_channel: list[str] | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = []
        for channel_item_data in channel:
            channel_item: str = channel_item_data
            json_channel.append(channel_item)

    params["channel"] = json_channel

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/channels/settings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> UnsuccessfulApiResponse | None:
    if response.status_code == 400:
        response_400 = UnsuccessfulApiResponse.from_dict(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    property_id: str,
    room_id: list[int] | Unset = UNSET,
    channel: list[GetChannelsSettingsChannelItem] | Unset = UNSET,
) -> Response[UnsuccessfulApiResponse]:
    """Alpha - Get channel settings

    Args:
        property_id (str):
        room_id (list[int] | Unset):
        channel (list[GetChannelsSettingsChannelItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        property_id=property_id,
        room_id=room_id,
        channel=channel,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    property_id: str,
    room_id: list[int] | Unset = UNSET,
    channel: list[GetChannelsSettingsChannelItem] | Unset = UNSET,
) -> UnsuccessfulApiResponse | None:
    """Alpha - Get channel settings

    Args:
        property_id (str):
        room_id (list[int] | Unset):
        channel (list[GetChannelsSettingsChannelItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        property_id=property_id,
        room_id=room_id,
        channel=channel,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    property_id: str,
    room_id: list[int] | Unset = UNSET,
    channel: list[GetChannelsSettingsChannelItem] | Unset = UNSET,
) -> Response[UnsuccessfulApiResponse]:
    """Alpha - Get channel settings

    Args:
        property_id (str):
        room_id (list[int] | Unset):
        channel (list[GetChannelsSettingsChannelItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        property_id=property_id,
        room_id=room_id,
        channel=channel,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    property_id: str,
    room_id: list[int] | Unset = UNSET,
    channel: list[GetChannelsSettingsChannelItem] | Unset = UNSET,
) -> UnsuccessfulApiResponse | None:
    """Alpha - Get channel settings

    Args:
        property_id (str):
        room_id (list[int] | Unset):
        channel (list[GetChannelsSettingsChannelItem] | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            property_id=property_id,
            room_id=room_id,
            channel=channel,
        )
    ).parsed
