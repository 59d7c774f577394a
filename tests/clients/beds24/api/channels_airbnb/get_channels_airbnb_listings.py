from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_channels_airbnb_listings_response_200 import (
    GetChannelsAirbnbListingsResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    airbnb_user_id: str,
    airbnb_listing_id: str | Unset = UNSET,
    airbnb_api_version: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["airbnbUserId"] = airbnb_user_id

    params["airbnbListingId"] = airbnb_listing_id

    params["airbnbApiVersion"] = airbnb_api_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/channels/airbnb/listings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetChannelsAirbnbListingsResponse200.from_dict(response.json())

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
) -> Response[GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    airbnb_user_id: str,
    airbnb_listing_id: str | Unset = UNSET,
    airbnb_api_version: str | Unset = UNSET,
) -> Response[GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse]:
    """Alpha - Get all Airbnb listings for a specified Airbnb user id

     Note: the response will include additional data from Airbnb's API that is not specified in the
    example.

    Args:
        airbnb_user_id (str):
        airbnb_listing_id (str | Unset):
        airbnb_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        airbnb_user_id=airbnb_user_id,
        airbnb_listing_id=airbnb_listing_id,
        airbnb_api_version=airbnb_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    airbnb_user_id: str,
    airbnb_listing_id: str | Unset = UNSET,
    airbnb_api_version: str | Unset = UNSET,
) -> GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha - Get all Airbnb listings for a specified Airbnb user id

     Note: the response will include additional data from Airbnb's API that is not specified in the
    example.

    Args:
        airbnb_user_id (str):
        airbnb_listing_id (str | Unset):
        airbnb_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        airbnb_user_id=airbnb_user_id,
        airbnb_listing_id=airbnb_listing_id,
        airbnb_api_version=airbnb_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    airbnb_user_id: str,
    airbnb_listing_id: str | Unset = UNSET,
    airbnb_api_version: str | Unset = UNSET,
) -> Response[GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse]:
    """Alpha - Get all Airbnb listings for a specified Airbnb user id

     Note: the response will include additional data from Airbnb's API that is not specified in the
    example.

    Args:
        airbnb_user_id (str):
        airbnb_listing_id (str | Unset):
        airbnb_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        airbnb_user_id=airbnb_user_id,
        airbnb_listing_id=airbnb_listing_id,
        airbnb_api_version=airbnb_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    airbnb_user_id: str,
    airbnb_listing_id: str | Unset = UNSET,
    airbnb_api_version: str | Unset = UNSET,
) -> GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse | None:
    """Alpha - Get all Airbnb listings for a specified Airbnb user id

     Note: the response will include additional data from Airbnb's API that is not specified in the
    example.

    Args:
        airbnb_user_id (str):
        airbnb_listing_id (str | Unset):
        airbnb_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetChannelsAirbnbListingsResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            airbnb_user_id=airbnb_user_id,
            airbnb_listing_id=airbnb_listing_id,
            airbnb_api_version=airbnb_api_version,
        )
    ).parsed
