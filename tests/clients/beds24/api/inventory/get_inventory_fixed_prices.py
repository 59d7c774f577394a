from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_inventory_fixed_prices_response_200 import (
    GetInventoryFixedPricesResponse200,
)
from ...models.unsuccessful_api_response import UnsuccessfulApiResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_rate_codes: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_id: list[int] | Unset = UNSET
    if not isinstance(id, Unset):
        json_id = id

    params["id"] = json_id

    json_room_id: list[int] | Unset = UNSET
    if not isinstance(room_id, Unset):
        json_room_id = room_id

    params["roomId"] = json_room_id

    json_property_id: list[int] | Unset = UNSET
    if not isinstance(property_id, Unset):
        json_property_id = property_id

    params["propertyId"] = json_property_id

    params["includeRateCodes"] = include_rate_codes

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/inventory/fixedPrices",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse | None:
    if response.status_code == 200:
        response_200 = GetInventoryFixedPricesResponse200.from_dict(response.json())

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
) -> Response[GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse]:
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
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_rate_codes: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse]:
    """Gets fixed prices

     Note: fixed price linking is not yet supported

    Args:
        id (list[int] | Unset):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_rate_codes (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        room_id=room_id,
        property_id=property_id,
        include_rate_codes=include_rate_codes,
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
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_rate_codes: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse | None:
    """Gets fixed prices

     Note: fixed price linking is not yet supported

    Args:
        id (list[int] | Unset):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_rate_codes (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse
    """

    return sync_detailed(
        client=client,
        id=id,
        room_id=room_id,
        property_id=property_id,
        include_rate_codes=include_rate_codes,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_rate_codes: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse]:
    """Gets fixed prices

     Note: fixed price linking is not yet supported

    Args:
        id (list[int] | Unset):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_rate_codes (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse]
    """

    kwargs = _get_kwargs(
        id=id,
        room_id=room_id,
        property_id=property_id,
        include_rate_codes=include_rate_codes,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    id: list[int] | Unset = UNSET,
    room_id: list[int] | Unset = UNSET,
    property_id: list[int] | Unset = UNSET,
    include_rate_codes: bool | Unset = UNSET,
    page: int | Unset = UNSET,
) -> GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse | None:
    """Gets fixed prices

     Note: fixed price linking is not yet supported

    Args:
        id (list[int] | Unset):
        room_id (list[int] | Unset):
        property_id (list[int] | Unset):
        include_rate_codes (bool | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetInventoryFixedPricesResponse200 | UnsuccessfulApiResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            id=id,
            room_id=room_id,
            property_id=property_id,
            include_rate_codes=include_rate_codes,
            page=page,
        )
    ).parsed
