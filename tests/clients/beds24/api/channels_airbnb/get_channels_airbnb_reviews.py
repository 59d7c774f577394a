from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_channels_airbnb_reviews_response_200 import (
    GetChannelsAirbnbReviewsResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    room_id: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["roomId"] = room_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/channels/airbnb/reviews",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetChannelsAirbnbReviewsResponse200.from_dict(response.json())

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
) -> Response[GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    room_id: int,
) -> Response[GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse]:
    """Beta - Gets guest reviews from Airbnb

     Maxiumum of 100 reviews will be returned at once

    Args:
        room_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    room_id: int,
) -> GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Gets guest reviews from Airbnb

     Maxiumum of 100 reviews will be returned at once

    Args:
        room_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        room_id=room_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    room_id: int,
) -> Response[GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse]:
    """Beta - Gets guest reviews from Airbnb

     Maxiumum of 100 reviews will be returned at once

    Args:
        room_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        room_id=room_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    room_id: int,
) -> GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse | None:
    """Beta - Gets guest reviews from Airbnb

     Maxiumum of 100 reviews will be returned at once

    Args:
        room_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsAirbnbReviewsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            room_id=room_id,
        )
    ).parsed
